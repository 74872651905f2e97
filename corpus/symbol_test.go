package corpus

import "testing"

func TestParseSymbol(t *testing.T) {
	for _, tt := range []struct {
		in, want, short string
		full            bool
	}{
		{"51/34", "51/34", "51/34", false},
		{"A/HRC/RES/51/34", "A/HRC/RES/51/34", "51/34", true},
		{"a/hrc/res/51/34", "A/HRC/RES/51/34", "51/34", true},
		{"A / RES / 70/1", "A/RES/70/1", "70/1", true},
		{"S/RES/2768 (2025)", "S/RES/2768 (2025)", "2768 (2025)", true},
		{"s/res/2768(2025)", "S/RES/2768 (2025)", "2768 (2025)", true},
		{"CEDAW/C/MEX/CO/9", "CEDAW/C/MEX/CO/9", "CEDAW/C/MEX/CO/9", true},
		{"ccpr/c/45/add.2", "CCPR/C/45/Add.2", "CCPR/C/45/Add.2", true},
		{"A/HRC/59/L.17", "A/HRC/59/L.17", "A/HRC/59/L.17", true},
		{"E/CN.4/2005/L.10", "E/CN.4/2005/L.10", "E/CN.4/2005/L.10", true},
	} {
		got, err := ParseSymbol(tt.in)
		if err != nil {
			t.Errorf("ParseSymbol(%q) error %v", tt.in, err)
			continue
		}
		if got.String() != tt.want || got.Short() != tt.short || got.IsFull() != tt.full {
			t.Errorf("ParseSymbol(%q) = %q short %q full %v, want %q %q %v", tt.in, got, got.Short(), got.IsFull(), tt.want, tt.short, tt.full)
		}
	}
	for _, bad := range []string{"", "hola", "07/10/2022", "51", "GE.22-16568", "/51/34", "51/34/", "A/HRC/RES/51/34 (20)", "VIH/SIDA", "vih/sida", "ONU/CEPAL", "A/HRC/RES",
		// Web addresses and file paths are never symbols.
		"www.risolidaria.org.pe/docs/ficheros/200801/49141400doc.pdf", "http://www.un.org/es/A/HRC/RES/5/1",
		"CEDAW/2010/informe.doc", "ohchr.org/Documents/HRBodies/CEDAW/2010", "A/HRC/RES/5/1.pdf"} {
		if s, err := ParseSymbol(bad); err == nil {
			t.Errorf("ParseSymbol(%q) = %q, want error", bad, s)
		}
	}
}

func TestResolve(t *testing.T) {
	for _, tt := range []struct{ sym, body, want string }{
		{"51/34", "Consejo de Derechos Humanos", "A/HRC/RES/51/34"},
		{"70/1", "Asamblea General", "A/RES/70/1"},
		{"70/1", "Comité Desconocido", "70/1"},
		{"A/RES/70/1", "Consejo de Derechos Humanos", "A/RES/70/1"},
	} {
		if got := MustParseSymbol(tt.sym).Resolve(tt.body); got.String() != tt.want {
			t.Errorf("%s.Resolve(%q) = %q, want %q", tt.sym, tt.body, got, tt.want)
		}
	}
}

func FuzzParseSymbol(f *testing.F) {
	for _, s := range []string{"51/34", "A/HRC/RES/51/34", "S/RES/2768 (2025)", "CEDAW/C/MEX/CO/9", "x(", "a/b/c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sym, err := ParseSymbol(s)
		if err != nil {
			return
		}
		// Canonical forms parse to themselves.
		again, err := ParseSymbol(sym.String())
		if err != nil || again != sym {
			t.Errorf("ParseSymbol(%q) = %q, which reparses to %q, %v", s, sym, again, err)
		}
	})
}

func TestIsDraft(t *testing.T) {
	for s, want := range map[Symbol]bool{
		"A/HRC/59/L.17":       true,
		"A/C.3/78/L.45/Rev.1": true,
		"E/CN.6/2024/L.3":     true,
		"A/HRC/RES/51/34":     false,
		"S/RES/2769 (2025)":   false,
		"A/HRC/51/L":          false,
		"51/34":               false,
	} {
		if got := s.IsDraft(); got != want {
			t.Errorf("%s.IsDraft() = %v, want %v", s, got, want)
		}
	}
}
