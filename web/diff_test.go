package web

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/recurrence"
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

// renewedPair returns a Human Rights Council resolution and the one that
// renews it a year later, citing it, with one paragraph changed, one new
// and one removed; a paragraph carries markup to be escaped.
func renewedPair() (old, new *corpus.Document) {
	doc := func(sym string, year int, texts ...string) *corpus.Document {
		d := &corpus.Document{ID: sym, Symbol: corpus.Symbol(sym), Kind: corpus.KindResolution, Format: corpus.FormatText,
			Source: sym + ".txt", Title: "Los derechos humanos y el cambio climático", Body: "Consejo de Derechos Humanos",
			Adopted: corpus.Date{Year: year, Month: 7, Day: 10}}
		for i, t := range texts {
			p := corpus.Paragraph{Ordinal: i + 1, Number: corpus.NumberOf(i + 1), Kind: corpus.Operative, Text: t, Original: t}
			if strings.Contains(t, "resolución 50/9") {
				p.Citations = []corpus.Citation{{Symbol: "A/HRC/RES/50/9", Text: "resolución 50/9"}}
			}
			d.Paragraphs = append(d.Paragraphs, p)
		}
		return d
	}
	old = doc("A/HRC/RES/50/9", 2022,
		"Exhorta a los Estados a que adopten medidas para proteger los derechos de las personas afectadas por el cambio climático",
		"Pide a la Alta Comisionada que presente un informe al Consejo en su 52º período de sesiones sobre <script>alert(1)</script>",
		"Alienta a los Estados a que cooperen con los procedimientos especiales del Consejo de Derechos Humanos en esta materia",
		"Decide seguir ocupándose de la cuestión")
	new = doc("A/HRC/RES/53/6", 2023,
		"Recordando su resolución 50/9, exhorta a los Estados a que adopten medidas para proteger los derechos de las personas afectadas por el cambio climático",
		"Pide a la Alta Comisionada que presente un informe al Consejo en su 55º período de sesiones sobre <script>alert(1)</script>",
		"Reconoce la contribución de las defensoras del medio ambiente a la acción climática y pide que se las proteja",
		"Decide seguir ocupándose de la cuestión")
	return old, new
}

// mustIndexDocs returns a Searcher of a temporary index of docs, added
// through a Linker (which it finds recurrences with).
func mustIndexDocs(tb testing.TB, docs ...*corpus.Document) *search.Searcher {
	tb.Helper()
	ix, err := index.NewTemporary()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	l := mustLinker(tb, ix)
	if err := l.Add(context.Background(), docs...); err != nil {
		tb.Fatal(err)
	}
	s := search.New(ix)
	s.SetLinker(l)
	return s
}

// mustLinker returns a Linker of ix with its store beside it, closed
// before ix when the test ends (ix's Cleanup must be registered first).
func mustLinker(tb testing.TB, ix *index.Index) *recurrence.Linker {
	tb.Helper()
	l := recurrence.NewLinker(ix, recurrence.Open(ix.Dir()))
	tb.Cleanup(func() {
		if err := l.Close(); err != nil {
			tb.Error(err)
		}
	})
	return l
}
