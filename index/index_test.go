package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/relatoria/relatoria/corpus"
)

func tokens(t *testing.T, analyzer, text string) []string {
	t.Helper()
	a, err := registry.NewCache().AnalyzerNamed(analyzer)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, tok := range a.Analyze([]byte(text)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func TestSpanishAnalyzer(t *testing.T) {
	same := [][]string{
		{"periódico", "Periódico", "periodico", "PERIÓDICOS", "perio\u0301dicos"},
		{"resolución", "resoluciones", "resolucion"},
		{"niñas", "ninas", "NIÑAS"},
		{"mujer", "mujeres"},
	}
	for _, group := range same {
		want := tokens(t, AnalyzerSpanish, group[0])
		for _, w := range group[1:] {
			if got := tokens(t, AnalyzerSpanish, w); !slices.Equal(got, want) {
				t.Errorf("es_un(%q) = %v, want %v as for %q", w, got, want, group[0])
			}
		}
	}
	if got := tokens(t, AnalyzerSpanish, "Estados Miembros"); len(got) != 2 {
		t.Errorf("es_un(Estados Miembros) = %v, want 2 tokens", got)
	}
	if got := tokens(t, AnalyzerExact, "Niñas periódicas"); !slices.Equal(got, []string{"niñas", "periódicas"}) {
		t.Errorf("es_exact = %v", got)
	}
}

func doc(id string, texts ...string) *corpus.Document {
	d := &corpus.Document{ID: id, Source: id + ".txt", Format: corpus.FormatText, Kind: corpus.KindPage, Title: "T"}
	for i, tx := range texts {
		d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Kind: corpus.Plain, Text: tx, Original: tx})
	}
	return d
}

func TestAddReplaceDelete(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, doc("a", "uno", "dos", "tres"), doc("b", "cuatro")); err != nil {
		t.Fatal(err)
	}
	// A shorter new version replaces every paragraph of the old one.
	if err := ix.Add(ctx, doc("a", "uno bis")); err != nil {
		t.Fatal(err)
	}
	got, err := ix.Document(ctx, "a")
	if err != nil || len(got.Paragraphs) != 1 || got.Paragraphs[0].Text != "uno bis" {
		t.Fatalf("Document(a) = %+v, %v", got, err)
	}
	if n, _ := ix.alias.DocCount(); n != 2 {
		t.Errorf("DocCount = %d, want 2", n)
	}
	if err := ix.Delete("b"); err != nil {
		t.Fatal(err)
	}
	if _, err := ix.Document(ctx, "b"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Document(b) after Delete: %v", err)
	}
	ix.Close()
	// Reopen; a wrong format version is refused with advice.
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	os.WriteFile(filepath.Join(dir, metaFile), []byte(`{"format": 99}`), 0o644)
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "reconstrúyalo con: rm -r") {
		t.Errorf("Open of format 99: %v", err)
	}
	if _, err := Open(filepath.Join(t.TempDir(), "none")); !errors.Is(err, ErrNotExist) {
		t.Errorf("Open(missing) = %v", err)
	}
}

// TestDocumentMetadata checks that a hit on any paragraph gets its
// document's metadata (stored with the first paragraph only), from a cold
// cache and after the document is replaced.
func TestDocumentMetadata(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	d := doc("doc-a", "primero", "segundo", "tercero con cooperación")
	d.Title = "Primera versión"
	if err := ix.Add(ctx, d); err != nil {
		t.Fatal(err)
	}
	find := func(ix *Index, word string) Hit {
		t.Helper()
		q := bleve.NewMatchQuery(word)
		q.SetField(FieldText)
		req := bleve.NewSearchRequest(q)
		req.Fields = hitFields
		res, err := ix.alias.Search(req)
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("search %q: %v, %v", word, res, err)
		}
		hits, err := ix.decodeHits(ctx, res.Hits)
		if err != nil {
			t.Fatal(err)
		}
		return hits[0]
	}
	if h := find(ix, "cooperacion"); h.Doc.Title != "Primera versión" || h.Doc.ID != "doc-a" || h.Para.Ordinal != 3 {
		t.Errorf("hit = %+v %+v", h.Doc, h.Para)
	}
	d.Title = "Segunda versión"
	d.Paragraphs = d.Paragraphs[1:] // the first paragraph is gone
	if err := ix.Add(ctx, d); err != nil {
		t.Fatal(err)
	}
	if h := find(ix, "cooperacion"); h.Doc.Title != "Segunda versión" {
		t.Errorf("after replacing: title %q", h.Doc.Title)
	}
	ix.Close()
	ix, err = Open(dir) // a cold cache
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if h := find(ix, "tercero"); h.Doc.Title != "Segunda versión" {
		t.Errorf("reopened: title %q", h.Doc.Title)
	}
	got, err := ix.Document(ctx, "doc-a")
	if err != nil || got.Title != "Segunda versión" || len(got.Paragraphs) != 2 {
		t.Errorf("Document = %+v, %v", got, err)
	}
}

