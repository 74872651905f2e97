package spanish

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"", "abc", 3}, {"abc", "", 3}, {"diálogo", "dialogo", 1},
		{"kitten", "sitting", 3}, {"niñas", "nifias", 2}, {"resolución", "resolución", 0},
	} {
		if got := Distance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		for n := 0; n <= tt.want+1; n++ {
			if got := WithinEdits(tt.a, tt.b, n); got != (tt.want <= n) {
				t.Errorf("WithinEdits(%q, %q, %d) = %v, distance is %d", tt.a, tt.b, n, got, tt.want)
			}
		}
	}
	ref := strings.Fields("la Asamblea General reafirma la resolución")
	hyp := strings.Fields("la Asarnblea General reafirma resolucion 7")
	if got := Distance(ref, hyp); got != 3 {
		t.Errorf("Distance over words = %d, want 3", got)
	}
}

func TestIsDigits(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"", false}, {"0", true}, {"2015", true}, {"12a", false}, {"١٢", false}, {" 1", false}, {"\xff", false},
	} {
		if got := IsDigits(tt.s); got != tt.want {
			t.Errorf("IsDigits(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// TestWithinEdits holds the cases of search's fuzzy highlighting, whose
// withinEdits this is.
func TestWithinEdits(t *testing.T) {
	tests := []struct {
		a, b string
		n    int
		want bool
	}{
		{"dialog", "dialog", 0, true},
		{"dialg", "dialog", 1, true},
		{"didlog", "dialog", 1, true},
		{"didlg", "dialog", 1, false},
		{"didlg", "dialog", 2, true},
		{"ni", "nina", 1, false},
	}
	for _, tt := range tests {
		if got := WithinEdits(tt.a, tt.b, tt.n); got != tt.want {
			t.Errorf("WithinEdits(%q, %q, %d) = %v", tt.a, tt.b, tt.n, got)
		}
	}
}

func TestSpans(t *testing.T) {
	for _, tt := range []struct {
		s    string
		want string // the words, separated by |
	}{
		{"", ""}, {"  ", ""}, {"uno", "uno"}, {" uno, dos ", "uno|dos"},
		{"A/HRC/51/34", "A|HRC|51|34"}, {"niñas\u00a0y niños", "niñas|y|niños"},
		{"Cafe\u0301s", "Cafe|s"}, {"a\xffb", "a|b"}, {"ΑΘΗΝΑ 2030", "ΑΘΗΝΑ|2030"},
	} {
		var got []string
		for start, end := range Spans(tt.s, IsWordRune) {
			got = append(got, tt.s[start:end])
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("Spans(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	for start := range Spans("uno dos tres", IsWordRune) {
		if start != 0 {
			t.Errorf("Spans went on after the loop stopped")
		}
		break
	}
}
