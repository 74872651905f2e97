package ocr

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/es.txt.gz
var lexiconGz []byte

// Lexicon is a sorted list of Spanish word forms with frequencies. The
// words are substrings of the one decompressed text (no per-word
// allocation), so a lookup is a binary search over string headers: about
// 20 comparisons.
type Lexicon struct {
	words []string  // sorted
	freqs []float32 // per billion words of clean text; 0 when unseen
}

// DefaultLexicon returns the embedded lexicon, loading it on first use.
var DefaultLexicon = loadEmbedded(lexiconGz, NewLexicon)

// loadEmbedded returns a function that decompresses gz and parses it on its
// first call, and returns the same result on every call.
func loadEmbedded[T any](gz []byte, parse func(string) T) func() (T, error) {
	return sync.OnceValues(func() (T, error) {
		data, err := gunzip(gz)
		if err != nil {
			var zero T
			return zero, err
		}
		return parse(data), nil
	})
}

// gunzip returns the text of gzipped embedded data.
func gunzip(gz []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return "", err
	}
	b, err := io.ReadAll(zr)
	return string(b), err
}

// NewLexicon builds a lexicon from sorted lines "word" or "word\tfreq"
// (frequency per billion words of clean text).
func NewLexicon(data string) *Lexicon {
	n := strings.Count(data, "\n") + 1
	l := &Lexicon{words: make([]string, 0, n), freqs: make([]float32, 0, n)}
	for line := range strings.SplitSeq(data, "\n") {
		if line == "" {
			continue
		}
		word, freq, _ := strings.Cut(line, "\t")
		f := 0
		for i := 0; i < len(freq); i++ {
			f = f*10 + int(freq[i]-'0')
		}
		l.words = append(l.words, word)
		l.freqs = append(l.freqs, float32(f))
	}
	return l
}

// Len returns the number of forms.
func (l *Lexicon) Len() int { return len(l.words) }

// exact reports whether w is a form, as written, and its frequency.
func (l *Lexicon) exact(w string) (float64, bool) {
	i := sort.SearchStrings(l.words, w)
	if i < len(l.words) && l.words[i] == w {
		return float64(l.freqs[i]), true
	}
	return 0, false
}

// Lookup reports whether w is a Spanish word as written, and its frequency
// per billion words. A lower-case form is valid capitalised or in capitals
// ("Económicos", "ECONÓMICOS"); a capitalised form (a proper noun) only
// capitalised.
func (l *Lexicon) Lookup(w string) (float64, bool) {
	if l == nil || w == "" {
		return 0, false
	}
	if f, ok := l.exact(w); ok {
		return f, true
	}
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return 0, false
	}
	lower := string(unicode.ToLower(r)) + w[size:]
	if f, ok := l.exact(lower); ok {
		return f, true
	}
	if isUpperWord(w) {
		if f, ok := l.exact(strings.ToLower(w)); ok {
			return f, true
		}
		if f, ok := l.exact(string(r) + strings.ToLower(w[size:])); ok {
			return f, true
		}
	}
	return 0, false
}

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n > 1
}

// HasPrefix reports whether some form starts with prefix, in lower case or,
// when prefix is capitalised, as written.
func (l *Lexicon) HasPrefix(prefix string) bool {
	if l.hasPrefix(prefix) {
		return true
	}
	r, size := utf8.DecodeRuneInString(prefix)
	if unicode.IsUpper(r) {
		return l.hasPrefix(strings.ToLower(prefix)) || l.hasPrefix(string(unicode.ToLower(r))+prefix[size:])
	}
	return false
}

func (l *Lexicon) hasPrefix(p string) bool {
	i := sort.SearchStrings(l.words, p)
	return i < len(l.words) && strings.HasPrefix(l.words[i], p)
}
