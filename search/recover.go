package search

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
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
	// Filters lists the filters ("tipo:operativo", "fecha:1900") that
	// removed every paragraph the rest of the query finds: without them
	// it finds Alternatives[0].Total. The words are then not relaxed.
	Filters []string `json:"filters,omitempty"`
	// Corrected is the query with every word no paragraph has replaced
	// by its closest form that makes the query find something: when it
	// is set, the hits shown are those of Corrected.
	Corrected string `json:"corrected,omitempty"`
	// Alternatives are queries to run instead, each with what it finds:
	// the query without the filters that removed everything.
	Alternatives []Alternative `json:"alternatives,omitempty"`
	// Message says all this in Spanish, as the page and the CLI show it.
	Message string `json:"message"`
}

// Alternative is a query offered instead of one that found nothing, with
// the number of paragraphs it finds (never 0) and why it is offered, in
// Spanish ("sin el filtro tipo:operativo").
type Alternative struct {
	Query string `json:"query"`
	Total uint64 `json:"total"`
	Why   string `json:"why"`
}

// maxSuggestions bounds the close forms offered for an unknown word.
const maxSuggestions = 3

// relaxable returns the plain words of q (neither quoted, literal, prefix
// nor fuzzy, nor a symbol, nor a stop word) and the clauses it also requires
// (filters, symbols), or ok false when q has an OR, an exclusion or a
// phrase, or no plain word.
func relaxable(q query.Query) (words []*query.Term, rest []query.Query, ok bool) {
	xs := []query.Query{q}
	if a, isAnd := q.(*query.And); isAnd {
		xs = a.Xs
	}
	c := &compiler{}
	for _, x := range xs {
		switch x := x.(type) {
		case *query.Term:
			switch {
			case x.Literal || x.Prefix || x.Fuzzy:
				return nil, nil, false
			case strings.Contains(x.Text, "/"):
				rest = append(rest, x)
			case c.isStopWord(x):
			default:
				words = append(words, x)
			}
		case *query.Field:
			rest = append(rest, x)
		default:
			return nil, nil, false
		}
	}
	return words, rest, len(words) > 0
}

// recoverSearch is run when req found nothing. When the query's filters
// removed every paragraph the rest of it finds, it says which (Filters)
// and offers the query without them. Otherwise, for a query of plain
// words, it names the words no paragraph has with close forms; when every
// such word has one, the query with each replaced by the form that makes
// it find something is searched instead (Corrected, with its parsed form
// for highlights); else it returns the page of the first level of
// relaxation that finds something (all words but one, … down to two, or
// one of a query of two). It returns a nil page when nothing is found, and
// a nil Recovery for a query it must not relax whose filters are not to
// blame.
func (s *Searcher) recoverSearch(ctx context.Context, q query.Query, preq index.Request, strict bool) (*Recovery, *index.Page, query.Query, error) {
	if rec, err := s.blameFilters(ctx, q); rec != nil || err != nil {
		return rec, nil, nil, err
	}
	words, rest, ok := relaxable(q)
	if !ok {
		return nil, nil, nil, nil
	}
	rec := &Recovery{}
	known := 0
	for _, w := range words {
		rec.Words = append(rec.Words, w.Text)
		found, err := s.inIndex(w.Text)
		if err != nil {
			return nil, nil, nil, err
		}
		if found {
			known++
			continue
		}
		rec.Unknown = append(rec.Unknown, w.Text)
		near, err := s.closeForms(w.Text)
		if err != nil {
			return nil, nil, nil, err
		}
		if len(near) > 0 {
			if rec.Suggestions == nil {
				rec.Suggestions = map[string][]string{}
			}
			rec.Suggestions[w.Text] = near
		}
	}
	if len(rec.Unknown) > 0 && len(rec.Suggestions) == len(rec.Unknown) {
		fixed, page, err := s.correct(ctx, q, rec, preq)
		if err != nil || page != nil {
			return rec, page, fixed, err
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
			return nil, nil, nil, err
		}
		must = append(must, cx)
	}
	for _, w := range words {
		cx, err := c.term(w)
		if err != nil {
			return nil, nil, nil, err
		}
		should = append(should, cx)
	}
	// A paragraph has at most the words the index knows: start there.
	// Down to two words, or to one of a query of two.
	least := 2
	if len(words) == 2 {
		least = 1
	}
	for k := min(len(words)-1, known); k >= least; k-- {
		r := preq
		r.Query = index.Boolean(must, should, nil, k)
		page, err := s.ix.Search(ctx, r)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("search: %w", err)
		}
		if page.Total > 0 {
			rec.Required = k
			return rec, page, nil, nil
		}
	}
	return rec, nil, nil, nil
}

