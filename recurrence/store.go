package recurrence

import (
	"context"
	"errors"
	"slices"
	"sync"
	"unsafe"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/lineage"
)

// Store is the lineage of the paragraphs of an index: which recur in
// which documents, and each one's flag (corpus.Recurs). It keeps a table
// of their keys, fingerprints and signatures in memory, their word pairs
// in a file beside it, and saves the table when it is closed (lineage.gob,
// lineage-pairs.bin; see the package comment). It knows nothing of the
// index but the documents it is given: Link and Forget say which flags
// change, and the caller writes them (Linker does, for an index).
//
// One change (Link, Forget, Rebuild) runs at a time; Recurrences may run
// beside them.
type Store struct {
	dir string // "" for a store in memory

	mu sync.Mutex // held by a change
	// tmu guards the table and the pair file's appends: look-ups hold it
	// for reading, a change takes it to write what it found.
	tmu   sync.RWMutex
	t     table
	file  *pairFile
	cache pairCache
	// loaded is set once the table is read or rebuilt (Load, Rebuild);
	// dirty when it changed since, and must be saved.
	loaded, dirty bool
}

// Open returns the store of the index in dir, without reading anything:
// Load reads its table, Rebuild builds it anew.
func Open(dir string) *Store { return &Store{dir: dir} }

// NewMemory returns an empty store that keeps everything in memory (for
// tests and temporary indexes).
func NewMemory() *Store {
	return &Store{file: &pairFile{}, loaded: true}
}

// Link adds docs to the store, each replacing the document with its ID
// (whose paragraphs are forgotten first), and sets the Recurs of each of
// their paragraphs. It returns the flags of the other paragraphs of the
// store that change, by paragraph ID ("A/HRC/RES/51/34#25"): those that
// an added document came before or whose order to it is not known, and
// those whose flag depended on a replaced version.
func (s *Store) Link(ctx context.Context, docs []*corpus.Document) (map[string]corpus.Recurs, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loaded {
		return nil, errNotLoaded
	}
	return s.link(ctx, lastOfEach(docs), nil)
}

// lastOfEach returns docs with only the last of those that share an ID
// (which replaces the others, as in the index).
func lastOfEach(docs []*corpus.Document) []*corpus.Document {
	last := make(map[string]int, len(docs))
	for i, d := range docs {
		last[d.ID] = i
	}
	if len(last) == len(docs) {
		return docs
	}
	out := make([]*corpus.Document, 0, len(last))
	for i, d := range docs {
		if last[d.ID] == i {
			out = append(out, d)
		}
	}
	return out
}

var errNotLoaded = errors.New("linaje: el almacén no se cargó ni se reconstruyó")

// rebuilding is what Rebuild keeps of the flags the documents came with:
// those of the table's paragraphs, by reference, and the changes of the
// paragraphs without keys.
type rebuilding struct {
	orig    []flag
	changes map[string]flag
}

