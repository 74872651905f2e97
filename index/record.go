package index

import (
	"encoding/json"
	"fmt"

	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/registry"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

// The indexing options of each kind of field. Records are built field by
// field (bleve's IndexAdvanced) rather than through the mapping, so that
// each field gets exactly the options it needs.
const (
	// searchedText is analysed, stored (for display and highlights) and
	// keeps term positions and offsets (for phrases and highlights).
	searchedText = bindex.IndexField | bindex.StoreField | bindex.IncludeTermVectors
	// plainIndexed is analysed only: no positions, nothing stored.
	plainIndexed = bindex.IndexField
	// sortable is indexed and has doc values, for sorting. Doc values
	// are left compressed: zapx v17.2.3 merges uncompressed ones wrongly
	// (iterateAllDocValues takes SkipDVCompression for SkipDVChunking and
	// gives each chunk's values to one document), which had made facet
	// counts and date order wrong in merged segments of format 4 and 5.
	sortable = bindex.IndexField | bindex.DocValues
	// facetValues has doc values, read once per segment into the facet
	// cache (zap builds doc values only for indexed fields, so it is
	// indexed too, which also serves FilterQuery).
	facetValues = bindex.IndexField | bindex.DocValues
	// storedOnly is kept for display and never searched.
	storedOnly = bindex.StoreField
)

// FieldFacet holds every facet value of a paragraph in one multi-valued
// doc-values field, each behind its facet's prefix ("kind:operative",
// "body:Consejo de Derechos Humanos", "entities:ACNUR"), so that counting
// facets visits one field per hit instead of one per facet.
const FieldFacet = "facet"

// SortKeyPrefix begins the one value of FieldFacet that is the paragraph's
// ID ("!A/HRC/RES/51/34#7"): the tie-break of relevance sorting, read from
// the facet cache (sorting by bleve's _id read each hit's stored fields, a
// sixth of the time of a query).
const SortKeyPrefix = "!"

// FieldKeys holds the filter values that are not facets, each behind its
// filter's name ("format:pdf", "number:7", "meta:1"): one field for them
// all instead of one each took 7% off the time of indexing.
const FieldKeys = "keys"

// Facets are the filters whose values FieldFacet holds (and so can be
// counted); the values of the other filters are in FieldKeys.
var Facets = []string{FieldKind, FieldBody, FieldCountry, FieldEntities, FieldCites, FieldSymbol, FieldFormat, FieldRecurs}

// FilterTerm returns the term of value for the named filter.
func FilterTerm(name, value string) string { return name + ":" + value }

// FilterQuery matches the paragraphs whose named filter (FieldKind,
// FieldFormat, …) has value.
func FilterQuery(name, value string) Query {
	return Term(filterField(name), FilterTerm(name, value))
}

// ExcludeFilter matches the paragraphs whose named filter does not have
// value. It adds nothing to a score (see termRangeFilter), and costs a
// bitmap of the index, not a walk over every paragraph.
func ExcludeFilter(name, value string) Query {
	return Query{termFilter(filterField(name), FilterTerm(name, value), true)}
}

// filterField returns the field that holds the values of the named filter.
func filterField(name string) string {
	if slices.Contains(Facets, name) {
		return FieldFacet
	}
	return FieldKeys
}

var analyzers = sync.OnceValue(func() map[string]analysis.Analyzer {
	cache := registry.NewCache()
	out := map[string]analysis.Analyzer{}
	for _, name := range []string{AnalyzerSpanish, analyzerSpanishPositions, AnalyzerExact, keyword.Name} {
		a, err := cache.AnalyzerNamed(name)
		if err != nil {
			panic(err) // registered in init
		}
		out[name] = a
	}
	return out
})

// docMeta is a Document without its paragraphs, as stored in doc_json.
type docMeta struct {
	corpus.Document
	Paragraphs []corpus.Paragraph `json:"paragraphs,omitempty"`
}

// record builds the bleve document for paragraph i of doc, with ID id, in
// the given section (Document.Sections), with the flag the paragraph
// carries (Recurs).
func record(id string, doc *corpus.Document, i int, section []string) *document.Document {
	p := &doc.Paragraphs[i]
	an := analyzers()
	d := document.NewDocument(id)
	text := func(name, value, analyzer string, options bindex.FieldIndexingOptions) {
		d.AddField(newTextField(name, value, analyzer, options))
	}
	stored := func(name, value string) {
		d.AddField(document.NewTextFieldCustom(name, nil, []byte(value), storedOnly, an[keyword.Name]))
	}
	keywords := func(name string, values []string, options bindex.FieldIndexingOptions) {
		if len(values) > 0 {
			d.AddField(newKeywordsField(name, values, options))
		}
	}
	// Filters: facet values (counted, so with doc values) and other
	// keys, each one term "name:value" of a field shared by all.
	var facets, keys []string
	facet := func(name, value string) { facets = append(facets, FilterTerm(name, value)) }
	key := func(name, value string) { keys = append(keys, FilterTerm(name, value)) }

	var dj []byte
	if i == 0 {
		m := docMeta{Document: *doc}
		m.Document.Paragraphs = nil
		dj, _ = json.Marshal(m)
	}
	// The text is stored once, in the text field (see packParagraph).
	pj := packParagraph(p, section)

	// The two fields of the paragraph's text split it into words once
	// (see sharedWords).
	words := &sharedWords{}
	tf := newTextField(FieldText, p.Text, analyzerSpanishPositions, searchedText)
	tf.share = words
	d.AddField(tf)
	ef := newTextField(FieldTextExact, p.Text, AnalyzerExact, plainIndexed)
	ef.from = words
	d.AddField(ef)
	if from := repairedForms(p.Repairs); from != "" {
		text(FieldOriginal, from, AnalyzerSpanish, plainIndexed)
	}
	if ctx := sectionContext(doc, p, section); ctx != "" {
		text(FieldSection, ctx, AnalyzerSpanish, plainIndexed)
	}
	if i == 0 && doc.Title != "" {
		// Once a document, on its metadata record (see DocumentBoost).
		text(FieldTitle, doc.Title, AnalyzerSpanish, plainIndexed)
	}
	keywords(FieldDoc, []string{doc.ID}, sortable)
	keywords(FieldOrdinal, []string{OrdinalTerm(p.Ordinal)}, sortable)
	facet(FieldKind, string(p.Kind))
	key(FieldDocKind, string(doc.Kind))
	facet(FieldFormat, string(doc.Format))
	if p.Number != "" {
		key(FieldNumber, NumberTerm(p.Number))
		if !p.Repeated && p.Kind != corpus.Footnote {
			key(FieldNumberRef, NumberRefTerm(p.Part, p.Number))
		}
	}
	if doc.Symbol != "" {
		facet(FieldSymbol, doc.Symbol.String())
		key(FieldSymbolShort, doc.Symbol.Short())
		for _, f := range doc.Symbol.Forms() {
			key(FieldSymbolForm, f)
		}
	}
	if c := doc.Case; c != nil {
		for _, f := range corpus.CaseForms(c.Name, c.Series, c.Date) {
			key(FieldCase, f)
		}
	}
	if i == 0 {
		key(FieldDocName, NameKey(doc.Name()))
	}
	if doc.Body != "" {
		facet(FieldBody, doc.Body)
	}
	if doc.Country != "" {
		facet(FieldCountry, doc.Country)
	}
	if !doc.Adopted.IsZero() {
		keywords(FieldAdopted, []string{DateTerm(doc.Adopted.Time())}, sortable)
	}
	if doc.OCR != nil && doc.OCR.Damaged {
		key(FieldOCR, "damaged")
	}
	if i == 0 {
		for _, c := range doc.Categories {
			key(FieldCategory, c)
		}
	}
	for _, e := range p.Entities {
		facet(FieldEntities, e.Name)
	}
	for _, c := range p.Citations {
		facet(FieldCites, c.Symbol.String())
		for _, f := range c.Forms() {
			key(FieldCitesForm, f)
		}
	}
	var dateFields []string // in the order first met
	dates := map[string][]string{}
	for _, dm := range p.Dates {
		suffix, values := dateValues(dm)
		for _, t := range values {
			for _, base := range []string{FieldDates, FieldDeadlines} {
				if base == FieldDeadlines && dm.Role != corpus.RoleDeadline {
					continue
				}
				name := base + suffix
				if dates[name] == nil {
					dateFields = append(dateFields, name)
				}
				dates[name] = append(dates[name], DateTerm(t))
			}
		}
	}
	for _, name := range dateFields {
		keywords(name, dates[name], plainIndexed)
	}
	facet(FieldRecurs, RecursTerm(p.Recurs))
	facets = append(facets, SortKeyPrefix+id)
	keywords(FieldFacet, facets, facetValues)
	if i == 0 {
		// The first paragraph carries the document's metadata.
		key(FieldMeta, "1")
		stored(FieldDocJSON, string(dj))
	}
	keywords(FieldKeys, keys, plainIndexed)
	stored(FieldParaJSON, string(pj))
	return d
}

// NumberTerm is the term of FieldNumber for a printed paragraph number: the
// number as written, Roman numerals and letters in lower case ("84.3",
// "4.a", "iv.b.3"), so that "7" is the term it was when numbers were
// integers. Paragraph numbers and ordinals are looked up and sorted, never
// ranged over: as keywords they are one term each, where a bleve number is
// sixteen (its prefix-coded precisions).
func NumberTerm(n corpus.Number) string { return strings.ToLower(n.String()) }

// NumberRefTerm is the term of FieldNumberRef for paragraph number n of a
// part: the part's key (corpus.PartKey), "|" and the number's term
// ("|7" in the main numbering, "anexo a|7"). Only the first paragraph of a
// part with a number has it (corpus.Paragraph.Repeated), so that a
// reference names one paragraph.
func NumberRefTerm(part string, n corpus.Number) string {
	return corpus.PartKey(part) + "|" + NumberTerm(n)
}

// NameKey is the term of FieldDocName for a document's name
// (corpus.Document.Name: its symbol, title or file name): lower case,
// accents folded, spaces collapsed.
func NameKey(name string) string {
	return strings.Join(strings.Fields(strings.ToLower(string(spanish.Fold([]byte(name))))), " ")
}

// OrdinalTerm is the term of FieldOrdinal for an ordinal: zero-padded, so
// that it sorts in numeric order.
func OrdinalTerm(n int) string { return fmt.Sprintf("%07d", n) }

// DateTerm is the term of a date field for an instant: its day in ISO form
// ("2022-10-07"), which sorts and ranges in time order. A bleve date would
// be sixteen terms (its prefix-coded precisions) and no faster to search
// for the few days, months and years a corpus mentions.
func DateTerm(t time.Time) string { return t.UTC().Format("2006-01-02") }

// repairedForms returns the words as they were before OCR repair changed
// them, once each: the original field indexes just these, so that a search
// for a damaged form still finds its paragraph.
//
// A form whose Spanish terms are those of its repair ("resolucion" made
// "resolución", "Derechos" made "derechos") is left out: the text field
// already finds it, and every query word found in the original field is
// searched there too (most of the analysts' queries were, for forms like
// these, which only slowed them down).
func repairedForms(repairs []corpus.Repair) string {
	var out []string
	seen := map[string]bool{}
	for _, r := range repairs {
		if seen[r.From] {
			continue
		}
		seen[r.From] = true
		if slices.Equal(Terms(r.From), Terms(r.To)) {
			continue
		}
		out = append(out, r.From)
	}
	return strings.Join(out, " ")
}

// sectionContext returns what FieldSection holds for paragraph p of doc in
// section: for an item of a list (Paragraph.InList), the document's title
// and the section; nothing for other paragraphs, which say what they are
// about themselves (searching their headings too had made a query of four
// words with one the paragraph lacks find paragraphs of a document whose
// headings had it, instead of the paragraphs with the other three).
func sectionContext(doc *corpus.Document, p *corpus.Paragraph, section []string) string {
	if !p.InList() {
		return ""
	}
	parts := section
	if doc.Title != "" {
		parts = append([]string{doc.Title}, section...)
	}
	return strings.Join(parts, " ")
}
