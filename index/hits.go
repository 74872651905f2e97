package index

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/go-json-experiment/json"

	"github.com/relatoria/relatoria/corpus"
)

// FieldMeta (a filter) marks the one record of each document that stores the
// document's metadata (doc_json): its first paragraph. Storing it once
// rather than with every paragraph keeps a tenth of the index off disk.
const FieldMeta = "meta"

// hitFields are the stored fields a search loads for decodeHits.
var hitFields = []string{FieldDocJSON, FieldParaJSON, FieldText}

// Hit is a paragraph a search found, decoded: the paragraph, its
// document's metadata (a Document without paragraphs) and its place in
// the search's order.
type Hit struct {
	ID    string // the paragraph ID: "A/HRC/RES/51/34#25"
	Doc   *corpus.Document
	Para  *corpus.Paragraph
	Score float64
	// Sort holds the hit's sort values, the score written out where the
	// order has it: a Request.After that continues after this hit.
	Sort []string
}

// decodeHits rebuilds the paragraphs of hits (found with hitFields) and
// their documents' metadata, which is read from the cache of recent
// documents or, for those not in it, with one search.
func (ix *Index) decodeHits(ctx context.Context, hits bsearch.DocumentMatchCollection) ([]Hit, error) {
	out := make([]Hit, len(hits))
	if err := decodeParagraphs(hits, out); err != nil {
		return nil, err
	}
	var missing []string
	for i, h := range hits {
		out[i].ID, out[i].Score, out[i].Sort = h.ID, h.Score, sortValues(h)
		docID, _, ok := SplitParagraphID(h.ID)
		if !ok {
			return nil, fmt.Errorf("hit %s: not a paragraph ID", h.ID)
		}
		if dj, _ := h.Fields[FieldDocJSON].(string); dj != "" {
			doc, err := decodeDocument(dj)
			if err != nil {
				return nil, fmt.Errorf("hit %s: %w", h.ID, err)
			}
			ix.docs.put(doc)
		}
		if doc := ix.docs.get(docID); doc != nil {
			out[i].Doc = doc
		} else {
			missing = append(missing, docID)
		}
	}
	if len(missing) > 0 {
		// The documents loaded are taken from what loadDocuments
		// returns, not from the cache: the cache starts afresh when it
		// fills, and had dropped documents loaded a moment before (a
		// million paragraphs' ingest stopped on "the index holds no
		// metadata" for a document it held).
		loaded, err := ix.loadDocuments(ctx, missing)
		if err != nil {
			return nil, err
		}
		for i, h := range hits {
			if out[i].Doc != nil {
				continue
			}
			docID, _, _ := SplitParagraphID(h.ID)
			if d := loaded[docID]; d != nil {
				cp := *d
				out[i].Doc = &cp
			}
			if out[i].Doc == nil {
				return nil, fmt.Errorf("hit %s: the index holds no metadata for document %q", h.ID, docID)
			}
		}
	}
	return out, nil
}

// sortValues returns the sort values of h with its score in place of
// bleve's placeholder "_score", which search-after cannot compare.
func sortValues(h *bsearch.DocumentMatch) []string {
	if h.Sort == nil {
		return nil
	}
	vals := slices.Clone(h.Sort)
	for i, v := range vals {
		if v == "_score" {
			vals[i] = strconv.FormatFloat(h.Score, 'g', -1, 64)
		}
	}
	return vals
}

// decodeParagraphs decodes the stored paragraph of each hit into out, half
// of them in another goroutine when there are enough to share (decoding
// the JSON of a page of paragraphs was a tenth of a query).
func decodeParagraphs(hits bsearch.DocumentMatchCollection, out []Hit) error {
	decode := func(from, to int) error {
		for i := from; i < to; i++ {
			p, err := decodeParagraph(hits[i].Fields)
			if err != nil {
				return fmt.Errorf("hit %s: %w", hits[i].ID, err)
			}
			out[i].Para = p
		}
		return nil
	}
	if len(hits) < 4 {
		return decode(0, len(hits))
	}
	half := len(hits) / 2
	errc := make(chan error, 1)
	go func() {
		var err error
		defer func() { errc <- err }()
		defer recoverInto(&err, "decode hits")
		err = decode(0, half)
	}()
	err := decode(half, len(hits))
	if first := <-errc; first != nil {
		return first
	}
	return err
}

