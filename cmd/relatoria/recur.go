package main

import (
	"context"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/recurrence"
	"github.com/relatoria/relatoria/search"
)

// newLinker returns the Linker of the index: its store of recurrences
// lives beside the shards (lineage.gob, lineage-pairs.bin), read or
// rebuilt on first use. Close it before the index.
func newLinker(ix *index.Index) *recurrence.Linker {
	return recurrence.NewLinker(ix, recurrence.Open(ix.Dir()))
}

// linkedIndex is the local index as relatoria ingest writes it: documents
// go through the Linker, which works out their paragraphs' flags;
// compaction goes to the index.
type linkedIndex struct {
	*recurrence.Linker
	ix *index.Index
}

// Paragraphs returns the number of paragraphs of the index.
func (w linkedIndex) Paragraphs() (uint64, error) { return w.ix.Paragraphs() }

// Compact merges the index's segments.
func (w linkedIndex) Compact(ctx context.Context) error { return w.ix.Compact(ctx) }

// searcher returns a Searcher of ix that finds recurrences with l.
func searcher(ix *index.Index, l *recurrence.Linker) *search.Searcher {
	s := search.New(ix)
	s.SetLinker(l)
	return s
}
