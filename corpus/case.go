package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Case identifies a judgment of the Inter-American Court of Human Rights as
// the Court cites it: "Caso Gelman Vs. Uruguay. Fondo y Reparaciones.
// Sentencia de 24 de febrero de 2011. Serie C No. 221".
type Case struct {
	// Name is the case's name as the Court writes it in a citation:
	// "Caso Gelman Vs. Uruguay", "Caso López Lone y otros Vs. Honduras".
	Name string `json:"name"`
	// Series is the judgment's number in the Court's Series C, "Serie C
	// No. 221", when the document gives it; "" otherwise.
	Series string `json:"series,omitempty"`
	// Date is the day of the judgment ("Sentencia de 24 de febrero de
	// 2011"), zero when unknown. A case has several judgments
	// (preliminary objections, merits, interpretation): the date tells
	// them apart where the series number is not given.
	Date Date `json:"date,omitzero"`
}

// Key returns the key of the case's name (see CaseKey).
func (c *Case) Key() string { return CaseKey(c.Name) }

// CaseKey returns the form of a case's name that citations compare: the
// name without "Caso", the respondent State ("Vs. Uruguay") or "y otros",
// lower case, without accents or punctuation: "Caso López Lone y otros Vs.
// Honduras" → "lopez lone", "caso V.R.P., V.P.C. y otros" → "vrp vpc".
// Courts cite a case in full once and by these words after ("Caso López
// Lone y otros, supra nota 9").
func CaseKey(name string) string {
	s := strings.ToLower(foldASCII(strings.TrimSpace(name)))
	s = strings.TrimPrefix(s, "corte idh.")
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "caso ")
	if i := vsWord.FindStringIndex(s); i != nil {
		s = s[:i[0]]
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '-':
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for len(words) > 1 {
		last := words[len(words)-1]
		if last != "otros" && last != "otras" && last != "otra" && last != "otro" {
			break
		}
		words = words[:len(words)-1]
		if n := len(words); n > 1 && (words[n-1] == "y" || words[n-1] == "e") {
			words = words[:n-1]
		}
	}
	return strings.Join(words, " ")
}

// vsWord finds the "Vs." that opens the respondent State in a case name.
var vsWord = regexp.MustCompile(`\s+(?:vs|v|versus|contra)\.?\s`)

// seriesPattern matches a number of the Court's series as cited: "Serie C
// No. 221", "Serie C N° 63", "Serie C Nº 72", "serie C núm. 4", "Serie C
// 221".
var seriesPattern = regexp.MustCompile(`(?i)\bserie\s+([a-e])\s*(?:(?:no|n|núm|num|nro)\.?\s*[º°o]?\.?\s*|[º°]\.?\s*)?([0-9]{1,4})\b`)

// ParseSeries returns the canonical form of a number of the Court's series
// ("Serie C No. 64" for "serie c nº 64") and whether s is one. s may be a
// longer citation: the first number of a series in it is returned.
func ParseSeries(s string) (string, bool) {
	m := seriesPattern.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	n, _ := strconv.Atoi(m[2])
	if n == 0 {
		return "", false
	}
	return "Serie " + strings.ToUpper(m[1]) + " No. " + strconv.Itoa(n), true
}

// CaseForms returns the keys a citation of a case is found by (see
// CitationKey): its series number, its name's key and, when the date is
// known, the name's key with the date ("caso:gelman@2011-02-24").
func CaseForms(name, series string, date Date) []string {
	var out []string
	if series != "" {
		out = append(out, strings.ToLower(series))
	}
	if k := CaseKey(name); k != "" {
		out = append(out, "caso:"+k)
		if !date.IsZero() {
			out = append(out, "caso:"+k+"@"+date.String())
		}
	}
	return out
}

// Forms returns the keys the citation is found by, lower case: a UN
// symbol's forms (Symbol.Forms), a judgment's (CaseForms), anything else
// as written ("recomendación general 19").
func (c Citation) Forms() []string {
	if c.Case != "" {
		series := ""
		if s, ok := ParseSeries(string(c.Symbol)); ok {
			series = s
		}
		return CaseForms(c.Case, series, c.Date)
	}
	return c.Symbol.Forms()
}

// Forms returns the ways a person may write s, lower case: the symbol,
// without a Security Council resolution's year, and the resolution number
// alone: "S/RES/1325 (2000)" → "s/res/1325 (2000)", "s/res/1325", "1325
// (2000)", "1325"; "A/HRC/RES/51/34" → "a/hrc/res/51/34", "51/34".
func (s Symbol) Forms() []string {
	str := strings.ToLower(string(s))
	out := []string{str}
	add := func(f string) {
		for _, o := range out {
			if o == f {
				return
			}
		}
		out = append(out, f)
	}
	if i := strings.Index(str, " ("); i > 0 {
		add(str[:i])
	}
	short := strings.ToLower(s.Short())
	add(short)
	if i := strings.Index(short, " ("); i > 0 {
		add(short[:i])
	}
	return out
}

// CitationKey returns the key a citation written by a person is looked up
// by, among the Forms of citations: "Serie C No. 64" → "serie c no. 64";
// "Caso Trujillo Oroza Vs. Bolivia" → "caso:trujillo oroza"; a UN symbol in
// any of its forms ("S/RES/1325", "1325 (2000)", "1325", "60/251"); anything
// else lower case ("recomendación general 19").
func CitationKey(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if series, ok := ParseSeries(s); ok && seriesPattern.FindStringIndex(s)[0] == 0 {
		return strings.ToLower(series)
	}
	if l := strings.ToLower(foldASCII(s)); strings.HasPrefix(l, "caso ") || strings.HasPrefix(l, "corte idh") {
		return "caso:" + CaseKey(s)
	}
	if sym, err := ParseSymbol(s); err == nil {
		return strings.ToLower(sym.String())
	}
	if m := councilNumber.FindStringSubmatch(s); m != nil {
		if m[2] != "" {
			return m[1] + " (" + m[2] + ")"
		}
		return m[1]
	}
	return strings.ToLower(s)
}

// councilNumber is a Security Council resolution's number, with or without
// its year: "1325", "1325 (2000)", "1325(2000)".
var councilNumber = regexp.MustCompile(`^([0-9]{1,4})(?:\s*\(([0-9]{4})\))?$`)

// RefName returns the name a reference to d carries, which reads back to
// d alone (search's references): its symbol; else a judgment's case name,
// with its date when known ("Caso Gelman Vs. Uruguay (2011-02-24)"); else
// its title (or file name, Name) with the country and date that tell apart
// documents of one title ("Examen Periódico Universal - EPU: Observaciones
// referidas a las mujeres y las niñas (Ecuador)"). Never its ID, which for a
// document without a symbol is a hash.
func (d *Document) RefName() string {
	if d.Symbol != "" {
		return d.Symbol.String()
	}
	var quals []string
	base := d.Name()
	date := d.Adopted
	if d.Case != nil && d.Case.Name != "" {
		base = d.Case.Name
		if !d.Case.Date.IsZero() {
			date = d.Case.Date
		}
	} else if d.Country != "" && !strings.Contains(strings.ToLower(base), strings.ToLower(d.Country)) {
		quals = append(quals, d.Country)
	}
	if !date.IsZero() {
		quals = append(quals, date.String())
	}
	if len(quals) == 0 {
		return base
	}
	return base + " (" + strings.Join(quals, ", ") + ")"
}
