package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/search"
)

// englishWords are words of English sentences that Spanish never writes:
// a page whose own text (not the documents' text it quotes) has one is
// speaking English to the user.
var englishWords = regexp.MustCompile(`(?i)\b(the|of|and|is|are|not|no such|found|query|character|paragraphs?|format|missing|page|never|closed|internal|request|too|limit|over|with|without|search|results?|matches|unknown|invalid|must)\b`)

// pageChrome is a script that returns the text of the page that the page
// itself says: without the documents' text, titles, headings and facet
// values it shows.
const pageChrome = `(() => {
  const b = document.body.cloneNode(true);
  b.querySelectorAll('.snippet, .title, article, #texto, details, table.cites td, nav.facets a, .section, .doc h1, .doc .meta, .ref, .recovery a').forEach(e => e.remove());
  return b.innerText;
})()`

// facetOverlap is a script that lists what of the facets column overlaps
// the results, and whether the page scrolls sideways.
const facetOverlap = `(() => {
  const nav = document.querySelector('nav.facets'), main = document.querySelector('main');
  if (!nav || !main) return 'no facets or no results';
  const m = main.getBoundingClientRect(), bad = [];
  for (const el of nav.querySelectorAll('h2, li, a, span')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top) bad.push(el.textContent.slice(0, 50));
  }
  if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px');
  return bad.join(' | ');
})()`

// TestBrowserSpanish walks the search, error, zero-result, recovery,
// document and permalink pages in headless Chromium and checks that none
// says an English sentence; that the "Formato" facet renders; and that no
// facet, not even a long URL, overlaps the results at 1280 and 375 pixels
// wide. Screenshots go to the test's artifact directory (named in the log;
// go test -artifacts -outputdir DIR keeps them).
func TestBrowserSpanish(t *testing.T) {
	ix := mustSampleIndex(t)
	long := "https://www.ohchr.org/es/documents/thematic-reports/a-hrc-51-34-fortalecimiento-de-la-cooperacion-tecnica-y-el-fomento-de-la-capacidad-en-la-esfera-de-los-derechos-humanos-informe"
	doc := &corpus.Document{
		ID: "doc-largo", Source: "largo.html", Format: corpus.FormatHTML, Kind: corpus.KindPage,
		Title: "Página con un órgano de nombre larguísimo", Body: long,
		Paragraphs: []corpus.Paragraph{{Ordinal: 1, Kind: corpus.Plain,
			Text:     "La cooperación técnica en materia de derechos humanos, según la página de la Oficina.",
			Original: "La cooperación técnica en materia de derechos humanos, según la página de la Oficina."}},
	}
	if err := ix.Add(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	// A list of the CLADEM shape: a topic, committees, their items.
	temas, err := ingest.Read("temas.md", []byte("# Sistematización por temáticas\n\n## Acceso a la justicia\n\n* Comité contra la Tortura\n  * 1° Observaciones finales sobre el Estado, Parag. 40\n  * 2° Observaciones finales sobre el Estado, Parag. 41\n\n## Derecho a la salud\n\n* Comité de los Derechos del Niño\n  * 3º Observaciones finales sobre el Estado, Parag. 59\n"), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(context.Background(), temas); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(search.New(ix), Options{}))
	defer srv.Close()
	out := t.ArtifactDir()
	t.Logf("screenshots in %s", out)
	ctx := newBrowser(t, "")

	q := func(s string) string { return "/?q=" + url.QueryEscape(s) }
	for _, tt := range []struct {
		name, path string
		want       string // in the page's text
	}{
		{"home", "/", "Buscar en resoluciones"},
		{"search", q("cooperación técnica"), "párrafos para"},
		{"syntax-error", q("niñas ("), "error en la consulta, carácter 7: el paréntesis abierto aquí no se cierra"},
		{"bad-filter", q("tipo:nada niñas"), "no es un tipo de párrafo"},
		{"too-common", q("de"), "demasiado común"},
		{"zero", q(`"cooperación Ginebra"`), "Ningún párrafo coincide"},
		{"recovery", q("cooperación técnica Ginebra"), "se muestran los que contienen 2 de 3 (falta: «Ginebra»)"},
		{"suggestion", q("cooperación cooperaciom"), "se muestran los resultados de «cooperación cooperación»"},
		{"filter", q("tipo:operativo UN80"), "cumple el filtro tipo:operativo"},
		{"section", q("justicia tortura 40"), "1 párrafo para"},
		{"section-path", q("justicia tortura 40"), "En: Acceso a la justicia › Comité contra la Tortura"},
		{"document", "/d/A/HRC/RES/51/34", "Citada por"},
		{"permalink", "/p/A/HRC/RES/51/34/7", "Ver el documento completo"},
		{"no-paragraph", "/p/A/HRC/RES/51/34/99", "No encontrado"},
		{"bad-link", "/p/nothing", "no es un enlace a un párrafo"},
		{"no-page", "/no/such/page", "no existe esa página"},
	} {
		var text, all string
		var shot []byte
		err := chromedp.Run(ctx,
			chromedp.EmulateViewport(1280, 1000),
			chromedp.Navigate(srv.URL+tt.path),
			chromedp.WaitReady(`footer`, chromedp.ByQuery),
			chromedp.Evaluate(pageChrome, &text),
			chromedp.Text(`body`, &all, chromedp.ByQuery),
			chromedp.CaptureScreenshot(&shot),
		)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		os.WriteFile(filepath.Join(out, tt.name+".png"), shot, 0o644)
		if !strings.Contains(all, tt.want) {
			t.Errorf("%s (%s): the page lacks %q:\n%s", tt.name, tt.path, tt.want, search.Truncate(all, 600))
		}
		// The echoed query and path are the user's words, not the page's.
		for _, echo := range []string{tt.path, "no/such/page", "nothing"} {
			text = strings.ReplaceAll(text, echo, "")
		}
		for _, line := range strings.Split(text, "\n") {
			if m := englishWords.FindString(line); m != "" {
				t.Errorf("%s (%s): English %q in %q", tt.name, tt.path, m, line)
			}
		}
	}

	// The facets, among them "Formato" and a URL as long as a line, beside
	// the results at a desktop's width and above them at a phone's.
	for _, width := range []int64{1280, 375} {
		var labels, overlap string
		var shot []byte
		err := chromedp.Run(ctx,
			chromedp.EmulateViewport(width, 900),
			chromedp.Navigate(srv.URL+q("cooperación técnica")),
			chromedp.WaitVisible(`nav.facets`, chromedp.ByQuery),
			chromedp.Text(`nav.facets`, &labels, chromedp.ByQuery),
			chromedp.Evaluate(facetOverlap, &overlap),
			chromedp.FullScreenshot(&shot, 80),
		)
		if err != nil {
			t.Fatalf("facets at %d px: %v", width, err)
		}
		os.WriteFile(filepath.Join(out, fmt.Sprintf("facets-%d.jpg", width)), shot, 0o644)
		if !strings.Contains(strings.ToLower(labels), "formato") || !strings.Contains(labels, "HTML") {
			t.Errorf("at %d px the facets lack «Formato» with its values: %q", width, search.Truncate(labels, 300))
		}
		if overlap != "" {
			t.Errorf("at %d px the facets overlap the results: %s", width, overlap)
		}
		var title string
		if err := chromedp.Run(ctx, chromedp.AttributeValue(`nav.facets a[title^="https://"]`, "title", &title, nil, chromedp.ByQuery)); err != nil {
			t.Fatalf("the long facet value: %v", err)
		}
		if title != long {
			t.Errorf("the long facet value's tooltip is %q, want the whole value", title)
		}
	}
}
