package index

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"unsafe"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/lineage"
)

// Paragraph lineage: where the same words recur.
//
// Every paragraph of lineage.MinWords words or more that is not a heading
// has lineage.Keys (locality-sensitive hashes of its MinHash signature),
// held in a table beside the shards (lineTable, saved in DIR/lineage.gob),
// and every paragraph the facet "recurs:yes" or "recurs:no": whether a
// paragraph of another document, adopted earlier (both dates known, the
// other's last day before this one's first), has the same or nearly the
// same words (lineage.Similarity at least lineage.Threshold, worked out
// on the high 32 bits of the word pairs' hashes: the same but for
// collisions of about one pair in four billion). The links
// themselves are found from the keys when asked for (Recurrences), and so
// follow every change; the flag is kept up to date by Add and Delete:
//
//   - a paragraph being added is compared with the paragraphs that share a
//     key with it: those of the same call and those of the table;
//   - a paragraph already in the index that a new, earlier paragraph
//     recurs in, and one that recurred in a document now replaced or
//     deleted, has its flag worked out again and its record rewritten.
//
// The keys are not terms of the index: eight random terms a paragraph made
// bleve's dictionaries half as costly again to build (ingest CPU +48% on
// 20,000 paragraphs), where the table costs 8 bytes a key and a binary
// search in each of a logarithmic number of sorted runs a look-up. The
// word pairs that comparisons need are in a file beside the table
// (pairFile), read for a candidate the cache (pairCache) lacks. The cost
// of adding a document is so bounded by its paragraphs: its look-ups, the
// comparisons with what they find (at most maxCandidates paragraphs a
// look-up) and the records of the later paragraphs it changes.
//
// A flag is a yes-or-no, so most comparisons cannot change one, and the
// look-up leaves them out, the answer staying what comparing every
// candidate gives (TestLineageFlagsMatchDefinition):
//
//   - the table knows which of its paragraphs are flagged "yes"
//     (tablePara.recurs): no earlier paragraph added can change those;
//   - an item's candidates of earlier documents are compared in waves,
//     those whose signatures agree most first, and the first recurrence
//     found settles the item's flag: a paragraph that recurs in hundreds
//     of documents costs a comparison or two, not hundreds;
//   - an item known to recur, and later than every document of the table
//     (as when a collection grows by date), ends its look-up there.
const (
	FieldRecurs = "recurs" // facet: "yes" or "no"
)

// maxCandidates bounds the paragraphs one look-up compares (at query time
// the earliest first): a formula recurring in ten thousand documents costs
// as much as one in a thousand.
const maxCandidates = 1000

// Recurrence is a paragraph of another document whose words are the same
// as, or nearly the same as, a given paragraph's.
type Recurrence struct {
	Doc        string        `json:"doc"`
	Symbol     corpus.Symbol `json:"symbol,omitempty"`
	Title      string        `json:"title,omitempty"`
	Adopted    corpus.Date   `json:"adopted,omitzero"`
	Ordinal    int           `json:"ordinal"`
	Number     corpus.Number `json:"number,omitempty"`
	Similarity float64       `json:"similarity"`
	Identical  bool          `json:"identical"`
	// Earlier is set when the other document was adopted before this one.
	Earlier bool `json:"earlier"`
	// Part and Repeated are the paragraph's (corpus.Paragraph.Part,
	// Repeated), and Name its document's name in a reference
	// (corpus.Document.RefName): what its reference is made of.
	Part     string `json:"part,omitempty"`
	Repeated bool   `json:"-"`
	Name     string `json:"-"`
}

// Earlier reports whether a document adopted on a was adopted before one
// adopted on b: both known, and a's last day before b's first.
func Earlier(a, b corpus.Date) bool {
	return !a.IsZero() && !b.IsZero() && a.Last().Time().Before(b.Time())
}

// days is a document's adoption as the first and last day it covers
// (days since 1970), which the look-ups compare without converting
// Dates; known is false for an undated document.
type days struct {
	first, last int64
	known       bool
}

func daysOf(d corpus.Date) days {
	if d.IsZero() {
		return days{}
	}
	const day = 24 * 60 * 60
	return days{first: d.Time().Unix() / day, last: d.Last().Time().Unix() / day, known: true}
}

// before reports whether a was adopted before b, as Earlier does.
func (a days) before(b days) bool { return a.known && b.known && a.last < b.first }

// paraLineage is what a record carries of its paragraph's lineage: its
// flag (the keys are in the table, not in the record).
type paraLineage struct {
	recurs bool
}

// lineItem is a paragraph being compared: its document, position, text,
// keys and fingerprint.
type lineItem struct {
	doc     string
	adopted days
	ordinal int
	text    string
	keys    []lineage.Key
	fp      uint64
	// pairs are the text's word pairs (narrowPairs of lineage.Shingles);
	// nil for an item known by its fingerprint only (from the table).
	pairs []uint32
	sig   lineage.Signature
	// recurs is the paragraph's flag, when known (what the table keeps
	// of it: see tablePara.recurs).
	recurs bool
}

