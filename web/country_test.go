package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/search"
)

// TestCountryShown checks that the country and the document's type are
// where a person reads a result: JSON, CSV, text, the results page, the
// document page and the permalink page.
func TestCountryShown(t *testing.T) {
	s := mustIndexDocs(t, countryDocs()...)
	srv := httptest.NewServer(Handler(s, Options{}))
	defer srv.Close()
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, resp.StatusCode, b)
		}
		return string(b)
	}
	q := url.QueryEscape("pais:uruguay")
	for _, tt := range []struct {
		path     string
		contains []string
	}{
		{"/api/search?q=" + q, []string{`"country": "Uruguay"`, `"type": "sentencia"`, `"adopted": "2011-02-24"`}},
		{"/api/search?format=csv&q=" + q, []string{`"tipo de documento","país"`, `"sentencia","Uruguay"`}},
		{"/?q=" + url.QueryEscape("violencia"), []string{"<h2>País</h2>", `<span class="country">Uruguay</span>`, "sentencia", "pais%3A%22Costa&#43;Rica%22"}},
		{"/d/doc-gelman", []string{`<span class="country">Uruguay</span>`, "sentencia", "fecha: 2011-02-24"}},
		{"/p/doc-gelman/1", []string{`<span class="country">Uruguay</span>`, "sentencia"}},
	} {
		body := get(tt.path)
		for _, c := range tt.contains {
			if !strings.Contains(body, c) {
				t.Errorf("%s: no %q in\n%s", tt.path, c, body[:min(len(body), 3000)])
			}
		}
	}
	res, err := s.Search(context.Background(), search.Request{Query: "pais:uruguay", Size: 5})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	search.WriteText(&b, res, 0)
	if !strings.Contains(b.String(), "2011-02-24  sentencia  Uruguay") {
		t.Errorf("text output lacks the date, type and country:\n%s", b.String())
	}
}

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
