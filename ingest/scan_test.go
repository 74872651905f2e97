package ingest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// requireTesseract skips a test that runs Tesseract and pdftoppm when they
// are not installed, unless CI is set: CI installs them (.ci/run), and
// their absence there is a failure.
func requireTesseract(t *testing.T) {
	t.Helper()
	for _, prog := range []string{"tesseract", "pdftoppm"} {
		if _, err := exec.LookPath(prog); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s not found; CI must install it (apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng poppler-utils)", prog)
			}
			t.Skipf("%s not found; install tesseract-ocr, tesseract-ocr-spa, tesseract-ocr-eng and poppler-utils to run the OCR tests (set CI=true to make this a failure)", prog)
		}
	}
}

// The scans of testdata/scans are held-out CLADEM texts (see SOURCE.md)
// printed, scanned at 200 dpi and degraded as make-pairs does: each has
// its clean text beside it.
var scans = []struct {
	file, clean string
	pages       int
}{
	{"ecuador-mesecvi.pdf", "ecuador-mesecvi.clean.txt", 1},
	{"elsalvador-mesecvi.jpg", "elsalvador-mesecvi.clean.txt", 1},
}

// TestScans reads scanned documents with Tesseract for real: an image-only
// PDF and a PNG page. Their word error rate after OCR and repair must stay
// under 2%, every paragraph must carry its page and a confidence, and the
// original must be kept beside each repair.
func TestScans(t *testing.T) {
	requireTesseract(t)
	for _, tt := range scans {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/scans", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			clean, err := os.ReadFile(filepath.Join("testdata/scans", tt.clean))
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			var progress []string
			doc, err := Read(tt.file, data, Options{Progress: func(file, msg string) {
				mu.Lock()
				progress = append(progress, file+": "+msg)
				mu.Unlock()
			}})
			if err != nil {
				t.Fatal(err)
			}
			if len(progress) != tt.pages || !strings.Contains(progress[0], tt.file+": OCR de la página 1") {
				t.Errorf("progress %q, want one line per page naming the file", progress)
			}
			var text []string
			for _, p := range doc.Paragraphs {
				text = append(text, p.Printed())
				if p.Page < 1 || p.Page > tt.pages || p.Confidence < 50 || p.Confidence > 100 {
					t.Errorf("paragraph %d: page %d, confidence %.1f", p.Ordinal, p.Page, p.Confidence)
				}
				if len(p.Repairs) > 0 && p.Original == p.Text {
					t.Errorf("paragraph %d: repaired but Original is the repaired text", p.Ordinal)
				}
			}
			w := scanWER(string(clean), strings.Join(text, "\n"))
			t.Logf("%s: %d paragraphs, word error rate %.4f", tt.file, len(doc.Paragraphs), w)
			if w > 0.02 {
				t.Errorf("%s: word error rate %.4f after OCR and repair, want at most 0.02", tt.file, w)
			}
		})
	}
}

// scanWER is the word error rate of hyp against ref, over words with
// their punctuation, as shared/tools/ocr-damage/cer counts it.
func scanWER(ref, hyp string) float64 {
	errs, words := wordErrors([]string{ref}, []string{hyp})
	return float64(errs) / float64(max(words, 1))
}

