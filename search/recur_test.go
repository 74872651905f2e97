package search

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/ingest"
)

// mustSecurityCouncil indexes four Security Council resolutions of 2025
// (two on Somalia, two on South Sudan), which share preamble formulas and
// renew each other's paragraphs, in an order unlike their dates: a later
// one first.
func mustSecurityCouncil(tb testing.TB) *Searcher {
	tb.Helper()
	fsys := os.DirFS("../lineage/testdata")
	var s *Searcher
	for i, name := range []string{"S_RES_2779__2025_.en.pdf", "S_RES_2775__2025_.en.pdf", "S_RES_2778__2025_.en.pdf", "S_RES_2776__2025_.en.pdf"} {
		doc, err := ingest.File(fsys, name, ingest.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		if i == 0 {
			s = mustIndexDocs(tb, doc)
			continue
		}
		if err := s.linker.Add(context.Background(), doc); err != nil {
			tb.Fatal(err)
		}
	}
	return s
}

// TestRecurreFilter checks recurre:no and recurre:si against the links
// Show reports: recurre:no returns only paragraphs without an earlier
// recurrence, recurre:si only paragraphs with one.
func TestRecurreFilter(t *testing.T) {
	s := mustSecurityCouncil(t)
	ctx := context.Background()
	counts := map[string]int{}
	for _, q := range []string{"recurre:no", "recurre:si"} {
		res, err := s.Search(ctx, Request{Query: q, Size: 1000, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		counts[q] = len(res.Hits)
		for _, h := range res.Hits {
			p, err := s.Paragraph(ctx, h.Doc, "", h.Ordinal)
			if err != nil {
				t.Fatalf("paragraph %s: %v", h.Ref, err)
			}
			if err := s.paragraphRecurrences(ctx, p); err != nil {
				t.Fatal(err)
			}
			_, earlier := FirstAppearance(p.Recurrences)
			if want := q == "recurre:si"; earlier != want {
				t.Errorf("%s: %s has an earlier recurrence: %v, recurrences %+v", q, h.Ref, earlier, p.Recurrences)
			}
		}
		if f := res.Facets["recurs"]; len(f) != 1 {
			t.Errorf("%s: facet recurs %+v, want one value", q, f)
		}
	}
	if counts["recurre:no"] == 0 || counts["recurre:si"] == 0 {
		t.Errorf("counts %v: want both kinds", counts)
	}
	// "Determining that the situation in South Sudan continues to
	// constitute a threat …" is in 2778 (30 April) and 2779 (8 May).
	shown, err := s.Show(ctx, "S/RES/2779 (2025)")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, pr := range shown.Document.Recurrences {
		p := shown.Document.Paragraphs[pr.Ordinal-1]
		if strings.HasPrefix(p.Text, "Determining that the situation in South") {
			first, ok := FirstAppearance(pr.Recurrences)
			found = ok && first.Doc == "S/RES/2778 (2025)" && first.Identical && first.Ref == "S/RES/2778 (2025) ¶5"
		}
	}
	if !found {
		t.Errorf("2779's 'Determining that the situation in South Sudan' not first found in 2778 ¶5: %+v", shown.Document.Recurrences)
	}
	if _, err := s.Search(ctx, Request{Query: "recurre:quizas"}); err == nil {
		t.Error("recurre:quizas accepted")
	}
}