func newLineItem(doc *corpus.Document, p *corpus.Paragraph) lineItem {
	it := lineItem{doc: doc.ID, adopted: daysOf(doc.Adopted), ordinal: p.Ordinal, text: p.Text}
	if p.Kind != corpus.Heading {
		sk := lineage.NewSketch(p.Text)
		it.keys, it.pairs, it.fp, it.sig = sk.Keys, narrowPairs(sk.Shingles), sk.Fingerprint, sk.Signature
	}
	return it
}

// link is a verified recurrence between two items.
type link struct {
	other      *lineItem
	similarity float64
	identical  bool
}

// compare verifies a candidate: the link of a to b, or false.
func compare(a, b *lineItem) (link, bool) {
	if a.doc == b.doc {
		return link{}, false
	}
	if a.fp == b.fp && a.fp != 0 {
		return link{other: b, similarity: 1, identical: true}, true
	}
	if a.pairs == nil || b.pairs == nil || lineage.MaxJaccard(len(a.pairs), len(b.pairs)) < lineage.Threshold ||
		!lineage.Plausible(a.sig, b.sig) {
		return link{}, false
	}
	s := lineage.Jaccard(a.pairs, b.pairs)
	if s < lineage.Threshold {
		return link{}, false
	}
	return link{other: b, similarity: s, identical: s == 1}, true
}

func sharesKey(a, b []lineage.Key) bool {
	for _, k := range a {
		if slices.Contains(b, k) {
			return true
		}
	}
	return false
}

// lineTable holds the keys of the paragraphs of the index, in sorted runs
// merged as they grow (as a log-structured merge tree does): 8 bytes a
// key, 16 a paragraph; 100,000 paragraphs take about 8 MB.
type lineTable struct {
	mu    sync.RWMutex
	dirty bool // changed since loaded or saved
	docs  []tableDoc
	docOf map[string]int32 // the live entry of a document ID
	paras []tablePara
	runs  []keyRun
	// latest is the greatest first day of a dated document added (dead
	// ones too: it only ever grows), dated whether there was one: no
	// paragraph of the table can be later than an item that ends on or
	// after it.
	latest int64
	dated  bool
}

// noteDays records the adoption of a document added to the table.
func (t *lineTable) noteDays(d days) {
	if d.known && (!t.dated || d.first > t.latest) {
		t.latest, t.dated = d.first, true
	}
}

// noneLater reports whether no paragraph of the table can be of a
// document adopted after d.
func (t *lineTable) noneLater(d days) bool {
	return !d.known || !t.dated || d.last >= t.latest
}

type tableDoc struct {
	id      string
	adopted corpus.Date
	days    days
	// first and end delimit its paragraphs, t.paras[first:end].
	first, end int32
	dead       bool // replaced or deleted since
}

