package spanish

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// compat maps the compatibility characters that extraction produces to
// their plain forms. NFKC would do this too, but it also rewrites the
// ordinal indicators ("1.º" → "1.o", "44ª" → "44a") that Spanish needs.
var compat = strings.NewReplacer(
	"\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl", "\uFB05", "st", "\uFB06", "st",
	"\u00A0", " ", "\u2007", " ", "\u2009", " ", "\u202F", " ", "\u2002", " ", "\u2003", " ", "\u3000", " ",
	"\u00AD", "", "\u200B", "", "\u200C", "", "\u200D", "", "\uFEFF", "", "\u2060", "",
	"\u2212", "-", "\u2010", "-", "\u2011", "-",
	"\uFFFD", "",
	"\t", " ",
)

// Normalize returns s in NFC with compatibility ligatures expanded,
// invisible characters removed, unusual spaces made plain, and runs of
// white space collapsed to one space. It is the normalisation every
// paragraph's Text goes through, and search applies the same to queries.
func Normalize(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = compat.Replace(s)
	s = norm.NFC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' {
			return ' '
		}
		return r
	}, s)
	return CollapseSpace(s)
}

// CollapseSpace turns every run of white space into one space and drops
// the space at both ends: strings.Join(strings.Fields(s), " "), faster.
func CollapseSpace(s string) string {
	// One pass, copying the bytes between spaces as they are (so invalid
	// UTF-8 stays as it was, as with strings.Fields); nothing is copied
	// when s needs no change, the common case. strings.Join of
	// strings.Fields, the same thing, was 2% of the time of an ingest.
	var b strings.Builder
	changed := false
	inSpace := true // at the start: leading space goes
	spaces := 0     // space runes in the current run
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			if !changed && (inSpace || r != ' ' || spaces > 0) {
				changed = true
				b.Grow(len(s))
				b.WriteString(strings.TrimRightFunc(s[:i], unicode.IsSpace))
			}
			inSpace = true
			spaces++
			i += size
			continue
		}
		if changed {
			if inSpace && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[i : i+size])
		}
		inSpace, spaces = false, 0
		i += size
	}
	if !changed {
		if inSpace && len(s) > 0 {
			return strings.TrimRightFunc(s, unicode.IsSpace) // one trailing space
		}
		return s
	}
	return b.String()
}
