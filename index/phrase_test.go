package index

import (
	"context"
	"fmt"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// TestPhraseQueryAsBleve checks that phraseQuery finds the paragraphs
// bleve's MatchPhraseQuery finds, with the same scores: phrases with stop
// words between their words, repeated words, phrases of one word, of none,
// and phrases present only out of order.
func TestPhraseQueryAsBleve(t *testing.T) {
	ix := newTestIndex(t, 1)
	texts := []string{
		"La violencia contra la mujer es una violación de los derechos humanos.",
		"Violencia de la mujer contra la violencia: la mujer y la violencia.",
		"Los derechos humanos de las mujeres y las niñas, y los derechos humanos de todos.",
		"Mujer contra la violencia.",
		"Derechos y más derechos; humanos derechos humanos.",
		"El examen periódico universal del Consejo de Derechos Humanos.",
		"Consejo de Derechos Humanos, examen periódico y universal.",
		"Nada que ver con lo demás.",
	}
	var docs = doc("d", texts...)
	if err := ix.Add(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	phrases := []string{
		"violencia contra la mujer", "la mujer", "derechos humanos", "derechos derechos",
		"examen periódico universal", "Consejo de Derechos Humanos", "violencia", "de la",
		"mujer violencia", "humanos derechos humanos", "niñas derechos",
	}
	// Alone, beside a word (the conjunction advances the phrase searcher),
	// beside another choice, and with a boost.
	word := query.NewTermQuery("derech")
	word.SetField(FieldText)
	shapes := map[string]func(phrase query.Query) query.Query{
		"alone":       func(q query.Query) query.Query { return q },
		"with a word": func(q query.Query) query.Query { return query.NewConjunctionQuery([]query.Query{word, q}) },
		"or a word":   func(q query.Query) query.Query { return query.NewDisjunctionQuery([]query.Query{q, word}) },
	}
	describe := func(pg *Page) string {
		s := fmt.Sprint(pg.Total)
		for _, h := range pg.Hits {
			s += fmt.Sprintf(" %s:%.6f", h.ID, h.Score)
		}
		return s
	}
	for _, p := range phrases {
		for name, shape := range shapes {
			for _, boost := range []float64{1, 0.3} {
				ours := newPhraseQuery(p)
				ours.SetField(FieldText)
				ours.SetBoost(boost)
				theirs := query.NewMatchPhraseQuery(p)
				theirs.SetField(FieldText)
				theirs.SetBoost(boost)
				got, err := ix.Search(context.Background(), Request{Query: Query{shape(ours)}, Size: 100})
				if err != nil {
					t.Fatalf("%q: %v", p, err)
				}
				want, err := ix.Search(context.Background(), Request{Query: Query{shape(theirs)}, Size: 100})
				if err != nil {
					t.Fatalf("%q: %v", p, err)
				}
				if describe(got) != describe(want) {
					t.Errorf("%q %s, boost %v:\n got %s\nwant %s", p, name, boost, describe(got), describe(want))
				}
			}
		}
	}
}
