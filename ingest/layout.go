package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file rebuilds paragraphs from lines of plain text, as a scan, a
// pdftotext dump or a copied web page lays them out. Three layouts occur:
//
//   - hard-wrapped paragraphs separated by blank lines (OCR output, mail);
//   - hard-wrapped paragraphs with no blank lines, where a paragraph ends on a
//     short line (pdftotext, PDF glyph rows);
//   - one paragraph per line, lines of any length (web pages copied as text).
//
// The wrap width W is estimated from the line lengths. A line much shorter
// than W ends its paragraph; a line that opens with a bullet, a paragraph
// number or an enumeration starts a new one.

// wrapWidth estimates the width at which text was hard-wrapped: the 80th
// percentile of the lengths, in runes, of the non-blank lines. It returns 0
// when the text does not look hard-wrapped (too few lines, or lines longer
// than any page is wide).
func wrapWidth(lines []string) int {
	var lens []int
	for _, l := range lines {
		if n := utf8.RuneCountInString(strings.TrimSpace(l)); n > 0 {
			lens = append(lens, n)
		}
	}
	if len(lens) < 3 {
		return 0
	}
	slices.Sort(lens)
	w := lens[len(lens)*8/10]
	if w > 140 || w < 25 {
		return 0
	}
	return w
}

var (
	// bulletStart matches the marker of a list item: "•", "-", "*", "–",
	// "1)", "a)", "i)", "(a)".
	bulletStart = regexp.MustCompile(`^(?:[•·▪◦●*\-–]\s+|\(?(?:[0-9]{1,2}|[a-z]|[ivx]{1,4})\)\s+)`)
	// numberStart matches a numbered paragraph: "7. ", "12.  ", OCR's
	// "4, " for "4. ", and numbers of several components, "84.3 Proseguir",
	// "4.a. Considere" (labelNumber), but not "26.165 de 2006)".
	numberStart = regexp.MustCompile(`^(?:` + labelNumber + `|([0-9]{1,3})(?:\.\s+\S|,\s+\p{Lu}))`)
	sentenceEnd = regexp.MustCompile(`[.;:!?»”"')\]]$`)
)

// startsItem reports whether a line opens a new paragraph by its first
// characters alone.
func startsItem(line string) bool {
	t := strings.TrimSpace(line)
	return bulletStart.MatchString(t) || numberStart.MatchString(t) || subBullet(line)
}

// subBullet reports whether a line is an item of a second-level list as
// word processors export it to text: indented, with the bullet "o" ("o" at
// the margin is the word).
func subBullet(line string) bool {
	t := strings.TrimLeft(line, " \t")
	return len(t) < len(line) && len(t) > 2 && t[0] == 'o' && (t[1] == ' ' || t[1] == '\t')
}

// paragraphsFromLines groups lines into blocks. Blank lines always separate
// blocks. Inside a run of non-blank lines, a new block starts where the
// previous line is short (under 70% of the wrap width) and ends like a
// sentence, or where the line opens an item. When the text is not
// hard-wrapped (wrap width 0), every line is its own block.
func paragraphsFromLines(lines []string) []block {
	return paragraphsFrom(lines, startsItem)
}

// numberStartPDF is numberStart without OCR's "4, " for "4. ": in a PDF's
// text layer a comma after a number at a line start is the number's own
// ("supra nota" / "1, Considerando cuarto.").
var numberStartPDF = regexp.MustCompile(`^(?:` + labelNumber + `|([0-9]{1,3})\.\s+\S)`)

// startsItemPDF is startsItem for the lines of a PDF's text layer.
func startsItemPDF(line string) bool {
	t := strings.TrimSpace(line)
	return bulletStart.MatchString(t) || numberStartPDF.MatchString(t)
}

// paragraphsFrom is paragraphsFromLines with the test of a line that opens
// an item.
func paragraphsFrom(lines []string, startsItem func(string) bool) []block {
	w := wrapWidth(lines)
	var out []block
	var cur []string
	start := 0
	flush := func() {
		if len(cur) > 0 {
			out = append(out, block{lines: cur, start: start})
			cur = nil
		}
	}
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		if len(cur) > 0 {
			prev := strings.TrimSpace(cur[len(cur)-1])
			short := utf8.RuneCountInString(prev) < w*7/10
			switch {
			case w == 0:
				flush()
			case startsItem(l):
				flush()
			case bodyLine.MatchString(prev):
				flush() // "El Consejo de Derechos Humanos," stands alone
			case short && sentenceEnd.MatchString(prev):
				flush()
			case short && startsUpper(l) && utf8.RuneCountInString(prev) < w/2 && !endsOpen(prev):
				// A short line such as a heading, followed by a capital.
				flush()
			}
		}
		if len(cur) == 0 {
			start = i
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s))
	return unicode.IsUpper(r)
}

// endsOpen reports whether a line ends in a way that shows the sentence goes
// on: a comma, a connector ("de", "y", "la"), a hyphen.
func endsOpen(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	if strings.HasSuffix(s, ",") || strings.HasSuffix(s, "-") {
		return true
	}
	i := strings.LastIndexByte(s, ' ')
	last := strings.ToLower(s[i+1:])
	switch last {
	case "de", "del", "la", "las", "el", "los", "y", "e", "o", "u", "en", "a", "al", "para", "por", "con", "que", "sobre", "entre", "the", "of", "and", "to", "in", "for":
		return true
	}
	return false
}
