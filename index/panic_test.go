package index

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// panickyQuery is a query whose searcher panics, as bleve did on a page
// of 2^63 hits ("makeslice: cap out of range").
type panickyQuery struct{}

func (panickyQuery) Searcher(context.Context, bindex.IndexReader, mapping.IndexMapping, bsearch.SearcherOptions) (bsearch.Searcher, error) {
	panic("makeslice: cap out of range")
}

// TestSearchRecoversPanics checks that a panic in a shard's goroutine is
// an error of the search, not the end of the process.
func TestSearchRecoversPanics(t *testing.T) {
	ix := newTestIndex(t, 2)
	for _, q := range []query.Query{panickyQuery{}, query.NewBooleanQuery([]query.Query{panickyQuery{}}, nil, nil)} {
		_, err := ix.Search(t.Context(), Request{Query: Query{q}, Size: 10})
		var pe *PanicError
		if !errors.As(err, &pe) {
			t.Fatalf("Search with a panicking query: %v, want a *PanicError", err)
		}
		if !strings.Contains(err.Error(), "search shard") || !strings.Contains(err.Error(), "makeslice") || len(pe.Stack) == 0 {
			t.Errorf("error %q (stack %d bytes): want the shard, the panic and its stack", err, len(pe.Stack))
		}
	}
	// The index still answers.
	if _, err := ix.Search(t.Context(), Request{Query: MatchAll(), Size: 10}); err != nil {
		t.Errorf("after the panic: %v", err)
	}
}

// TestAliasRecoversPanics checks the same of searches through the
// index alias (show, cited-by, document listing), which bleve runs in a
// goroutine a shard.
func TestAliasRecoversPanics(t *testing.T) {
	ix := newTestIndex(t, 2)
	_, err := ix.alias.SearchInContext(t.Context(), bleve.NewSearchRequest(panickyQuery{}))
	var pe *PanicError
	if !errors.As(err, &pe) {
		t.Fatalf("alias search with a panicking query: %v, want a *PanicError", err)
	}
}
