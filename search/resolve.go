package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
)

// AmbiguousError is a reference that names several paragraphs or
// documents: "§1" of a compilation whose reports each have a paragraph 1.
// Candidates lists them, each with the reference that names it alone.
type AmbiguousError struct {
	Ref        string
	Candidates []Hit
}

// Error says so in Spanish, naming the candidates.
func (e *AmbiguousError) Error() string {
	var refs []string
	for i, h := range e.Candidates {
		if i == 8 {
			refs = append(refs, fmt.Sprintf("y %d más", len(e.Candidates)-i))
			break
		}
		refs = append(refs, "«"+h.Ref+"»")
	}
	return fmt.Sprintf("«%s» nombra %d párrafos o documentos: %s; escriba uno de ellos", e.Ref, len(e.Candidates), strings.Join(refs, ", "))
}

// maxCandidates bounds the documents and paragraphs a reference is
// resolved to.
const maxCandidates = 50

// referenceDocs returns the documents a reference names (none when the
// index has none), and the reference with Name split into its name and
// part when the part was written after it.
func (s *Searcher) referenceDocs(ctx context.Context, r query.Reference) ([]*corpus.Document, query.Reference, error) {
	switch {
	case r.Symbol != "":
		docs, err := s.docsWhere(ctx, index.FilterQuery(index.FieldSymbolForm, strings.ToLower(r.Symbol.String())))
		return docs, r, err
	case r.Case != "" || r.Series != "":
		docs, err := s.judgmentDocs(ctx, r)
		return docs, r, err
	case r.Name != "":
		// "Title (Ecuador), 6º": the name may end with a part, and the
		// title may have commas of its own.
		name, part := r.Name, r.Part
		for {
			docs, err := s.namedDocs(ctx, name)
			if err != nil || len(docs) > 0 {
				r.Name, r.Part = name, part
				return docs, r, err
			}
			i := strings.LastIndex(name, ", ")
			if i < 0 || part != "" {
				return nil, r, nil
			}
			name, part = name[:i], strings.TrimSpace(name[i+2:])
		}
	}
	return nil, r, nil
}

// namedDocs returns the documents whose name (corpus.Document.Name) is
// name, with the country and date a reference adds in parentheses when it
// has them ("… (Ecuador, 2009-10-29)").
func (s *Searcher) namedDocs(ctx context.Context, name string) ([]*corpus.Document, error) {
	docs, err := s.docsWhere(ctx, index.FilterQuery(index.FieldDocName, index.NameKey(name)))
	if err != nil || len(docs) > 0 {
		return docs, err
	}
	m := query.Qualifiers.FindStringSubmatch(name)
	if m == nil {
		return nil, nil
	}
	base := strings.TrimSpace(name[:len(name)-len(m[0])])
	docs, err = s.docsWhere(ctx, index.FilterQuery(index.FieldDocName, index.NameKey(base)))
	if err != nil {
		return nil, err
	}
	var out []*corpus.Document
	for _, d := range docs {
		if d.RefName() == name || qualifiedAs(d, m[1]) {
			out = append(out, d)
		}
	}
	return out, nil
}

// qualifiedAs reports whether d has the country and date of quals
// ("Ecuador, 2009-10-29"), in any order.
func qualifiedAs(d *corpus.Document, quals string) bool {
	for q := range strings.SplitSeq(quals, ",") {
		q = strings.TrimSpace(q)
		if date, err := corpus.ParseDate(q); err == nil {
			if d.Adopted != date && (d.Case == nil || d.Case.Date != date) {
				return false
			}
			continue
		}
		if !strings.EqualFold(d.Country, q) {
			return false
		}
	}
	return true
}

// judgmentDocs returns the judgments a reference by case or series number
// names. A judgment whose document does not print its series number is
// found by the citations of other documents: those that cite the series
// number give the case's name and date.
func (s *Searcher) judgmentDocs(ctx context.Context, r query.Reference) ([]*corpus.Document, error) {
	var keys []string
	if r.Series != "" {
		keys = append(keys, strings.ToLower(r.Series))
	}
	if r.Case != "" {
		if r.Date.IsZero() {
			keys = append(keys, "caso:"+corpus.CaseKey(r.Case))
		} else {
			keys = append(keys, "caso:"+corpus.CaseKey(r.Case)+"@"+r.Date.String())
		}
	}
	for _, k := range keys {
		docs, err := s.docsWhere(ctx, index.FilterQuery(index.FieldCase, k))
		if err != nil || len(docs) > 0 {
			return docs, err
		}
	}
	if r.Series == "" {
		return nil, nil
	}
	// The citations of the series number name the case and its date.
	sr, err := s.ix.Search(ctx, index.Request{Query: index.FilterQuery(index.FieldCitesForm, strings.ToLower(r.Series)), Size: 20})
	if err != nil {
		return nil, err
	}
	for _, h := range sr.Hits {
		for _, c := range h.Para.Citations {
			if string(c.Symbol) != r.Series || c.Case == "" || c.Date.IsZero() {
				continue
			}
			docs, err := s.docsWhere(ctx, index.FilterQuery(index.FieldCase, "caso:"+corpus.CaseKey(c.Case)+"@"+c.Date.String()))
			if err != nil || len(docs) > 0 {
				return docs, err
			}
		}
	}
	return nil, nil
}

