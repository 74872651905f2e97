package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Request asks every shard for one page of matching paragraphs.
type Request struct {
	Query Query
	Size  int // hits on the page
	From  int // hits passed over before the page (ignored with After)
	// Sort orders the hits; the zero Sort is RelevanceSort.
	Sort Sort
	// After, when set, holds the sort values of the last hit of the
	// previous page (its Hit.Sort): the page starts after it.
	After []string
	// Facets counts the FieldFacet values of all matching paragraphs.
	Facets bool
	// FacetSize bounds the values listed for each facet (the most
	// frequent); 0 lists them all.
	FacetSize int
	// DocumentBoost, when set, raises the score of the paragraphs of the
	// documents whose metadata record it matches.
	DocumentBoost *DocumentBoost
	// TermBoosts raise the score of the matching paragraphs that have
	// some terms.
	TermBoosts []TermBoost
}

// TermBoost raises the score of each matching paragraph that has all of
// Terms in Field: the score is multiplied by 1 + the sum of the Weights of
// the boosts the paragraph has. It is looked up in the postings of the
// terms, once a segment, rather than searched beside the query: an
// optional clause of exact forms had cost a sixth of the time of a query.
type TermBoost struct {
	Field  string
	Terms  []string
	Weight float64
}

// DocumentBoost raises the scores of all paragraphs of some documents: those
// with a record Query matches, each by Weight times the best score of such
// a record. It serves fields held once a document, on its metadata record
// (see FieldMeta), such as FieldTitle: a clause beside the paragraph query
// would need them on every paragraph, which cost 2% of the time of
// indexing.
type DocumentBoost struct {
	Query  Query
	Weight float64
}

// Page is one page of hits merged from all shards.
type Page struct {
	Total uint64
	// Hits are the paragraphs of the page, decoded, in the request's order.
	Hits []Hit
	// Facets lists, for each of Facets (FieldKind, …), its values and
	// how many matching paragraphs have each, over all shards (exact:
	// each shard counts every value, not only its top ones), most
	// frequent first and equal counts in the order of their values.
	Facets map[string][]FacetCount
}

// FacetCount is a value of a facet and the number of matching paragraphs
// that have it.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Sort is an order of hits: RelevanceSort, SectionRelevanceSort or
// FieldSort.
type Sort struct{ order bsearch.SortOrder }

// RelevanceSort orders hits by score, and equal scores by paragraph ID
// (read from the sort key in FieldFacet, see SortKeyPrefix), so that pages
// and cursors are stable.
func RelevanceSort() Sort {
	return Sort{bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &sortKeySort{}}}
}

// FieldSort orders hits by the values of fields with doc values (FieldDoc,
// FieldOrdinal, FieldAdopted), each ascending, or descending when its name
// is written after a "-".
func FieldSort(fields ...string) Sort { return Sort{bsearch.ParseSortOrderStrings(fields)} }

// Keys returns the number of sort values of each hit: the length of a
// Request.After.
func (s Sort) Keys() int { return len(s.order) }

// Scored reports whether the order reads the hits' scores.
func (s Sort) Scored() bool {
	return slices.ContainsFunc(s.order, func(k bsearch.SearchSort) bool { return k.RequiresScoring() })
}

