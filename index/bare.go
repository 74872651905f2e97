package index

import (
	"fmt"
	"math"
	"slices"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/relatoria/relatoria/corpus"
)

// BareLast returns s with a key before its score that puts last the
// headings that only repeat the query: a heading (or a note, or an item
// of a list) of no more terms than the query has (terms lists the terms
// of each of its words, any of which will do), with one of them at
// least, says nothing the query did not: "Trata de personas" for the
// query trata de personas. The compilations have hundreds of such
// headings, one a report, and by their few words they outscored every
// paragraph that says something about trafficking. Running text is not
// looked at (a paragraph of two words is rare, and reading the lengths of
// all the paragraphs that have a common word would cost every query).
// The other hits keep their order; a Sort without a score is returned as
// it is.
func BareLast(s Sort, terms [][]string) Sort {
	at := slices.IndexFunc(s.order, func(k bsearch.SearchSort) bool { return k.RequiresScoring() })
	if at < 0 || len(terms) == 0 {
		return s
	}
	order := slices.Clone(s.order)
	order = slices.Insert(order, at, bsearch.SearchSort(&bareSort{terms: terms}))
	return Sort{order}
}

// Bare and NotBare are the sort values of BareLast's key.
const (
	NotBare = "1"
	Bare    = "0"
)

// bareSort is BareLast's key: Bare for a heading that only repeats the
// query, read from a bitmap of each segment of the search's snapshot.
type bareSort struct {
	terms  [][]string
	facets *snapshotFacets // locates a hit's segment; set by searchShard
	bits   [][]uint64      // by segment: a bit per bare heading
	desc   bool
}

// bind finds, in each segment of r, the headings that have one of the
// query's terms in FieldText and no more terms than the query has words,
// by the field length bleve records with each posting (its norm is
// 1/√length).
func (s *bareSort) bind(r *scorch.IndexSnapshot, facets *snapshotFacets) error {
	s.facets = facets
	s.bits = nil
	for _, ss := range r.Segments() {
		seg := ss.Segment()
		headings, err := segmentPostings(seg, filterField(FieldKind), []string{
			FilterTerm(FieldKind, string(corpus.Heading)), FilterTerm(FieldKind, string(corpus.Footnote)), FilterTerm(FieldKind, string(corpus.ListItem))})
		if err != nil {
			return fmt.Errorf("bare headings: %w", err)
		}
		var bits []uint64
		if !headings.IsEmpty() {
			bare, err := shortIn(seg, s.terms, headings, len(s.terms))
			if err != nil {
				return fmt.Errorf("bare headings: %w", err)
			}
			if !bare.IsEmpty() {
				bits = bare.ToDense()
			}
		}
		s.bits = append(s.bits, bits)
	}
	return nil
}

// shortIn returns those of docs of seg whose FieldText has any of terms and
// at most limit terms in all.
func shortIn(seg segment.Segment, terms [][]string, docs *roaring.Bitmap, limit int) (*roaring.Bitmap, error) {
	out := roaring.New()
	d, err := seg.Dictionary(FieldText)
	if err != nil {
		return nil, err
	}
	for _, alts := range terms {
		for _, t := range alts {
			pl, err := d.PostingsList([]byte(t), nil, nil)
			if err != nil {
				return nil, err
			}
			if pl == nil || pl.Count() == 0 {
				continue
			}
			// As segmentHas does: a posting once returned is not
			// returned again by Advance.
			it := pl.Iterator(false, true, false, nil)
			var cur segment.Posting
			ids := docs.Iterator()
			for ids.HasNext() {
				doc := uint64(ids.Next())
				if cur == nil || cur.Number() < doc {
					if cur, err = it.Advance(doc); err != nil {
						return nil, err
					}
					if cur == nil {
						break
					}
				}
				if cur.Number() != doc {
					continue
				}
				if n := cur.Norm(); n > 0 && int(math.Round(1/(n*n))) <= limit {
					out.Add(uint32(doc))
				}
			}
		}
	}
	return out, nil
}

// UpdateVisitor does nothing: the value is not read from doc values.
func (s *bareSort) UpdateVisitor(string, []byte) {}

// Value returns Bare or NotBare.
func (s *bareSort) Value(d *bsearch.DocumentMatch) string {
	if s.facets == nil || d.IndexInternalID == nil {
		return NotBare
	}
	i, n := s.facets.locateIndex(d.IndexInternalID.Value())
	if i < 0 || i >= len(s.bits) {
		return NotBare
	}
	if w := n / 64; w < uint64(len(s.bits[i])) && s.bits[i][w]&(1<<(n%64)) != 0 {
		return Bare
	}
	return NotBare
}

// DecodeValue returns the value as it is.
func (s *bareSort) DecodeValue(v string) string { return v }

// Descending is true: NotBare first.
func (s *bareSort) Descending() bool { return !s.desc }

// RequiresDocID is false.
func (s *bareSort) RequiresDocID() bool { return false }

// RequiresScoring is false.
func (s *bareSort) RequiresScoring() bool { return false }

// RequiresFields is empty: nothing is read from doc values.
func (s *bareSort) RequiresFields() []string { return nil }

// Reverse reverses the order.
func (s *bareSort) Reverse() { s.desc = !s.desc }

// Copy returns a copy for another search.
func (s *bareSort) Copy() bsearch.SearchSort { return &bareSort{terms: s.terms, desc: s.desc} }
