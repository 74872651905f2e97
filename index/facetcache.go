package index

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// facetCache holds, for every segment of every shard, the facet values
// and sort key of each paragraph, read once from the segment's doc values.
// Segments never change, so what is read stays right for as long as the
// segment lives. With it, counting a hit's facets is a walk over a few
// integers, and its sort key a substring: reading the doc values of every
// hit and looking each value up in a map was half the time of a query
// with many hits (290,000 at a million paragraphs). It costs about 64
// bytes a paragraph, and numbers documents (for DocumentBoost).
type facetCache struct {
	mu     sync.Mutex
	values map[string]uint32 // facet value ("kind:operative") → its number
	names  []string          // number → facet value
	// facetOf gives, by number, the index in Facets of the value's facet
	// (-1 for none), so that counts are grouped without parsing names.
	facetOf []int8
	// docs numbers document IDs, so that a hit's document is an integer
	// (see DocumentBoost).
	docs   map[string]uint32
	shards []map[segment.Segment]*segmentFacets
	// lastUsed is how many values the segments used at the last check
	// (see renumberIfSparse), lastDocsUsed how many document numbers.
	lastUsed     int
	lastDocsUsed int
}

// segmentFacets are the facet values and sort keys of one segment's
// paragraphs, by local document number n.
type segmentFacets struct {
	start    []uint32 // the values of n are ids[start[n]:start[n+1]]
	ids      []uint32 // facet value numbers
	keys     string   // all sort keys, one after another
	keyStart []uint32 // the sort key of n is keys[keyStart[n]:keyStart[n+1]]
	doc      []uint32 // the number of n's document (noDocument if unknown)
}

// noDocument is the document number of a record without a paragraph ID.
const noDocument = ^uint32(0)

func newFacetCache(shards int) *facetCache {
	c := &facetCache{values: map[string]uint32{}, docs: map[string]uint32{}}
	for range shards {
		c.shards = append(c.shards, map[segment.Segment]*segmentFacets{})
	}
	return c
}

// snapshotFacets finds the facets of the paragraphs of one index snapshot
// (one shard's reader) by their global document numbers.
type snapshotFacets struct {
	offsets  []uint64 // first global document number of each segment
	segments []*segmentFacets
	values   int // facet values numbered when it was made
	names    []string
	facetOf  []int8
	docs     int // documents numbered when it was made
	last     int // the segment of the last document located
}

// forSnapshot returns the facets of snap, a snapshot of shard (see
// forSnapshots).
func (c *facetCache) forSnapshot(shard int, snap *scorch.IndexSnapshot) (*snapshotFacets, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.update(shard, snap); err != nil {
		return nil, err
	}
	return c.view(shard, snap), nil
}

// forSnapshots returns the facets of snaps, one snapshot of each shard, all
// with one numbering of facet values, so that their counts add up number
// by number: it reads the doc values of the segments not read yet, forgets
// the segments that the snapshots no longer have (merged away), and
// renumbers the values when most numbers are no longer used.
func (c *facetCache) forSnapshots(snaps []*scorch.IndexSnapshot) ([]*snapshotFacets, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, snap := range snaps {
		if err := c.update(i, snap); err != nil {
			return nil, err
		}
	}
	c.renumberIfSparse()
	c.renumberDocsIfSparse()
	out := make([]*snapshotFacets, len(snaps))
	for i, snap := range snaps {
		out[i] = c.view(i, snap)
	}
	return out, nil
}

// update makes the known segments of shard those of snap, reading the ones
// not read yet.
func (c *facetCache) update(shard int, snap *scorch.IndexSnapshot) error {
	known := c.shards[shard]
	live := make(map[segment.Segment]*segmentFacets, len(known))
	for _, ss := range snap.Segments() {
		seg := ss.Segment()
		f := known[seg]
		if f == nil {
			var err error
			if f, err = c.read(seg); err != nil {
				return err
			}
		}
		live[seg] = f
	}
	c.shards[shard] = live
	return nil
}

