package search

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
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
// párrafo 7", "S/RES/2776 (2025), Anexo A §7", "Caso Gelman Vs. Uruguay,
// párr. 193", the ref of any hit) or a document ID. It returns an error
// wrapping ErrNotFound when the index has no such document or paragraph,
// an *AmbiguousError listing the candidates when the reference names
// several, and a *BadQueryError when ref is not a reference.
func (s *Searcher) Show(ctx context.Context, ref string) (*ShowResult, error) {
	return s.show(ctx, ref, true)
}

// show is Show; without links, what a document cites, what cites it and
// where its paragraphs recur are left out.
func (s *Searcher) show(ctx context.Context, ref string, links bool) (*ShowResult, error) {
	r, ok := query.ParseNamedReference(ref)
	var docs []*corpus.Document
	var err error
	if ok {
		if docs, r, err = s.referenceDocs(ctx, r); err != nil {
			return nil, err
		}
	}
	if len(docs) == 0 {
		// A paragraph of a document named by its ID: "doc-1f5c… §3",
		// or a hit's id, "doc-1f5c…#4" (its fourth paragraph): what
		// tells apart documents that share a name.
		if id, para, ok := idReference(ref); ok {
			if doc, err := s.ix.Document(ctx, id); err == nil {
				h, err := s.paragraphIn(ctx, id, doc.RefName()+" "+para)
				return s.paragraphResult(ctx, h, err, links)
			}
		}
		// A document ID ("doc-1f5c…") is a reference too.
		if _, err := s.ix.Document(ctx, strings.TrimSpace(ref)); err == nil {
			v, err := s.documentView(ctx, strings.TrimSpace(ref), links)
			return &ShowResult{Document: v}, err
		}
		if !ok || r.Name != "" && r.Paragraph == "" && r.Ordinal == 0 {
			return nil, badf("«%s» no es una referencia; escriba una signatura como 51/34 o A/HRC/RES/51/34, con un párrafo si quiere: \"51/34 §7\", un caso: \"Caso Gelman Vs. Uruguay, párr. 193\", o la referencia que muestra un resultado (ningún documento del índice se llama así)", ref)
		}
		if cited, err := s.notInIndex(ctx, Request{Query: r.String(), Size: 1}, r, &Results{Reference: r.String()}); err == nil && cited.Total > 0 {
			// The index lacks it; some of its paragraphs cite it.
			return nil, notFoundf("%s: no existe ese documento en el índice, pero %s lo citan o mencionan (relatoria query '%s')", r, ParagraphsText(cited.Total), citaQuery(r))
		}
		return nil, notFoundf("%s: no existe ese documento en el índice", r)
	}
	if r.Paragraph != "" || r.Ordinal > 0 {
		q, err := s.referenceQuery(ctx, r, docs)
		if err != nil {
			return nil, err
		}
		hits, err := s.run(ctx, q, maxCandidates)
		if err != nil {
			return nil, err
		}
		h, err := pickOne(r, hits)
		return s.paragraphResult(ctx, h, err, links)
	}
	// Copies of one document (its HTML and its PDF) carry one name; other
	// documents are other candidates.
	names := map[string]bool{}
	for _, d := range docs {
		names[d.RefName()] = true
	}
	if len(names) > 1 {
		var cands []Hit
		for _, d := range docs {
			cands = append(cands, Hit{ID: index.ParagraphID(d.ID, 1), Doc: d.ID, Ref: d.RefName(), Symbol: d.Symbol, Title: d.Title, Body: d.Body, Adopted: d.Adopted, Source: d.Source, Paragraph: corpus.Paragraph{Ordinal: 1}})
		}
		return nil, &AmbiguousError{Ref: r.String(), Candidates: cands}
	}
	v, err := s.documentView(ctx, docs[0].ID, links)
	if err != nil {
		return nil, err
	}
	for _, d := range docs[1:] {
		v.Others = append(v.Others, d.ID)
	}
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
	cited, err := s.CitedBy(ctx, doc, 1000)
	if err != nil {
		return nil, err
	}
	v.CitedBy = cited.Hits
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

// idReference splits a reference to a paragraph of a document named by
// its ID, "doc-1f5c… §3" or "doc-1f5c…#4", into the ID and the paragraph
// ("§3", "¶4").
func idReference(ref string) (id, para string, ok bool) {
	ref = strings.TrimSpace(ref)
	if !strings.HasPrefix(ref, "doc-") {
		return "", "", false
	}
	if id, n, found := strings.Cut(ref, "#"); found && n != "" && strings.Trim(n, "0123456789") == "" {
		return id, "¶" + n, true
	}
	if id, para, found := strings.Cut(ref, " "); found && strings.TrimSpace(para) != "" {
		return id, strings.TrimSpace(para), true
	}
	return "", "", false
}

// paragraphResult is what Show returns for a paragraph found (or err),
// with where it recurs when links.
func (s *Searcher) paragraphResult(ctx context.Context, h *Hit, err error, links bool) (*ShowResult, error) {
	if err != nil {
		return nil, err
	}
	if links {
		if err := s.paragraphRecurrences(ctx, h); err != nil {
			return nil, err
		}
	}
	return &ShowResult{Paragraph: h}, nil
}
