// Package index stores documents in a bleve index and reads them back. It
// owns the on-disk directory, the mapping, the field names and the Spanish
// analyzers; package search reads the index through the Field constants.
//
// # Index format (version 4)
//
// An index is a directory:
//
//	DIR/relatoria.json   {"format": 4, "shards": N, "created": "…"}: refused if the format differs
//	DIR/shard-00 …       one bleve (scorch) index per shard; a document lives in the shard
//	                     its ID hashes to (FNV-1a), searches run on all of them
//	DIR/manifest.json    what relatoria ingest read: each file's size, time, hash, document
//
// Every paragraph of every document is one bleve document whose ID is the
// document ID, "#" and the paragraph ordinal: "A/HRC/RES/51/34#25". Records
// are built field by field (record.go) with these options:
//
//	text         es_un analyzer (words, folded, stemmed); stored, with positions and offsets:
//	             phrases, display
//	text_exact   es_exact analyzer (lower case, stop words left out; a format-4 index
//	             written before they were left out still reads right), no positions:
//	             literal words, the exact words of literal phrases, exact-form boosts
//	original     es_un; the forms OCR repair changed, so damaged forms stay findable
//	title        es_un; the document's title, a ranking signal (never required)
//	doc          keyword with doc values: the document ID (sorting, Document)
//	meta         keyword "1" on the record that stores doc_json (the first paragraph)
//	symbol       keyword: "A/HRC/RES/51/34"
//	symbol_short keyword: "51/34"
//	body         keyword: "Consejo de Derechos Humanos"
//	kind         keyword: paragraph kind ("operative", …)
//	doc_kind     keyword: document kind ("resolution", "page", "other")
//	format       keyword: "text", "html", "pdf", "markdown"
//	number       keyword: printed paragraph number ("7"; "0" when none)
//	ordinal      keyword with doc values: position in the document, zero-padded ("0000025")
//	adopted      keyword with doc values: the document's adoption day, "2022-10-07" (absent
//	             when unknown); ISO days sort and range in time order
//	ocr          keyword: "damaged" when the document looked like damaged OCR
//	entities     keyword, one per entity named: canonical names ("Organización de los Estados Americanos")
//	entity_types keyword: their types ("organization", "treaty", "place", …)
//	cites        keyword: symbols the paragraph cites, full where resolved ("A/RES/60/251")
//	cites_short  keyword: the same as researchers write them ("60/251")
//	facet        keyword with uncompressed doc values: "kind:…", "body:…", "symbol:…",
//	             "entities:…", "cites:…" for facet counts, and "!" + the paragraph ID, the
//	             tie-break of relevance sorting
//	dates_day, dates_month, dates_year
//	             keyword: the dates the paragraph mentions, as ISO days, each in the field of
//	             its precision (dates.go)
//	deadlines_day, deadlines_month, deadlines_year
//	             keyword: the same, for dates something falls due by
//	doc_json     stored only, on the first paragraph: the Document without its paragraphs
//	para_json    stored only: the Paragraph, as JSON, without its text (stored in text) and
//	             without its original when that equals the text
//
// Searches that name no field are built by package search over text,
// original (for the terms it has) and text_exact; nothing is indexed into
// _all.
//
// Re-adding a document replaces all its paragraphs in one batch: stale
// paragraphs of a document that shrank are deleted in the same batch.
package index
