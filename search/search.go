package search

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
)

// MaxPageSize is the largest page of hits one request may ask for.
const MaxPageSize = 1000

// MaxWindow bounds From+Size: deeper pages are asked for with After (the
// cursor of the page before), which costs the same at any depth, where
// each shard collects From+Size hits.
const MaxWindow = 10_000

// DefaultPageSize is the page size when a request names none.
const DefaultPageSize = 10

// Request is one search.
type Request struct {
	Query string // in the query language of Parse, or a reference ("51/34 §7")
	Size  int    // hits per page; 0 means DefaultPageSize
	From  int    // hits to skip (shallow paging)
	// After continues from the last hit of a previous page (its Cursor):
	// deep paging with no limit on depth.
	After string
	// Sort is "relevance" (default), "date" (newest first), "oldest" or
	// "+date" (oldest first) or "order" (document order, paragraph by
	// paragraph); Spanish "relevancia", "fecha", "+fecha" and "orden" are
	// accepted.
	Sort string
	// Facets, when set, adds counts by FacetFields.
	Facets bool
	// Strict, when set, finds only paragraphs that have every word
	// themselves: a word is not looked for in the section a paragraph is
	// in (the heading above it, the sentence that opens its list).
	Strict bool
}

// Results is the answer to a Request.
type Results struct {
	Query   string                        `json:"query"`
	Total   uint64                        `json:"total"`
	Hits    []Hit                         `json:"hits"`
	Facets  map[string][]index.FacetCount `json:"facets,omitempty"`
	Applied Applied                       `json:"applied"`
	// Reference is set when the query was a reference to a document or
	// paragraph, answered by lookup rather than search.
	Reference string `json:"reference,omitempty"`
	Index     string `json:"index"` // the index version, so counts can be cited
	// Next is the cursor for the page after this one ("" on the last page).
	Next string `json:"next,omitempty"`
}

// Hit is one matching paragraph: the corpus.Paragraph as the index holds
// it, with its document's metadata and what the search adds beside it.
// Its JSON form is hitJSON's (see MarshalJSONTo).
type Hit struct {
	ID      string        // "A/HRC/RES/51/34#25"
	Doc     string        // document ID
	Ref     string        // citable: "A/HRC/RES/51/34 §7"
	Symbol  corpus.Symbol // the document's
	Title   string
	Body    string
	Adopted corpus.Date
	Type    string // what the document is: "sentencia" (corpus.DocumentTypes)
	Country string // the State it concerns: "Guatemala"
	Source  string
	// Paragraph is the paragraph itself; its Section holds the headings
	// above it, outermost first, and for a list item the sentence that
	// opens its list.
	corpus.Paragraph
	// Highlights are fragments of Text with matches in <mark>…</mark>; the
	// rest is HTML-escaped.
	Highlights []string
	// Missing lists the words of the query the paragraph lacks, when no
	// paragraph had them all (see Recovery).
	Missing []string
	// FromSection lists the words of the query that the paragraph does
	// not have itself but its section does.
	FromSection []string
	Score       float64
	Cursor      string // pass as Request.After for the next page
	// Recurrences lists the paragraphs of other documents with the same
	// or nearly the same words, oldest first: filled by Show only.
	Recurrences []Recurrence
}

// FacetFields are the facets a request with Facets counts by, named as the
// filters they count (index.Facets). index.Search counts them all at
// once, exactly, over every matching paragraph of every shard.
var FacetFields = index.Facets

// Searcher runs queries against an index.
type Searcher struct {
	ix *index.Index
	// linker finds where paragraphs recur (SetLinker); nil for none.
	linker Linker
}

// New returns a Searcher over ix.
func New(ix *index.Index) *Searcher { return &Searcher{ix: ix} }

// Index returns the index the Searcher reads.
func (s *Searcher) Index() *index.Index { return s.ix }

// ErrNotFound is returned when a reference names a document or paragraph
// that is not in the index.
var ErrNotFound = errors.New("no está en el índice")

// notFound is an error that reads as its message alone and is ErrNotFound
// (errors.Is): "51/34 §99: no existe ese párrafo", not the message and
// then ErrNotFound's.
type notFound struct{ msg string }

