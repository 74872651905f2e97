package web

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"net/http/httptest"
	"net/url"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/internal/testcorpus"
	"github.com/relatoria/relatoria/search"
)

// chromiumPath returns the headless browser to drive, skipping the test
// when there is none (CI installs Debian's chromium and sets CI=true, which
// turns a missing browser into a failure).
func chromiumPath(t *testing.T) string {
	for _, p := range []string{os.Getenv("RELATORIA_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p != "" {
			if _, err := exec.LookPath(p); err == nil {
				return p
			}
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found; CI must install it (apt-get install chromium)")
	}
	t.Skip("no Chromium found; install Debian's chromium to run the browser test")
	return ""
}

// newBrowser starts headless Chromium and returns a context to drive it,
// closed at the end of the test.
func newBrowser(t *testing.T, downloads string) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	// Chromium may still write to its profile while it exits: keep the
	// profile out of t.TempDir, whose cleanup would fail, and remove it
	// best-effort.
	profile, err := os.MkdirTemp("", "relatoria-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 1000),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(profile)
	})
	if downloads != "" {
		if err := chromedp.Run(ctx, browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads).WithEventsEnabled(true)); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}

// TestBrowser drives the real web page in headless Chromium: search, click
// a facet, open a permalink, download the CSV. It saves screenshots in the
// test's artifact directory (go test -artifacts keeps them).
func TestBrowser(t *testing.T) {
	srv, _ := mustServer(t, Options{})
	out := t.ArtifactDir()
	downloads := t.TempDir()
	ctx := newBrowser(t, downloads)

	var total, facetHref, url1, h1, para string
	var shot []byte
	// Search.
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible(`#q`, chromedp.ByID),
		chromedp.SendKeys(`#q`, "cooperación técnica", chromedp.ByID),
		chromedp.Submit(`#q`, chromedp.ByID),
		chromedp.WaitVisible(`#total`, chromedp.ByID),
		chromedp.Text(`#total`, &total, chromedp.ByID),
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	os.WriteFile(filepath.Join(out, "search.png"), shot, 0o644)
	n, _ := strconv.Atoi(strings.TrimSpace(total))
	if n == 0 {
		t.Fatalf("search found %q paragraphs", total)
	}
	// Click the facet "operativo".
	var total2 string
	err = chromedp.Run(ctx,
		chromedp.AttributeValue(`nav.facets a`, "href", &facetHref, nil, chromedp.ByQuery),
		chromedp.Click(`nav.facets a`, chromedp.ByQuery),
		chromedp.WaitVisible(`#total`, chromedp.ByID),
		chromedp.Location(&url1),
		chromedp.Text(`#total`, &total2, chromedp.ByID),
	)
	if err != nil {
		t.Fatalf("facet: %v", err)
	}
	n2, _ := strconv.Atoi(strings.TrimSpace(total2))
	if !strings.Contains(url1, "tipo%3A") || n2 == 0 || n2 >= n {
		t.Errorf("after the facet %s: %s shows %d paragraphs (before %d)", facetHref, url1, n2, n)
	}
	// Open the first permalink.
	err = chromedp.Run(ctx,
		chromedp.Click(`ol.hits a.ref`, chromedp.ByQuery),
		chromedp.WaitVisible(`#texto`, chromedp.ByID),
		chromedp.Text(`h1`, &h1, chromedp.ByQuery),
		chromedp.Text(`#texto`, &para, chromedp.ByID),
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatalf("permalink: %v", err)
	}
	os.WriteFile(filepath.Join(out, "paragraph.png"), shot, 0o644)
	if !strings.Contains(h1, "A/HRC/RES/51/34 §") || !strings.Contains(strings.ToLower(para), "cooperación técnica") {
		t.Errorf("permalink page: h1 %q, text %q", h1, para)
	}
	// Download the CSV of the results.
	done := make(chan string, 1)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*browser.EventDownloadProgress); ok && e.State == browser.DownloadProgressStateCompleted {
			select {
			case done <- e.GUID:
			default:
			}
		}
	})
	err = chromedp.Run(ctx,
		chromedp.Navigate(url1),
		chromedp.WaitVisible(`#csv`, chromedp.ByID),
		chromedp.Click(`#csv`, chromedp.ByID),
	)
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the CSV download did not complete")
	}
	files, _ := filepath.Glob(filepath.Join(downloads, "*"))
	if len(files) != 1 {
		t.Fatalf("downloads: %v", files)
	}
	data, _ := os.ReadFile(files[0])
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if !strings.HasPrefix(string(data), "\uFEFF\"referencia\",\"signatura\"") || len(lines) < n2+1 {
		t.Errorf("CSV: %d lines, starts %q", len(lines), search.Truncate(string(data), 40))
	}
}

