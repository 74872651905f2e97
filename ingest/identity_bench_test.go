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
//
// On a shared machine, count instructions instead (the same to 0.1% from
// run to run): an op is the difference of 6 and 1 runs, over 5.
//
//	go test -c -o /tmp/ingest.test ./ingest && cd ingest
//	GOGC=off GOMEMLIMIT=100GiB GODEBUG=asyncpreemptoff=1 valgrind --tool=callgrind \
//	    /tmp/ingest.test -test.run '^$' -test.bench 'Identify$' -test.benchtime 6x -test.cpu 1
//
// Before identity by the document (issue 29): 275.0 M instructions an op;
// after: 75.8 M.
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
