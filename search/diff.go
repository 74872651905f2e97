package search

import (
	"context"
	"errors"
	"slices"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/lineage"
)

// Diff aligns the paragraphs of the documents that refA and refB name
// (references as Show takes them: "2775 (2025)", "S/RES/2776 (2025)",
// "A/HRC/RES/51/34", a document ID). With refA empty, the old document is
// refB's predecessor (see Predecessor). It returns an error wrapping
// ErrNotFound when a reference names nothing in the index or no
// predecessor is found, and a *BadQueryError when a reference names a
// paragraph rather than a document.
func (s *Searcher) Diff(ctx context.Context, refA, refB string) (*lineage.Diff, error) {
	b, err := s.documentOf(ctx, refB)
	if err != nil {
		return nil, err
	}
	var a *corpus.Document
	if refA == "" {
		if a, err = s.Predecessor(ctx, b); err != nil {
			return nil, err
		}
	} else if a, err = s.documentOf(ctx, refA); err != nil {
		return nil, err
	}
	for _, doc := range []*corpus.Document{a, b} {
		if n := textBytes(doc); n > MaxDiffBytes {
			return nil, badf("%s tiene %.1f MB de texto; la comparación admite documentos de hasta %d MB (compare partes más cortas, o sus párrafos con relatoria show)", describeDoc(doc), float64(n)/(1<<20), MaxDiffBytes>>20)
		}
	}
	d, err := lineage.CompareContext(ctx, a, b)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		return nil, badf("%v", err)
	}
	return d, nil
}

// MaxDiffBytes is the most text (in bytes) a document compared by Diff may
// have: the longest judgment of the test corpora has about 1 MB, and the
// alignment grows with the product of the two documents' paragraphs.
const MaxDiffBytes = 4 << 20

// textBytes returns the bytes of a document's paragraphs.
func textBytes(doc *corpus.Document) int {
	n := 0
	for _, p := range doc.Paragraphs {
		n += len(p.Text)
	}
	return n
}

// documentOf returns the whole document a reference names.
func (s *Searcher) documentOf(ctx context.Context, ref string) (*corpus.Document, error) {
	res, err := s.show(ctx, ref, false)
	if err != nil {
		return nil, err
	}
	if res.Paragraph != nil {
		return nil, badf("«%s» es un párrafo; la comparación es entre documentos enteros (escriba la signatura sola: %s)", ref, res.Paragraph.Symbol)
	}
	return res.Document.Document, nil
}

// Predecessor returns the document doc most likely renews: among the
// documents it cites and those with the same title, adopted before it (when
// both dates are known) by the same body (when both are known), the one
// whose words are most like its own. It returns an error wrapping
// ErrNotFound when there is none.
func (s *Searcher) Predecessor(ctx context.Context, doc *corpus.Document) (*corpus.Document, error) {
	var ids []string
	seen := map[string]bool{doc.ID: true}
	addIDs := func(xs ...string) {
		for _, id := range xs {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	for _, c := range Cites(doc) {
		found, err := s.ix.DocumentIDs(ctx, c.Symbol)
		if err != nil {
			return nil, err
		}
		addIDs(found...)
	}
	if doc.Title != "" {
		t := index.MatchPhrase(index.FieldTitle, doc.Title)
		hits, err := s.run(ctx, index.And(index.FilterQuery(index.FieldMeta, "1"), t), 50)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			if h.Title == doc.Title {
				addIDs(h.Doc)
			}
		}
	}
	words := documentShingles(doc)
	var best *corpus.Document
	bestSim := 0.0
	for _, id := range ids {
		c, err := s.ix.Document(ctx, id)
		if errors.Is(err, index.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if doc.Body != "" && c.Body != "" && c.Body != doc.Body {
			continue
		}
		if !doc.Adopted.IsZero() && !c.Adopted.IsZero() && !c.Adopted.Time().Before(doc.Adopted.Time()) {
			continue
		}
		if sim := lineage.Jaccard(words, documentShingles(c)); sim > bestSim {
			best, bestSim = c, sim
		}
	}
	if best == nil {
		return nil, notFoundf("%s: ningún documento anterior del mismo órgano del índice es citado por él ni tiene su título; indique los dos documentos", describeDoc(doc))
	}
	return best, nil
}

// documentShingles returns the word pairs of all a document's paragraphs.
func documentShingles(doc *corpus.Document) []uint64 {
	var all []uint64
	for _, p := range doc.Paragraphs {
		all = append(all, lineage.Shingles(lineage.Words(p.Text))...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

func describeDoc(d *corpus.Document) string {
	if d.Symbol != "" {
		return d.Symbol.String()
	}
	return d.ID
}
