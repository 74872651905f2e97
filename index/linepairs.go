package index

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
// the table is rebuilt, which writes the file anew. Without the file (a
// folder this process cannot write), candidates are compared by reading
// their text from the index, as before it existed.
const pairsFile = "lineage-pairs.bin"

// maxFilePairs is the most pairs a paragraph may have in the file; a
// longer one is compared by reading its text back.
const maxFilePairs = 1<<16 - 1

// pairsAt locates a paragraph's pairs in the file: the index of the
// first (in uint32s) times 2^16 plus their count; 0 when the file does
// not hold them.
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
// Appends are buffered until flush; reads and the other methods are
// called by one Add or Delete at a time (lineState.mu), reads from
// several goroutines at once.
type pairFile struct {
	f    *os.File
	size int64 // bytes written or buffered
	buf  []byte
}

// openPairFile opens the file of the index in dir, creating it; with
// truncate it starts empty.
func openPairFile(dir string, truncate bool) (*pairFile, error) {
	flags := os.O_RDWR | os.O_CREATE
	if truncate {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(filepath.Join(dir, pairsFile), flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lineage: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lineage: %w", err)
	}
	// A write cut short leaves a partial pair at the end: appends start
	// at a whole one.
	return &pairFile{f: f, size: st.Size() &^ 3}, nil
}

// append buffers the pairs of one paragraph and returns where they will
// be; 0 (not in the file) for none or too many.
func (p *pairFile) append(pairs []uint32) pairsAt {
	if p == nil || len(pairs) == 0 || len(pairs) > maxFilePairs {
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
	if p == nil || len(p.buf) == 0 {
		return nil
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
	return p != nil && at.count() > 0 && at.offset()+int64(4*at.count()) <= p.size
}

// read returns the pairs at at, which flush has written.
func (p *pairFile) read(at pairsAt) ([]uint32, error) {
	b := make([]byte, 4*at.count())
	if _, err := p.f.ReadAt(b, at.offset()); err != nil {
		return nil, fmt.Errorf("lineage: reading %s: %w", pairsFile, err)
	}
	out := make([]uint32, at.count())
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	if !slices.IsSorted(out) {
		return nil, fmt.Errorf("lineage: %s is damaged (pairs out of order at byte %d)", pairsFile, at.offset())
	}
	return out, nil
}

// close flushes and closes the file.
func (p *pairFile) close() error {
	if p == nil {
		return nil
	}
	err := p.flush()
	if cerr := p.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("lineage: %w", cerr)
	}
	return err
}
