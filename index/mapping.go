package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// The field names of a paragraph record: the contract package search reads.
// Those marked "filter" are not fields of their own but filters, whose
// values are terms of FieldFacet or FieldKeys (see FilterQuery).
const (
	FieldText        = "text"
	FieldTextExact   = "text_exact"
	FieldOriginal    = "original"
	FieldTitle       = "title"
	FieldSection     = "section"
	FieldDoc         = "doc"
	FieldSymbol      = "symbol"       // filter
	FieldSymbolShort = "symbol_short" // filter
	FieldBody        = "body"         // filter
	FieldCountry     = "country"      // filter: the State the document concerns
	FieldKind        = "kind"         // filter
	FieldDocKind     = "doc_kind"     // filter
	FieldFormat      = "format"       // filter
	FieldNumber      = "number"       // filter
	FieldOrdinal     = "ordinal"
	FieldAdopted     = "adopted"
	FieldOCR         = "ocr"         // filter
	FieldCategory    = "category"    // filter, on a document's first paragraph: its Categories
	FieldEntities    = "entities"    // filter
	FieldCites       = "cites"       // filter
	FieldCitesForm   = "cites_form"  // filter: every form of a cited document, lower case (corpus.Citation.Forms)
	FieldSymbolForm  = "symbol_form" // filter: every form of a document's symbol, lower case (corpus.Symbol.Forms)
	FieldCase        = "case"        // filter: a judgment's forms (corpus.CaseForms): "serie c no. 221", "caso:gelman"
	FieldDocName     = "docname"     // filter, on a document's first paragraph: its name (NameKey)
	FieldNumberRef   = "numref"      // filter: a paragraph's part and number, its citation (NumberRefTerm)
	FieldDates       = "dates"       // see dates.go: three fields by precision
	FieldDeadlines   = "deadlines"   // likewise
	FieldDocJSON     = "doc_json"
	FieldParaJSON    = "para_json"
)

// indexMapping returns the index mapping described in the package comment. It
// names each field's analyzer, which is what queries use; documents are
// indexed with the options of record.go, which this mapping mirrors as far
// as a mapping can say them.
func indexMapping() mapping.IndexMapping {
	text := func(analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	// Doc values serve sorting and facets only: fields used for neither
	// go without them (they cost segment-building time).
	kw := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	stored := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = keyword.Name
		f.Index = false
		f.Store = true
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(FieldText, text(AnalyzerSpanish, true, true))
	dm.AddFieldMappingsAt(FieldTextExact, text(AnalyzerExact, false, false))
	dm.AddFieldMappingsAt(FieldOriginal, text(AnalyzerSpanish, false, false))
	dm.AddFieldMappingsAt(FieldTitle, text(AnalyzerSpanish, false, false))
	dm.AddFieldMappingsAt(FieldSection, text(AnalyzerSpanish, false, false))
	dm.AddFieldMappingsAt(FieldDoc, kw(true))
	dm.AddFieldMappingsAt(FieldFacet, kw(true))
	dm.AddFieldMappingsAt(FieldKeys, kw(false))
	dm.AddFieldMappingsAt(FieldOrdinal, kw(true))
	dm.AddFieldMappingsAt(FieldAdopted, kw(true)) // sorted by adoption date
	for _, base := range []string{FieldDates, FieldDeadlines} {
		for _, suffix := range dateSuffixes {
			dm.AddFieldMappingsAt(base+suffix, kw(false))
		}
	}
	dm.AddFieldMappingsAt(FieldDocJSON, stored())
	dm.AddFieldMappingsAt(FieldParaJSON, stored())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = dm
	m.DefaultAnalyzer = AnalyzerSpanish
	m.StoreDynamic = false
	m.IndexDynamic = false
	m.DocValuesDynamic = false
	return m
}
