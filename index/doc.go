// Package index stores documents in a bleve index and reads them back. It
// owns the on-disk directory, the mapping, the field names and the Spanish
// analyzers; package search reads the index through the Field constants.
//
// # Index format (version 1)
//
// An index is a directory:
//
//	DIR/relatoria.json   {"format": 1, "created": "…"}: refused if the format differs
//	DIR/bleve/           the bleve (scorch) index
//
// Every paragraph of every document is one bleve document whose ID is the
// document ID, "#" and the paragraph ordinal: "A/HRC/RES/51/34#25". Its fields:
//
//	text         es_un analyzer (folded, stemmed); stored with term vectors, for highlights
//	text_exact   es_exact analyzer (lower case only), with positions: literal words and phrases,
//	             exact-form boosts
//	original     es_un; the text as extracted, so OCR forms stay findable
//	title        es_un; the document's title, a ranking signal (never required)
//	doc          keyword: the document ID
//	symbol       keyword: "A/HRC/RES/51/34"
//	symbol_short keyword: "51/34"
//	body         keyword: "Consejo de Derechos Humanos"
//	kind         keyword: paragraph kind ("operative", …)
//	doc_kind     keyword: document kind ("resolution", "page", "other")
//	format       keyword: "text", "html", "pdf", "markdown"
//	number       numeric: printed paragraph number (0 when none)
//	ordinal      numeric: position in the document
//	adopted      datetime: the document's adoption date (absent when unknown)
//	ocr          keyword: "damaged" when the document looked like damaged OCR
//	entities     keyword, one per entity named: canonical names ("Organización de los Estados Americanos")
//	entity_types keyword: their types ("organization", "treaty", "place", …)
//	cites        keyword: symbols the paragraph cites, full where resolved ("A/RES/60/251")
//	cites_short  keyword: the same as researchers write them ("60/251")
//	dates        datetime: the days every date the paragraph mentions covers, at its precision
//	             (a day; each day of a range of days up to two months; each month's first
//	             day of a month, a year or a range of them up to six years; each year's
//	             first day beyond)
//	deadlines    datetime: the same, for dates something falls due by
//	doc_json     stored only: the Document without its paragraphs, as JSON
//	para_json    stored only: the Paragraph, as JSON, without its text (stored in text) and
//	             without its original when that equals the text
//
// Searches that name no field are built by package search over text,
// text_exact and original; nothing is indexed into _all.
//
// Re-adding a document replaces all its paragraphs in one batch: stale
// paragraphs of a document that shrank are deleted in the same batch.
package index
