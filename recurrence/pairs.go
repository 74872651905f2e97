package recurrence

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
)

// The word pairs of the table's paragraphs are kept on disk beside it, so
// that comparing a candidate reads a few hundred bytes instead of its
// text from the index (and hashing it again): at 350,000 paragraphs,
// reading the texts back had been a third of ingest CPU.
//
//	DIR/lineage-pairs.bin   the pairs of each paragraph, one after another
//
// A paragraph's pairs are its word pairs' hashes (lineage.Shingles),
// narrowed to their high 32 bits, sorted and distinct, as little-endian
// uint32s; the table records where they start and how many there are
// (pairsAt). The file only grows: a replaced document's pairs stay until
// the table is rebuilt, which writes the file anew.
const pairsFile = "lineage-pairs.bin"

// maxFilePairs is the most pairs a paragraph may have in the file; a
// longer one (65,535 words and more) is compared by its words exactly.
const maxFilePairs = 1<<16 - 1

// pairsAt locates a paragraph's pairs in the file: the index of the
// first (in uint32s) times 2^16 plus their count; 0 when the file does
// not hold them (a short paragraph, compared exactly).
type pairsAt uint64

func (at pairsAt) count() int    { return int(at & maxFilePairs) }
func (at pairsAt) offset() int64 { return int64(at>>16) * 4 }

// narrowPairs returns the pairs that comparisons use: the high 32 bits of
// sorted, distinct 64-bit word-pair hashes, distinct (the order is kept).
func narrowPairs(shingles []uint64) []uint32 {
	out := make([]uint32, 0, len(shingles))
	for _, s := range shingles {
		if h := uint32(s >> 32); len(out) == 0 || out[len(out)-1] != h {
			out = append(out, h)
		}
	}
	return out
}

// pairFile appends paragraphs' pairs to the file and reads them back.
// Appends are buffered until flush; appends, flush and close are called by
// one change at a time (Store.mu), reads from several goroutines at once.
// A pairFile without a file (f nil: a store in memory, or one whose folder
// cannot be written) keeps every pair in buf.
type pairFile struct {
	f        *os.File
	size     int64 // bytes written or buffered
	buf      []byte
	readOnly bool
}

// openPairFile opens the file of the store in dir, creating it; with
// truncate it starts empty. A file that cannot be opened for writing is
// opened for reading (a folder this process cannot write: the table
// serves look-ups, and nothing can be added).
func openPairFile(dir string, truncate bool) (*pairFile, error) {
	flags := os.O_RDWR | os.O_CREATE
	if truncate {
		flags |= os.O_TRUNC
	}
	path := filepath.Join(dir, pairsFile)
	f, err := os.OpenFile(path, flags, 0o644)
	readOnly := false
	if err != nil && !truncate && !errors.Is(err, os.ErrNotExist) {
		f, err = os.Open(path)
		readOnly = true
	}
	if err != nil {
		return nil, fmt.Errorf("lineage: %w", err)
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = fmt.Errorf("%s no es un archivo", path)
		}
		return nil, fmt.Errorf("lineage: %w", err)
	}
	// A write cut short leaves a partial pair at the end: appends start
	// at a whole one.
	return &pairFile{f: f, size: st.Size() &^ 3, readOnly: readOnly}, nil
}

// append buffers the pairs of one paragraph and returns where they will
// be; 0 (not in the file) for none or too many.
func (p *pairFile) append(pairs []uint32) pairsAt {
	if len(pairs) == 0 || len(pairs) > maxFilePairs {
		return 0
	}
	at := pairsAt(p.size/4)<<16 | pairsAt(len(pairs))
	for _, x := range pairs {
		p.buf = binary.LittleEndian.AppendUint32(p.buf, x)
	}
	p.size += int64(4 * len(pairs))
	return at
}

