package index

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/search/query"
	"go.etcd.io/bbolt"

	"github.com/relatoria/relatoria/corpus"
)

// FormatVersion is the version of the on-disk format described in the
// package comment. An index written with another version is refused with a
// message saying how to rebuild it.
const FormatVersion = 9

// BatchSize is the most paragraphs sent to one shard in one batch (one
// segment each); relatoria ingest hands Add twice as many at a time. On 2
// cores and 100,000 paragraphs under ingest's 700 MiB memory limit, 4,000
// took 10% less time than 2,500 (fewer segments to build and merge), 5,000
// and 6,000 more again (garbage collection under the limit); memory grows
// with the batch.
const BatchSize = 4000

// ErrNotExist is returned by Open when there is no index at the path.
var ErrNotExist = errors.New("no hay índice")

// ErrNotFound is returned when a document or paragraph is not in the index.
var ErrNotFound = errors.New("no está en el índice")

// ErrInUse is the error (errors.Is) of Open when another process holds
// the index open (bleve's lock on a shard was not given within its
// bolt_timeout). Its text is the Spanish reason.
var ErrInUse = errors.New("otro proceso de relatoria lo está usando (vuelva a intentarlo cuando termine)")

// Index is an open relatoria index: one or more bleve shards searched
// together.
type Index struct {
	dir    string
	shards []bleve.Index
	alias  bleve.IndexAlias // all shards, searched in parallel
	meta   meta
	docs   metaCache // document metadata of recent hits
	// original holds the terms of the original field, section those of
	// the section field.
	original, section vocabulary
	// facets holds the facet values and sort keys of every segment.
	facets *facetCache
	// removeOnClose is the folder of a temporary index (NewTemporary).
	removeOnClose string
	// recovered is set when Open wrote the meta file again.
	recovered bool

	// created is set when this process created the index: a document it
	// has not added yet cannot have old paragraphs to replace, so adding
	// it needs no look-up. added holds the IDs it has added.
	created bool
	addMu   sync.Mutex
	added   map[string]bool

	// writeMu is held by Write and Delete: one change at a time.
	writeMu sync.Mutex
}

type meta struct {
	Format  int       `json:"format"`
	Shards  int       `json:"shards"`
	Created time.Time `json:"created"`
}

// Options configures Create. The zero value gives one shard per core.
type Options struct {
	// Shards is the number of bleve indexes documents are spread over;
	// 0 means runtime.NumCPU(). Searches run on all shards in parallel.
	Shards int
}

// scorchConfig tunes bleve's scorch for loading: more segments may wait
// for a merge (fewer, larger merges during a bulk load), a bolt timeout so
// a second writer fails instead of hanging.
// bleve writes into the map it is given (the store path), so every shard
// gets its own.
func scorchConfig() map[string]any {
	return map[string]any{
		"bolt_timeout": "5s",
		"scorchMergePlanOptions": map[string]any{
			"MaxSegmentsPerTier":   20,
			"SegmentsPerMergeTask": 20,
			"MaxSegmentSize":       MaxSegmentParagraphs,
		},
	}
}

// compactOptions are the merge planner's options with which Compact merges
// a shard of the given number of paragraphs: into segments of at most
// MaxSegmentParagraphs. The planner merges only segments smaller than half
// its MaxSegmentSize, so with that bound a shard loaded in one go kept two
// segments, the one that had reached half of it and the rest; a shard that
// fits in one segment is now merged into one (on 100,000 paragraphs, two
// shards, the median query took 4% less time, the ingest 3% more CPU).
func compactOptions(paragraphs uint64) mergeplan.MergePlanOptions {
	opt := mergeplan.SingleSegmentMergePlanOptions
	opt.MaxSegmentSize = MaxSegmentParagraphs
	if paragraphs <= MaxSegmentParagraphs {
		opt.MaxSegmentSize = 2*MaxSegmentParagraphs + 1
	}
	opt.FloorSegmentSize = opt.MaxSegmentSize
	// A force merge carries out one plan: with bleve's ten segments a
	// task, a shard of twelve segments kept two. Every segment the bounds
	// allow goes into one task.
	opt.SegmentsPerMergeTask = compactSegmentsPerTask
	return opt
}

