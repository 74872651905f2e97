package recurrence

import (
	"sort"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/lineage"
)

// flag is a paragraph's corpus.Recurs in the table, ordered so that a
// paragraph only ever gains (no → unknown → yes) when documents are added.
type flag uint8

const (
	flagNo flag = iota
	flagUnknown
	flagYes
)

// recurs returns the flag as the model writes it.
func (f flag) recurs() corpus.Recurs {
	switch f {
	case flagYes:
		return corpus.RecursYes
	case flagNo:
		return corpus.RecursNo
	}
	return corpus.RecursUnknown
}

func flagOf(r corpus.Recurs) flag {
	switch r {
	case corpus.RecursYes:
		return flagYes
	case corpus.RecursNo:
		return flagNo
	}
	return flagUnknown
}

// table holds the keys of the paragraphs of the store, in sorted runs
// merged as they grow (as a log-structured merge tree does): 8 bytes a
// key, 48 a paragraph; 100,000 paragraphs take about 11 MB.
type table struct {
	docs  []tableDoc
	docOf map[string]int32 // the live entry of a document ID
	paras []tablePara
	runs  []keyRun
	// maxLast is the greatest last day of a dated document added (dead
	// ones too: it only ever grows), dated whether there was one;
	// undatedSeries counts the documents added without a date but with a
	// numbered symbol. When every document of the table came before an
	// item (endsBefore), a look-up can end once the item is known to
	// recur: no flag of the table can change.
	maxLast       int64
	dated         bool
	undatedSeries int
	// noFlags counts the live paragraphs flagged no: the only ones a
	// document that cannot be placed can change (to unknown).
	noFlags int
}

type tableDoc struct {
	id      string
	adopted corpus.Date
	symbol  corpus.Symbol
	place   place
	// first and end delimit its paragraphs, t.paras[first:end].
	first, end int32
	dead       bool // replaced or deleted since
}

type tablePara struct {
	doc     int32 // -1 once its document is dead
	ordinal int32
	fp      uint64
	sig     lineage.Signature
	pairs   pairsAt // in the pair file; 0 for a paragraph compared exactly
	flag    flag
}

// exact reports whether the paragraph is compared by its words only
// (short, a heading, or too long for the pair file).
func (p *tablePara) exact() bool { return p.pairs == 0 }

// noteDoc records the place of a document added to the table.
func (t *table) noteDoc(p *place) {
	switch {
	case p.days.known:
		if !t.dated || p.days.last > t.maxLast {
			t.maxLast, t.dated = p.days.last, true
		}
	case p.series != 0:
		t.undatedSeries++
	}
}

// allBefore reports whether every document of the table came before
// one of place p (those that cannot be placed aside: their paragraphs'
// flags are unknown and stay so).
func (t *table) allBefore(p *place) bool {
	return p.days.known && t.undatedSeries == 0 && (!t.dated || t.maxLast < p.days.first)
}

// keyRun is a sorted run of (key hash, paragraph) pairs.
type keyRun struct {
	keys []uint32
	refs []uint32
	// dir, for a long run, holds where each value of a key's top 16 bits
	// begins (and, last, len(keys)): keys are hashes, spread evenly, so
	// a look-up searches a hundred-odd keys close together instead of
	// millions (a binary search over eight million had cost a cache miss
	// a step).
	dir []uint32
}

// minDirRun is the length from which a run gets a directory.
const minDirRun = 1 << 16

// indexRun returns the run with its directory made, if it is long.
func indexRun(r keyRun) keyRun {
	r.dir = nil
	if len(r.keys) < minDirRun {
		return r
	}
	r.dir = make([]uint32, 1<<16+1)
	i := 0
	for b := range 1 << 16 {
		for i < len(r.keys) && r.keys[i]>>16 < uint32(b) {
			i++
		}
		r.dir[b] = uint32(i)
	}
	r.dir[1<<16] = uint32(len(r.keys))
	return r
}

// find returns the position of the first key of r that is h or more.
func (r *keyRun) find(h uint32) int {
	lo, hi := 0, len(r.keys)
	if r.dir != nil {
		lo, hi = int(r.dir[h>>16]), int(r.dir[h>>16+1])
	}
	return lo + sort.Search(hi-lo, func(i int) bool { return r.keys[lo+i] >= h })
}

// Len, Less and Swap sort a run by key (sort.Interface).
func (r *keyRun) Len() int { return len(r.keys) }

// Less orders by key.
func (r *keyRun) Less(i, j int) bool { return r.keys[i] < r.keys[j] }

// Swap swaps two entries.
func (r *keyRun) Swap(i, j int) {
	r.keys[i], r.keys[j] = r.keys[j], r.keys[i]
	r.refs[i], r.refs[j] = r.refs[j], r.refs[i]
}