// notFoundf returns a notFound error of the formatted message.
func notFoundf(format string, args ...any) error { return &notFound{fmt.Sprintf(format, args...)} }

// Error returns the message.
func (e *notFound) Error() string { return e.msg }

// Is reports whether target is ErrNotFound.
func (e *notFound) Is(target error) bool { return target == ErrNotFound }

// Search runs req. A query that is a reference ("51/34 §7") returns that
// paragraph (or the paragraphs of that document). It returns a
// *SyntaxError or *BadQueryError for a query the user must fix.
func (s *Searcher) Search(ctx context.Context, req Request) (*Results, error) {
	size := req.Size
	if size <= 0 {
		size = DefaultPageSize
	}
	if size > MaxPageSize {
		return nil, badf("el tamaño de página %d supera el límite de %d", size, MaxPageSize)
	}
	if req.From < 0 {
		return nil, badf("from no puede ser negativo")
	}
	if req.From > MaxWindow-size {
		return nil, badf("from=%d con n=%d pasa del límite de %d resultados por paginación con from; para ir más lejos, pida la página siguiente con after=<el valor \"next\" de la página anterior>", req.From, size, MaxWindow)
	}
	res := &Results{Query: req.Query, Index: s.ix.Version(), Hits: []Hit{}}
	var bq index.Query
	var mark *marker
	var titleBoost *index.DocumentBoost
	var exact []index.TermBoost
	var parsed query.Query
	var sectionWords []string   // words that may be in a paragraph's section
	var sectionTerms [][]string // their terms
	var sectionQuery index.Query
	var bare [][]string // the terms of the words a bare heading would repeat
	ref, isRef := query.ParseReference(req.Query)
	var refDocs []*corpus.Document
	if isRef {
		var err error
		if refDocs, ref, err = s.referenceDocs(ctx, ref); err != nil {
			return nil, err
		}
		// Words and "§" that name no document are words to search.
		isRef = len(refDocs) > 0 || ref.Name == ""
	}
	if isRef {
		res.Reference = ref.String()
		if len(refDocs) == 0 {
			return s.notInIndex(ctx, req, ref, res)
		}
		var err error
		if bq, err = s.referenceQuery(ctx, ref, refDocs); err != nil {
			return nil, err
		}
	} else {
		q, err := query.Parse(req.Query)
		if err != nil {
			return nil, err
		}
		c := &compiler{hasOriginal: s.ix.HasOriginalTerm, prefixTerms: s.ix.PrefixTerms}
		if c.isStopWord(q) {
			return nil, badf("«%s» es una palabra demasiado común para buscarla sola (el índice no guarda artículos, preposiciones ni conjunciones); añada otra palabra", req.Query)
		}
		bq, err = compile(q, c)
		if err != nil {
			return nil, err
		}
		mark = newMarker(q)
		parsed = q
		res.Applied = c.applied
		if words := positiveWords(q); words != "" {
			// Paragraphs of a document whose title has the words rank
			// higher; the title never makes a paragraph match.
			titleBoost = &index.DocumentBoost{Query: index.Match(index.FieldTitle, words), Weight: 0.5}
		}
		exact = c.exactBoosts(q)
		bare = queryTerms(q)
		if !req.Strict && plainWords(q) >= 2 {
			// The query again, with its words also looked for in the
			// section of an item of a list (a word alone finds the
			// heading that has it, not every item under it).
			cs := &compiler{hasOriginal: s.ix.HasOriginalTerm, prefixTerms: s.ix.PrefixTerms, hasSection: s.ix.HasSectionTerm}
			if sq, err := compile(q, cs); err == nil && len(cs.section) > 0 {
				sectionQuery, sectionWords, sectionTerms = sq, cs.sectionWords, cs.section
			}
		}
	}
	preq := index.Request{Query: bq, Size: size, From: req.From, Facets: req.Facets, FacetSize: FacetSize, DocumentBoost: titleBoost, TermBoosts: exact}
	switch strings.ToLower(req.Sort) {
	case "", "relevance", "relevancia", "score":
		// Score, then paragraph ID; headings that only repeat the
		// query after the paragraphs that say something about it.
		preq.Sort = index.BareLast(index.RelevanceSort(), bare)
	case "date", "fecha", "-fecha", "newest":
		preq.Sort = index.FieldSort("-"+index.FieldAdopted, index.FieldDoc, index.FieldOrdinal)
	case "+date", "+fecha", "oldest", "date-asc":
		preq.Sort = index.FieldSort(index.FieldAdopted, index.FieldDoc, index.FieldOrdinal)
	case "order", "orden":
		preq.Sort = index.FieldSort(index.FieldDoc, index.FieldOrdinal)
	default:
		return nil, badf("orden desconocido «%s» (relevance, date, oldest, order)", req.Sort)
	}
	if !preq.Sort.Scored() {
		preq.DocumentBoost, preq.TermBoosts = nil, nil // scores order nothing
	}
	if res.Reference != "" && req.Sort == "" {
		preq.Sort = index.FieldSort(index.FieldDoc, index.FieldOrdinal)
	}
	// Sections are searched when the paragraphs that have every word
	// themselves are fewer than SectionsBelow (the items they add would
	// come after those anyway), with the relevance order only; a cursor
	// of such a search has the one more sort value of its order.
	// (The section order itself is not chosen yet: the one order that
	// reads scores here is relevance.)
	if !preq.Sort.Scored() {
		sectionWords = nil
	}
	withSections := func() {
		preq.Query, preq.Sort = sectionQuery, index.BareLast(index.SectionRelevanceSort(sectionTerms), bare)
	}
	sectioned := false
	if sectionWords != nil && req.After != "" {
		if after, err := decodeCursor(req.After); err == nil && len(after) == index.BareLast(index.SectionRelevanceSort(nil), bare).Keys() {
			withSections()
			sectioned = true
		}
	}
	if req.After != "" {
		after, err := decodeCursor(req.After)
		if err != nil || len(after) != preq.Sort.Keys() {
			return nil, badf("cursor no válido «%s» (use el valor \"next\" de la página anterior, con el mismo orden)", req.After)
		}
		preq.From = 0
		preq.After = after
	}
	sr, err := s.ix.Search(ctx, preq)
	if err != nil {
		if errors.Is(err, index.ErrTooManyTerms) {
			// bleve refused to expand a word into more than
			// index.MaxExpansions terms (a fuzzy word, as a prefix is
			// counted before).
			return nil, badf("la consulta %q abarca demasiadas palabras del índice (más de %d por palabra con * o ~); escriba más letras", req.Query, index.MaxExpansions)
		}
		return nil, fmt.Errorf("search %q: %w", req.Query, err)
	}
	if sectionWords != nil && !sectioned && req.After == "" && sr.Total < SectionsBelow {
		withSections()
		sectioned = true
		if sr, err = s.ix.Search(ctx, preq); err != nil {
			return nil, fmt.Errorf("search %q: %w", req.Query, err)
		}
	}
	if !sectioned {
		sectionWords = nil
	}
	var rec *Recovery
	if sr.Total == 0 && parsed != nil {
		// No paragraph has all the words: say why, and show those
		// with most of them.
		var relaxed *index.Page
		var corrected query.Query
		if rec, relaxed, corrected, err = s.recoverSearch(ctx, parsed, preq, req.Strict); err != nil {
			return nil, err
		}
		if relaxed != nil {
			sr = relaxed
		}
		if corrected != nil {
			mark = newMarker(corrected)
		}
		res.Applied.Recovery = rec
	}
	res.Total = sr.Total
	hits := makeHits(sr.Hits)
	if mark != nil {
		mark.highlightHits(hits)
	}
	if rec != nil {
		rec.explain(hits)
	}
	if len(sectionWords) > 0 {
		for i := range hits {
			fromSection(&hits[i], sectionWords)
		}
	}
	res.Hits = append(res.Hits, hits...)
	if n := len(res.Hits); n > 0 && uint64(req.From+n) < sr.Total && n == size {
		res.Next = res.Hits[n-1].Cursor
	}
	if req.Facets {
		res.Facets = sr.Facets
		for name, cs := range res.Facets {
			if cs == nil {
				res.Facets[name] = []index.FacetCount{} // listed with no values: [] in JSON
			}
		}
	}
	if res.Reference != "" && res.Total == 0 {
		return res, fmt.Errorf("%s: %w", res.Reference, ErrNotFound)
	}
	return res, nil
}

