package query

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// Reference is a citation of a document or one of its paragraphs, as
// people write them:
//
//	51/34   A/HRC/RES/51/34   "51/34 7"   "51/34 §7"   "51/34, párrafo 7"
//	"A/HRC/RES/51/34, párr. 7 a)"   "resolución 51/34, párrafo 7"
//	"S/RES/2776 (2025) §7"   "S/RES/2776 §7"   "2776 (2025) §7"
//	"resolución 2776 (2025), párrafo 7"   "S/RES/2776 (2025), Anexo A §7"
//	"A/HRC/17/18 84.3"   "A/HRC/17/18, recomendación 84.3"   "CEDAW/C/ARG/CO/7 párr. 4 a)"
//	"Caso Gelman Vs. Uruguay, párr. 193"   "Serie C No. 221, párr. 193"
//	"Corte IDH. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de
//	enero de 2000. Serie C No. 64, párr. 42"
//
// and, for a document without a symbol, the reference any output prints:
// its name (title or file name), the country and date that tell it apart,
// the part and the number or position ("Examen … (Ecuador), 2º §111.122",
// "Informe … ¶3"). A document is named by one of Symbol, Series, Case or
// Name.
type Reference struct {
	// Symbol is a UN symbol in any of its forms: "S/RES/2776 (2025)",
	// "S/RES/2776", "2776 (2025)", "51/34".
	Symbol corpus.Symbol
	// Series is a judgment's series number, "Serie C No. 221"; Case its
	// case's name, "Caso Gelman Vs. Uruguay"; Date its date, when given.
	Series string
	Case   string
	Date   corpus.Date
	// Name is the name of a document without a symbol as a reference
	// prints it (corpus.Document.RefName), which may still end with ",
	// Part": search tells them apart when it looks the name up.
	Name string
	// Part is the part the paragraph is numbered in: "Anexo A", "6º".
	Part string
	// Paragraph is the number of the paragraph named ("7", "84.3", "4.a");
	// Ordinal its position, for a paragraph without a number ("¶3"). Both
	// are empty for the whole document.
	Paragraph corpus.Number
	Ordinal   int
}

// String returns the reference in canonical form: "A/HRC/RES/51/34 §7",
// "S/RES/2776 (2025), Anexo A §7", "Caso Gelman Vs. Uruguay §193",
// "Serie C No. 64 §42", "Informe … ¶3".
func (r Reference) String() string {
	var base string
	switch {
	case r.Symbol != "":
		base = r.Symbol.String()
	case r.Case != "":
		base = r.Case
		if !r.Date.IsZero() {
			base += " (" + r.Date.String() + ")"
		}
		if r.Series != "" {
			base += ", " + r.Series
		}
	case r.Series != "":
		base = r.Series
	default:
		base = r.Name
	}
	if r.Part != "" {
		base += ", " + r.Part
	}
	switch {
	case r.Paragraph != "":
		return base + " §" + r.Paragraph.String()
	case r.Ordinal > 0:
		return base + " ¶" + strconv.Itoa(r.Ordinal)
	}
	return base
}

// referenceNumber is a paragraph number in a reference: "7", "84.3",
// "4.a", "4 a)", "4(a)", "IV.B.3".
const referenceNumber = `[0-9]{1,4}(?:\.(?:[0-9]{1,4}|[a-z]))*(?:\s*\([a-z]\)|\s+[a-z]\))?|[IVX]{1,6}(?:\.[A-Z0-9]{1,4})+`

