package index

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strconv"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
)

// The recurrence flag of a paragraph (corpus.Recurs) is worked out by
// package recurrence, outside the index; the index stores the flag it is
// given, as the facet FieldRecurs ("recurs:yes", "recurs:no",
// "recurs:unknown") and in the stored paragraph, and rewrites the record
// of a paragraph whose flag changes (Write). Every change of the index
// counts a generation (Generation), by which the store knows whether its
// saved table follows the index.
const (
	FieldRecurs = "recurs" // facet: "yes", "no" or "unknown"
)

// RecursTerm is the facet value of a flag: "yes", "no", "unknown".
func RecursTerm(r corpus.Recurs) string {
	if r == corpus.RecursUnknown {
		return "unknown"
	}
	return string(r)
}

var generationKey = []byte("relatoria:lineage-generation")

// Generation returns the number of changes of the index's paragraphs
// (every Write and Delete counts one), kept in the first shard: a table of
// recurrences saved at another generation does not follow the index.
func (ix *Index) Generation() (uint64, error) {
	v, err := ix.shards[0].GetInternal(generationKey)
	if err != nil || len(v) == 0 {
		return 0, err
	}
	return strconv.ParseUint(string(v), 10, 64)
}

// bumpGeneration counts a change of the index's paragraphs.
func (ix *Index) bumpGeneration() error {
	g, err := ix.Generation()
	if err != nil {
		return err
	}
	return ix.shards[0].SetInternal(generationKey, []byte(strconv.FormatUint(g+1, 10)))
}

// SetRecurs sets the flags of the paragraphs with the given IDs (Write
// without documents).
func (ix *Index) SetRecurs(ctx context.Context, recurs map[string]corpus.Recurs) error {
	return ix.Write(ctx, nil, recurs)
}

// flagRecords returns, by shard, the records of the paragraphs named in
// recurs rewritten with their new flag; those already flagged so, and
// those the index lacks, and those of the documents in adding (whose new
// version carries its flags), are left out. Rewriting a record analyses its
// fields again, as adding it did: a flag costs what its paragraph did.
func (ix *Index) flagRecords(ctx context.Context, recurs map[string]corpus.Recurs, adding map[string]bool) (map[bleve.Index][]*document.Document, error) {
	if len(recurs) == 0 {
		return nil, nil
	}
	ids := make([]string, 0, len(recurs))
	for id := range recurs {
		if docID, _, ok := SplitParagraphID(id); ok && !adding[docID] {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := map[bleve.Index][]*document.Document{}
	for chunk := range slices.Chunk(ids, idChunk) {
		req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(chunk), len(chunk), 0, false)
		req.Fields = hitFields
		res, err := ix.alias.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("recurrence flags: %w", err)
		}
		hits, err := ix.decodeHits(ctx, res.Hits)
		if err != nil {
			return nil, fmt.Errorf("recurrence flags: %w", err)
		}
		has, err := ix.storedRecurs(ctx, chunk)
		if err != nil {
			return nil, err
		}
		for i, h := range hits {
			id := res.Hits[i].ID
			r := recurs[id]
			if has[id] == r {
				continue
			}
			dj, _ := res.Hits[i].Fields[FieldDocJSON].(string)
			para := *h.Para
			para.Recurs = r
			// record writes the document's metadata for i == 0 only.
			doc := *h.Doc
			doc.Paragraphs = []corpus.Paragraph{para, para}
			at := 1
			if dj != "" {
				at = 0
			}
			sh := ix.shardOf(h.Doc.ID)
			out[sh] = append(out[sh], record(id, &doc, at, para.Section))
		}
	}
	return out, nil
}

// storedRecurs returns the flags the index has for the paragraphs with
// the given IDs, read from the facet: a record written before the stored
// paragraph carried its flag (index format 8 before recurrence) has it
// only there. A paragraph left out is unknown.
func (ix *Index) storedRecurs(ctx context.Context, ids []string) (map[string]corpus.Recurs, error) {
	out := map[string]corpus.Recurs{}
	for chunk := range slices.Chunk(ids, idChunk) {
		for _, r := range []corpus.Recurs{corpus.RecursYes, corpus.RecursNo} {
			q := query.NewConjunctionQuery([]query.Query{query.NewDocIDQuery(chunk), FilterQuery(FieldRecurs, RecursTerm(r)).q})
			res, err := ix.alias.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, len(chunk), 0, false))
			if err != nil {
				return nil, fmt.Errorf("recurrence flags: %w", err)
			}
			for _, h := range res.Hits {
				out[h.ID] = r
			}
		}
	}
	return out, nil
}

// idChunk is how many paragraph IDs one search names.
const idChunk = 1000

// Documents yields every document of the index, with its paragraphs in
// order (and their flags, as the facet has them), reading the index a page at a time in the
// order of document IDs; an error ends it.
func (ix *Index) Documents(ctx context.Context) iter.Seq2[*corpus.Document, error] {
	return func(yield func(*corpus.Document, error) bool) {
		var after []string
		var cur *corpus.Document
		for {
			req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), 5000, 0, false)
			req.Fields = hitFields
			req.SortBy([]string{FieldDoc, FieldOrdinal})
			if after != nil {
				req.SearchAfter = after
			}
			res, err := ix.alias.SearchInContext(ctx, req)
			if err != nil {
				yield(nil, fmt.Errorf("reading every document: %w", err))
				return
			}
			if len(res.Hits) == 0 {
				break
			}
			hits, err := ix.decodeHits(ctx, res.Hits)
			if err != nil {
				yield(nil, fmt.Errorf("reading every document: %w", err))
				return
			}
			ids := make([]string, len(res.Hits))
			for i, h := range res.Hits {
				ids[i] = h.ID
			}
			has, err := ix.storedRecurs(ctx, ids)
			if err != nil {
				yield(nil, fmt.Errorf("reading every document: %w", err))
				return
			}
			for i, h := range hits {
				h.Para.Recurs = has[ids[i]]
				if cur == nil || cur.ID != h.Doc.ID {
					if cur != nil && !yield(cur, nil) {
						return
					}
					cur = h.Doc
				}
				cur.Paragraphs = append(cur.Paragraphs, *h.Para)
			}
			after = res.Hits[len(res.Hits)-1].Sort
		}
		if cur != nil {
			yield(cur, nil)
		}
	}
}

// IDs returns a query for the paragraphs with the given IDs
// (ParagraphID).
func IDs(ids ...string) Query { return Query{query.NewDocIDQuery(ids)} }
