package ingest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/relatoria/relatoria/corpus"
)

// Writer is where a Sync puts the documents it reads: the local index
// (*index.Index) or a server that serves it (*web.Client). Neither of
// those packages imports this one: their methods satisfy the interface.
type Writer interface {
	// Add adds documents, each replacing the document with its ID.
	Add(ctx context.Context, docs ...*corpus.Document) error
	// Delete removes the documents with the given IDs.
	Delete(ids ...string) error
}

// Compacter is a Writer that can merge its segments, as the local index
// can: Sync compacts it after a bulk load.
type Compacter interface {
	// Paragraphs returns how many paragraphs the index holds.
	Paragraphs() (uint64, error)
	// Compact merges the index's segments.
	Compact(ctx context.Context) error
}

// Stats counts what a Sync did.
type Stats struct {
	Files      int // files Walk named: read, unchanged or failed (not Skipped)
	Docs       int // documents added
	Paragraphs int // paragraphs of those documents
	Failed     int // files that could not be read (or some of whose scanned pages could not)
	Unchanged  int // files passed over because the manifest knows them unchanged
	Skipped    int // files of other types passed over inside folders
	Pruned     int // files gone from the paths whose documents were removed
}

// Sync brings a Writer up to date with files: it reads them with Walk,
// passes over the files the manifest knows unchanged, adds the documents of
// the others in batches (a document read from a file replaces the one
// read from it before, and the one of another file with the same ID), and
// with Prune removes the documents of files that are gone. A batch is
// added while the next is read. The manifest records each file once its
// document is added, so that a run that stops (interrupted, or killed) is
// taken up by the next one.
type Sync struct {
	// Writer takes the documents.
	Writer Writer
	// Manifest records what was read; Run updates and saves it.
	Manifest *Manifest
	// Options say how files are read. Unless Force is set, Run answers
	// Options.Unchanged from the manifest.
	Options Options
	// Force reads every file, even the unchanged ones.
	Force bool
	// Prune removes the documents of the files under the paths that the
	// manifest knows and that no longer exist.
	Prune bool
	// BatchParagraphs is how many paragraphs are gathered before they go
	// to the Writer together (0: each document alone).
	BatchParagraphs int
	// Progress, when set, is called after each file with the counts so
	// far.
	Progress func(Stats)
	// Warn, when set, is told what a person should read as it happens: a
	// file that failed (the text of its *Error), a document that replaces
	// the one another file was read into.
	Warn func(msg string)
	// Note, when set, is told of a long step after the files are read
	// ("compacting the index").
	Note func(what string)
}

// manifestSaveInterval is how often Run saves the manifest while it adds
// documents: what a killed run loses is read again by the next.
const manifestSaveInterval = 5 * time.Second

// Run reads the files and folders named in paths into the Writer. A file
// that cannot be read is counted in Stats.Failed and told to Warn; it does
// not stop the others. An error of the Writer stops the run. When ctx is
// cancelled, the documents read so far are added and recorded, and Run
// returns an error saying so.
func (s *Sync) Run(ctx context.Context, paths []string) (Stats, error) {
	var st Stats
	manifest := s.Manifest
	// The file each document was last read from: a file whose document
	// has the ID of another file's (the same symbol: an HTML and a PDF of
	// one resolution, or two versions) replaces it, and says so.
	owners := map[string]string{}
	for _, p := range manifest.Paths() {
		if m, _ := manifest.Get(p); m.DocID != "" {
			owners[m.DocID] = p
		}
	}
	opt := s.Options
	if !s.Force {
		opt.Unchanged = func(path string, size int64, mod time.Time, hash string) bool {
			if hash == "" {
				return manifest.Unchanged(path, size, mod)
			}
			return manifest.SameHash(path, hash)
		}
	}

	var pending []*corpus.Document
	pendingParas := 0
	lastSave := time.Now()
	// A batch is added in the background while the next is read
	// (relatoria ingest's Writer works out where its paragraphs recur
	// then, and writes the shards): at most one at a time, in order. Its
	// files are recorded in the manifest once it is in, so that a run
	// that stops never records a file whose document was not added.
	var adding chan error
	var added []*corpus.Document
	wait := func() error {
		if adding == nil {
			return nil
		}
		err := <-adding
		adding = nil
		if err != nil {
			return err
		}
		for _, d := range added {
			p := absPath(d.Source)
			if fi, err := os.Stat(d.Source); err == nil {
				manifest.Set(p, ManifestEntry{Size: fi.Size(), ModTime: fi.ModTime(), Hash: d.Hash, DocID: d.ID})
			}
		}
		added = nil
		if time.Since(lastSave) > manifestSaveInterval {
			lastSave = time.Now()
			return manifest.Save()
		}
		return nil
	}
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		for _, d := range pending {
			p := absPath(d.Source)
			if owner, ok := owners[d.ID]; ok && owner != p {
				s.warn(fmt.Sprintf("%s: el documento %s se había leído de %s; este archivo lo sustituye", d.Source, d.ID, owner))
			}
			owners[d.ID] = p
		}
		// A file whose document ID changed (its symbol was read
		// differently) leaves its old document behind: remove it.
		var stale []string
		for _, d := range pending {
			if old, ok := manifest.Get(absPath(d.Source)); ok && old.DocID != d.ID && old.DocID != "" {
				stale = append(stale, old.DocID)
			}
		}
		if err := wait(); err != nil { // the batch before, first
			return err
		}
		if len(stale) > 0 {
			if err := s.Writer.Delete(stale...); err != nil {
				return err
			}
		}
		docs := pending
		pending, pendingParas = nil, 0
		done := make(chan error, 1)
		adding, added = done, docs
		// Not cut short when ctx is: what was read is added and recorded
		// (a batch cut short in the index would cost more to mend).
		go func() { done <- s.Writer.Add(context.WithoutCancel(ctx), docs...) }()
		return nil
	}
	// flushAll adds what is pending and waits until it is in.
	flushAll := func() error {
		if err := flush(); err != nil {
			wait()
			return err
		}
		return wait()
	}
	seen := map[string]bool{}
	var skipped atomic.Int64 // counted by the walk's goroutine
	for doc, err := range Walk(ctx, paths, opt, &skipped) {
		st.Files++
		st.Skipped = int(skipped.Load())
		var ie *Error
		switch {
		case errors.Is(err, ErrUnchanged):
			st.Unchanged++
			if errors.As(err, &ie) {
				seen[absPath(ie.Path)] = true
				refreshModTime(manifest, ie.Path)
			}
		case err != nil && doc == nil:
			st.Failed++
			s.warn(err.Error())
			if errors.As(err, &ie) {
				seen[absPath(ie.Path)] = true // a bad file is not a gone file
			}
		default:
			if err != nil {
				// Some scanned pages failed; the others are indexed.
				st.Failed++
				s.warn(err.Error())
			}
			seen[absPath(doc.Source)] = true
			st.Docs++
			st.Paragraphs += len(doc.Paragraphs)
			pending = append(pending, doc)
			pendingParas += len(doc.Paragraphs)
			if pendingParas >= s.BatchParagraphs {
				if err := flush(); err != nil {
					wait()
					return st, err
				}
			}
		}
		if s.Progress != nil {
			s.Progress(st)
		}
	}
	if err := ctx.Err(); err != nil {
		flushAll()
		manifest.Save()
		files := fmt.Sprintf("%d archivos", st.Files)
		if st.Files == 1 {
			files = "1 archivo"
		}
		return st, fmt.Errorf("interrumpido después de %s; los documentos indexados hasta aquí se conservan, y la próxima vez se sigue desde ahí", files)
	}
	if err := flushAll(); err != nil {
		return st, err
	}
	st.Skipped = int(skipped.Load())
	if s.Prune {
		n, err := pruneGone(paths, manifest, seen, s.Writer.Delete)
		if err != nil {
			return st, err
		}
		st.Pruned = n
	}
	if err := manifest.Save(); err != nil {
		return st, err
	}
	if c, ok := s.Writer.(Compacter); ok {
		if compact := compaction(c, st.Paragraphs); compact != nil {
			if s.Note != nil {
				s.Note("compactando el índice")
			}
			if err := compact(ctx); err != nil {
				return st, err
			}
		}
	}
	return st, nil
}