// citaQuery returns the query of the paragraphs that cite (or, for a UN
// symbol, mention) what a reference names; "" for a document by name.
func citaQuery(ref query.Reference) string {
	switch {
	case ref.Symbol != "":
		return `cita:"` + ref.Symbol.String() + `" OR "` + ref.Symbol.Short() + `"`
	case ref.Series != "":
		return `cita:"` + ref.Series + `"`
	case ref.Case != "":
		return `cita:"` + ref.Case + `"`
	}
	return ""
}

// notInIndex answers a reference to a document the index does not have:
// the paragraphs that cite it ("60/251", "Serie C No. 64, párr. 42") or,
// for a UN symbol, mention it, when there are any.
func (s *Searcher) notInIndex(ctx context.Context, req Request, ref query.Reference, res *Results) (*Results, error) {
	mention := req
	if mention.Query = citaQuery(ref); mention.Query == "" {
		return res, fmt.Errorf("%s: %w", res.Reference, ErrNotFound)
	}
	if ref.Ordinal == 0 && req.After == "" {
		if alt, err := s.Search(ctx, mention); err == nil && alt.Total > 0 {
			alt.Query = req.Query
			return alt, nil
		}
	}
	return res, fmt.Errorf("%s: %w", res.Reference, ErrNotFound)
}

