package entity

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/spanish"
)

//go:embed data/countries.tsv
var countriesTSV string

// Country is a State or territory of ISO 3166-1, by the names Spanish and
// English documents give it.
type Country struct {
	Name    string // Spanish short name, the one relatoria shows: "Haití", "República Dominicana"
	English string // "Haiti"
	Alpha2  string // "HT"
	Alpha3  string // "HTI", as UN symbols write it ("CEDAW/C/HTI/CO/8-9")
	// State is true for a member or observer State of the United
	// Nations, false for a territory (Puerto Rico, Groenlandia).
	State bool
	// Names are the other names: official long names ("República
	// Oriental del Uruguay"), UN forms ("Bolivia (Estado Plurinacional
	// de)"), older names.
	Names []string
	// Demonym is the adjective, masculine singular ("argentino"), by which
	// a text names the State: "el Estado argentino".
	Demonym string
}

// countryTable indexes the embedded countries by folded name, code and
// demonym.
type countryTable struct {
	all      []*Country
	byName   map[string]*Country // folded words of every name, joined by " "
	byFirst  map[string][][]string
	byCode   map[string]*Country // alpha-2 and alpha-3, upper case
	byDemo   map[string]*Country // folded demonym in its four forms
	maxWords int
}

var countries = sync.OnceValue(func() *countryTable {
	t := &countryTable{byName: map[string]*Country{}, byFirst: map[string][][]string{}, byCode: map[string]*Country{}, byDemo: map[string]*Country{}}
	for _, line := range strings.Split(countriesTSV, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 7 {
			f = append(f, "")
		}
		c := &Country{Alpha2: f[0], Alpha3: f[1], Name: f[2], English: f[3], State: f[4] == "state", Demonym: f[6]}
		if f[5] != "" {
			c.Names = strings.Split(f[5], "|")
		}
		t.all = append(t.all, c)
		t.byCode[c.Alpha2] = c
		t.byCode[c.Alpha3] = c
		for _, n := range append([]string{c.Name, c.English}, c.Names...) {
			ws := foldWords(n)
			if len(ws) == 0 {
				continue
			}
			key := strings.Join(ws, " ")
			if _, dup := t.byName[key]; dup {
				continue
			}
			t.byName[key] = c
			t.byFirst[ws[0]] = append(t.byFirst[ws[0]], ws)
			t.maxWords = max(t.maxWords, len(ws))
		}
		if c.Demonym != "" {
			for _, d := range demonymForms(spanish.FoldLower(c.Demonym)) {
				t.byDemo[d] = c
			}
		}
	}
	for k, names := range t.byFirst {
		// Longest first, so that "Guinea Ecuatorial" wins over "Guinea".
		for i := 1; i < len(names); i++ {
			for j := i; j > 0 && len(names[j]) > len(names[j-1]); j-- {
				names[j], names[j-1] = names[j-1], names[j]
			}
		}
		t.byFirst[k] = names
	}
	return t
})

// demonymForms returns the four forms of a folded demonym: "argentino" →
// argentino, argentina, argentinos, argentinas; "costarricense" →
// costarricense, costarricenses; "espanol" → espanol, espanola, espanoles,
// espanolas; "portugues" → portugues, portuguesa, portugueses,
// portuguesas.
func demonymForms(m string) []string {
	switch {
	case strings.HasSuffix(m, "o"):
		stem := m[:len(m)-1]
		return []string{m, stem + "a", m + "s", stem + "as"}
	case strings.HasSuffix(m, "e"):
		return []string{m, m + "s"}
	default:
		return []string{m, m + "a", m + "es", m + "as"}
	}
}

// Countries returns every State and territory of the table.
func Countries() []*Country { return countries().all }

// LookupCountry finds a country by any of its names, Spanish or English,
// short or official ("haiti", "República Oriental del Uruguay",
// "Venezuela (República Bolivariana de)"), ignoring case and accents.
func LookupCountry(name string) (*Country, bool) {
	c, ok := countries().byName[strings.Join(foldWords(name), " ")]
	return c, ok
}

// CountryByCode finds a country by its ISO 3166-1 alpha-3 ("ARG", as UN
// symbols write it) or alpha-2 ("AR") code, in upper case.
func CountryByCode(code string) (*Country, bool) {
	c, ok := countries().byCode[code]
	return c, ok
}

// CountryOfDemonym finds the country an adjective names ("argentino",
// "Chilena", "guatemaltecos"), ignoring case and accents.
func CountryOfDemonym(word string) (*Country, bool) {
	c, ok := countries().byDemo[spanish.FoldLower(word)]
	return c, ok
}

// CountryMention is a country named in a text, with the byte span of its
// name.
type CountryMention struct {
	Country    *Country
	Start, End int
}

// FindCountries returns the countries text names, in order, by any of
// their names (the longest at each place: "Guinea Ecuatorial", not
// "Guinea"). A name must begin with a capital letter, as names do in
// running text ("chile" and "granada" in lower case are words). It reads
// the words of text one by one and folds only those that may begin a name,
// and the few after them that a longer name needs: identify looks for
// countries in the first 20,000 characters of every document.
func FindCountries(text string) []CountryMention {
	t := countries()
	var out []CountryMention
	var fold []byte  // the folded first word
	var next []token // the words after it, as far as a name reaches
	for start, end := nextWord(text, 0); start >= 0; start, end = nextWord(text, end) {
		w := text[start:end]
		first, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(first) {
			continue
		}
		fold = spanish.AppendFoldLower(fold[:0], w)
		names := t.byFirst[string(fold)]
		if len(names) == 0 {
			continue
		}
		next = next[:0]
		cur := token{text: w, folded: string(fold), start: start, end: end}
		for _, ws := range names {
			for len(next) < len(ws)-1 {
				from := end
				if len(next) > 0 {
					from = next[len(next)-1].end
				}
				s, e := nextWord(text, from)
				if s < 0 {
					break
				}
				next = append(next, token{text: text[s:e], folded: spanish.FoldLower(text[s:e]), start: s, end: e})
			}
			if len(ws)-1 > len(next) {
				continue
			}
			match := true
			prev := cur
			for k, w := range ws[1:] {
				if next[k].folded != w || !adjacent(text, prev, next[k]) {
					match = false
					break
				}
				prev = next[k]
			}
			if match {
				last := cur
				if len(ws) > 1 {
					last = next[len(ws)-2]
				}
				out = append(out, CountryMention{t.byName[strings.Join(ws, " ")], start, last.end})
				end = last.end
				break
			}
		}
	}
	return out
}

// nextWord returns the span of the first word of text (a run of
// spanish.IsWordRune, as spanish.Spans finds them) at or after from, which
// is 0 or the end of a word; -1, -1 when there is none.
func nextWord(text string, from int) (int, int) {
	start := -1
	for i := from; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if spanish.IsWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return start, i
		}
		i += size
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(text)
}

// adjacent reports whether two tokens are separated by white space or
// parentheses only ("Bolivia (Estado Plurinacional de)"), not by a comma
// or a full stop.
func adjacent(text string, a, b token) bool {
	return strings.Trim(text[a.end:b.start], " \t\n()") == ""
}
