package search

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/internal/testcorpus"
	"github.com/relatoria/relatoria/recurrence"
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
		if err := s.linker.(*recurrence.Linker).Add(context.Background(), doc); err != nil {
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

// TestRecurreUnknown: the paragraphs of undated documents without a
// numbered symbol (the compilation, the reports) are recurre:?, never
// recurre:no; so is the resolution's paragraph the compilation quotes
// (nothing says which came first), and the panel agrees with each flag.
func TestRecurreUnknown(t *testing.T) {
	s := mustIndexDocs(t, lineageDocs()...)
	ctx := context.Background()
	got := map[string][]string{}
	for _, q := range []string{"recurre:no", "recurre:si", "recurre:?", "recurre:desconocido"} {
		res, err := s.Search(ctx, Request{Query: q, Size: 1000})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, h := range res.Hits {
			got[q] = append(got[q], h.Doc+"#"+strconv.Itoa(h.Ordinal))
			p, err := s.Paragraph(ctx, h.Doc, "", h.Ordinal)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.paragraphRecurrences(ctx, p); err != nil {
				t.Fatal(err)
			}
			_, earlier := FirstAppearance(p.Recurrences)
			unknown := h.Adopted.IsZero() && !h.Symbol.IsFull()
			for _, r := range p.Recurrences {
				unknown = unknown || r.Order == recurrence.Unknown
			}
			if q == "recurre:si" && !earlier || q == "recurre:no" && (earlier || unknown) || q == "recurre:?" && (earlier || !unknown) {
				t.Errorf("%s: %s ¶%d has an earlier recurrence %v, an unknown order %v: %+v", q, h.Doc, h.Ordinal, earlier, unknown, p.Recurrences)
			}
		}
	}
	for _, id := range got["recurre:no"] {
		if strings.HasPrefix(id, "doc-") {
			t.Errorf("recurre:no: %s, of an undated document", id)
		}
	}
	if want := 4 + 12*2 + 1; len(got["recurre:?"]) != want || len(got["recurre:desconocido"]) != want {
		t.Errorf("recurre:? %d paragraphs, recurre:desconocido %d, want %d: %v", len(got["recurre:?"]), len(got["recurre:desconocido"]), want, got["recurre:?"])
	}
	if !slices.Contains(got["recurre:?"], "A/HRC/RES/50/9#1") {
		t.Errorf("recurre:? lacks A/HRC/RES/50/9#1, which the undated compilation quotes: %v", got["recurre:?"])
	}
}

// lineageDocs is testcorpus.LineageDocs.
func lineageDocs() []*corpus.Document { return testcorpus.LineageDocs() }