// fromSection sets the hit's FromSection: those of words it has only in its
// section, which for an item of a list includes the document's title (see
// index.FieldSection).
func fromSection(h *Hit, words []string) {
	if p := (corpus.Paragraph{Kind: h.Kind, Original: h.Original}); !p.InList() {
		return
	}
	own := wordsOf(words, h.Text, h.Original)
	inSection := wordsOf(words, strings.Join(h.Section, " "), h.Title)
	for i, w := range words {
		if !own[i] && inSection[i] {
			h.FromSection = append(h.FromSection, w)
		}
	}
}

// SectionsBelow is the number of paragraphs with every word of a query
// below which the items of lists whose section holds some of the words are
// searched too, and listed after them. Above it they would only start
// many pages on, and searching sections would cost every such query a
// fifth of its time or more (relatoria's bench at 100,000 paragraphs).
const SectionsBelow = 200

// FacetSize is the number of values a facet lists: the most frequent.
const FacetSize = 20

// makeHits makes the hits of a page of the index.
func makeHits(hs []index.Hit) []Hit {
	out := make([]Hit, len(hs))
	for i, h := range hs {
		out[i] = makeHit(h)
	}
	return out
}

func makeHit(h index.Hit) Hit {
	doc := h.Doc
	return Hit{
		ID:        h.ID,
		Doc:       doc.ID,
		Ref:       query.RefOf(doc, h.Para),
		Symbol:    doc.Symbol,
		Title:     doc.Title,
		Body:      doc.Body,
		Adopted:   doc.Adopted,
		Type:      doc.Type,
		Country:   doc.Country,
		Source:    doc.Source,
		Paragraph: *h.Para,
		Score:     h.Score,
		Cursor:    encodeCursor(h.Sort),
	}
}

// encodeCursor encodes a hit's sort values (index.Hit.Sort) as an opaque
// cursor.
func encodeCursor(sort []string) string {
	b, _ := json.Marshal(sort)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	var v []string
	return v, json.Unmarshal(b, &v)
}

// positiveWords returns the words of the terms and phrases that q requires
// or offers (not those it excludes), for ranking by title.
func positiveWords(q query.Query) string {
	var words []string
	visitPositive(q, func(q query.Query) {
		switch q := q.(type) {
		case *query.Term:
			if !q.Literal && !strings.Contains(q.Text, "/") {
				words = append(words, q.Text)
			}
		case *query.Phrase:
			words = append(words, q.Text)
		}
	})
	return strings.Join(words, " ")
}

