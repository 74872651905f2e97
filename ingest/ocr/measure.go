package ocr

import (
	"strings"
	"unicode"

	"github.com/relatoria/relatoria/spanish"
)

// WordErrors returns the Levenshtein distance between two word sequences:
// the numerator of a word error rate, as shared/tools/ocr-damage/cer
// counts it (the words of ref are the denominator).
func WordErrors(ref, hyp []string) int { return spanish.Distance(ref, hyp) }

// FoldWords lower-cases words and removes their diacritics and
// punctuation, dropping words left empty: what an accent-insensitive index
// sees, and what the folded word error rate compares.
func FoldWords(ws []string) []string {
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		f := strings.Map(func(r rune) rune {
			if unicode.IsPunct(r) {
				return -1
			}
			return r
		}, spanish.FoldLower(w))
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}
