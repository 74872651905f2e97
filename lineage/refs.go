package lineage

import (
	"regexp"
	"strconv"
	"strings"
)

// CompilationRef is a reference, in a compilation of recommendations, to
// paragraphs of a body's report on a State, as CLADEM's "Sistematización
// por temáticas" writes them under the body's name:
//
//	5° Observaciones finales sobre el Estado, Parag. 12; 26
//	2° Informe del Grupo de Trabajo sobre el Estado, Parag. 99.54 y 99.56
//	1° Informe Final Sobre Argentina; Parag. 4 y 19
//	6º Observaciones finales sobre el Estado, Parag. 15 Inc. C, D y E
type CompilationRef struct {
	// Cycle is the report's ordinal: the 5th concluding observations.
	Cycle int
	// Report is the report as named: "Observaciones finales sobre el Estado".
	Report     string
	Paragraphs []ParagraphNumber
}

// ParagraphNumber is a paragraph as a reference numbers it: 12, or 99.54
// (recommendation 54 of paragraph 99, as UPR reports number them).
type ParagraphNumber struct {
	Number int
	Sub    int // 0 when none
}

// String writes the number as references do: "12", "99.54".
func (n ParagraphNumber) String() string {
	if n.Sub > 0 {
		return strconv.Itoa(n.Number) + "." + strconv.Itoa(n.Sub)
	}
	return strconv.Itoa(n.Number)
}

var (
	compilationRef = regexp.MustCompile(`(?i)^\s*(\d{1,2})\s*[º°ª]\s*(.*?)\s*[,;.]?\s*\bPar[aá]g(?:rafos?|s)?\.?\s*(.+?)\s*\.?$`)
	paragraphNum   = regexp.MustCompile(`^(\d{1,4})(?:\.(\d{1,3}))?$`)
	subItems       = regexp.MustCompile(`(?i)\s*\binc(?:iso)?s?\.?\s.*$`)
)

// ParseCompilationRef parses a compilation's reference line; false when
// text is not one.
func ParseCompilationRef(text string) (CompilationRef, bool) {
	m := compilationRef.FindStringSubmatch(text)
	if m == nil {
		return CompilationRef{}, false
	}
	cycle, _ := strconv.Atoi(m[1])
	ref := CompilationRef{Cycle: cycle, Report: strings.TrimSpace(m[2])}
	for _, part := range strings.Split(m[3], ";") {
		// "15 Inc. C, D y E": the paragraph, whatever its items.
		if loc := subItems.FindStringIndex(part); loc != nil {
			part = part[:loc[0]]
		}
		for _, f := range strings.FieldsFunc(part, func(r rune) bool { return r == ',' || r == ' ' }) {
			if f == "y" || f == "e" {
				continue
			}
			n := paragraphNum.FindStringSubmatch(strings.TrimSuffix(f, "."))
			if n == nil {
				continue
			}
			num, _ := strconv.Atoi(n[1])
			sub, _ := strconv.Atoi(n[2])
			ref.Paragraphs = append(ref.Paragraphs, ParagraphNumber{num, sub})
		}
	}
	return ref, len(ref.Paragraphs) > 0
}

// cycleHeading reads the ordinal a section heading opens with: "5º
// Observaciones finales sobre el quinto informe …" → 5.
var cycleHeading = regexp.MustCompile(`^\s*(\d{1,2})\s*[º°ª]\s`)

// HeadingCycle returns the ordinal a heading opens with, or 0.
func HeadingCycle(heading string) int {
	m := cycleHeading.FindStringSubmatch(heading)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// stopWords are left out when names are compared.
var stopWords = map[string]bool{"de": true, "la": true, "el": true, "los": true, "las": true, "y": true, "del": true, "para": true, "sobre": true, "a": true, "en": true}

// NameMatch returns the share of the content words of name (a body as a
// compilation names it: "Consejo de Derechos Humanos - Examen Periódico
// Universal") found in title up to its first colon or parenthesis (the
// body a report's title names: "Examen Periódico Universal - EPU:
// Observaciones…"), folded.
func NameMatch(name, title string) float64 {
	if i := strings.IndexAny(title, ":("); i > 0 {
		title = title[:i]
	}
	have := map[string]bool{}
	for _, w := range Words(title) {
		have[w] = true
	}
	n, found := 0, 0
	for _, w := range Words(name) {
		if stopWords[w] {
			continue
		}
		n++
		if have[w] {
			found++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(found) / float64(n)
}
