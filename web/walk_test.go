package web

import (
	"cmp"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/internal/testcorpus"
	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/search"
)

var refsOnce = sync.OnceValues(func() (*search.Searcher, error) {
	ix, err := testcorpus.RefsIndex("..", raceDetector) // see raceDetector
	if err != nil {
		return nil, err
	}
	return search.New(ix), nil
})

// refsSearcher returns the index of testcorpus.RefsFiles, built once for the
// package's tests (and removed with its temporary folder when the test
// binary's temporary files are).
func refsSearcher(tb testing.TB) *search.Searcher {
	tb.Helper()
	s, err := refsOnce()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// walkQueries are varied queries over ../shared (and the test subset):
// words of the compilations, the UN resolutions and the judgments,
// references of every form, filters.
var walkQueries = []string{
	"trata de personas", "violencia contra la mujer", "aborto", "mujeres indígenas", "acceso a la justicia",
	"desaparición forzada", "tortura", "Comité recomienda", "educación sexual", "mortalidad materna",
	"arms embargo", "Al-Shabaab", "charcoal", "Panel of Experts", "children armed conflict",
	"sexual violence", "climate change", "libertad personal", "derecho a la vida", "reparaciones",
	"independencia judicial", "destitución", "Operación Cóndor", "hábeas corpus", "igualdad salarial",
	"violencia doméstica", "participación política", "matrimonio", "niñas", "discriminación racial",
	"afrodescendientes", "salud reproductiva", "S/RES/2776 (2025) §7", "S/RES/2776 (2025), Anexo A §7",
	"resolución 2776 (2025), párrafo 7", "Caso Velásquez Rodríguez Vs. Honduras, párr. 166",
	"Serie C No. 4, párr. 166", "Caso Cordero Bernal Vs. Perú, párr. 72", `cita:"Serie C No. 4"`,
	`cita:"Serie C No. 64"`, "cita:1325", "tipo:operativo mujeres", "recomendación general 19", "plan nacional",
	"prostitución", "VIH", "femicidio", "tipo:elemento violencia", "Defensoría del Pueblo", "Convención de Belém do Pará",
}

// walk is what a walk over permanent links found.
type walk struct {
	links, failed int
	parts         int // links to paragraphs numbered in a part ("Anexo A", "6º")
	refs          int // hits whose ref was read back by Show
	refsOther     int // … to another paragraph, or to none
	refsAmbiguous int // … as naming several (documents of one title, country and date)
	judgments     int // links to paragraphs of judgments
	failures      []string
	byDoc         map[string]int // failures by document
}

// fail records a link that failed; at most three are told for each
// document, with the count.
func (w *walk) fail(doc, format string, a ...any) {
	w.failed++
	if w.byDoc == nil {
		w.byDoc = map[string]int{}
	}
	if w.byDoc[doc]++; w.byDoc[doc] <= 3 {
		w.failures = append(w.failures, fmt.Sprintf(format, a...))
	}
}

var paragraphText = regexp.MustCompile(`(?s)<p class="para" id="texto">(.*?)</p>`)
var tags = regexp.MustCompile(`<[^>]*>`)

// pageText returns the text of a paragraph page.
func pageText(body string) (string, bool) {
	m := paragraphText.FindStringSubmatch(body)
	if m == nil {
		return "", false
	}
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(m[1], ""))), " "), true
}

// opens reports whether link opens a paragraph page with text.
func opens(h http.Handler, link, text string) (bool, string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1"+link, nil))
	body, _ := io.ReadAll(rec.Body)
	if rec.Code != http.StatusOK {
		return false, fmt.Sprintf("%d", rec.Code)
	}
	got, ok := pageText(string(body))
	if !ok {
		return false, "no paragraph on the page"
	}
	want := strings.Join(strings.Fields(text), " ")
	if got != want {
		return false, "another paragraph: " + search.Truncate(got, 80)
	}
	return true, ""
}

