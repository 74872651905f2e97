// Package index stores documents in a bleve index and reads them back. It
// owns the on-disk directory, the mapping, the field names and the Spanish
// analyzers, and it is the only package that imports bleve.
//
// # Searching
//
// There is one way to search: (*Index).Search(ctx, Request) returns a Page
// of decoded Hits (the corpus.Paragraph, its document's metadata, its
// score and its sort values, which a later Request.After continues from)
// with the total and, when asked, exact facet counts. Package search
// compiles its query language into a Query made by this package's
// constructors (Term, Match, Phrase, Prefix, Fuzzy, And, Or, Boolean,
// Fallback, FilterQuery, DateRangeQuery, …) and orders hits with a Sort
// (RelevanceSort, SectionRelevanceSort, FieldSort); field names are the
// Field constants below. Document and DocumentIDs read a document's
// paragraphs and the documents of a symbol.
//
// # Index format (version 9)
//
// An index is a directory:
//
//	DIR/relatoria.json   {"format": 9, "shards": N, "created": "…"}: refused if the format differs,
//	                     with the command that rebuilds it
//	DIR/shard-00 …       one bleve (scorch) index per shard; a document lives in the shard
//	                     its ID hashes to (FNV-1a), searches run on all of them
//	DIR/manifest.json    what relatoria ingest read: each file's size, time, hash, document
//	                     (written and read by ingest.Sync, not by this package)
//	DIR/lineage.gob      the store of package recurrence (where paragraphs recur),
//	DIR/lineage-pairs.bin  not written or read by this package
//
// Every paragraph of every document is one bleve document whose ID is the
// document ID, "#" and the paragraph ordinal: "A/HRC/RES/51/34#25". Records
// are built field by field (record.go), of this package's own field types
// (field.go: text analysed into reused buffers, one field for all the
// values of a filter), with these options:
//
//	text         es_un analyzer (words, folded, stemmed); stored, with positions (offsets
//	             zeroed): phrases (Phrase), display
//	text_exact   es_exact analyzer (lower case, stop words left out), no positions:
//	             literal words, the exact words of literal phrases, exact-form boosts
//	original     es_un; the forms OCR repair changed whose terms differ from the repaired
//	             word's, so damaged forms stay findable
//	title        es_un, on the first paragraph only: the document's title, a ranking signal
//	             (DocumentBoost; never required)
//	section      es_un, no positions, on items of lists only (Paragraph.InList): the document's
//	             title and the paragraph's section (Document.Sections: the headings above it,
//	             the sentence that opens its list), searched through Fallback and ranked
//	             after the paragraphs that have every word themselves (SectionRelevanceSort)
//	doc          keyword with doc values: the document ID (sorting, Document)
//	ordinal      keyword with doc values: position in the document, zero-padded ("0000025")
//	adopted      keyword with doc values: the document's adoption day, "2022-10-07" (absent
//	             when unknown); ISO days sort and range in time order
//	facet        keyword with doc values, one term per facet value, behind
//	             the facet's name (FilterQuery reads them, Search counts them):
//	               kind:…      paragraph kind ("operative", …)
//	               body:…      "Consejo de Derechos Humanos", "Corte Interamericana de
//	                           Derechos Humanos": the body that adopted or issued the document
//	               country:…   "Guatemala": the State the document concerns, by its Spanish
//	                           short name (Document.Country; absent when it names none or
//	                           several; added in format 9)
//	               symbol:…    "A/HRC/RES/51/34"
//	               recurs:…    the flag each paragraph carries (corpus.Paragraph.Recurs,
//	                           worked out by package recurrence): "yes", "no", or "unknown"
//	                           (not known, or not worked out)
//	               entities:…  one per entity named: canonical names
//	               cites:…     symbols the paragraph cites, full where resolved ("A/RES/60/251"),
//	                           judgments by series number ("Serie C No. 64") or case name
//	               format:…    the source format, text|html|pdf|markdown
//	             and "!" + the paragraph ID, the tie-break of relevance sorting
//	keys         keyword, the other filters, likewise "name:value" (FilterQuery):
//	               symbol_short:51/34, doc_kind:resolution|draft|page|other,
//	               symbol_form:s/res/2776 (2025), symbol_form:s/res/2776,
//	               symbol_form:2776 (2025), symbol_form:2776 (every form a person writes
//	               the document's symbol in, lower case: corpus.Symbol.Forms),
//	               case:serie c no. 221, case:caso:gelman, case:caso:gelman@2011-02-24
//	               (a judgment's series number and case name: corpus.CaseForms),
//	               docname:… (on the first paragraph: the document's name, folded: NameKey),
//	               number:7, number:84.3, number:4.a
//	               (the printed paragraph number as written, letters in lower case;
//	               none when unnumbered),
//	               numref:|7, numref:anexo a|7, numref:6º|1 (the part its number counts in,
//	               corpus.PartKey, and the number: NumberRefTerm; only on the first
//	               paragraph of a part with that number, so that a reference names
//	               one paragraph), ocr:damaged (the document looked like damaged OCR),
//	               category:Argentina (a category the document declares, on its first
//	               paragraph only),
//	               cites_form:s/res/1325 (2000), cites_form:1325, cites_form:serie c no. 64,
//	               cites_form:caso:trujillo oroza (every form of a cited document,
//	               corpus.Citation.Forms), meta:1 (on the record that stores doc_json,
//	               the first paragraph)
//	             (one field for all the filters indexes 7% faster than a field for each)
//
// Doc values are compressed (snappy): zapx v17.2.3 merges uncompressed ones
// wrongly (each chunk's values given to one document), which makes facet
// counts and document/date order wrong in merged segments. Facet counts
// and the relevance tie-break are read once per segment into a cache
// (facetcache.go), so compression costs queries nothing there.
//
//	dates_day, dates_month, dates_year
//	             keyword: the dates the paragraph mentions, as ISO days, each in the field of
//	             its precision (dates.go)
//	deadlines_day, deadlines_month, deadlines_year
//	             keyword: the same, for dates something falls due by
//	doc_json     stored only, on the first paragraph: the Document without its paragraphs
//	             (with its Type, "sentencia", and Country since format 9)
//	para_json    stored only: the Paragraph, as JSON, without its text (stored in text) and
//	             without its original when that equals the text; with its section, its
//	             part ("Anexo A"), whether its number is Repeated in its part, the
//	             footnotes it calls (notes) and its citations with their case, date,
//	             cited paragraph and note; doc_json holds a judgment's case (format 9:
//	             parts, notes, numref, symbol_form, cites_form, case, docname)
//
// Searches that name no field are built by package search over text,
// original (for the terms it has) and text_exact; nothing is indexed into
// _all. Each shard is searched with the term statistics of all (globalStats
// in page.go), so scores do not depend on the shard. Date filters and ocr:
// are bitmaps of postings that add nothing to scores (termRangeFilter, filter.go).
//
// Re-adding a document replaces all its paragraphs in one batch: stale
// paragraphs of a document that shrank are deleted in the same batch.
//
// # Recurrence flags
//
// The index stores the flag it is given and nothing else of lineage: Add
// writes each paragraph's Recurs (as the facet recurs: and in para_json);
// Write also rewrites the records of other paragraphs whose flag changed,
// in the same shard batches as the documents it adds (SetRecurs alone
// writes them in batches of their own); a rewritten record is analysed
// again, as adding it was. Every change counts a generation (Generation,
// kept in the first shard as an internal value), by which package
// recurrence knows whether its saved table follows the index, and
// Documents reads every document back for it to rebuild from. An index
// written before the flags had three values (recurs:no for undated
// documents) is set right when its store is first used: the store's table
// of an older version is rebuilt, and every flag that differs written.
package index
