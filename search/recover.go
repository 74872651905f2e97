package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/spanish"
)

// Recovery says what a search of plain words did when no paragraph had
// them all: it searched again for the paragraphs that have all but one of
// them, then all but two, down to two words, and shows the first level
// that finds something. It also names the words no paragraph of the index
// has, with forms of the index close to them. It is never done for
// phrases, literal words, prefixes, fuzzy words, OR or exclusions: those
// say exactly what the user wants.
type Recovery struct {
	// Words are the words of the query that were relaxed, as written.
	Words []string `json:"words"`
	// Required is how many of Words each hit shown has (0 when even two
	// of them are in no paragraph, or the query has fewer than three).
	Required int `json:"required"`
	// Missing lists the words that some hit of the page lacks, in query
	// order.
	Missing []string `json:"missing,omitempty"`
	// Unknown lists the words that no paragraph of the index has.
	Unknown []string `json:"unknown,omitempty"`
	// Suggestions gives, for each unknown word, forms of the index within
	// a few edits of it (OCR-tolerant: one edit, two from six letters),
	// the closest and most frequent first.
	Suggestions map[string][]string `json:"suggestions,omitempty"`
	// Message says all this in Spanish, as the page and the CLI show it.
	Message string `json:"message"`
}

// maxSuggestions bounds the close forms offered for an unknown word.
const maxSuggestions = 3

// relaxable returns the plain words of q (neither quoted, literal, prefix
// nor fuzzy, nor a symbol, nor a stop word) and the clauses it also requires
// (filters, symbols), or ok false when q has an OR, an exclusion or a
// phrase, or no plain word.
func relaxable(q Query) (words []*Term, rest []Query, ok bool) {
	xs := []Query{q}
	if a, isAnd := q.(*And); isAnd {
		xs = a.Xs
	}
	c := &compiler{}
	for _, x := range xs {
		switch x := x.(type) {
		case *Term:
			switch {
			case x.Literal || x.Prefix || x.Fuzzy:
				return nil, nil, false
			case strings.Contains(x.Text, "/"):
				rest = append(rest, x)
			case c.isStopWord(x):
			default:
				words = append(words, x)
			}
		case *Field:
			rest = append(rest, x)
		default:
			return nil, nil, false
		}
	}
	return words, rest, len(words) > 0
}

// recoverSearch is run when req found nothing. For a query of plain words
// it returns what Recovery says, and the page of the first level of
// relaxation that finds something (nil when none does, or when the query
// has fewer than three words). It returns nil, nil, nil for a query it
// must not relax.
func (s *Searcher) recoverSearch(ctx context.Context, q Query, preq index.Request, strict bool) (*Recovery, *index.Page, error) {
	words, rest, ok := relaxable(q)
	if !ok {
		return nil, nil, nil
	}
	rec := &Recovery{}
	known := 0
	for _, w := range words {
		rec.Words = append(rec.Words, w.Text)
		found, err := s.inIndex(w.Text)
		if err != nil {
			return nil, nil, err
		}
		if found {
			known++
			continue
		}
		rec.Unknown = append(rec.Unknown, w.Text)
		near, err := s.closeForms(w.Text)
		if err != nil {
			return nil, nil, err
		}
		if len(near) > 0 {
			if rec.Suggestions == nil {
				rec.Suggestions = map[string][]string{}
			}
			rec.Suggestions[w.Text] = near
		}
	}
	c := &compiler{hasOriginal: s.ix.HasOriginalTerm}
	if !strict {
		c.hasSection = s.ix.HasSectionTerm
	}
	var must, should []index.Query
	for _, x := range rest {
		cx, err := compile(x, c)
		if err != nil {
			return nil, nil, err
		}
		must = append(must, cx)
	}
	for _, w := range words {
		cx, err := c.term(w)
		if err != nil {
			return nil, nil, err
		}
		should = append(should, cx)
	}
	// A paragraph has at most the words the index knows: start there.
	for k := min(len(words)-1, known); k >= 2; k-- {
		r := preq
		r.Query = index.Boolean(must, should, nil, k)
		page, err := s.ix.Search(ctx, r)
		if err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		if page.Total > 0 {
			rec.Required = k
			return rec, page, nil
		}
	}
	return rec, nil, nil
}

// inIndex reports whether some paragraph has word, in its text or in the
// forms OCR repair changed.
func (s *Searcher) inIndex(word string) (bool, error) {
	for _, t := range index.Terms(spanish.Normalize(word)) {
		for _, f := range []string{index.FieldText, index.FieldOriginal} {
			n, err := s.ix.DocFrequency(f, t)
			if err != nil || n > 0 {
				return n > 0, err
			}
		}
	}
	return false, nil
}

// closeForms returns the forms of the index, as written (lower case, with
// their accents), within fuzziness(word) edits of word: what a damaged or
// misspelt word was probably meant to be.
func (s *Searcher) closeForms(word string) ([]string, error) {
	exact := index.ExactTerms(spanish.Normalize(word))
	if len(exact) != 1 {
		return nil, nil
	}
	near, err := s.ix.SimilarTerms(index.FieldTextExact, exact[0], fuzziness(word))
	if err != nil {
		return nil, err
	}
	// The fewest edits first, then the most frequent (as near comes).
	var out []string
	for edits := 1; edits <= fuzziness(word) && len(out) < maxSuggestions; edits++ {
		for _, t := range near {
			if len(out) < maxSuggestions && !slices.Contains(out, t.Term) && spanish.WithinEdits(exact[0], t.Term, edits) {
				out = append(out, t.Term)
			}
		}
	}
	return out, nil
}

// wordsOf returns which of words text has (by their Spanish terms).
func wordsOf(words []string, texts ...string) []bool {
	have := map[string]bool{}
	for _, t := range texts {
		for _, term := range index.Terms(t) {
			have[term] = true
		}
	}
	out := make([]bool, len(words))
	for i, w := range words {
		for _, term := range index.Terms(spanish.Normalize(w)) {
			if have[term] {
				out[i] = true
			}
		}
	}
	return out
}

// explain sets each hit's Missing words and the Recovery's Missing and
// Message.
func (rec *Recovery) explain(hits []Hit) {
	lacking := make([]bool, len(rec.Words))
	for i := range hits {
		h := &hits[i]
		for j, ok := range wordsOf(rec.Words, h.Text, h.Original, strings.Join(h.Section, " ")) {
			if !ok {
				h.Missing = append(h.Missing, rec.Words[j])
				lacking[j] = true
			}
		}
	}
	for j, w := range rec.Words {
		if lacking[j] || rec.Required == 0 && slices.Contains(rec.Unknown, w) {
			rec.Missing = append(rec.Missing, w)
		}
	}
	var b strings.Builder
	b.WriteString("Ningún párrafo contiene todas las palabras")
	if rec.Required > 0 {
		fmt.Fprintf(&b, "; se muestran los que contienen %d de %d", rec.Required, len(rec.Words))
		if len(rec.Missing) > 0 {
			fmt.Fprintf(&b, " (falta: %s)", guillemets(rec.Missing))
		}
	}
	b.WriteString(".")
	for _, w := range rec.Unknown {
		fmt.Fprintf(&b, " «%s» no aparece en ningún párrafo del índice", w)
		if near := rec.Suggestions[w]; len(near) > 0 {
			fmt.Fprintf(&b, "; formas parecidas: %s", guillemets(near))
		}
		b.WriteString(".")
	}
	rec.Message = b.String()
}

func guillemets(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "«" + w + "»"
	}
	return strings.Join(q, ", ")
}