type tablePara struct {
	doc     int32 // -1 once its document is dead
	ordinal int32
	fp      uint64
	sig     lineage.Signature
	pairs   pairsAt // in the pair file
	// recurs is true only while the paragraph's record is flagged
	// "recurs:yes": no paragraph added later can change its flag then, so
	// a look-up need not compare it with one of an earlier document. False
	// says nothing (a table saved before the flags were kept has none).
	recurs bool
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

// kill marks the table's entry of a document dead.
func (t *lineTable) kill(id string) {
	t.dirty = true
	if i, ok := t.docOf[id]; ok {
		d := &t.docs[i]
		d.dead = true
		for j := d.first; j < d.end; j++ {
			t.paras[j].doc = -1
		}
		delete(t.docOf, id)
	}
}

// add records the items of one document; those with keys get consecutive
// references in the table, from the one it returns.
func (t *lineTable) add(doc *corpus.Document, items []lineItem, file *pairFile) uint32 {
	if t.docOf == nil {
		t.docOf = map[string]int32{}
	}
	t.kill(doc.ID)
	d := int32(len(t.docs))
	t.docs = append(t.docs, tableDoc{id: doc.ID, adopted: doc.Adopted, days: daysOf(doc.Adopted), first: int32(len(t.paras))})
	t.noteDays(t.docs[len(t.docs)-1].days)
	t.docOf[doc.ID] = d
	var run keyRun
	for _, it := range items {
		if it.keys == nil {
			continue
		}
		ref := uint32(len(t.paras))
		t.paras = append(t.paras, tablePara{doc: d, ordinal: int32(it.ordinal), fp: it.fp, sig: it.sig, pairs: file.append(it.pairs), recurs: it.recurs})
		for _, k := range it.keys {
			run.keys = append(run.keys, uint32(k))
			run.refs = append(run.refs, ref)
		}
	}
	t.docs[d].end = int32(len(t.paras))
	if run.Len() == 0 {
		return uint32(t.docs[d].first)
	}
	sort.Sort(&run)
	t.runs = append(t.runs, run)
	// Merge the last two runs while the newer is at least half the older.
	for n := len(t.runs); n >= 2 && len(t.runs[n-1].keys)*2 >= len(t.runs[n-2].keys); n = len(t.runs) {
		t.runs[n-2] = indexRun(mergeRuns(t.runs[n-2], t.runs[n-1]))
		t.runs = t.runs[:n-1]
	}
	return uint32(t.docs[d].first)
}

// mark records the flag of the paragraph with the given ID, as its record
// now has it; a paragraph the table lacks is left alone.
func (t *lineTable) mark(id string, recurs bool) {
	docID, ordinal, ok := SplitParagraphID(id)
	if !ok {
		return
	}
	d, ok := t.docOf[docID]
	if !ok {
		return
	}
	for i := t.docs[d].first; i < t.docs[d].end; i++ {
		if p := &t.paras[i]; int(p.ordinal) == ordinal {
			if p.recurs != recurs {
				p.recurs = recurs
				t.dirty = true
			}
			return
		}
	}
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

// lookup calls f with each live paragraph that has key k, until f
// returns false.
func (t *lineTable) lookup(k lineage.Key, f func(ref uint32) bool) {
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

// lineState is the lineage state of an Index.
type lineState struct {
	mu    sync.Mutex // held by Add and Delete: one change at a time
	off   bool
	table lineTable
	// once loads the table (or rebuilds it) on first use; loadErr is
	// what that returned.
	once    sync.Once
	loadErr error
	pairs   pairCache
	file    *pairFile // nil for an index in memory
}

// pairCache keeps the word pairs and fingerprints of the table's
// paragraphs, by reference in the table (a replaced document's paragraphs
// get new ones): those of the paragraphs just added (their sketches made
// them) and those read back to be compared, so that a paragraph that many
// new ones resemble without being similar enough is not read from the
// index at every Add. It holds two generations of at most maxCachedPairs
// word pairs each: when the newer is full it becomes the older, and the
// older's paragraphs that are asked for again move to the newer. On the
// dated 100k bench corpus, reads of the index were 71,738 of 159,314
// candidates with generations of 2M pairs and only what was read back,
// 14,804 with 4M and the paragraphs added.
type pairCache struct {
	mu        sync.Mutex
	cur, prev map[uint32]wordPairs
	size      int // the word pairs in cur
	prevSize  int // the word pairs in prev
	max       int // the word pairs of a generation; 0 means maxCachedPairs
}

// wordPairs is what comparing a paragraph needs of its text.
type wordPairs struct {
	pairs []uint32
	fp    uint64
}

// maxCachedPairs bounds a generation of the pairCache: 32 MB.
const maxCachedPairs = 8 << 20

// get returns the cached word pairs of the paragraph ref.
func (c *pairCache) get(ref uint32) (wordPairs, bool) {
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
func (c *pairCache) put(ref uint32, wp wordPairs) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(ref, wp)
}

func (c *pairCache) putLocked(ref uint32, wp wordPairs) {
	limit := c.max
	if limit == 0 {
		limit = maxCachedPairs
	}
	if c.cur == nil || c.size+len(wp.pairs) > limit {
		c.prev, c.cur, c.prevSize, c.size = c.cur, map[uint32]wordPairs{}, c.size, 0
	}
	c.cur[ref] = wp
	c.size += len(wp.pairs)
}

// SetLineage turns the lineage of paragraphs added from now on on or off
// (it is on by default). With it off, records carry no lineage keys and
// every paragraph is "recurs:no"; it exists to measure what lineage costs.
func (ix *Index) SetLineage(on bool) { ix.line.off = !on }

// itemsOf returns the lineage items of docs, computed in parallel.
func itemsOf(docs []*corpus.Document) ([][]lineItem, error) {
	out := make([][]lineItem, len(docs))
	err := parallel(len(docs), "lineage: sketch paragraphs", func(i int) error {
		d := docs[i]
		items := make([]lineItem, len(d.Paragraphs))
		for j := range d.Paragraphs {
			items[j] = newLineItem(d, &d.Paragraphs[j])
		}
		out[i] = items
		return nil
	})
	return out, err
}

// stored is a paragraph read back from the index with what rewriting its
// record needs.
type stored struct {
	item lineItem
	doc  *corpus.Document // metadata only
	para *corpus.Paragraph
	meta bool // the record that stores the document's metadata
}

// sketch fills in the item's keys, word pairs and signature, which
// loadParagraphs leaves out (reading back a candidate needs only its word
// pairs: sketching every one had been a twentieth of ingest CPU).
func (s *stored) sketch() {
	if s.item.keys == nil {
		s.item = newLineItem(s.doc, s.para)
	}
}

// idChunk is how many paragraph IDs one search of the lineage code names.
const idChunk = 1000

// loadParagraphs reads the paragraphs with the given IDs, unsketched;
// missing ones are left out.
func (ix *Index) loadParagraphs(ctx context.Context, ids []string) (map[string]*stored, error) {
	out := map[string]*stored{}
	for chunk := range slices.Chunk(ids, idChunk) {
		req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(chunk), len(chunk), 0, false)
		req.Fields = hitFields
		res, err := ix.alias.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("lineage: %w", err)
		}
		if err := ix.decodeStored(ctx, res, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// loadTexts reads the texts of the paragraphs with the given IDs (all
// that comparing them needs: no metadata to decode); missing ones are
// left out.
func (ix *Index) loadTexts(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	for chunk := range slices.Chunk(ids, idChunk) {
		req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(chunk), len(chunk), 0, false)
		req.Fields = []string{FieldText}
		res, err := ix.alias.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("lineage: %w", err)
		}
		for _, h := range res.Hits {
			if text, ok := h.Fields[FieldText].(string); ok {
				out[h.ID] = text
			}
		}
	}
	return out, nil
}

// decodeStored adds the hits of res to out.
func (ix *Index) decodeStored(ctx context.Context, res *bleve.SearchResult, out map[string]*stored) error {
	hits, err := ix.decodeHits(ctx, res.Hits)
	if err != nil {
		return fmt.Errorf("lineage: %w", err)
	}
	for i, h := range hits {
		dj, _ := res.Hits[i].Fields[FieldDocJSON].(string)
		it := lineItem{doc: h.Doc.ID, adopted: daysOf(h.Doc.Adopted), ordinal: h.Para.Ordinal, text: h.Para.Text}
		out[res.Hits[i].ID] = &stored{item: it, doc: h.Doc, para: h.Para, meta: dj != ""}
	}
	return nil
}

// tableCandidates returns the paragraphs of the index that share a key
// with items, the earliest documents first (undated ones last), at most
// maxCandidates, leaving out those of the documents in skip.
func (ix *Index) tableCandidates(ctx context.Context, items []lineItem, skip map[string]bool) ([]*stored, error) {
	if err := ix.line.ready(ctx, ix); err != nil {
		return nil, err
	}
	t := &ix.line.table
	t.mu.RLock()
	seen := map[uint32]bool{}
	var refs []uint32
	for _, it := range items {
		for _, k := range it.keys {
			// The earliest maxCandidates of at most ten times as many.
			t.lookup(k, func(ref uint32) bool {
				p := &t.paras[ref]
				if !seen[ref] && !skip[t.docs[p.doc].id] && (p.fp == it.fp || lineage.Plausible(it.sig, p.sig)) {
					seen[ref] = true
					refs = append(refs, ref)
				}
				return len(refs) < 10*maxCandidates
			})
		}
	}
	slices.SortFunc(refs, func(a, b uint32) int {
		da, db := t.docs[t.paras[a].doc].adopted, t.docs[t.paras[b].doc].adopted
		switch {
		case da.IsZero() != db.IsZero():
			if da.IsZero() {
				return 1
			}
			return -1
		case da != db:
			return da.Time().Compare(db.Time())
		}
		return int(a) - int(b)
	})
	refs = refs[:min(len(refs), maxCandidates)]
	ids := make([]string, len(refs))
	for i, r := range refs {
		p := t.paras[r]
		ids[i] = ParagraphID(t.docs[p.doc].id, int(p.ordinal))
	}
	t.mu.RUnlock()
	got, err := ix.loadParagraphs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]*stored, 0, len(ids))
	for _, id := range ids {
		if s := got[id]; s != nil {
			s.sketch()
			out = append(out, s)
		}
	}
	return out, nil
}