var (
	// markedParagraph is a paragraph after a word or sign that says so:
	// "§7", ", párrafo 7", "párr. 7 a)", ", recomendación 84.3".
	markedParagraph = regexp.MustCompile(`^(.*?)\s*,?\s*(?i:§|párrafos?|parrafos?|párrs?\.?|parrs?\.?|para\.?|paragraph|p\.|recomendaci[oó]n|rec\.|punto)\s*(` + referenceNumber + `)\s*\.?$`)
	// bareParagraph is a number after a symbol: "51/34 7".
	bareParagraph = regexp.MustCompile(`^(.*?)\s+(` + referenceNumber + `)\s*\.?$`)
	// ordinalParagraph is a paragraph by position: "¶3".
	ordinalParagraph = regexp.MustCompile(`^(.*?)\s*,?\s*¶\s*([0-9]{1,6})\s*$`)
	// resolutionWord opens a reference written out: "resolución 2776
	// (2025)", "la resolución 51/34", "Resolution 2776".
	resolutionWord = regexp.MustCompile(`(?i)^(?:la\s+|the\s+)?(?:resoluci[oó]n|resolution|res\.)\s+`)
	// councilResolution is a Security Council resolution by number and
	// year: "2776 (2025)".
	councilResolution = regexp.MustCompile(`^([0-9]{1,4})\s*\(([0-9]{4})\)$`)
	// partSuffix is a part written after a symbol: ", Anexo A", " annex
	// B, Part I", ", parte II".
	partSuffix = regexp.MustCompile(`(?i)^(.*?)(?:\s*,\s*|\s+)((?:anexo|annex|ap[ée]ndice|appendix|parte|part)\b.*)$`)
	// caseName is a case cited by name: "Caso Gelman Vs. Uruguay",
	// "Corte IDH. Caso Trujillo Oroza Vs. Bolivia".
	caseName = regexp.MustCompile(`^(?i:corte\s+idh\.?\s*)?([Cc]aso\s+.{1,140}?\s+[Vv][Ss]\.?\s+\p{Lu}[\p{L}]+(?:\s+(?:y\s+|de\s+|del\s+)?\p{Lu}[\p{L}]+){0,3})`)
	// caseDate is the date of a judgment in a citation.
	caseDate = regexp.MustCompile(`(?i)\bsentencia\s+de\s+([0-9]{1,2}º?\s+de\s+\p{L}+\s+de(?:l)?\s+[0-9]{4})`)
	// Qualifiers matches what a reference adds at the end of a name,
	// submatch 1 within the parentheses: "(Ecuador)", "(2011-02-24)",
	// "(Ecuador, 2009-10-29)".
	Qualifiers = regexp.MustCompile(`\s*\(([^()]{1,80})\)$`)
	// fieldLike is what may be a query's field filter: "tipo:operativo".
	fieldLike = regexp.MustCompile(`(?:^|\s)-?(\p{L}+):\S`)
)

// ParseReference parses s as a reference to a UN document or a judgment,
// or, when s names a paragraph with § or ¶, to a document by its name. It
// reports false when s is none of these (it is then an ordinary query).
func ParseReference(s string) (Reference, bool) {
	return parseReference(s, false)
}

// ParseNamedReference is ParseReference, except that a text that is no
// symbol or case is a document's name even without a paragraph (as show
// and the page read a reference).
func ParseNamedReference(s string) (Reference, bool) {
	return parseReference(s, true)
}

// parseReference is ParseReference; with named, ParseNamedReference.
func parseReference(s string, named bool) (Reference, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || len(s) > MaxQueryLength {
		return Reference{}, false
	}
	var ref Reference
	rest, marked := s, false
	if m := ordinalParagraph.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[2])
		if n <= 0 {
			return Reference{}, false
		}
		rest, ref.Ordinal, marked = m[1], n, true
	} else if m := markedParagraph.FindStringSubmatch(s); m != nil {
		n, ok := corpus.ParseNumber(m[2])
		if !ok {
			return Reference{}, false
		}
		rest, ref.Paragraph, marked = m[1], n, true
	}
	rest = strings.TrimRight(strings.TrimSpace(rest), ",")
	if rest == "" {
		return Reference{}, false
	}
	// A UN symbol, with a bare number after it ("51/34 7").
	if r, ok := symbolReference(rest); ok {
		r.Paragraph, r.Ordinal = ref.Paragraph, ref.Ordinal
		return r, true
	}
	if !marked {
		if m := bareParagraph.FindStringSubmatch(rest); m != nil {
			if r, ok := symbolReference(m[1]); ok {
				if n, ok := corpus.ParseNumber(m[2]); ok && !r.hasPart() {
					r.Paragraph = n
					return r, true
				}
			}
		}
	}
	// A judgment: by its case, its series number, or both.
	if r, ok := judgmentReference(rest); ok {
		r.Paragraph, r.Ordinal = ref.Paragraph, ref.Ordinal
		return r, true
	}
	if (marked || named) && (named || !hasField(rest)) && !strings.ContainsAny(rest, "\"«»") {
		ref.Name = rest
		return ref, true
	}
	return Reference{}, false
}

func (r Reference) hasPart() bool { return r.Part != "" }

// hasField reports whether s has a field filter of the query language
// ("tipo:operativo"): a title such as "Id Cendoj:28079140012022100647"
// has none.
func hasField(s string) bool {
	for _, m := range fieldLike.FindAllStringSubmatch(s, -1) {
		if _, ok := fieldNames[strings.ToLower(m[1])]; ok {
			return true
		}
	}
	return false
}

