package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The fields of a record are bleve document fields of two kinds of its
// own, built for the rate of bulk loads: bleve's TextField allocates each
// analysis anew (tokens, then a term-frequency entry and location list per
// term), which was a third of what ingest allocated, and a keyword value
// was a whole field of its own (about twenty a paragraph, each analysed
// and looked up by name when a segment is built).

// textField is a text field analysed by an analyzer of this package, into
// token buffers reused from one analysis to the next.
type textField struct {
	name     string
	value    []byte
	options  bindex.FieldIndexingOptions
	analyzer *analysis.DefaultAnalyzer
	length   int
	freqs    bindex.TokenFrequencies
	// share, when set, receives the field's words as the exact-form
	// analyzer makes them, for the exact-form field of the same text;
	// from, when set and filled, gives this field its words.
	share, from *sharedWords
}

// sharedWords carries the words of a text after lower-casing and stop
// words (which is all of AnalyzerExact) from the analysis of the text field,
// whose chain begins the same way, to the exact-form field of the same
// text: the text is split into words once. bleve analyses a record's
// fields one after the other, in the order they were added.
type sharedWords struct {
	done  bool
	terms [][]byte
}

// sharedFilters is how many token filters the Spanish analyzers begin
// with that are all of AnalyzerExact's (lower case, stop words; checked
// when the analyzers are first made).
const sharedFilters = 2

// keywordsField is a field of exact terms, one per value, as the keyword
// analyzer would make them: the values of a multi-valued filter in one
// field.
type keywordsField struct {
	name    string
	values  []string
	options bindex.FieldIndexingOptions
	freqs   bindex.TokenFrequencies
}

var (
	_ document.Field = (*textField)(nil)
	_ document.Field = (*keywordsField)(nil)
)

// newTextField returns a field named name holding value, analysed by the
// analyzer registered as analyzerName (one with this package's tokenizer).
func newTextField(name, value, analyzerName string, options bindex.FieldIndexingOptions) *textField {
	a, ok := analyzers()[analyzerName].(*analysis.DefaultAnalyzer)
	if !ok {
		panic("index: analyzer " + analyzerName + " is not a DefaultAnalyzer") // registered in init
	}
	return &textField{name: name, value: []byte(value), options: options, analyzer: a}
}

// tokenBuffers are the tokens of one analysis, kept for the next.
type tokenBuffers struct {
	tokens analysis.TokenStream
	block  []analysis.Token
	terms  []*bindex.TokenFreq // the frequency entry of each token
}

var tokenPool = sync.Pool{New: func() any { return new(tokenBuffers) }}

// Analyze computes the field's term frequencies.
func (f *textField) Analyze() {
	if f.from != nil && f.from.done {
		f.length = len(f.from.terms)
		f.freqs = termFrequencies(f.from.terms)
		return
	}
	input := f.value
	if f.options.IsStored() {
		// Filters may change bytes in place (lower case); the stored
		// value must stay as it was.
		input = append([]byte(nil), input...)
	}
	buf := tokenPool.Get().(*tokenBuffers)
	buf.tokens, buf.block = tokenizeInto(input, buf.tokens[:0], buf.block[:0])
	tokens := buf.tokens
	for k, filter := range f.analyzer.TokenFilters {
		tokens = filter.Filter(tokens)
		if f.share != nil && k+1 == sharedFilters {
			// The terms' bytes are not changed by the filters that
			// follow (folding and stemming make new slices or cut).
			f.share.terms = make([][]byte, 0, len(tokens))
			for _, t := range tokens {
				f.share.terms = append(f.share.terms, t.Term)
			}
			f.share.done = true
		}
	}
	f.length = len(tokens)
	f.freqs, buf.terms = tokenFrequencies(tokens, f.options.IncludeTermVectors(), buf.terms[:0])
	clear(buf.tokens[:cap(buf.tokens)]) // drop references to this text
	clear(buf.block[:cap(buf.block)])
	clear(buf.terms[:cap(buf.terms)])
	tokenPool.Put(buf)
}