// Search runs req on all shards in parallel, merges their hits and facet
// counts, and decodes the hits of the page. It is the one way to search
// the index. It does what bleve's index alias does for a search, with
// facets counted and sort keys read from the facet cache (facetcache.go)
// instead of from each hit's doc values, and every shard scored with the
// term statistics of all (globalStats). It returns an error for a Request
// without a Query (the zero Query matches nothing: it is not a query).
func (ix *Index) Search(ctx context.Context, req Request) (*Page, error) {
	if req.Query.q == nil || req.DocumentBoost != nil && req.DocumentBoost.Query.q == nil {
		return nil, errors.New("search: no query (make one with Term, Match, And, …)")
	}
	if req.Sort.order == nil {
		req.Sort = RelevanceSort()
	}
	// One snapshot of every shard, open until the search ends: each
	// shard's scores are computed with the term statistics of all.
	snaps := make([]*scorch.IndexSnapshot, len(ix.shards))
	defer func() {
		for _, r := range snaps {
			if r != nil {
				r.Close()
			}
		}
	}()
	var docs uint64
	for i, b := range ix.shards {
		r, err := openSnapshot(b)
		if err != nil {
			return nil, err
		}
		snaps[i] = r
		n, err := r.DocCount()
		if err != nil {
			return nil, err
		}
		docs += n
	}
	facets, err := ix.facets.forSnapshots(snaps)
	if err != nil {
		return nil, err
	}
	pages := make([]shardPage, len(ix.shards))
	var wg sync.WaitGroup
	for i := range ix.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recoverInto(&pages[i].err, "search shard %d", i)
			others := slices.Delete(slices.Clone(snaps), i, i+1)
			pages[i] = ix.searchShard(ctx, i, &globalStats{IndexSnapshot: snaps[i], docs: docs, others: others}, facets[i], req)
		}()
	}
	wg.Wait()
	page := &Page{}
	var all bsearch.DocumentMatchCollection
	shardOf := map[*bsearch.DocumentMatch]int{}
	for i, p := range pages {
		if p.err != nil {
			return nil, tooManyTerms(p.err)
		}
		page.Total += p.total
		all = append(all, p.hits...)
		for _, h := range p.hits {
			shardOf[h] = i
		}
	}
	order := req.Sort.order
	cachedScoring, cachedDesc := order.CacheIsScore(), order.CacheDescending()
	sort.SliceStable(all, func(i, j int) bool {
		return order.Compare(cachedScoring, cachedDesc, all[i], all[j]) < 0
	})
	if req.After == nil {
		all = all[min(req.From, len(all)):]
	}
	hits := all[:min(req.Size, len(all))]
	if req.From > 0 {
		if err := loadHitFields(hits, shardOf, snaps); err != nil {
			return nil, err
		}
	}
	if page.Hits, err = ix.decodeHits(ctx, hits); err != nil {
		return nil, err
	}
	if req.Facets {
		// The shards number facet values alike (one dictionary): their
		// counts add up number by number.
		var sum []int
		var dict *snapshotFacets
		for _, p := range pages {
			if len(p.counts) > len(sum) {
				sum = append(sum, make([]int, len(p.counts)-len(sum))...)
				dict = p.facets
			}
			for id, n := range p.counts {
				sum[id] += n
			}
		}
		page.Facets = topFacetCounts(sum, dict, req.FacetSize)
	}
	return page, nil
}

// topFacetCounts returns, for each of Facets, the size most frequent values
// (all when size is 0) among counts, which are by facet value number of
// dict, most frequent first and equal counts in the order of their values.
func topFacetCounts(counts []int, dict *snapshotFacets, size int) map[string][]FacetCount {
	out := make(map[string][]FacetCount, len(Facets))
	top := make([][]FacetCount, len(Facets))
	before := func(a, b FacetCount) bool {
		return a.Count > b.Count || a.Count == b.Count && a.Value < b.Value
	}
	for id, n := range counts {
		if n == 0 {
			continue
		}
		f := dict.facetOf[id]
		if f < 0 {
			continue
		}
		c := FacetCount{Value: dict.names[id][len(Facets[f])+1:], Count: n}
		if size == 0 {
			top[f] = append(top[f], c) // sorted below
			continue
		}
		t := top[f]
		if len(t) == size {
			if !before(c, t[size-1]) {
				continue
			}
			t = t[:size-1]
		}
		// Insert c in order: most lists are short, and a value that
		// does not make the list was turned away above.
		at := sort.Search(len(t), func(i int) bool { return before(c, t[i]) })
		t = slices.Insert(t, at, c)
		top[f] = t
	}
	for f, name := range Facets {
		if size == 0 {
			slices.SortFunc(top[f], func(a, b FacetCount) int {
				if before(a, b) {
					return -1
				}
				if before(b, a) {
					return 1
				}
				return 0
			})
		}
		out[name] = top[f]
	}
	return out
}

// shardPage is what one shard found for Search.
type shardPage struct {
	hits   bsearch.DocumentMatchCollection
	total  uint64
	counts []int           // by facet value number of facets
	facets *snapshotFacets // the dictionary of the numbers
	err    error
}

