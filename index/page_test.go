package index

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
)

// TestSearchPage checks that hits and facet counts merged from three shards
// are those of the whole index: every count exact, pages by offset and by
// cursor the same partition of one order, equal scores ordered by ID.
func TestSearchPage(t *testing.T) {
	ix, err := NewMemory(3)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
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
				if d.Body != "" {
					wantFacets["body:"+d.Body]++
				}
			}
		}
		docs = append(docs, d)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	q := query.NewMatchQuery("cooperacion")
	q.SetField(FieldText)

	all, err := ix.SearchPage(ctx, PageRequest{Query: q, Size: 1000, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 80 || len(all.Hits) != 80 {
		t.Fatalf("total %d, %d hits; want 80", all.Total, len(all.Hits))
	}
	for v, n := range wantFacets {
		if all.Facets[v] != n {
			t.Errorf("facet %s = %d, want %d", v, all.Facets[v], n)
		}
	}
	for v := range all.Facets {
		if _, ok := wantFacets[v]; !ok {
			t.Errorf("unexpected facet value %q", v)
		}
	}
	var order []string
	for i, h := range all.Hits {
		order = append(order, h.ID)
		if h.Fields[FieldText] == nil {
			t.Errorf("hit %s: no stored text", h.ID)
		}
		if i > 0 && h.Score == all.Hits[i-1].Score && h.ID < all.Hits[i-1].ID {
			t.Errorf("equal scores not in ID order: %s after %s", h.ID, all.Hits[i-1].ID)
		}
	}

	var byOffset, byCursor []string
	var after []string
	for from := 0; from < 80; from += 7 {
		p, err := ix.SearchPage(ctx, PageRequest{Query: q, Size: 7, From: from})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range p.Hits {
			byOffset = append(byOffset, h.ID)
		}
		c, err := ix.SearchPage(ctx, PageRequest{Query: q, Size: 7, After: after})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range c.Hits {
			byCursor = append(byCursor, h.ID)
		}
		if n := len(c.Hits); n > 0 {
			last := c.Hits[n-1]
			after = slices.Clone(last.Sort)
			after[0] = fmt.Sprint(last.Score) // bleve reports "_score"
		}
	}
	if !slices.Equal(byOffset, order) {
		t.Errorf("pages by offset:\n%v\nwant\n%v", byOffset, order)
	}
	if !slices.Equal(byCursor, order) {
		t.Errorf("pages by cursor:\n%v\nwant\n%v", byCursor, order)
	}
}
