package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestScans ingests scanned documents through the command line: with
// Tesseract, their text is found by a query and each page is reported on
// stderr; without it (a PATH that lacks it), the scan fails naming the
// package to install, the text page of a mixed PDF is still indexed, and so
// are the other files of the batch.
func TestIngestScans(t *testing.T) {
	scans := "../../ingest/testdata/scans"
	dir := t.TempDir()
	for _, name := range []string{"ecuador-mesecvi.pdf", "mixed.pdf"} {
		data, err := os.ReadFile(filepath.Join(scans, name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	seed, _ := os.ReadFile("../../corpus/sample/003_458e2a76d7cd54dd.txt")
	os.WriteFile(filepath.Join(dir, "51-34.txt"), seed, 0o644)

	t.Run("with tesseract", func(t *testing.T) {
		if _, err := exec.LookPath("tesseract"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatal("tesseract not found; CI must install it (apt-get install tesseract-ocr tesseract-ocr-spa poppler-utils)")
			}
			t.Skip("tesseract not found; install tesseract-ocr, tesseract-ocr-spa and poppler-utils to run this test")
		}
		vars := map[string]string{"RELATORIA_INDEX": filepath.Join(t.TempDir(), "idx")}
		code, _, errs := runCLI(t, vars, "ingest", dir)
		if code != 0 || !strings.Contains(errs, "ecuador-mesecvi.pdf: OCR de la página 1 (1 de 1, spa) leída") {
			t.Fatalf("ingest: exit %d, stderr:\n%s", code, errs)
		}
		code, out, _ := runCLI(t, vars, "query", "-json", "femicidio prostitución forzada")
		var res struct {
			Hits []struct{ Source, Text string }
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || len(res.Hits) == 0 {
			t.Fatalf("query: exit %d, %v, %s", code, err, out)
		}
	})

	t.Run("without tesseract", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		vars := map[string]string{"RELATORIA_INDEX": filepath.Join(t.TempDir(), "idx")}
		code, _, errs := runCLI(t, vars, "ingest", "-quiet", dir)
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		for _, want := range []string{"ecuador-mesecvi.pdf: el PDF no tiene capa de texto", "mixed.pdf: el OCR falló en la página 2 de 2", "tesseract-ocr", "documentos indexados: 2"} {
			if !strings.Contains(errs, want) {
				t.Errorf("stderr lacks %q:\n%s", want, errs)
			}
		}
		_, out, _ := runCLI(t, vars, "query", "-json", "Comité contra la Tortura Ecuador")
		if !strings.Contains(out, "mixed.pdf") {
			t.Errorf("the text page of mixed.pdf is not indexed: %s", out)
		}
	})
}
