package index

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
)

// TestShardedSearch checks that hits and facet counts merged from three shards
// are those of the whole index: every count exact, pages by offset and by
// cursor the same partition of one order, equal scores ordered by ID.
func TestShardedSearch(t *testing.T) {
	ix := newTestIndex(t, 3)
	bodies := []string{"Consejo de Derechos Humanos", "Asamblea General", ""}
	kinds := []corpus.ParagraphKind{corpus.Operative, corpus.Preambular, corpus.Plain}
	wantFacets := map[string]int{}
	var docs []*corpus.Document
	for i := range 40 {
		d := doc(fmt.Sprintf("doc-%02d", i), "La cooperación técnica con los Estados.", "Otra cooperación técnica.", "Sin relación.")
		d.Body = bodies[i%len(bodies)]
		for j := range d.Paragraphs {
			p := &d.Paragraphs[j]
			p.Kind = kinds[(i+j)%len(kinds)]
			if j < 2 { // the paragraphs the query below matches
				wantFacets["kind:"+string(p.Kind)]++
				wantFacets["recurs:unknown"]++ // no flag given: not worked out
				if d.Body != "" {
					wantFacets["body:"+d.Body]++
				}
				wantFacets["format:"+string(d.Format)]++
			}
		}
		docs = append(docs, d)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.WarmFacets(); err != nil {
		t.Fatal(err)
	}
	for i, known := range ix.facets.shards {
		if len(known) == 0 {
			t.Errorf("shard %d: no segment in the facet cache after WarmFacets", i)
		}
	}
	q := query.NewMatchQuery("cooperacion")
	q.SetField(FieldText)

	all, err := ix.Search(ctx, Request{Query: Query{q}, Size: 1000, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 80 || len(all.Hits) != 80 {
		t.Fatalf("total %d, %d hits; want 80", all.Total, len(all.Hits))
	}
	got := facetMap(all.Facets)
	for v, n := range wantFacets {
		if got[v] != n {
			t.Errorf("facet %s = %d, want %d", v, got[v], n)
		}
	}
	for v := range got {
		if _, ok := wantFacets[v]; !ok {
			t.Errorf("unexpected facet value %q", v)
		}
	}
	var order []string
	for i, h := range all.Hits {
		order = append(order, h.ID)
		if h.Para == nil || h.Para.Text == "" {
			t.Errorf("hit %s: no stored text", h.ID)
		}
		if i > 0 && h.Score == all.Hits[i-1].Score && h.ID < all.Hits[i-1].ID {
			t.Errorf("equal scores not in ID order: %s after %s", h.ID, all.Hits[i-1].ID)
		}
	}

	var byOffset, byCursor []string
	var after []string
	for from := 0; from < 80; from += 7 {
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 7, From: from})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range p.Hits {
			byOffset = append(byOffset, h.ID)
			if h.Para == nil || h.Para.Text == "" {
				t.Errorf("page from %d, hit %s: no stored text", from, h.ID)
			}
		}
		c, err := ix.Search(ctx, Request{Query: Query{q}, Size: 7, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range c.Hits {
			byCursor = append(byCursor, h.ID)
			if h.Para == nil || h.Para.Text == "" {
				t.Errorf("page after %v, hit %s: no stored text", after, h.ID)
			}
		}
		if n := len(c.Hits); n > 0 {
			last := c.Hits[n-1]
			after = last.Sort
		}
	}
	if !slices.Equal(byOffset, order) {
		t.Errorf("pages by offset:\n%v\nwant\n%v", byOffset, order)
	}
	if !slices.Equal(byCursor, order) {
		t.Errorf("pages by cursor:\n%v\nwant\n%v", byCursor, order)
	}

	// New segments, a replaced document, a deleted one and a compaction:
	// the facet cache follows the segments.
	d := doc("doc-new", "Más cooperación.")
	d.Body = "Asamblea General"
	if err := ix.Add(ctx, d); err != nil {
		t.Fatal(err)
	}
	replaced := doc("doc-00", "Ya no trata de eso.") // was 2 matching paragraphs, body CDH
	if err := ix.Add(ctx, replaced); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete("doc-01"); err != nil { // 2 matching, Asamblea General
		t.Fatal(err)
	}
	for round := range 2 {
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 1000, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 77 { // 80, doc-00's two gone, doc-01's two gone, doc-new's one
			t.Errorf("round %d: total %d, want 77", round, p.Total)
		}
		facets := facetMap(p.Facets)
		if got, want := facets["body:Consejo de Derechos Humanos"], wantFacets["body:Consejo de Derechos Humanos"]-2; got != want {
			t.Errorf("round %d: body CDH %d, want %d", round, got, want)
		}
		if got, want := facets["body:Asamblea General"], wantFacets["body:Asamblea General"]-2+1; got != want {
			t.Errorf("round %d: body AG %d, want %d", round, got, want)
		}
		for _, h := range p.Hits {
			if !strings.HasPrefix(h.Sort[1], SortKeyPrefix+h.ID) || h.Sort[1] != SortKeyPrefix+h.ID {
				t.Errorf("round %d: hit %s has sort key %q", round, h.ID, h.Sort[1])
			}
		}
		// Document order, from the doc values of doc and ordinal.
		o, err := ix.Search(ctx, Request{Query: Query{q}, Size: 1000, Sort: FieldSort(FieldDoc, FieldOrdinal)})
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(o.Hits))
		for i, h := range o.Hits {
			ids[i] = h.ID
		}
		if !slices.IsSorted(ids) || len(ids) != 77 {
			t.Errorf("round %d: document order: %v", round, ids)
		}
		if err := ix.Compact(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// facetMap flattens the facet counts of a page: "kind:operative" → count.
func facetMap(facets map[string][]FacetCount) map[string]int {
	out := map[string]int{}
	for name, cs := range facets {
		for _, c := range cs {
			out[FilterTerm(name, c.Value)] = c.Count
		}
	}
	return out
}

// TestTopFacetCounts checks the selection of the most frequent values of
// each facet: most frequent first, ties in value order, values of other
// fields (sort keys) left out, and no more than asked.
func TestTopFacetCounts(t *testing.T) {
	names := []string{"kind:b", "!doc#1", "kind:a", "body:X", "kind:c", "kind:d", "other:z", "body:Y"}
	dict := &snapshotFacets{names: names}
	for _, n := range names {
		dict.facetOf = append(dict.facetOf, facetIndex(n))
	}
	counts := []int{5, 1, 5, 2, 9, 0, 4, 3}
	tests := []struct {
		size int
		kind []FacetCount
		body []FacetCount
	}{
		{0, []FacetCount{{"c", 9}, {"a", 5}, {"b", 5}}, []FacetCount{{"Y", 3}, {"X", 2}}},
		{2, []FacetCount{{"c", 9}, {"a", 5}}, []FacetCount{{"Y", 3}, {"X", 2}}},
		{1, []FacetCount{{"c", 9}}, []FacetCount{{"Y", 3}}},
	}
	for _, tt := range tests {
		got := topFacetCounts(counts, dict, tt.size)
		if !slices.Equal(got[FieldKind], tt.kind) || !slices.Equal(got[FieldBody], tt.body) {
			t.Errorf("size %d: kind %v body %v; want %v %v", tt.size, got[FieldKind], got[FieldBody], tt.kind, tt.body)
		}
		if len(got) != len(Facets) || got[FieldEntities] != nil {
			t.Errorf("size %d: facets %v; want every facet, empty ones nil", tt.size, got)
		}
	}
}

// TestDocumentBoost checks that a document boost raises every paragraph of
// the documents whose title matches, on every shard, and makes none match.
func TestDocumentBoost(t *testing.T) {
	ix := newTestIndex(t, 2)
	var docs []*corpus.Document
	for i := range 10 {
		d := doc(fmt.Sprintf("doc-%02d", i), "Primer párrafo sobre la cooperación técnica.", "Segundo párrafo sobre la cooperación técnica.")
		d.Title = "Informe anual"
		switch i {
		case 3, 6:
			d.Title = "Cooperación técnica en la esfera de los derechos humanos"
		case 8: // a title that matches, paragraphs that do not
			d.Title = "Cooperación"
			d.Paragraphs[0].Text, d.Paragraphs[1].Text = "Nada que ver.", "Tampoco."
		}
		docs = append(docs, d)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	q := query.NewMatchQuery("cooperacion")
	q.SetField(FieldText)
	title := query.NewMatchQuery("cooperación técnica")
	title.SetField(FieldTitle)
	for _, boost := range []*DocumentBoost{nil, {Query: Query{title}, Weight: 0.5}} {
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 100, DocumentBoost: boost})
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 18 {
			t.Errorf("boost %v: total %d, want 18 (the title makes no paragraph match)", boost != nil, p.Total)
		}
		var ids []string
		for _, h := range p.Hits {
			ids = append(ids, h.ID)
		}
		want := []string{"doc-03#1", "doc-03#2", "doc-06#1", "doc-06#2"}
		got := slices.Clone(ids[:len(want)])
		slices.Sort(got)
		if boost == nil {
			if slices.Equal(got, want) {
				t.Errorf("no boost: the titled documents come first anyway, which proves nothing")
			}
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("boost: first hits %v, want %v", ids[:len(want)], want)
		}
	}
}

// TestScoresAcrossShards checks that paragraphs of the same text score
// alike in whichever shard they live: terms are scored with the document
// counts of the whole index, not of their shard.
func TestScoresAcrossShards(t *testing.T) {
	ix := newTestIndex(t, 3)
	var docs []*corpus.Document
	for i := range 30 {
		// The same paragraph in every document; other paragraphs that
		// differ in number from document to document, so that the
		// shards' own counts would differ.
		texts := []string{"La cooperación técnica con los Estados."}
		for j := range i % 4 {
			texts = append(texts, fmt.Sprintf("Otro párrafo sobre cooperación número %d.", j))
		}
		docs = append(docs, doc(fmt.Sprintf("doc-%02d", i), texts...))
	}
	ctx := context.Background()
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	for _, q := range []query.Query{
		func() query.Query { q := query.NewMatchQuery("cooperación técnica"); q.SetField(FieldText); return q }(),
		func() query.Query { q := newPhraseQuery("cooperación técnica"); q.SetField(FieldText); return q }(),
	} {
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 100})
		if err != nil {
			t.Fatal(err)
		}
		scores := map[float64][]string{}
		for _, h := range p.Hits {
			if strings.HasSuffix(h.ID, "#1") {
				scores[h.Score] = append(scores[h.Score], h.ID)
			}
		}
		if len(scores) != 1 {
			t.Errorf("%T: the same paragraph scores %d ways: %v", q, len(scores), scores)
		}
	}
}

// TestFacetValuesRenumbered checks that the facet cache numbers again the
// values still in use when most numbers belong to values of paragraphs
// gone (a server's dictionary would otherwise grow without end), and that
// counts stay exact across the renumbering.
func TestFacetValuesRenumbered(t *testing.T) {
	defer func(old int) { renumberAbove = old }(renumberAbove)
	renumberAbove = 1
	ix := newTestIndex(t, 2)
	ctx := context.Background()
	q := query.NewMatchQuery("cooperacion")
	q.SetField(FieldText)
	most := 0
	for round := range 8 {
		replaceRound(t, ix, round, func(d *corpus.Document, i int) {
			d.Body = fmt.Sprintf("Órgano %d-%d", round, i) // a value no other round has
		})
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 100, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		got := facetMap(p.Facets)
		for i := range 10 {
			if v := FilterTerm(FieldBody, fmt.Sprintf("Órgano %d-%d", round, i)); got[v] != 1 {
				t.Errorf("round %d: %s counted %d, want 1", round, v, got[v])
			}
		}
		if p.Total != 10 || len(got) != 13 { // ten bodies, one kind, one format, one lineage flag
			t.Errorf("round %d: %d hits, facet values %v", round, p.Total, got)
		}
		ix.facets.mu.Lock()
		most = max(most, len(ix.facets.names))
		ix.facets.mu.Unlock()
	}
	if most >= 8*10 {
		t.Errorf("the dictionary reached %d values: never renumbered", most)
	}
}

// newTestIndex creates an on-disk index of the given shards in a temporary
// folder, closed when the test ends.
func newTestIndex(t *testing.T, shards int) *Index {
	t.Helper()
	ix, err := Create(filepath.Join(t.TempDir(), "idx"), Options{Shards: shards})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// TestHitFieldsAcrossSegments checks that every hit carries the stored
// fields of its own paragraph when a shard has several segments and
// deleted paragraphs: the fields are read by the hit's document number,
// which counts the documents of the segments before it, deleted ones too.
func TestHitFieldsAcrossSegments(t *testing.T) {
	ctx := context.Background()
	ix, err := Create(filepath.Join(t.TempDir(), "idx"), Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want := map[string]string{} // paragraph ID → text
	for batch := range 4 {      // a segment a batch
		for j := range 5 {
			id := fmt.Sprintf("doc-%d-%d", batch, j)
			texts := []string{fmt.Sprintf("cooperación %s primero", id), fmt.Sprintf("cooperación %s segundo", id)}
			if err := ix.Add(ctx, doc(id, texts...)); err != nil {
				t.Fatal(err)
			}
			for k, tx := range texts {
				want[fmt.Sprintf("%s#%d", id, k+1)] = tx
			}
		}
	}
	// A replaced document and a deleted one leave deleted records in the
	// first segments.
	if err := ix.Add(ctx, doc("doc-0-1", "cooperación doc-0-1 nuevo")); err != nil {
		t.Fatal(err)
	}
	delete(want, "doc-0-1#2")
	want["doc-0-1#1"] = "cooperación doc-0-1 nuevo"
	if err := ix.Delete("doc-1-2"); err != nil {
		t.Fatal(err)
	}
	delete(want, "doc-1-2#1")
	delete(want, "doc-1-2#2")
	q := query.NewTermQuery(Terms("cooperación")[0])
	q.SetField(FieldText)
	for _, from := range []int{0, 5} {
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 100, From: from})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Hits) != len(want)-from {
			t.Errorf("from %d: %d hits, want %d", from, len(p.Hits), len(want)-from)
		}
		for _, h := range p.Hits {
			if h.Para == nil {
				t.Errorf("from %d, hit %s: no stored paragraph", from, h.ID)
				continue
			}
			if got := h.Para.Text; got != want[h.ID] {
				t.Errorf("from %d, hit %s: stored text %q, want %q", from, h.ID, got, want[h.ID])
			}
		}
	}
}

// TestDocumentNumbersRenumbered checks that the facet cache numbers again
// the documents still in the index when most numbered documents are gone
// (a server's dictionary, and the score arrays it sizes, would otherwise
// grow without end), and that document boosts stay right across it.
func TestDocumentNumbersRenumbered(t *testing.T) {
	defer func(old int) { renumberAbove = old }(renumberAbove)
	renumberAbove = 1
	ix := newTestIndex(t, 2)
	ctx := context.Background()
	q := query.NewMatchQuery("cooperacion")
	q.SetField(FieldText)
	most := 0
	for round := range 8 {
		replaceRound(t, ix, round, func(d *corpus.Document, i int) {
			if i == round {
				d.Title = "Especial"
			}
		})
		title := query.NewMatchQuery("especial")
		title.SetField(FieldTitle)
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 10, DocumentBoost: &DocumentBoost{Query: Query{title}, Weight: 0.5}})
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("r%d-d%d#1", round, round); p.Total != 10 || len(p.Hits) == 0 || p.Hits[0].ID != want {
			t.Errorf("round %d: %d hits, first %v, want %s first (its title matches)", round, p.Total, p.Hits, want)
		}
		ix.facets.mu.Lock()
		most = max(most, len(ix.facets.docs))
		ix.facets.mu.Unlock()
	}
	if most >= 8*10 {
		t.Errorf("the document dictionary reached %d documents: never renumbered", most)
	}
}

// replaceRound adds the ten documents "r<round>-d0" … "r<round>-d9", each
// one paragraph "La cooperación técnica." that set changes, deletes those
// of the round before and compacts the index: every round, the documents
// and their facet values are new ones.
func replaceRound(t *testing.T, ix *Index, round int, set func(d *corpus.Document, i int)) {
	t.Helper()
	ctx := context.Background()
	var docs []*corpus.Document
	for i := range 10 {
		d := doc(fmt.Sprintf("r%d-d%d", round, i), "La cooperación técnica.")
		set(d, i)
		docs = append(docs, d)
	}
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	if round > 0 {
		for i := range 10 {
			if err := ix.Delete(fmt.Sprintf("r%d-d%d", round-1, i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
}
