package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/internal/testcorpus"
	"github.com/relatoria/relatoria/search"
)

func TestDiffPage(t *testing.T) {
	old, new := renewedPair()
	s := mustIndexDocs(t, old, new)
	srv := httptest.NewServer(Handler(s, Options{}))
	defer srv.Close()
	q := url.QueryEscape
	for _, tt := range []struct {
		path     string
		status   int
		contains []string
	}{
		{"/diff?a=" + q("A/HRC/RES/50/9") + "&b=" + q("A/HRC/RES/53/6"), 200, []string{
			`id="resumen">4 operativos: 1 sin cambios, 2 modificados, 1 nuevo; 1 suprimido`,
			"<del>52º</del> <ins>55º</ins>", "<ins>Recordando su resolución 50/9,</ins>",
			"&lt;script&gt;alert(1)&lt;/script&gt;", `class="d-removed"`, `class="d-new"`, "Suprimido", "Nuevo",
			`href="/d/A/HRC/RES/53/6#p3"`,
		}},
		// The predecessor: the earlier resolution it cites.
		{"/diff?b=" + q("A/HRC/RES/53/6"), 200, []string{"A/HRC/RES/50/9</a> (2022-07-10) →", "2 modificados"}},
		{"/diff", 200, []string{`<form class="diffform"`, "Comparar"}},
		{"/diff?a=" + q("A/HRC/RES/50/9"), 200, []string{"Indique el documento nuevo"}},
		{"/diff?b=" + q("A/HRC/RES/50/9"), 404, []string{"ningún documento anterior"}},
		{"/diff?a=" + q("A/HRC/RES/50/9 §2") + "&b=" + q("A/HRC/RES/53/6"), 400, []string{"es un párrafo"}},
		// "También en": the paragraph and the document, as JSON and pages.
		{"/api/show?ref=" + q("A/HRC/RES/53/6 §2"), 200, []string{`"recurrences": [`, `"doc": "A/HRC/RES/50/9"`, `"ref": "A/HRC/RES/50/9 §2"`, `"similarity": 0.`, `"identical": false`, `"earlier": true`}},
		{"/api/show?ref=" + q("A/HRC/RES/50/9"), 200, []string{`"recurrences": [`, `"ref": "A/HRC/RES/53/6 §1"`, `"earlier": false`}},
		{"/p/A/HRC/RES/53/6/2", 200, []string{`class="tambien"`, "aparece por primera vez en A/HRC/RES/50/9, 2022", `href="/p/A/HRC/RES/50/9/2"`}},
		{"/d/A/HRC/RES/50/9", 200, []string{`class="tambien"`, "primera aparición en el índice", `href="/diff?b=A%2fHRC%2fRES%2f50%2f9"`}},
		{"/?q=" + q("derechos"), 200, []string{"Texto repetido", "recurre%3Asi", "recurre%3Ano", "ya aparecía en un documento anterior", "nuevo (ningún documento anterior lo dice)"}},
	} {
		status, _, body := get(t, srv, tt.path)
		if status != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.path, status, tt.status)
		}
		for _, c := range tt.contains {
			if !strings.Contains(body, c) {
				t.Errorf("GET %s: body lacks %q", tt.path, c)
			}
		}
		if !strings.HasPrefix(tt.path, "/api/") && strings.Contains(body, "<script>alert") {
			t.Errorf("GET %s: unescaped markup", tt.path)
		}
	}
}

// renewedPair is testcorpus.RenewedPair.
func renewedPair() (old, new *corpus.Document) { return testcorpus.RenewedPair() }

// mustIndexDocs returns a Searcher of a temporary index of docs, with
// the Linker that added them (testcorpus.Indexed).
func mustIndexDocs(tb testing.TB, docs ...*corpus.Document) *search.Searcher {
	tb.Helper()
	ix, l := testcorpus.Indexed(tb, docs...)
	s := search.New(ix)
	s.SetLinker(l)
	return s
}
