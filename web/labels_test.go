package web

import (
	"encoding/csv"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/search"
)

// TestParagraphLabels indexes a Universal Periodic Review report, whose
// recommendations are numbered "84.3", "84.11", "85.12", beside the sample
// corpus, and finds its paragraphs by those numbers: in references, in
// permalinks, in the API and in CSV. The integer references of resolutions
// ("51/34 §7") still work.
func TestParagraphLabels(t *testing.T) {
	ix := mustSampleIndex(t)
	data, err := os.ReadFile("../ingest/testdata/docs/upr-A_HRC_17_18.txt")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Read("upr-A_HRC_17_18.txt", data, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	s := search.New(ix)
	for _, tt := range []struct {
		ref, number, text string
	}{
		{"A/HRC/17/18 84.3", "84.3", "Proseguir los esfuerzos"},
		{"A/HRC/17/18 párr. 84.3", "84.3", "Proseguir los esfuerzos"},
		{"A/HRC/17/18, recomendación 84.11", "84.11", "Seguir fortaleciendo"},
		{"A/HRC/17/18 §85.12", "85.12", "Despenalizar el aborto"},
		{"A/HRC/17/18 84", "84", "Las recomendaciones formuladas"},
		{"A/HRC/17/18 102.157", "102.157", "Asegurar la inscripción"},
		{"A/HRC/17/18 4.a", "4.a", "Considere la creación"},
		{"A/HRC/17/18 párr. 4 b)", "4.b", "Asigne recursos"},
		{"51/34 §7", "7", "Destaca la importancia"},
		// Lettered items of a numbered paragraph.
		{"A/HRC/17/18 párr. 86 b)", "86.b", "(b) Consultar a las organizaciones"},
		{"A/HRC/17/18 86.a", "86.a", "(a) Presentar un informe"},
	} {
		res, err := s.Show(t.Context(), tt.ref)
		if err != nil {
			t.Errorf("Show(%q): %v", tt.ref, err)
			continue
		}
		h := res.Paragraph
		if h == nil || h.Number.String() != tt.number || !strings.HasPrefix(h.Text, tt.text) {
			t.Errorf("Show(%q) = %+v, want number %s, text %q…", tt.ref, h, tt.number, tt.text)
			continue
		}
		if want := h.Symbol.String() + " §" + tt.number; h.Ref != want {
			t.Errorf("Show(%q).Ref = %q, want %q", tt.ref, h.Ref, want)
		}
	}
	if _, err := s.Show(t.Context(), "A/HRC/17/18 84.4"); err == nil {
		t.Error("Show(A/HRC/17/18 84.4) found a recommendation the report does not have")
	}

	srv := httptest.NewServer(Handler(s, Options{}))
	defer srv.Close()
	code, _, body := get(t, srv, "/p/A/HRC/17/18/84.3")
	if code != 200 || !strings.Contains(body, "Proseguir los esfuerzos") {
		t.Errorf("/p/A/HRC/17/18/84.3: %d %.300s", code, body)
	}
	code, _, body = get(t, srv, "/d/A/HRC/17/18")
	if code != 200 || !strings.Contains(body, `href="/p/A/HRC/17/18/84.11"`) || !strings.Contains(body, ">84.11.</a>") {
		t.Errorf("/d/A/HRC/17/18 lacks the permalink of 84.11: %d", code)
	}
	code, _, body = get(t, srv, "/api/show?ref="+strings.ReplaceAll("A/HRC/17/18 84.3", " ", "%20"))
	if code != 200 || !strings.Contains(body, `"number": "84.3"`) || !strings.Contains(body, `"ref": "A/HRC/17/18 §84.3"`) {
		t.Errorf("/api/show 84.3: %d %.400s", code, body)
	}
	_, _, body = get(t, srv, "/api/search?q=simbolo:A/HRC/17/18+despenalizar&format=csv&all=1")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("CSV: %v, %d rows", err, len(rows))
	}
	number := slices.Index(rows[0], "número")
	if rows[1][0] != "A/HRC/17/18 §85.12" || number < 0 || rows[1][number] != "85.12" {
		t.Errorf("CSV row %q, want ref A/HRC/17/18 §85.12 and number 85.12", rows[1][:max(number+1, 1)])
	}
}

// TestNoHashNames checks that a document without a symbol is named by its
// title, else its file name, in results, on the page and in CSV; never by
// its ID, a hash.
func TestNoHashNames(t *testing.T) {
	ix := mustSampleIndex(t)
	for name, text := range map[string]string{
		"informe.txt":   "Informe sobre la violencia contra las mujeres rurales\n\nEl informe examina la violencia contra las mujeres rurales y sus causas.\n",
		"sin-titulo.md": "la violencia contra las mujeres rurales, en minúsculas y sin título.\n",
	} {
		doc, err := ingest.Read(name, []byte(text), ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := ix.Add(t.Context(), doc); err != nil {
			t.Fatal(err)
		}
	}
	s := search.New(ix)
	res, err := s.Search(t.Context(), search.Request{Query: "mujeres rurales", Size: 10, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total < 2 {
		t.Fatalf("%d hits, want the two documents", res.Total)
	}
	for _, h := range res.Hits {
		if strings.Contains(h.Ref, "doc-") {
			t.Errorf("hit %s is named by its ID: ref %q", h.ID, h.Ref)
		}
	}
	for field, counts := range res.Facets {
		for _, c := range counts {
			if strings.HasPrefix(c.Value, "doc-") {
				t.Errorf("facet %s value %q is an ID", field, c.Value)
			}
		}
	}
	srv := httptest.NewServer(Handler(s, Options{}))
	defer srv.Close()
	_, _, page := get(t, srv, "/?q=mujeres+rurales")
	if visible := tagRE.ReplaceAllString(page, " "); strings.Contains(visible, "doc-") {
		t.Errorf("the results page shows an ID as a name: %q", visible[strings.Index(visible, "doc-")-80:][:160])
	}
	_, _, body := get(t, srv, "/api/search?q=mujeres+rurales&format=csv&all=1")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if !strings.HasPrefix(row[0], "Informe sobre la violencia") && !strings.HasPrefix(row[0], "sin-titulo.md") && !strings.HasPrefix(row[0], "la violencia contra") {
			t.Errorf("CSV ref %q, want the title or file name", row[0])
		}
	}
	_, _, doc := get(t, srv, "/d/"+res.Hits[0].Doc)
	if visible := tagRE.ReplaceAllString(doc, " "); strings.Contains(visible, "doc-") {
		t.Errorf("the document page shows an ID as a name")
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)