// view returns the facets of snap from the known segments of shard.
func (c *facetCache) view(shard int, snap *scorch.IndexSnapshot) *snapshotFacets {
	sf := &snapshotFacets{}
	var next uint64
	for _, ss := range snap.Segments() {
		sf.offsets = append(sf.offsets, next)
		sf.segments = append(sf.segments, c.shards[shard][ss.Segment()])
		next += ss.Segment().Count()
	}
	sf.values, sf.names, sf.facetOf = len(c.names), c.names, c.facetOf
	sf.docs = len(c.docs)
	return sf
}

// renumberAbove is the number of facet values under which the cache never
// renumbers them.
var renumberAbove = 4096

// renumberIfSparse numbers again the facet values that the known segments
// use, when fewer than half of the numbers are (values of deleted and
// replaced paragraphs keep theirs until then), so that a long-running
// server's dictionary and count arrays do not grow without end. It checks
// when the dictionary has doubled since the last check. Segments are
// given new id arrays (replaceSegments).
func (c *facetCache) renumberIfSparse() {
	if len(c.names) <= renumberAbove || len(c.names) < 2*c.lastUsed {
		return
	}
	used := make([]bool, len(c.names))
	for _, segs := range c.shards {
		for _, f := range segs {
			for _, id := range f.ids {
				used[id] = true
			}
		}
	}
	n := 0
	for _, u := range used {
		if u {
			n++
		}
	}
	c.lastUsed = n
	if n > len(c.names)/2 {
		return
	}
	renumbered := make([]uint32, len(c.names))
	values := make(map[string]uint32, n)
	names := make([]string, 0, n)
	facetOf := make([]int8, 0, n)
	for id, u := range used {
		if u {
			renumbered[id] = uint32(len(names))
			values[c.names[id]] = uint32(len(names))
			names = append(names, c.names[id])
			facetOf = append(facetOf, c.facetOf[id])
		}
	}
	c.replaceSegments(func(g *segmentFacets) {
		ids := make([]uint32, len(g.ids))
		for i, id := range g.ids {
			ids[i] = renumbered[id]
		}
		g.ids = ids
	})
	c.values, c.names, c.facetOf = values, names, facetOf
}

// replaceSegments gives every known segment a copy of its facets that
// change has changed: a renumbering never changes facets in place, so that
// snapshotFacets made before keep the numbering they were made with.
func (c *facetCache) replaceSegments(change func(*segmentFacets)) {
	for _, segs := range c.shards {
		for seg, f := range segs {
			g := *f
			change(&g)
			segs[seg] = &g
		}
	}
}

// renumberDocsIfSparse does for document numbers what renumberIfSparse
// does for facet values: when fewer than half of the numbered documents
// are in the known segments (the others deleted or replaced under a new
// ID), the documents still there are numbered again, so that the
// dictionary, and the per-query score arrays it sizes, do not grow without
// end in a long-running server.
func (c *facetCache) renumberDocsIfSparse() {
	if len(c.docs) <= renumberAbove || len(c.docs) < 2*c.lastDocsUsed {
		return
	}
	used := make([]bool, len(c.docs))
	n := 0
	for _, segs := range c.shards {
		for _, f := range segs {
			for _, d := range f.doc {
				if d != noDocument && !used[d] {
					used[d] = true
					n++
				}
			}
		}
	}
	c.lastDocsUsed = n
	if n > len(c.docs)/2 {
		return
	}
	renumbered := make([]uint32, len(c.docs))
	docs := make(map[string]uint32, n)
	for id, d := range c.docs {
		if used[d] {
			renumbered[d] = uint32(len(docs))
			docs[id] = uint32(len(docs))
		}
	}
	c.replaceSegments(func(g *segmentFacets) {
		doc := make([]uint32, len(g.doc))
		for i, d := range g.doc {
			doc[i] = d
			if d != noDocument {
				doc[i] = renumbered[d]
			}
		}
		g.doc = doc
	})
	c.docs = docs
}