// TestMixedPDF reads a PDF whose first page has a text layer and whose
// second is a scan: both pages are read, in order, only the second by OCR.
func TestMixedPDF(t *testing.T) {
	requireTesseract(t)
	data, err := os.ReadFile("testdata/scans/mixed.pdf")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read("mixed.pdf", data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var pages []int
	for _, p := range doc.Paragraphs {
		pages = append(pages, p.Page)
	}
	first, last := doc.Paragraphs[0], doc.Paragraphs[len(doc.Paragraphs)-1]
	if first.Page != 0 || first.Confidence != 0 || !strings.Contains(first.Text, "Comité contra la Tortura") {
		t.Errorf("first paragraph %+v, want the text layer's (no page, no confidence)", first)
	}
	if last.Page != 2 || !strings.Contains(last.Text, "entidades públicas") {
		t.Errorf("last paragraph %+v, want OCR of page 2", last)
	}
	if doc.OCR == nil || doc.OCR.Source != "tesseract" {
		t.Errorf("OCR report %+v, want source tesseract", doc.OCR)
	}
	for _, p := range doc.Paragraphs {
		if p.Page == 0 && len(p.Repairs) > 0 {
			t.Errorf("text-layer paragraph repaired: %v in %q", p.Repairs, p.Text)
		}
	}
	t.Logf("pages of the paragraphs: %v", pages)
}

// fakeTesseract puts on PATH a tesseract that fails on page 2 of a PDF and
// runs the real one otherwise.
func fakeTesseract(t *testing.T) {
	t.Helper()
	real, err := exec.LookPath("tesseract")
	if err != nil {
		t.Skip("no tesseract")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\ncase \"$1\" in *page-2.pgm) echo 'Error in pixReadStream: page 2 unreadable' >&2; exit 1;; esac\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "tesseract"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// TestScanPageFails checks that a page whose OCR fails is named in the
// error, one line, and that the document of the other pages is returned.
func TestScanPageFails(t *testing.T) {
	requireTesseract(t)
	fakeTesseract(t)
	data, err := os.ReadFile("testdata/scans/two-pages.pdf")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read("two-pages.pdf", data, Options{})
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "el OCR falló en la página 2 de 2") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("error %v, want one line naming page 2", err)
	}
	if doc == nil || len(doc.Paragraphs) == 0 {
		t.Fatalf("no document for the page that was read")
	}
	for _, p := range doc.Paragraphs {
		if p.Page != 1 {
			t.Errorf("paragraph %d from page %d, want only page 1", p.Ordinal, p.Page)
		}
	}
}

// TestScanWithoutTesseract checks that without Tesseract on PATH a scan
// fails with an error naming the Debian package, and the rest of the batch
// is read.
func TestScanWithoutTesseract(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	dir := t.TempDir()
	for _, name := range []string{"ecuador-mesecvi.pdf", "elsalvador-mesecvi.jpg"} {
		data, err := os.ReadFile(filepath.Join("testdata/scans", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	good, _ := os.ReadFile("../corpus/sample/000_1d19a80b84d8d935.txt")
	os.WriteFile(filepath.Join(dir, "buena.txt"), good, 0o644)
	errs, docs := 0, 0
	for doc, err := range Walk(context.Background(), []string{dir}, Options{}, nil) {
		if err != nil {
			errs++
			if !strings.Contains(err.Error(), "tesseract-ocr") || !strings.Contains(err.Error(), dir) {
				t.Errorf("error %q, want the file and the package tesseract-ocr named", err)
			}
			continue
		}
		docs++
		if filepath.Base(doc.Source) != "buena.txt" {
			t.Errorf("%s read without Tesseract", doc.Source)
		}
	}
	if errs != 2 || docs != 1 {
		t.Errorf("%d errors and %d documents, want 2 and 1", errs, docs)
	}
}

// TestOCRLang checks -lang: an unknown model is refused with the reason.
func TestOCRLang(t *testing.T) {
	_, err := Read("x.png", []byte("\x89PNG\r\n\x1a\nxxxx"), Options{OCRLang: "fra"})
	if err == nil || !strings.Contains(err.Error(), `idioma de OCR desconocido "fra"`) {
		t.Errorf("error %v, want the unknown language named", err)
	}
}

func TestParseTSV(t *testing.T) {
	tsv := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n" +
		"1\t1\t0\t0\t0\t0\t0\t0\t1700\t3000\t-1\t\n" +
		"5\t1\t1\t1\t1\t1\t100\t120\t40\t30\t90\tLa\n" +
		"5\t1\t1\t1\t1\t2\t150\t120\t200\t36\t80\tcooperacién\n" +
		"5\t1\t1\t1\t2\t1\t100\t180\t160\t30\t70\ttécnica.\n" +
		"5\t1\t1\t2\t1\t1\t100\t300\t30\t30\t60\t2.\n" +
		"5\t1\t1\t2\t1\t2\t140\t300\t30\t30\tx\tmalformed\n" +
		"5\t1\t1\t2\t1\t3\t180\t300\t100\t30\t50\tComité\n" +
		"5\t1\t1\t2\t1\t4\t300\t300\t10\t30\t95\t \n"
	lines := parseTSV([]byte(tsv), 300, 4)
	want := []struct {
		text string
		par  int
		conf float64
	}{{"La cooperacién", 1, 85}, {"técnica.", 1, 70}, {"2. Comité", 2, 55}}
	if len(lines) != len(want) {
		t.Fatalf("parseTSV: %d lines %+v, want %d", len(lines), lines, len(want))
	}
	for i, w := range want {
		l := lines[i]
		if l.text != w.text || l.par != w.par || l.conf != w.conf || l.page != 4 {
			t.Errorf("line %d = %q par %d conf %.1f page %d, want %q par %d conf %.1f page 4", i, l.text, l.par, l.conf, l.page, w.text, w.par, w.conf)
		}
	}
	if lines[0].y <= lines[1].y || lines[0].pageTop != lines[0].y {
		t.Errorf("positions: %+v", lines)
	}
	blocks := ocrBlocks(lines)
	if len(blocks) != 2 || blocks[0].page != 4 || len(blocks[0].lines) != 2 {
		t.Errorf("ocrBlocks = %+v", blocks)
	}
}

func TestGuessLang(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"The Human Rights Council, recalling the Charter of the United Nations and its resolution", "eng"},
		{"El Consejo de Derechos Humanos, recordando la Carta de las Naciones Unidas y su resolución", "spa"},
		{"", "spa"},
	} {
		if got := guessLang(tt.text); got != tt.want {
			t.Errorf("guessLang(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func FuzzParseTSV(f *testing.F) {
	f.Add([]byte("level\tpage_num\n5\t1\t1\t1\t1\t1\t100\t120\t40\t30\t90\tLa\n"))
	f.Add([]byte("1\t1\t0\t0\t0\t0\t0\t0\t1700\t3000\t-1\t\n5\t2\t1\t1\t1\t1\t1\t1\t1\t1\tNaN\tx\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, l := range parseTSV(data, 300, 0) {
			if l.text == "" || l.par < 1 || l.words < 1 {
				t.Fatalf("parseTSV(%q): line %+v", data, l)
			}
		}
		_ = ocrBlocks(parseTSV(data, 0, 1))
	})
}

func TestElisionMark(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"(.)", true}, {"E.)", true}, {"(...)", true}, {"(5)", true}, {"Ci)", true}, {"()", true},
		{"(a) El Comité", false}, {"(Chile)", false}, {"texto)", false}, {"(…) sigue", false}, {"5.", false},
	} {
		if got := elisionMark(tt.text); got != tt.want {
			t.Errorf("elisionMark(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
