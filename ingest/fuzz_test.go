package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
)

// fuzzRead checks the invariants of Read on any input: no panic, and a
// document (when there is one) with valid UTF-8 and consecutive ordinals.
// PDFs are read in a worker (see TestMain) under small limits, so that a
// bomb costs little.
func fuzzRead(t *testing.T, name string, data []byte) {
	doc, err := Read(name, data, Options{Limits: ReadLimits{Memory: 128 << 20, CPU: 5 * time.Second, Wall: 10 * time.Second}})
	if err != nil {
		if _, ok := err.(*Error); !ok {
			t.Fatalf("Read returned %T %v, want *Error", err, err)
		}
		return
	}
	for i, p := range doc.Paragraphs {
		if p.Ordinal != i+1 {
			t.Fatalf("ordinal %d at %d", p.Ordinal, i)
		}
		if !utf8.ValidString(p.Text) || p.Text == "" {
			t.Fatalf("paragraph %d text %q", i, p.Text)
		}
	}
}

func addSample(f *testing.F, suffix string) {
	fs.WalkDir(corpus.Sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && len(p) > len(suffix) && p[len(p)-len(suffix):] == suffix {
			b, _ := fs.ReadFile(corpus.Sample, p)
			f.Add(b)
		}
		return nil
	})
}

func FuzzReadText(f *testing.F) {
	addSample(f, ".txt")
	f.Add([]byte("51/34. Título\n\nEl Consejo de Derechos Humanos,\n\nRecordando algo,\n\n1. Decide;\n\n44ª sesión\n7 de octubre de 2022\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.txt", data) })
}

func FuzzReadMarkdown(f *testing.F) {
	f.Add([]byte("---\ntitle: \"X\"\n---\n# H\n\n212. El Comité[^1]\n   sigue _aquí_.\n\n[^1]: nota\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.md", data) })
}

func FuzzReadHTML(f *testing.F) {
	addSample(f, ".html")
	f.Add([]byte("<html><body><main><h1>T</h1><ol><li>a</li></ol><p>b<br>c</p></main></body></html>"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.html", data) })
}

func FuzzReadPDF(f *testing.F) {
	// Without Tesseract and poppler: a mutated font table makes a page
	// unreadable, and OCR of it takes seconds, which the fuzzer takes for
	// a hang under load. The programs are tested apart (scan_test.go,
	// TestPDFPageFallback, TestPDFUnopened); their output parsers are
	// fuzzed (FuzzParseTSV, FuzzParseBBoxLayout).
	f.Setenv("PATH", "")
	addSample(f, ".pdf")
	f.Add([]byte("%PDF-1.4\n%%EOF\n"))
	// The broken PDFs of the bad corpus: page trees that loop, impossible
	// object numbers, a corrupt stream.
	bad, _ := filepath.Glob("testdata/bad/*.pdf")
	for _, name := range bad {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.pdf", data) })
}
