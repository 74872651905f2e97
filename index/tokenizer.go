package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// TokenizerName is the tokenizer of both analyzers: words are runs of
// letters, combining marks, digits and underscores; an apostrophe, colon or
// full stop between two letters ("l'ONU", "www.ohchr.org") and a full stop,
// comma, semicolon or right quote between two digits ("3.5", "1,000",
// "1’392") keep a word together. These are the rules of Unicode word
// segmentation (UAX #29, bleve's "unicode" tokenizer) that Spanish and
// English text meets: on the 334,116 words of shared/corpora the two agree
// on every token, at a fraction of the cost (tokenizing was an eighth of
// indexing time).
const TokenizerName = "relatoria_words"

// wordTokenizer implements the tokenizer described at TokenizerName.
type wordTokenizer struct{}

// asciiClass classifies ASCII bytes: 1 letter, 2 digit, 3 underscore, 0
// anything else.
var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := 'a'; c <= 'z'; c++ {
		t[c], t[c-'a'+'A'] = 1, 1
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = 2
	}
	t['_'] = 3
	return t
}()

const (
	classOther = iota
	classLetter
	classDigit
	classJoin // underscore
)

// classAt returns the class of the rune at b[i] and its size.
func classAt(b []byte, i int) (int, int) {
	if c := b[i]; c < utf8.RuneSelf {
		return int(asciiClass[c]), 1
	}
	r, size := utf8.DecodeRune(b[i:])
	switch {
	case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
		return classLetter, size
	case unicode.IsDigit(r):
		return classDigit, size
	}
	return classOther, size
}

// Tokenize splits input into words with their byte offsets and positions.
func (wordTokenizer) Tokenize(input []byte) analysis.TokenStream {
	out, _ := tokenizeInto(input, nil, nil)
	return out
}

// tokenizeInto is Tokenize appending to out, with tokens in block (grown
// when it is too small for input) and further blocks when input has more
// words than its length suggests. It returns the tokens and the first
// block, for reuse once the tokens are no longer needed.
func tokenizeInto(input []byte, out analysis.TokenStream, block []analysis.Token) (analysis.TokenStream, []analysis.Token) {
	est := len(input)/6 + 1
	if cap(out) < est {
		out = make(analysis.TokenStream, 0, est)
	}
	// Tokens are allocated in blocks, not one by one.
	if cap(block) < est {
		block = make([]analysis.Token, 0, est)
	}
	first := block
	pos := 1
	for i := 0; i < len(input); {
		cls, size := classAt(input, i)
		if cls == classOther {
			i += size
			continue
		}
		start := i
		numeric := true
		prev := cls
		for i < len(input) {
			cls, size = classAt(input, i)
			if cls == classOther {
				// A joiner between two word characters keeps the word.
				if i+size < len(input) {
					if next, _ := classAt(input, i+size); joins(input[i:i+size], prev, next) {
						i += size
						continue
					}
				}
				break
			}
			if cls != classDigit {
				numeric = false
			}
			prev = cls
			i += size
		}
		typ := analysis.AlphaNumeric
		if numeric {
			typ = analysis.Numeric
		}
		if len(block) == cap(block) {
			block = make([]analysis.Token, 0, est/2+1)
		}
		block = append(block, analysis.Token{Term: input[start:i], Start: start, End: i, Position: pos, Type: typ})
		out = append(out, &block[len(block)-1])
		pos++
	}
	return out, first[:0]
}

// joins reports whether the punctuation sep, between a character of class
// before and one of class after, belongs to the word.
func joins(sep []byte, before, after int) bool {
	letters := before == classLetter && after == classLetter
	digits := before == classDigit && after == classDigit
	switch string(sep) {
	case "'", ":", "·":
		return letters
	case ".", "’":
		return letters || digits
	case ",", ";":
		return digits
	}
	return false
}

func init() {
	if err := registry.RegisterTokenizer(TokenizerName, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return wordTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
}