func mergeRuns(a, b keyRun) keyRun {
	out := keyRun{keys: make([]uint32, 0, len(a.keys)+len(b.keys)), refs: make([]uint32, 0, len(a.keys)+len(b.keys))}
	i, j := 0, 0
	for i < len(a.keys) || j < len(b.keys) {
		if j == len(b.keys) || i < len(a.keys) && a.keys[i] <= b.keys[j] {
			out.keys, out.refs = append(out.keys, a.keys[i]), append(out.refs, a.refs[i])
			i++
		} else {
			out.keys, out.refs = append(out.keys, b.keys[j]), append(out.refs, b.refs[j])
			j++
		}
	}
	return out
}

// kill marks the table's entry of a document dead.
func (t *table) kill(id string) {
	i, ok := t.docOf[id]
	if !ok {
		return
	}
	d := &t.docs[i]
	d.dead = true
	for j := d.first; j < d.end; j++ {
		if t.paras[j].flag == flagNo {
			t.noFlags--
		}
		t.paras[j].doc = -1
	}
	delete(t.docOf, id)
}

// add records the items of one document (the table must not hold it);
// those with keys get consecutive references in the table, from the one
// it returns.
func (t *table) add(doc *corpus.Document, pl place, items []item, file *pairFile) uint32 {
	if t.docOf == nil {
		t.docOf = map[string]int32{}
	}
	d := int32(len(t.docs))
	t.docs = append(t.docs, tableDoc{id: doc.ID, adopted: doc.Adopted, symbol: doc.Symbol, place: pl, first: int32(len(t.paras))})
	t.noteDoc(&pl)
	t.docOf[doc.ID] = d
	var run keyRun
	for i := range items {
		it := &items[i]
		if it.keys == nil {
			continue
		}
		ref := uint32(len(t.paras))
		t.paras = append(t.paras, tablePara{doc: d, ordinal: int32(it.ordinal), fp: it.fp, sig: it.sig, pairs: file.append(it.pairs), flag: it.flag})
		if it.flag == flagNo {
			t.noFlags++
		}
		for _, k := range it.keys {
			run.keys = append(run.keys, uint32(k))
			run.refs = append(run.refs, ref)
		}
	}
	t.docs[d].end = int32(len(t.paras))
	t.addRun(run)
	return uint32(t.docs[d].first)
}

// addRun adds a run of keys, merging the last two runs while the newer is
// at least half the older.
func (t *table) addRun(run keyRun) {
	if run.Len() == 0 {
		return
	}
	sort.Sort(&run)
	t.runs = append(t.runs, run)
	for n := len(t.runs); n >= 2 && len(t.runs[n-1].keys)*2 >= len(t.runs[n-2].keys); n = len(t.runs) {
		t.runs[n-2] = indexRun(mergeRuns(t.runs[n-2], t.runs[n-1]))
		t.runs = t.runs[:n-1]
	}
}

// setFlag sets the flag of the paragraph ref.
func (t *table) setFlag(ref uint32, f flag) {
	p := &t.paras[ref]
	if p.doc >= 0 {
		if p.flag == flagNo {
			t.noFlags--
		}
		if f == flagNo {
			t.noFlags++
		}
	}
	p.flag = f
}

// lookup calls f with each live paragraph that has key k, until f
// returns false.
func (t *table) lookup(k lineage.Key, f func(ref uint32) bool) {
	h := uint32(k)
	for ri := range t.runs {
		r := &t.runs[ri]
		for i := r.find(h); i < len(r.keys) && r.keys[i] == h; i++ {
			if t.paras[r.refs[i]].doc >= 0 && !f(r.refs[i]) {
				return
			}
		}
	}
}

// keysOf returns the keys of the paragraphs refs, read from the runs
// (the table does not keep them by paragraph: 32 bytes a paragraph more,
// for replacements and deletions only): one pass over every key.
func (t *table) keysOf(refs []uint32) map[uint32][]lineage.Key {
	out := make(map[uint32][]lineage.Key, len(refs))
	if len(refs) == 0 {
		return out
	}
	want := make([]bool, len(t.paras))
	for _, r := range refs {
		want[r] = true
	}
	for ri := range t.runs {
		r := &t.runs[ri]
		for i, ref := range r.refs {
			if want[ref] {
				out[ref] = append(out[ref], lineage.Key(r.keys[i]))
			}
		}
	}
	return out
}

// id returns the paragraph ID of the table's paragraph ref:
// "A/HRC/RES/51/34#25".
func (t *table) id(ref uint32) string {
	p := &t.paras[ref]
	return paragraphID(t.docs[p.doc].id, int(p.ordinal))
}
