package entity

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

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

// findCountriesByTokens is FindCountries as it was before it read words
// one by one: every word of text tokenized and folded first.
func findCountriesByTokens(text string) []CountryMention {
	t := countries()
	toks := tokenize(text, nil)
	var out []CountryMention
	for i := 0; i < len(toks); i++ {
		first, _ := utf8.DecodeRuneInString(toks[i].text)
		if !unicode.IsUpper(first) {
			continue
		}
		for _, ws := range t.byFirst[toks[i].folded] {
			if i+len(ws) > len(toks) {
				continue
			}
			match := true
			for k, w := range ws {
				if toks[i+k].folded != w || k > 0 && !adjacent(text, toks[i+k-1], toks[i+k]) {
					match = false
					break
				}
			}
			if match {
				end := i + len(ws) - 1
				out = append(out, CountryMention{t.byName[strings.Join(ws, " ")], toks[i].start, toks[end].end})
				i = end
				break
			}
		}
	}
	return out
}

// FuzzFindCountries checks that FindCountries finds what reading every
// word first did.
func FuzzFindCountries(f *testing.F) {
	for _, s := range []string{
		"contra la República de Guatemala y Guinea Ecuatorial; el chile picante; Bolivia (Estado Plurinacional de), SAN MARTÍN",
		"Guinea", "Guinea Ecuatorial", "Guinea, Ecuatorial", "República Oriental del", "Bolivia (Estado Plurinacional de)",
		"ESTADOS UNIDOS MEXICANOS y Estados Unidos de América", "Viet Nam \xff Haití", "Reino de España. Reino Unido",
		"Costa  Rica\\nCosta\nRica", "Democratic Republic of the Congo", "República Democrática del Congo",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FindCountries(s), findCountriesByTokens(s); !slices.Equal(got, want) {
			t.Errorf("FindCountries(%q) = %v, reading every word first %v", s, got, want)
		}
	})
}
