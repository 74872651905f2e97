package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// fallbackQuery matches what Primary or Fallback matches. A paragraph that
// Primary matches has Primary's score, exactly as without Fallback; any
// other has Fallback's score times Weight. It serves a word that a
// paragraph may have in its text (Primary) or only in its section
// (Fallback, on FieldSection): bleve's disjunction would scale every
// score by the share of its clauses that match, so that adding the
// section clause would have reordered the paragraphs that have the word
// themselves.
type fallbackQuery struct {
	Primary, Fallback query.Query
	Weight            float64
}

// Searcher returns the searcher of q.
func (q *fallbackQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, o bsearch.SearcherOptions) (bsearch.Searcher, error) {
	p, err := q.Primary.Searcher(ctx, r, m, o)
	if err != nil {
		return nil, err
	}
	f, err := q.Fallback.Searcher(ctx, r, m, o)
	if err != nil {
		p.Close()
		return nil, err
	}
	return &fallbackSearcher{p: p, f: f, weight: q.Weight}, nil
}

// fallbackSearcher merges the matches of two searchers in document order.
type fallbackSearcher struct {
	p, f       bsearch.Searcher
	weight     float64
	curP, curF *bsearch.DocumentMatch // the next match of each; nil at its end
	started    bool
}

func (s *fallbackSearcher) start(ctx *bsearch.SearchContext) error {
	if s.started {
		return nil
	}
	s.started = true
	var err error
	if s.curP, err = s.p.Next(ctx); err != nil {
		return err
	}
	s.curF, err = s.f.Next(ctx)
	return err
}

// Next returns the next match of either searcher.
func (s *fallbackSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	if err := s.start(ctx); err != nil {
		return nil, err
	}
	var err error
	switch {
	case s.curP == nil && s.curF == nil:
		return nil, nil
	case s.curF == nil || s.curP != nil && s.curP.IndexInternalID.Compare(s.curF.IndexInternalID) <= 0:
		out := s.curP
		if s.curF != nil && s.curF.IndexInternalID.Equals(out.IndexInternalID) {
			ctx.DocumentMatchPool.Put(s.curF)
			if s.curF, err = s.f.Next(ctx); err != nil {
				return nil, err
			}
		}
		s.curP, err = s.p.Next(ctx)
		return out, err
	default:
		out := s.curF
		out.Score *= s.weight
		s.curF, err = s.f.Next(ctx)
		return out, err
	}
}

// Advance moves both searchers to id or past it and returns the next match.
func (s *fallbackSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	if err := s.start(ctx); err != nil {
		return nil, err
	}
	var err error
	if s.curP != nil && s.curP.IndexInternalID.Compare(id) < 0 {
		ctx.DocumentMatchPool.Put(s.curP)
		if s.curP, err = s.p.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	if s.curF != nil && s.curF.IndexInternalID.Compare(id) < 0 {
		ctx.DocumentMatchPool.Put(s.curF)
		if s.curF, err = s.f.Advance(ctx, id); err != nil {
			return nil, err
		}
	}
	return s.Next(ctx)
}

// Close closes both searchers.
func (s *fallbackSearcher) Close() error {
	err := s.p.Close()
	if e := s.f.Close(); err == nil {
		err = e
	}
	return err
}

// Weight is Primary's, so that the query norm, and with it every score,
// is what it would be without Fallback.
func (s *fallbackSearcher) Weight() float64 { return s.p.Weight() }

// SetQueryNorm passes the norm to both searchers.
func (s *fallbackSearcher) SetQueryNorm(n float64) {
	s.p.SetQueryNorm(n)
	s.f.SetQueryNorm(n)
}

// Count estimates the matches: those of both.
func (s *fallbackSearcher) Count() uint64 { return s.p.Count() + s.f.Count() }

// Min is 0: either searcher will do.
func (s *fallbackSearcher) Min() int { return 0 }

// Size estimates the memory the searcher holds.
func (s *fallbackSearcher) Size() int { return 64 + s.p.Size() + s.f.Size() }

// DocumentMatchPoolSize is what both need and the two matches held.
func (s *fallbackSearcher) DocumentMatchPoolSize() int {
	return s.p.DocumentMatchPoolSize() + s.f.DocumentMatchPoolSize() + 2
}