// searchShard collects the top hits of one shard (the first From+Size, or
// Size after After), with their stored fields, and its facet counts (by
// facet value number, names giving the values).
func (ix *Index) searchShard(ctx context.Context, shard int, g *globalStats, facets *snapshotFacets, req Request) shardPage {
	b := ix.shards[shard]
	r := g.IndexSnapshot
	searcher, err := req.Query.q.Searcher(ctx, g, b.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return shardPage{err: err}
	}
	defer searcher.Close()
	sortOrder := req.Sort.order.Copy()
	for _, s := range sortOrder {
		switch k := s.(type) {
		case *sortKeySort:
			k.facets = facets
		case *ownWordsSort:
			if err := k.bind(r, facets); err != nil {
				return shardPage{err: err}
			}
		case *bareSort:
			if err := k.bind(r, facets); err != nil {
				return shardPage{err: err}
			}
		}
	}
	page := shardPage{facets: facets}
	var coll *collector.TopNCollector
	if req.After != nil {
		coll = collector.NewTopNCollectorAfter(req.Size, sortOrder, req.After)
	} else {
		coll = collector.NewTopNCollector(req.From+req.Size, 0, sortOrder)
	}
	var boosts []float64 // by document number
	if req.DocumentBoost != nil {
		if boosts, err = documentScores(ctx, g, b, facets, req.DocumentBoost.Query.q); err != nil {
			return shardPage{err: err}
		}
	}
	terms, err := termBoosts(r, req.TermBoosts)
	if err != nil {
		return shardPage{err: err}
	}
	if req.Facets || len(boosts) > 0 || terms != nil {
		// Every match passes through the collector's handler: count its
		// facets and raise its score there, before the handler keeps or
		// drops it.
		var counts []int
		if req.Facets {
			counts = make([]int, facets.values)
			page.counts = counts
		}
		weight := 0.0
		if req.DocumentBoost != nil {
			weight = req.DocumentBoost.Weight
		}
		ctx = context.WithValue(ctx, bsearch.MakeDocumentMatchHandlerKey, bsearch.MakeDocumentMatchHandler(
			func(sctx *bsearch.SearchContext) (bsearch.DocumentMatchHandler, bool, error) {
				keep, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
				if err != nil {
					return nil, false, err
				}
				return func(d *bsearch.DocumentMatch) error {
					if d == nil {
						return keep(d)
					}
					// The hit's segment is found once for all three.
					i, n := facets.locateIndex(d.IndexInternalID.Value())
					if i < 0 {
						return keep(d)
					}
					f := facets.segments[i]
					if counts != nil {
						f.count(n, counts)
					}
					if len(boosts) > 0 && n < uint64(len(f.doc)) {
						if m := f.doc[n]; m < uint32(len(boosts)) {
							d.Score += weight * boosts[m]
						}
					}
					if terms != nil {
						d.Score *= terms.factorAt(i, n)
					}
					return keep(d)
				}, loadID, nil
			}))
	}
	if err := coll.Collect(ctx, searcher, r); err != nil {
		return shardPage{err: err}
	}
	page.hits, page.total = coll.Results(), coll.Total()
	if req.From == 0 {
		// A first page, or a page after a cursor: each shard has at most
		// a page of hits, loaded here, in the shard's goroutine (loading
		// them after the merge, in Search, made such queries up to 6%
		// slower).
		for _, h := range page.hits {
			if err := loadStoredFields(r, h); err != nil {
				return shardPage{err: err}
			}
		}
	}
	return page
}

// loadStoredFields sets the Fields of hit h to its stored hitFields, read
// from snapshot r, which found it, by the hit's document number. bleve's
// LoadAndHighlightFields, which this replaces, looked the hit up again by
// its ID and copied all its stored fields into a document first: a tenth of
// a query with few hits.
func loadStoredFields(r *scorch.IndexSnapshot, h *bsearch.DocumentMatch) error {
	if h.IndexInternalID == nil {
		return fmt.Errorf("load hit %s: no document number", h.ID)
	}
	num := h.IndexInternalID.Value()
	for _, ss := range r.Segments() {
		n := ss.Segment().Count() // scorch numbers segments' documents one after another
		if num >= n {
			num -= n
			continue
		}
		if h.Fields == nil {
			h.Fields = make(map[string]any, len(hitFields))
		}
		err := ss.VisitDocument(num, func(field string, _ byte, value []byte, _ []uint64) bool {
			if slices.Contains(hitFields, field) {
				h.Fields[field] = string(value)
			}
			return true
		})
		if err != nil {
			return fmt.Errorf("load hit %s: %w", h.ID, err)
		}
		return nil
	}
	return fmt.Errorf("load hit %s: document number %d is past the index", h.ID, h.IndexInternalID.Value())
}

