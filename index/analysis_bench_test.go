package index

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"

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

// FuzzLowerFilter checks that lowerFilter lower-cases every term as
// bleve's lower-case filter does.
func FuzzLowerFilter(f *testing.F) {
	for _, s := range []string{"Derechos HUMANOS", "NIÑAS Ñandú", "ΟΔΥΣΣΕΥΣ", "Ⱥ Ⱦ ÀÉÎ", "a\xffB", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		mine := analysis.TokenStream{{Term: []byte(s)}}
		theirs := analysis.TokenStream{{Term: []byte(s)}}
		lowerFilter{}.Filter(mine)
		lowercase.NewLowerCaseFilter().Filter(theirs)
		if !bytes.Equal(mine[0].Term, theirs[0].Term) {
			t.Errorf("lowerFilter(%q) = %q, bleve's %q", s, mine[0].Term, theirs[0].Term)
		}
	})
}
