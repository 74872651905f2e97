package lineage

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/spanish"
)

// FoldWord returns w in lower case without accents (spanish.WordRune,
// which folds only Latin-1 letters: the word hashes of sketches, which
// indexes store, are made the same way) and without the
// punctuation around or inside it ("¿Cuestión;" → "cuestion", "2216
// (2015)," → "2216"), or "" when nothing is left.
func FoldWord(w string) string {
	clean := true
	for i := 0; i < len(w) && clean; i++ {
		c := w[i]
		clean = c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
	}
	if clean {
		return w // most words: nothing to fold
	}
	buf := make([]byte, 0, len(w))
	for _, r := range w {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				buf = append(buf, byte(r)+'a'-'A')
			case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
				buf = append(buf, byte(r))
			}
			continue
		}
		if r, ok := spanish.WordRune(r); ok {
			buf = utf8.AppendRune(buf, r)
		}
	}
	return string(buf)
}

// Words returns the folded words of text, without a leading enumerator
// ("7.", "a)", "(iv)", "b."), which a paragraph's number may carry into
// its text.
func Words(text string) []string {
	fields := strings.Fields(text)
	if len(fields) > 1 && isEnumerator(fields[0]) {
		fields = fields[1:]
	}
	out := make([]string, 0, len(fields))
	for _, f := range fields {
		if w := FoldWord(f); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// isEnumerator reports whether a word is a list or paragraph marker: up to
// four digits, letters of a Roman number or one letter, closed by "." or
// ")", optionally opened by "(".
func isEnumerator(w string) bool {
	w = strings.TrimPrefix(w, "(")
	if len(w) < 2 {
		return false
	}
	last := w[len(w)-1]
	if last != '.' && last != ')' {
		return false
	}
	core := w[:len(w)-1]
	if len(core) == 0 || len(core) > 4 {
		return false
	}
	digits, roman := true, true
	for _, r := range core {
		digits = digits && r >= '0' && r <= '9'
		roman = roman && strings.ContainsRune("ivxlIVXL", r)
	}
	return digits || roman || len(core) == 1 && unicode.IsLetter(rune(core[0]))
}

// wordHashes returns the hashes of text's folded words (hashString of
// each of Words(text)), without building the words: the hot path of
// NewSketch, run on every paragraph ingested.
func wordHashes(text string) []uint64 {
	out := make([]uint64, 0, len(text)/6)
	const offset, prime = 14695981039346656037, 1099511628211
	h, n := uint64(offset), 0 // the word's hash so far and its folded bytes
	first, start := true, 0
	end := func(i int) {
		if first {
			first = false
			// A leading enumerator ("7.", "a)") is not a word of the
			// paragraph, as in Words.
			if isEnumerator(text[start:i]) && strings.TrimSpace(text[i:]) != "" {
				h, n = offset, 0
				return
			}
		}
		if n > 0 {
			out = append(out, h)
		}
		h, n = offset, 0
	}
	add := func(b byte) {
		h ^= uint64(b)
		h *= prime
		n++
	}
	inWord := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf { // most bytes: no decoding, no table
			switch {
			case asciiSpace[c]:
				if inWord {
					end(i)
					inWord = false
				}
			case !inWord:
				inWord, start = true, i
				fallthrough
			default:
				switch {
				case c >= 'A' && c <= 'Z':
					add(c + 'a' - 'A')
				case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
					add(c)
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			if inWord {
				end(i)
				inWord = false
			}
			i += size
			continue
		}
		if !inWord {
			inWord, start = true, i
		}
		if r, ok := spanish.WordRune(r); ok {
			var buf [utf8.UTFMax]byte
			for _, b := range buf[:utf8.EncodeRune(buf[:], r)] {
				add(b)
			}
		}
		i += size
	}
	if inWord {
		end(len(text))
	}
	return out
}

// asciiSpace holds the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}