func (s *Sync) warn(msg string) {
	if s.Warn != nil {
		s.Warn(msg)
	}
}

// compaction returns how an ingest that indexed added paragraphs should
// merge the index's segments, or nil when it should not: all of them after
// a bulk load (a fifth of the index or more), which leaves many small
// segments (on 100,000 paragraphs compacting took 2 s, made the index 11%
// smaller and the median query 34% faster: go run ./internal/cmd/bench
// -reuse, on the index before and after compacting it); and, when the index
// says it is fragmented (its shards hold more segments than compacting
// would leave), what the runs since its last compaction added, where it
// can (CompactRecent): a collection added to in many runs, each small
// beside it, had never been compacted (100,000 paragraphs added in ten
// runs: 12 and 15 segments in the two shards, 10% more CPU a query than
// compacted).
func compaction(c Compacter, added int) func(context.Context) error {
	if added <= 0 {
		return nil
	}
	if total, err := c.Paragraphs(); err == nil && uint64(added)*5 >= total {
		return c.Compact
	}
	if f, ok := c.(interface{ Fragmented() bool }); !ok || !f.Fragmented() {
		return nil
	}
	if r, ok := c.(interface {
		CompactRecent(context.Context) error
	}); ok {
		return r.CompactRecent
	}
	return c.Compact
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// refreshModTime records a new modification time for a file whose content
// did not change, so the next run need not read it again.
func refreshModTime(m *Manifest, path string) {
	p := absPath(path)
	e, ok := m.Get(p)
	if fi, err := os.Stat(path); ok && err == nil && !e.ModTime.Equal(fi.ModTime()) {
		e.ModTime, e.Size = fi.ModTime(), fi.Size()
		m.Set(p, e)
	}
}

// pruneGone removes the documents of files under roots that the manifest
// knows and that no longer exist. A document that a file still there was
// read into too (the same resolution twice) stays.
func pruneGone(roots []string, m *Manifest, seen map[string]bool, del func(ids ...string) error) (int, error) {
	gone := map[string]string{} // path → the document read from it
	for _, p := range m.Paths() {
		if seen[p] || !under(p, roots) {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			continue // still there (a type or name Walk passes over)
		}
		e, _ := m.Get(p)
		gone[p] = e.DocID
	}
	kept := map[string]bool{} // documents of the files still there
	for _, p := range m.Paths() {
		if _, isGone := gone[p]; !isGone {
			if e, _ := m.Get(p); e.DocID != "" {
				kept[e.DocID] = true
			}
		}
	}
	var ids []string
	paths := slices.Sorted(maps.Keys(gone))
	for _, p := range paths {
		if id := gone[p]; id != "" && !kept[id] {
			ids = append(ids, id)
			kept[id] = true // deleted once
		}
	}
	if len(ids) > 0 {
		if err := del(ids...); err != nil {
			return 0, err
		}
	}
	for _, p := range paths {
		m.Remove(p)
	}
	return len(paths), nil
}

func under(p string, roots []string) bool {
	for _, r := range roots {
		r = absPath(r)
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}
