package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
)

// TestAcronyms checks that a committee's acronym in a query also finds
// the paragraphs that name it in full, and the reverse for its name
// written as a phrase, said in Applied.Acronyms; that a lower-case word
// spelt as a short acronym is only the word; and that an item of a list
// whose section names the committee in full is found by its acronym.
func TestAcronyms(t *testing.T) {
	ix, err := index.NewTemporary(1)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	texts := map[string]string{
		"a.txt": "El Comité contra la Tortura expresó su preocupación por las condiciones de detención de las mujeres.\n",
		"b.txt": "En sus observaciones finales, el CAT pidió información sobre las condiciones de detención.\n",
		"c.txt": "El Comité para la Eliminación de la Discriminación contra la Mujer recomendó revisar la ley de cupos.\n",
		"d.md":  "# Sistematización\n\n## Acceso a la justicia\n\n* Comité contra la Tortura\n  * 1° Observaciones finales sobre el Estado, Parag. 46\n",
	}
	for name, text := range texts {
		doc, err := ingest.Read(name, []byte(text), ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Add(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
	s := New(ix)
	for _, tt := range []struct {
		query   string
		sources []string // every hit's source, in any order
		applied string   // the key of Applied.Acronyms, "" for none
	}{
		{"CAT detención", []string{"a.txt", "b.txt"}, "CAT"},
		{`"Comité contra la Tortura" detención`, []string{"a.txt", "b.txt"}, "Comité contra la Tortura"},
		{"cedaw cupos", []string{"c.txt"}, "cedaw"},
		{"cat detención", []string{"b.txt"}, ""}, // a short lower-case word is only the word
		{"justicia CAT 46", []string{"d.md"}, "CAT"},
	} {
		res, err := s.Search(context.Background(), Request{Query: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			if !slices.Contains(got, h.Source) {
				got = append(got, h.Source)
			}
		}
		slices.Sort(got)
		if res.Applied.Recovery != nil {
			got = nil // only what matches in full counts here
		}
		if !slices.Equal(got, tt.sources) {
			t.Errorf("Search(%q): sources %v, want %v", tt.query, got, tt.sources)
		}
		if names, ok := res.Applied.Acronyms[tt.applied]; (tt.applied != "") != ok || ok && len(names) == 0 {
			t.Errorf("Search(%q): applied acronyms %v, want the key %q", tt.query, res.Applied.Acronyms, tt.applied)
		}
		if txt := AcronymsText(res.Applied.Acronyms); tt.applied != "" && !strings.Contains(txt, tt.applied+" también busca «") {
			t.Errorf("Search(%q): the page does not say what the acronym was searched as: %q", tt.query, txt)
		}
	}
}
