package search

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// countryDocs are four documents: three about a State each, one about
// none.
func countryDocs() []*corpus.Document {
	mk := func(id, title, body, typ, country string, date corpus.Date, texts ...string) *corpus.Document {
		d := &corpus.Document{ID: id, Source: id + ".pdf", Format: corpus.FormatPDF, Kind: corpus.KindOther,
			Title: title, Body: body, Type: typ, Country: country, Adopted: date}
		for i, t := range texts {
			d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Number: corpus.NumberOf(i + 1), Kind: corpus.Plain, Text: t, Original: t})
		}
		return d
	}
	return []*corpus.Document{
		mk("doc-gelman", "CORTE INTERAMERICANA DE DERECHOS HUMANOS / CASO GELMAN VS. URUGUAY", "Corte Interamericana de Derechos Humanos",
			corpus.TypeSentencia, "Uruguay", corpus.Date{Year: 2011, Month: 2, Day: 24},
			"La desaparición forzada de María Claudia García constituye una violación múltiple de derechos.",
			"El Estado debe investigar la violencia contra las mujeres detenidas."),
		mk("doc-artavia", "CASO ARTAVIA MURILLO Y OTROS VS. COSTA RICA", "Corte Interamericana de Derechos Humanos",
			corpus.TypeVoto, "Costa Rica", corpus.Date{Year: 2012, Month: 11, Day: 28},
			"La prohibición de la fecundación in vitro afecta la vida privada y familiar.",
			"La violencia contra las mujeres es una forma de discriminación."),
		mk("doc-rd", "Examen Periódico Universal: República Dominicana", "Grupo de Trabajo sobre el Examen Periódico Universal",
			corpus.TypeInformeEPU, "República Dominicana", corpus.Date{},
			"Adoptar medidas contra la violencia de género y la trata de personas."),
		mk("doc-region", "Informe regional", "", corpus.TypeInforme, "", corpus.Date{},
			"La violencia contra las mujeres en la región exige respuestas coordinadas."),
	}
}

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
