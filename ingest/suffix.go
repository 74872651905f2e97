package ingest

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"unicode/utf8"
)

// suffixPattern matches a pattern that ends with $ (stateCue: the words
// before a country that name it as a State), run on the text before a
// place. Go's regexp tries such a pattern from every byte of the text; its
// reverse, which begins with ^, run over the text reversed, is tried from
// the first byte only, and matches where the pattern does: reversing a
// pattern's sequences and swapping its beginnings and ends reverses what it
// matches, and \b, looking at both sides, is its own reverse
// (FuzzSuffixPattern).
type suffixPattern struct {
	re, rev *regexp.Regexp
}

// newSuffixPattern returns re with its reverse; re must end with $.
func newSuffixPattern(re *regexp.Regexp) suffixPattern {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		panic(err)
	}
	reverseSyntax(t)
	return suffixPattern{re: re, rev: regexp.MustCompile(t.String())}
}

// reverseSyntax makes t match the reverse of what it matched.
func reverseSyntax(t *syntax.Regexp) {
	switch t.Op {
	case syntax.OpLiteral:
		slices.Reverse(t.Rune)
	case syntax.OpConcat:
		slices.Reverse(t.Sub)
	case syntax.OpBeginLine:
		t.Op = syntax.OpEndLine
	case syntax.OpEndLine:
		t.Op = syntax.OpBeginLine
	case syntax.OpBeginText:
		t.Op = syntax.OpEndText
	case syntax.OpEndText:
		t.Op = syntax.OpBeginText
	}
	for _, s := range t.Sub {
		reverseSyntax(s)
	}
}

// MatchString reports whether the pattern matches s.
func (p suffixPattern) MatchString(s string) bool {
	var buf [128]byte
	return p.rev.Match(appendReversed(buf[:0], s))
}

// appendReversed appends the runes of s to b in reverse order, as a range
// loop reads them (a byte of invalid UTF-8 as U+FFFD, as the regexp reads
// it).
func appendReversed(b []byte, s string) []byte {
	var buf [128]rune
	rs := buf[:0]
	for _, r := range s {
		rs = append(rs, r)
	}
	for i := len(rs) - 1; i >= 0; i-- {
		b = utf8.AppendRune(b, rs[i])
	}
	return b
}