// queryTerms returns the terms of each word q requires or offers, in
// the text field (stop words have none and are left out): what a heading
// that only repeats the query is made of.
func queryTerms(q query.Query) [][]string {
	var out [][]string
	seen := map[string]bool{}
	add := func(normalized string) {
		for _, t := range index.Terms(normalized) {
			if !seen[t] {
				seen[t] = true
				out = append(out, []string{t})
			}
		}
	}
	visitPositive(q, func(q query.Query) {
		switch q := q.(type) {
		case *query.Term:
			if !q.Prefix && !q.Fuzzy && !strings.Contains(q.Text, "/") {
				add(q.Normalized())
			}
		case *query.Phrase:
			add(q.Normalized())
		}
	})
	return out
}

// plainWords counts the words of q, required or offered, that are neither
// literal, prefix nor fuzzy.
func plainWords(q query.Query) int {
	n := 0
	visitPositive(q, func(q query.Query) {
		if t, ok := q.(*query.Term); ok && !t.Literal && !t.Prefix && !t.Fuzzy {
			n++
		}
	})
	return n
}

// visitPositive calls f for each term and phrase that q requires or
// offers, not for those under a NOT.
func visitPositive(q query.Query, f func(query.Query)) {
	switch q := q.(type) {
	case *query.Term, *query.Phrase:
		f(q)
	case *query.And:
		for _, x := range q.Xs {
			visitPositive(x, f)
		}
	case *query.Or:
		for _, x := range q.Xs {
			visitPositive(x, f)
		}
	}
}

// CitedBy returns the paragraphs of other documents that cite doc: for a
// UN document, those whose citations resolved to its symbol and those that
// cite its short form without a series ("resolución 51/34" where the body
// was not clear); for a judgment, those that cite its series number or
// its case (on its date, when known).
func (s *Searcher) CitedBy(ctx context.Context, doc *corpus.Document, size int) (*Results, error) {
	var xs []index.Query
	name := doc.RefName()
	if sym := doc.Symbol; sym != "" {
		xs = append(xs, index.FilterQuery(index.FieldCites, sym.String()))
		if sym.IsFull() && sym.Short() != sym.String() {
			xs = append(xs, index.FilterQuery(index.FieldCites, sym.Short()))
		}
	}
	if c := doc.Case; c != nil {
		if c.Series != "" {
			xs = append(xs, index.FilterQuery(index.FieldCitesForm, strings.ToLower(c.Series)))
		}
		key := "caso:" + c.Key()
		if !c.Date.IsZero() {
			key += "@" + c.Date.String()
		}
		xs = append(xs, index.FilterQuery(index.FieldCitesForm, key))
	}
	res := &Results{Query: "cita:" + name, Hits: []Hit{}, Index: s.ix.Version()}
	if len(xs) == 0 {
		return res, nil
	}
	// A document never cites itself.
	q := index.Boolean([]index.Query{index.Or(xs...)}, nil, []index.Query{index.Term(index.FieldDoc, doc.ID)}, 0)
	sr, err := s.ix.Search(ctx, index.Request{Query: q, Size: size,
		Sort: index.FieldSort("-"+index.FieldAdopted, index.FieldDoc, index.FieldOrdinal)})
	if err != nil {
		return nil, fmt.Errorf("cited by %s: %w", name, err)
	}
	res.Total = sr.Total
	res.Hits = append(res.Hits, makeHits(sr.Hits)...)
	return res, nil
}

// Cites returns the citations of a document, each symbol once, in order,
// with the paragraph that makes it.
func Cites(doc *corpus.Document) []CitationRef {
	var out []CitationRef
	seen := map[corpus.Symbol]bool{doc.Symbol: doc.Symbol != ""}
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		for _, c := range p.Citations {
			if !seen[c.Symbol] {
				seen[c.Symbol] = true
				out = append(out, CitationRef{Citation: c, Ref: query.RefOf(doc, p)})
			}
		}
	}
	return out
}

// CitationRef is a citation and the paragraph that makes it.
type CitationRef struct {
	corpus.Citation
	Ref string `json:"ref"` // the citing paragraph: "A/HRC/RES/51/34 ¶6"
}

// run executes q and returns up to size hits in document order.
func (s *Searcher) run(ctx context.Context, q index.Query, size int) ([]Hit, error) {
	sr, err := s.ix.Search(ctx, index.Request{Query: q, Size: size, Sort: index.FieldSort(index.FieldDoc, index.FieldOrdinal)})
	if err != nil {
		return nil, err
	}
	return makeHits(sr.Hits), nil
}
