package ingest

import (
	"regexp"
	"slices"
	"testing"
)

// TestNeedsOf checks the needs worked out for patterns of each shape.
func TestNeedsOf(t *testing.T) {
	tests := []struct {
		re   string
		want []string
	}{
		{`\bsentencia\b|\bjudgment\b`, []string{"sentencia", "judgment"}},
		{`\binforme.*\badmisibilidad|^admisibilidad$|\binadmisibilidad\b`, []string{"admisibilidad", "admisibilidad", "inadmisibilidad"}},
		{`^ley\b|\bley (?:num|n\.?[°º]|no\.)|^ley [0-9]`, []string{"ley", "ley ", "ley "}},
		{`\bmedidas (?:provisionales|urgentes)`, []string{"medidas "}},
		{`(?:ab)+c?`, []string{"ab"}},
		{`x{2,}y*`, []string{"x"}},
		{`a?b`, []string{"b"}},
		{`[ab]c`, []string{"c"}},
		{`(?i)sentencia`, nil},
		{`a|b*`, nil},
		{`[0-9]+`, nil},
		{`.*`, nil},
	}
	for _, tt := range tests {
		got := needsOf(regexp.MustCompile(tt.re))
		if !slices.Equal([]string(got), tt.want) {
			t.Errorf("needsOf(%s) = %q, want %q", tt.re, got, tt.want)
		}
	}
}

// FuzzNeeds checks that no text the type cues' patterns match lacks their
// needs.
func FuzzNeeds(f *testing.F) {
	for _, s := range []string{"sentencia de 24 de febrero", "voto razonado del juez", "ley n.º 21.067", "acuerdo 02 de 2015", "informe de admisibilidad", "fondo", "declaracion universal", "report of the", "medidas provisionales"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range typeCues {
			if c.re.MatchString(s) && !c.needs.mayMatch(s) {
				t.Errorf("%s matches %q, which holds none of its needs %q", c.re, s, c.needs)
			}
		}
	})
}
