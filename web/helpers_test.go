package web

import (
	"context"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/recurrence"
	"github.com/relatoria/relatoria/search"
)

// mustSampleIndex returns a memory index of the bundled sample corpus (as
// search's tests build it).
func mustSampleIndex(tb testing.TB) *index.Index {
	tb.Helper()
	ix, err := index.NewTemporary(2) // two shards: results and facets are merged
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	l := mustLinker(tb, ix) // the paragraphs' recurrence flags
	for doc, err := range ingest.Dir(corpus.Sample, ingest.Options{}) {
		if err != nil {
			tb.Fatal(err)
		}
		if err := l.Add(context.Background(), doc); err != nil {
			tb.Fatal(err)
		}
	}
	return ix
}

// What cmd/relatoria gives Handler satisfies its interfaces.
var (
	_ Searcher = (*search.Searcher)(nil)
	_ Writer   = (*recurrence.Linker)(nil)
	_ Writer   = (*index.Index)(nil)
)