// recentOptions are compactOptions for a shard whose largest segment
// holds more paragraphs than all its others together (a shard added to
// in runs since it was compacted): that segment is left as it is and the
// others are merged into one, so that compacting after a run costs about
// what the runs since the last full merge added, not the whole shard
// again. (A shard of 50,000 paragraphs compacted after each of ten runs
// had been rewritten each time: 100,000 paragraphs added in ten steps took
// a quarter more CPU.) The largest segment is merged again once the others
// outgrow it.
func recentOptions(paragraphs, largest uint64) mergeplan.MergePlanOptions {
	opt := compactOptions(paragraphs)
	if paragraphs <= MaxSegmentParagraphs && largest > 0 && paragraphs-largest < largest {
		// The planner merges only segments smaller than half its
		// MaxSegmentSize.
		opt.MaxSegmentSize = 2 * int64(largest)
		opt.FloorSegmentSize = opt.MaxSegmentSize
	}
	return opt
}

// compactSegmentsPerTask is how many segments a merge task of Compact may
// take: more than a bulk load leaves in a shard between merges.
const compactSegmentsPerTask = 1000

// MaxSegmentParagraphs bounds the paragraphs of a merged segment (about
// 2 KB each on disk). A merge maps its input segments into memory, so
// unbounded merges of a million paragraphs took peak RSS to 2.5 GB; with
// segments of at most 80,000 paragraphs a merge reads at most about 160 MB
// per shard.
const MaxSegmentParagraphs = 80_000

func shardDir(dir string, i int) string { return filepath.Join(dir, fmt.Sprintf("shard-%02d", i)) }

func newIndex(dir string, shards []bleve.Index, m meta) *Index {
	// The alias searches each shard in a goroutine of its own, which
	// does not recover a panic: each shard is wrapped in one that does.
	guarded := make([]bleve.Index, len(shards))
	for i, b := range shards {
		guarded[i] = recoveringShard{b}
	}
	alias := strictAlias{bleve.NewIndexAlias(guarded...)}
	return &Index{dir: dir, shards: shards, alias: alias, meta: m, facets: newFacetCache(len(shards))}
}

const metaFile = "relatoria.json"

// createMarker is the file a Create writes before anything else and
// removes once the meta file is written: shards beside it and no meta file
// are a Create that did not finish, which the next Create may clear. Shards
// without it are an index, whatever has become of its meta file: they are
// never removed (see Open).
const createMarker = "relatoria.creating"

// Internal keys with which Create stamps each shard, so that an index whose
// meta file is lost can be recognised and its meta file written again.
var (
	stampFormat = []byte("relatoria:format")
	stampShard  = []byte("relatoria:shard") // "i/n"
)

// Create makes a new, empty index in dir, which must not hold one already.
// A directory left by a Create that did not finish (its marker file, no
// meta file) is cleared first; shards without the marker are an index, and
// Create refuses to touch them.
func Create(dir string, opt Options) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		return nil, fmt.Errorf("no se puede crear el índice %s: ya hay un índice ahí", dir)
	}
	if err := clearUnfinished(dir); err != nil {
		return nil, fmt.Errorf("no se puede crear el índice %s: %w", dir, err)
	}
	n := opt.Shards
	if n <= 0 {
		n = runtime.NumCPU()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("no se puede crear el índice %s: %w", dir, err)
	}
	marker := filepath.Join(dir, createMarker)
	if err := writeFileAtomic(marker, []byte(strconv.Itoa(os.Getpid())+"\n")); err != nil {
		return nil, fmt.Errorf("no se puede crear el índice %s: %w", dir, err)
	}
	var shards []bleve.Index
	closeAll := func() {
		for _, b := range shards {
			b.Close()
		}
	}
	for i := range n {
		b, err := bleve.NewUsing(shardDir(dir, i), indexMapping(), bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore, scorchConfig())
		if err == nil {
			err = b.SetInternal(stampFormat, []byte(strconv.Itoa(FormatVersion)))
		}
		if err == nil {
			err = b.SetInternal(stampShard, []byte(fmt.Sprintf("%d/%d", i, n)))
		}
		if err != nil {
			if b != nil {
				b.Close()
			}
			closeAll()
			return nil, fmt.Errorf("no se puede crear el índice %s: %w", dir, err)
		}
		shards = append(shards, b)
	}
	m := meta{Format: FormatVersion, Shards: n, Created: time.Now().UTC().Truncate(time.Second)}
	// The meta file is written last, atomically: a directory without it is
	// not an index, so a crash during Create leaves nothing that Open
	// accepts (and the marker, for the next Create to clear).
	if err := writeMeta(dir, m); err != nil {
		closeAll()
		return nil, fmt.Errorf("no se puede crear el índice %s: %w", dir, err)
	}
	os.Remove(marker)
	ix := newIndex(dir, shards, m)
	ix.created = true
	return ix, nil
}

