package search

import (
	"context"
	"fmt"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
)

// Recurrence is a paragraph of another document with the same or nearly
// the same words as a given one ("También en"), with its citable
// reference.
type Recurrence struct {
	index.Recurrence
	Ref string `json:"ref"` // "A/HRC/RES/45/21 §7"
}

// ParagraphRecurrences are the recurrences of one paragraph of a
// document, oldest first.
type ParagraphRecurrences struct {
	Ordinal     int           `json:"ordinal"`
	Number      corpus.Number `json:"number,omitempty"`
	Recurrences []Recurrence  `json:"recurrences"`
}

// recurrences returns the recurrences of doc's paragraphs by ordinal.
func (s *Searcher) recurrences(ctx context.Context, doc *corpus.Document) (map[int][]Recurrence, error) {
	found, err := s.ix.Recurrences(ctx, doc)
	if err != nil {
		return nil, fmt.Errorf("recurrences of %s: %w", doc.ID, err)
	}
	out := map[int][]Recurrence{}
	for ord, rs := range found {
		for _, r := range rs {
			p := corpus.Paragraph{Ordinal: r.Ordinal, Number: r.Number, Part: r.Part, Repeated: r.Repeated}
			name := r.Name
			if name == "" {
				d := corpus.Document{ID: r.Doc, Symbol: r.Symbol, Title: r.Title, Adopted: r.Adopted}
				name = d.RefName()
			}
			out[ord] = append(out[ord], Recurrence{Recurrence: r, Ref: refNamed(name, &p)})
		}
	}
	return out, nil
}

// paragraphRecurrences fills h.Recurrences.
func (s *Searcher) paragraphRecurrences(ctx context.Context, h *Hit) error {
	doc := &corpus.Document{ID: h.Doc, Symbol: h.Symbol, Adopted: h.Adopted,
		Paragraphs: []corpus.Paragraph{{Ordinal: h.Ordinal, Number: h.Number, Kind: h.Kind, Text: h.Text}}}
	rs, err := s.recurrences(ctx, doc)
	if err != nil {
		return err
	}
	h.Recurrences = rs[h.Ordinal]
	return nil
}

// FirstAppearance returns the oldest of rs adopted before the paragraph's
// document, and whether there is one: where its words first appear in the
// index.
func FirstAppearance(rs []Recurrence) (Recurrence, bool) {
	for _, r := range rs {
		if r.Earlier {
			return r, true
		}
	}
	return Recurrence{}, false
}
