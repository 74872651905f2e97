// Command profingest profiles ingest: it reads a folder with the ingest
// pipeline, then indexes the documents into a fresh index, timing both and
// writing CPU profiles and one of allocations, so that throughput work starts from measurements.
//
//	go run ./internal/cmd/profingest -dir /tmp/bench/corpus-20000-7/docs
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/recurrence"
)

func main() {
	dir := flag.String("dir", "", "folder to ingest")
	out := flag.String("out", os.TempDir(), "folder for the profiles and the index")
	chunk := flag.Int("chunk", 25, "documents per Add")
	lineage := flag.Bool("lineage", true, "work out paragraph lineage while indexing")
	flag.Parse()
	log.SetFlags(0)
	f, _ := os.Create(filepath.Join(*out, "parse.prof"))
	pprof.StartCPUProfile(f)
	start := time.Now()
	var docs []*corpus.Document
	paras := 0
	for doc, err := range ingest.Walk(context.Background(), []string{*dir}, ingest.Options{}, nil) {
		if err != nil {
			log.Print(err)
			continue
		}
		docs = append(docs, doc)
		paras += len(doc.Paragraphs)
	}
	pprof.StopCPUProfile()
	parse := time.Since(start)
	log.Printf("parse: %d documents, %d paragraphs in %s (%.0f paragraphs/s)", len(docs), paras, parse, float64(paras)/parse.Seconds())
	idx := filepath.Join(*out, "profingest-index")
	os.RemoveAll(idx)
	ix, err := index.Create(idx, index.Options{})
	if err != nil {
		log.Fatal(err)
	}
	var w interface {
		Add(context.Context, ...*corpus.Document) error
	} = ix
	var linker *recurrence.Linker
	if *lineage {
		linker = recurrence.NewLinker(ix, recurrence.Open(idx))
		w = linker
	}
	f2, _ := os.Create(filepath.Join(*out, "index.prof"))
	pprof.StartCPUProfile(f2)
	start = time.Now()
	for i := 0; i < len(docs); i += *chunk {
		if err := w.Add(context.Background(), docs[i:min(i+*chunk, len(docs))]...); err != nil {
			log.Fatal(err)
		}
	}
	if linker != nil {
		linker.Close()
	}
	ix.Close()
	pprof.StopCPUProfile()
	took := time.Since(start)
	log.Printf("index: %d paragraphs in %s (%.0f paragraphs/s)", paras, took, float64(paras)/took.Seconds())
	// What both phases allocated (go tool pprof -sample_index=alloc_space).
	f3, _ := os.Create(filepath.Join(*out, "allocs.prof"))
	pprof.Lookup("allocs").WriteTo(f3, 0)
	f3.Close()
}
