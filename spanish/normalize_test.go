package spanish

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Reaﬁrmando\u00a0la  resolu\u00adción", "Reafirmando la resolución"},
		{"1.º y 44ª", "1.º y 44ª"},
		{"perio\u0301dico\t\u2212 2", "periódico - 2"},
		{"a\xffb\u200b c\x07d", "ab c d"},
		{" \n uno\n\ndos ", "uno dos"},
	} {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "a", " a", "a ", " a ", "a b", "a  b", "a\tb", "a\u00a0b", "a \u00a0 b",
		"\u2003lead", "trail\u3000", "uno dos tres", "uno  dos\n\ntres ", "\xffa  b\xfe", "a \xff b",
		"x\u0085y", "ñandú  y\tcóndor",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := CollapseSpace(s); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCollapseSpace(f *testing.F) {
	f.Add("uno  dos\ttres ")
	f.Add(" \u00a0a\xffb ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := CollapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

func FuzzNormalize(f *testing.F) {
	f.Add("Reaﬁrmando\u00a0la  resolu-\u00adción")
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Errorf("Normalize not idempotent on %q: %q then %q", s, n, Normalize(n))
		}
	})
}

// FuzzFold checks that the folds agree with one another on any input.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"Niñas", "Cafe\u0301", "Gdańsk", "a\xffb", "Йод", "straße"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FoldLower(s), string(Fold([]byte(strings.ToLower(s)))); got != want {
			t.Errorf("FoldLower(%q) = %q, Fold of its lower case %q", s, got, want)
		}
		// On invalid UTF-8 the decomposition leaves the letters after the
		// first bad byte as they are ("0\xf3Ķ" → "0\uFFFDĶ"), and a second
		// Fold folds them: as index.Fold did. Text is normalised to valid
		// UTF-8 before it is folded, so only valid input is held to this.
		if f := string(Fold([]byte(s))); utf8.ValidString(s) && string(Fold([]byte(f))) != f {
			t.Errorf("Fold not idempotent on %q: %q", s, f)
		}
	})
}
