package index

import (
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// SectionRelevanceSort orders hits as RelevanceSort does, after putting
// first the paragraphs that have all of words (each given as its terms, any
// one of which will do) in their own text or original field: a query whose
// words may also be found in a paragraph's section (FieldSection) finds the
// items of a list under the heading that holds some of its words, and
// ranks them below every paragraph that has all the words itself, however
// the scores compare.
func SectionRelevanceSort(words [][]string) Sort {
	return Sort{append(bsearch.SortOrder{&ownWordsSort{words: words}}, RelevanceSort().order...)}
}

// OwnValue and SectionValue are the sort values of SectionRelevanceSort's
// first key: a paragraph with every word itself, and one that needs its
// section for some.
const (
	OwnValue     = "1"
	SectionValue = "0"
)

// ownWordsSort is the first key of SectionRelevanceSort: SectionValue for
// a paragraph that has some word in its section but not in its text (or
// original), read from a bitmap of each segment of the search's snapshot.
type ownWordsSort struct {
	words  [][]string
	facets *snapshotFacets // locates a hit's segment; set by searchShard
	bits   [][]uint64      // by segment: a bit per paragraph that needs its section
	desc   bool
}

// bind reads, for each segment of r, the paragraphs that have a word in
// FieldSection but not in FieldText or FieldOriginal. It walks the section
// postings, which only items of lists have, and looks each of their
// paragraphs up in the text postings by skipping to it: reading the text
// postings of a common word whole had made queries a third slower.
func (s *ownWordsSort) bind(r *scorch.IndexSnapshot, facets *snapshotFacets) error {
	s.facets = facets
	s.bits = nil
	for _, ss := range r.Segments() {
		seg := ss.Segment()
		var needs *roaring.Bitmap
		for _, terms := range s.words {
			in, err := segmentPostings(seg, FieldSection, terms)
			if err != nil || in.IsEmpty() {
				if err != nil {
					return fmt.Errorf("section sort: %w", err)
				}
				continue
			}
			own, err := segmentHas(seg, []string{FieldText, FieldOriginal}, terms, in)
			if err != nil {
				return fmt.Errorf("section sort: %w", err)
			}
			in.AndNot(own)
			if needs == nil {
				needs = in
			} else {
				needs.Or(in)
			}
		}
		var bits []uint64
		if needs != nil && !needs.IsEmpty() {
			bits = needs.ToDense()
		}
		s.bits = append(s.bits, bits)
	}
	return nil
}

// segmentPostings returns the paragraphs of seg that have any of terms in
// field.
func segmentPostings(seg segment.Segment, field string, terms []string) (*roaring.Bitmap, error) {
	d, err := seg.Dictionary(field)
	if err != nil {
		return nil, err
	}
	out := roaring.New()
	for _, t := range terms {
		if err := orPostings(d, []byte(t), out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// segmentHas returns those of the paragraphs docs of seg that have any of
// terms in any of fields, skipping through the postings to each.
func segmentHas(seg segment.Segment, fields, terms []string, docs *roaring.Bitmap) (*roaring.Bitmap, error) {
	out := roaring.New()
	for _, f := range fields {
		d, err := seg.Dictionary(f)
		if err != nil {
			return nil, err
		}
		for _, t := range terms {
			pl, err := d.PostingsList([]byte(t), nil, nil)
			if err != nil {
				return nil, err
			}
			if pl == nil || pl.Count() == 0 {
				continue
			}
			it := pl.Iterator(false, false, false, nil)
			var cur segment.Posting
			it2 := docs.Iterator()
			for it2.HasNext() {
				doc := uint64(it2.Next())
				if cur == nil || cur.Number() < doc {
					if cur, err = it.Advance(doc); err != nil {
						return nil, err
					}
					if cur == nil {
						break
					}
				}
				if cur.Number() == doc {
					out.Add(uint32(doc))
				}
			}
		}
	}
	return out, nil
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
		return OwnValue
	}
	if w := n / 64; w < uint64(len(s.bits[i])) && s.bits[i][w]&(1<<(n%64)) != 0 {
		return SectionValue
	}
	return OwnValue
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
