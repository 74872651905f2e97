package ocr

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func benchText(b *testing.B, pattern string) string {
	files, _ := filepath.Glob(pattern)
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		sb.Write(data)
	}
	return sb.String()
}

// BenchmarkRepair measures repair throughput on one core, on OCR output and
// on clean text (go test ./ingest/ocr -bench Repair -cpu 1).
func BenchmarkRepair(b *testing.B) {
	r, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, pattern string }{
		{"ocr-eng", "testdata/pairs-cladem-dev/*.ocr-eng.txt"},
		{"clean", "testdata/pairs-cladem-dev/*.clean.txt"},
	} {
		text := benchText(b, c.pattern)
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r.cache = nil // measure a cold cache: each pass starts from nothing
				r.Repair(text)
			}
		})
	}
}

// BenchmarkLoadLexicon measures the start-up cost of the embedded lexicon.
func BenchmarkLoadLexicon(b *testing.B) {
	for b.Loop() {
		if _, err := loadEmbedded(lexiconGz, NewLexicon)(); err != nil { // a fresh DefaultLexicon
			b.Fatal(err)
		}
	}
}

// BenchmarkRepairParallel measures repair as ingest runs it: paragraphs of
// clean text repaired by every core at once, the word cache warm
// (go test ./ingest/ocr -bench RepairParallel).
func BenchmarkRepairParallel(b *testing.B) {
	r, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	paras := strings.Split(benchText(b, "testdata/pairs-cladem-dev/*.clean.txt"), "\n\n")
	for _, p := range paras {
		r.Repair(p)
	}
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			r.Repair(paras[i%len(paras)])
			i++
		}
	})
}