// Recurrences returns, for each paragraph of doc (by ordinal), the
// paragraphs of other documents in the index whose words are the same or
// nearly the same, oldest document first (undated ones last). It reads the
// index as it is, so the links follow every addition, replacement and
// deletion.
func (ix *Index) Recurrences(ctx context.Context, doc *corpus.Document) (map[int][]Recurrence, error) {
	items := make([]lineItem, len(doc.Paragraphs))
	for i := range doc.Paragraphs {
		items[i] = newLineItem(doc, &doc.Paragraphs[i])
	}
	out := map[int][]Recurrence{}
	// A few paragraphs at a time keeps each look-up within
	// maxCandidates.
	for start := 0; start < len(items); start += 8 {
		chunk := items[start:min(start+8, len(items))]
		cands, err := ix.tableCandidates(ctx, chunk, map[string]bool{doc.ID: true})
		if err != nil {
			return nil, err
		}
		for i := range chunk {
			it := &chunk[i]
			for _, c := range cands {
				if !sharesKey(it.keys, c.item.keys) {
					continue
				}
				l, ok := compare(it, &c.item)
				if !ok {
					continue
				}
				out[it.ordinal] = append(out[it.ordinal], Recurrence{
					Doc: c.doc.ID, Symbol: c.doc.Symbol, Title: c.doc.Title, Adopted: c.doc.Adopted,
					Ordinal: c.para.Ordinal, Number: c.para.Number, Part: c.para.Part, Repeated: c.para.Repeated, Name: c.doc.RefName(),
					Similarity: round2(l.similarity), Identical: l.identical,
					Earlier: Earlier(c.doc.Adopted, doc.Adopted),
				})
			}
		}
	}
	for _, rs := range out {
		SortRecurrences(rs)
	}
	return out, nil
}

