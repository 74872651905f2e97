package index

import (
	"context"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// termRange is the terms of Field from From (inclusive) to To (exclusive);
// an empty bound is open.
type termRange struct {
	Field    string
	From, To string
}

// termRangeFilter matches the paragraphs that have a term in any of Ranges
// or, with Not, those that have none. It is a filter: its matches score
// nothing, so it narrows a query without changing its order. Its searcher
// reads the postings of every term in range once a segment, as bitmaps,
// and walks their union: bleve's term range query ran a searcher per term
// and merged them hit by hit (a date filter over a decade took 9 ms at
// 100,000 paragraphs, 109 ms at a million), and its negation walked every
// paragraph of the index.
type termRangeFilter struct {
	Ranges []termRange
	Not    bool
}

// termFilter matches the paragraphs that have term in field (not, with
// not): a termRangeFilter of that one term.
func termFilter(field, term string, not bool) *termRangeFilter {
	return &termRangeFilter{Ranges: []termRange{{Field: field, From: term, To: term + "\x00"}}, Not: not}
}

// Searcher returns the searcher of the filter in reader, a scorch snapshot.
func (q *termRangeFilter) Searcher(ctx context.Context, reader bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	snap, ok := snapshotOf(reader)
	if !ok {
		return nil, fmt.Errorf("term range filter: index reader %T is not scorch's", reader)
	}
	all := roaring.New()
	var offset uint64
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		local := roaring.New()
		for _, r := range q.Ranges {
			if err := orRange(seg, r, local); err != nil {
				return nil, err
			}
		}
		if q.Not {
			local.Flip(0, seg.Count())
		}
		if deleted := ss.Deleted(); deleted != nil {
			local.AndNot(deleted)
		}
		if offset+seg.Count() > 1<<32 {
			return nil, fmt.Errorf("term range filter: over 4 billion documents")
		}
		all.Or(roaring.AddOffset64(local, int64(offset)))
		offset += seg.Count()
	}
	return &bitmapSearcher{docs: all, it: all.Iterator()}, nil
}

// orRange adds to docs the documents of seg with a term in r.
func orRange(seg segment.Segment, r termRange, docs *roaring.Bitmap) error {
	dict, err := seg.Dictionary(r.Field)
	if err != nil {
		return fmt.Errorf("term range filter on %s: %w", r.Field, err)
	}
	var from, to []byte
	if r.From != "" {
		from = []byte(r.From)
	}
	if r.To != "" {
		to = []byte(r.To)
	}
	it := dict.AutomatonIterator(nil, from, to)
	for {
		entry, err := it.Next()
		if err != nil {
			return fmt.Errorf("term range filter on %s: %w", r.Field, err)
		}
		if entry == nil {
			return nil
		}
		if err := orPostings(dict, []byte(entry.Term), docs); err != nil {
			return fmt.Errorf("term range filter on %s: %w", r.Field, err)
		}
	}
}

// orPostings adds to docs the documents (of the dictionary's segment, by
// local number, deleted ones included) that have term.
func orPostings(dict segment.TermDictionary, term []byte, docs *roaring.Bitmap) error {
	pl, err := dict.PostingsList(term, nil, nil)
	if err != nil {
		return err
	}
	or, ok := pl.(interface{ OrInto(*roaring.Bitmap) })
	if !ok {
		return fmt.Errorf("postings %T cannot be read as a bitmap", pl)
	}
	or.OrInto(docs)
	return nil
}

// bitmapSearcher returns the documents of a bitmap of global document
// numbers, in order, each with a score of zero.
type bitmapSearcher struct {
	docs *roaring.Bitmap
	it   roaring.IntPeekable
}

// Next returns the next document.
func (s *bitmapSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if !s.it.HasNext() {
		return nil, nil
	}
	d := ctx.DocumentMatchPool.Get()
	d.IndexInternalID = bindex.NewIndexInternalID(d.IndexInternalID, uint64(s.it.Next()))
	d.Score = 0
	return d, nil
}

// Advance returns the first document at or after id.
func (s *bitmapSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	n := id.Value()
	if n >= 1<<32 {
		return nil, nil
	}
	s.it.AdvanceIfNeeded(uint32(n))
	return s.Next(ctx)
}

// Weight is zero: a filter adds nothing to the norm of a query's weights.
func (s *bitmapSearcher) Weight() float64 { return 0 }

// SetQueryNorm does nothing.
func (s *bitmapSearcher) SetQueryNorm(float64) {}

// Count returns the number of documents.
func (s *bitmapSearcher) Count() uint64 { return s.docs.GetCardinality() }

// Min is zero: every document must match.
func (s *bitmapSearcher) Min() int { return 0 }

// Size estimates the memory the searcher holds.
func (s *bitmapSearcher) Size() int { return 64 + int(s.docs.GetSizeInBytes()) }

// DocumentMatchPoolSize is one: a document at a time.
func (s *bitmapSearcher) DocumentMatchPoolSize() int { return 1 }

// Close does nothing.
func (s *bitmapSearcher) Close() error { return nil }

var _ query.Query = (*termRangeFilter)(nil)
