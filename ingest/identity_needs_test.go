package ingest

import (
	"regexp"
	"strings"
	"testing"
)

// TestNationalNeeds checks that each pattern of nationalBodies is literal
// words between word boundaries, so that the strings findBody looks for
// first (nationalNeeds) are ones the pattern cannot match without: each
// need, quoted, is the pattern, and the pattern matches each need.
func TestNationalNeeds(t *testing.T) {
	for i, b := range nationalBodies {
		var quoted []string
		for _, need := range nationalNeeds[i] {
			if need == "" {
				t.Errorf("%s: an empty need", b.re)
			}
			if !b.re.MatchString(" " + need + " ") {
				t.Errorf("%s does not match its need %q", b.re, need)
			}
			q := regexp.QuoteMeta(need)
			if strings.HasSuffix(need, ".") { // "t.s.j.": no boundary after a full stop
				quoted = append(quoted, `\b`+q)
			} else {
				quoted = append(quoted, `\b`+q+`\b`)
			}
		}
		if got := strings.Join(quoted, "|"); got != b.re.String() {
			t.Errorf("pattern %s is not its needs between word boundaries (%s): findBody's look-ahead would be wrong", b.re, got)
		}
	}
}

// mdEmphasis is the pattern stripEmphasis stands for.
var mdEmphasis = regexp.MustCompile(`(\*\*|\b__|__\b|\*|\b_|_\b|~~|` + "`" + `)`)

// stripMarkdownAlways is stripMarkdown running every pattern.
func stripMarkdownAlways(s string) string {
	s = mdFootnote.ReplaceAllString(s, "")
	s = mdInlineLink.ReplaceAllString(s, "$1")
	s = mdFootRef.ReplaceAllString(s, "")
	s = mdEmphasis.ReplaceAllString(s, "")
	if m := mdHeading.FindStringSubmatch(strings.TrimSpace(s)); m != nil {
		s = m[2]
	}
	return s
}

// FuzzStripMarkdown checks that running each pattern of stripMarkdown only
// when the line holds what it needs changes nothing.
func FuzzStripMarkdown(f *testing.F) {
	for _, s := range []string{"## Título ##", "[^3]: Nota al pie", "Véase [el informe](http://x) y[^4].", "**Decide** _seguir_ ~~no~~ `x`", "S_RES_2770__2025_", "texto llano", "  # Encabezado"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripMarkdown(s), stripMarkdownAlways(s); got != want {
			t.Errorf("stripMarkdown(%q) = %q, every pattern gives %q", s, got, want)
		}
	})
}
