package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// joinLines joins the hard-wrapped lines of one paragraph. A word split by a
// hyphen at the end of a line is rejoined ("vio-" + "lencia" → "violencia")
// when the next line goes on in lower case, unless keepHyphen (which may be
// nil) says the hyphen belongs to a compound ("público-" + "privadas",
// "gender-" + "related"); before a capital or a digit the hyphen is kept
// without a space ("Norte-" + "Sur" → "Norte-Sur").
func joinLines(lines []string, keepHyphen func(first, second string) bool) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			prev := b.String()
			if hyphenated(prev) {
				r, _ := utf8.DecodeRuneInString(l)
				trimmed := strings.TrimSuffix(strings.TrimSuffix(prev, "-"), "\u00AD")
				if unicode.IsLower(r) && (keepHyphen == nil || !keepHyphen(lastWord(trimmed), firstWord(l))) {
					b.Reset()
					b.WriteString(trimmed)
				}
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// hyphenated reports whether s ends in a letter followed by a hyphen (or a
// soft hyphen): a word broken at the line end.
func hyphenated(s string) bool {
	var cut string
	switch {
	case strings.HasSuffix(s, "-"):
		cut = s[:len(s)-1]
	case strings.HasSuffix(s, "\u00AD"):
		cut = s[:len(s)-2]
	default:
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(cut)
	return unicode.IsLetter(r)
}

func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[i+1:]
}

func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}
