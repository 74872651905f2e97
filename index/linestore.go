package index

import (
	"bytes"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/lineage"
)

// The table of lineage keys is saved beside the shards when an index that
// changed is closed:
//
//	DIR/lineage.gob   {Version, Generation, Docs, paragraphs, keys} (gob)
//
// Every Add and Delete counts a generation, kept in the first shard (an
// internal value, written with the change), and the file records the
// generation it was saved at. A file missing, unreadable or of another
// generation (the process stopped before closing the index, or lineage was
// off) is not trusted: the table is built again from the paragraphs of the
// index on first use, which reads every stored paragraph once: at a
// million paragraphs 119 s and 195 CPU-s, with a peak RSS of 2.1 GB
// (relatoria show on a copy of the bench's index without its lineage
// files); an index made before lineage.gob version 3 is rebuilt so once.
const lineageFile = "lineage.gob"

// lineageFileVersion changes when the file or the keys change (3: where
// each paragraph's pairs are in the pair file).
const lineageFileVersion = 3

var lineageGenKey = []byte("relatoria:lineage-generation")

type tableFile struct {
	Version    int
	Generation uint64
	DocIDs     []string
	DocDates   []corpus.Date
	ParaDoc    []int32
	ParaOrd    []int32
	ParaFP     []uint64
	ParaSig    []byte   // len(lineage.Signature) a paragraph
	ParaPairs  []uint64 // pairsAt, in the pair file
	// ParaRecurs is each paragraph's tablePara.recurs; a file written
	// before it was kept has none (all false: correct, only slower).
	ParaRecurs []bool
	Keys       []uint32
	Refs       []uint32
}

// generation returns the lineage generation the first shard records.
func (ix *Index) generation() (uint64, error) {
	v, err := ix.shards[0].GetInternal(lineageGenKey)
	if err != nil || len(v) == 0 {
		return 0, err
	}
	return strconv.ParseUint(string(v), 10, 64)
}

// bumpGeneration counts a change of the index's paragraphs.
func (ix *Index) bumpGeneration() error {
	g, err := ix.generation()
	if err != nil {
		return err
	}
	if ix.line.off {
		ix.line.table.mu.Lock()
		ix.line.table.dirty = false // not saved: it no longer matches
		ix.line.table.mu.Unlock()
	}
	return ix.shards[0].SetInternal(lineageGenKey, []byte(strconv.FormatUint(g+1, 10)))
}

// ready loads the table of ix on first use, or builds it again, and
// opens the pair file (an index this process created starts both empty).
func (s *lineState) ready(ctx context.Context, ix *Index) error {
	s.once.Do(func() {
		s.loadErr = ix.loadOrRebuild(ctx)
	})
	return s.loadErr
}

func (ix *Index) loadOrRebuild(ctx context.Context) error {
	if ix.dir == "" {
		return nil
	}
	if ix.created {
		var err error
		ix.line.file, err = openPairFile(ix.dir, true)
		return err
	}
	ok, err := ix.loadLineage()
	if err != nil {
		return err
	}
	if ok {
		file, err := openPairFile(ix.dir, false)
		if err != nil {
			// A folder this process cannot write (an index served
			// from a read-only disk): the table serves, and candidates
			// are compared by reading their text from the index.
			return nil
		}
		ix.line.file = file
		// Every paragraph's pairs must be in the file: one cut short
		// (the process stopped before writing it) is not trusted.
		for _, p := range ix.line.table.paras {
			if p.pairs != 0 && !file.holds(p.pairs) {
				ok = false
				break
			}
		}
		if ok {
			return nil
		}
		file.close()
		ix.line.file, ix.line.table = nil, lineTable{}
	}
	if file, err := openPairFile(ix.dir, true); err == nil {
		ix.line.file = file
	} // else rebuilt without the file, as above
	return ix.rebuildLineage(ctx)
}

// loadLineage reads the saved table; false when there is none to trust.
func (ix *Index) loadLineage() (bool, error) {
	data, err := os.ReadFile(filepath.Join(ix.dir, lineageFile))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("lineage: %w", err)
	}
	var f tableFile
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&f) != nil || f.Version != lineageFileVersion {
		return false, nil
	}
	g, err := ix.generation()
	if err != nil || g != f.Generation || len(f.DocIDs) != len(f.DocDates) || len(f.Keys) != len(f.Refs) ||
		len(f.ParaDoc) != len(f.ParaOrd) || len(f.ParaDoc) != len(f.ParaFP) || len(f.ParaSig) != len(f.ParaDoc)*len(lineage.Signature{}) ||
		len(f.ParaPairs) != len(f.ParaDoc) || len(f.ParaRecurs) != 0 && len(f.ParaRecurs) != len(f.ParaDoc) {
		return false, err
	}
	t := &ix.line.table
	t.mu.Lock()
	defer t.mu.Unlock()
	t.docOf = map[string]int32{}
	for i, id := range f.DocIDs {
		t.docs = append(t.docs, tableDoc{id: id, adopted: f.DocDates[i], days: daysOf(f.DocDates[i])})
		t.noteDays(t.docs[i].days)
		t.docOf[id] = int32(i)
	}
	// A document's paragraphs follow one another, documents in order
	// (saveLineage writes them so).
	for i := range f.ParaDoc {
		d := f.ParaDoc[i]
		if d < 0 || int(d) >= len(t.docs) || i > 0 && d < f.ParaDoc[i-1] {
			return false, nil
		}
		if i == 0 || d != f.ParaDoc[i-1] {
			t.docs[d].first = int32(i)
		}
		t.docs[d].end = int32(i + 1)
		p := tablePara{doc: d, ordinal: f.ParaOrd[i], fp: f.ParaFP[i], pairs: pairsAt(f.ParaPairs[i])}
		copy(p.sig[:], f.ParaSig[i*len(p.sig):])
		p.recurs = len(f.ParaRecurs) > 0 && f.ParaRecurs[i]
		t.paras = append(t.paras, p)
	}
	for _, r := range f.Refs {
		if int(r) >= len(t.paras) {
			return false, nil
		}
	}
	if len(f.Keys) > 0 {
		t.runs = []keyRun{indexRun(keyRun{keys: f.Keys, refs: f.Refs})}
	}
	return true, nil
}

