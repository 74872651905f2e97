package ocr

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed data/es.txt.gz
var lexiconGz []byte

// Lexicon is a sorted list of Spanish word forms with frequencies. It keeps
// the decompressed lines in one string and their offsets in one slice, so
// loading allocates twice, and a lookup is a binary search (about 20 string
// comparisons).
type Lexicon struct {
	data    string   // "word\tfreq\n" or "word\n" lines, sorted
	offsets []uint32 // start of each line
}

var (
	lexOnce sync.Once
	lex     *Lexicon
	lexErr  error
)

// DefaultLexicon returns the embedded lexicon, loading it on first use.
func DefaultLexicon() (*Lexicon, error) {
	lexOnce.Do(func() {
		var zr *gzip.Reader
		zr, lexErr = gzip.NewReader(bytes.NewReader(lexiconGz))
		if lexErr != nil {
			return
		}
		var b []byte
		b, lexErr = io.ReadAll(zr)
		if lexErr != nil {
			return
		}
		lex = NewLexicon(string(b))
	})
	return lex, lexErr
}

// NewLexicon builds a lexicon from sorted lines "word" or "word\tfreq"
// (frequency per billion words of clean text).
func NewLexicon(data string) *Lexicon {
	l := &Lexicon{data: data}
	l.offsets = make([]uint32, 0, strings.Count(data, "\n")+1)
	for i := 0; i < len(data); {
		l.offsets = append(l.offsets, uint32(i))
		j := strings.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return l
}

// Len returns the number of forms.
func (l *Lexicon) Len() int { return len(l.offsets) }

func (l *Lexicon) line(i int) (word string, freq float64) {
	s := l.data[l.offsets[i]:]
	if j := strings.IndexByte(s, '\n'); j >= 0 {
		s = s[:j]
	}
	if t := strings.IndexByte(s, '\t'); t >= 0 {
		f, _ := strconv.ParseFloat(s[t+1:], 64)
		return s[:t], f
	}
	return s, 0
}

// exact reports whether w is a form, as written, and its frequency.
func (l *Lexicon) exact(w string) (float64, bool) {
	i := sort.Search(len(l.offsets), func(i int) bool {
		word, _ := l.line(i)
		return word >= w
	})
	if i < len(l.offsets) {
		if word, f := l.line(i); word == w {
			return f, true
		}
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
