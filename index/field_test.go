package index

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
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

// FuzzSharedWords checks that the exact-form field made from the words the
// text field shares has the terms, frequencies and length the exact-form
// analyzer gives the text alone, and that sharing leaves the text field's
// own terms as they were.
func FuzzSharedWords(f *testing.F) {
	for _, s := range []string{"Los Estados Miembros y las NIÑAS de la Convención", "ΟΔΥΣΣΕΥΣ Ⱥ l'ONU 3.5 www.ohchr.org", "", "de la el"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		words := &sharedWords{}
		tf := newTextField(FieldText, text, analyzerSpanishPositions, searchedText)
		tf.share = words
		tf.Analyze()
		ef := newTextField(FieldTextExact, text, AnalyzerExact, plainIndexed)
		ef.from = words
		ef.Analyze()
		alone := newTextField(FieldTextExact, text, AnalyzerExact, plainIndexed)
		alone.Analyze()
		plain := newTextField(FieldText, text, analyzerSpanishPositions, searchedText)
		plain.Analyze()
		if !words.done {
			t.Fatal("the text field shared no words")
		}
		if ef.AnalyzedLength() != alone.AnalyzedLength() || !sameFreqs(ef.AnalyzedTokenFrequencies(), alone.AnalyzedTokenFrequencies()) {
			t.Errorf("%q: shared exact field %d %v, alone %d %v", text, ef.AnalyzedLength(), freqsOf(ef.AnalyzedTokenFrequencies()), alone.AnalyzedLength(), freqsOf(alone.AnalyzedTokenFrequencies()))
		}
		if tf.AnalyzedLength() != plain.AnalyzedLength() || !sameFreqs(tf.AnalyzedTokenFrequencies(), plain.AnalyzedTokenFrequencies()) {
			t.Errorf("%q: sharing changed the text field's terms", text)
		}
	})
}

func freqsOf(fs bindex.TokenFrequencies) map[string]int {
	out := map[string]int{}
	for term, f := range fs {
		out[term] = f.Frequency()
	}
	return out
}

func sameFreqs(a, b bindex.TokenFrequencies) bool {
	return reflect.DeepEqual(freqsOf(a), freqsOf(b))
}

// TestSharedFilters checks that the Spanish analyzers begin with the token
// filters that are all of the exact-form analyzer's, which sharedWords
// relies on.
func TestSharedFilters(t *testing.T) {
	exact := analyzers()[AnalyzerExact].(*analysis.DefaultAnalyzer)
	if len(exact.TokenFilters) != sharedFilters {
		t.Fatalf("%s has %d token filters, sharedFilters is %d", AnalyzerExact, len(exact.TokenFilters), sharedFilters)
	}
	for _, name := range []string{AnalyzerSpanish, analyzerSpanishPositions} {
		a := analyzerNamed(name).(*analysis.DefaultAnalyzer)
		for i := range sharedFilters {
			if reflect.TypeOf(a.TokenFilters[i]) != reflect.TypeOf(exact.TokenFilters[i]) {
				t.Errorf("%s's filter %d is %T, %s's %T", name, i, a.TokenFilters[i], AnalyzerExact, exact.TokenFilters[i])
			}
		}
	}
}
