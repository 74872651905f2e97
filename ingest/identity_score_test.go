package ingest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

// identityTruth is one labelled document: what it is, by hand.
type identityTruth struct {
	file                            string
	body, date, typ, country, title string
}

// readTruth reads testdata/identity/truth.tsv.
func readTruth(tb testing.TB) []identityTruth {
	return readTruthFile(tb, "testdata/identity/truth.tsv")
}

// readTruthFile reads a TSV of labelled identities.
func readTruthFile(tb testing.TB, name string) []identityTruth {
	tb.Helper()
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []identityTruth
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "file\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			tb.Fatalf("truth.tsv: %d cells in %q", len(c), line)
		}
		out = append(out, identityTruth{c[0], c[1], c[2], c[3], c[4], c[5]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// heldOut reports whether the i-th file (by name) is held out of tuning:
// every third.
func heldOut(i int) bool { return i%3 == 2 }

// identityScore counts, per field, the documents whose value was found
// right, among those that have one, and the values given to documents that
// have none.
type identityScore struct {
	docs               int
	right, have, extra [5]int // body, date, type, country, title
	misses             []string
}

var identityFields = [5]string{"body", "date", "type", "country", "title"}

func (s *identityScore) add(name string, want identityTruth, doc *corpus.Document) {
	s.docs++
	got := [5]string{doc.Body, doc.Adopted.String(), doc.Type, doc.Country, doc.Title}
	wants := [5]string{want.body, want.date, want.typ, want.country, want.title}
	for k := range got {
		ok := got[k] == wants[k]
		if k == 4 {
			ok = titleComplete(got[k], wants[k])
		}
		switch {
		case wants[k] != "":
			s.have[k]++
			if ok {
				s.right[k]++
			} else {
				s.misses = append(s.misses, fmt.Sprintf("%s: %s = %q, want %q", name, identityFields[k], got[k], wants[k]))
			}
		case got[k] != "":
			s.extra[k]++
			s.misses = append(s.misses, fmt.Sprintf("%s: %s = %q, want none", name, identityFields[k], got[k]))
		}
	}
}

// titleComplete reports whether title holds every line of the heading
// block want ("A / B / C"), in order, whatever the case, accents and
// spacing.
func titleComplete(title, want string) bool {
	// Words only: the title's separators (" / " or a space) are not
	// what is checked.
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.ReplaceAll(spanish.FoldLower(s), " / ", " ")), " ")
	}
	t := norm(title)
	at := 0
	for _, line := range strings.Split(want, " / ") {
		i := strings.Index(t[at:], norm(line))
		if i < 0 {
			return false
		}
		at += i + len(norm(line))
	}
	return true
}

// share returns "right of have (pct%)".
func (s *identityScore) share(k int) string {
	if s.have[k] == 0 {
		return "—"
	}
	return fmt.Sprintf("%d of %d (%.0f%%)", s.right[k], s.have[k], 100*float64(s.right[k])/float64(s.have[k]))
}

func (s *identityScore) rate(k int) float64 {
	if s.have[k] == 0 {
		return 1
	}
	return float64(s.right[k]) / float64(s.have[k])
}

func (s *identityScore) report(tb testing.TB, label string) {
	tb.Helper()
	var parts []string
	for k, f := range identityFields {
		parts = append(parts, fmt.Sprintf("%s %s, %d given where none", f, s.share(k), s.extra[k]))
	}
	tb.Logf("%s, %d documents: %s", label, s.docs, strings.Join(parts, "; "))
}

// readPages reads the first pages of a PDF as pdftotext wrote them
// (testdata/identity/pages) into a Document as ingest builds one from a
// PDF's text: another producer's layout of the same page, with no font
// sizes to tell headings by.
func readPages(tb testing.TB, name string) *corpus.Document {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata/identity/pages", name+".txt"))
	if err != nil {
		tb.Fatal(err)
	}
	ex, err := readText(data)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return build(name+".pdf", corpus.FormatPDF, ex, Options{NoRepair: true})
}

// TestIdentityDevSet checks the identity found in the first pages of the
// 27 real PDFs of the dev set against the labels of truth.tsv: body, date
// and (where the document names one) country on at least 90% of the
// documents, tuned and held-out files apart.
func TestIdentityDevSet(t *testing.T) {
	var tuned, held identityScore
	for i, want := range readTruth(t) {
		doc := readPages(t, want.file)
		if heldOut(i) {
			held.add(want.file, want, doc)
		} else {
			tuned.add(want.file, want, doc)
		}
	}
	tuned.report(t, "tuned")
	held.report(t, "held out (every third file)")
	for _, m := range append(tuned.misses, held.misses...) {
		t.Log(m)
	}
	for _, s := range []*identityScore{&tuned, &held} {
		for k := range 4 {
			if k == 2 {
				continue // type: reported, no target
			}
			if s.rate(k) < 0.9 {
				t.Errorf("%s found on %s of the documents that say it; want ≥ 90%%", identityFields[k], s.share(k))
			}
			if s.extra[k] > 1 {
				t.Errorf("%s given to %d documents that do not say it", identityFields[k], s.extra[k])
			}
		}
	}
}

