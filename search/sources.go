package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/lineage"
	"github.com/relatoria/relatoria/query"
)

// SourceLink is a compilation's reference to a paragraph of a body's
// report ("Comité de Derechos Humanos — 5° Observaciones finales sobre el
// Estado, Parag. 12"), with the paragraph it names when the index holds
// it.
type SourceLink struct {
	Ordinal   int    `json:"ordinal"`   // the compilation's paragraph that makes the reference
	Body      string `json:"body"`      // the body, as the heading above the reference names it
	Text      string `json:"text"`      // the reference as written
	Paragraph string `json:"paragraph"` // the paragraph number referred to: "12", "99.54"
	// Target is the paragraph referred to; nil when it was not found,
	// and Reason says why.
	Target *Hit   `json:"target,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// sourceMatch is the least share of a body's name that a report's title
// must have to be taken for that body's (lineage.NameMatch).
const sourceMatch = 0.5

// Sources resolves the references of a compilation such as CLADEM's
// "Sistematización por temáticas": a heading naming a body, then lines
// such as "5° Observaciones finales sobre el Estado, Parag. 12; 26". Each
// paragraph referred to is looked for in the document of that body about
// the same State (sharing a category with the compilation when it has
// any), in the section its ordinal opens ("5º Observaciones finales …"),
// by its printed number. It returns nil when doc makes no such reference.
func (s *Searcher) Sources(ctx context.Context, doc *corpus.Document) ([]SourceLink, error) {
	type pending struct {
		link SourceLink
		ref  lineage.CompilationRef
		num  lineage.ParagraphNumber
	}
	var refs []pending
	body := ""
	for _, p := range doc.Paragraphs {
		if p.Kind == corpus.Heading {
			body = p.Text
			continue
		}
		ref, ok := lineage.ParseCompilationRef(p.Text)
		if !ok || body == "" {
			continue
		}
		for _, n := range ref.Paragraphs {
			refs = append(refs, pending{SourceLink{Ordinal: p.Ordinal, Body: body, Text: p.Text, Paragraph: n.String()}, ref, n})
		}
	}
	if len(refs) == 0 {
		return nil, nil
	}
	candidates, err := s.reportsOf(ctx, doc)
	if err != nil {
		return nil, err
	}
	loaded := map[string]*corpus.Document{}
	out := make([]SourceLink, 0, len(refs))
	for _, r := range refs {
		link := r.link
		target := bestReport(candidates, r.link.Body)
		if target == nil {
			link.Reason = "ningún informe de ese órgano sobre el mismo Estado en el índice"
			out = append(out, link)
			continue
		}
		full := loaded[target.ID]
		if full == nil {
			if full, err = s.ix.Document(ctx, target.ID); err != nil {
				return nil, err
			}
			loaded[target.ID] = full
		}
		p, reason := findReferred(full, r.ref.Cycle, r.num)
		if p == nil {
			link.Reason = reason
		} else {
			link.Target = &Hit{ID: index.ParagraphID(full.ID, p.Ordinal), Doc: full.ID, Ref: query.RefOf(full, p), Symbol: full.Symbol,
				Title: full.Title, Body: full.Body, Adopted: full.Adopted, Type: full.Type, Country: full.Country, Source: full.Source,
				Paragraph: corpus.Paragraph{Ordinal: p.Ordinal, Number: p.Number, Kind: p.Kind, Text: p.Text}}
		}
		out = append(out, link)
	}
	return out, nil
}

// reportsOf returns the metadata of the documents that share a category
// with doc (all documents when doc has none), doc aside.
func (s *Searcher) reportsOf(ctx context.Context, doc *corpus.Document) ([]*corpus.Document, error) {
	q := index.FilterQuery(index.FieldMeta, "1")
	if len(doc.Categories) > 0 {
		var xs []index.Query
		for _, c := range doc.Categories {
			xs = append(xs, index.FilterQuery(index.FieldCategory, c))
		}
		q = index.And(q, index.Or(xs...))
	}
	hits, err := s.run(ctx, q, 10000)
	if err != nil {
		return nil, fmt.Errorf("sources of %s: %w", doc.ID, err)
	}
	var out []*corpus.Document
	for _, h := range hits {
		if h.Doc != doc.ID {
			out = append(out, &corpus.Document{ID: h.Doc, Title: h.Title})
		}
	}
	return out, nil
}

// bestReport returns the document whose title best names body, or nil
// when none names it well enough or two name it equally well.
func bestReport(docs []*corpus.Document, body string) *corpus.Document {
	var best *corpus.Document
	bestScore, tie := 0.0, false
	for _, d := range docs {
		m := lineage.NameMatch(body, d.Title)
		switch {
		case m > bestScore:
			best, bestScore, tie = d, m, false
		case m == bestScore && m > 0:
			tie = true
		}
	}
	if best == nil || bestScore < sourceMatch || tie {
		return nil
	}
	return best
}

// findReferred returns the paragraph numbered n in the section of doc
// that the cycle's heading opens ("5º Observaciones finales …"), or why
// there is none.
func findReferred(doc *corpus.Document, cycle int, n lineage.ParagraphNumber) (*corpus.Paragraph, string) {
	start := slices.IndexFunc(doc.Paragraphs, func(p corpus.Paragraph) bool {
		return p.Kind == corpus.Heading && lineage.HeadingCycle(p.Text) == cycle
	})
	if start < 0 {
		return nil, "el informe no tiene la sección " + strconv.Itoa(cycle) + "º"
	}
	// The section ends at the next heading of its kind: an ordinal and
	// the same first word ("6º Observaciones …"), not a session
	// ("22º período de sesiones").
	kind := reportWord(doc.Paragraphs[start].Text)
	for _, p := range doc.Paragraphs[start+1:] {
		if p.Kind == corpus.Heading && lineage.HeadingCycle(p.Text) > 0 && reportWord(p.Text) == kind {
			break
		}
		if p.Number == corpus.Number(n.String()) {
			return &p, ""
		}
	}
	return nil, "la sección " + strconv.Itoa(cycle) + "º no tiene el párrafo " + n.String()
}

// reportWord returns the folded first word after a heading's ordinal:
// "observaciones" for "5º Observaciones finales …".
func reportWord(heading string) string {
	w := lineage.Words(heading)
	if len(w) < 2 {
		return ""
	}
	return w[1]
}
