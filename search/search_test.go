package search

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/internal/testcorpus"
)

type relevanceCase struct {
	Comment string   `json:"comment"`
	Query   string   `json:"query"`
	Top     string   `json:"top"`     // the first hit's ref starts with this
	Want    []string `json:"want"`    // refs (or "doc:SOURCE") among the first 10 hits
	Exclude []string `json:"exclude"` // never among the hits
	Total   *int     `json:"total"`
	// NotContaining is a word no hit's text may contain.
	NotContaining string `json:"not_containing"`
	// NotSource is a source no hit may come from.
	NotSource string `json:"not_source"`
	MinTotal  int    `json:"min_total"`
}

func matches(h Hit, want string) bool {
	if src, ok := strings.CutPrefix(want, "doc:"); ok {
		return h.Source == src
	}
	return h.Ref == want
}

// TestRelevance runs the cases of testdata/queries.json against the sample
// corpus: search quality as data.
func TestRelevance(t *testing.T) {
	data, err := os.ReadFile("testdata/queries.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []relevanceCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	s := New(mustSampleIndex(t))
	for _, c := range cases {
		t.Run(c.Query, func(t *testing.T) {
			for _, p := range relevanceProblems(s, c) {
				t.Error(p)
			}
		})
	}
}

// relevanceProblems returns what is wrong with the answer to c, nothing
// when it passes. An error is always wrong, also in a case that expects no
// hits: a query that stopped parsing must not pass as one that finds
// nothing.
func relevanceProblems(s *Searcher, c relevanceCase) []string {
	res, err := s.Search(context.Background(), Request{Query: c.Query, Size: 10})
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", c.Comment, err)}
	}
	var problems []string
	errorf := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	var refs []string
	for _, h := range res.Hits {
		refs = append(refs, h.Ref+" ("+h.Source+")")
	}
	if c.Top != "" && (len(res.Hits) == 0 || !strings.HasPrefix(res.Hits[0].Ref, c.Top)) {
		errorf("%s: top hit %v, want %s", c.Comment, refs, c.Top)
	}
	for _, w := range c.Want {
		if !slices.ContainsFunc(res.Hits, func(h Hit) bool { return matches(h, w) }) {
			errorf("%s: %s not in %v", c.Comment, w, refs)
		}
	}
	for _, w := range c.Exclude {
		if slices.ContainsFunc(res.Hits, func(h Hit) bool { return matches(h, w) }) {
			errorf("%s: %s in %v", c.Comment, w, refs)
		}
	}
	for _, h := range res.Hits {
		if c.NotSource != "" && h.Source == c.NotSource {
			errorf("%s: hit %s from %s", c.Comment, h.Ref, h.Source)
		}
		if c.NotContaining != "" && strings.Contains(h.Text, c.NotContaining) {
			errorf("%s: hit %s contains %q", c.Comment, h.Ref, c.NotContaining)
		}
	}
	if c.Total != nil && res.Total != uint64(*c.Total) {
		errorf("%s: total %d, want %d (%v)", c.Comment, res.Total, *c.Total, refs)
	}
	if res.Total < uint64(c.MinTotal) {
		errorf("%s: total %d, want at least %d", c.Comment, res.Total, c.MinTotal)
	}
	return problems
}

// TestRelevanceFailsOnError checks that a case expecting no hits fails
// when its query does not parse or search (as a parse regression would
// make a good query do), and passes when the query parses and finds
// nothing.
func TestRelevanceFailsOnError(t *testing.T) {
	s := New(mustSampleIndex(t))
	zero := 0
	for _, tt := range []struct {
		query string
		fail  bool
	}{
		{`"capacidad fomento"`, false}, // a case of queries.json: parses, finds nothing
		{`"capacidad fomento`, true},   // a syntax error: 0 hits, but wrong
		{`hasta:2021-12-31 cooperación`, false},
		{`hasta:2021-13-31 cooperación`, true}, // no such month
	} {
		p := relevanceProblems(s, relevanceCase{Comment: "no hits", Query: tt.query, Total: &zero})
		if got := len(p) > 0; got != tt.fail {
			t.Errorf("%s: problems %q, want failure %v", tt.query, p, tt.fail)
		}
	}
}

