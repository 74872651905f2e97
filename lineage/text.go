package lineage

import (
	"strings"
	"unicode"
)

// fold maps accented Latin letters to their base letter.
var fold = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ñ': 'n', 'ç': 'c', 'ý': 'y', 'ÿ': 'y',
}

// FoldWord returns w in lower case without accents and without the
// punctuation around or inside it ("¿Cuestión;" → "cuestion", "2216
// (2015)," → "2216"), or "" when nothing is left.
func FoldWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := fold[r]; ok {
			r = f
		}
		b.WriteRune(r)
	}
	return b.String()
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
