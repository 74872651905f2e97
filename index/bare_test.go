package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// TestBareLast checks that headings, notes and items that only repeat the
// query come after the paragraphs that say something about it, however
// their scores compare, and that the rest keep their order.
func TestBareLast(t *testing.T) {
	ix := newTestIndex(t, 2)
	ctx := context.Background()
	var docs []*corpus.Document
	for i := range 4 {
		d := doc(fmt.Sprintf("d%d", i),
			"La trata de personas con fines de explotación sexual sigue siendo un problema grave en las zonas fronterizas del país, según el Comité.",
			"Otro párrafo sin las palabras.")
		d.Paragraphs = append(d.Paragraphs,
			corpus.Paragraph{Ordinal: 3, Kind: corpus.Heading, Text: "Trata de personas", Original: "## Trata de personas"},
			corpus.Paragraph{Ordinal: 4, Kind: corpus.Footnote, Text: "Trata de personas.", Original: "Trata de personas."},
			corpus.Paragraph{Ordinal: 5, Kind: corpus.Heading, Text: "Tráfico y trata de personas", Original: "## Tráfico y trata de personas"})
		docs = append(docs, d)
	}
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	q := And(Match(FieldText, "trata"), Match(FieldText, "personas"))
	terms := [][]string{Terms("trata"), Terms("personas")}
	plain, err := ix.Search(ctx, Request{Query: q, Size: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(plain.Hits) != 16 || plain.Hits[0].Para.Ordinal == 1 {
		t.Fatalf("without BareLast: %d hits, first %s; the test wants the bare headings to score first", len(plain.Hits), plain.Hits[0].ID)
	}
	page, err := ix.Search(ctx, Request{Query: q, Size: 100, Sort: BareLast(RelevanceSort(), terms)})
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, h := range page.Hits {
		got = append(got, h.Para.Ordinal)
	}
	for i, o := range got {
		bare := o == 3 || o == 4
		if bare != (i >= 8) {
			t.Fatalf("order by ordinal %v: the 8 bare headings and notes (3, 4) must come last, the rest first", got)
		}
	}
	if s := BareLast(RelevanceSort(), terms); s.Keys() != 3 || BareLast(FieldSort(FieldDoc), terms).Keys() != 1 {
		t.Errorf("keys: %d with a score, %d without; want 3 and 1", s.Keys(), BareLast(FieldSort(FieldDoc), terms).Keys())
	}
	// Paging with a cursor keeps the order.
	first, err := ix.Search(ctx, Request{Query: q, Size: 5, Sort: BareLast(RelevanceSort(), terms)})
	if err != nil {
		t.Fatal(err)
	}
	rest, err := ix.Search(ctx, Request{Query: q, Size: 100, Sort: BareLast(RelevanceSort(), terms), After: first.Hits[4].Sort})
	if err != nil {
		t.Fatal(err)
	}
	for i, h := range append(first.Hits, rest.Hits...) {
		if h.ID != page.Hits[i].ID {
			t.Fatalf("hit %d by pages %s, in one page %s", i, h.ID, page.Hits[i].ID)
		}
	}
}
