package recurrence

import (
	"context"
	"iter"
	"sync"

	"github.com/relatoria/relatoria/corpus"
)

// Index is the index whose paragraphs a Linker flags (*index.Index).
type Index interface {
	// Write adds docs, each replacing the document with its ID, with the
	// flags their paragraphs carry, and sets the flags of the other
	// paragraphs named in recurs (by paragraph ID), in the same batches.
	Write(ctx context.Context, docs []*corpus.Document, recurs map[string]corpus.Recurs) error
	// Delete removes the documents with the given IDs.
	Delete(ids ...string) error
	// Generation counts the changes of the index: a table saved at
	// another generation does not follow it.
	Generation() (uint64, error)
	// Documents yields every document of the index, with its paragraphs
	// and their flags.
	Documents(ctx context.Context) iter.Seq2[*corpus.Document, error]
}

// Linker adds documents to an index with their paragraphs' flags worked
// out by a Store, and keeps the flags of the paragraphs already there up
// to date as documents come and go. Its Add and Delete are those of an
// ingest.Writer; its Recurrences answer "También en".
//
// The store is read (or rebuilt from the index, when its table does not
// follow the index's generation) on first use, so that a command that
// never asks for lineage never reads it.
type Linker struct {
	ix Index
	st *Store

	mu      sync.Mutex // one change at a time
	once    sync.Once
	used    bool // ready ran
	loadErr error
	// broken is set when a change failed half-way: the table no longer
	// follows the index, and is not saved.
	broken bool
	// gen is the index's generation after the Linker's last change: if
	// the index has another when the Linker is closed, something wrote
	// it without the Linker, and the table is not saved.
	gen uint64
}

// NewLinker returns a Linker of the index ix and its store st.
func NewLinker(ix Index, st *Store) *Linker { return &Linker{ix: ix, st: st} }

// ready loads the store, or builds it again from the index and gives the
// index the flags that differ.
func (l *Linker) ready(ctx context.Context) error {
	l.once.Do(func() {
		l.used = true
		g, err := l.ix.Generation()
		if err != nil {
			l.loadErr = err
			return
		}
		ok, err := l.st.Load(g)
		if err != nil || ok {
			l.loadErr = err
			return
		}
		changes, err := l.st.Rebuild(ctx, l.ix.Documents(ctx))
		if err == nil && len(changes) > 0 {
			err = l.ix.Write(ctx, nil, changes)
		}
		if err == nil {
			g, err = l.ix.Generation()
		}
		l.gen, l.loadErr = g, err
	})
	return l.loadErr
}

// changed records the index's generation after a change of the Linker's.
func (l *Linker) changed(err error) error {
	if err == nil {
		l.gen, err = l.ix.Generation()
	}
	if err != nil {
		l.broken = true
	}
	return err
}

// Add links docs in the store, which sets their paragraphs' flags, and
// writes them to the index with the flags of the other paragraphs that
// change.
func (l *Linker) Add(ctx context.Context, docs ...*corpus.Document) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.ready(ctx); err != nil {
		return err
	}
	docs = lastOfEach(docs)
	changes, err := l.st.Link(ctx, docs)
	if err == nil {
		err = l.ix.Write(ctx, docs, changes)
	}
	return l.changed(err)
}

// Delete removes the documents with the given IDs from the index and the
// store, and writes the flags of the paragraphs that change.
func (l *Linker) Delete(ids ...string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	ctx := context.Background()
	if err := l.ready(ctx); err != nil {
		return err
	}
	changes, err := l.st.Forget(ctx, ids)
	if err == nil {
		err = l.ix.Delete(ids...)
	}
	if err == nil && len(changes) > 0 {
		err = l.ix.Write(ctx, nil, changes)
	}
	return l.changed(err)
}

// Recurrences returns, for each paragraph of doc (a document of the
// index), the paragraphs of other documents with the same or nearly the
// same words (Store.Recurrences).
func (l *Linker) Recurrences(ctx context.Context, doc *corpus.Document) (map[int][]Match, error) {
	if err := l.ready(ctx); err != nil {
		return nil, err
	}
	return l.st.Recurrences(ctx, doc)
}

// ResidentBytes returns the heap the store keeps (Store.ResidentBytes).
func (l *Linker) ResidentBytes() int64 { return l.st.ResidentBytes() }

// Close saves the store's table at the index's generation (or, after a
// change that failed, or when the index was written without the Linker
// since, removes it, so that it is built again) and closes the store. It must be called before the index is closed.
func (l *Linker) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.once.Do(func() {}) // what a ready that ran wrote is seen
	var err error
	switch {
	case l.broken:
		err = l.st.Discard()
	case l.used && l.loadErr == nil:
		var g uint64
		if g, err = l.ix.Generation(); err == nil {
			if g == l.gen {
				err = l.st.Save(g)
			} else {
				err = l.st.Discard() // the index was written without the Linker
			}
		}
	}
	if cerr := l.st.Close(); err == nil {
		err = cerr
	}
	return err
}
