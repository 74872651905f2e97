package index

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/stop"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/relatoria/relatoria/spanish"
)

// The analysis chain for Spanish text. Registered in init, so that every
// process that opens an index (whose mapping names these by string) has
// them.
//
//	es_un:    words (tokenizer.go) → lower case → Spanish stop words (without
//	          "estado(s)") → fold accents and ñ → light Spanish stemmer
//	es_exact: words → lower case → Spanish stop words (accents kept, no
//	          stemming). Stop words are left out of the exact-form field
//	          as of the Spanish one: "de", "la" are in nearly every
//	          paragraph, and their postings were 5% of the index.
//
// Folding is a token filter, not a char filter, so highlight offsets stay
// on the original bytes. The stock "es" analyzer is not used: its stop list
// drops "estado", "estados" (so "Estados Miembros" and "estado de derecho"
// could not be found), and its normaliser leaves ñ and decomposed accents.
const (
	AnalyzerSpanish = "es_un"
	AnalyzerExact   = "es_exact"
	analyzerWords   = "es_words" // every word lower-cased, for Words
	FoldFilterName  = "fold_es"
	StopFilterName  = "stop_es_un"
)

// stopWords is Snowball's Spanish list minus the forms of "estar" that are
// also the noun "estado": "estado estados estada estadas estad".
var stopWords = func() analysis.TokenMap {
	m := analysis.NewTokenMap()
	if err := m.LoadBytes(es.SpanishStopWords); err != nil {
		panic(err)
	}
	for _, w := range []string{"estado", "estados", "estada", "estadas", "estad"} {
		delete(m, w)
	}
	return m
}()

// foldFilter removes diacritics (á→a, ñ→n, ü→u) from each token with
// spanish.Fold, the index's fold. Tokens that are plain ASCII, the great
// majority, are passed through untouched: without that fast path indexing
// made about ten times more garbage.
type foldFilter struct{}

// Filter folds the terms of ts in place.
func (foldFilter) Filter(ts analysis.TokenStream) analysis.TokenStream {
	for _, t := range ts {
		if !isASCII(t.Term) {
			t.Term = spanish.Fold(t.Term)
		}
	}
	return ts
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// analyzerSpanishPositions is es_un for indexing the text field: the same
// terms and positions, without byte offsets. Offsets are stored beside
// positions in bleve's term vectors, and nothing reads them (highlights are
// made by package search from the stored text); zeros store in a byte.
const analyzerSpanishPositions = "es_un_positions"

const dropOffsetsName = "drop_offsets"

// dropOffsets zeroes the byte offsets of tokens.
type dropOffsets struct{}

// Filter zeroes the offsets of ts in place.
func (dropOffsets) Filter(ts analysis.TokenStream) analysis.TokenStream {
	for _, t := range ts {
		t.Start, t.End = 0, 0
	}
	return ts
}

// LowerFilterName is the lower-case filter of the analyzers.
const LowerFilterName = "relatoria_lower"

// bleveLower is bleve's lower-case filter, which lowerFilter hands the
// terms that are not plain ASCII.
var bleveLower = lowercase.NewLowerCaseFilter()

// lowerFilter lower-cases terms exactly as bleve's lower-case filter
// (analysis/token/lowercase) does, in place, with a fast path for terms
// that are plain ASCII, the great majority: bleve's asks unicode.ToLower
// about every byte (a sixth of analysis).
type lowerFilter struct{}

// Filter lower-cases the terms of ts.
func (lowerFilter) Filter(ts analysis.TokenStream) analysis.TokenStream {
	for i, t := range ts {
		if !isASCII(t.Term) {
			bleveLower.Filter(ts[i : i+1])
			continue
		}
		for j, c := range t.Term {
			if 'A' <= c && c <= 'Z' {
				t.Term[j] = c + 'a' - 'A'
			}
		}
	}
	return ts
}

// StemmerName is the light Spanish stemmer of es_un.
const StemmerName = "stem_es_light"

// lightStemmer is bleve's light Spanish stemmer (analysis/lang/es,
// "stemmer_es_light": it drops a final vowel, or "es"/"os"/"as", and makes
// "-ces" "-z") without its two allocations per token: on folded, hence
// mostly ASCII, terms the stem is a prefix of the term. It was a tenth of
// indexing time.
type lightStemmer struct{}

// Filter stems the terms of ts in place.
func (lightStemmer) Filter(ts analysis.TokenStream) analysis.TokenStream {
	for _, t := range ts {
		t.Term = stemLight(t.Term)
	}
	return ts
}

// stemLight returns the light stem of term; it never changes term's bytes.
func stemLight(term []byte) []byte {
	if !isASCII(term) {
		r := []rune(string(term))
		n, z := lightStem(r)
		if z {
			r[n-1] = 'z'
		}
		return []byte(string(r[:n]))
	}
	n, z := lightStem(term)
	if !z {
		return term[:n]
	}
	out := append([]byte(nil), term[:n]...)
	out[n-1] = 'z'
	return out
}

// lightStem returns how much of w its light stem keeps, and whether the
// last letter kept becomes "z" ("veces" → "vez").
func lightStem[T byte | rune](w []T) (n int, z bool) {
	l := len(w)
	if l < 5 {
		return l, false
	}
	switch w[l-1] {
	case 'o', 'a', 'e':
		return l - 1, false
	case 's':
		if w[l-2] == 'e' && w[l-3] == 's' && w[l-4] == 'e' {
			return l - 2, false
		}
		if w[l-2] == 'e' && w[l-3] == 'c' {
			return l - 2, true
		}
		if w[l-2] == 'o' || w[l-2] == 'a' || w[l-2] == 'e' {
			return l - 2, false
		}
	}
	return l, false
}

func init() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	must(registry.RegisterTokenFilter(FoldFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return foldFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(StemmerName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return lightStemmer{}, nil
	}))
	must(registry.RegisterTokenFilter(LowerFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return lowerFilter{}, nil
	}))
	must(registry.RegisterTokenFilter(StopFilterName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return stop.NewStopTokensFilter(stopWords), nil
	}))
	// Both analyzers split into words and lower-case; the
	// Spanish one goes on to drop stop words, fold and stem.
	analyzer := func(extra ...string) registry.AnalyzerConstructor {
		return func(_ map[string]any, c *registry.Cache) (analysis.Analyzer, error) {
			tok, err := c.TokenizerNamed(TokenizerName)
			if err != nil {
				return nil, err
			}
			filters := []analysis.TokenFilter{}
			for _, name := range append([]string{LowerFilterName}, extra...) {
				f, err := c.TokenFilterNamed(name)
				if err != nil {
					return nil, err
				}
				filters = append(filters, f)
			}
			return &analysis.DefaultAnalyzer{Tokenizer: tok, TokenFilters: filters}, nil
		}
	}
	must(registry.RegisterAnalyzer(AnalyzerSpanish, analyzer(StopFilterName, FoldFilterName, StemmerName)))
	must(registry.RegisterAnalyzer(AnalyzerExact, analyzer(StopFilterName)))
	must(registry.RegisterAnalyzer(analyzerWords, analyzer()))
	must(registry.RegisterTokenFilter(dropOffsetsName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return dropOffsets{}, nil
	}))
	must(registry.RegisterAnalyzer(analyzerSpanishPositions, analyzer(StopFilterName, FoldFilterName, StemmerName, dropOffsetsName)))
}

