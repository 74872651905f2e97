package lineage

import "strings"

// Op says what a Span of a word diff is.
type Op string

// The operations of a word diff.
const (
	Equal  Op = "="
	Insert Op = "+"
	Delete Op = "-"
)

// Span is a run of words of a word diff, as written in the text they come
// from (the old text for Delete, the new one otherwise), joined by single
// spaces.
type Span struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// maxDiffWords bounds the words of a paragraph diffed word by word; longer
// paragraphs (a quadratic table of them would be too large) are shown as
// removed and inserted whole.
const maxDiffWords = 3000

// WordDiff returns the changes that turn old into new, word by word: a
// longest common subsequence of their words, compared folded (case,
// accents and punctuation aside), with the words between marked deleted or
// inserted. Adjacent words of one operation form one Span.
func WordDiff(old, new string) []Span {
	a, b := strings.Fields(old), strings.Fields(new)
	fa, fb := foldAll(a), foldAll(b)
	var out []Span
	add := func(op Op, w string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, Span{op, w})
	}
	if len(a) > maxDiffWords || len(b) > maxDiffWords {
		if old != "" {
			out = append(out, Span{Delete, strings.Join(a, " ")})
		}
		if new != "" {
			out = append(out, Span{Insert, strings.Join(b, " ")})
		}
		return out
	}
	// lcs[i][j] is the length of a longest common subsequence of
	// fa[i:] and fb[j:].
	n, m := len(a), len(b)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if fa[i] == fb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && fa[i] == fb[j]:
			add(Equal, b[j])
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			add(Delete, a[i])
			i++
		default:
			add(Insert, b[j])
			j++
		}
	}
	return out
}

// foldAll folds each word; a word of punctuation only keeps itself, so
// that it matches only itself.
func foldAll(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		if out[i] = FoldWord(w); out[i] == "" {
			out[i] = w
		}
	}
	return out
}