// read reads the facet values and sort keys of every document of seg.
func (c *facetCache) read(seg segment.Segment) (*segmentFacets, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("segment %T has no doc values", seg)
	}
	n := seg.Count()
	f := &segmentFacets{start: make([]uint32, n+1), keyStart: make([]uint32, n+1), doc: make([]uint32, n)}
	var keys []byte
	fields := []string{FieldFacet}
	var state segment.DocVisitState
	var err error
	for doc := range n {
		f.start[doc] = uint32(len(f.ids))
		f.keyStart[doc] = uint32(len(keys))
		state, err = dv.VisitDocValues(doc, fields, func(_ string, term []byte) {
			if len(term) > 0 && term[0] == SortKeyPrefix[0] {
				keys = append(keys, term...)
				return
			}
			id, ok := c.values[string(term)]
			if !ok {
				id = uint32(len(c.names))
				c.names = append(c.names, string(term))
				c.facetOf = append(c.facetOf, facetIndex(string(term)))
				c.values[string(term)] = id
			}
			f.ids = append(f.ids, id)
		}, state)
		if err != nil {
			return nil, fmt.Errorf("read facets: %w", err)
		}
		f.doc[doc] = noDocument
		if key := keys[f.keyStart[doc]:]; len(key) > 0 {
			if id, _, ok := SplitParagraphID(string(key[len(SortKeyPrefix):])); ok {
				num, known := c.docs[id]
				if !known {
					num = uint32(len(c.docs))
					c.docs[id] = num
				}
				f.doc[doc] = num
			}
		}
	}
	f.start[n] = uint32(len(f.ids))
	f.keyStart[n] = uint32(len(keys))
	f.keys = string(keys)
	return f, nil
}

// facetIndex returns the index in Facets of the facet of value (a term of
// FieldFacet, "kind:operative"), or -1.
func facetIndex(value string) int8 {
	name, _, ok := strings.Cut(value, ":")
	if !ok {
		return -1
	}
	return int8(slices.Index(Facets, name))
}

// locate returns the segment facets and local number of global document
// number doc.
// Hits come in document order, so the segment of the last one is tried
// first (a snapshotFacets serves one search of one shard, in one
// goroutine).
func (sf *snapshotFacets) locate(doc uint64) (*segmentFacets, uint64) {
	i, n := sf.locateIndex(doc)
	if i < 0 {
		return nil, 0
	}
	return sf.segments[i], n
}

// locateIndex returns the index in the snapshot of the segment of global
// document number doc (-1 if none) and its local number there.
func (sf *snapshotFacets) locateIndex(doc uint64) (int, uint64) {
	i := sf.last
	if i >= len(sf.offsets) || doc < sf.offsets[i] || i+1 < len(sf.offsets) && doc >= sf.offsets[i+1] {
		i = sort.Search(len(sf.offsets), func(i int) bool { return sf.offsets[i] > doc }) - 1
		if i < 0 {
			return -1, 0
		}
		sf.last = i
	}
	return i, doc - sf.offsets[i]
}

// count adds one to counts for each facet value of local document n.
func (f *segmentFacets) count(n uint64, counts []int) {
	if n+1 >= uint64(len(f.start)) {
		return
	}
	for _, id := range f.ids[f.start[n]:f.start[n+1]] {
		counts[id]++
	}
}

// sortKey returns the sort key of global document doc ("" when unknown).
func (sf *snapshotFacets) sortKey(doc uint64) string {
	f, n := sf.locate(doc)
	if f == nil || n+1 >= uint64(len(f.keyStart)) {
		return ""
	}
	return f.keys[f.keyStart[n]:f.keyStart[n+1]]
}

// docNumber returns the number of the document of global document doc
// (noDocument when unknown).
func (sf *snapshotFacets) docNumber(doc uint64) uint32 {
	f, n := sf.locate(doc)
	if f == nil || n >= uint64(len(f.doc)) {
		return noDocument
	}
	return f.doc[n]
}

// WarmFacets reads the facet cache of every shard's current segments, so
// that the first searches do not (at a million paragraphs the first
// search took 40 ms more). relatoria serve calls it when it starts.
func (ix *Index) WarmFacets() error {
	for i, b := range ix.shards {
		snap, err := openSnapshot(b)
		if err != nil {
			return err
		}
		_, err = ix.facets.forSnapshot(i, snap)
		snap.Close()
		if err != nil {
			return fmt.Errorf("warm facets: %w", err)
		}
	}
	return nil
}

// openSnapshot opens a reader of shard b, a scorch snapshot, which the
// caller closes.
func openSnapshot(b bleve.Index) (*scorch.IndexSnapshot, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("open index reader: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		r.Close()
		return nil, fmt.Errorf("index reader %T is not scorch's", r)
	}
	return snap, nil
}
