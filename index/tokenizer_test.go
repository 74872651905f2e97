package index

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

func TestWordTokenizer(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Los Estados Miembros", []string{"Los", "Estados", "Miembros"}},
		{"A/HRC/RES/51/34, párr. 7", []string{"A", "HRC", "RES", "51", "34", "párr", "7"}},
		{"niñas y perio\u0301dicos", []string{"niñas", "y", "perio\u0301dicos"}},
		{"3.5 millones; 1,000 y 1’392.623", []string{"3.5", "millones", "1,000", "y", "1’392.623"}},
		{"en 2030. Luego", []string{"en", "2030", "Luego"}},
		{"l'ONU, www.ohchr.org y e-mail", []string{"l'ONU", "www.ohchr.org", "y", "e", "mail"}},
		{"«cooperación»—técnica…", []string{"cooperación", "técnica"}},
		{"118.100;118.122", []string{"118.100;118.122"}},
		{"fin.", []string{"fin"}},
		{"'citado'", []string{"citado"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range (wordTokenizer{}).Tokenize([]byte(tt.in)) {
			got = append(got, string(tok.Term))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTokenizerAgreesWithUnicode checks the word tokenizer against Unicode
// word segmentation on the sample corpus and the test documents.
func TestTokenizerAgreesWithUnicode(t *testing.T) {
	texts := sampleTexts(t)
	files, _ := filepath.Glob("../ingest/testdata/docs/*.md")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, b)
	}
	u := unicodetok.NewUnicodeTokenizer()
	words := 0
	for _, b := range texts {
		if !utf8.Valid(b) {
			continue // the PDF of the sample
		}
		want, got := u.Tokenize(b), (wordTokenizer{}).Tokenize(b)
		words += len(want)
		for i := range min(len(want), len(got)) {
			if want[i].Start != got[i].Start || want[i].End != got[i].End {
				lo, hi := max(0, got[i].Start-20), min(len(b), got[i].End+20)
				t.Fatalf("token %d: %q, Unicode segmentation gives %q (in %q)", i, got[i].Term, want[i].Term, b[lo:hi])
			}
		}
		if len(want) != len(got) {
			t.Fatalf("%d tokens, Unicode segmentation gives %d", len(got), len(want))
		}
	}
	if words < 5000 {
		t.Fatalf("only %d words compared", words)
	}
}

// sampleTexts returns the files of the embedded sample corpus.
func sampleTexts(t testing.TB) [][]byte {
	var out [][]byte
	entries, err := fs.ReadDir(corpus.Sample, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pdf") {
			continue // compressed streams, not text
		}
		b, err := fs.ReadFile(corpus.Sample, e.Name())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

func FuzzWordTokenizer(f *testing.F) {
	for _, s := range []string{"A/HRC/RES/51/34 §7", "1’392.623; l'ONU", "perio\u0301dico", "\xff\xfe", strings.Repeat("a.", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		end, pos := 0, 0
		for _, tok := range (wordTokenizer{}).Tokenize(b) {
			if tok.Start < end || tok.End <= tok.Start || tok.End > len(b) || string(tok.Term) != string(b[tok.Start:tok.End]) || tok.Position != pos+1 {
				t.Fatalf("bad token %+v after end %d, position %d", tok, end, pos)
			}
			end, pos = tok.End, tok.Position
		}
	})
}

func BenchmarkTokenizers(b *testing.B) {
	var text []byte
	for _, d := range sampleTexts(b) {
		if utf8.Valid(d) {
			text = append(text, d...)
		}
	}
	b.Run("words", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			(wordTokenizer{}).Tokenize(text)
		}
	})
	b.Run("unicode", func(b *testing.B) {
		u := unicodetok.NewUnicodeTokenizer()
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			u.Tokenize(text)
		}
	})
}

// TestLightStemmerAsBleve checks the stemmer against bleve's on every word
// of the sample corpus, folded and not.
func TestLightStemmerAsBleve(t *testing.T) {
	theirs := es.NewSpanishLightStemmerFilter()
	n := 0
	for _, text := range sampleTexts(t) {
		if !utf8.Valid(text) {
			continue
		}
		for _, tok := range (wordTokenizer{}).Tokenize(text) {
			for _, w := range []string{strings.ToLower(string(tok.Term)), string(spanish.Fold([]byte(strings.ToLower(string(tok.Term)))))} {
				want := theirs.Filter(analysis.TokenStream{&analysis.Token{Term: []byte(w)}})[0].Term
				in := []byte(w)
				got := stemLight(in)
				if string(got) != string(want) || string(in) != w {
					t.Fatalf("stemLight(%q) = %q (input now %q), bleve gives %q", w, got, in, want)
				}
				n++
			}
		}
	}
	for _, w := range []string{"veces", "luces", "capaces", "meses", "niñas", "acción", "países"} {
		want := theirs.Filter(analysis.TokenStream{&analysis.Token{Term: []byte(w)}})[0].Term
		if got := stemLight([]byte(w)); string(got) != string(want) {
			t.Errorf("stemLight(%q) = %q, bleve gives %q", w, got, want)
		}
	}
	if n < 10000 {
		t.Fatalf("only %d words", n)
	}
}

// TestWordsAsAnalyzers checks that Words gives each word the term es_un
// gives it, and every word es_words finds.
func TestWordsAsAnalyzers(t *testing.T) {
	for _, b := range sampleTexts(t) {
		text := string(b)
		words := Words(text)
		exact := analyzerNamed(analyzerWords).Analyze(b)
		if len(words) != len(exact) {
			t.Fatalf("%d words, es_words has %d", len(words), len(exact))
		}
		stems := map[int]string{}
		for _, tok := range analyzerNamed(AnalyzerSpanish).Analyze(b) {
			stems[tok.Start] = string(tok.Term)
		}
		for i, w := range words {
			if w.Exact != string(exact[i].Term) || w.Stem != stems[w.Start] {
				t.Fatalf("word %q at %d: exact %q stem %q, want %q and %q", text[w.Start:w.End], w.Start, w.Exact, w.Stem, exact[i].Term, stems[w.Start])
			}
		}
	}
}

// TestVisitWordsStarting checks that passing over words by their first
// letter loses none that a highlighter looks for: on the sample corpus, for
// the stems and exact forms of a sample of its words, every word with one
// of those forms is visited, with the same forms as VisitWords gives.
func TestVisitWordsStarting(t *testing.T) {
	entries, err := fs.ReadDir(corpus.Sample, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue
		}
		data, _ := fs.ReadFile(corpus.Sample, e.Name())
		text := string(data)
		all := Words(text)
		for step := 7; step < 40; step += 11 {
			var firsts FirstLetters
			wantStem, wantExact := map[string]bool{}, map[string]bool{}
			for i := 0; i < len(all); i += step {
				wantStem[all[i].Stem] = true
				wantExact[all[i].Exact] = true
				firsts.Add(all[i].Stem)
				firsts.Add(all[i].Exact)
			}
			got := map[int]Word{}
			VisitWordsStarting(text, &firsts, func(start, end int, exact, stem []byte) {
				got[start] = Word{Start: start, End: end, Exact: string(exact), Stem: string(stem)}
			})
			for _, w := range all {
				if w.Stem != "" && wantStem[w.Stem] || wantExact[w.Exact] {
					if g, ok := got[w.Start]; !ok || g != w {
						t.Errorf("%s: word %+v looked for, visited as %+v (%v)", e.Name(), w, g, ok)
					}
				}
			}
			if len(got) >= len(all) {
				t.Errorf("%s: every word visited (%d of %d): nothing passed over", e.Name(), len(got), len(all))
			}
		}
	}
}
