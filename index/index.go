package index

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
)

// FormatVersion is the version of the on-disk format described in the
// package comment. An index written with another version is refused with a
// message saying how to rebuild it.
const FormatVersion = 2

// BatchSize is the number of paragraphs sent to bleve in one batch. Measured
// on 2 cores: batches of 500-2000 give the best throughput; 10 000 costs
// four times the memory for 20% more speed.
const BatchSize = 1000

// ErrNotExist is returned by Open when there is no index at the path.
var ErrNotExist = errors.New("no index")

// ErrNotFound is returned when a document or paragraph is not in the index.
var ErrNotFound = errors.New("not found")

// Index is an open relatoria index.
type Index struct {
	dir  string
	b    bleve.Index
	meta meta
}

type meta struct {
	Format  int       `json:"format"`
	Created time.Time `json:"created"`
}

const metaFile = "relatoria.json"

// Create makes a new, empty index in dir, which must not hold one already.
func Create(dir string) (*Index, error) {
	if _, err := os.Stat(filepath.Join(dir, metaFile)); err == nil {
		return nil, fmt.Errorf("create index %s: an index already exists there", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	b, err := bleve.New(filepath.Join(dir, "bleve"), Mapping())
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	m := meta{Format: FormatVersion, Created: time.Now().UTC().Truncate(time.Second)}
	data, _ := json.MarshalIndent(m, "", "  ")
	// The meta file is written last: a directory without it is not an
	// index, so a crash during Create leaves nothing that Open accepts.
	if err := os.WriteFile(filepath.Join(dir, metaFile), append(data, '\n'), 0o644); err != nil {
		b.Close()
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	return &Index{dir: dir, b: b, meta: m}, nil
}

// Open opens the index in dir. It returns an error wrapping ErrNotExist
// when dir holds no index, and a message saying how to rebuild when the
// index was written in another format version.
func Open(dir string) (*Index, error) {
	data, err := os.ReadFile(filepath.Join(dir, metaFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("open index %s: %w", dir, ErrNotExist)
	}
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	var m meta
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("open index %s: %s is corrupt (%v); delete the directory and ingest again", dir, metaFile, err)
	}
	if m.Format != FormatVersion {
		return nil, fmt.Errorf("open index %s: it was written in index format %d, this relatoria reads format %d; rebuild it with: rm -r %s && relatoria ingest -index %s PATH...", dir, m.Format, FormatVersion, dir, dir)
	}
	b, err := bleve.OpenUsing(filepath.Join(dir, "bleve"), map[string]any{"bolt_timeout": "5s"})
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("open index %s: another relatoria process is using it (try again when it has finished)", dir)
		}
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return &Index{dir: dir, b: b, meta: m}, nil
}

// NewMemory returns an index held in memory only, for tests and one-off
// use.
func NewMemory() (*Index, error) {
	b, err := bleve.NewMemOnly(Mapping())
	if err != nil {
		return nil, err
	}
	return &Index{b: b, meta: meta{Format: FormatVersion, Created: time.Now().UTC()}}, nil
}

// Close closes the index.
func (ix *Index) Close() error { return ix.b.Close() }

// Dir returns the directory of the index, "" for a memory index.
func (ix *Index) Dir() string { return ix.dir }

// Bleve returns the underlying bleve index, for searching.
func (ix *Index) Bleve() bleve.Index { return ix.b }

// Version returns a string identifying the index format and the number of
// paragraphs in it, so that a count can be cited with the index it came
// from: "format 1, 1234 paragraphs".
func (ix *Index) Version() string {
	n, _ := ix.b.DocCount()
	return fmt.Sprintf("format %d, %d paragraphs", ix.meta.Format, n)
}

// ParagraphID returns the bleve ID of a paragraph: "A/HRC/RES/51/34#25".
func ParagraphID(docID string, ordinal int) string { return docID + "#" + strconv.Itoa(ordinal) }

// SplitParagraphID splits a paragraph ID into document ID and ordinal.
func SplitParagraphID(id string) (docID string, ordinal int, ok bool) {
	i := strings.LastIndexByte(id, '#')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(id[i+1:])
	return id[:i], n, err == nil
}

// Add indexes docs, replacing every paragraph of a document already in the
// index under the same ID. Documents are sent in batches of about
// BatchSize paragraphs; a document's deletions and additions always travel
// in one batch, so a reader never sees half a document.
func (ix *Index) Add(ctx context.Context, docs ...*corpus.Document) error {
	batch := ix.b.NewBatch()
	for _, doc := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		old, err := ix.paragraphIDs(doc.ID)
		if err != nil {
			return fmt.Errorf("index %s: %w", doc.Source, err)
		}
		keep := map[string]bool{}
		for _, p := range doc.Paragraphs {
			id := ParagraphID(doc.ID, p.Ordinal)
			keep[id] = true
			if err := batch.Index(id, record(doc, &p)); err != nil {
				return fmt.Errorf("index %s: %w", doc.Source, err)
			}
		}
		for _, id := range old {
			if !keep[id] {
				batch.Delete(id)
			}
		}
		if batch.Size() >= BatchSize {
			if err := ix.b.Batch(batch); err != nil {
				return fmt.Errorf("index: %w", err)
			}
			batch.Reset()
		}
	}
	if batch.Size() > 0 {
		if err := ix.b.Batch(batch); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	return nil
}

// Delete removes every paragraph of the document with the given ID.
func (ix *Index) Delete(docID string) error {
	ids, err := ix.paragraphIDs(docID)
	if err != nil {
		return err
	}
	batch := ix.b.NewBatch()
	for _, id := range ids {
		batch.Delete(id)
	}
	return ix.b.Batch(batch)
}

func (ix *Index) paragraphIDs(docID string) ([]string, error) {
	q := query.NewTermQuery(docID)
	q.SetField(FieldDoc)
	req := bleve.NewSearchRequestOptions(q, 100000, 0, false)
	res, err := ix.b.Search(req)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// docMeta is a Document without its paragraphs, as stored in doc_json.
type docMeta struct {
	corpus.Document
	Paragraphs []corpus.Paragraph `json:"paragraphs,omitempty"`
}

// record builds the bleve document for paragraph p of doc.
func record(doc *corpus.Document, p *corpus.Paragraph) map[string]any {
	m := docMeta{Document: *doc}
	m.Document.Paragraphs = nil
	dj, _ := json.Marshal(m)
	pj, _ := json.Marshal(p)
	r := map[string]any{
		FieldText:      p.Text,
		FieldTextExact: p.Text,
		FieldDoc:       doc.ID,
		FieldKind:      string(p.Kind),
		FieldDocKind:   string(doc.Kind),
		FieldFormat:    string(doc.Format),
		FieldNumber:    float64(p.Number),
		FieldOrdinal:   float64(p.Ordinal),
		FieldDocJSON:   string(dj),
		FieldParaJSON:  string(pj),
	}
	if p.Original != p.Text {
		r[FieldOriginal] = p.Original
	}
	if doc.Title != "" {
		r[FieldTitle] = doc.Title
	}
	if doc.Symbol != "" {
		r[FieldSymbol] = doc.Symbol.String()
		r[FieldSymbolShort] = doc.Symbol.Short()
	}
	if doc.Body != "" {
		r[FieldBody] = doc.Body
	}
	if !doc.Adopted.IsZero() {
		r[FieldAdopted] = doc.Adopted.Time()
	}
	if doc.OCR != nil && doc.OCR.Damaged {
		r[FieldOCR] = "damaged"
	}
	var entities, types, cites, citesShort []string
	for _, e := range p.Entities {
		entities = append(entities, e.Name)
		types = append(types, e.Type)
	}
	for _, c := range p.Citations {
		cites = append(cites, c.Symbol.String())
		citesShort = append(citesShort, c.Symbol.Short())
	}
	var dates, deadlines []any
	for _, d := range p.Dates {
		days := coveredDays(d)
		dates = append(dates, days...)
		if d.Role == "deadline" {
			deadlines = append(deadlines, days...)
		}
	}
	for k, v := range map[string][]string{FieldEntities: entities, FieldEntityTypes: types, FieldCites: cites, FieldCitesShort: citesShort} {
		if len(v) > 0 {
			r[k] = v
		}
	}
	if len(dates) > 0 {
		r[FieldDates] = dates
	}
	if len(deadlines) > 0 {
		r[FieldDeadlines] = deadlines
	}
	return r
}

// DecodeHit rebuilds the document metadata and the paragraph from the
// stored fields of a hit (which must have been requested with Fields
// doc_json and para_json).
func DecodeHit(fields map[string]any) (*corpus.Document, *corpus.Paragraph, error) {
	dj, _ := fields[FieldDocJSON].(string)
	pj, _ := fields[FieldParaJSON].(string)
	if dj == "" || pj == "" {
		return nil, nil, errors.New("hit lacks stored fields")
	}
	var doc corpus.Document
	if err := json.Unmarshal([]byte(dj), &doc); err != nil {
		return nil, nil, fmt.Errorf("stored document: %w", err)
	}
	var p corpus.Paragraph
	if err := json.Unmarshal([]byte(pj), &p); err != nil {
		return nil, nil, fmt.Errorf("stored paragraph: %w", err)
	}
	doc.Paragraphs = nil
	return &doc, &p, nil
}

// Document returns the whole document with the given ID, paragraphs in
// order. It returns an error wrapping ErrNotFound when there is none.
func (ix *Index) Document(ctx context.Context, id string) (*corpus.Document, error) {
	q := query.NewTermQuery(id)
	q.SetField(FieldDoc)
	req := bleve.NewSearchRequestOptions(q, 100000, 0, false)
	req.Fields = []string{FieldDocJSON, FieldParaJSON}
	req.SortBy([]string{FieldOrdinal})
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	if len(res.Hits) == 0 {
		return nil, fmt.Errorf("document %q: %w", id, ErrNotFound)
	}
	var doc *corpus.Document
	for _, h := range res.Hits {
		d, p, err := DecodeHit(h.Fields)
		if err != nil {
			return nil, fmt.Errorf("document %q: %w", id, err)
		}
		if doc == nil {
			doc = d
		}
		doc.Paragraphs = append(doc.Paragraphs, *p)
	}
	return doc, nil
}

// DocumentIDs returns the IDs of the documents whose symbol (full or short
// form) is sym, most recently adopted first.
func (ix *Index) DocumentIDs(ctx context.Context, sym corpus.Symbol) ([]string, error) {
	var q query.Query
	if sym.IsFull() {
		t := query.NewTermQuery(sym.String())
		t.SetField(FieldSymbol)
		q = t
	} else {
		t := query.NewTermQuery(sym.Short())
		t.SetField(FieldSymbolShort)
		q = t
	}
	req := bleve.NewSearchRequestOptions(q, 0, 0, false)
	f := bleve.NewFacetRequest(FieldDoc, 50)
	req.AddFacet("docs", f)
	res, err := ix.b.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	var ids []string
	if fr, ok := res.Facets["docs"]; ok && fr.Terms != nil {
		for _, t := range fr.Terms.Terms() {
			ids = append(ids, t.Term)
		}
	}
	return ids, nil
}

// coveredDays returns the instants a date mention is indexed at, so that a
// range query finds every mention that overlaps it: each day of a span of up
// to two months ("del 2 al 13 de febrero de 2009", "octubre de 2022"), the
// first day of each month of a longer span up to six years ("mayo –
// octubre de 2024"), else the first day of each year; always the first and
// the last day.
func coveredDays(d corpus.DateMention) []any {
	start, end := d.Start.Time(), d.End.Time()
	if start.IsZero() {
		return nil
	}
	if end.Before(start) {
		end = start
	}
	out := []any{start}
	span := end.Sub(start)
	switch {
	case span <= 62*24*time.Hour:
		for t := start.AddDate(0, 0, 1); !t.After(end); t = t.AddDate(0, 0, 1) {
			out = append(out, t)
		}
		return out
	case span <= 6*366*24*time.Hour:
		for t := time.Date(start.Year(), start.Month()+1, 1, 0, 0, 0, 0, time.UTC); t.Before(end); t = t.AddDate(0, 1, 0) {
			out = append(out, t)
		}
	default:
		for y := start.Year() + 1; y <= end.Year(); y++ {
			out = append(out, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC))
		}
	}
	return append(out, end)
}
