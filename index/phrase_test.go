package index

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"
)

// TestPhraseQueryAsBleve checks that PhraseQuery finds the paragraphs
// bleve's MatchPhraseQuery finds, with the same scores: phrases with stop
// words between their words, repeated words, phrases of one word, of none,
// and phrases present only out of order.
func TestPhraseQueryAsBleve(t *testing.T) {
	ix, err := Create(filepath.Join(t.TempDir(), "idx"), Options{Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
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
	for _, p := range phrases {
		ours := NewPhraseQuery(p)
		ours.SetField(FieldText)
		theirs := query.NewMatchPhraseQuery(p)
		theirs.SetField(FieldText)
		got, err := ix.SearchPage(context.Background(), PageRequest{Query: ours, Size: 100})
		if err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		want, err := ix.SearchPage(context.Background(), PageRequest{Query: theirs, Size: 100})
		if err != nil {
			t.Fatalf("%q: %v", p, err)
		}
		describe := func(pg *Page) string {
			s := fmt.Sprint(pg.Total)
			for _, h := range pg.Hits {
				s += fmt.Sprintf(" %s:%.6f", h.ID, h.Score)
			}
			return s
		}
		if describe(got) != describe(want) {
			t.Errorf("%q:\n got %s\nwant %s", p, describe(got), describe(want))
		}
	}
}
