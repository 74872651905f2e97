package search

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/ingest"
)

// TestSectionPaging pages through a query answered partly through
// sections, by cursor and by offset: every hit once, the paragraphs that
// have every word themselves first, and the same hits either way.
func TestSectionPaging(t *testing.T) {
	ix := mustSampleIndex(t)
	var md strings.Builder
	md.WriteString("# Sistematización\n\nObservaciones sobre la tortura en prisiones.\n\n## Acceso a la justicia\n\n* Comité contra la Tortura\n")
	for i := range 25 {
		fmt.Fprintf(&md, "  * %d° Observaciones finales sobre el Estado, Parag. %d\n", i+1, 40+i)
	}
	doc, err := ingest.Read("temas.md", []byte(md.String()), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := ix.Add(ctx, doc); err != nil {
		t.Fatal(err)
	}
	s := New(ix)
	const q = "tortura observaciones"
	var byCursor []Hit
	after := ""
	var total uint64
	for range 10 {
		res, err := s.Search(ctx, Request{Query: q, Size: 10, After: after})
		if err != nil {
			t.Fatal(err)
		}
		total = res.Total
		byCursor = append(byCursor, res.Hits...)
		if after = res.Next; after == "" {
			break
		}
	}
	if total < 26 || uint64(len(byCursor)) != total {
		t.Fatalf("Search(%q): %d hits by cursor, total %d; want every item of the list and the paragraph", q, len(byCursor), total)
	}
	seen := map[string]bool{}
	viaSection := false
	for i, h := range byCursor {
		if seen[h.ID] {
			t.Errorf("hit %d, %s, comes twice", i+1, h.ID)
		}
		seen[h.ID] = true
		if len(h.FromSection) > 0 {
			viaSection = true
		} else if viaSection {
			t.Errorf("hit %d, %s, has every word itself but comes after one found through its section", i+1, h.Ref)
		}
	}
	if !viaSection {
		t.Errorf("Search(%q): no hit found through its section", q)
	}
	for from := 0; from < len(byCursor); from += 10 {
		res, err := s.Search(ctx, Request{Query: q, Size: 10, From: from})
		if err != nil {
			t.Fatal(err)
		}
		for i, h := range res.Hits {
			if h.ID != byCursor[from+i].ID {
				t.Errorf("from %d, hit %d: %s by offset, %s by cursor", from, i+1, h.ID, byCursor[from+i].ID)
			}
		}
	}
}
