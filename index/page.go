package index

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	"github.com/blevesearch/bleve/v2/search/query"
)

// PageRequest asks every shard for one page of matching paragraphs.
type PageRequest struct {
	Query query.Query
	Size  int // hits on the page
	From  int // hits passed over before the page (ignored with After)
	// Sort orders the hits; nil means RelevanceSort.
	Sort bsearch.SortOrder
	// After, when set, holds the sort values of the last hit of the
	// previous page: the page starts after it.
	After []string
	// Facets counts the FieldFacet values of all matching paragraphs.
	Facets bool
}

// Page is one page of hits merged from all shards.
type Page struct {
	Total uint64
	// Hits carry the stored HitFields, for DecodeHits.
	Hits bsearch.DocumentMatchCollection
	// Facets counts, for each value of FieldFacet ("kind:operativo"), the
	// matching paragraphs that have it, over all shards (exact: each shard
	// counts every value, not only its top ones).
	Facets map[string]int
}

// RelevanceSort orders hits by score, and equal scores by paragraph ID
// (read from the sort key in FieldFacet, see SortKeyPrefix), so that pages
// and cursors are stable.
func RelevanceSort() bsearch.SortOrder {
	return bsearch.SortOrder{&bsearch.SortScore{Desc: true}, &sortKeySort{}}
}

// SearchPage runs req on all shards in parallel and merges their hits and
// facet counts. It does what bleve's index alias does for a search, with a
// facet counter that visits each paragraph's facet values once and keeps
// every count: counting facets was most of the time of a search with many
// hits (see the package documentation).
func (ix *Index) SearchPage(ctx context.Context, req PageRequest) (*Page, error) {
	if req.Sort == nil {
		req.Sort = RelevanceSort()
	}
	type shardPage struct {
		hits   bsearch.DocumentMatchCollection
		total  uint64
		counts map[string]*int
		err    error
	}
	pages := make([]shardPage, len(ix.shards))
	var wg sync.WaitGroup
	for i, b := range ix.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := &pages[i]
			p.hits, p.total, p.counts, p.err = searchShard(ctx, b, req)
		}()
	}
	wg.Wait()
	page := &Page{}
	var all bsearch.DocumentMatchCollection
	for _, p := range pages {
		if p.err != nil {
			return nil, p.err
		}
		page.Total += p.total
		all = append(all, p.hits...)
	}
	cachedScoring, cachedDesc := req.Sort.CacheIsScore(), req.Sort.CacheDescending()
	sort.SliceStable(all, func(i, j int) bool {
		return req.Sort.Compare(cachedScoring, cachedDesc, all[i], all[j]) < 0
	})
	if req.After == nil {
		all = all[min(req.From, len(all)):]
	}
	page.Hits = all[:min(req.Size, len(all))]
	if req.Facets {
		page.Facets = map[string]int{}
		for _, p := range pages {
			for v, n := range p.counts {
				page.Facets[v] += *n
			}
		}
	}
	return page, nil
}

// searchShard collects the top hits of one shard (the first From+Size, or
// Size after After), with their stored fields, and its facet counts.
func searchShard(ctx context.Context, b bleve.Index, req PageRequest) (bsearch.DocumentMatchCollection, uint64, map[string]*int, error) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, 0, nil, err
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, 0, nil, fmt.Errorf("open index reader: %w", err)
	}
	defer r.Close()
	searcher, err := req.Query.Searcher(ctx, r, b.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return nil, 0, nil, err
	}
	defer searcher.Close()
	sortOrder := req.Sort.Copy()
	var coll *collector.TopNCollector
	if req.After != nil {
		coll = collector.NewTopNCollectorAfter(req.Size, sortOrder, req.After)
	} else {
		coll = collector.NewTopNCollector(req.From+req.Size, 0, sortOrder)
	}
	var counter *facetCounter
	if req.Facets {
		counter = &facetCounter{counts: map[string]*int{}}
		fb := bsearch.NewFacetsBuilder(r)
		fb.Add(FieldFacet, counter)
		coll.SetFacetsBuilder(fb)
	}
	if err := coll.Collect(ctx, searcher, r); err != nil {
		return nil, 0, nil, err
	}
	hits := coll.Results()
	load := &bleve.SearchRequest{Fields: HitFields}
	for _, h := range hits {
		if err, _ := bleve.LoadAndHighlightFields(h, load, "", r, nil); err != nil {
			return nil, 0, nil, fmt.Errorf("load hit %s: %w", h.ID, err)
		}
	}
	var counts map[string]*int
	if counter != nil {
		counts = counter.counts
	}
	return hits, coll.Total(), counts, nil
}

// facetCounter counts the values of FieldFacet (all facets at once, the
// sort key excepted). bleve's terms facet builder, one per facet, checked
// every value against its prefix and copied each matching value into a new
// string; this one looks each value up without copying it and allocates
// only for a value seen for the first time.
type facetCounter struct {
	counts map[string]*int
}

// StartDoc is called before the values of a paragraph.
func (c *facetCounter) StartDoc() {}

// UpdateVisitor counts one value of the paragraph.
func (c *facetCounter) UpdateVisitor(term []byte) {
	if len(term) > 0 && term[0] == SortKeyPrefix[0] {
		return
	}
	if n := c.counts[string(term)]; n != nil {
		*n++
		return
	}
	n := 1
	c.counts[string(term)] = &n
}

// EndDoc is called after the values of a paragraph.
func (c *facetCounter) EndDoc() {}

// Result is unused: SearchPage reads the counts themselves.
func (c *facetCounter) Result() *bsearch.FacetResult {
	return &bsearch.FacetResult{Field: FieldFacet}
}

// Field returns the field counted.
func (c *facetCounter) Field() string { return FieldFacet }

// Size estimates the memory the counter holds.
func (c *facetCounter) Size() int { return 64 + 48*len(c.counts) }

// sortKeySort orders hits by the paragraph sort key, the one value of
// FieldFacet that begins with SortKeyPrefix. zap keeps a paragraph's doc
// values in term order and "!" sorts before every letter, so the key is
// the first value visited.
type sortKeySort struct {
	key  []byte
	seen bool
	desc bool
}

// UpdateVisitor keeps the sort key among the values visited.
func (s *sortKeySort) UpdateVisitor(field string, term []byte) {
	if !s.seen && field == FieldFacet && len(term) > 0 && term[0] == SortKeyPrefix[0] {
		s.key = append(s.key[:0], term...)
		s.seen = true
	}
}

// Value returns the sort key of the hit just visited and resets.
func (s *sortKeySort) Value(*bsearch.DocumentMatch) string {
	if !s.seen {
		return bsearch.HighTerm
	}
	s.seen = false
	return string(s.key)
}

// DecodeValue returns the value as it is.
func (s *sortKeySort) DecodeValue(v string) string { return v }

// Descending reports whether the order is reversed.
func (s *sortKeySort) Descending() bool { return s.desc }

// RequiresDocID is false: the key comes from doc values.
func (s *sortKeySort) RequiresDocID() bool { return false }

// RequiresScoring is false.
func (s *sortKeySort) RequiresScoring() bool { return false }

// RequiresFields names the field holding the key.
func (s *sortKeySort) RequiresFields() []string { return []string{FieldFacet} }

// Reverse reverses the order.
func (s *sortKeySort) Reverse() { s.desc = !s.desc }

// Copy returns an unused copy.
func (s *sortKeySort) Copy() bsearch.SearchSort { return &sortKeySort{desc: s.desc} }
