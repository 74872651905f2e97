package index

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// describe renders term frequencies for comparison: each term with its
// frequency and the positions and offsets of its locations.
func describe(freqs bindex.TokenFrequencies) []string {
	var out []string
	for _, term := range slices.Sorted(maps.Keys(freqs)) {
		f := freqs[term]
		s := fmt.Sprintf("%s=%s×%d", term, f.Term, f.Frequency())
		for _, l := range f.Locations {
			s += fmt.Sprintf(" @%d[%d:%d]", l.Position, l.Start, l.End)
		}
		out = append(out, s)
	}
	return out
}

// TestTextFieldAsBleve checks that textField analyses as bleve's TextField
// with the same analyzer and options: same terms, frequencies, locations
// and length, analysis after analysis (its token buffers are reused), and
// leaves a stored value unchanged (as bleve does, an unstored one is
// lower-cased in place).
func TestTextFieldAsBleve(t *testing.T) {
	texts := []string{
		"Las Niñas y los NIÑOS de Belém do Pará: la cooperación técnica, la cooperación.",
		"",
		"de la y el",
		"COVID-19, 2030 y el párrafo 7 de la resolución 51/34; A/HRC/RES/51/34",
		"Derechos humanos derechos HUMANOS Derechos",
		"Una frase bastante más larga que las anteriores para que los búferes crezcan: " +
			"el Consejo de Derechos Humanos pide a la Oficina del Alto Comisionado que preste asistencia técnica a los Estados.",
		"Corta.",
	}
	cases := []struct {
		analyzer string
		options  bindex.FieldIndexingOptions
	}{
		{analyzerSpanishPositions, searchedText},
		{AnalyzerExact, plainIndexed},
		{AnalyzerSpanish, plainIndexed},
	}
	for _, c := range cases {
		for round := range 2 {
			for _, text := range texts {
				ours := newTextField("f", text, c.analyzer, c.options)
				ours.Analyze()
				theirs := document.NewTextFieldCustom("f", nil, []byte(text), c.options, analyzers()[c.analyzer])
				theirs.Analyze()
				if got, want := describe(ours.AnalyzedTokenFrequencies()), describe(theirs.AnalyzedTokenFrequencies()); !slices.Equal(got, want) {
					t.Errorf("%s round %d %q:\n got %v\nwant %v", c.analyzer, round, text, got, want)
				}
				if ours.AnalyzedLength() != theirs.AnalyzedLength() {
					t.Errorf("%s %q: length %d, want %d", c.analyzer, text, ours.AnalyzedLength(), theirs.AnalyzedLength())
				}
				if c.options.IsStored() && string(ours.Value()) != text {
					t.Errorf("%s: value changed to %q", c.analyzer, ours.Value())
				}
			}
		}
	}
}

// TestKeywordsFieldAsBleve checks that a keywords field has the terms of
// one keyword TextField per value.
func TestKeywordsFieldAsBleve(t *testing.T) {
	values := []string{"kind:operative", "body:Consejo de Derechos Humanos", "entities:ACNUR", "entities:ACNUR", "!A/HRC/RES/51/34#7"}
	ours := newKeywordsField("facet", values, facetValues)
	ours.Analyze()
	want := bindex.TokenFrequencies{}
	for i, v := range values {
		f := document.NewTextFieldCustom("facet", []uint64{uint64(i)}, []byte(v), facetValues, analyzers()[keyword.Name])
		f.Analyze()
		want.MergeAll("facet", f.AnalyzedTokenFrequencies())
	}
	if got, want := describe(ours.AnalyzedTokenFrequencies()), describe(want); !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	if ours.AnalyzedLength() != len(values) {
		t.Errorf("length %d, want %d", ours.AnalyzedLength(), len(values))
	}
}
