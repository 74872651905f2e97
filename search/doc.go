// Package search answers queries over a relatoria index: it reads the query
// with package query (query.Parse, query.ParseReference), resolves
// references to documents and paragraphs ("51/34 §7"), and runs the search
// with highlights, facets and deep paging; it writes results as text, CSV
// or JSON.
//
// A Searcher reads an *index.Index; a query is a Request and the answer is
// Results, whose JSON form (WriteJSON) is the contract shared by the CLI's
// -json and the HTTP API of package web.
package search