// tokenFrequencies is bleve's analysis.TokenFrequency with one allocation
// for all the entries and one for all the locations, instead of one entry
// and one location list per term. terms is scratch space, returned for
// reuse.
func tokenFrequencies(tokens analysis.TokenStream, vectors bool, terms []*bindex.TokenFreq) (bindex.TokenFrequencies, []*bindex.TokenFreq) {
	freqs := make(bindex.TokenFrequencies, len(tokens))
	entries := make([]bindex.TokenFreq, 0, len(tokens))
	for _, t := range tokens {
		e, ok := freqs[string(t.Term)]
		if !ok {
			entries = append(entries, bindex.TokenFreq{Term: t.Term})
			e = &entries[len(entries)-1]
			freqs[string(t.Term)] = e
		}
		e.SetFrequency(e.Frequency() + 1)
		terms = append(terms, e)
	}
	if !vectors {
		return freqs, terms
	}
	// Each entry's locations are a window of one list, as long as its
	// frequency.
	pointers := make([]*bindex.TokenLocation, len(tokens))
	at := 0
	for i := range entries {
		n := entries[i].Frequency()
		entries[i].Locations = pointers[at : at : at+n]
		at += n
	}
	locations := make([]bindex.TokenLocation, len(tokens))
	for i, t := range tokens {
		locations[i] = bindex.TokenLocation{Start: t.Start, End: t.End, Position: t.Position}
		e := terms[i]
		e.Locations = append(e.Locations, &locations[i])
	}
	return freqs, terms
}

// termFrequencies is tokenFrequencies of terms without positions.
func termFrequencies(terms [][]byte) bindex.TokenFrequencies {
	freqs := make(bindex.TokenFrequencies, len(terms))
	entries := make([]bindex.TokenFreq, 0, len(terms))
	for _, t := range terms {
		e, ok := freqs[string(t)]
		if !ok {
			entries = append(entries, bindex.TokenFreq{Term: t})
			e = &entries[len(entries)-1]
			freqs[string(t)] = e
		}
		e.SetFrequency(e.Frequency() + 1)
	}
	return freqs
}

// Name returns the field's name.
func (f *textField) Name() string { return f.name }

// ArrayPositions returns nil: a record's fields are not in arrays.
func (f *textField) ArrayPositions() []uint64 { return nil }

// Options returns the indexing options.
func (f *textField) Options() bindex.FieldIndexingOptions { return f.options }

// Value returns the text.
func (f *textField) Value() []byte { return f.value }

// NumPlainTextBytes returns the length of the text.
func (f *textField) NumPlainTextBytes() uint64 { return uint64(len(f.value)) }

// Size estimates the memory the field holds.
func (f *textField) Size() int { return 64 + len(f.name) + 2*len(f.value) + 96*len(f.freqs) }

// EncodedFieldType returns 't', a text field (as stored).
func (f *textField) EncodedFieldType() byte { return 't' }

// AnalyzedLength returns the number of tokens after analysis.
func (f *textField) AnalyzedLength() int { return f.length }

// AnalyzedTokenFrequencies returns the terms found by Analyze.
func (f *textField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }

// newKeywordsField returns a field named name whose terms are values.
func newKeywordsField(name string, values []string, options bindex.FieldIndexingOptions) *keywordsField {
	return &keywordsField{name: name, values: values, options: options}
}

// Analyze makes one term of each value.
func (f *keywordsField) Analyze() {
	f.freqs = make(bindex.TokenFrequencies, len(f.values))
	entries := make([]bindex.TokenFreq, len(f.values))
	for i, v := range f.values {
		e, ok := f.freqs[v]
		if !ok {
			e = &entries[i]
			e.Term = []byte(v)
			f.freqs[v] = e
		}
		e.SetFrequency(e.Frequency() + 1)
	}
}

// Name returns the field's name.
func (f *keywordsField) Name() string { return f.name }

// ArrayPositions returns nil.
func (f *keywordsField) ArrayPositions() []uint64 { return nil }

// Options returns the indexing options.
func (f *keywordsField) Options() bindex.FieldIndexingOptions { return f.options }

// Value returns the first value (a keywords field is never stored).
func (f *keywordsField) Value() []byte {
	if len(f.values) == 0 {
		return nil
	}
	return []byte(f.values[0])
}

// NumPlainTextBytes returns the length of all values.
func (f *keywordsField) NumPlainTextBytes() uint64 {
	n := 0
	for _, v := range f.values {
		n += len(v)
	}
	return uint64(n)
}

// Size estimates the memory the field holds.
func (f *keywordsField) Size() int {
	return 64 + len(f.name) + int(2*f.NumPlainTextBytes()) + 96*len(f.values)
}

// EncodedFieldType returns 't', a text field.
func (f *keywordsField) EncodedFieldType() byte { return 't' }

// AnalyzedLength returns the number of values.
func (f *keywordsField) AnalyzedLength() int { return len(f.values) }

// AnalyzedTokenFrequencies returns the terms made by Analyze.
func (f *keywordsField) AnalyzedTokenFrequencies() bindex.TokenFrequencies { return f.freqs }