// TestBrowserEscaping loads, in headless Chromium, a document holding
// markup and a query holding a script: both must show as text, and no
// script may run.
func TestBrowserEscaping(t *testing.T) {
	ix := mustSampleIndex(t)
	doc, err := ingest.Read("hostil.html", []byte(`<html><body><main><h1>Informe &lt;script&gt;alert(1)&lt;/script&gt;</h1><p>Los derechos &lt;img src=x onerror=alert(2)&gt; y &lt;script&gt;alert(3)&lt;/script&gt; de las personas.</p></main></body></html>`), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Add(context.Background(), doc)
	srv := httptest.NewServer(Handler(search.New(ix), Options{}))
	defer srv.Close()
	ctx := newBrowser(t, "")
	dialogs := make(chan string, 4)
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs <- e.Message
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(false))
		}
	})
	var hits, summary, docText string
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/?q="+url.QueryEscape("derechos personas")),
		chromedp.WaitVisible(`ol.hits`, chromedp.ByQuery),
		chromedp.Text(`ol.hits`, &hits, chromedp.ByQuery),
		chromedp.Navigate(srv.URL+"/?q="+url.QueryEscape(`"><script>alert(4)</script>`)),
		chromedp.WaitReady(`body`, chromedp.ByQuery),
		chromedp.Value(`#q`, &summary, chromedp.ByID),
		chromedp.Navigate(srv.URL+docPath(doc.ID)),
		chromedp.WaitVisible(`article`, chromedp.ByQuery),
		chromedp.Text(`main`, &docText, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case m := <-dialogs:
		t.Fatalf("a script ran in the page: alert(%s)", m)
	case <-time.After(300 * time.Millisecond):
	}
	if !strings.Contains(hits, "<img src=x onerror=alert(2)>") && !strings.Contains(docText, "<img src=x onerror=alert(2)>") {
		t.Errorf("the markup of the document is not shown as text: %q / %q", search.Truncate(hits, 200), search.Truncate(docText, 200))
	}
	if !strings.Contains(docText, "<script>alert(1)</script>") {
		t.Errorf("the document title is not shown as text: %q", search.Truncate(docText, 200))
	}
	if summary != `"><script>alert(4)</script>` {
		t.Errorf("the search box holds %q, want the query as typed", summary)
	}
}

// lineageDocs is testcorpus.LineageDocs.
func lineageDocs() []*corpus.Document { return testcorpus.LineageDocs() }

// hexID is a document ID made of a hash, which no page may show.
var hexID = regexp.MustCompile(`doc-[0-9a-f]{16}`)

