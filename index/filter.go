package index

import (
	"context"
	"fmt"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TermRangeFilter matches the paragraphs that have a term of Field from From
// (inclusive) to To (exclusive); an empty bound is open. It is a filter: its
// matches score nothing, so it narrows a query without changing its order.
// Its searcher reads the postings of every term in range once, as bitmaps,
// and walks their union: bleve's term range query ran a searcher per term
// and merged them hit by hit, which made a date filter over a decade take
// 9 ms at 100,000 paragraphs and 109 ms at a million.
type TermRangeFilter struct {
	Field    string
	From, To string
}

// Searcher returns the searcher of the filter in reader, a scorch snapshot.
func (q *TermRangeFilter) Searcher(ctx context.Context, reader bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	snap, ok := reader.(*scorch.IndexSnapshot)
	if !ok {
		return nil, fmt.Errorf("term range filter: index reader %T is not scorch's", reader)
	}
	var from, to []byte
	if q.From != "" {
		from = []byte(q.From)
	}
	if q.To != "" {
		to = []byte(q.To)
	}
	all := roaring.New()
	var offset uint64
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		dict, err := seg.Dictionary(q.Field)
		if err != nil {
			return nil, fmt.Errorf("term range filter on %s: %w", q.Field, err)
		}
		local := roaring.New()
		it := dict.AutomatonIterator(nil, from, to)
		for {
			entry, err := it.Next()
			if err != nil {
				return nil, fmt.Errorf("term range filter on %s: %w", q.Field, err)
			}
			if entry == nil {
				break
			}
			pl, err := dict.PostingsList([]byte(entry.Term), nil, nil)
			if err != nil {
				return nil, fmt.Errorf("term range filter on %s: %w", q.Field, err)
			}
			or, ok := pl.(interface{ OrInto(*roaring.Bitmap) })
			if !ok {
				return nil, fmt.Errorf("term range filter: postings %T cannot be read as a bitmap", pl)
			}
			or.OrInto(local)
		}
		if deleted := ss.Deleted(); deleted != nil {
			local.AndNot(deleted)
		}
		if offset+seg.Count() > 1<<32 {
			return nil, fmt.Errorf("term range filter: over 4 billion documents")
		}
		if offset == 0 {
			all.Or(local)
		} else {
			local.Iterate(func(n uint32) bool {
				all.Add(uint32(offset) + n)
				return true
			})
		}
		offset += seg.Count()
	}
	return &bitmapSearcher{docs: all, it: all.Iterator()}, nil
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

var _ query.Query = (*TermRangeFilter)(nil)