// flush writes what append buffered.
func (p *pairFile) flush() error {
	if p.f == nil || len(p.buf) == 0 {
		return nil
	}
	if p.readOnly {
		return fmt.Errorf("linaje: no se puede escribir %s", pairsFile)
	}
	if _, err := p.f.WriteAt(p.buf, p.size-int64(len(p.buf))); err != nil {
		return fmt.Errorf("lineage: writing %s: %w", pairsFile, err)
	}
	p.buf = p.buf[:0]
	return nil
}

// holds reports whether the file (written or buffered) holds the pairs
// at at.
func (p *pairFile) holds(at pairsAt) bool {
	return at.count() > 0 && at.offset()+int64(4*at.count()) <= p.size
}

// read returns the pairs at at, which flush has written (or, without a
// file, append buffered).
func (p *pairFile) read(at pairsAt) ([]uint32, error) {
	if !p.holds(at) {
		return nil, fmt.Errorf("lineage: %s has no pairs at byte %d", pairsFile, at.offset())
	}
	var b []byte
	if p.f == nil {
		b = p.buf[at.offset() : at.offset()+int64(4*at.count())]
	} else {
		b = make([]byte, 4*at.count())
		if _, err := p.f.ReadAt(b, at.offset()); err != nil {
			return nil, fmt.Errorf("lineage: reading %s: %w", pairsFile, err)
		}
	}
	out := make([]uint32, at.count())
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	if !slices.IsSorted(out) {
		return nil, fmt.Errorf("linaje: %s está dañado (pares fuera de orden en el byte %d)", pairsFile, at.offset())
	}
	return out, nil
}

// close flushes and closes the file.
func (p *pairFile) close() error {
	if p == nil || p.f == nil {
		return nil
	}
	var err error
	if !p.readOnly {
		err = p.flush()
	}
	if cerr := p.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("lineage: %w", cerr)
	}
	p.f = nil
	return err
}

// pairCache keeps the word pairs of the table's paragraphs, by reference
// in the table (a replaced document's paragraphs get new ones): those of
// the paragraphs just added (their sketches made them) and those read
// back to be compared, so that a paragraph that many new ones resemble
// without being similar enough is not read from the file at every Link.
// It holds two generations of at most maxCachedPairs word pairs each: when
// the newer is full it becomes the older, and the older's paragraphs that
// are asked for again move to the newer. On the dated 100k bench corpus,
// reads were 71,738 of 159,314 candidates with generations of 2M pairs
// and only what was read back, 14,804 with 4M and the paragraphs added.
type pairCache struct {
	mu        sync.Mutex
	cur, prev map[uint32][]uint32
	size      int // the word pairs in cur
	prevSize  int // the word pairs in prev
	max       int // the word pairs of a generation; 0 means maxCachedPairs
}

// maxCachedPairs bounds a generation of the pairCache: 32 MB.
const maxCachedPairs = 8 << 20

// get returns the cached word pairs of the paragraph ref.
func (c *pairCache) get(ref uint32) ([]uint32, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if wp, ok := c.cur[ref]; ok {
		return wp, true
	}
	wp, ok := c.prev[ref]
	if ok {
		c.putLocked(ref, wp)
	}
	return wp, ok
}

// put caches the word pairs of the paragraph ref.
func (c *pairCache) put(ref uint32, wp []uint32) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(ref, wp)
}

func (c *pairCache) putLocked(ref uint32, wp []uint32) {
	limit := c.max
	if limit == 0 {
		limit = maxCachedPairs
	}
	if c.cur == nil || c.size+len(wp) > limit {
		c.prev, c.cur, c.prevSize, c.size = c.cur, map[uint32][]uint32{}, c.size, 0
	}
	c.cur[ref] = wp
	c.size += len(wp)
}

// clear empties the cache (the table's references changed).
func (c *pairCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cur, c.prev, c.size, c.prevSize = nil, nil, 0, 0
}

// bytes returns about how much memory the cache holds.
func (c *pairCache) bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return int64(len(c.cur)+len(c.prev))*(24+8) + int64(c.size+c.prevSize)*4
}
