package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
)

// TestRecovery checks the search again of a query of plain words that no
// paragraph has in full: the paragraphs with most of the words, said so,
// with the words that match nothing named and close forms offered; and no
// such thing for phrases and operators.
func TestRecovery(t *testing.T) {
	s := New(mustSampleIndex(t))
	for _, tt := range []struct {
		query       string
		relaxed     bool     // a Recovery is reported
		required    int      // words each hit has
		unknown     []string // words in no paragraph
		suggest     string   // a close form offered for the first unknown word
		message     []string // in the message
		minTotal    uint64
		allMissing  string   // a word every hit lacks
		wantNothing bool     // no hit at all
		corrected   string   // the query searched instead
		filters     []string // the filters that removed everything
		alt         string   // the query offered instead
	}{
		{query: "cooperación técnica Ginebra", relaxed: true, required: 2, unknown: []string{"Ginebra"}, minTotal: 2, allMissing: "Ginebra",
			message: []string{"Ningún párrafo contiene todas las palabras", "contienen 2 de 3", "(falta: «Ginebra»)", "«Ginebra» no aparece en ningún párrafo"}},
		{query: "fortalecimiento cooperación técnica derechos zzyzx", relaxed: true, required: 4, unknown: []string{"zzyzx"}, minTotal: 1, allMissing: "zzyzx",
			message: []string{"contienen 4 de 5"}},
		// Every unknown word corrected at once: the corrected query is
		// searched, and said.
		{query: "cooperación cooperaciom", relaxed: true, required: 0, unknown: []string{"cooperaciom"}, suggest: "cooperación", minTotal: 2,
			corrected: "cooperación cooperación", message: []string{"«cooperaciom» no aparece en ningún párrafo del índice; se muestran los resultados de «cooperación cooperación»"}},
		{query: "cooperacion tecnicaa fortalecimientto", relaxed: true, unknown: []string{"tecnicaa", "fortalecimientto"}, minTotal: 1,
			corrected: "cooperacion técnica fortalecimiento", message: []string{"«tecnicaa» y «fortalecimientto» no aparecen"}},
		// Two words: one of two.
		{query: "cooperación zzyzx", relaxed: true, required: 1, unknown: []string{"zzyzx"}, minTotal: 2, allMissing: "zzyzx",
			message: []string{"contienen 1 de 2 (falta: «zzyzx»)"}},
		// A filter that removes everything the words find is named, and
		// the query without it offered with its count.
		{query: "tipo:operativo UN80", relaxed: true, wantNothing: true, filters: []string{"tipo:operativo"}, alt: "UN80",
			message: []string{"El único párrafo de «UN80» no cumple el filtro tipo:operativo."}},
		{query: "cooperación fecha:1900 tipo:operativo", relaxed: true, wantNothing: true, filters: []string{"fecha:1900"}, alt: "cooperación tipo:operativo",
			message: []string{"Ninguno de los", "«cooperación tipo:operativo» cumple el filtro fecha:1900"}},
		{query: "fecha:1900", relaxed: true, wantNothing: true, filters: []string{"fecha:1900"}, message: []string{"Ningún párrafo del índice cumple el filtro fecha:1900."}},
		{query: "tipo:operativo cooperación técnica Ginebra", relaxed: true, required: 2, unknown: []string{"Ginebra"}, minTotal: 1, allMissing: "Ginebra"},
		{query: `"cooperación técnica" Ginebra`, wantNothing: true},
		{query: "cooperación -técnica Ginebra", wantNothing: true},
		{query: "'cooperación' técnica Ginebra", wantNothing: true},
		{query: "cooperación técnica Ginebra*", wantNothing: true},
		{query: "cooperación técnica", minTotal: 2}, // found in full: nothing to recover
	} {
		t.Run(tt.query, func(t *testing.T) {
			res, err := s.Search(context.Background(), Request{Query: tt.query})
			if err != nil {
				t.Fatal(err)
			}
			rec := res.Applied.Recovery
			if (rec != nil) != tt.relaxed {
				t.Fatalf("Search(%q): recovery %+v, want relaxed %v", tt.query, rec, tt.relaxed)
			}
			if tt.wantNothing && res.Total != 0 || res.Total < tt.minTotal {
				t.Errorf("Search(%q): %d hits, want at least %d (none: %v)", tt.query, res.Total, tt.minTotal, tt.wantNothing)
			}
			if rec == nil {
				for _, h := range res.Hits {
					if len(h.Missing) > 0 {
						t.Errorf("Search(%q): hit %s lacks %v without a recovery", tt.query, h.Ref, h.Missing)
					}
				}
				return
			}
			if rec.Corrected != tt.corrected || !slices.Equal(rec.Filters, tt.filters) {
				t.Errorf("Search(%q): corrected %q, filters %v; want %q, %v", tt.query, rec.Corrected, rec.Filters, tt.corrected, tt.filters)
			}
			if alt := ""; tt.alt != "" {
				if len(rec.Alternatives) > 0 {
					alt = rec.Alternatives[0].Query
					if n, err := s.Search(context.Background(), Request{Query: alt}); err != nil || n.Total != rec.Alternatives[0].Total || n.Total == 0 {
						t.Errorf("Search(%q): alternative %q finds %v (%v), offered with %d", tt.query, alt, n, err, rec.Alternatives[0].Total)
					}
				}
				if alt != tt.alt {
					t.Errorf("Search(%q): alternatives %+v, want %q", tt.query, rec.Alternatives, tt.alt)
				}
			}
			if rec.Required != tt.required || !slices.Equal(rec.Unknown, tt.unknown) {
				t.Errorf("Search(%q): required %d, unknown %v; want %d, %v", tt.query, rec.Required, rec.Unknown, tt.required, tt.unknown)
			}
			if tt.suggest != "" && !slices.Contains(rec.Suggestions[tt.unknown[0]], tt.suggest) {
				t.Errorf("Search(%q): suggestions %v, want %q among them", tt.query, rec.Suggestions, tt.suggest)
			}
			for _, m := range tt.message {
				if !strings.Contains(rec.Message, m) {
					t.Errorf("Search(%q): message %q lacks %q", tt.query, rec.Message, m)
				}
			}
			for _, h := range res.Hits {
				if tt.allMissing != "" && !slices.Contains(h.Missing, tt.allMissing) {
					t.Errorf("Search(%q): hit %s lacks %v, want %q among them", tt.query, h.Ref, h.Missing, tt.allMissing)
				}
				if got := len(rec.Words) - len(h.Missing); got != tt.required && tt.corrected == "" {
					t.Errorf("Search(%q): hit %s has %d of the words (lacks %v), want %d", tt.query, h.Ref, got, h.Missing, tt.required)
				}
			}
		})
	}
}

