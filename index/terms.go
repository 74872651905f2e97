package index

import (
	"cmp"
	"fmt"
	"slices"
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
}

// SimilarTerms returns the terms of field within fuzziness edits of term
// (Levenshtein over letters, as bleve's fuzzy dictionary walks them), the
// most frequent first: the forms an OCR-damaged or misspelt word may have
// been meant as ("didlogo" → "diálogo" in FieldTextExact). term itself is
// left out.
func (ix *Index) SimilarTerms(field, term string, fuzziness int) ([]TermCount, error) {
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
		out = append(out, TermCount{Term: t, Count: c})
	}
	slices.SortFunc(out, func(a, b TermCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Term, b.Term))
	})
	return out, nil
}
