package lineage

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// Diff is the alignment of two documents, as relatoria diff prints it and
// its -json gives it.
type Diff struct {
	Old     *corpus.Document `json:"-"`
	New     *corpus.Document `json:"-"`
	Pairs   []Pair           `json:"-"`
	Summary []KindCount      `json:"summary"`
}

// Compare aligns the paragraphs of old and new (see Align) and counts the
// result by kind.
func Compare(old, new *corpus.Document) (*Diff, error) {
	return CompareContext(context.Background(), old, new)
}

// CompareContext is Compare, which stops with ctx's error when ctx is
// done.
func CompareContext(ctx context.Context, old, new *corpus.Document) (*Diff, error) {
	pairs, err := AlignContext(ctx, old.Paragraphs, new.Paragraphs)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("diff %s %s: %w", docName(old), docName(new), err)
	}
	return &Diff{Old: old, New: new, Pairs: pairs, Summary: Count(pairs, old.Paragraphs, new.Paragraphs)}, nil
}

// SummaryLine returns the counts of every kind in Spanish, operative
// paragraphs first, joined by " · ".
func (d *Diff) SummaryLine() string {
	var parts []string
	for _, c := range d.Summary {
		parts = append(parts, c.String())
	}
	if len(parts) == 0 {
		return "ningún párrafo"
	}
	return strings.Join(parts, " · ")
}

// docName names a document by its symbol, else its title, else its ID.
func docName(d *corpus.Document) string {
	switch {
	case d.Symbol != "":
		return d.Symbol.String()
	case d.Title != "":
		return d.Title
	}
	return d.ID
}

// ParagraphRef names a paragraph in a diff: "§7" for a numbered paragraph,
// with its part when the document numbers several parts from 1 ("Anexo A
// §7"), "¶12" (its position) otherwise.
func ParagraphRef(p *corpus.Paragraph) string {
	if p.Number != "" && !p.Repeated && p.Kind != corpus.Footnote {
		if p.Part != "" {
			return p.Part + " §" + p.Number.String() // "Anexo A §7"
		}
		return "§" + p.Number.String()
	}
	return "¶" + strconv.Itoa(p.Ordinal)
}

// Markers are how a word diff shows deletions and insertions.
type Markers struct{ DelOpen, DelClose, InsOpen, InsClose string }

// PlainMarkers mark changes with brackets, as git's --word-diff=plain
// does: "[-old-]{+new+}".
var PlainMarkers = Markers{"[-", "-]", "{+", "+}"}

// ColorMarkers colour changes on a terminal: deletions red and struck
// through, insertions green.
var ColorMarkers = Markers{"\x1b[31;9m", "\x1b[0m", "\x1b[32m", "\x1b[0m"}

// Marked renders a word diff with markers.
func Marked(spans []Span, m Markers) string {
	var b strings.Builder
	for i, s := range spans {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch s.Op {
		case Delete:
			b.WriteString(m.DelOpen + s.Text + m.DelClose)
		case Insert:
			b.WriteString(m.InsOpen + s.Text + m.InsClose)
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// WriteText prints the diff for a reader: the two documents, the summary
// line, then one line a paragraph in the new document's order: "=" for
// unchanged (its text cut short), "~" for changed (with its word diff on
// the next line), "+" new and "-" removed (with their text), "↕" before a
// paragraph that moved.
func (d *Diff) WriteText(w io.Writer, m Markers) error {
	fmt.Fprintf(w, "%s → %s\n", describe(d.Old), describe(d.New))
	fmt.Fprintf(w, "%s\n\n", d.SummaryLine())
	for _, p := range d.Pairs {
		var a, b *corpus.Paragraph
		if p.A >= 0 {
			a = &d.Old.Paragraphs[p.A]
		}
		if p.B >= 0 {
			b = &d.New.Paragraphs[p.B]
		}
		move := ""
		if p.Moved {
			move = "↕ "
		}
		switch p.Status {
		case Unchanged:
			fmt.Fprintf(w, "= %s%s → %s  %s\n", move, ParagraphRef(a), ParagraphRef(b), cut(b.Text, 70))
		case Changed:
			fmt.Fprintf(w, "~ %s%s → %s  (%.2f)\n    %s\n", move, ParagraphRef(a), ParagraphRef(b), p.Similarity, Marked(p.Words, m))
		case New:
			fmt.Fprintf(w, "+ %s  %s%s%s\n", ParagraphRef(b), m.InsOpen, b.Text, m.InsClose)
		case Removed:
			fmt.Fprintf(w, "- %s  %s%s%s\n", ParagraphRef(a), m.DelOpen, a.Text, m.DelClose)
		}
	}
	return nil
}

// describe names a document with its date: "S/RES/2776 (2025), 2025-03-03".
func describe(d *corpus.Document) string {
	s := docName(d)
	if !d.Adopted.IsZero() {
		s += ", " + d.Adopted.String()
	}
	return s
}

// cut shortens s to about n runes, at a word boundary, with "…".
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	t := string(r[:n])
	if i := strings.LastIndexByte(t, ' '); i > n/2 {
		t = t[:i]
	}
	return t + "…"
}

// jsonDoc and jsonPara are the documents and paragraphs of a Diff's JSON.
type jsonDoc struct {
	ID      string      `json:"id"`
	Symbol  string      `json:"symbol,omitempty"`
	Title   string      `json:"title,omitempty"`
	Body    string      `json:"body,omitempty"`
	Adopted corpus.Date `json:"adopted,omitzero"`
}

type jsonPara struct {
	Ordinal int                  `json:"ordinal"`
	Number  corpus.Number        `json:"number,omitempty"`
	Kind    corpus.ParagraphKind `json:"kind"`
	Text    string               `json:"text"`
}

type jsonPair struct {
	Pair
	Old *jsonPara `json:"old,omitempty"`
	New *jsonPara `json:"new,omitempty"`
}

// MarshalJSON gives the diff as relatoria diff -json prints it: {old, new,
// summary: [{kind, total, unchanged, changed, new, removed, moved}],
// summary_text, pairs: [{status, similarity, moved, words: [{op, text}],
// old: {ordinal, number, kind, text}, new: {…}}]}.
func (d *Diff) MarshalJSON() ([]byte, error) {
	doc := func(x *corpus.Document) jsonDoc {
		return jsonDoc{ID: x.ID, Symbol: x.Symbol.String(), Title: x.Title, Body: x.Body, Adopted: x.Adopted}
	}
	para := func(ps []corpus.Paragraph, i int) *jsonPara {
		if i < 0 {
			return nil
		}
		p := ps[i]
		return &jsonPara{Ordinal: p.Ordinal, Number: p.Number, Kind: p.Kind, Text: p.Text}
	}
	pairs := make([]jsonPair, len(d.Pairs))
	for i, p := range d.Pairs {
		pairs[i] = jsonPair{Pair: p, Old: para(d.Old.Paragraphs, p.A), New: para(d.New.Paragraphs, p.B)}
	}
	summary := d.Summary
	if summary == nil {
		summary = []KindCount{}
	}
	return json.Marshal(struct {
		Old         jsonDoc     `json:"old"`
		New         jsonDoc     `json:"new"`
		Summary     []KindCount `json:"summary"`
		SummaryText string      `json:"summary_text"`
		Pairs       []jsonPair  `json:"pairs"`
	}{doc(d.Old), doc(d.New), summary, d.SummaryLine(), pairs})
}
