package index

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/relatoria/relatoria/spanish"
)

// BenchmarkAnalyzers runs the analysis chains over the sample corpus, and
// the fold alone over its words: folding is on the hot path of indexing.
func BenchmarkAnalyzers(b *testing.B) {
	var text []byte
	for _, d := range sampleTexts(b) {
		if utf8.Valid(d) {
			text = append(text, d...)
		}
	}
	for _, name := range []string{AnalyzerSpanish, AnalyzerExact} {
		a := analyzerNamed(name)
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				a.Analyze(text)
			}
		})
	}
	words := bytes.Fields(bytes.ToLower(text))
	b.Run("fold", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			for _, w := range words {
				spanish.Fold(w)
			}
		}
	})
}
