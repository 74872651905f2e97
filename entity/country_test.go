package entity

import "testing"

func TestLookupCountry(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Haití", "Haití"}, {"haiti", "Haití"}, {"HAITÍ", "Haití"}, {"Haiti", "Haití"},
		{"República Oriental del Uruguay", "Uruguay"}, {"Estados Unidos Mexicanos", "México"},
		{"Bolivia (Estado Plurinacional de)", "Bolivia"}, {"Estado Plurinacional de Bolivia", "Bolivia"},
		{"Dominican Republic", "República Dominicana"}, {"costa rica", "Costa Rica"},
		{"Democratic Republic of the Congo", "República Democrática del Congo"}, {"Viet Nam", "Vietnam"},
		{"Narnia", ""}, {"Estado", ""}, {"América Latina", ""},
	} {
		c, ok := LookupCountry(tt.in)
		got := ""
		if ok {
			got = c.Name
		}
		if got != tt.want {
			t.Errorf("LookupCountry(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCountryByCode(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"ARG", "Argentina"}, {"AR", "Argentina"}, {"GTM", "Guatemala"}, {"HTI", "Haití"}, {"DOM", "República Dominicana"},
		{"RES", ""}, {"HRC", ""},
	} {
		c, ok := CountryByCode(tt.in)
		got := ""
		if ok {
			got = c.Name
		}
		if got != tt.want {
			t.Errorf("CountryByCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCountryOfDemonym(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"argentino", "Argentina"}, {"Argentino", "Argentina"}, {"chilena", "Chile"}, {"guatemaltecos", "Guatemala"},
		{"costarricense", "Costa Rica"}, {"Boliviano", "Bolivia"}, {"español", "España"}, {"nicaragüense", "Nicaragua"},
		{"parte", ""}, {"miembro", ""},
	} {
		c, ok := CountryOfDemonym(tt.in)
		got := ""
		if ok {
			got = c.Name
		}
		if got != tt.want {
			t.Errorf("CountryOfDemonym(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindCountries(t *testing.T) {
	text := "contra la República de Guatemala y Guinea Ecuatorial; el chile picante; Bolivia (Estado Plurinacional de), SAN MARTÍN"
	var got []string
	for _, m := range FindCountries(text) {
		got = append(got, m.Country.Name+"="+text[m.Start:m.End])
	}
	want := []string{"Guatemala=República de Guatemala", "Guinea Ecuatorial=Guinea Ecuatorial", "Bolivia=Bolivia (Estado Plurinacional de", "San Martín=SAN MARTÍN"}
	if len(got) != len(want) {
		t.Fatalf("FindCountries = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("FindCountries[%d] = %q, want %q", i, got[i], want[i])
		}
	}
	if c, _ := LookupCountry("San Martín"); c.State {
		t.Errorf("San Martín (the French collectivity) is no State")
	}
	states := 0
	for _, c := range Countries() {
		if c.State {
			states++
		}
	}
	if states != 195 {
		t.Errorf("%d States, want 193 members and 2 observers", states)
	}
}
