package index

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
)

// TestQueries checks that each constructor of Query finds the paragraphs
// it says it finds, over two shards, and that Search returns them decoded
// in the order of the Sort, with sort values that continue the order.
func TestQueries(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, 2)
	texts := []string{
		"cooperación técnica en derechos humanos",              // a#1
		"la cooperación internacional y la asistencia técnica", // a#2
		"derechos de las niñas",                                // a#3
		"diálogo constructivo con el Estado",                   // a#4
	}
	if err := ix.Add(ctx, doc("a", texts...), doc("b", "cooperación sur-sur", "asistencia humanitaria")); err != nil {
		t.Fatal(err)
	}
	word := func(w string) string { return Terms(w)[0] }
	for _, tt := range []struct {
		name string
		q    Query
		want []string // in document order
	}{
		{"term", Term(FieldText, word("cooperación")), []string{"a#1", "a#2", "b#1"}},
		{"match, any word", Match(FieldText, "niñas diálogo"), []string{"a#3", "a#4"}},
		{"match every word", MatchEvery(FieldText, "cooperación técnica"), []string{"a#1", "a#2"}},
		{"phrase", Phrase(FieldText, "cooperación técnica"), []string{"a#1"}},
		{"bleve's phrase", MatchPhrase(FieldText, "asistencia técnica"), []string{"a#2"}},
		{"prefix", Prefix(FieldText, "asist"), []string{"a#2", "b#2"}},
		{"fuzzy", Fuzzy(FieldText, "dialogo", 1, 1), []string{"a#4"}},
		{"match fuzzy", MatchFuzzy(FieldText, "dilogo", 1, 1), []string{"a#4"}},
		{"and", And(Term(FieldText, word("cooperación")), Term(FieldText, word("técnica"))), []string{"a#1", "a#2"}},
		{"or", Or(Term(FieldText, word("niñas")), Term(FieldText, word("humanitaria"))), []string{"a#3", "b#2"}},
		{"boolean not", Boolean([]Query{MatchAll()}, nil, []Query{Term(FieldText, word("cooperación"))}, 0), []string{"a#3", "a#4", "b#2"}},
		{"two of three", Boolean(nil, []Query{Term(FieldText, word("cooperación")), Term(FieldText, word("técnica")), Term(FieldText, word("derechos"))}, nil, 2), []string{"a#1", "a#2"}},
		{"fallback", Fallback(Term(FieldText, word("niñas")), Term(FieldText, word("estado")), 0.3), []string{"a#3", "a#4"}},
		{"filter", And(MatchAll(), FilterQuery(FieldKind, "paragraph"), Term(FieldDoc, "b")), []string{"b#1", "b#2"}},
		{"excluded", And(ExcludeFilter(FieldSymbol, "x"), Term(FieldDoc, "b")), []string{"b#1", "b#2"}},
	} {
		p, err := ix.Search(ctx, Request{Query: tt.q, Size: 10, Sort: FieldSort(FieldDoc, FieldOrdinal)})
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, h := range p.Hits {
			got = append(got, h.ID)
			if docID, n, _ := SplitParagraphID(h.ID); h.Doc == nil || h.Doc.ID != docID || h.Para == nil || h.Para.Ordinal != n || h.Para.Text == "" {
				t.Errorf("%s: hit %s decoded as %+v, %+v", tt.name, h.ID, h.Doc, h.Para)
			}
		}
		if !slices.Equal(got, tt.want) || p.Total != uint64(len(tt.want)) {
			t.Errorf("%s: %d hits %v, want %v", tt.name, p.Total, got, tt.want)
		}
	}
}

// TestNoQuery checks that a Request without a Query is refused with an
// error rather than a panic in a shard.
func TestNoQuery(t *testing.T) {
	ix := newTestIndex(t, 2)
	for _, req := range []Request{{Size: 10}, {Query: MatchAll(), Size: 10, DocumentBoost: &DocumentBoost{Weight: 1}}} {
		_, err := ix.Search(context.Background(), req)
		var pe *PanicError
		if err == nil || errors.As(err, &pe) {
			t.Errorf("Search(%+v) = %v, want an error naming the missing query", req, err)
		}
	}
}

// TestBoost checks that a boosted clause of a disjunction outranks the
// other.
func TestBoost(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, 1)
	if err := ix.Add(ctx, doc("a", "derechos de las niñas", "asistencia humanitaria")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ boosted, other, want string }{
		{"niñas", "humanitaria", "a#1"},
		{"humanitaria", "niñas", "a#2"},
	} {
		q := Or(Match(FieldText, tt.other), Boost(Match(FieldText, tt.boosted), 3))
		p, err := ix.Search(ctx, Request{Query: q, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Hits) != 2 || p.Hits[0].ID != tt.want || p.Hits[0].Score <= p.Hits[1].Score {
			t.Errorf("%s boosted over %s: hits %+v, want %s first", tt.boosted, tt.other, p.Hits, tt.want)
		}
	}
}

// TestSorts checks the orders a Request can ask for: relevance (the
// zero Sort), fields descending, and that every order's hits carry sort
// values a Request.After continues from, the score written out.
func TestSorts(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, 2)
	var docs []string
	for i := range 6 {
		d := doc("d"+strconv.Itoa(i), "cooperación", "cooperación técnica y cooperación")
		if err := ix.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d.ID)
	}
	q := Term(FieldText, Terms("cooperación")[0])
	for _, tt := range []struct {
		name   string
		sort   Sort
		keys   int
		scored bool
	}{
		{"relevance", Sort{}, 2, true},
		{"relevance by name", RelevanceSort(), 2, true},
		{"sections", SectionRelevanceSort([][]string{Terms("cooperación")}), 3, true},
		{"document order, newest last", FieldSort("-"+FieldDoc, FieldOrdinal), 2, false},
	} {
		if tt.sort.order != nil && (tt.sort.Keys() != tt.keys || tt.sort.Scored() != tt.scored) {
			t.Errorf("%s: %d keys, scored %v; want %d, %v", tt.name, tt.sort.Keys(), tt.sort.Scored(), tt.keys, tt.scored)
		}
		all, err := ix.Search(ctx, Request{Query: q, Size: 100, Sort: tt.sort})
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Hits) != 12 {
			t.Fatalf("%s: %d hits, want 12", tt.name, len(all.Hits))
		}
		var byCursor []string
		var after []string
		for {
			p, err := ix.Search(ctx, Request{Query: q, Size: 5, Sort: tt.sort, After: after})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range p.Hits {
				byCursor = append(byCursor, h.ID)
				if slices.Contains(h.Sort, "_score") || len(h.Sort) != tt.keys {
					t.Errorf("%s: hit %s has sort values %q", tt.name, h.ID, h.Sort)
				}
			}
			if len(p.Hits) < 5 {
				break
			}
			after = p.Hits[len(p.Hits)-1].Sort
		}
		var ids []string
		for _, h := range all.Hits {
			ids = append(ids, h.ID)
		}
		if !slices.Equal(byCursor, ids) {
			t.Errorf("%s: pages by cursor %v, want %v", tt.name, byCursor, ids)
		}
		if tt.name == "document order, newest last" && ids[0] != docs[5]+"#1" {
			t.Errorf("%s: first %s, want %s#1", tt.name, ids[0], docs[5])
		}
		if tt.scored && all.Hits[0].Score < all.Hits[len(all.Hits)-1].Score {
			t.Errorf("%s: scores rise: %v then %v", tt.name, all.Hits[0].Score, all.Hits[len(all.Hits)-1].Score)
		}
	}
}
