package index

import (
	"cmp"
	"fmt"
	"slices"
	"unicode/utf8"
)

// DocFrequency returns the number of paragraphs of the whole index (every
// shard) that have term in field: 0 for a word the index has nowhere.
func (ix *Index) DocFrequency(field, term string) (uint64, error) {
	var n uint64
	for _, b := range ix.shards {
		snap, err := openSnapshot(b)
		if err != nil {
			return 0, err
		}
		c, err := docFrequency(snap, field, []byte(term))
		snap.Close()
		if err != nil {
			return 0, fmt.Errorf("frequency of %s:%q: %w", field, term, err)
		}
		n += c
	}
	return n, nil
}

// TermCount is a term of the index and the number of paragraphs that have
// it.
type TermCount struct {
	Term  string
	Count uint64
	Edits int // edits from the term asked about (SimilarTerms)
}

// SimilarTerms returns up to n terms of field within fuzziness edits of
// term (Levenshtein over letters, as bleve's fuzzy dictionary walks them),
// fewest edits first, then the most frequent: the forms an OCR-damaged or
// misspelt word may have been meant as ("didlogo" → "diálogo" in
// FieldTextExact). term itself is left out.
func (ix *Index) SimilarTerms(field, term string, fuzziness, n int) ([]TermCount, error) {
	counts := map[string]uint64{}
	for _, b := range ix.shards {
		snap, err := openSnapshot(b)
		if err != nil {
			return nil, err
		}
		dict, err := snap.FieldDictFuzzy(field, term, fuzziness, "")
		if err != nil {
			snap.Close()
			return nil, fmt.Errorf("terms near %s:%q: %w", field, term, err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				dict.Close()
				snap.Close()
				return nil, fmt.Errorf("terms near %s:%q: %w", field, term, err)
			}
			if e == nil {
				break
			}
			if e.Term != term {
				counts[e.Term] += e.Count
			}
		}
		dict.Close()
		snap.Close()
	}
	out := make([]TermCount, 0, len(counts))
	for t, c := range counts {
		out = append(out, TermCount{Term: t, Count: c, Edits: editDistance(term, t)})
	}
	slices.SortFunc(out, func(a, b TermCount) int {
		return cmp.Or(cmp.Compare(a.Edits, b.Edits), cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
	return out[:min(n, len(out))], nil
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if utf8.RuneCountInString(a) == 0 {
		return len(rb)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
