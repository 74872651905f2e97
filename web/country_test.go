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
	"github.com/relatoria/relatoria/internal/testcorpus"
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

// countryDocs is testcorpus.CountryDocs.
func countryDocs() []*corpus.Document { return testcorpus.CountryDocs() }