// link is Link; rb, when set, receives the flags the paragraphs of the
// documents given had (Rebuild's).
func (s *Store) link(ctx context.Context, docs []*corpus.Document, rb *rebuilding) (map[string]corpus.Recurs, error) {
	changes := map[string]flag{}
	// The paragraphs whose flag may have depended on a replaced version.
	var replaced []string
	adding := map[string]bool{}
	for _, d := range docs {
		adding[d.ID] = true
		if _, ok := s.t.docOf[d.ID]; ok {
			replaced = append(replaced, d.ID)
		}
	}
	deps, err := s.dependents(replaced, adding)
	if err != nil {
		return nil, err
	}
	s.tmu.Lock()
	for _, id := range replaced {
		s.t.kill(id)
	}
	s.tmu.Unlock()
	if len(replaced) > 0 {
		s.dirty = true
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	all, err := itemsOf(docs)
	if err != nil {
		return nil, err
	}
	var items []*item
	for _, its := range all {
		for i := range its {
			if its[i].keys != nil {
				items = append(items, &its[i])
			}
		}
	}
	flags, gains, err := s.find(items, newKeyIndex(items), adding, true)
	if err != nil {
		return nil, err
	}
	for i, it := range items {
		it.flag = flags[i]
	}

	s.tmu.Lock()
	for di, d := range docs {
		pl := placeOf(d.Adopted, d.Symbol)
		for i := range d.Paragraphs {
			it := &all[di][i]
			if it.keys == nil {
				it.flag = ownFlag(&pl)
				if rb != nil && it.flag != flagOf(d.Paragraphs[i].Recurs) {
					rb.changes[paragraphID(d.ID, it.ordinal)] = it.flag
				}
			} else if rb != nil {
				rb.orig = append(rb.orig, flagOf(d.Paragraphs[i].Recurs))
			}
			d.Paragraphs[i].Recurs = it.flag.recurs()
		}
		ref := s.t.add(d, pl, all[di], s.file)
		for i := range all[di] {
			if it := &all[di][i]; it.keys != nil {
				if it.pairs != nil {
					s.cache.put(ref, it.pairs)
				}
				ref++
			}
		}
	}
	for _, g := range gains {
		if p := &s.t.paras[g.ref]; p.doc >= 0 && g.flag > p.flag {
			s.t.setFlag(g.ref, g.flag)
			changes[s.t.id(g.ref)] = g.flag
		}
	}
	s.dirty = true
	err = s.file.flush()
	s.tmu.Unlock()
	if err != nil {
		return nil, err
	}
	// Those of a replaced version are gone; the others are worked out
	// again, now that the new versions are in.
	deps = slices.DeleteFunc(deps, func(ref uint32) bool { return s.t.paras[ref].doc < 0 })
	if err := s.relink(deps, changes); err != nil {
		return nil, err
	}
	return recursOf(changes), nil
}

func recursOf(changes map[string]flag) map[string]corpus.Recurs {
	out := make(map[string]corpus.Recurs, len(changes))
	for id, f := range changes {
		out[id] = f.recurs()
	}
	return out
}

// itemsOf returns the items of docs' paragraphs, sketched in parallel.
func itemsOf(docs []*corpus.Document) ([][]item, error) {
	out := make([][]item, len(docs))
	err := parallel(len(docs), "lineage: sketch paragraphs", func(i int) error {
		d := docs[i]
		pl := placeOf(d.Adopted, d.Symbol)
		items := make([]item, len(d.Paragraphs))
		for j := range d.Paragraphs {
			items[j] = newItem(d.ID, pl, &d.Paragraphs[j])
		}
		out[i] = items
		return nil
	})
	return out, err
}

// Forget removes the documents with the given IDs from the store and
// returns the flags of the other paragraphs that change: those whose flag
// depended on one of them.
func (s *Store) Forget(ctx context.Context, ids []string) (map[string]corpus.Recurs, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loaded {
		return nil, errNotLoaded
	}
	var known []string
	for _, id := range ids {
		if _, ok := s.t.docOf[id]; ok {
			known = append(known, id)
		}
	}
	if len(known) == 0 {
		return map[string]corpus.Recurs{}, nil
	}
	deps, err := s.dependents(known, nil)
	if err != nil {
		return nil, err
	}
	s.tmu.Lock()
	for _, id := range known {
		s.t.kill(id)
	}
	s.dirty = true
	s.tmu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	changes := map[string]flag{}
	if err := s.relink(deps, changes); err != nil {
		return nil, err
	}
	return recursOf(changes), nil
}

// dependents returns the paragraphs of the table, of documents neither in
// ids nor in skip, whose flag may depend on a paragraph of the documents
// with the given IDs: a yes of a document those came before, an unknown of
// one whose order to them is not known, that recurs in one of their
// paragraphs. At most maxCandidates are looked at for each paragraph.
func (s *Store) dependents(ids []string, skip map[string]bool) ([]uint32, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	s.tmu.RLock()
	defer s.tmu.RUnlock()
	t := &s.t
	gone := map[int32]bool{}
	var refs []uint32
	for _, id := range ids {
		d := t.docOf[id]
		gone[d] = true
		for r := t.docs[d].first; r < t.docs[d].end; r++ {
			refs = append(refs, uint32(r))
		}
	}
	for id := range skip {
		if d, ok := t.docOf[id]; ok {
			gone[d] = true
		}
	}
	keys := t.keysOf(refs)
	var mu sync.Mutex
	var out []uint32
	err := parallel(len(refs), "lineage: find what depended on a document", func(i int) error {
		it, err := s.tableItem(refs[i], keys[refs[i]])
		if err != nil {
			return err
		}
		var deps []uint32
		seen := map[uint32]bool{}
		for _, k := range it.keys {
			t.lookup(k, func(ref uint32) bool {
				if seen[ref] {
					return true
				}
				seen[ref] = true
				p := &t.paras[ref]
				if gone[p.doc] {
					return len(seen) < maxCandidates
				}
				ord := order(&it.place, &t.docs[p.doc].place)
				if !(p.flag == flagYes && ord == Before || p.flag == flagUnknown && ord == Unknown && t.docs[p.doc].place.placed()) {
					return len(seen) < maxCandidates
				}
				other := item{doc: t.docs[p.doc].id, fp: p.fp, sig: p.sig}
				if !p.exact() && it.pairs != nil && (p.fp != it.fp) {
					if other.pairs, err = s.pairsOf(ref, p.pairs); err != nil {
						return false
					}
				}
				if _, ok := compare(&it, &other); ok {
					deps = append(deps, ref)
				}
				return len(seen) < maxCandidates
			})
			if err != nil {
				return err
			}
		}
		mu.Lock()
		out = append(out, deps...)
		mu.Unlock()
		return nil
	})
	slices.Sort(out)
	return slices.Compact(out), err
}

// tableItem returns the table's paragraph ref as an item, with the given
// keys and its word pairs read. The caller holds the table's read lock.
func (s *Store) tableItem(ref uint32, keys []lineage.Key) (item, error) {
	p := &s.t.paras[ref]
	d := &s.t.docs[p.doc]
	it := item{doc: d.id, place: d.place, ordinal: int(p.ordinal), keys: keys, fp: p.fp, sig: p.sig, flag: p.flag}
	if !p.exact() {
		var err error
		if it.pairs, err = s.pairsOf(ref, p.pairs); err != nil {
			return item{}, err
		}
	}
	return it, nil
}

// relink works out again the flags of the table's paragraphs refs from
// what the table now holds, and records in changes those that changed.
func (s *Store) relink(refs []uint32, changes map[string]flag) error {
	if len(refs) == 0 {
		return nil
	}
	s.tmu.RLock()
	keys := s.t.keysOf(refs)
	items := make([]*item, 0, len(refs))
	var err error
	for _, r := range refs {
		var it item
		if it, err = s.tableItem(r, keys[r]); err != nil {
			break
		}
		items = append(items, &it)
	}
	s.tmu.RUnlock()
	if err != nil {
		return err
	}
	flags, _, err := s.find(items, nil, nil, false)
	if err != nil {
		return err
	}
	s.tmu.Lock()
	defer s.tmu.Unlock()
	for i, r := range refs {
		if p := &s.t.paras[r]; p.doc >= 0 && p.flag != flags[i] {
			s.t.setFlag(r, flags[i])
			changes[s.t.id(r)] = flags[i]
			s.dirty = true
		}
	}
	return nil
}

// Match is a paragraph of another document whose words are the same as,
// or nearly the same as, a given paragraph's.
type Match struct {
	Doc        string      `json:"doc"`
	Ordinal    int         `json:"ordinal"`
	Adopted    corpus.Date `json:"adopted,omitzero"`
	Similarity float64     `json:"similarity"`
	Identical  bool        `json:"identical"`
	// Order is the other document's, relative to the given paragraph's:
	// Before when it came first.
	Order Order `json:"order"`
	// Exact is set when the paragraph is compared by its words only (it
	// is short, or a heading): a formula more often than language.
	Exact bool `json:"exact,omitempty"`
}

// Recurrences returns, for each paragraph of doc (by ordinal), the
// paragraphs of other documents of the store whose words are the same or
// nearly the same: the earliest documents first, those that cannot be
// placed last; at most maxCandidates a paragraph. It reads the store as it
// is, so the links follow every change.
func (s *Store) Recurrences(ctx context.Context, doc *corpus.Document) (map[int][]Match, error) {
	pl := placeOf(doc.Adopted, doc.Symbol)
	out := map[int][]Match{}
	s.tmu.RLock()
	defer s.tmu.RUnlock()
	t := &s.t
	for i := range doc.Paragraphs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		it := newItem(doc.ID, pl, &doc.Paragraphs[i])
		seen := map[uint32]bool{}
		var refs []uint32
		for _, k := range it.keys {
			// The earliest maxCandidates of at most ten times as many.
			t.lookup(k, func(ref uint32) bool {
				p := &t.paras[ref]
				if !seen[ref] && t.docs[p.doc].id != doc.ID && (p.fp == it.fp || it.pairs != nil && !p.exact() && lineage.Plausible(it.sig, p.sig)) {
					seen[ref] = true
					refs = append(refs, ref)
				}
				return len(refs) < 10*maxCandidates
			})
		}
		slices.SortFunc(refs, func(a, b uint32) int {
			da, db := &t.docs[t.paras[a].doc], &t.docs[t.paras[b].doc]
			return compareDocs(da, db, a, b)
		})
		refs = refs[:min(len(refs), maxCandidates)]
		for _, ref := range refs {
			p := &t.paras[ref]
			d := &t.docs[p.doc]
			other := item{doc: d.id, fp: p.fp, sig: p.sig}
			if p.fp != it.fp && !p.exact() {
				var err error
				if other.pairs, err = s.pairsOf(ref, p.pairs); err != nil {
					return nil, err
				}
			}
			m, ok := compare(&it, &other)
			if !ok {
				continue
			}
			out[it.ordinal] = append(out[it.ordinal], Match{Doc: d.id, Ordinal: int(p.ordinal), Adopted: d.adopted,
				Similarity: round2(m.similarity), Identical: m.identical, Order: order(&d.place, &pl), Exact: it.pairs == nil})
		}
	}
	return out, nil
}