// claDEMCountries are the States of the cladem-dev files, by the year their
// names begin with (the compilation's numbering by country), and
// claDEMBodies the bodies their names give: the truth for the compilations
// comes from their file names, not from the front matter relatoria reads.
var (
	claDEMCountries = map[string]string{
		"2001": "Argentina", "2002": "Bolivia", "2003": "Colombia", "2004": "Costa Rica", "2005": "Ecuador",
		"2006": "El Salvador", "2007": "Guatemala", "2009": "México", "2010": "Nicaragua", "2011": "Panamá",
		"2014": "República Dominicana",
	}
	claDEMBodies = []struct{ prefix, body string }{
		{"Comite_de_Derechos_Humanos", "Comité de Derechos Humanos"},
		{"Comite_de_los_Derechos_Humanos", "Comité de Derechos Humanos"},
		{"Comite_de_Derechos_Economicos", "Comité de Derechos Económicos, Sociales y Culturales"},
		{"Comite_para_la_Eliminacion_de_la_Discriminacion_Racial", "Comité para la Eliminación de la Discriminación Racial"},
		{"Comite_para_la_Eliminacion_de_la_Discriminacion_contra_la_Mujer", "Comité para la Eliminación de la Discriminación contra la Mujer"},
		{"Comite_contra_la_Tortura", "Comité contra la Tortura"},
		{"Comite_de_los_Derechos_del_Nino", "Comité de los Derechos del Niño"},
		{"Examen_Periodico_Universal", "Grupo de Trabajo sobre el Examen Periódico Universal"},
		{"Convencion_Belem_Do_Para", "Mecanismo de Seguimiento de la Convención de Belém do Pará"},
		{"Comision_Interamericana", "Comisión Interamericana de Derechos Humanos"},
	}
)

// TestIdentityShared measures identity on the corpora of ../shared, read
// as relatoria ingest reads them: the real PDFs of real-pdfs-dev (tuned and
// held-out files apart), the UN PDFs of un-pdfs-en, the CLADEM
// compilations of cladem-dev (country and body) and the seeds. It runs only
// with RELATORIA_SHARED set to the shared folder:
//
//	RELATORIA_SHARED=../shared go test ./ingest -run TestIdentityShared -v
func TestIdentityShared(t *testing.T) {
	shared := os.Getenv("RELATORIA_SHARED")
	if shared == "" {
		t.Skip("RELATORIA_SHARED is not set")
	}
	read := func(dir, name string) *corpus.Document {
		doc, err := File(os.DirFS(dir), name, Options{})
		if err != nil && doc == nil {
			t.Fatalf("%s: %v", name, err)
		}
		return doc
	}
	// real-pdfs-dev
	dir := filepath.Join(shared, "corpora", "real-pdfs-dev")
	var tuned, held identityScore
	for i, want := range readTruth(t) {
		doc := read(dir, want.file+".pdf")
		if heldOut(i) {
			held.add(want.file, want, doc)
		} else {
			tuned.add(want.file, want, doc)
		}
	}
	tuned.report(t, "real-pdfs-dev, tuned")
	held.report(t, "real-pdfs-dev, held out (every third file)")
	// un-pdfs-en
	var un identityScore
	dir = filepath.Join(shared, "corpora", "un-pdfs-en")
	for _, want := range readTruthFile(t, "testdata/identity/un-pdfs-en.tsv") {
		un.add(want.file, want, read(dir, want.file+".pdf"))
	}
	un.report(t, "un-pdfs-en")
	// cladem-dev: country and body by file name.
	var cl identityScore
	dir = filepath.Join(shared, "corpora", "cladem-dev")
	names, _ := filepath.Glob(filepath.Join(dir, "2*.md"))
	for _, path := range names {
		name := filepath.Base(path)
		doc := read(dir, name)
		want := identityTruth{file: name, country: claDEMCountries[name[:4]], date: doc.Adopted.String(), typ: doc.Type, title: doc.Title}
		for _, b := range claDEMBodies {
			if strings.HasPrefix(name[len("2001-01-01-"):], b.prefix) {
				want.body = b.body
			}
		}
		cl.add(name, want, doc)
	}
	cl.report(t, "cladem-dev (body and country; date, type and title not labelled)")
	// The seeds: web pages and text, one resolution.
	var seeds identityScore
	dir = filepath.Join(shared, "seeds")
	names, _ = filepath.Glob(filepath.Join(dir, "*.txt"))
	for _, path := range names {
		name := filepath.Base(path)
		doc := read(dir, name)
		want := identityTruth{file: name, title: doc.Title}
		if strings.HasPrefix(name, "003_") {
			want.body, want.date, want.typ = "Consejo de Derechos Humanos", "2022-10-07", corpus.TypeResolucion
		}
		seeds.add(name, want, doc)
	}
	seeds.report(t, "seeds")
	for _, s := range []*identityScore{&tuned, &held, &un, &cl, &seeds} {
		for _, m := range s.misses {
			t.Log(m)
		}
		for k := range 4 {
			if k != 2 && s.rate(k) < 0.9 {
				t.Errorf("%s found on %s of the documents that say it; want ≥ 90%%", identityFields[k], s.share(k))
			}
		}
	}
}
