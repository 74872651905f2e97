package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"

	"github.com/relatoria/relatoria/search"
	"github.com/relatoria/relatoria/web"
)

// source is where query, show and diff read: the index itself, or the
// relatoria serve that holds it.
//
// While a server runs, its process holds the index: bleve's bolt files
// are locked for writing (an exclusive flock), and the server adds
// documents, merges segments and saves lineage tables as it goes. A
// read-only open would need a shared lock of the same files, which the
// server's lock refuses (the open fails after its timeout, as it did
// before: "another relatoria process is using it"), and reading the files
// beside a writer could see a table half saved. So the commands read
// through the server instead: it proves that it holds the index's token
// (the challenge of relatoria ingest), and answers as it answers the page,
// with the documents it added since it started. The text, JSON and CSV
// that reach the terminal are those the local index would print.
type source struct {
	local  *search.Searcher
	remote *web.Client
	close  func()
}

// openSource opens the index the -index flag, $RELATORIA_INDEX or the
// default names, or returns the server that serves it (see source).
func openSource(ctx context.Context, e *env, flagValue string) (*source, error) {
	dir, _, err := indexDir(e, flagValue)
	if err != nil {
		return nil, err
	}
	if c, ok := runningServer(ctx, dir, e.stderr, "se lee el índice directamente"); ok {
		return &source{remote: c, close: func() {}}, nil
	}
	ix, err := openIndex(ctx, e, flagValue)
	if err != nil {
		return nil, err
	}
	l := newLinker(ix) // where paragraphs recur ("También en")
	return &source{local: searcher(ix, l), close: func() { l.Close(); ix.Close() }}, nil
}

// get asks the server for path with the parameters params and returns the
// body of its answer.
func (s *source) get(ctx context.Context, path string, params url.Values) ([]byte, error) {
	var b bytes.Buffer
	if err := s.remote.Get(ctx, path, params, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// show looks a reference up, locally or through the server; raw is the
// server's JSON, when it answered.
func (s *source) show(ctx context.Context, ref string) (res *search.ShowResult, raw []byte, err error) {
	if s.local != nil {
		res, err := s.local.Show(ctx, ref)
		return res, nil, err
	}
	raw, err = s.get(ctx, "/api/show", url.Values{"ref": {ref}})
	if err != nil {
		return nil, nil, err
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(raw, &probe); err != nil {
		return nil, nil, err
	}
	if _, isDoc := probe["paragraphs"]; isDoc {
		var v search.DocumentView
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, nil, err
		}
		return &search.ShowResult{Document: &v}, raw, nil
	}
	var h search.Hit
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, nil, err
	}
	return &search.ShowResult{Paragraph: &h}, raw, nil
}
