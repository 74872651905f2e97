package ingest

import (
	"strings"
	"testing"
)

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "a", " a", "a ", " a ", "a b", "a  b", "a\tb", "a\u00a0b", "a \u00a0 b",
		"\u2003lead", "trail\u3000", "uno dos tres", "uno  dos\n\ntres ", "\xffa  b\xfe", "a \xff b",
		"x\u0085y", "ñandú  y\tcóndor",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCollapseSpace(f *testing.F) {
	f.Add("uno  dos\ttres ")
	f.Add(" \u00a0a\xffb ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