var analyzerCache = sync.OnceValue(registry.NewCache)

func analyzerNamed(name string) analysis.Analyzer {
	a, err := analyzerCache().AnalyzerNamed(name)
	if err != nil {
		panic(err) // registered in init
	}
	return a
}

// Terms returns the index terms of text under the Spanish analyzer
// ("Las resoluciones" → ["resolucion"]); none for stop words.
func Terms(text string) []string {
	var out []string
	for _, t := range analyzerNamed(AnalyzerSpanish).Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
}

// ExactTerms returns the terms of text in the exact-form field: its words
// lower-cased ("Niñas" → "niñas"); none for stop words.
func ExactTerms(text string) []string {
	var out []string
	for _, t := range analyzerNamed(AnalyzerExact).Analyze([]byte(text)) {
		out = append(out, string(t.Term))
	}
	return out
}

// Word is a word of a text as the index sees it.
type Word struct {
	Start, End int    // byte offsets in the text
	Exact      string // lower-cased, as in the exact-form field (stop words too)
	Stem       string // the Spanish term; "" for a stop word
}

// Words returns the words of text with their exact forms and Spanish terms
// (see VisitWords).
func Words(text string) []Word {
	var out []Word
	VisitWords(text, func(start, end int, exact, stem []byte) {
		w := Word{Start: start, End: end, Exact: string(exact)}
		if stem != nil {
			w.Stem = string(stem)
		}
		out = append(out, w)
	})
	return out
}

// VisitWords calls visit with each word of text: its byte offsets, its
// exact form (lower-cased, as in the exact-form field) and its Spanish term
// (nil for a stop word). It analyses the text once, with the chain both
// analyzers begin with (words, lower case), and makes each Spanish term
// from the lower-cased word as es_un's later filters do (stop words,
// folding, stemming), into reused buffers: the slices are valid only
// during the call. Highlights use it for every hit shown.
func VisitWords(text string, visit func(start, end int, exact, stem []byte)) {
	VisitWordsStarting(text, nil, visit)
}

// FirstLetters is a set of ASCII characters, lower-cased: the first letters
// of the words a highlighter looks for (see VisitWordsStarting).
type FirstLetters [utf8.RuneSelf]bool

// Add adds the first character of word, lower-cased, when it is ASCII.
func (f *FirstLetters) Add(word string) {
	if word != "" && word[0] < utf8.RuneSelf {
		f[asciiLower(word[0])] = true
	}
}

func asciiLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// VisitWordsStarting is VisitWords for the words that may begin with one of
// firsts (all words when firsts is nil): a word whose first character is
// ASCII is visited only when firsts holds it lower-cased, one beginning
// with another letter always. A word's exact form and Spanish term begin
// with its first letter lower-cased (the light stemmer only cuts endings),
// so a highlighter that passes the first letters of the forms it looks for
// misses none, and makes no forms for most words of a paragraph (it made
// them for all: a fifth of a query with few hits).
func VisitWordsStarting(text string, firsts *FirstLetters, visit func(start, end int, exact, stem []byte)) {
	buf := tokenPool.Get().(*tokenBuffers)
	defer func() {
		clear(buf.tokens[:cap(buf.tokens)])
		clear(buf.block[:cap(buf.block)])
		tokenPool.Put(buf)
	}()
	buf.tokens, buf.block = tokenizeInto([]byte(text), buf.tokens[:0], buf.block[:0])
	for _, t := range buf.tokens {
		if firsts != nil && len(t.Term) > 0 && t.Term[0] < utf8.RuneSelf && !firsts[asciiLower(t.Term[0])] {
			continue
		}
		exact := lower(t.Term)
		var stem []byte
		if !stopWords[string(exact)] {
			stem = stemLight(spanish.Fold(exact))
		}
		visit(t.Start, t.End, exact, stem)
	}
}

// lower lower-cases b as bleve's lower-case filter does, in place for
// ASCII (b is the analyser's own copy).
func lower(b []byte) []byte {
	if !isASCII(b) {
		return bytes.ToLower(b)
	}
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}
