package ocr

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// WordErrors returns the Levenshtein distance between two word sequences:
// the numerator of a word error rate, as shared/tools/ocr-damage/cer
// counts it (the words of ref are the denominator).
func WordErrors(ref, hyp []string) int {
	prev := make([]int, len(hyp)+1)
	cur := make([]int, len(hyp)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ref); i++ {
		cur[0] = i
		for j := 1; j <= len(hyp); j++ {
			cost := 1
			if ref[i-1] == hyp[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j-1]+cost, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(hyp)]
}

// FoldWords lower-cases words and removes their diacritics and
// punctuation, dropping words left empty: what an accent-insensitive index
// sees, and what the folded word error rate compares.
func FoldWords(ws []string) []string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out := make([]string, 0, len(ws))
	for _, w := range ws {
		f, _, _ := transform.String(t, strings.ToLower(w))
		f = strings.Map(func(r rune) rune {
			if unicode.IsPunct(r) {
				return -1
			}
			return r
		}, f)
		if f != "" {
			out = append(out, f)
		}
	}
	return out
}