func writeMeta(dir string, m meta) error {
	data, _ := json.MarshalIndent(m, "", "  ")
	return writeFileAtomic(filepath.Join(dir, metaFile), append(data, '\n'))
}

// shardDirs returns the shard folders in dir, in order.
func shardDirs(dir string) []string {
	found, _ := filepath.Glob(filepath.Join(dir, "shard-[0-9][0-9]*"))
	found = slices.DeleteFunc(found, func(p string) bool {
		digits := strings.TrimPrefix(filepath.Base(p), "shard-")
		return strings.Trim(digits, "0123456789") != ""
	})
	slices.Sort(found)
	return found
}

// clearUnfinished removes the shards of a Create that did not finish in
// dir: only when its marker is there, and the process that wrote it is
// gone. Shards without the marker are refused (see Open).
func clearUnfinished(dir string) error {
	shards := shardDirs(dir)
	data, err := os.ReadFile(filepath.Join(dir, createMarker))
	if err != nil {
		if len(shards) > 0 {
			return errNoMeta(dir, shards)
		}
		return nil
	}
	if pid, err := strconv.Atoi(strings.TrimSpace(string(data))); err == nil && pid != os.Getpid() && processAlive(pid) {
		return fmt.Errorf("otro proceso (%d) está creando un índice ahí", pid)
	}
	for _, s := range shards {
		if err := os.RemoveAll(s); err != nil {
			return err
		}
	}
	return nil
}

// errNoMeta is the error for shards without a meta file that cannot be
// recognised: it says how to recover.
func errNoMeta(dir string, shards []string) error {
	return fmt.Errorf("%s tiene %d fragmentos de índice (%s…) pero no %s, y no se borran: si el índice lo escribió esta versión de relatoria (formato %d), recupérelo con: printf '{\"format\": %d, \"shards\": %d}\\n' > %s; si no, muévalo a otra parte y vuelva a ingerir los documentos",
		dir, len(shards), filepath.Base(shards[0]), metaFile, FormatVersion, FormatVersion, len(shards), filepath.Join(dir, metaFile))
}

// recoverMeta writes the meta file of an index whose shards are in dir
// and whose meta file is gone, from the stamps Create put in each shard.
// It fails, saying how to recover by hand, when the shards are not all
// stamped by this format version and numbered 0 to n-1 of n.
func recoverMeta(dir string, shards []string) (meta, error) {
	n := len(shards)
	for i, s := range shards {
		if s != shardDir(dir, i) {
			return meta{}, errNoMeta(dir, shards)
		}
		b, err := bleve.OpenUsing(s, scorchConfig())
		if err != nil {
			return meta{}, fmt.Errorf("%w (fragmento %s: %v)", errNoMeta(dir, shards), filepath.Base(s), err)
		}
		format, err1 := b.GetInternal(stampFormat)
		shard, err2 := b.GetInternal(stampShard)
		b.Close()
		if err1 != nil || err2 != nil || string(format) != strconv.Itoa(FormatVersion) || string(shard) != fmt.Sprintf("%d/%d", i, n) {
			return meta{}, errNoMeta(dir, shards)
		}
	}
	m := meta{Format: FormatVersion, Shards: n, Created: time.Now().UTC().Truncate(time.Second)}
	if err := writeMeta(dir, m); err != nil {
		return meta{}, err
	}
	return m, nil
}