// clauses returns the clauses q requires side by side: the parts of an
// And, or q itself.
func clauses(q query.Query) []query.Query {
	if a, ok := q.(*query.And); ok {
		return a.Xs
	}
	return []query.Query{q}
}

// queryText writes clauses back in the query language, side by side.
func queryText(xs []query.Query) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = x.String()
	}
	return strings.Join(parts, " ")
}

// count returns how many paragraphs have every one of the clauses xs
// themselves (not through their section).
func (s *Searcher) count(ctx context.Context, xs []query.Query) (uint64, error) {
	var q query.Query = &query.And{Xs: xs}
	if len(xs) == 1 {
		q = xs[0]
	}
	bq, err := compile(q, &compiler{hasOriginal: s.ix.HasOriginalTerm})
	if err != nil {
		return 0, err
	}
	page, err := s.ix.Search(ctx, index.Request{Query: bq, Size: 1})
	if err != nil {
		return 0, fmt.Errorf("search: %w", err)
	}
	return page.Total, nil
}

// blameFilters finds, for a query with filters (tipo:, fecha:, …) that
// found nothing, the filters that removed everything the rest of the query
// finds: each one that alone leaves nothing of it, else all of them (only
// together do they leave nothing). It returns nil when the rest of the
// query finds nothing either (the filters are not to blame), or when the
// query has no filter.
func (s *Searcher) blameFilters(ctx context.Context, q query.Query) (*Recovery, error) {
	var filters, content []query.Query
	for _, x := range clauses(q) {
		if _, ok := x.(*query.Field); ok {
			filters = append(filters, x)
		} else {
			content = append(content, x)
		}
	}
	if len(filters) == 0 {
		return nil, nil
	}
	rec := &Recovery{}
	var total uint64
	if len(content) > 0 {
		n, err := s.count(ctx, content)
		if err != nil || n == 0 {
			return nil, err
		}
		total = n
	}
	var culprits []query.Query
	for _, f := range filters {
		n := uint64(0)
		var err error
		if len(content) > 0 || len(filters) > 1 {
			n, err = s.count(ctx, append(slices.Clone(content), f))
			if err != nil {
				return nil, err
			}
		}
		if n == 0 {
			culprits = append(culprits, f)
		}
	}
	together := len(culprits) == 0
	if together {
		culprits = filters
	}
	for _, f := range culprits {
		rec.Filters = append(rec.Filters, f.String())
	}
	if len(content) == 0 {
		rec.Message = fmt.Sprintf("Ningún párrafo del índice cumple el filtro %s.", rec.Filters[0])
		if len(rec.Filters) > 1 {
			rec.Message = fmt.Sprintf("Ningún párrafo del índice cumple a la vez los filtros %s.", andList(rec.Filters))
		}
		return rec, nil
	}
	// The query without the culprits, in its order.
	var without []query.Query
	for _, x := range clauses(q) {
		if !slices.Contains(culprits, x) {
			without = append(without, x)
		}
	}
	n := total
	if len(without) > len(content) {
		var err error
		if n, err = s.count(ctx, without); err != nil {
			return nil, err
		}
	}
	rest := queryText(without)
	if n == 0 {
		// Kept filters leave nothing either: offer the words alone.
		rest, n = queryText(content), total
	}
	why := "sin el filtro " + rec.Filters[0]
	if len(rec.Filters) > 1 {
		why = "sin los filtros " + andList(rec.Filters)
	}
	rec.Alternatives = []Alternative{{Query: rest, Total: n, Why: why}}
	of := fmt.Sprintf("Ninguno de los %s de «%s»", ParagraphsText(n), rest)
	if n == 1 {
		of = fmt.Sprintf("El único párrafo de «%s» no", rest)
	}
	switch {
	case len(rec.Filters) == 1:
		rec.Message = fmt.Sprintf("%s cumple el filtro %s.", of, rec.Filters[0])
	case together:
		rec.Message = fmt.Sprintf("%s cumple a la vez los filtros %s (cada uno por separado deja alguno).", of, andList(rec.Filters))
	default:
		rec.Message = fmt.Sprintf("%s cumple los filtros %s.", of, andList(rec.Filters))
	}
	return rec, nil
}