func TestDeepPaging(t *testing.T) {
	s := New(mustSampleIndex(t))
	ctx := context.Background()
	all, err := s.Search(ctx, Request{Query: "derechos", Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var paged []string
	req := Request{Query: "derechos", Size: 7}
	for {
		res, err := s.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			paged = append(paged, h.ID)
		}
		if res.Next == "" {
			break
		}
		req.After = res.Next
	}
	if len(paged) != len(all.Hits) || int(all.Total) != len(paged) {
		t.Fatalf("paged %d hits, one page %d, total %d", len(paged), len(all.Hits), all.Total)
	}
	for i, h := range all.Hits {
		if paged[i] != h.ID {
			t.Fatalf("hit %d: paged %s, single page %s", i, paged[i], h.ID)
		}
	}
}

func TestHighlightsEscaped(t *testing.T) {
	ix, _ := index.NewTemporary()
	defer ix.Close()
	doc, err := ingest.Read("x.txt", []byte("El <script>alert(1)</script> informe sobre derechos humanos & otros temas."), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Add(context.Background(), doc)
	res, err := New(ix).Search(context.Background(), Request{Query: "derechos"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("%v %v", res, err)
	}
	hl := strings.Join(res.Hits[0].Highlights, "")
	if strings.Contains(hl, "<script>") || !strings.Contains(hl, "<mark>derechos</mark>") {
		t.Errorf("highlight %q", hl)
	}
}

// TestFacets checks facet counts against counts made by hand on the sample.
func TestFacets(t *testing.T) {
	s := New(mustSampleIndex(t))
	res, err := s.Search(context.Background(), Request{Query: "simbolo:51/34", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	count := func(facet, value string) int {
		for _, c := range res.Facets[facet] {
			if c.Value == value {
				return c.Count
			}
		}
		return 0
	}
	// Resolution 51/34: 16 preambular and 14 operative paragraphs; each of
	// its eight citations made once; "Asamblea General" named in ¶6 and ¶8.
	for _, tt := range []struct {
		facet, value string
		want         int
	}{
		{"kind", "preambular", 16}, {"kind", "operative", 14},
		{"cites", "A/RES/60/251", 1}, {"cites", "A/HRC/RES/16/21", 1},
		{"entities", "Asamblea General", 2},
	} {
		if got := count(tt.facet, tt.value); got != tt.want {
			t.Errorf("facet %s %q = %d, want %d", tt.facet, tt.value, got, tt.want)
		}
	}
}

// TestExactFormBoost checks that a paragraph with the query's accented
// words as written scores ExactShare more, in proportion to the share of
// the query's words it has so, than one with them only folded; and that
// an unaccented query favours neither.
func TestExactFormBoost(t *testing.T) {
	ix, err := index.NewTemporary(1) // one shard: the same term statistics for all
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	add := func(id, text string) {
		d := &corpus.Document{ID: id, Source: id + ".txt", Format: corpus.FormatText, Kind: corpus.KindPage,
			Paragraphs: []corpus.Paragraph{{Ordinal: 1, Kind: corpus.Plain, Text: text, Original: text}}}
		if err := ix.Add(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	add("a", "El interes publico exige transparencia.")
	add("b", "El interés público exige transparencia.")
	add("c", "El interés publico exige transparencia.")
	s := New(ix)
	tests := []struct {
		query string
		want  map[string]float64 // score of each document / score of "a"
	}{
		{"público", map[string]float64{"b": 1.2, "c": 1}},
		{"interés público", map[string]float64{"b": 1.2, "c": 1.1}},
		{"interes publico", map[string]float64{"b": 1, "c": 1}},
		{`"interés público"`, map[string]float64{"b": 1.2, "c": 1}}, // a phrase is one form
		{"público -transparencia", map[string]float64{}},            // nothing matches
	}
	for _, tt := range tests {
		res, err := s.Search(context.Background(), Request{Query: tt.query})
		if err != nil {
			t.Fatalf("%s: %v", tt.query, err)
		}
		score := map[string]float64{}
		for _, h := range res.Hits {
			score[h.Doc] = h.Score
		}
		if len(res.Hits) != len(tt.want)+min(1, len(tt.want)) {
			t.Errorf("%s: %d hits, want %d", tt.query, len(res.Hits), len(tt.want)+1)
			continue
		}
		for doc, ratio := range tt.want {
			if got := score[doc] / score["a"]; got < ratio-1e-9 || got > ratio+1e-9 {
				t.Errorf("%s: score of %s / score of a = %.4f, want %.2f", tt.query, doc, got, ratio)
			}
		}
	}
}

// mustSampleIndex is testcorpus.SampleIndex.
func mustSampleIndex(tb testing.TB) *index.Index { return testcorpus.SampleIndex(tb) }