// walkPermalinks opens the permanent link of every hit of the first page
// of each query, and every paragraph link of the pages of up to pages
// documents (those numbered in parts first), and checks that each opens a
// paragraph with the text expected. With maxLinks > 0, a document page's
// links are sampled: every link into a part, and about maxLinks others.
func walkPermalinks(t *testing.T, s *search.Searcher, queries []string, pages, maxLinks int) *walk {
	t.Helper()
	h := Handler(s, Options{})
	w := &walk{}
	count := func(part string, doc string) {
		if part != "" {
			w.parts++
		}
		if d, err := s.Index().Document(t.Context(), doc); err == nil && d.Case != nil {
			w.judgments++
		}
	}
	for _, q := range queries {
		res, err := s.Search(t.Context(), search.Request{Query: q, Size: 10})
		if err != nil {
			continue // a reference to what the index lacks, a word it lacks
		}
		for _, hit := range res.Hits {
			w.links++
			link := Permalink(&hit)
			if ok, why := opens(h, link, hit.Text); !ok {
				w.fail(hit.Doc, "query %q, hit %s: %s → %s", q, hit.Ref, link, why)
			}
			count(hit.Part, hit.Doc)
			// The ref a hit prints names it.
			w.refs++
			back, err := s.Show(t.Context(), hit.Ref)
			var amb *search.AmbiguousError
			switch {
			case errors.As(err, &amb):
				w.refsAmbiguous++
			case err != nil || back.Paragraph == nil || back.Paragraph.ID != hit.ID:
				w.refsOther++
				w.fail(hit.Doc, "query %q: ref %q is not read back to its paragraph: %v", q, hit.Ref, err)
			}
		}
	}
	// The documents, as search's docsWhere lists them (its first 50).
	sr, err := s.Index().Search(t.Context(), index.Request{Query: index.And(index.MatchAll(), index.FilterQuery(index.FieldMeta, "1")),
		Size: 50, Sort: index.FieldSort(index.FieldDoc)})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*corpus.Document
	for _, h := range sr.Hits {
		docs = append(docs, h.Doc)
	}
	parted := func(d *corpus.Document) int {
		full, err := s.Index().Document(t.Context(), d.ID)
		if err != nil {
			return 0
		}
		for _, p := range full.Paragraphs {
			if p.Part != "" {
				return 0
			}
		}
		return 1
	}
	slices.SortStableFunc(docs, func(a, b *corpus.Document) int { return cmp.Compare(parted(a), parted(b)) })
	numLink := regexp.MustCompile(`<p class="para" id="p([0-9]+)"><a class="num" href="([^"]+)"`)
	for _, d := range docs[:min(pages, len(docs))] {
		full, err := s.Index().Document(t.Context(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1"+docPath(d.ID), nil))
		if rec.Code != http.StatusOK {
			w.fail(d.ID, "document page %s: %d", d.ID, rec.Code)
			continue
		}
		links := numLink.FindAllStringSubmatch(rec.Body.String(), -1)
		if step := len(links)/max(maxLinks, 1) + 1; maxLinks > 0 && step > 1 {
			// Every step-th link, and every link into a part.
			var some [][]string
			for i, m := range links {
				if ord, _ := strconv.Atoi(m[1]); i%step == 0 || ord <= len(full.Paragraphs) && full.Paragraphs[max(ord, 1)-1].Part != "" {
					some = append(some, m)
				}
			}
			links = some
		}
		for _, m := range links {
			ord, _ := strconv.Atoi(m[1])
			if ord < 1 || ord > len(full.Paragraphs) {
				w.fail(d.ID, "document page %s: link to ¶%d", d.ID, ord)
				continue
			}
			p := full.Paragraphs[ord-1]
			w.links++
			link := html.UnescapeString(m[2])
			if ok, why := opens(h, link, p.Text); !ok {
				w.fail(d.ID, "document %s ¶%d (%s): %s → %s", d.RefName(), ord, query.RefOf(full, &p), link, why)
			}
			count(p.Part, d.ID)
		}
	}
	return w
}

// TestPermalinkWalk opens every permanent link of the hits of
// walkQueries and of the document pages of the test subset: each opens
// the paragraph of the hit, in compilations whose reports number from 1,
// annexes and judgments too. With RELATORIA_WALK_INDEX=DIR it walks that
// index instead (all of ../shared ingested: relatoria ingest -index DIR
// ../shared/corpora ../shared/seeds), every link of 20 document pages.
func TestPermalinkWalk(t *testing.T) {
	if testing.Short() && os.Getenv("RELATORIA_WALK_INDEX") == "" {
		t.Skip("follows thousands of links (the CI's race run is -short; its plain run walks them)")
	}
	s, pages, maxLinks := (*search.Searcher)(nil), 100, 60
	if dir := os.Getenv("RELATORIA_WALK_INDEX"); dir != "" {
		ix, err := index.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		s, pages, maxLinks = search.New(ix), 20, 0
	} else {
		s = refsSearcher(t)
	}
	w := walkPermalinks(t, s, walkQueries, pages, maxLinks)
	t.Logf("%d permanent links opened, %d failed; %d numbered in a part, %d of judgments", w.links, w.failed-w.refsOther, w.parts, w.judgments)
	t.Logf("%d refs of hits read back by show: %d to another paragraph or none, %d naming several paragraphs of documents that share their name", w.refs, w.refsOther, w.refsAmbiguous)
	if w.refsAmbiguous > 0 && os.Getenv("RELATORIA_WALK_INDEX") == "" {
		t.Errorf("%d refs name several paragraphs", w.refsAmbiguous)
	}
	for _, f := range w.failures {
		t.Error(f)
	}
	for doc, n := range w.byDoc {
		t.Errorf("%s: %d links failed", doc, n)
	}
	if w.links < 200 || w.parts < 50 || w.judgments < 50 && !raceDetector {
		t.Errorf("the walk opened %d links (%d in parts, %d of judgments): too few to say anything", w.links, w.parts, w.judgments)
	}
}
