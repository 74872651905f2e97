package worddiff

import (
	"slices"
	"strings"
	"testing"
)

// apply returns a with each hunk's words of a replaced by its words of b.
func apply(a, b []string, hunks []Hunk) []string {
	var out []string
	i := 0
	for _, h := range hunks {
		out = append(out, a[i:h.A0]...)
		out = append(out, b[h.B0:h.B1]...)
		i = h.A1
	}
	return append(out, a[i:]...)
}

func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		hunks []Hunk
	}{
		{"la corte decide", "la corte decide", nil},
		{"la corte decide", "la corte interamericana decide", []Hunk{{2, 2, 2, 3}}},
		{"la corte interamericana decide", "la corte decide", []Hunk{{2, 3, 2, 2}}},
		{"reafirma el derecho", "recuerda el derecho", []Hunk{{0, 1, 0, 1}}},
		{"", "nueva", []Hunk{{0, 0, 0, 1}}},
		{"vieja", "", []Hunk{{0, 1, 0, 0}}},
	} {
		a, b := strings.Fields(tc.a), strings.Fields(tc.b)
		got, ok := Diff(a, b)
		if !ok || !slices.Equal(got, tc.hunks) {
			t.Errorf("Diff(%q, %q) = %v, %v; want %v", tc.a, tc.b, got, ok, tc.hunks)
		}
	}
}

// TestAnchored: texts that differ in more places than Diff allows are
// still compared when words found once in each cut them into stretches.
func TestAnchored(t *testing.T) {
	var a, b []string
	for i := range MaxEdits + 10 {
		u := "único" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
		a = append(a, u, "viejo")
		b = append(b, u, "nuevo")
	}
	if _, ok := Diff(a, b); ok {
		t.Fatal("Diff took more edits than MaxEdits")
	}
	hunks, ok := Anchored(a, b)
	if !ok {
		t.Fatal("Anchored gave up on texts with anchors")
	}
	if got := apply(a, b, hunks); !slices.Equal(got, b) {
		t.Error("the hunks do not turn a into b")
	}
}

func FuzzDiff(f *testing.F) {
	f.Add("a b c d", "a c d e")
	f.Add("la corte decide", "")
	f.Fuzz(func(t *testing.T, x, y string) {
		a, b := strings.Fields(x), strings.Fields(y)
		hunks, ok := Anchored(a, b)
		if !ok {
			return
		}
		for i, h := range hunks {
			if h.A0 > h.A1 || h.B0 > h.B1 || h.A1 > len(a) || h.B1 > len(b) || i > 0 && h.A0 < hunks[i-1].A1 {
				t.Fatalf("bad hunk %v in %v", h, hunks)
			}
		}
		if got := apply(a, b, hunks); !slices.Equal(got, b) {
			t.Fatalf("Anchored(%q, %q) = %v: applied gives %q", x, y, hunks, got)
		}
	})
}
