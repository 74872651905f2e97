// Package search answers queries over a relatoria index: it parses the
// query language (Parse), resolves references to documents and paragraphs
// ("51/34 §7"), runs the search with highlights, facets and deep paging,
// and serves it all over HTTP (Handler).
//
// A Searcher reads an *index.Index; a query is a Request and the answer is
// Results, whose JSON form is the contract shared by the CLI's -json and the
// HTTP API.
package search