func TestDateValues(t *testing.T) {
	day := func(y, m, d int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: d} }
	tests := []struct {
		name       string
		mention    corpus.DateMention
		wantSuffix string
		wantN      int
	}{
		{"a day", corpus.DateMention{Precision: "day", Start: day(2022, 10, 7), End: day(2022, 10, 7)}, daySuffix, 1},
		{"days 2-13 February", corpus.DateMention{Precision: "day", Start: day(2009, 2, 2), End: day(2009, 2, 13)}, daySuffix, 12},
		{"a month", corpus.DateMention{Precision: "month", Start: corpus.Date{Year: 2024, Month: 10}, End: day(2024, 10, 31)}, monthSuffix, 1},
		{"May to October", corpus.DateMention{Precision: "month", Start: corpus.Date{Year: 2024, Month: 5}, End: day(2024, 10, 31)}, monthSuffix, 6},
		{"a year", corpus.DateMention{Precision: "year", Start: corpus.Date{Year: 2015}, End: day(2015, 12, 31)}, yearSuffix, 1},
		{"2015-2030", corpus.DateMention{Precision: "year", Start: corpus.Date{Year: 2015}, End: day(2030, 12, 31)}, yearSuffix, 16},
		{"a long range of days", corpus.DateMention{Precision: "day", Start: day(2020, 1, 1), End: day(2020, 12, 31)}, monthSuffix, 12},
	}
	for _, tt := range tests {
		suffix, values := dateValues(tt.mention)
		if suffix != tt.wantSuffix || len(values) != tt.wantN {
			t.Errorf("%s: %s × %d, want %s × %d", tt.name, suffix, len(values), tt.wantSuffix, tt.wantN)
		}
	}
}

// TestCompactAndReopen checks that compacting keeps every paragraph and
// that a reopened index knows the forms OCR repair changed.
func TestCompactAndReopen(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 { // five batches, five segments per shard at least
		var docs []*corpus.Document
		for j := range 20 {
			docs = append(docs, doc(fmt.Sprintf("doc-%d-%d", i, j), "uno", "dos cooperación", "tres"))
		}
		if err := ix.Add(ctx, docs...); err != nil {
			t.Fatal(err)
		}
	}
	d := doc("damaged", "un diálogo constructivo")
	d.Paragraphs[0].Repairs = []corpus.Repair{{From: "didlogo", To: "diálogo"}}
	if err := ix.Add(ctx, d); err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	if n, err := ix.Paragraphs(); err != nil || n != 301 {
		t.Fatalf("after compacting: %d paragraphs, %v; want 301", n, err)
	}
	ix.Close()
	ix, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	stem := Terms("didlogo")[0]
	if !ix.HasOriginalTerm(stem) || ix.HasOriginalTerm(Terms("cooperación")[0]) {
		t.Errorf("original vocabulary after reopening: didlogo %v, cooperación %v", ix.HasOriginalTerm(stem), ix.HasOriginalTerm(Terms("cooperación")[0]))
	}
}

// TestCompactLeavesNoObsoleteFiles checks that once Compact returns, each
// shard's store holds only the files of its one segment: the files the
// merge replaced had sometimes stayed on disk after the index was closed.
func TestCompactLeavesNoObsoleteFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	for run := range 3 {
		os.RemoveAll(dir)
		ix, err := Create(dir, Options{Shards: 2})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		for i := range 30 { // one segment an Add, at least
			if err := ix.Add(ctx, doc(fmt.Sprintf("d%02d", i), "uno", "dos", "tres")); err != nil {
				t.Fatal(err)
			}
		}
		if err := ix.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		if err := ix.Close(); err != nil {
			t.Fatal(err)
		}
		for shard := range 2 {
			files, _ := filepath.Glob(filepath.Join(shardDir(dir, shard), "store", "*.zap"))
			if len(files) != 1 {
				t.Errorf("run %d, shard %d: %d segment files after compaction, want 1: %v", run, shard, len(files), files)
			}
		}
	}
}

