package spanish

import (
	"iter"
	"unicode"
	"unicode/utf8"
)

// IsWordRune reports whether r belongs to a word: a letter or a digit, in
// any script. Combining marks, punctuation and symbols separate words.
func IsWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r|0x20 >= 'a' && r|0x20 <= 'z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// IsDigits reports whether s is one or more ASCII digits.
func IsDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Spans yields the start and end byte offsets of every maximal run of s
// whose runes satisfy in: the words of s when in is IsWordRune (or
// unicode.IsLetter, for runs of letters only). Invalid UTF-8 is one
// U+FFFD per byte, as in a range loop.
func Spans(s string, in func(rune) bool) iter.Seq2[int, int] {
	return func(yield func(start, end int) bool) {
		start := -1
		for i, r := range s {
			if in(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				if !yield(start, i) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(start, len(s))
		}
	}
}
