package web

import (
	"testing"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/internal/testcorpus"
	"github.com/relatoria/relatoria/recurrence"
	"github.com/relatoria/relatoria/search"
)

// What cmd/relatoria gives Handler satisfies its interfaces.
var (
	_ Searcher = (*search.Searcher)(nil)
	_ Writer   = (*recurrence.Linker)(nil)
	_ Writer   = (*index.Index)(nil)
)

// mustSampleIndex is testcorpus.SampleIndex.
func mustSampleIndex(tb testing.TB) *index.Index { return testcorpus.SampleIndex(tb) }