// TestRepairedForms checks which forms before OCR repair the original field
// keeps: those whose Spanish terms differ from the repaired word's, once.
func TestRepairedForms(t *testing.T) {
	tests := []struct {
		repairs []corpus.Repair
		want    string
	}{
		{nil, ""},
		{[]corpus.Repair{{From: "nifias", To: "niñas"}}, "nifias"},
		{[]corpus.Repair{{From: "resolucion", To: "resolución"}}, ""}, // the text's term already
		{[]corpus.Repair{{From: "Derechos", To: "derechos"}}, ""},
		{[]corpus.Repair{{From: "cooperacidon", To: "cooperación"}, {From: "resolucion", To: "resolución"}, {From: "cooperacidon", To: "cooperación"}}, "cooperacidon"},
		{[]corpus.Repair{{From: "6rganos", To: "órganos"}, {From: "nifias", To: "niñas"}}, "6rganos nifias"},
	}
	for _, tt := range tests {
		if got := repairedForms(tt.repairs); got != tt.want {
			t.Errorf("repairedForms(%v) = %q, want %q", tt.repairs, got, tt.want)
		}
	}
}

// plannedSegment is a segment as the merge planner sees it.
type plannedSegment struct {
	id   uint64
	size int64
}

func (s plannedSegment) Id() uint64          { return s.id }
func (s plannedSegment) FullSize() int64     { return s.size }
func (s plannedSegment) LiveSize() int64     { return s.size }
func (s plannedSegment) HasVector() bool     { return false }
func (s plannedSegment) FileSize() int64     { return s.size * 2000 }
func (s plannedSegment) LiveFileSize() int64 { return s.size * 2000 }

// TestCompactOptions checks what Compact's merge plan makes of the segments
// a bulk load leaves: a shard that fits in one segment is merged into one
// (the segment that reached half the bound included), a larger one into
// segments of at most MaxSegmentParagraphs.
func TestCompactOptions(t *testing.T) {
	tests := []struct {
		sizes []int64
		want  [][]int64 // the sizes merged by each task
	}{
		// 100,000 paragraphs in two shards: 44,000 + 6,000 a shard.
		{[]int64{44_000, 6_000}, [][]int64{{44_000, 6_000}}},
		{[]int64{50_000, 20_000, 10_000}, [][]int64{{50_000, 20_000, 10_000}}},
		// Twelve segments of a bulk load: all in one task (bleve's ten
		// segments a task left two).
		{[]int64{4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 2000},
			[][]int64{{4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 4000, 2000}}},
		// A large shard: segments past half the bound stay, the small
		// ones are merged within it.
		{[]int64{70_000, 60_000, 30_000, 20_000, 10_000}, [][]int64{{30_000, 20_000, 10_000}}},
	}
	for _, tt := range tests {
		var segs []mergeplan.Segment
		var total uint64
		for i, size := range tt.sizes {
			segs = append(segs, plannedSegment{uint64(i + 1), size})
			total += uint64(size)
		}
		opt := compactOptions(total)
		plan, err := mergeplan.Plan(segs, &opt)
		if err != nil {
			t.Fatalf("%v: %v", tt.sizes, err)
		}
		var got [][]int64
		for _, task := range plan.Tasks {
			var sizes []int64
			for _, s := range task.Segments {
				sizes = append(sizes, s.LiveSize())
			}
			slices.Sort(sizes)
			slices.Reverse(sizes)
			got = append(got, sizes)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("segments %v: merge tasks %v, want %v", tt.sizes, got, tt.want)
		}
	}
}

// TestOpenInUse checks that an index another Index holds open is refused
// with ErrInUse, whose text says why in Spanish, once the shard's lock is
// not given within bolt_timeout (5 s).
func TestOpenInUse(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 5-second lock timeout")
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	again, err := Open(dir)
	if err == nil {
		again.Close()
		t.Fatal("Open of an index held open: no error")
	}
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "otro proceso de relatoria lo está usando") {
		t.Errorf("Open of an index held open: %v, want ErrInUse", err)
	}
}
