// Package corpus is relatoria's shared document model: the vocabulary that
// ingest produces, index stores, search returns and cmd prints.
//
// A Document is one source file (a resolution, a web page, a treaty-body
// report). It holds its metadata (symbol, title, adopting body, adoption date,
// vote) and its Paragraphs in reading order. Each Paragraph keeps two texts
// side by side: Text, normalised and repaired, which is what is indexed and
// shown, and Original, exactly as it was extracted, so that nothing in the
// source ever becomes unfindable or unverifiable.
//
// A Symbol is a United Nations document symbol such as "A/HRC/RES/51/34" or
// its short form "51/34":
//
//	s, _ := corpus.ParseSymbol("a/hrc/res/51/34")
//	s.String() // "A/HRC/RES/51/34"
//	s.Short()  // "51/34"
//
// The package imports only the standard library and does no I/O, apart from
// the embedded sample corpus exposed as Sample.
package corpus
