package web

import (
	"context"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
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
