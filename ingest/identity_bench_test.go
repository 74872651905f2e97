package ingest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// BenchmarkIdentify measures identify, which reads a document's first
// pages for its title, body, date, type and country, on the first pages of
// the 27 real PDFs of testdata/identity and the UPR report of
// testdata/docs (whose front is its first 20,000 characters), read as
// ingest reads a PDF's text. Each run starts from a document whose
// identity is unknown, so that every cue is read (issue 29: identify had
// become a fifth of an ingest of the bench corpus):
//
//	go test ./ingest -run '^$' -bench Identify -benchmem -count 5
func BenchmarkIdentify(b *testing.B) {
	files, _ := filepath.Glob("testdata/identity/pages/*.txt")
	files = append(files, "testdata/docs/upr-A_HRC_17_18.txt")
	var docs []*corpus.Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, asPDFText(b, string(data)))
	}
	if len(docs) < 28 {
		b.Fatalf("%d documents, want 28", len(docs))
	}
	b.ResetTimer()
	for b.Loop() {
		for _, doc := range docs {
			d := *doc
			d.Title, d.Body, d.Adopted, d.Type, d.Country = "", "", corpus.Date{}, "", ""
			identify(&d)
		}
	}
}
