package ingest

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// needs are strings of which every match of a pattern holds one: a text
// that holds none of them cannot match, and the pattern need not run on it.
// Go's regexp looks for a pattern's literal prefix first, but a pattern
// that begins with \b, a class or alternatives is tried at every byte.
type needs []string

// needsOf returns the needs of re, worked out from its syntax: a literal
// is its own need; a concatenation has the needs of the part with the
// longest shortest need; alternatives the needs of all of them; a
// repetition of at least once (+, {n,}) the needs of what it repeats.
// nil when there are none: a pattern that can match without a literal
// (a part that may be empty, a class, case folding).
func needsOf(re *regexp.Regexp) needs {
	t, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	return literalNeeds(t.Simplify())
}

func literalNeeds(t *syntax.Regexp) needs {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return needs{string(t.Rune)}
	case syntax.OpCapture:
		return literalNeeds(t.Sub[0])
	case syntax.OpPlus:
		return literalNeeds(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return literalNeeds(t.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		var best needs
		for _, s := range t.Sub {
			if n := literalNeeds(s); n != nil && (best == nil || n.shortest() > best.shortest()) {
				best = n
			}
		}
		return best
	case syntax.OpAlternate:
		var all needs
		for _, s := range t.Sub {
			n := literalNeeds(s)
			if n == nil {
				return nil
			}
			all = append(all, n...)
		}
		return all
	}
	return nil
}

// shortest returns the length in runes of the shortest need.
func (n needs) shortest() int {
	m := -1
	for _, s := range n {
		if l := utf8.RuneCountInString(s); m < 0 || l < m {
			m = l
		}
	}
	return m
}

// mayMatch reports whether text holds one of the needs; true when there
// are none.
func (n needs) mayMatch(text string) bool {
	if n == nil {
		return true
	}
	for _, s := range n {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}
