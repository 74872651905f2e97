package search

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
)

// DocumentView is a whole document with what it cites and what in the
// index cites it: the JSON of "relatoria show SYMBOL" and of
// /api/documents/{id}.
type DocumentView struct {
	*corpus.Document
	Cites   []CitationRef `json:"cites"`
	CitedBy []Hit         `json:"cited_by"`
	// Others lists the IDs of other documents that carry the same symbol.
	Others []string `json:"others,omitempty"`
	// Recurrences lists, for each paragraph whose words recur in other
	// documents, those paragraphs, oldest first ("También en").
	Recurrences []ParagraphRecurrences `json:"recurrences"`
	// Sources lists the references of a compilation to the paragraphs
	// of other reports it cites by number, resolved (see Sources).
	Sources []SourceLink `json:"sources,omitempty"`
}

// ShowResult is what a reference names: one paragraph, or a document.
type ShowResult struct {
	Paragraph *Hit
	Document  *DocumentView
}

// Show looks up a reference ("51/34", "A/HRC/RES/51/34 §7", "51/34,
// párrafo 7") or a document ID. It returns an error wrapping ErrNotFound
// when the index has no such document or paragraph, and a *BadQueryError
// when ref is not a reference.
func (s *Searcher) Show(ctx context.Context, ref string) (*ShowResult, error) {
	return s.show(ctx, ref, true)
}

// show is Show; without links, what a document cites, what cites it and
// where its paragraphs recur are left out.
func (s *Searcher) show(ctx context.Context, ref string, links bool) (*ShowResult, error) {
	r, ok := ParseReference(ref)
	if !ok {
		// A document ID ("doc-1f5c…") is a reference too.
		if _, err := s.ix.Document(ctx, ref); err == nil {
			v, err := s.documentView(ctx, ref, links)
			return &ShowResult{Document: v}, err
		}
		return nil, badf("«%s» no es una referencia; escriba una signatura como 51/34 o A/HRC/RES/51/34, con un párrafo si quiere: \"51/34 §7\"", ref)
	}
	if r.Paragraph != "" {
		res, err := s.Search(ctx, Request{Query: ref, Size: 1})
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("%s: no existe ese párrafo: %w", r, ErrNotFound)
		}
		if err != nil {
			return nil, err
		}
		h := &res.Hits[0]
		if !links {
			return &ShowResult{Paragraph: h}, nil
		}
		if err := s.paragraphRecurrences(ctx, h); err != nil {
			return nil, err
		}
		return &ShowResult{Paragraph: h}, nil
	}
	ids, err := s.ix.DocumentIDs(ctx, r.Symbol)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("%s: no existe ese documento: %w", r.Symbol, ErrNotFound)
	}
	v, err := s.documentView(ctx, ids[0], links)
	if err != nil {
		return nil, err
	}
	v.Others = ids[1:]
	return &ShowResult{Document: v}, nil
}

// DocumentView returns the document with the given ID, what it cites and
// what cites it.
func (s *Searcher) DocumentView(ctx context.Context, id string) (*DocumentView, error) {
	return s.documentView(ctx, id, true)
}

func (s *Searcher) documentView(ctx context.Context, id string, links bool) (*DocumentView, error) {
	doc, err := s.ix.Document(ctx, id)
	if errors.Is(err, index.ErrNotFound) {
		return nil, fmt.Errorf("documento «%s»: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	v := &DocumentView{Document: doc, Cites: Cites(doc), CitedBy: []Hit{}}
	if !links {
		return v, nil
	}
	if doc.Symbol != "" {
		cited, err := s.CitedBy(ctx, doc.Symbol, 1000)
		if err != nil {
			return nil, err
		}
		v.CitedBy = cited.Hits
	}
	rs, err := s.recurrences(ctx, doc)
	if err != nil {
		return nil, err
	}
	if v.Sources, err = s.Sources(ctx, doc); err != nil {
		return nil, err
	}
	v.Recurrences = []ParagraphRecurrences{}
	for _, p := range doc.Paragraphs {
		if r := rs[p.Ordinal]; len(r) > 0 {
			v.Recurrences = append(v.Recurrences, ParagraphRecurrences{Ordinal: p.Ordinal, Number: p.Number, Recurrences: r})
		}
	}
	return v, nil
}

// Paragraph returns paragraph n of the document with the given ID: the
// operative (or otherwise numbered) paragraph numbered n ("7", "84.3"),
// or, when ordinal is positive and n empty, the ordinal-th paragraph.
func (s *Searcher) Paragraph(ctx context.Context, docID string, n corpus.Number, ordinal int) (*Hit, error) {
	r := index.FilterQuery(index.FieldNumber, index.NumberTerm(n))
	if n == "" {
		r = index.Term(index.FieldOrdinal, index.OrdinalTerm(ordinal))
	}
	q := index.And(index.Term(index.FieldDoc, docID), r)
	res, err := s.run(ctx, q, 5)
	if err != nil {
		return nil, err
	}
	var best *Hit
	for i := range res {
		if best == nil || res[i].Kind == corpus.Operative {
			best = &res[i]
		}
	}
	if best == nil {
		which := n.String()
		if n == "" {
			which = "¶" + strconv.Itoa(ordinal)
		}
		return nil, fmt.Errorf("%s %s: no existe ese párrafo: %w", docID, which, ErrNotFound)
	}
	return best, nil
}
