package ingest

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// TestBadInput checks that each kind of bad file yields an *Error naming the
// file and a reason, and never a panic.
func TestBadInput(t *testing.T) {
	pdf, _ := fs.ReadFile(corpus.Sample, "004_3bae5674daa3922c.pdf")
	for _, tt := range []struct {
		name   string
		data   []byte
		reason string
	}{
		{"empty.txt", nil, "archivo vacío"},
		{"blank.txt", []byte(" \n\n\t "), "archivo vacío"},
		{"binary.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00>\x00"), "archivo binario"},
		{"truncated.pdf", pdf[:len(pdf)/2], "PDF truncado"},
		{"fake.pdf", []byte("this is not a PDF at all, only text"), "no es un archivo PDF"},
		{"bad-utf8.txt", []byte("Resolución aprobada \xff\xfe\xfd por el Consejo"), "UTF-8 no válido"},
		{"noise.txt", []byte("\x81\x8d\x8f\x90\x9d\x81\x8d\x8f"), "UTF-8 no válido"},
		{"toolarge.txt", []byte(strings.Repeat("a", 100)), "archivo demasiado grande"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opt := Options{}
			if tt.name == "toolarge.txt" {
				opt.MaxFileSize = 10
			}
			doc, err := Read(tt.name, tt.data, opt)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Read(%s) = %v, %v; want *Error", tt.name, doc, err)
			}
			if e.Path != tt.name || !strings.Contains(err.Error(), tt.reason) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line naming %s with %q", err, tt.name, tt.reason)
			}
		})
	}
}

// TestEncodings checks that legacy encodings are decoded.
func TestEncodings(t *testing.T) {
	want := "Resolución sobre los niños y las niñas, ¿qué sigue? 1º de enero"
	latin1 := []byte{}
	for _, r := range want {
		latin1 = append(latin1, byte(r))
	}
	utf16le := []byte{0xFF, 0xFE}
	for _, r := range want {
		utf16le = append(utf16le, byte(r), byte(r>>8))
	}
	utf16be := []byte{}
	for _, r := range want {
		utf16be = append(utf16be, byte(r>>8), byte(r))
	}
	for name, data := range map[string][]byte{"latin1.txt": latin1, "utf16le.txt": utf16le, "utf16be-nobom.txt": utf16be, "utf8bom.txt": append([]byte("\xef\xbb\xbf"), want...)} {
		doc, err := Read(name, data, Options{NoRepair: true})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := doc.Paragraphs[0].Text; got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

// TestWalkBatch checks that bad files in a folder are reported and the good
// ones still read.
func TestWalkBatch(t *testing.T) {
	dir := t.TempDir()
	good, _ := fs.ReadFile(corpus.Sample, "000_1d19a80b84d8d935.txt")
	files := map[string][]byte{
		"buena.txt":             good,
		"sub/también buena.txt": good,
		"vacía.txt":             nil,
		"binario.txt":           {0, 1, 2, 3, 0, 0, 0},
		"roto.pdf":              []byte("%PDF-1.4\n1 0 obj\n"),
		"imagen.png":            {0x89, 'P', 'N', 'G'},
		".oculto/secreto.txt":   good,
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink(dir, filepath.Join(dir, "bucle"))
	var skipped atomic.Int64
	var docs, errs int
	var msgs []string
	for doc, err := range Walk(context.Background(), []string{dir, filepath.Join(dir, "no-existe.txt")}, Options{}, &skipped) {
		if err != nil {
			errs++
			msgs = append(msgs, err.Error())
			continue
		}
		docs++
		if len(doc.Paragraphs) == 0 {
			t.Errorf("%s: no paragraphs", doc.Source)
		}
	}
	if docs != 2 || errs != 5 || skipped.Load() != 1 {
		t.Errorf("docs %d errors %d skipped %d, want 2, 5, 1; errors: %q", docs, errs, skipped.Load(), msgs)
	}
}