// SortRecurrences orders recurrences oldest document first, undated ones
// last, then by document and position.
func SortRecurrences(rs []Recurrence) {
	slices.SortStableFunc(rs, func(a, b Recurrence) int {
		switch {
		case a.Adopted.IsZero() != b.Adopted.IsZero():
			if a.Adopted.IsZero() {
				return 1
			}
			return -1
		case a.Adopted != b.Adopted:
			return a.Adopted.Time().Compare(b.Adopted.Time())
		case a.Doc != b.Doc:
			if a.Doc < b.Doc {
				return -1
			}
			return 1
		}
		return a.Ordinal - b.Ordinal
	})
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// linkAdded works out the lineage of the paragraphs of docs, which are
// about to be added: their keys, their flags, and the IDs of paragraphs
// already in the index that they recur in and that were adopted later
// (whose flag becomes "yes").
func (ix *Index) linkAdded(ctx context.Context, docs []*corpus.Document) (map[string][]paraLineage, []string, [][]lineItem, error) {
	if err := ix.line.ready(ctx, ix); err != nil {
		return nil, nil, nil, err
	}
	all, err := itemsOf(docs)
	if err != nil {
		return nil, nil, nil, err
	}
	adding := map[string]bool{}
	for _, d := range docs {
		adding[d.ID] = true
	}
	var items []*lineItem
	for _, its := range all {
		for i := range its {
			if its[i].keys != nil {
				items = append(items, &its[i])
			}
		}
	}
	recurs, gained, err := ix.findRecurrences(ctx, items, newKeyIndex(items), adding, true)
	if err != nil {
		return nil, nil, nil, err
	}
	// items holds the paragraphs with keys, in the order of all.
	out := map[string][]paraLineage{}
	j := 0
	for di, d := range docs {
		pl := make([]paraLineage, len(d.Paragraphs))
		for i := range d.Paragraphs {
			if all[di][i].keys != nil {
				pl[i].recurs = recurs[j]
				all[di][i].recurs = recurs[j] // for the table
				j++
			}
		}
		out[d.ID] = pl
	}
	return out, gained, all, nil
}

// keyIndex is the keys of a list of items, sorted: each a key (the high
// 32 bits) and the position of an item that has it (the low 32). Sorting
// numbers is cheaper than filling a map of lists (a small list a key:
// that map had been a twentieth of lineage's cost).
type keyIndex []uint64

func newKeyIndex(items []*lineItem) keyIndex {
	var x keyIndex
	for i, it := range items {
		for _, k := range it.keys {
			x = append(x, uint64(k)<<32|uint64(i))
		}
	}
	slices.Sort(x)
	return x
}

// find returns the entries of key k.
func (x keyIndex) find(k lineage.Key) keyIndex {
	i := sort.Search(len(x), func(i int) bool { return x[i]>>32 >= uint64(k) })
	j := i
	for j < len(x) && x[j]>>32 == uint64(k) {
		j++
	}
	return x[i:j]
}

// findRecurrences works out, for each item, whether it recurs in a
// paragraph of an earlier document: one of the other items that local
// indexes (the paragraphs being added) or one of the table (except those of the
// documents in adding, and of the item's own). With later, it also
// returns the IDs of the table's paragraphs of later documents that recur
// in an item (sorted, each once).
//
// Only comparisons that can change a flag are made: with a paragraph of
// an earlier document while the item's own flag is not yet known to be
// "yes", and with one of a later document (whose flag the item may turn
// to "yes"). Paragraphs of documents of the same date, or of an undated
// one, are never compared: neither can be the other's earlier appearance.
// The work is spread over the cores, item by item, then, for the
// paragraphs of the table whose text must be read, candidate by
// candidate.
func (ix *Index) findRecurrences(ctx context.Context, items []*lineItem, local keyIndex, adding map[string]bool, later bool) ([]bool, []string, error) {
	// First, each item on its own: the paragraphs of local and those of
	// the table with the same words (by fingerprint), and the table's
	// paragraphs whose text must be read to decide.
	recurs := make([]bool, len(items))
	found := make([]itemCandidates, len(items))
	ix.line.table.mu.RLock()
	skip := map[int32]bool{} // the table's entries of the documents in adding
	for id := range adding {
		if d, ok := ix.line.table.docOf[id]; ok {
			skip[d] = true
		}
	}
	err := parallel(len(items), "lineage: look up paragraphs", func(i int) error {
		recurs[i], found[i] = ix.candidatesOf(i, items, local, skip, later)
		return nil
	})
	ix.line.table.mu.RUnlock()
	if err != nil {
		return nil, nil, err
	}
	// Then the table's paragraphs to read, each once, with the items to
	// compare it with, in waves: every candidate of a later document in
	// the first (each may gain a flag), and of those of earlier documents,
	// the most alike by signature first, a few more in each wave, for the
	// items whose flag is still "no" (one earlier recurrence decides it:
	// a paragraph recurring in hundreds of documents is mostly settled by
	// its first candidate instead of hundreds of comparisons).
	var touched []string
	earlier, ofLater := make([][]candidate, len(items)), make([][]candidate, len(items))
	for i := range items {
		touched = append(touched, found[i].touched...)
		for _, c := range found[i].read {
			if c.earlier {
				earlier[i] = append(earlier[i], c)
			} else {
				ofLater[i] = append(ofLater[i], c)
			}
		}
		slices.SortStableFunc(earlier[i], func(a, b candidate) int { return cmp.Compare(b.matches, a.matches) })
	}
	next := make([]int, len(items)) // earlier[i][:next[i]] are compared
	for wave := 0; ; wave++ {
		need := map[uint32]*tableRead{}
		add := func(c candidate, i int) {
			r := need[c.ref]
			if r == nil {
				r = &tableRead{candidate: c}
				need[c.ref] = r
			}
			r.items = append(r.items, i)
		}
		for i := range items {
			if wave == 0 {
				for _, c := range ofLater[i] {
					add(c, i)
				}
			}
			if recurs[i] {
				continue
			}
			n := len(earlier[i]) // the last wave takes every one left
			if wave < len(waveSizes) {
				n = min(n, next[i]+waveSizes[wave])
			}
			for ; next[i] < n; next[i]++ {
				add(earlier[i][next[i]], i)
			}
		}
		if len(need) == 0 {
			break
		}
		tch, err := ix.compareReads(ctx, items, need, recurs)
		if err != nil {
			return nil, nil, err
		}
		touched = append(touched, tch...)
	}
	slices.Sort(touched)
	return recurs, slices.Compact(touched), nil
}

// waveSizes is how many more candidates of earlier documents each wave of
// findRecurrences compares for an item still "no"; after the last, all.
var waveSizes = []int{1, 4}

// compareReads reads the word pairs of the table's paragraphs in need
// (from the cache, the pair file or, failing both, the index) and compares
// each with its items: an item that recurs in an earlier one gets its
// recurs set; the IDs of later ones an item recurs in are returned.
func (ix *Index) compareReads(ctx context.Context, items []*lineItem, need map[uint32]*tableRead, recurs []bool) ([]string, error) {
	reads := make([]*tableRead, 0, len(need))
	for _, r := range need {
		reads = append(reads, r)
	}
	slices.SortFunc(reads, func(a, b *tableRead) int { return cmp.Compare(a.ref, b.ref) })
	var mu sync.Mutex
	var touched []string
	const chunk = 500
	err := parallel((len(reads)+chunk-1)/chunk, "lineage: compare paragraphs", func(c int) error {
		part := reads[c*chunk : min((c+1)*chunk, len(reads))]
		pairs := make([]wordPairs, len(part))
		var missing []string
		for i, r := range part {
			var ok bool
			if pairs[i], ok = ix.line.pairs.get(r.ref); ok {
				continue
			}
			if ix.line.file.holds(r.pairsAt) {
				p, err := ix.line.file.read(r.pairsAt)
				if err != nil {
					return err
				}
				pairs[i] = wordPairs{pairs: p, fp: r.fp}
				ix.line.pairs.put(r.ref, pairs[i])
				continue
			}
			missing = append(missing, ParagraphID(r.doc, r.ordinal))
		}
		texts, err := ix.loadTexts(ctx, missing)
		if err != nil {
			return err
		}
		var rec []int
		var tch []string
		for i, r := range part {
			if pairs[i].pairs == nil {
				text, ok := texts[ParagraphID(r.doc, r.ordinal)]
				if !ok {
					continue
				}
				var sh []uint64
				sh, pairs[i].fp = lineage.WordPairs(text)
				pairs[i].pairs = narrowPairs(sh)
				ix.line.pairs.put(r.ref, pairs[i])
			}
			other := r.item(pairs[i])
			for _, k := range r.items {
				it := items[k]
				if _, ok := compare(it, &other); !ok {
					continue
				}
				if other.adopted.before(it.adopted) {
					rec = append(rec, k)
				} else if it.adopted.before(other.adopted) {
					tch = append(tch, ParagraphID(r.doc, r.ordinal))
				}
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for _, i := range rec {
			recurs[i] = true
		}
		touched = append(touched, tch...)
		return nil
	})
	return touched, err
}

// itemCandidates is what candidatesOf found for an item: the IDs of the
// later paragraphs of the index it recurs in (by fingerprint) and the
// paragraphs of the table to read.
type itemCandidates struct {
	touched []string
	read    []candidate
}

// candidate is a paragraph of the table whose word pairs must be
// compared to decide whether an item recurs in it.
type candidate struct {
	ref     uint32 // in the table
	doc     string
	adopted days
	ordinal int
	sig     lineage.Signature
	fp      uint64
	pairsAt pairsAt
	earlier bool // its document was adopted before the item's
	matches int  // values of its signature equal to the item's
}

// item returns the candidate as a lineItem with the given word pairs.
func (c *candidate) item(wp wordPairs) lineItem {
	return lineItem{doc: c.doc, adopted: c.adopted, ordinal: c.ordinal, pairs: wp.pairs, fp: wp.fp, sig: c.sig}
}

// tableRead is a candidate and the items to compare it with (their
// positions in findRecurrences' items).
type tableRead struct {
	candidate
	items []int
}

// candidatesOf compares items[i] with the other items that share a key
// with it (by local, which may be empty) and with the paragraphs of the
// table whose fingerprint is its own, leaving out those of the table's
// documents in skip; it returns whether it recurs in an earlier one and
// the other candidates of the table that could change a flag (of later
// documents only with later). At most maxCandidates others of each are
// looked at: a formula that recurs in every document costs no more than
// one in a thousand (its flag is then decided by the first thousand). The
// caller holds the table's read lock.
func (ix *Index) candidatesOf(i int, items []*lineItem, local keyIndex, skip map[int32]bool, later bool) (bool, itemCandidates) {
	it := items[i]
	var out itemCandidates
	recurs := false
	if !it.adopted.known {
		return false, out // an undated paragraph neither follows nor precedes one
	}
	sc := scratchPool.Get().(*lookupScratch)
	defer sc.put()
	t := &ix.line.table
	sc.begin(len(t.paras))
	own := int32(-1) // the item's own document in the table, if there
	if d, ok := t.docOf[it.doc]; ok {
		own = d
	}
	// Once the item is known to recur, only later paragraphs can change
	// a flag: when the table has none, the look-up is over.
	done := func() bool { return recurs && (!later || t.noneLater(it.adopted)) }
	for _, k := range it.keys {
		if done() {
			break
		}
		for _, e := range local.find(k) {
			j := uint32(e)
			if _, ok := sc.seen[j]; ok || int(j) == i || len(sc.seen) >= maxCandidates {
				continue
			}
			sc.seen[j] = struct{}{}
			o := items[j]
			// Another item of this call can only be an earlier
			// appearance of it (the other's own flag is its own
			// business).
			if !recurs && o.adopted.before(it.adopted) {
				if _, ok := compare(it, o); ok {
					recurs = true
				}
			}
		}
		t.lookup(k, func(ref uint32) bool {
			if sc.refs >= maxCandidates || done() {
				return false
			}
			if !sc.firstSight(ref) {
				return true
			}
			p := &t.paras[ref]
			if p.doc == own || skip[p.doc] {
				return true
			}
			td := &t.docs[p.doc]
			// A later paragraph already flagged "yes" stays so.
			earlier, after := td.days.before(it.adopted), later && !p.recurs && it.adopted.before(td.days)
			if !after && (!earlier || recurs) {
				return true // no flag can change
			}
			if p.fp == it.fp {
				if earlier {
					recurs = true
				} else {
					out.touched = append(out.touched, ParagraphID(td.id, int(p.ordinal)))
				}
				return true
			}
			if n := p.pairs.count(); n > 0 && lineage.MaxJaccard(len(it.pairs), n) < lineage.Threshold {
				return true // too many more or fewer word pairs to be similar enough
			}
			m := lineage.Matches(it.sig, p.sig)
			if !lineage.PlausibleMatches(m) {
				return true // not similar enough to be worth reading
			}
			out.read = append(out.read, candidate{ref: ref, doc: td.id, adopted: td.days, ordinal: int(p.ordinal), sig: p.sig, fp: p.fp, pairsAt: p.pairs, earlier: earlier, matches: m})
			return true
		})
	}
	return recurs, out
}

// lookupScratch is the sets candidatesOf keeps of what it has seen,
// reused from item to item (making two maps an item had been a tenth of
// lineage's cost).
type lookupScratch struct {
	seen map[uint32]struct{} // positions in items
	// The table's paragraphs seen for the current item are those whose
	// stamp is gen, refs of them (an array indexed by reference: a map
	// of them had cost a hash and an insertion for each of up to
	// maxCandidates paragraphs an item).
	stamp []uint32
	gen   uint32
	refs  int
}

var scratchPool = sync.Pool{New: func() any {
	return &lookupScratch{seen: map[uint32]struct{}{}}
}}

// begin starts the look-up of an item in a table of n paragraphs.
func (sc *lookupScratch) begin(n int) {
	if len(sc.stamp) < n {
		sc.stamp = make([]uint32, n+n/4) // room to grow with the table
		sc.gen = 0
	}
	sc.gen++
	if sc.gen == 0 { // wrapped around: stamps of old items would match
		clear(sc.stamp)
		sc.gen = 1
	}
	sc.refs = 0
}

// firstSight reports whether the item has not seen ref before, and marks
// it seen.
func (sc *lookupScratch) firstSight(ref uint32) bool {
	if sc.stamp[ref] == sc.gen {
		return false
	}
	sc.stamp[ref] = sc.gen
	sc.refs++
	return true
}

// put empties sc and returns it to the pool.
func (sc *lookupScratch) put() {
	clear(sc.seen)
	scratchPool.Put(sc)
}

// parallel calls f(0), …, f(n-1) on as many goroutines as there are
// cores and returns the first error they returned; a panic of f is
// recovered into a *PanicError naming what.
func parallel(n int, what string, f func(i int) error) error {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs <- func() (err error) {
					defer recoverInto(&err, "%s", what)
					return f(i)
				}()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// linkedLater returns the IDs of the paragraphs of other documents that
// the paragraphs of doc, which is about to be replaced or deleted, recur
// in and that were adopted after it: their flag may depend on doc.
func (ix *Index) linkedLater(ctx context.Context, doc *corpus.Document) ([]string, error) {
	var ids []string
	items := make([]lineItem, len(doc.Paragraphs))
	for i := range doc.Paragraphs {
		items[i] = newLineItem(doc, &doc.Paragraphs[i])
	}
	cands, err := ix.tableCandidates(ctx, items, map[string]bool{doc.ID: true})
	if err != nil {
		return nil, err
	}
	for _, c := range cands {
		if !daysOf(doc.Adopted).before(c.item.adopted) {
			continue
		}
		for i := range items {
			if sharesKey(items[i].keys, c.item.keys) {
				if _, ok := compare(&items[i], &c.item); ok {
					ids = append(ids, ParagraphID(c.item.doc, c.item.ordinal))
					break
				}
			}
		}
	}
	return ids, nil
}

// gainedRecords returns, by shard, the records of the paragraphs with the
// given IDs, which now recur in an earlier paragraph (one being added),
// flagged "recurs:yes"; those already flagged so are left out.
func (ix *Index) gainedRecords(ctx context.Context, ids []string) (map[bleve.Index][]*document.Document, error) {
	yes, err := ix.flagged(ctx, ids)
	if err != nil {
		return nil, err
	}
	ids = slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return yes[id] })
	got, err := ix.loadParagraphs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[bleve.Index][]*document.Document{}
	for _, id := range ids {
		if s := got[id]; s != nil {
			sh := ix.shardOf(s.item.doc)
			out[sh] = append(out[sh], s.record(id, true))
		}
	}
	return out, nil
}

// record returns the paragraph's record with the given flag.
func (s *stored) record(id string, recurs bool) *document.Document {
	doc := *s.doc
	i := 1
	if s.meta {
		i = 0
	}
	doc.Paragraphs = make([]corpus.Paragraph, 2)
	doc.Paragraphs[i] = *s.para
	return record(id, &doc, i, s.para.Section, paraLineage{recurs: recurs})
}

// relink works out again the flags of the paragraphs with the given IDs,
// which recurred in a paragraph that is gone (of a replaced or deleted
// document), from what the index now holds, and writes again the records
// whose flag changed.
func (ix *Index) relink(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	yes, err := ix.flagged(ctx, ids)
	if err != nil {
		return err
	}
	got, err := ix.loadParagraphs(ctx, ids)
	if err != nil {
		return err
	}
	var items []*lineItem
	var itemIDs []string
	for _, id := range ids {
		if s := got[id]; s != nil {
			if s.sketch(); s.item.keys != nil || yes[id] { // without keys, never "yes"
				items = append(items, &s.item)
				itemIDs = append(itemIDs, id)
			}
		}
	}
	recurs, _, err := ix.findRecurrences(ctx, items, nil, nil, false)
	if err != nil {
		return err
	}
	byShard := map[bleve.Index]*bleve.Batch{}
	for i, id := range itemIDs {
		if recurs[i] == yes[id] {
			continue
		}
		s := got[id]
		sh := ix.shardOf(s.item.doc)
		if byShard[sh] == nil {
			byShard[sh] = sh.NewBatch()
		}
		if err := byShard[sh].IndexAdvanced(s.record(id, recurs[i])); err != nil {
			return fmt.Errorf("lineage: %w", err)
		}
	}
	for sh, b := range byShard {
		if err := sh.Batch(b); err != nil {
			return fmt.Errorf("lineage: %w", err)
		}
	}
	ix.line.table.mu.Lock()
	defer ix.line.table.mu.Unlock()
	for i, id := range itemIDs {
		ix.line.table.mark(id, recurs[i])
	}
	return nil
}

// flagged returns the IDs among ids of the paragraphs whose flag is
// "recurs:yes".
func (ix *Index) flagged(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for chunk := range slices.Chunk(ids, idChunk) {
		q := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(chunk), FilterQuery(FieldRecurs, recursTerm(true)).q})
		res, err := ix.alias.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, len(chunk), 0, false))
		if err != nil {
			return nil, fmt.Errorf("lineage: %w", err)
		}
		for _, h := range res.Hits {
			out[h.ID] = true
		}
	}
	return out, nil
}

// recursTerm is the facet value of a paragraph's flag.
func recursTerm(recurs bool) string {
	if recurs {
		return "yes"
	}
	return "no"
}

// ResidentBytes returns about how many bytes of the heap the index keeps
// for as long as it is open, growing with it: the lineage table and the
// cache of word pairs (both empty with lineage off). A process that sets
// a soft memory limit for its garbage (relatoria ingest) adds this to it.
func (ix *Index) ResidentBytes() int64 {
	t := &ix.line.table
	t.mu.RLock()
	n := int64(cap(t.paras))*int64(unsafe.Sizeof(tablePara{})) + int64(cap(t.docs))*int64(unsafe.Sizeof(tableDoc{}))
	for _, r := range t.runs {
		n += int64(cap(r.keys)+cap(r.refs)+cap(r.dir)) * 4
	}
	n += int64(len(t.docOf)) * 48 // a map entry: a string header, an int32, the map's own share
	t.mu.RUnlock()
	c := &ix.line.pairs
	c.mu.Lock()
	n += int64(len(c.cur)+len(c.prev))*int64(unsafe.Sizeof(wordPairs{})+8) + int64(c.size+c.prevSize)*4
	c.mu.Unlock()
	return n
}