// correct searches q with every unknown word of rec replaced by one of its
// close forms: the first combination, closest forms first, that finds
// something (at most nine are tried). It returns the corrected query and
// the page it finds, or a nil page when none finds anything.
func (s *Searcher) correct(ctx context.Context, q query.Query, rec *Recovery, preq index.Request) (query.Query, *index.Page, error) {
	combos := [][]string{nil}
	for _, w := range rec.Unknown {
		var next [][]string
		for _, c := range combos {
			for _, form := range rec.Suggestions[w] {
				next = append(next, append(slices.Clone(c), form))
			}
		}
		combos = next
	}
	slices.SortStableFunc(combos, func(a, b []string) int { return rankSum(a, rec) - rankSum(b, rec) })
	for i, combo := range combos {
		if i == 9 {
			break
		}
		replace := map[string]string{}
		for j, w := range rec.Unknown {
			replace[w] = combo[j]
		}
		fixed := replaceWords(q, replace)
		bq, err := compile(fixed, &compiler{hasOriginal: s.ix.HasOriginalTerm})
		if err != nil {
			continue
		}
		r := preq
		r.Query = bq
		if r.Sort.Scored() {
			// The corrected words' own order.
			r.Sort = index.BareLast(index.RelevanceSort(), queryTerms(fixed))
		}
		page, err := s.ix.Search(ctx, r)
		if err != nil {
			return nil, nil, fmt.Errorf("search: %w", err)
		}
		if page.Total > 0 {
			rec.Corrected = queryText(clauses(fixed))
			return fixed, page, nil
		}
	}
	return nil, nil, nil
}

// rankSum is the sum of the ranks of the forms of a combination among the
// close forms of their words: the closest combinations first.
func rankSum(combo []string, rec *Recovery) int {
	n := 0
	for j, w := range rec.Unknown {
		n += slices.Index(rec.Suggestions[w], combo[j])
	}
	return n
}

// replaceWords returns q with the plain words of replace (by their text)
// replaced.
func replaceWords(q query.Query, replace map[string]string) query.Query {
	switch x := q.(type) {
	case *query.Term:
		if r, ok := replace[x.Text]; ok && !x.Literal && !x.Prefix && !x.Fuzzy {
			return &query.Term{Text: r}
		}
	case *query.And:
		out := &query.And{}
		for _, y := range x.Xs {
			out.Xs = append(out.Xs, replaceWords(y, replace))
		}
		return out
	}
	return q
}

// andList joins items as Spanish lists them: "a, b y c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " y " + items[len(items)-1]
}

// ParagraphsText says "1 párrafo", "5.234 párrafos".
func ParagraphsText(n uint64) string {
	if n == 1 {
		return "1 párrafo"
	}
	return Thousands(n) + " párrafos"
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
	if len(rec.Filters) > 0 {
		return // blameFilters said it
	}
	if rec.Corrected != "" {
		rec.Message = fmt.Sprintf("%s en ningún párrafo del índice; se muestran los resultados de «%s».",
			unknownPhrase(rec.Unknown), rec.Corrected)
		return
	}
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
	if len(rec.Words) == 1 {
		b.WriteString("Ningún párrafo contiene la palabra")
	} else {
		b.WriteString("Ningún párrafo contiene todas las palabras")
	}
	if rec.Required > 0 {
		fmt.Fprintf(&b, "; se muestran los que contienen %d de %d", rec.Required, len(rec.Words))
		if len(rec.Missing) > 0 {
			fmt.Fprintf(&b, " (falta: %s)", Guillemets(rec.Missing))
		}
	}
	b.WriteString(".")
	for _, w := range rec.Unknown {
		fmt.Fprintf(&b, " «%s» no aparece en ningún párrafo del índice", w)
		if near := rec.Suggestions[w]; len(near) > 0 {
			fmt.Fprintf(&b, "; formas parecidas: %s", Guillemets(near))
		}
		b.WriteString(".")
	}
	rec.Message = b.String()
}

// Guillemets quotes each word as Spanish does, «a», «b».
func Guillemets(ws []string) string {
	q := make([]string, len(ws))
	for i, w := range ws {
		q[i] = "«" + w + "»"
	}
	return strings.Join(q, ", ")
}

// unknownPhrase says that words appear nowhere: "«x» no aparece", "«x» y
// «y» no aparecen".
func unknownPhrase(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "«" + w + "»"
	}
	if len(q) == 1 {
		return q[0] + " no aparece"
	}
	return andList(q) + " no aparecen"
}