// TestBrowserLineage opens, in headless Chromium, the "También en" panel
// of a renewed resolution's paragraph (grouped by document: the
// compilation that quotes it three times is one line, with its title and
// country, and its order is unknown), the panel of a formula repeated in
// twelve reports (one line with its count), and the diff of the two
// resolutions, reached through the diff page's form; no page shows a
// hashed document ID.
func TestBrowserLineage(t *testing.T) {
	docs := lineageDocs()
	s := mustIndexDocs(t, docs...)
	srv := httptest.NewServer(Handler(s, Options{}))
	defer srv.Close()
	out := t.ArtifactDir()
	ctx := newBrowser(t, "")
	var summary, items, body, formula, formulaItems string
	var open bool
	var shot []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+docPath(docs[1].ID)),
		chromedp.WaitVisible(`details.tambien summary`, chromedp.ByQuery),
		chromedp.Text(`details.tambien summary`, &summary, chromedp.ByQuery),
		chromedp.Click(`details.tambien summary`, chromedp.ByQuery),
		chromedp.WaitVisible(`details.tambien li`, chromedp.ByQuery),
		chromedp.Text(`details.tambien ul`, &items, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('details.tambien').open`, &open),
		chromedp.Text(`body`, &body, chromedp.ByQuery),
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatalf("También en: %v", err)
	}
	os.WriteFile(filepath.Join(out, "tambien.png"), shot, 0o644)
	if want := "También en 2 documentos (4 párrafos) · aparece por primera vez en A/HRC/RES/50/9, 2022"; !open || summary != want {
		t.Errorf("panel open %v, summary %q, want %q", open, summary, want)
	}
	for _, want := range []string{"A/HRC/RES/50/9 (2022-07-10) · primera aparición: §1 · similitud",
		"Sistematización por temáticas: cambio climático (Argentina) · orden desconocido: ¶2, ¶3, ¶4 · similitud 0,83"} {
		if !strings.Contains(items, want) {
			t.Errorf("panel items %q lack %q", items, want)
		}
	}
	if strings.Count(items, "Sistematización") != 1 {
		t.Errorf("the compilation is listed %d times, want once: %q", strings.Count(items, "Sistematización"), items)
	}
	pages := []string{body}
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+Permalink(&search.Hit{Doc: docs[3].ID, Paragraph: corpus.Paragraph{Ordinal: 2}})),
		chromedp.WaitVisible(`details.tambien summary`, chromedp.ByQuery),
		chromedp.Text(`details.tambien summary`, &formula, chromedp.ByQuery),
		chromedp.Click(`details.tambien summary`, chromedp.ByQuery),
		chromedp.WaitVisible(`details.tambien li`, chromedp.ByQuery),
		chromedp.Text(`details.tambien ul`, &formulaItems, chromedp.ByQuery),
		chromedp.Text(`body`, &body, chromedp.ByQuery),
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatalf("formula: %v", err)
	}
	os.WriteFile(filepath.Join(out, "formula.png"), shot, 0o644)
	pages = append(pages, body)
	if want := "Fórmula repetida: idéntica en 11 documentos · orden desconocido: ni las fechas ni las signaturas dicen cuál es anterior"; formula != want {
		t.Errorf("formula summary %q, want %q", formula, want)
	}
	if strings.Count(formulaItems, "Examen Periódico Universal") != 1 || !strings.Contains(formulaItems, "y 10 documentos más") {
		t.Errorf("formula items %q: want one document and the count of the others", formulaItems)
	}
	for _, path := range []string{docPath(docs[2].ID), "/?q=" + url.QueryEscape("cambio climático"), "/?q=" + url.QueryEscape("recurre:?")} {
		if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+path), chromedp.WaitVisible(`main`, chromedp.ByQuery),
			chromedp.Text(`body`, &body, chromedp.ByQuery)); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		pages = append(pages, body)
	}
	for i, p := range pages {
		if id := hexID.FindString(p); id != "" {
			t.Errorf("page %d shows the document ID %s", i, id)
		}
	}
	var resumen, changed string
	err = chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/diff"),
		chromedp.WaitVisible(`#db`, chromedp.ByID),
		chromedp.SendKeys(`#da`, "A/HRC/RES/50/9", chromedp.ByID),
		chromedp.SendKeys(`#db`, "A/HRC/RES/53/6", chromedp.ByID),
		chromedp.Click(`form.diffform button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#resumen`, chromedp.ByID),
		chromedp.Text(`#resumen`, &resumen, chromedp.ByID),
		chromedp.Text(`ol.diff li.d-changed`, &changed, chromedp.ByQuery),
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatalf("diff: %v", err)
	}
	os.WriteFile(filepath.Join(out, "diff.png"), shot, 0o644)
	if !strings.HasPrefix(resumen, "4 operativos: 1 sin cambios, 2 modificados, 1 nuevo; 1 suprimido") {
		t.Errorf("diff summary %q", resumen)
	}
	var dels, inss int
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.querySelectorAll('ol.diff del').length`, &dels),
		chromedp.Evaluate(`document.querySelectorAll('ol.diff ins').length`, &inss),
	); err != nil {
		t.Fatal(err)
	}
	if dels == 0 || inss == 0 || !strings.Contains(changed, "Recordando su resolución 50/9") {
		t.Errorf("diff: %d deletions, %d insertions, first changed paragraph %q", dels, inss, changed)
	}
}

// TestBrowserPhone checks the results page on a phone's width, 375 px:
// the first result comes before the filters and near the top, and
// nothing is wider than the screen.
func TestBrowserPhone(t *testing.T) {
	srv, _ := mustServer(t, Options{})
	ctx := newBrowser(t, "")
	var layout struct {
		FirstHit, Facets, Width float64
	}
	var shot []byte
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile),
		chromedp.Navigate(srv.URL+"/?q="+url.QueryEscape("cooperación técnica")),
		chromedp.WaitVisible(`ol.hits li`, chromedp.ByQuery),
		chromedp.Evaluate(`({
			FirstHit: document.querySelector('ol.hits li').getBoundingClientRect().top,
			Facets: document.querySelector('nav.facets').getBoundingClientRect().top,
			Width: document.documentElement.scrollWidth,
		})`, &layout),
		chromedp.CaptureScreenshot(&shot),
	)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(t.ArtifactDir(), "phone.png"), shot, 0o644)
	t.Logf("375 px: first result at %.0f px, filters at %.0f px, page %.0f px wide", layout.FirstHit, layout.Facets, layout.Width)
	if layout.FirstHit >= layout.Facets || layout.FirstHit > 400 {
		t.Errorf("375 px: the first result is at %.0f px, the filters at %.0f px; want the result first, within the first screen", layout.FirstHit, layout.Facets)
	}
	if layout.Width > 375 {
		t.Errorf("375 px: the page is %.0f px wide", layout.Width)
	}
}