// symbolReference parses s as a UN symbol, maybe written out ("resolución
// 2776 (2025)") and followed by a part (", Anexo A").
func symbolReference(s string) (Reference, bool) {
	s = resolutionWord.ReplaceAllString(s, "")
	part := ""
	if m := partSuffix.FindStringSubmatch(s); m != nil && m[1] != "" {
		s, part = m[1], strings.TrimSpace(m[2])
	}
	if strings.ContainsAny(s, "\"':") {
		return Reference{}, false
	}
	if m := councilResolution.FindStringSubmatch(s); m != nil {
		sym, err := corpus.ParseSymbol("S/RES/" + m[1] + " (" + m[2] + ")")
		if err != nil {
			return Reference{}, false
		}
		return Reference{Symbol: sym, Part: part}, true
	}
	sym, err := corpus.ParseSymbol(s)
	if err != nil {
		return Reference{}, false
	}
	return Reference{Symbol: sym, Part: part}, true
}

// judgmentReference parses s as a judgment cited as the Court cites it: a
// case name ("Caso Gelman Vs. Uruguay"), a series number ("Serie C No.
// 221"), or a full citation with both and the date; what follows the case
// name after a comma is a part (", Puntos resolutivos").
func judgmentReference(s string) (Reference, bool) {
	var r Reference
	if series, ok := corpus.ParseSeries(s); ok {
		r.Series = series
	}
	if m := caseName.FindStringSubmatchIndex(s); m != nil {
		r.Case = s[m[2]:m[3]]
		after := strings.TrimSpace(s[m[1]:])
		if end := strings.IndexByte(after, ')'); strings.HasPrefix(after, "(") && end > 0 {
			// "(2011-02-24)", as RefOf writes it.
			if d, err := corpus.ParseDate(strings.TrimSpace(after[1:end])); err == nil {
				r.Date = d
			}
			after = strings.TrimSpace(after[end+1:])
		}
		if r.Series == "" && strings.HasPrefix(after, ",") {
			r.Part = strings.TrimSpace(strings.TrimPrefix(after, ","))
		}
	} else if r.Series != "" && !strings.HasPrefix(strings.ToLower(s), "serie") {
		return Reference{}, false
	}
	if m := caseDate.FindStringSubmatch(s); m != nil && r.Date.IsZero() {
		if d, err := parseSpanishDate(m[1]); err == nil {
			r.Date = d
		}
	}
	return r, r.Series != "" || r.Case != ""
}

// months are the Spanish months, for the date of a judgment.
var months = map[string]int{"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
	"agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}

// parseSpanishDate parses "26 de enero de 2000".
func parseSpanishDate(s string) (corpus.Date, error) {
	f := strings.Fields(strings.ToLower(strings.ReplaceAll(s, "º", "")))
	if len(f) != 5 {
		return corpus.Date{}, strconv.ErrSyntax
	}
	day, err1 := strconv.Atoi(f[0])
	year, err2 := strconv.Atoi(f[4])
	month := months[f[2]]
	if err1 != nil || err2 != nil || month == 0 {
		return corpus.Date{}, strconv.ErrSyntax
	}
	return corpus.ParseDate(strconv.Itoa(year) + "-" + twoDigits(month) + "-" + twoDigits(day))
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// RefOf returns the citable reference of paragraph p of doc, which
// ParseReference and Show read back to p alone: the document's name
// (corpus.Document.RefName: its symbol; a judgment's case; a title with
// the country and date that tell it apart, never an ID), the part its
// number counts in when the document numbers several parts from 1, and
// its number, or, for a paragraph without one or whose number its part
// has already, its position: "A/HRC/RES/51/34 §7", "S/RES/2776 (2025),
// Anexo A §7", "Caso Gelman Vs. Uruguay (2011-02-24) §193", "Informe sobre
// la violencia ¶3".
func RefOf(doc *corpus.Document, p *corpus.Paragraph) string {
	return refNamed(doc.RefName(), p)
}

// refNamed is RefOf for a document of that name (corpus.Document.RefName).
func refNamed(name string, p *corpus.Paragraph) string {
	r := Reference{Name: name, Part: p.Part}
	if p.Number != "" && !p.Repeated && p.Kind != corpus.Footnote {
		r.Paragraph = p.Number
	} else {
		r.Part, r.Ordinal = "", p.Ordinal
	}
	return r.String()
}
