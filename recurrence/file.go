package recurrence

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/lineage"
)

// tableFile is lineage.gob: the table of a store, saved when the store
// is closed after a change.
const tableFile = "lineage.gob"

// fileVersion changes when the file or the keys change (3: where each
// paragraph's pairs are in the pair file; 4: the store's own, with every
// paragraph's flag of three values, symbols, and short paragraphs).
const fileVersion = 4

type savedTable struct {
	Version int
	// Generation is the index's (Linker), as the caller gave it to Save.
	Generation uint64
	DocIDs     []string
	DocDates   []corpus.Date
	DocSymbols []corpus.Symbol
	ParaDoc    []int32
	ParaOrd    []int32
	ParaFP     []uint64
	ParaSig    []byte   // len(lineage.Signature) a paragraph
	ParaPairs  []uint64 // pairsAt, in the pair file
	ParaFlag   []byte   // flag
	Keys       []uint32
	Refs       []uint32
}

// Load reads the store's table, saved at the given generation, and opens
// its pair file. It returns false, with the store empty, when there is no
// table to trust: none, unreadable, of another version or generation, or
// pointing past the end of the pair file (the process stopped before
// writing it); Rebuild then builds it.
func (s *Store) Load(generation uint64) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tmu.Lock()
	defer s.tmu.Unlock()
	if s.dir == "" {
		return s.loaded, nil
	}
	ok, err := s.load(generation)
	if err != nil || !ok {
		s.t = table{}
		return false, err
	}
	file, err := openPairFile(s.dir, false)
	if err != nil {
		s.t = table{}
		return false, nil
	}
	// Every paragraph's pairs must be in the file.
	for _, p := range s.t.paras {
		if p.pairs != 0 && !file.holds(p.pairs) {
			file.close()
			s.t = table{}
			return false, nil
		}
	}
	s.file, s.loaded, s.dirty = file, true, false
	return true, nil
}

func (s *Store) load(generation uint64) (bool, error) {
	f, err := os.Open(filepath.Join(s.dir, tableFile))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("lineage: %w", err)
	}
	defer f.Close()
	var sv savedTable
	if gob.NewDecoder(bufio.NewReader(f)).Decode(&sv) != nil || sv.Version != fileVersion || sv.Generation != generation {
		return false, nil
	}
	n := len(sv.ParaDoc)
	if len(sv.DocIDs) != len(sv.DocDates) || len(sv.DocIDs) != len(sv.DocSymbols) || len(sv.Keys) != len(sv.Refs) ||
		len(sv.ParaOrd) != n || len(sv.ParaFP) != n || len(sv.ParaSig) != n*len(lineage.Signature{}) ||
		len(sv.ParaPairs) != n || len(sv.ParaFlag) != n {
		return false, nil
	}
	t := &s.t
	t.docOf = map[string]int32{}
	for i, id := range sv.DocIDs {
		pl := placeOf(sv.DocDates[i], sv.DocSymbols[i])
		t.docs = append(t.docs, tableDoc{id: id, adopted: sv.DocDates[i], symbol: sv.DocSymbols[i], place: pl})
		t.noteDoc(&pl)
		t.docOf[id] = int32(i)
	}
	// A document's paragraphs follow one another, documents in order
	// (Save writes them so).
	for i := range sv.ParaDoc {
		d := sv.ParaDoc[i]
		if d < 0 || int(d) >= len(t.docs) || i > 0 && d < sv.ParaDoc[i-1] || sv.ParaFlag[i] > byte(flagYes) {
			return false, nil
		}
		if i == 0 || d != sv.ParaDoc[i-1] {
			t.docs[d].first = int32(i)
		}
		t.docs[d].end = int32(i + 1)
		p := tablePara{doc: d, ordinal: sv.ParaOrd[i], fp: sv.ParaFP[i], pairs: pairsAt(sv.ParaPairs[i]), flag: flag(sv.ParaFlag[i])}
		copy(p.sig[:], sv.ParaSig[i*len(p.sig):])
		if p.flag == flagNo {
			t.noFlags++
		}
		t.paras = append(t.paras, p)
	}
	for _, r := range sv.Refs {
		if int(r) >= len(t.paras) {
			return false, nil
		}
	}
	if len(sv.Keys) > 0 {
		t.runs = []keyRun{indexRun(keyRun{keys: sv.Keys, refs: sv.Refs})}
	}
	return true, nil
}