// loadHitFields reads the stored hitFields of the hits of a page that does
// not start at the first hit, each from the snapshot of its shard, the
// shards in parallel. They are read once the shards' hits are merged, for
// the hits of the page only: every shard collects the pages before it too,
// which the merge drops (hits 491 to 500 of "sociedad civil" on 100,000
// paragraphs took 4.2 ms when every shard loaded its 500, 1.4 ms now).
func loadHitFields(hits bsearch.DocumentMatchCollection, shardOf map[*bsearch.DocumentMatch]int, snaps []*scorch.IndexSnapshot) error {
	byShard := make([][]*bsearch.DocumentMatch, len(snaps))
	for _, h := range hits {
		byShard[shardOf[h]] = append(byShard[shardOf[h]], h)
	}
	errs := make([]error, len(snaps))
	var wg sync.WaitGroup
	for i, hs := range byShard {
		if len(hs) == 0 {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer recoverInto(&errs[i], "load the fields of shard %d", i)
			for _, h := range hs {
				if err := loadStoredFields(snaps[i], h); err != nil {
					errs[i] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// documentScores returns the best score of a record of each document that
// q matches in the snapshot r of shard b, by document number (0 for the
// others), or nil when q matches none.
func documentScores(ctx context.Context, r bindex.IndexReader, b bleve.Index, facets *snapshotFacets, q query.Query) ([]float64, error) {
	searcher, err := q.Searcher(ctx, r, b.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, err
	}
	defer searcher.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(searcher.DocumentMatchPoolSize(), 0)}
	var scores []float64
	for {
		d, err := searcher.Next(sctx)
		if err != nil {
			return nil, err
		}
		if d == nil {
			return scores, nil
		}
		if m := facets.docNumber(d.IndexInternalID.Value()); m != noDocument {
			if scores == nil {
				scores = make([]float64, facets.docs)
			}
			scores[m] = max(scores[m], d.Score)
		}
		sctx.DocumentMatchPool.Put(d)
	}
}

// segmentTermBoosts are, for each segment of a snapshot, the paragraphs
// that have the terms of each TermBoost.
type segmentTermBoosts struct {
	boosts []TermBoost
	have   [][][]uint64 // by segment, then by boost: a bit per document
}

// termBoosts reads, for each segment of r, the paragraphs that have all the
// terms of each boost (nil when there are no boosts).
func termBoosts(r *scorch.IndexSnapshot, boosts []TermBoost) (*segmentTermBoosts, error) {
	if len(boosts) == 0 {
		return nil, nil
	}
	tb := &segmentTermBoosts{boosts: boosts}
	for _, ss := range r.Segments() {
		var have [][]uint64
		for _, b := range boosts {
			d, err := ss.Segment().Dictionary(b.Field)
			if err != nil {
				return nil, fmt.Errorf("term boost: %w", err)
			}
			var all *roaring.Bitmap
			for _, t := range b.Terms {
				bm := roaring.New()
				if err := orPostings(d, []byte(t), bm); err != nil {
					return nil, fmt.Errorf("term boost %q: %w", t, err)
				}
				if all == nil {
					all = bm
				} else {
					all.And(bm)
				}
			}
			// As bits, not a bitmap: a hit's lookup in the bitmap
			// (a binary search) was a tenth of a query.
			var bits []uint64
			if all != nil {
				bits = all.ToDense()
			}
			have = append(have, bits)
		}
		tb.have = append(tb.have, have)
	}
	return tb, nil
}

// factorAt returns what the score of local document n of the snapshot's
// segment seg is multiplied by.
func (tb *segmentTermBoosts) factorAt(seg int, n uint64) float64 {
	if seg < 0 || seg >= len(tb.have) {
		return 1
	}
	f := 1.0
	for i, bits := range tb.have[seg] {
		if w := n / 64; w < uint64(len(bits)) && bits[w]&(1<<(n%64)) != 0 {
			f += tb.boosts[i].Weight
		}
	}
	return f
}

// globalStats is the reader of one shard's snapshot that gives the
// document counts of the whole index: the number of documents, and for
// each term the documents of every shard that have it. bleve scores a term
// by these (tf-idf), so that equal paragraphs score alike whatever their
// shard; with each shard's own counts, two paragraphs of the same text in
// two shards had scored differently and a shard's hits could outrank
// another's for nothing.
type globalStats struct {
	*scorch.IndexSnapshot
	docs   uint64                  // documents in all shards
	others []*scorch.IndexSnapshot // the other shards' snapshots
}

// DocCount returns the number of documents in all shards.
func (g *globalStats) DocCount() (uint64, error) { return g.docs, nil }

// TermFieldReader reads the postings of term in this shard, reporting as
// its Count the documents of all shards that have the term.
func (g *globalStats) TermFieldReader(ctx context.Context, term []byte, field string, includeFreq, includeNorm, includeTermVectors bool) (bindex.TermFieldReader, error) {
	r, err := g.IndexSnapshot.TermFieldReader(ctx, term, field, includeFreq, includeNorm, includeTermVectors)
	if err != nil || len(g.others) == 0 {
		return r, err
	}
	n := r.Count()
	for _, o := range g.others {
		c, err := docFrequency(o, field, term)
		if err != nil {
			r.Close()
			return nil, err
		}
		n += c
	}
	if sr, ok := r.(*scorch.IndexSnapshotTermFieldReader); ok {
		return &globalCount{IndexSnapshotTermFieldReader: sr, count: n}, nil
	}
	r.Close()
	return nil, fmt.Errorf("term field reader %T is not scorch's", r)
}

// docFrequency returns the number of live documents of snap with term in
// field: what a term field reader counts, read from each segment's
// dictionary without making one (which cost a tenth of a query).
func docFrequency(snap *scorch.IndexSnapshot, field string, term []byte) (uint64, error) {
	var n uint64
	for _, ss := range snap.Segments() {
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return 0, err
		}
		pl, err := dict.PostingsList(term, ss.Deleted(), nil)
		if err != nil {
			return 0, err
		}
		n += pl.Count()
	}
	return n, nil
}

// snapshot returns the shard's own snapshot.
func (g *globalStats) snapshot() *scorch.IndexSnapshot { return g.IndexSnapshot }

// globalCount is a term's postings in one shard with its count in all.
// It embeds scorch's reader itself, not the interface, so that reading
// postings costs no more than without it.
type globalCount struct {
	*scorch.IndexSnapshotTermFieldReader
	count uint64
}

// Count returns the documents of all shards that have the term.
func (c *globalCount) Count() uint64 { return c.count }

// snapshotOf returns the scorch snapshot that reader reads.
func snapshotOf(reader bindex.IndexReader) (*scorch.IndexSnapshot, bool) {
	switch r := reader.(type) {
	case *scorch.IndexSnapshot:
		return r, true
	case interface{ snapshot() *scorch.IndexSnapshot }:
		return r.snapshot(), true
	}
	return nil, false
}

// sortKeySort orders hits by the paragraph sort key ("!" + paragraph ID,
// see SortKeyPrefix), read from the facet cache of the search's snapshot.
type sortKeySort struct {
	facets *snapshotFacets // set by searchShard
	desc   bool
}

// UpdateVisitor does nothing: the key is not read from doc values.
func (s *sortKeySort) UpdateVisitor(string, []byte) {}

// Value returns the sort key of the hit.
func (s *sortKeySort) Value(d *bsearch.DocumentMatch) string {
	if s.facets == nil || d.IndexInternalID == nil {
		return bsearch.HighTerm
	}
	if k := s.facets.sortKey(d.IndexInternalID.Value()); k != "" {
		return k
	}
	return bsearch.HighTerm
}

// DecodeValue returns the value as it is.
func (s *sortKeySort) DecodeValue(v string) string { return v }

// Descending reports whether the order is reversed.
func (s *sortKeySort) Descending() bool { return s.desc }

// RequiresDocID is false: the key comes from the facet cache.
func (s *sortKeySort) RequiresDocID() bool { return false }

// RequiresScoring is false.
func (s *sortKeySort) RequiresScoring() bool { return false }

// RequiresFields is empty: no doc values are read for the key.
func (s *sortKeySort) RequiresFields() []string { return nil }

// Reverse reverses the order.
func (s *sortKeySort) Reverse() { s.desc = !s.desc }

// Copy returns a copy for another search.
func (s *sortKeySort) Copy() bsearch.SearchSort { return &sortKeySort{desc: s.desc} }
