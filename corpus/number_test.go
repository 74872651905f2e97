package corpus

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Number
		ok   bool
	}{
		{"7", "7", true},
		{"7.", "7", true},
		{"§ 12", "12", true},
		{"84.3", "84.3", true},
		{"84.3.", "84.3", true},
		{"102.157", "102.157", true},
		{"2.1", "2.1", true},
		{"4.a.", "4.a", true},
		{"4 a)", "4.a", true},
		{"4(a)", "4.a", true},
		{"4.a)", "4.a", true},
		{"IV.B.3", "IV.B.3", true},
		{"007", "7", true},
		{"84.03", "84.3", true},
		{"", "", false},
		{"0", "", false},
		{"a", "", false},
		{"IV", "", false}, // a lone Roman numeral is as often a word
		{"12345", "", false},
		{"1.2.3.4.5", "", false},
		{"84..3", "", false},
		{"Proseguir", "", false},
		{"4.ab", "", false},
	} {
		got, ok := ParseNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseNumber(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestNumberKeyOrder(t *testing.T) {
	want := []Number{"3", "4", "4.a", "4.b", "7", "84", "84.3", "84.10", "84.11", "85", "85.12", "102.157"}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, func(a, b Number) int {
		switch {
		case a.Less(b):
			return -1
		case b.Less(a):
			return 1
		}
		return 0
	})
	if !slices.Equal(got, want) {
		t.Errorf("sorted by Key: %q, want %q", got, want)
	}
	if k := Number("IV.B.3").Key(); k != "000004.b.000003" {
		t.Errorf("Key(IV.B.3) = %q", k)
	}
	if !Number("III.C").Less("IV.A") {
		t.Error("III.C should sort before IV.A")
	}
}

func TestNumberParts(t *testing.T) {
	for _, tt := range []struct {
		n      Number
		i      int
		parent Number
	}{
		{"7", 7, ""},
		{"84.3", 0, "84"},
		{"4.a", 0, "4"},
		{"IV.B.3", 0, "IV.B"},
		{"", 0, ""},
	} {
		if got := tt.n.Int(); got != tt.i {
			t.Errorf("%q.Int() = %d, want %d", tt.n, got, tt.i)
		}
		if got := tt.n.Parent(); got != tt.parent {
			t.Errorf("%q.Parent() = %q, want %q", tt.n, got, tt.parent)
		}
	}
}

// TestNumberJSON checks that a number is written as a string and read from
// a string or, as older indexes stored it, from an integer.
func TestNumberJSON(t *testing.T) {
	b, _ := json.Marshal(Paragraph{Number: "84.3"})
	var p Paragraph
	if err := json.Unmarshal(b, &p); err != nil || p.Number != "84.3" {
		t.Errorf("round trip of %s: %q, %v", b, p.Number, err)
	}
	if err := json.Unmarshal([]byte(`{"number": 7}`), &p); err != nil || p.Number != "7" {
		t.Errorf("integer 7: %q, %v", p.Number, err)
	}
	if err := json.Unmarshal([]byte(`{"number": true}`), &p); err == nil {
		t.Error("a boolean number was accepted")
	}
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"7", "84.3", "4 a)", "IV.B.3", "§ 12", "26.165"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseNumber(s)
		if !ok {
			return
		}
		again, ok2 := ParseNumber(n.String())
		if !ok2 || again != n {
			t.Fatalf("ParseNumber(%q) = %q, which parses as %q, %v", s, n, again, ok2)
		}
		_ = n.Key()
	})
}
