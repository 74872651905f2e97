package corpus

import (
	"encoding/json"
	"testing"
)

func TestDate(t *testing.T) {
	for _, tt := range []struct {
		d         Date
		str, prec string
		last      string
		valid     bool
	}{
		{Date{2022, 10, 7}, "2022-10-07", "day", "2022-10-07", true},
		{Date{2024, 2, 0}, "2024-02", "month", "2024-02-29", true},
		{Date{2015, 0, 0}, "2015", "year", "2015-12-31", true},
		{Date{2023, 2, 29}, "2023-02-29", "day", "2023-02-29", false},
		{Date{}, "", "", "", true},
	} {
		if got := tt.d.String(); got != tt.str {
			t.Errorf("%#v.String() = %q, want %q", tt.d, got, tt.str)
		}
		if got := tt.d.Precision(); got != tt.prec {
			t.Errorf("%#v.Precision() = %q, want %q", tt.d, got, tt.prec)
		}
		if got := tt.d.Last().String(); got != tt.last {
			t.Errorf("%#v.Last() = %q, want %q", tt.d, got, tt.last)
		}
		if got := tt.d.Valid(); got != tt.valid {
			t.Errorf("%#v.Valid() = %v, want %v", tt.d, got, tt.valid)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type wrap struct {
		D Date `json:"d,omitzero"`
	}
	b, _ := json.Marshal(wrap{Date{2022, 10, 7}})
	if string(b) != `{"d":"2022-10-07"}` {
		t.Errorf("Marshal = %s", b)
	}
	var w wrap
	if err := json.Unmarshal([]byte(`{"d":"2024-05"}`), &w); err != nil || w.D != (Date{2024, 5, 0}) {
		t.Errorf("Unmarshal = %v, %v", w.D, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"2024-13"}`), &w); err == nil {
		t.Errorf("Unmarshal of month 13 succeeded")
	}
	b, _ = json.Marshal(wrap{})
	if string(b) != `{}` {
		t.Errorf("Marshal(zero) = %s", b)
	}
}