// loadDocuments reads the metadata of the documents with the given IDs
// into the cache, and returns it by document ID.
func (ix *Index) loadDocuments(ctx context.Context, ids []string) (map[string]*corpus.Document, error) {
	var xs []query.Query
	seen := map[string]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			t := query.NewTermQuery(id)
			t.SetField(FieldDoc)
			xs = append(xs, t)
		}
	}
	q := query.NewConjunctionQuery([]query.Query{FilterQuery(FieldMeta, "1").q, query.NewDisjunctionQuery(xs)})
	req := bleve.NewSearchRequestOptions(q, len(xs), 0, false)
	req.Fields = []string{FieldDocJSON}
	res, err := ix.alias.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("document metadata: %w", err)
	}
	out := make(map[string]*corpus.Document, len(res.Hits))
	for _, h := range res.Hits {
		dj, _ := h.Fields[FieldDocJSON].(string)
		doc, err := decodeDocument(dj)
		if err != nil {
			return nil, fmt.Errorf("document metadata of %s: %w", h.ID, err)
		}
		ix.docs.put(doc)
		out[doc.ID] = doc
	}
	return out, nil
}

func decodeDocument(dj string) (*corpus.Document, error) {
	var doc corpus.Document
	if err := json.Unmarshal([]byte(dj), &doc); err != nil {
		return nil, fmt.Errorf("stored document: %w", err)
	}
	doc.Paragraphs = nil
	return &doc, nil
}

// decodeParagraph decodes a hit's stored paragraph. The stored JSON (of
// doc_json and para_json) is written by encoding/json and read with
// encoding/json/v2's implementation (github.com/go-json-experiment/json),
// which decodes a stored paragraph in half the time (BenchmarkDecodeParagraph:
// 3.6 µs against 7.5 µs), a tenth of a query with few hits. Both take the
// same field names; v2 reads them case-sensitively, as they are written.
func decodeParagraph(fields map[string]any) (*corpus.Paragraph, error) {
	pj, _ := fields[FieldParaJSON].(string)
	if pj == "" {
		return nil, errors.New("hit lacks stored fields")
	}
	text, _ := fields[FieldText].(string)
	p, err := unpackParagraph([]byte(pj), text)
	if err != nil {
		return nil, fmt.Errorf("stored paragraph: %w", err)
	}
	return p, nil
}

// metaCacheSize bounds the documents whose metadata is kept in memory.
const metaCacheSize = 4096

// metaCache keeps the metadata of recently seen documents. Index.Add and
// Index.Delete forget the documents they change, so the cache never
// answers with an old version while this process writes the index (and no
// other process can write it while this one has it open).
type metaCache struct {
	mu   sync.Mutex
	docs map[string]*corpus.Document
}

// get returns a copy of the cached metadata of the document, or nil.
func (c *metaCache) get(id string) *corpus.Document {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[id]
	if !ok {
		return nil
	}
	cp := *d
	return &cp
}

func (c *metaCache) put(d *corpus.Document) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil || len(c.docs) >= metaCacheSize {
		c.docs = map[string]*corpus.Document{}
	}
	cp := *d
	cp.Paragraphs = nil
	c.docs[d.ID] = &cp
}

func (c *metaCache) forget(docs ...*corpus.Document) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, d := range docs {
		delete(c.docs, d.ID)
	}
}

// Document returns the whole document with the given ID, paragraphs in
// order. It returns an error wrapping ErrNotFound when there is none.
func (ix *Index) Document(ctx context.Context, id string) (*corpus.Document, error) {
	p, err := ix.Search(ctx, Request{Query: Term(FieldDoc, id), Size: 100000, Sort: FieldSort(FieldOrdinal)})
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", id, err)
	}
	if len(p.Hits) == 0 {
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	doc := p.Hits[0].Doc
	for _, h := range p.Hits {
		doc.Paragraphs = append(doc.Paragraphs, *h.Para)
	}
	return doc, nil
}
