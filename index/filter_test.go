package index

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
)

// TestTermRangeFilterAsBleve checks that termRangeFilter matches what
// bleve's term range query matches, over several segments, after a
// replacement and a deletion, with open and closed ends; and that it adds
// nothing to a score.
func TestTermRangeFilterAsBleve(t *testing.T) {
	ix := newTestIndex(t, 1)
	ctx := context.Background()
	for i := range 12 { // one Add each: several segments
		d := doc(fmt.Sprintf("d%02d", i), "cooperación técnica", "otra cosa")
		d.Adopted = corpus.Date{Year: 2010 + i, Month: 1 + i%12, Day: 1 + i}
		if err := ix.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	replaced := doc("d03", "cooperación de nuevo")
	replaced.Adopted = corpus.Date{Year: 2030, Month: 5, Day: 5}
	if err := ix.Add(ctx, replaced); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete("d07"); err != nil {
		t.Fatal(err)
	}
	ranges := [][2]string{{"2012-01-01", "2016-01-01"}, {"", "2013-06-01"}, {"2019-01-01", ""}, {"2012-02-03", "2012-02-04"}, {"2040-01-01", ""}, {"", ""}}
	ids := func(q query.Query) []string { return hitIDs(t, ix, q) }
	for _, r := range ranges {
		incl, excl := true, false
		theirs := query.NewTermRangeInclusiveQuery(r[0], r[1], &incl, &excl)
		theirs.SetField(FieldAdopted)
		got, want := ids(&termRangeFilter{Ranges: []termRange{{Field: FieldAdopted, From: r[0], To: r[1]}}}), ids(theirs)
		if !slices.Equal(got, want) {
			t.Errorf("%v: got %v\nwant %v", r, got, want)
		}
		notGot := ids(&termRangeFilter{Ranges: []termRange{{Field: FieldAdopted, From: r[0], To: r[1]}}, Not: true})
		notWant := ids(query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, []query.Query{theirs}))
		if !slices.Equal(notGot, notWant) {
			t.Errorf("not %v: got %v\nwant %v", r, notGot, notWant)
		}
	}
	// One term, and two ranges at once.
	one := query.NewTermQuery("2012-03-03")
	one.SetField(FieldAdopted)
	if got, want := ids(termFilter(FieldAdopted, "2012-03-03", false)), ids(one); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("one term: got %v, want %v", got, want)
	}
	both := &termRangeFilter{Ranges: []termRange{{FieldAdopted, "2010", "2012"}, {FieldAdopted, "2020", ""}}}
	if got, n := ids(both), len(ids(&termRangeFilter{Ranges: both.Ranges[:1]}))+len(ids(&termRangeFilter{Ranges: both.Ranges[1:]})); len(got) != n {
		t.Errorf("two ranges: %d hits, want %d", len(got), n)
	}
	// As a filter beside words: the same order and scores as the words alone.
	words := query.NewMatchQuery("cooperacion")
	words.SetField(FieldText)
	alone, err := ix.Search(ctx, Request{Query: Query{words}, Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	filtered, err := ix.Search(ctx, Request{Query: Query{query.NewConjunctionQuery([]query.Query{words, &termRangeFilter{Ranges: []termRange{{Field: FieldAdopted}}}})}, Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(alone.Hits) != len(filtered.Hits) || len(alone.Hits) == 0 {
		t.Fatalf("%d hits alone, %d filtered by an open range", len(alone.Hits), len(filtered.Hits))
	}
	for i := range alone.Hits {
		if a, f := alone.Hits[i], filtered.Hits[i]; a.ID != f.ID || a.Score != f.Score {
			t.Errorf("hit %d: %s %.6f alone, %s %.6f filtered", i, a.ID, a.Score, f.ID, f.Score)
		}
	}
}

// hitIDs returns the sorted IDs of the paragraphs (at most 1,000) that q
// matches.
func hitIDs(t *testing.T, ix *Index, q query.Query) []string {
	t.Helper()
	p, err := ix.Search(context.Background(), Request{Query: Query{q}, Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range p.Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}
