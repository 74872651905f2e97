package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/recurrence"
)

// Linker says where the words of a document's paragraphs recur (a
// *recurrence.Linker): the "También en" panel reads it.
type Linker interface {
	Recurrences(ctx context.Context, doc *corpus.Document) (map[int][]recurrence.Match, error)
}

// SetLinker gives the Searcher where paragraphs recur. Without one, no
// recurrences are shown.
func (s *Searcher) SetLinker(l Linker) { s.linker = l }

// Recurrence is a paragraph of another document with the same or nearly
// the same words as a given one ("También en"), with its document's
// metadata and its citable reference.
type Recurrence struct {
	Doc        string        `json:"doc"`
	Symbol     corpus.Symbol `json:"symbol,omitempty"`
	Title      string        `json:"title,omitempty"`
	Country    string        `json:"country,omitempty"`
	Adopted    corpus.Date   `json:"adopted,omitzero"`
	Ordinal    int           `json:"ordinal"`
	Number     corpus.Number `json:"number,omitempty"`
	Similarity float64       `json:"similarity"`
	Identical  bool          `json:"identical"`
	// Order is the other document's, relative to the paragraph's own:
	// "before", "after", or "unknown" when neither the dates nor the
	// symbols say; Earlier is Order == "before".
	Order   recurrence.Order `json:"order"`
	Earlier bool             `json:"earlier"`
	// Name is the document as people name it (corpus.Document.Name:
	// its symbol, else its title, else its file's name); Ref is the
	// paragraph's citable reference: "A/HRC/RES/45/21 §7".
	Name string `json:"name"`
	Ref  string `json:"ref"`
	// Exact is set when the paragraph is compared by its words only (it
	// is short, or a heading): a formula rather than language.
	Exact bool `json:"exact,omitempty"`
}

// ParagraphRecurrences are the recurrences of one paragraph of a
// document, earliest document first.
type ParagraphRecurrences struct {
	Ordinal     int           `json:"ordinal"`
	Number      corpus.Number `json:"number,omitempty"`
	Recurrences []Recurrence  `json:"recurrences"`
}

// recurrences returns the recurrences of doc's paragraphs by ordinal, in
// the order the store gives (earliest documents first, those that cannot
// be placed last), with each document's metadata read from the index.
func (s *Searcher) recurrences(ctx context.Context, doc *corpus.Document) (map[int][]Recurrence, error) {
	if s.linker == nil {
		return map[int][]Recurrence{}, nil
	}
	found, err := s.linker.Recurrences(ctx, doc)
	if err != nil {
		return nil, fmt.Errorf("recurrences of %s: %w", doc.Name(), err)
	}
	var ids []string
	for _, ms := range found {
		for _, m := range ms {
			ids = append(ids, index.ParagraphID(m.Doc, m.Ordinal))
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	hits := map[string]*index.Hit{}
	for chunk := range slices.Chunk(ids, 1000) {
		page, err := s.ix.Search(ctx, index.Request{Query: index.IDs(chunk...), Size: len(chunk)})
		if err != nil {
			return nil, fmt.Errorf("recurrences of %s: %w", doc.Name(), err)
		}
		for i := range page.Hits {
			h := &page.Hits[i]
			hits[h.ID] = h
		}
	}
	out := map[int][]Recurrence{}
	for ord, ms := range found {
		for _, m := range ms {
			h := hits[index.ParagraphID(m.Doc, m.Ordinal)]
			if h == nil {
				continue // deleted since the store was read
			}
			out[ord] = append(out[ord], Recurrence{
				Doc: m.Doc, Symbol: h.Doc.Symbol, Title: h.Doc.Title, Country: h.Doc.Country, Adopted: h.Doc.Adopted,
				Ordinal: m.Ordinal, Number: h.Para.Number, Similarity: m.Similarity, Identical: m.Identical,
				Order: m.Order, Earlier: m.Order == recurrence.Before,
				Name: h.Doc.Name(), Ref: query.RefOf(h.Doc, h.Para), Exact: m.Exact,
			})
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

// FirstAppearance returns the earliest of rs known to have come before the
// paragraph's document, and whether there is one: where its words first
// appear in the index.
func FirstAppearance(rs []Recurrence) (Recurrence, bool) {
	for _, r := range rs {
		if r.Order == recurrence.Before {
			return r, true
		}
	}
	return Recurrence{}, false
}