// writeFileAtomic writes data to a temporary file and renames it over path.
func writeFileAtomic(path string, data []byte) error {
	return writeFileAtomicFunc(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeFileAtomicFunc writes what write writes to a temporary file,
// through a buffer, and renames it over path.
func writeFileAtomicFunc(path string, write func(io.Writer) error) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Open opens the index in dir. It returns an error wrapping ErrNotExist
// when dir holds no index (nor the shards of one), and a message saying how
// to rebuild when the index was written in another format version. An
// index whose meta file is gone is recovered from the stamps in its shards
// (see Recovered), or refused with a message saying how to recover it; a
// meta file whose count of shards disagrees with the shards on disk is
// refused.
func Open(dir string) (*Index, error) {
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	recovered := false
	var m meta
	switch {
	case errors.Is(err, os.ErrNotExist):
		shards := shardDirs(dir)
		if _, err := os.Stat(filepath.Join(dir, createMarker)); err == nil || len(shards) == 0 {
			// Nothing, or a Create that did not finish.
			return nil, fmt.Errorf("no se puede abrir el índice %s: %w", dir, ErrNotExist)
		}
		if m, err = recoverMeta(dir, shards); err != nil {
			return nil, fmt.Errorf("no se puede abrir el índice %s: %w", dir, err)
		}
		recovered = true
	case err != nil:
		return nil, fmt.Errorf("no se puede abrir el índice %s: %w", dir, err)
	default:
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("no se puede abrir el índice %s: %s está dañado (%v); borre la carpeta y vuelva a indexar", dir, metaFile, err)
		}
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("no se puede abrir el índice %s: se escribió en el formato %d y este relatoria lee el formato %d; reconstrúyalo con: rm -r %s && relatoria ingest -index %s RUTA...", dir, m.Format, FormatVersion, dir, dir)
	}
	if onDisk := shardDirs(dir); len(onDisk) != max(m.Shards, 1) {
		return nil, fmt.Errorf("no se puede abrir el índice %s: %s dice %d fragmentos y hay %d en el disco; corrija \"shards\" en %s (o restaure el archivo): con otro número, los documentos de los fragmentos de más no se encontrarían", dir, metaFile, m.Shards, len(onDisk), filepath.Join(dir, metaFile))
	}
	var shards []bleve.Index
	for i := range max(m.Shards, 1) {
		b, err := bleve.OpenUsing(shardDir(dir, i), scorchConfig())
		if err == nil {
			// A shard of another count (stamped by Create; indexes made
			// before the stamps have none) holds other documents.
			if stamp, _ := b.GetInternal(stampShard); len(stamp) > 0 && string(stamp) != fmt.Sprintf("%d/%d", i, max(m.Shards, 1)) {
				b.Close()
				err = fmt.Errorf("el fragmento dice ser %s, y %s dice %d fragmentos; corrija \"shards\" en %s", stamp, metaFile, m.Shards, filepath.Join(dir, metaFile))
			}
		}
		if err != nil {
			for _, s := range shards {
				s.Close()
			}
			if errors.Is(err, bbolt.ErrTimeout) {
				return nil, fmt.Errorf("no se puede abrir el índice %s: %w", dir, ErrInUse)
			}
			return nil, fmt.Errorf("no se puede abrir el índice %s: fragmento %d: %w", dir, i, err)
		}
		shards = append(shards, b)
	}
	ix := newIndex(dir, shards, m)
	ix.recovered = recovered
	if err := ix.section.load(shards, FieldSection); err != nil {
		return nil, fmt.Errorf("no se puede abrir el índice %s: %w", dir, err)
	}
	if err := ix.original.load(shards, FieldOriginal); err != nil {
		ix.Close()
		return nil, fmt.Errorf("no se puede abrir el índice %s: %w", dir, err)
	}
	return ix, nil
}

// Recovered reports whether Open wrote the index's meta file again from
// its shards (it had been lost).
func (ix *Index) Recovered() bool { return ix.recovered }

// NewTemporary returns a temporary index, for tests and one-off use, with
// the given number of shards (0 means one): an index like any other, in a
// temporary folder that Close removes. (bleve's memory-only scorch never
// merges its segments, so an index that kept receiving documents became
// slower with each one; its memory-only upsidedown is another engine.)
func NewTemporary(shards ...int) (*Index, error) {
	n := 0
	if len(shards) > 0 {
		n = shards[0]
	}
	if n <= 0 {
		n = 1
	}
	tmp, err := os.MkdirTemp("", "relatoria-index-")
	if err != nil {
		return nil, err
	}
	ix, err := Create(filepath.Join(tmp, "index"), Options{Shards: n})
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	ix.removeOnClose = tmp
	return ix, nil
}

// Close closes the index (and removes a temporary one).
func (ix *Index) Close() error {
	var first error
	for _, b := range ix.shards {
		if err := b.Close(); err != nil && first == nil {
			first = err
		}
	}
	if ix.removeOnClose != "" {
		if err := os.RemoveAll(ix.removeOnClose); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Shards returns the number of shards.
func (ix *Index) Shards() int { return len(ix.shards) }

// shardOf returns the shard that holds the document with the given ID.
func (ix *Index) shardOf(docID string) bleve.Index {
	h := fnv.New32a()
	h.Write([]byte(docID))
	return ix.shards[h.Sum32()%uint32(len(ix.shards))]
}

// Dir returns the directory of the index, "" for a memory index.
func (ix *Index) Dir() string { return ix.dir }

// Version returns a string identifying the index format and the number of
// paragraphs in it, so that a count can be cited with the index it came
// from: "format 3, 1234 paragraphs".
func (ix *Index) Version() string {
	n, _ := ix.alias.DocCount()
	return fmt.Sprintf("format %d, %d paragraphs", ix.meta.Format, n)
}

// Paragraphs returns the number of paragraphs in the index.
func (ix *Index) Paragraphs() (uint64, error) { return ix.alias.DocCount() }

// ParagraphID returns the bleve ID of a paragraph: "A/HRC/RES/51/34#25".
func ParagraphID(docID string, ordinal int) string { return docID + "#" + strconv.Itoa(ordinal) }

// SplitParagraphID splits a paragraph ID into document ID and ordinal.
func SplitParagraphID(id string) (docID string, ordinal int, ok bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}

// Add indexes docs, replacing every paragraph of a document already in the
// index under the same ID, with the flags their paragraphs carry
// (corpus.Paragraph.Recurs). Documents are sent in batches of about
// BatchSize paragraphs; a document's deletions and additions always travel
// in one batch, so a reader never sees half a document.
func (ix *Index) Add(ctx context.Context, docs ...*corpus.Document) error {
	return ix.Write(ctx, docs, nil)
}

// Write adds docs as Add does and sets the flags of the other paragraphs
// named in recurs (by ParagraphID), whose records travel in the same shard
// batches as the documents' (in batches of their own, such rewrites had
// made small segments that cost the merger more than working out the
// flags did). A paragraph the index lacks is passed over.
func (ix *Index) Write(ctx context.Context, docs []*corpus.Document, recurs map[string]corpus.Recurs) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	byShard := map[bleve.Index][]*corpus.Document{}
	defer ix.docs.forget(docs...)
	replaces := map[string]bool{}
	ix.addMu.Lock()
	for _, doc := range docs {
		sh := ix.shardOf(doc.ID)
		byShard[sh] = append(byShard[sh], doc)
		if !ix.created || ix.added[doc.ID] {
			replaces[doc.ID] = true
		}
		if ix.created {
			if ix.added == nil {
				ix.added = map[string]bool{}
			}
			ix.added[doc.ID] = true
		}
	}
	ix.addMu.Unlock()
	flagged, err := ix.flagRecords(ctx, recurs, byID(docs))
	if err != nil {
		return err
	}
	for sh := range flagged {
		if _, ok := byShard[sh]; !ok {
			byShard[sh] = nil
		}
	}
	if len(byShard) == 0 {
		return nil
	}
	// Shards are written in parallel: each has its own segment builder
	// and persister.
	errs := make(chan error, len(byShard))
	for sh, docs := range byShard {
		go func() {
			var err error
			defer func() { errs <- err }()
			defer recoverInto(&err, "index %d documents", len(docs))
			err = addToShard(ctx, sh, docs, replaces, &ix.original, &ix.section, flagged[sh])
		}()
	}
	var first error
	for range byShard {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return first
	}
	return ix.bumpGeneration()
}

// addToShard indexes docs in shard b; the paragraphs of those in replaces
// that are not in their new version are deleted.
// The terms of the original and section fields are added to their
// vocabularies; more are records of other paragraphs to write in the same
// batches.
func addToShard(ctx context.Context, b bleve.Index, docs []*corpus.Document, replaces map[string]bool, original, section *vocabulary, more []*document.Document) error {
	batch := b.NewBatch()
	for _, doc := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		var old []string
		if replaces[doc.ID] {
			var err error
			if old, err = paragraphIDs(b, doc.ID); err != nil {
				return fmt.Errorf("no se puede indexar %s: %w", doc.Source, err)
			}
		}
		keep := map[string]bool{}
		sections := doc.Sections()
		var headings []string // each heading's terms are added once
		for i, p := range doc.Paragraphs {
			id := ParagraphID(doc.ID, p.Ordinal)
			if from := repairedForms(p.Repairs); from != "" {
				original.add(Terms(from)...)
			}
			if p.InList() {
				for _, h := range append([]string{doc.Title}, sections[i]...) {
					if !slices.Contains(headings, h) {
						headings = append(headings, h)
						section.add(Terms(h)...)
					}
				}
			}
			keep[id] = true
			if err := batch.IndexAdvanced(record(id, doc, i, sections[i])); err != nil {
				return fmt.Errorf("no se puede indexar %s: %w", doc.Source, err)
			}
		}
		for _, id := range old {
			if !keep[id] {
				batch.Delete(id)
			}
		}
		if batch.Size() >= BatchSize {
			if err := b.Batch(batch); err != nil {
				return fmt.Errorf("index: %w", err)
			}
			batch.Reset()
		}
	}
	for _, r := range more {
		if err := batch.IndexAdvanced(r); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	if batch.Size() > 0 {
		if err := b.Batch(batch); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	return nil
}

// Delete removes every paragraph of the documents with the given IDs, one
// document after the other. (The flags of other paragraphs that recurred
// in one are package recurrence's business: see recurrence.Linker.)
func (ix *Index) Delete(ids ...string) error {
	for _, id := range ids {
		if err := ix.deleteDocument(id); err != nil {
			return err
		}
	}
	return nil
}

// deleteDocument removes every paragraph of the document with the given ID.
func (ix *Index) deleteDocument(docID string) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	defer ix.docs.forget(&corpus.Document{ID: docID})
	b := ix.shardOf(docID)
	ids, err := paragraphIDs(b, docID)
	if err != nil {
		return err
	}
	batch := b.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
	}
	if err := b.Batch(batch); err != nil {
		return err
	}
	return ix.bumpGeneration()
}

// byID returns the IDs of docs.
func byID(docs []*corpus.Document) map[string]bool {
	out := make(map[string]bool, len(docs))
	for _, d := range docs {
		out[d.ID] = true
	}
	return out
}

func paragraphIDs(b bleve.Index, docID string) ([]string, error) {
	q := query.NewTermQuery(docID)
	q.SetField(FieldDoc)
	req := bleve.NewSearchRequestOptions(q, 100000, 0, false)
	res, err := b.Search(req)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// DocumentIDs returns the IDs of the documents whose symbol (full or short
// form) is sym, most recently adopted first.
func (ix *Index) DocumentIDs(ctx context.Context, sym corpus.Symbol) ([]string, error) {
	q := FilterQuery(FieldSymbolShort, sym.Short())
	if sym.IsFull() {
		q = FilterQuery(FieldSymbol, sym.String())
	}
	req := bleve.NewSearchRequestOptions(q.q, 0, 0, false)
	f := bleve.NewFacetRequest(FieldDoc, 50)
	req.AddFacet("docs", f)
	res, err := ix.alias.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	var ids []string
	if fr, ok := res.Facets["docs"]; ok && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			ids = append(ids, t.Term)
		}
	}
	return ids, nil
}