// saveLineage writes the table, without its dead documents, when it
// changed.
func (ix *Index) saveLineage() error {
	t := &ix.line.table
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.dirty || ix.dir == "" {
		return nil
	}
	if err := ix.line.file.flush(); err != nil { // what the table points to first
		return err
	}
	g, err := ix.generation()
	if err != nil {
		return fmt.Errorf("lineage: %w", err)
	}
	f := tableFile{Version: lineageFileVersion, Generation: g}
	docMap := make([]int32, len(t.docs))
	for i, d := range t.docs {
		docMap[i] = -1
		if !d.dead {
			docMap[i] = int32(len(f.DocIDs))
			f.DocIDs = append(f.DocIDs, d.id)
			f.DocDates = append(f.DocDates, d.adopted)
		}
	}
	paraMap := make([]int32, len(t.paras))
	for i, p := range t.paras {
		paraMap[i] = -1
		if p.doc < 0 {
			continue // of a dead document
		}
		if d := docMap[p.doc]; d >= 0 {
			paraMap[i] = int32(len(f.ParaDoc))
			f.ParaDoc = append(f.ParaDoc, d)
			f.ParaOrd = append(f.ParaOrd, p.ordinal)
			f.ParaFP = append(f.ParaFP, p.fp)
			f.ParaSig = append(f.ParaSig, p.sig[:]...)
			f.ParaPairs = append(f.ParaPairs, uint64(p.pairs))
			f.ParaRecurs = append(f.ParaRecurs, p.recurs)
		}
	}
	var all keyRun
	for _, r := range t.runs {
		all = mergeRuns(all, r)
	}
	for i, k := range all.keys {
		if p := paraMap[all.refs[i]]; p >= 0 {
			f.Keys = append(f.Keys, k)
			f.Refs = append(f.Refs, uint32(p))
		}
	}
	// Encoded straight to the file: a buffer of it had been a copy of
	// the table more at its peak (142 MB at a million paragraphs).
	err = writeFileAtomicFunc(filepath.Join(ix.dir, lineageFile), func(w io.Writer) error {
		return gob.NewEncoder(w).Encode(&f)
	})
	if err != nil {
		return fmt.Errorf("lineage: %w", err)
	}
	t.dirty = false
	return nil
}

// rebuildLineage builds the table from every paragraph of the index.
func (ix *Index) rebuildLineage(ctx context.Context) error {
	var after []string
	var cur *corpus.Document
	var items []lineItem
	t := &ix.line.table
	addCurrent := func() {
		if cur != nil {
			t.mu.Lock()
			t.add(cur, items, ix.line.file)
			t.mu.Unlock()
		}
		cur, items = nil, nil
	}
	for {
		req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 5000, 0, false)
		req.Fields = hitFields
		req.SortBy([]string{FieldDoc, FieldOrdinal})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := ix.alias.SearchInContext(ctx, req)
		if err != nil {
			return fmt.Errorf("lineage: rebuilding the table: %w", err)
		}
		if len(res.Hits) == 0 {
			break
		}
		hits, err := ix.decodeHits(ctx, res.Hits)
		if err != nil {
			return fmt.Errorf("lineage: rebuilding the table: %w", err)
		}
		ids := make([]string, len(hits))
		for i, h := range hits {
			ids[i] = h.ID
		}
		yes, err := ix.flagged(ctx, ids)
		if err != nil {
			return fmt.Errorf("lineage: rebuilding the table: %w", err)
		}
		for _, h := range hits {
			if cur == nil || cur.ID != h.Doc.ID {
				addCurrent()
				cur = h.Doc
			}
			it := newLineItem(h.Doc, h.Para)
			it.recurs = yes[h.ID]
			items = append(items, it)
		}
		after = res.Hits[len(res.Hits)-1].Sort
		if err := ix.line.file.flush(); err != nil {
			return err
		}
	}
	addCurrent()
	t.mu.Lock()
	t.dirty = true
	t.mu.Unlock()
	return ix.line.file.flush()
}
