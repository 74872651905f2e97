package lineage

import (
	"strings"

	"github.com/relatoria/relatoria/internal/worddiff"
)

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

// WordDiff returns the changes that turn old into new, word by word: a
// shortest edit script of their words (worddiff.Anchored), compared folded
// (case, accents and punctuation aside), with the words between marked
// deleted or inserted, deletions first. Adjacent words of one operation
// form one Span. Paragraphs too different for a bounded diff are shown as
// removed and inserted whole.
func WordDiff(old, new string) []Span {
	a, b := strings.Fields(old), strings.Fields(new)
	var out []Span
	add := func(op Op, ws []string) {
		if len(ws) == 0 {
			return
		}
		w := strings.Join(ws, " ")
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, Span{op, w})
	}
	hunks, ok := worddiff.Anchored(foldAll(a), foldAll(b))
	if !ok {
		add(Delete, a)
		add(Insert, b)
		return out
	}
	j := 0
	for _, h := range hunks {
		add(Equal, b[j:h.B0])
		add(Delete, a[h.A0:h.A1])
		add(Insert, b[h.B0:h.B1])
		j = h.B1
	}
	add(Equal, b[j:])
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
