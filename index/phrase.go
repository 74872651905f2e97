package index

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// PhraseQuery matches the paragraphs that have the words of a text in
// order, as bleve's MatchPhraseQuery does (the text analysed by the field's
// analyzer; a stop word left out still takes its place, so "violencia
// contra la mujer" wants "mujer" three words after "violencia"), with the
// same scores. It checks each candidate's term positions as they come from
// the postings, where bleve's phrase searcher first builds a map of maps of
// every candidate's locations: phrase queries took 5–17 ms at 100,000
// paragraphs, two thirds of it in those maps.
type PhraseQuery struct {
	text  string
	field string
	boost float64
}

// NewPhraseQuery returns a phrase query for text; SetField sets its field.
func NewPhraseQuery(text string) *PhraseQuery { return &PhraseQuery{text: text, boost: 1} }

// SetField sets the field searched.
func (q *PhraseQuery) SetField(f string) { q.field = f }

// Field returns the field searched.
func (q *PhraseQuery) Field() string { return q.field }

// SetBoost sets the weight of the query's score.
func (q *PhraseQuery) SetBoost(b float64) { q.boost = b }

// Boost returns the weight of the query's score.
func (q *PhraseQuery) Boost() float64 { return q.boost }

// phraseTerm is a term of a phrase and its position relative to the first.
type phraseTerm struct {
	term   string
	offset uint64
}

// Searcher returns the searcher of the phrase in reader.
func (q *PhraseQuery) Searcher(ctx context.Context, reader bindex.IndexReader, m mapping.IndexMapping, options bsearch.SearcherOptions) (bsearch.Searcher, error) {
	field := q.field
	if field == "" {
		field = m.DefaultSearchField()
	}
	analyzer := m.AnalyzerNamed(m.AnalyzerNameForPath(field))
	tokens := analyzer.Analyze([]byte(q.text))
	if len(tokens) == 0 {
		return searcher.NewMatchNoneSearcher(reader)
	}
	if len(tokens) == 1 {
		return searcher.NewTermSearcher(ctx, reader, string(tokens[0].Term), field, q.boost, options)
	}
	var terms []phraseTerm
	for _, t := range tokens {
		terms = append(terms, phraseTerm{string(t.Term), uint64(t.Position - tokens[0].Position)})
	}
	withPositions := options
	withPositions.IncludeTermVectors = true
	// A searcher for each word of the phrase, a repeated one too: so does
	// bleve's, and its scores count such a word twice.
	var children []bsearch.Searcher
	for _, t := range terms {
		s, err := searcher.NewTermSearcher(ctx, reader, t.term, field, q.boost, withPositions)
		if err != nil {
			for _, c := range children {
				c.Close()
			}
			return nil, err
		}
		children = append(children, s)
	}
	all, err := searcher.NewConjunctionSearcher(ctx, reader, children, withPositions)
	if err != nil {
		for _, c := range children {
			c.Close()
		}
		return nil, err
	}
	return &phraseSearcher{Searcher: all, terms: terms}, nil
}

// phraseSearcher passes on the matches of its conjunction of the phrase's
// terms that have them at the phrase's relative positions.
type phraseSearcher struct {
	bsearch.Searcher // the conjunction of the phrase's terms
	terms            []phraseTerm
}

// Next returns the next paragraph with the phrase.
func (s *phraseSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	for {
		d, err := s.Searcher.Next(ctx)
		if err != nil || d == nil {
			return d, err
		}
		if d := s.keep(ctx, d); d != nil {
			return d, nil
		}
	}
}

// Advance returns the first paragraph with the phrase at or after id.
func (s *phraseSearcher) Advance(ctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	d, err := s.Searcher.Advance(ctx, id)
	if err != nil || d == nil {
		return d, err
	}
	if d := s.keep(ctx, d); d != nil {
		return d, nil
	}
	return s.Next(ctx)
}

// keep returns d if it has the phrase, without its term locations (nothing
// reads them), or returns d to the pool and nil.
func (s *phraseSearcher) keep(ctx *bsearch.SearchContext, d *bsearch.DocumentMatch) *bsearch.DocumentMatch {
	if hasPhrase(d.FieldTermLocations, s.terms) {
		d.FieldTermLocations = d.FieldTermLocations[:0]
		return d
	}
	ctx.DocumentMatchPool.Put(d)
	return nil
}

// hasPhrase reports whether locs have every term of the phrase at its
// offset from some position of the first.
func hasPhrase(locs []bsearch.FieldTermLocation, terms []phraseTerm) bool {
	at := func(term string, pos uint64) bool {
		for i := range locs {
			if locs[i].Location.Pos == pos && locs[i].Term == term {
				return true
			}
		}
		return false
	}
	first := terms[0].term
	for i := range locs {
		if locs[i].Term != first {
			continue
		}
		start := locs[i].Location.Pos
		all := true
		for _, t := range terms[1:] {
			if !at(t.term, start+t.offset) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

var (
	_ query.FieldableQuery = (*PhraseQuery)(nil)
	_ query.BoostableQuery = (*PhraseQuery)(nil)
)
