package ingest

import (
	"slices"
	"strings"
)

// The OCR models ingest may ask Tesseract for, and the guess between them.

// ocrLanguages lists the Tesseract models ingest may ask for.
var ocrLanguages = []string{"spa", "eng"}

// validLang reports whether lang is a Tesseract model name ingest accepts.
func validLang(lang string) bool { return slices.Contains(ocrLanguages, lang) }

// spanishWords and englishWords are function words that tell the two
// languages apart in a page of OCR output, whichever model read it.
var (
	spanishWords = map[string]bool{"de": true, "la": true, "el": true, "los": true, "las": true, "que": true, "y": true, "en": true, "del": true, "por": true, "para": true, "con": true, "una": true, "se": true}
	englishWords = map[string]bool{"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "that": true, "for": true, "on": true, "with": true, "by": true, "as": true, "which": true, "its": true}
)

// guessLang returns "eng" when text reads as English and "spa" otherwise.
func guessLang(text string) string {
	es, en := 0, 0
	for w := range strings.FieldsSeq(strings.ToLower(text)) {
		w = strings.Trim(w, ".,;:()\"'“”")
		if spanishWords[w] {
			es++
		}
		if englishWords[w] {
			en++
		}
	}
	if en > es && en >= 3 {
		return "eng"
	}
	return "spa"
}

// linesText returns the text of lines, one a line.
func linesText(lines []pdfLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}