// awaitObsoleteRemoved waits (a few seconds at most) until the store of
// shard b holds no segment file but those of its current segments. Scorch
// deletes the files a merge replaced only when its persister next waits for
// work and no reader holds them: after a compaction, a process that closed
// the index at once had left the old files beside the new (the index took
// half as much room again on disk until it was next opened). A change of an
// internal value makes the persister go round again.
func (ix *Index) awaitObsoleteRemoved(ctx context.Context, b bleve.Index) error {
	store := ""
	for i, s := range ix.shards {
		if s == b {
			store = filepath.Join(shardDir(ix.dir, i), "store")
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	for round := 0; ; round++ {
		snap, err := openSnapshot(b)
		if err != nil {
			return err
		}
		live := map[string]bool{}
		for _, ss := range snap.Segments() {
			if f, ok := ss.Segment().(interface{ Path() string }); ok {
				live[filepath.Base(f.Path())] = true
			}
		}
		snap.Close()
		files, err := filepath.Glob(filepath.Join(store, "*.zap"))
		if err != nil || store == "" {
			return err
		}
		obsolete := 0
		for _, f := range files {
			if !live[filepath.Base(f)] {
				obsolete++
			}
		}
		if obsolete == 0 || time.Now().After(deadline) {
			return nil // what remains is removed when the index is next opened
		}
		if round%25 == 0 {
			if err := b.SetInternal([]byte("relatoria:compacted"), []byte(time.Now().UTC().Format(time.RFC3339Nano))); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
