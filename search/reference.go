package search

import (
	"regexp"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// Reference is a citation of a document or one of its paragraphs, as
// researchers write them: "51/34", "A/HRC/RES/51/34", "51/34 7",
// "51/34 §7", "51/34, párrafo 7", "A/HRC/RES/51/34 párr. 7", and with the
// paragraph numbers of reports: "A/HRC/17/18 84.3", "A/HRC/17/18,
// recomendación 84.3", "CEDAW/C/ARG/CO/7 párr. 4 a)".
type Reference struct {
	Symbol    corpus.Symbol
	Paragraph corpus.Number // "" for the whole document
}

// String returns the reference in canonical form: "A/HRC/RES/51/34 §7",
// "A/HRC/17/18 §84.3".
func (r Reference) String() string {
	if r.Paragraph != "" {
		return r.Symbol.String() + " §" + r.Paragraph.String()
	}
	return r.Symbol.String()
}

// referenceNumber is a paragraph number in a reference: "7", "84.3",
// "4.a", "4 a)", "4(a)", "IV.B.3".
const referenceNumber = `[0-9]{1,3}(?:\.(?:[0-9]{1,4}|[a-z]))*(?:\s*\([a-z]\)|\s+[a-z]\))?|[IVX]{1,6}(?:\.[A-Z0-9]{1,4})+`

var referencePattern = regexp.MustCompile(`^\s*(.+?)\s*(?:,?\s*(?i:§|párrafo|parrafo|párr\.?|parr\.?|para\.?|paragraph|p\.|recomendaci[oó]n|rec\.)\s*(` + referenceNumber + `)|\s+(` + referenceNumber + `))?\s*\.?$`)

// ParseReference parses s as a reference, and reports false when s is not
// one (it is then an ordinary query).
func ParseReference(s string) (Reference, bool) {
	m := referencePattern.FindStringSubmatch(s)
	if m == nil {
		return Reference{}, false
	}
	symText := m[1]
	if strings.ContainsAny(symText, "\"':") {
		return Reference{}, false
	}
	sym, err := corpus.ParseSymbol(symText)
	if err != nil {
		return Reference{}, false
	}
	ref := Reference{Symbol: sym}
	if n := m[2] + m[3]; n != "" {
		var ok bool
		if ref.Paragraph, ok = corpus.ParseNumber(n); !ok {
			return Reference{}, false
		}
	}
	return ref, true
}
