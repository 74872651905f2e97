package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
)

// TestSectionFallback checks the two parts of a search through sections:
// a paragraph that has the word itself scores exactly as the word's query
// alone scores it (fallbackQuery), an item that has it only in its section
// scores Weight of the section clause, and SectionRelevanceSort puts the
// first kind before the second whatever their scores.
func TestSectionFallback(t *testing.T) {
	ix := newTestIndex(t, 2)
	ctx := context.Background()
	var docs []*corpus.Document
	for i := range 6 {
		d := doc(fmt.Sprintf("d%d", i), "Texto sobre la tortura y otros malos tratos en prisiones del Estado.", "Otro párrafo sin la palabra.")
		d.Paragraphs = append(d.Paragraphs,
			corpus.Paragraph{Ordinal: 3, Kind: corpus.Heading, Text: "Comité contra la Tortura", Original: "* Comité contra la Tortura"},
			corpus.Paragraph{Ordinal: 4, Kind: corpus.Plain, Text: "1° Observaciones finales, Parag. 40", Original: "  * 1° Observaciones finales, Parag. 40"})
		docs = append(docs, d)
	}
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	if !ix.HasSectionTerm(Terms("tortura")[0]) || ix.HasSectionTerm(Terms("prisiones")[0]) {
		t.Fatalf("section vocabulary: tortura %v, prisiones %v", ix.HasSectionTerm(Terms("tortura")[0]), ix.HasSectionTerm(Terms("prisiones")[0]))
	}
	term := func(field string) *query.TermQuery {
		q := query.NewTermQuery(Terms("tortura")[0])
		q.SetField(field)
		return q
	}
	scores := func(q query.Query, sort bool) (map[string]float64, []string) {
		req := Request{Query: Query{q}, Size: 100}
		if sort {
			req.Sort = SectionRelevanceSort([][]string{Terms("tortura")})
		}
		p, err := ix.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]float64{}
		var order []string
		for _, h := range p.Hits {
			out[h.ID] = h.Score
			order = append(order, h.ID)
		}
		return out, order
	}
	alone, _ := scores(term(FieldText), false)
	both, order := scores(&fallbackQuery{Primary: term(FieldText), Fallback: term(FieldSection), Weight: 0.3}, true)
	if len(alone) != 12 || len(both) != 12+6 { // paragraph 1 and the heading of each document; the items too
		t.Fatalf("%d hits alone, %d with the section; want 12 and 18: %v", len(alone), len(both), both)
	}
	for id, s := range alone {
		if both[id] != s {
			t.Errorf("%s scores %v with the section, %v alone", id, both[id], s)
		}
	}
	for i, id := range order {
		_, own := alone[id]
		if own != (i < 12) {
			t.Errorf("hit %d is %s (has the word itself: %v): the paragraphs that have it must come first", i+1, id, own)
		}
	}
}
