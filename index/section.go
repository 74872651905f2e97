package index

import (
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// SectionRelevanceSort orders hits as RelevanceSort does, after putting
// first the paragraphs that have all of words (each given as its terms, any
// one of which will do) in their own text or original field: a query whose
// words may also be found in a paragraph's section (FieldSection) finds the
// items of a list under the heading that holds some of its words, and
// ranks them below every paragraph that has all the words itself, however
// the scores compare.
func SectionRelevanceSort(words [][]string) bsearch.SortOrder {
	return append(bsearch.SortOrder{&ownWordsSort{words: words}}, RelevanceSort()...)
}

// OwnValue and SectionValue are the sort values of SectionRelevanceSort's
// first key: a paragraph with every word itself, and one that needs its
// section for some.
const (
	OwnValue     = "1"
	SectionValue = "0"
)

// ownWordsSort is the first key of SectionRelevanceSort: OwnValue for a
// paragraph that has every word in its text (or original), read from a
// bitmap of each segment of the search's snapshot.
type ownWordsSort struct {
	words  [][]string
	facets *snapshotFacets // locates a hit's segment; set by searchShard
	bits   [][]uint64      // by segment: a bit per document that has all words
	desc   bool
}

// bind reads, for each segment of r, the paragraphs that have all the
// words in FieldText or FieldOriginal.
func (s *ownWordsSort) bind(r *scorch.IndexSnapshot, facets *snapshotFacets) error {
	s.facets = facets
	s.bits = nil
	for _, ss := range r.Segments() {
		var all *roaring.Bitmap
		for _, terms := range s.words {
			word := roaring.New()
			for _, field := range []string{FieldText, FieldOriginal} {
				d, err := ss.Segment().Dictionary(field)
				if err != nil {
					return fmt.Errorf("section sort: %w", err)
				}
				for _, t := range terms {
					if err := orPostings(d, []byte(t), word); err != nil {
						return fmt.Errorf("section sort %q: %w", t, err)
					}
				}
			}
			if all == nil {
				all = word
			} else {
				all.And(word)
			}
		}
		var bits []uint64
		if all != nil {
			bits = all.ToDense()
		}
		s.bits = append(s.bits, bits)
	}
	return nil
}

// UpdateVisitor does nothing: the value is not read from doc values.
func (s *ownWordsSort) UpdateVisitor(string, []byte) {}

// Value returns OwnValue or SectionValue.
func (s *ownWordsSort) Value(d *bsearch.DocumentMatch) string {
	if s.facets == nil || d.IndexInternalID == nil {
		return SectionValue
	}
	i, n := s.facets.locateIndex(d.IndexInternalID.Value())
	if i < 0 || i >= len(s.bits) {
		return SectionValue
	}
	if w := n / 64; w < uint64(len(s.bits[i])) && s.bits[i][w]&(1<<(n%64)) != 0 {
		return OwnValue
	}
	return SectionValue
}

// DecodeValue returns the value as it is.
func (s *ownWordsSort) DecodeValue(v string) string { return v }

// Descending is true: OwnValue first.
func (s *ownWordsSort) Descending() bool { return !s.desc }

// RequiresDocID is false.
func (s *ownWordsSort) RequiresDocID() bool { return false }

// RequiresScoring is false.
func (s *ownWordsSort) RequiresScoring() bool { return false }

// RequiresFields is empty: nothing is read from doc values.
func (s *ownWordsSort) RequiresFields() []string { return nil }

// Reverse reverses the order.
func (s *ownWordsSort) Reverse() { s.desc = !s.desc }

// Copy returns a copy for another search.
func (s *ownWordsSort) Copy() bsearch.SearchSort { return &ownWordsSort{words: s.words, desc: s.desc} }
