// Package web serves a relatoria index over HTTP: the web page (search,
// facets, documents, paragraph permalinks, comparisons), the JSON API that
// speaks the CLI's -json, and the signed ingest endpoint through which
// relatoria ingest adds documents to a running server (Handler); and
// Client, the other side of that protocol, which the CLI uses to reach a
// running server.
//
// The handlers see a search engine through the interface Searcher (a
// *search.Searcher) and write documents through Writer (a
// *recurrence.Linker or an *index.Index); cmd/relatoria wires them.
package web