// compareDocs orders the paragraphs a and b of the documents da and db:
// dated documents first, by date, then by symbol where that says, then
// by position in the table.
func compareDocs(da, db *tableDoc, a, b uint32) int {
	switch {
	case da.place.days.known != db.place.days.known:
		if da.place.days.known {
			return -1
		}
		return 1
	case da.place.days.known && da.place.days.first != db.place.days.first:
		return int(da.place.days.first - db.place.days.first)
	}
	switch order(&da.place, &db.place) {
	case Before:
		return -1
	case After:
		return 1
	}
	return int(a) - int(b)
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// ResidentBytes returns about how many bytes of the heap the store keeps
// for as long as it is open, growing with it: the table and the cache of
// word pairs. A process that sets a soft memory limit for its garbage
// (relatoria ingest) adds this to it.
func (s *Store) ResidentBytes() int64 {
	s.tmu.RLock()
	t := &s.t
	n := int64(cap(t.paras))*int64(unsafe.Sizeof(tablePara{})) + int64(cap(t.docs))*int64(unsafe.Sizeof(tableDoc{}))
	for _, r := range t.runs {
		n += int64(cap(r.keys)+cap(r.refs)+cap(r.dir)) * 4
	}
	n += int64(len(t.docOf)) * 48 // a map entry: a string header, an int32, the map's own share
	if s.file != nil && s.file.f == nil {
		n += int64(cap(s.file.buf))
	}
	s.tmu.RUnlock()
	return n + s.cache.bytes()
}
