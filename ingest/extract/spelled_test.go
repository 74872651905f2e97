package extract

import "testing"

func TestSpelledDates(t *testing.T) {
	tests := []struct {
		text, want, written string
	}{
		{"Lima, veintiuno de mayo de dos mil veintiséis.", "2026-05-21", "veintiuno de mayo de dos mil veintiséis"},
		{"el primero de enero de mil novecientos noventa y ocho", "1998-01-01", "primero de enero de mil novecientos noventa y ocho"},
		{"a los dieciocho días del mes de febrero de dos mil veinticinco", "2025-02-18", "dieciocho días del mes de febrero de dos mil veinticinco"},
		{"EL DIECINUEVE DE SEPTIEMBRE DE DOS MIL VEINTITRÉS.", "2023-09-19", "DIECINUEVE DE SEPTIEMBRE DE DOS MIL VEINTITRÉS"},
		{"treinta y uno de diciembre de dos mil", "2000-12-31", "treinta y uno de diciembre de dos mil"},
		{"Fecha Promulgación: 22-ENE-2018", "2018-01-22", "22-ENE-2018"},
		{"generado el 10-Jun-2026 página", "2026-06-10", "10-Jun-2026"},
		{"treinta de febrero de dos mil veinte", "", ""}, // no such day
		{"muchos de mayo de dos mil veinte", "", ""},     // not a day
		{"el 21 de mayo de 2026", "", ""},   // figures: Dates reads them
		{"dos de los tres de mayo", "", ""}, // no year
	}
	for _, tt := range tests {
		ds := SpelledDates(tt.text)
		got, written := "", ""
		if len(ds) > 0 {
			got, written = ds[0].Value, ds[0].Text
		}
		if got != tt.want || written != tt.written {
			t.Errorf("SpelledDates(%q) = %q (%q), want %q (%q)", tt.text, got, written, tt.want, tt.written)
		}
	}
}

func FuzzSpelledDates(f *testing.F) {
	for _, s := range []string{"veintiuno de mayo de dos mil veintiséis", "22-ENE-2018", "mil novecientos noventa y", "ñú de mayo de dos mil"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d := range SpelledDates(s) {
			if !d.Start.Valid() || d.Text == "" {
				t.Fatalf("SpelledDates(%q): %+v", s, d)
			}
		}
	})
}