// Save writes the table, without its dead documents, when it changed,
// recording the given generation (Load trusts a table of its generation
// only).
func (s *Store) Save(generation uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tmu.Lock()
	defer s.tmu.Unlock()
	if !s.dirty || s.dir == "" || s.file == nil || s.file.f == nil {
		return nil
	}
	if err := s.file.flush(); err != nil { // what the table points to first
		return err
	}
	t := &s.t
	sv := savedTable{Version: fileVersion, Generation: generation}
	docMap := make([]int32, len(t.docs))
	for i, d := range t.docs {
		docMap[i] = -1
		if !d.dead {
			docMap[i] = int32(len(sv.DocIDs))
			sv.DocIDs = append(sv.DocIDs, d.id)
			sv.DocDates = append(sv.DocDates, d.adopted)
			sv.DocSymbols = append(sv.DocSymbols, d.symbol)
		}
	}
	paraMap := make([]int32, len(t.paras))
	for i, p := range t.paras {
		paraMap[i] = -1
		if p.doc < 0 {
			continue // of a dead document
		}
		if d := docMap[p.doc]; d >= 0 {
			paraMap[i] = int32(len(sv.ParaDoc))
			sv.ParaDoc = append(sv.ParaDoc, d)
			sv.ParaOrd = append(sv.ParaOrd, p.ordinal)
			sv.ParaFP = append(sv.ParaFP, p.fp)
			sv.ParaSig = append(sv.ParaSig, p.sig[:]...)
			sv.ParaPairs = append(sv.ParaPairs, uint64(p.pairs))
			sv.ParaFlag = append(sv.ParaFlag, byte(p.flag))
		}
	}
	var all keyRun
	for _, r := range t.runs {
		all = mergeRuns(all, r)
	}
	for i, k := range all.keys {
		if p := paraMap[all.refs[i]]; p >= 0 {
			sv.Keys = append(sv.Keys, k)
			sv.Refs = append(sv.Refs, uint32(p))
		}
	}
	// Encoded straight to the file: a buffer of it had been a copy of
	// the table more at its peak (142 MB at a million paragraphs).
	err := writeFileAtomic(filepath.Join(s.dir, tableFile), func(w io.Writer) error {
		return gob.NewEncoder(w).Encode(&sv)
	})
	if err != nil {
		return fmt.Errorf("lineage: %w", err)
	}
	s.dirty = false
	return nil
}

// Discard removes the saved table, so that the next Load finds none to
// trust (the index the store followed changed without it).
func (s *Store) Discard() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dirty = false
	if s.dir == "" {
		return nil
	}
	if err := os.Remove(filepath.Join(s.dir, tableFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("lineage: %w", err)
	}
	return nil
}

// Close closes the pair file (without saving the table: Save does).
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tmu.Lock()
	defer s.tmu.Unlock()
	err := s.file.close()
	return err
}

// rebuildBatch is how many paragraphs Rebuild links at a time.
const rebuildBatch = 8000

// Rebuild builds the store anew from every document of the index, each
// with its paragraphs and the flags the index has for them (docs yields
// them, or an error that stops it), and returns the paragraphs whose flag
// differs from the index's: the index should be given those. A store in a
// folder it cannot write is built in memory.
func (s *Store) Rebuild(ctx context.Context, docs iter.Seq2[*corpus.Document, error]) (map[string]corpus.Recurs, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tmu.Lock()
	s.file.close()
	s.t, s.file = table{}, &pairFile{}
	if s.dir != "" {
		if f, err := openPairFile(s.dir, true); err == nil {
			s.file = f
		}
	}
	s.cache.clear()
	s.loaded, s.dirty = true, true
	s.tmu.Unlock()
	rb := &rebuilding{changes: map[string]flag{}}
	var batch []*corpus.Document
	n := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// Changes of paragraphs already added are read from the table
		// at the end.
		_, err := s.link(ctx, batch, rb)
		batch, n = nil, 0
		return err
	}
	for d, err := range docs {
		if err != nil {
			return nil, fmt.Errorf("linaje: al reconstruir la tabla: %w", err)
		}
		batch = append(batch, d)
		if n += len(d.Paragraphs); n >= rebuildBatch {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	s.tmu.RLock()
	defer s.tmu.RUnlock()
	for ref, p := range s.t.paras {
		if p.doc >= 0 && p.flag != rb.orig[ref] {
			rb.changes[s.t.id(uint32(ref))] = p.flag
		}
	}
	return recursOf(rb.changes), nil
}

// writeFileAtomic writes what write writes to a temporary file, through a
// buffer, and renames it over path.
func writeFileAtomic(path string, write func(io.Writer) error) error {
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
