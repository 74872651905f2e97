package corpus

import (
	"fmt"
	"regexp"
	"strings"
)

// Symbol is a United Nations document symbol in canonical form:
// "A/HRC/RES/51/34", "A/RES/70/1", "S/RES/2768 (2025)", "CEDAW/C/MEX/CO/9",
// "A/HRC/59/L.17", or the short form of a resolution number, "51/34", whose
// series is not known. The zero Symbol is empty.
//
// Canonical form upper-cases the series letters, keeps the UN's mixed case
// for suffixes ("Add.2", "Rev.1", "Corr.1"), and writes a Security Council
// year as " (2025)".
type Symbol string

// symbolPattern accepts the components of a symbol after normalisation:
// slash-separated parts of letters, digits, dots and hyphens, and an optional
// year in parentheses.
var symbolPattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9.\-]*(/[A-Z0-9][A-Z0-9.\-]*)+( \([0-9]{4}\))?$`)

var suffixPart = regexp.MustCompile(`^(ADD|REV|CORR|AMEND|SR|PV|WP|L|CRP|INF|MISC)\.([0-9A-Z]+)$`)

var shortResolution = regexp.MustCompile(`^([0-9]{1,4})/([0-9]{1,4})$`)

// symbolDashes makes the dashes of a symbol hyphens, and spaceAroundSlash
// finds the spaces ParseSymbol removes (made once: they had been made at
// every call, which queries and ingest make for every word with a slash).
var (
	symbolDashes     = strings.NewReplacer("\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2212", "-")
	spaceAroundSlash = regexp.MustCompile(`\s*/\s*`)
)

// ParseSymbol parses s as a document symbol, tolerating lower case, spaces
// around slashes and around the year ("s/res/2768(2025)"), and Unicode
// dashes. It returns an error for anything that is not a symbol: a symbol
// has at least two slash-separated parts, and a bare "N/M" must be a
// plausible resolution number (session or year up to 4 digits, as in the
// Economic and Social Council's "1980/67", number up to 4).
func ParseSymbol(s string) (Symbol, error) {
	if !strings.Contains(s, "/") {
		return "", fmt.Errorf("symbol %q: not a UN document symbol", s)
	}
	t := strings.TrimSpace(s)
	t = symbolDashes.Replace(t)
	t = strings.ToUpper(t)
	// Spaces inside the symbol: around slashes and before the year.
	if strings.ContainsAny(t, " \t\n\f\r") {
		t = spaceAroundSlash.ReplaceAllString(t, "/")
	}
	year := ""
	if i := strings.IndexByte(t, '('); i >= 0 {
		y := strings.TrimSpace(t[i:])
		if len(y) != 6 || y[5] != ')' {
			return "", fmt.Errorf("symbol %q: malformed year", s)
		}
		year = " " + y
		t = strings.TrimSpace(t[:i])
	}
	t += year
	if !symbolPattern.MatchString(t) {
		return "", fmt.Errorf("symbol %q: not a UN document symbol", s)
	}
	if looksLikeAddress(t) {
		// "WWW.RISOLIDARIA.ORG.PE/DOCS/…/49141400DOC.PDF": a URL or a
		// file path had become a document's symbol and ID.
		return "", fmt.Errorf("symbol %q: a web address or file path, not a UN document symbol", s)
	}
	if !strings.ContainsAny(t, "0123456789") {
		// Every UN symbol has a number (session, year, sequence);
		// "VIH/SIDA" and "ONU/CEPAL" are words, and taking them for
		// symbols had made different documents share an ID.
		return "", fmt.Errorf("symbol %q: no number, not a UN document symbol", s)
	}
	parts := strings.Split(t, "/")
	if len(parts) == 2 && year == "" && !shortResolution.MatchString(t) {
		// "GE.22/16568" or "07/10/2022"-like strings are not symbols; a
		// two-part symbol with letters ("A/51") is allowed.
		if !hasLetter(parts[0]) {
			return "", fmt.Errorf("symbol %q: not a resolution number", s)
		}
	}
	if len(parts) == 3 && !hasLetter(t) {
		return "", fmt.Errorf("symbol %q: looks like a date, not a symbol", s)
	}
	for i, p := range parts {
		if m := suffixPart.FindStringSubmatch(p); m != nil && i > 0 {
			switch m[1] {
			case "ADD", "REV", "CORR", "AMEND":
				parts[i] = m[1][:1] + strings.ToLower(m[1][1:]) + "." + m[2]
			}
		}
	}
	return Symbol(strings.Join(parts, "/")), nil
}

// addressPart matches a part of a web address or file name: a point
// followed by two or more letters and nothing or another point after them
// ("WWW.UN", ".ORG", ".PDF", "ORG.PE"). The suffixes of UN symbols have a
// number after their point ("ADD.2", "CN.4", "L.17").
var addressPart = regexp.MustCompile(`\.[A-Z]{2,}(?:\.|$)`)

// looksLikeAddress reports whether an upper-cased candidate symbol is a web
// address or a file path.
func looksLikeAddress(t string) bool {
	if strings.Contains(t, "://") || strings.HasPrefix(t, "WWW.") || strings.Contains(t, "\\") {
		return true
	}
	for p := range strings.SplitSeq(t, "/") {
		if addressPart.MatchString(p) {
			return true
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			return true
		}
	}
	return false
}

// MustParseSymbol is ParseSymbol for symbols known to be valid, as in tests
// and tables; it panics on error.
func MustParseSymbol(s string) Symbol {
	sym, err := ParseSymbol(s)
	if err != nil {
		panic(err)
	}
	return sym
}

// String returns the canonical form.
func (s Symbol) String() string { return string(s) }

// IsZero reports whether s is empty.
func (s Symbol) IsZero() bool { return s == "" }

// IsFull reports whether s names its series ("A/HRC/RES/51/34"), as
// opposed to a bare resolution number ("51/34").
func (s Symbol) IsFull() bool { return s != "" && !shortResolution.MatchString(string(s)) }

// IsResolution reports whether s is a resolution symbol: a series ending in
// RES, or a bare resolution number.
func (s Symbol) IsResolution() bool {
	return shortResolution.MatchString(string(s)) || strings.Contains(string(s), "/RES/")
}

// IsDraft reports whether s is the symbol of a document of limited
// distribution, as UN draft resolutions are: "A/HRC/59/L.17",
// "A/C.3/78/L.45".
func (s Symbol) IsDraft() bool { return draftPart.MatchString(string(s)) }

var draftPart = regexp.MustCompile(`/L\.[0-9]`)

// Short returns the resolution number as researchers cite it: "51/34" for
// "A/HRC/RES/51/34", "70/1" for "A/RES/70/1", "2768 (2025)" for
// "S/RES/2768 (2025)". Other symbols are returned unchanged.
func (s Symbol) Short() string {
	str := string(s)
	if i := strings.LastIndex(str, "/RES/"); i >= 0 {
		return str[i+len("/RES/"):]
	}
	return str
}

// Series returns the part before the resolution number: "A/HRC/RES" for
// "A/HRC/RES/51/34", "" for a bare number or a non-resolution symbol.
func (s Symbol) Series() string {
	str := string(s)
	if i := strings.LastIndex(str, "/RES/"); i >= 0 {
		return str[:i+len("/RES")]
	}
	return ""
}

// Bodies maps an adopting body, as Spanish resolutions name it, to the
// series of its resolution symbols.
var Bodies = map[string]string{
	"Consejo de Derechos Humanos":  "A/HRC/RES",
	"Asamblea General":             "A/RES",
	"Consejo de Seguridad":         "S/RES",
	"Consejo Económico y Social":   "E/RES",
	"Comisión de Derechos Humanos": "E/CN.4/RES",
}

// Resolve returns the full symbol for a bare resolution number adopted by
// body ("51/34" by "Consejo de Derechos Humanos" → "A/HRC/RES/51/34"). It
// returns s unchanged when s is already full or the body is unknown.
func (s Symbol) Resolve(body string) Symbol {
	if s.IsFull() || s == "" {
		return s
	}
	if series, ok := Bodies[body]; ok {
		return Symbol(series + "/" + string(s))
	}
	return s
}
