package search

import (
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/internal/testcorpus"
)

// renewedPair is testcorpus.RenewedPair.
func renewedPair() (old, new *corpus.Document) { return testcorpus.RenewedPair() }

// mustIndexDocs returns a Searcher of a temporary index of docs, with
// the Linker that added them (testcorpus.Indexed).
func mustIndexDocs(tb testing.TB, docs ...*corpus.Document) *Searcher {
	tb.Helper()
	ix, l := testcorpus.Indexed(tb, docs...)
	s := New(ix)
	s.SetLinker(l)
	return s
}
