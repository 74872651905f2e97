package search

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/internal/testcorpus"
)

// TestCountryFilter checks pais: and country: in every form the query
// language allows, and the facet.
func TestCountryFilter(t *testing.T) {
	s := mustIndexDocs(t, countryDocs()...)
	for _, tt := range []struct {
		query string
		docs  []string
	}{
		{"pais:Uruguay", []string{"doc-gelman"}},
		{"country:uruguay", []string{"doc-gelman"}},
		{"pais:URY", []string{"doc-gelman"}},
		{`pais:"Costa Rica" violencia`, []string{"doc-artavia"}},
		{"pais:costa rica violencia", []string{"doc-artavia"}},
		{"país:COSTA RICA", []string{"doc-artavia"}},
		{"pais:republica dominicana", []string{"doc-rd"}},
		{"violencia pais:República Dominicana", []string{"doc-rd"}},
		{"country:\"Dominican Republic\"", []string{"doc-rd"}},
		{"violencia -pais:Uruguay -pais:\"Costa Rica\"", []string{"doc-rd", "doc-region"}},
		{`organo:"Corte IDH"`, []string{"doc-gelman", "doc-artavia"}},
		{"organo:EPU", []string{"doc-rd"}},
	} {
		res, err := s.Search(context.Background(), Request{Query: tt.query, Size: 20, Facets: true})
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		got := map[string]bool{}
		for _, h := range res.Hits {
			got[h.Doc] = true
		}
		if len(got) != len(tt.docs) {
			t.Errorf("%s: documents %v, want %v", tt.query, got, tt.docs)
			continue
		}
		for _, d := range tt.docs {
			if !got[d] {
				t.Errorf("%s: documents %v, want %v", tt.query, got, tt.docs)
			}
		}
	}
	res, err := s.Search(context.Background(), Request{Query: "violencia", Size: 20, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, c := range res.Facets["country"] {
		counts[c.Value] = c.Count
	}
	if counts["Uruguay"] != 1 || counts["Costa Rica"] != 1 || counts["República Dominicana"] != 1 || len(counts) != 3 {
		t.Errorf("country facet = %v", res.Facets["country"])
	}
	_, err = s.Search(context.Background(), Request{Query: "pais:Narnia"})
	var bad *BadQueryError
	if !errors.As(err, &bad) || !strings.Contains(err.Error(), "pais:Narnia no es un país") {
		t.Errorf("pais:Narnia: %v, want a BadQueryError naming it", err)
	}
}

// countryDocs is testcorpus.CountryDocs.
func countryDocs() []*corpus.Document { return testcorpus.CountryDocs() }
