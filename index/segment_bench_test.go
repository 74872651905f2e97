package index

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bindex "github.com/blevesearch/bleve_index_api"
	zap "github.com/blevesearch/zapx/v17"

	"github.com/relatoria/relatoria/corpus"
)

// benchDocuments returns documents made of the paragraphs of the text
// files of the sample corpus (split at blank lines, their lines joined),
// copied until they hold at least n paragraphs.
func benchDocuments(tb testing.TB, n int) []*corpus.Document {
	tb.Helper()
	files, err := filepath.Glob("../corpus/sample/*.txt")
	if err != nil || len(files) == 0 {
		tb.Fatalf("sample corpus: %v", err)
	}
	var docs []*corpus.Document
	paras := 0
	for copyNo := 0; paras < n; copyNo++ {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			doc := &corpus.Document{ID: fmt.Sprintf("doc-%d-%s", copyNo, filepath.Base(f)), Source: f, Format: corpus.FormatText,
				Kind: corpus.KindResolution, Symbol: corpus.Symbol(fmt.Sprintf("A/HRC/RES/%d/1", copyNo)), Title: "Título de prueba", Body: "Consejo de Derechos Humanos"}
			for _, block := range strings.Split(string(data), "\n\n") {
				original := strings.TrimSpace(block)
				if original == "" {
					continue
				}
				doc.Paragraphs = append(doc.Paragraphs, corpus.Paragraph{Ordinal: len(doc.Paragraphs) + 1, Kind: corpus.Plain,
					Text: strings.Join(strings.Fields(original), " "), Original: original})
			}
			docs = append(docs, doc)
			paras += len(doc.Paragraphs)
		}
	}
	return docs
}

// BenchmarkSegment measures what indexing costs a shard beside bleve's
// bookkeeping: building the records of 4,000 paragraphs (BatchSize),
// analysing their fields and building their segment in memory, as a batch
// does. It runs no goroutines and no timers, so that its count of
// instructions is the same from run to run when the collector is off: the
// A/B measure for changes to records, analysis and stored fields, on a
// machine whose timings others disturb (in the package folder):
//
//	go test -c -o /tmp/index.test . && GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 GOGC=off \
//	valgrind --tool=callgrind /tmp/index.test -test.run XXX -test.bench 'BenchmarkSegment$' -test.benchtime 1x
//
// (with the collector on, the same binary's count varied by 9%).
func BenchmarkSegment(b *testing.B) {
	docs := benchDocuments(b, BatchSize)
	for b.Loop() {
		var results []bindex.Document
		for _, doc := range docs {
			sections := doc.Sections()
			for i, p := range doc.Paragraphs {
				d := record(ParagraphID(doc.ID, p.Ordinal), doc, i, sections[i])
				d.AddIDField()
				d.VisitFields(func(f bindex.Field) {
					if f.Options().IsIndexed() {
						f.Analyze()
					}
				})
				results = append(results, d)
			}
		}
		seg, _, err := (&zap.ZapPlugin{}).New(results)
		if err != nil {
			b.Fatal(err)
		}
		seg.Close()
	}
}
