package search

import (
	"context"
	"fmt"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/query"
)

// NotParagraphError is a reference that a permanent link gives as a
// paragraph's but that names a whole document: Doc is that document's ID.
// It matches ErrNotFound (errors.Is).
type NotParagraphError struct {
	Ref, Doc string
}

// Error says so in Spanish.
func (e *NotParagraphError) Error() string {
	return fmt.Sprintf("«%s» nombra un documento, no un párrafo", e.Ref)
}

// Is reports whether target is ErrNotFound.
func (e *NotParagraphError) Is(target error) bool { return target == ErrNotFound }

// ParagraphByRef returns the paragraph a reference names, as a permanent
// link gives it (/p/?ref=REFERENCE&doc=ID): in document doc first when doc
// is set (the link's reference is what RefOf wrote for it), else wherever
// the reference leads. A reference that names a document is a
// *NotParagraphError; one that names several paragraphs an
// *AmbiguousError; none an error wrapping ErrNotFound.
func (s *Searcher) ParagraphByRef(ctx context.Context, doc, ref string) (*Hit, error) {
	if doc != "" {
		if hit, err := s.paragraphIn(ctx, doc, ref); err == nil {
			return hit, nil
		}
	}
	res, err := s.show(ctx, ref, false)
	if err != nil {
		return nil, err
	}
	if res.Paragraph == nil {
		return nil, &NotParagraphError{Ref: ref, Doc: res.Document.ID}
	}
	return res.Paragraph, nil
}

// ParagraphAt returns the paragraph of the document that base names (its
// symbol, else its ID) which ref names by its Paragraph number, or by its
// Ordinal, within its Part (a permanent link by path:
// /p/A/HRC/RES/51/34/7, /p/{ID}/o3). The errors are ParagraphByRef's.
func (s *Searcher) ParagraphAt(ctx context.Context, base string, ref query.Reference) (*Hit, error) {
	var docs []*corpus.Document
	if sym, err := corpus.ParseSymbol(base); err == nil {
		ref.Symbol = sym
		if docs, ref, err = s.referenceDocs(ctx, ref); err != nil {
			return nil, err
		}
	}
	if len(docs) == 0 {
		doc, err := s.ix.Document(ctx, base)
		if err != nil {
			return nil, notFoundf("%s: no existe ese documento en el índice", base)
		}
		docs, ref.Name = []*corpus.Document{doc}, doc.RefName()
	}
	q, err := s.referenceQuery(ctx, ref, docs)
	if err != nil {
		return nil, err
	}
	hits, err := s.run(ctx, q, maxCandidates)
	if err != nil {
		return nil, err
	}
	return pickOne(ref, hits)
}

// ParagraphRecurrences fills h.Recurrences: the paragraphs of other
// documents with the same or nearly the same words (none without a
// Linker).
func (s *Searcher) ParagraphRecurrences(ctx context.Context, h *Hit) error {
	return s.paragraphRecurrences(ctx, h)
}

// IndexParagraphs returns the number of paragraphs in the index.
func (s *Searcher) IndexParagraphs() (uint64, error) { return s.ix.Paragraphs() }

// IndexVersion describes the index's format and size (index.Version):
// "format 6, 3987 paragraphs".
func (s *Searcher) IndexVersion() string { return s.ix.Version() }