// TestBareHeadingsLast checks, on Markdown as the compilations write it,
// that headings that only repeat the query come after the paragraphs that
// say something about it, also through the pages of a cursor and when the
// query is corrected.
func TestBareHeadingsLast(t *testing.T) {
	ix, err := index.NewTemporary(2)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	for i, country := range []string{"Chile", "Colombia", "México"} {
		md := fmt.Sprintf("# Observaciones sobre %s\n\n## Trata de personas\n\n%d. El Comité observa con preocupación que %s sigue siendo país de origen y destino de la trata de personas con fines de explotación sexual.\n\n## Violencia\n\n%d. Otro párrafo.\n", country, 10+i, country, 11+i)
		doc, err := ingest.Read(fmt.Sprintf("obs-%d.md", i), []byte(md), ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Add(context.Background(), doc); err != nil {
			t.Fatal(err)
		}
	}
	s := New(ix)
	for _, q := range []string{"trata de personas", "trata de persomas"} {
		var kinds []corpus.ParagraphKind
		req := Request{Query: q, Size: 2}
		for {
			res, err := s.Search(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				kinds = append(kinds, h.Kind)
			}
			if res.Next == "" {
				break
			}
			req.After = res.Next
		}
		want := []corpus.ParagraphKind{corpus.Plain, corpus.Plain, corpus.Plain, corpus.Heading, corpus.Heading, corpus.Heading}
		if !slices.Equal(kinds, want) {
			t.Errorf("Search(%q), pages of 2: kinds %v, want the paragraphs first: %v", q, kinds, want)
		}
	}
}
