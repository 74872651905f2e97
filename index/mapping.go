package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// The field names of a paragraph record: the contract package search reads.
const (
	FieldText        = "text"
	FieldTextExact   = "text_exact"
	FieldOriginal    = "original"
	FieldTitle       = "title"
	FieldDoc         = "doc"
	FieldSymbol      = "symbol"
	FieldSymbolShort = "symbol_short"
	FieldBody        = "body"
	FieldKind        = "kind"
	FieldDocKind     = "doc_kind"
	FieldFormat      = "format"
	FieldNumber      = "number"
	FieldOrdinal     = "ordinal"
	FieldAdopted     = "adopted"
	FieldOCR         = "ocr"
	FieldEntities    = "entities"
	FieldEntityTypes = "entity_types"
	FieldCites       = "cites"
	FieldCitesShort  = "cites_short"
	FieldDates       = "dates"     // see dates.go: three fields by precision
	FieldDeadlines   = "deadlines" // likewise
	FieldDocJSON     = "doc_json"
	FieldParaJSON    = "para_json"
)

// Mapping returns the index mapping described in the package comment. It
// names each field's analyzer, which is what queries use; documents are
// indexed with the options of record.go, which this mapping mirrors as far
// as a mapping can say them (it cannot ask for uncompressed doc values).
func Mapping() mapping.IndexMapping {
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
	dm.AddFieldMappingsAt(FieldDoc, kw(true))
	for _, f := range []string{FieldSymbol, FieldBody, FieldKind, FieldDocKind, FieldFormat, FieldEntities, FieldEntityTypes, FieldCites, FieldSymbolShort, FieldOCR, FieldCitesShort} {
		dm.AddFieldMappingsAt(f, kw(false))
	}
	facets := kw(true)
	facets.Index = false
	dm.AddFieldMappingsAt(FieldFacet, facets)
	dm.AddFieldMappingsAt(FieldNumber, kw(false))
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