// docsWhere returns the documents whose first paragraph matches q, in ID
// order, at most maxCandidates.
func (s *Searcher) docsWhere(ctx context.Context, q index.Query) ([]*corpus.Document, error) {
	sr, err := s.ix.Search(ctx, index.Request{Query: index.And(q, index.FilterQuery(index.FieldMeta, "1")), Size: maxCandidates,
		Sort: index.FieldSort(index.FieldDoc)})
	if err != nil {
		return nil, err
	}
	out := make([]*corpus.Document, 0, len(sr.Hits))
	for _, h := range sr.Hits {
		out = append(out, h.Doc)
	}
	return out, nil
}

// docsQuery matches the paragraphs of docs.
func docsQuery(docs []*corpus.Document) index.Query {
	xs := make([]index.Query, len(docs))
	for i, d := range docs {
		xs[i] = index.Term(index.FieldDoc, d.ID)
	}
	if len(xs) == 1 {
		return xs[0]
	}
	return index.Or(xs...)
}

// referenceQuery returns the query of the paragraphs a reference names in
// docs: its paragraph, numbered in its part (the main numbering when it
// names none), or at its position; all of them for a whole document. When
// no paragraph has the number in that part, every paragraph numbered so in
// docs is named: an ambiguous reference lists its candidates.
func (s *Searcher) referenceQuery(ctx context.Context, r query.Reference, docs []*corpus.Document) (index.Query, error) {
	in := docsQuery(docs)
	switch {
	case r.Ordinal > 0:
		return index.And(in, index.Term(index.FieldOrdinal, index.OrdinalTerm(r.Ordinal))), nil
	case r.Paragraph == "":
		return in, nil
	}
	exact := index.And(in, index.FilterQuery(index.FieldNumberRef, index.NumberRefTerm(r.Part, r.Paragraph)))
	any := index.And(in, index.FilterQuery(index.FieldNumber, index.NumberTerm(r.Paragraph)))
	for _, q := range []index.Query{exact, any} {
		if n, err := s.total(ctx, q); err != nil || n > 0 {
			return q, err
		}
	}
	if n := r.Paragraph.String(); r.Paragraph.Parent() != "" && n[len(n)-1] >= 'a' && n[len(n)-1] <= 'z' {
		parent := r.Paragraph.Parent()
		// "51/34, párr. 7 a)" where paragraph 7 is not split into
		// items: the paragraph that holds the item (not "84.4" for
		// "84": a recommendation is no item of its paragraph).
		r.Paragraph = parent
		return s.referenceQuery(ctx, r, docs)
	}
	return exact, nil
}

// total returns the number of paragraphs q matches.
func (s *Searcher) total(ctx context.Context, q index.Query) (uint64, error) {
	sr, err := s.ix.Search(ctx, index.Request{Query: q, Size: 1})
	if err != nil {
		return 0, err
	}
	return sr.Total, nil
}

// pickOne returns the one paragraph hits holds, or the first when they are
// one paragraph of copies of one document (the HTML and the PDF of a
// resolution, one symbol: one reference names both, with the same text). It returns an error wrapping
// ErrNotFound for none and an *AmbiguousError for paragraphs of different
// documents or different paragraphs of one.
func pickOne(r query.Reference, hits []Hit) (*Hit, error) {
	switch {
	case len(hits) == 0:
		return nil, notFoundf("%s: no existe ese párrafo en el índice", r)
	case len(hits) == 1:
		return &hits[0], nil
	}
	docs := map[string]bool{}
	for _, h := range hits {
		if docs[h.Doc] || h.Ref != hits[0].Ref || h.Symbol == "" || h.Text != hits[0].Text {
			return nil, &AmbiguousError{Ref: r.String(), Candidates: hits}
		}
		docs[h.Doc] = true
	}
	return &hits[0], nil
}

// paragraphIn returns the paragraph of document id that ref names, ref
// being what RefOf writes for it (the document's name, its part, its
// number or position): a permanent link names the document by ID too.
func (s *Searcher) paragraphIn(ctx context.Context, id, ref string) (*Hit, error) {
	doc, err := s.ix.Document(ctx, id)
	if err != nil {
		return nil, err
	}
	r, ok := query.ParseNamedReference(ref)
	if !ok || r.Paragraph == "" && r.Ordinal == 0 {
		return nil, badf("«%s» no nombra un párrafo", ref)
	}
	if r.Name != "" {
		r.Part = ""
		if rest, ok := strings.CutPrefix(r.Name, doc.RefName()+", "); ok {
			r.Part = rest
		}
	}
	q, err := s.referenceQuery(ctx, r, []*corpus.Document{doc})
	if err != nil {
		return nil, err
	}
	hits, err := s.run(ctx, q, maxCandidates)
	if err != nil {
		return nil, err
	}
	return pickOne(r, hits)
}
