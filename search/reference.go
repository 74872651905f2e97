package search

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// Reference is a citation of a document or one of its paragraphs, as
// researchers write them: "51/34", "A/HRC/RES/51/34", "51/34 7",
// "51/34 §7", "51/34, párrafo 7", "A/HRC/RES/51/34 párr. 7".
type Reference struct {
	Symbol    corpus.Symbol
	Paragraph int // 0 for the whole document
}

// String returns the reference in canonical form: "A/HRC/RES/51/34 §7".
func (r Reference) String() string {
	if r.Paragraph > 0 {
		return r.Symbol.String() + " §" + strconv.Itoa(r.Paragraph)
	}
	return r.Symbol.String()
}

var referencePattern = regexp.MustCompile(`(?i)^\s*(.+?)\s*(?:,?\s*(?:§|párrafo|parrafo|párr\.?|parr\.?|para\.?|paragraph|p\.)\s*([0-9]{1,3})|\s+([0-9]{1,3}))?\s*\.?$`)

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
		ref.Paragraph, _ = strconv.Atoi(n)
		if ref.Paragraph == 0 {
			return Reference{}, false
		}
	}
	return ref, true
}
