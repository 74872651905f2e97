package ingest

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenInputs returns every test document: the embedded sample corpus and
// testdata/docs.
func goldenInputs(t *testing.T) map[string][]byte {
	t.Helper()
	in := map[string][]byte{}
	fs.WalkDir(corpus.Sample, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(corpus.Sample, p)
			in["sample/"+p] = b
		}
		return nil
	})
	files, _ := filepath.Glob("testdata/docs/*")
	for _, f := range files {
		if strings.HasSuffix(f, "SOURCE.md") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in["docs/"+filepath.Base(f)] = b
	}
	return in
}

// TestGolden extracts every test document and compares the JSON with
// testdata/golden/NAME.json (run with -update to accept a change).
func TestGolden(t *testing.T) {
	for name, data := range goldenInputs(t) {
		t.Run(name, func(t *testing.T) {
			doc, err := Read(name, data, Options{})
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			got, _ := json.MarshalIndent(doc, "", "  ")
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(name, "/", "_")+".json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./ingest -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("extraction of %s differs from %s; inspect with: go test ./ingest -run TestGolden -update && git diff", name, golden)
			}
		})
	}
}

// TestNoSplitWords checks that no paragraph of any test document contains
// page furniture or a word broken by extraction.
func TestNoFurnitureInParagraphs(t *testing.T) {
	for name, data := range goldenInputs(t) {
		doc, err := Read(name, data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range doc.Paragraphs {
			for _, bad := range []string{"GE.22-16568", "24-14711", "Distr.", "\uFFFD", "Sorry, you need", "Pasar al contenido"} {
				if strings.Contains(p.Text, bad) {
					t.Errorf("%s ¶%d contains %q: %q", name, p.Ordinal, bad, p.Text)
				}
			}
		}
	}
}
