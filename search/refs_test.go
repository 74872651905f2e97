package search

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/internal/testcorpus"
)

func refsOf(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Ref)
	}
	return out
}

// TestCitedByAndSelf checks the graph of citations: a judgment is cited
// by the judgment that cites it, and no document cites itself.
func TestCitedByAndSelf(t *testing.T) {
	if raceDetector {
		t.Skip("the judgments are left out with the race detector (see raceDetector)")
	}
	s := refsSearcher(t)
	res, err := s.Show(t.Context(), "Caso Velásquez Rodríguez Vs. Honduras")
	if err != nil || res.Document == nil {
		t.Fatalf("Show: %v", err)
	}
	if len(res.Document.CitedBy) == 0 || !strings.HasPrefix(res.Document.CitedBy[0].Ref, "Caso Cordero Bernal") {
		t.Errorf("Velásquez Rodríguez cited by %v, want Caso Cordero Bernal's paragraphs", refsOf(res.Document.CitedBy))
	}
	for _, ref := range []string{"S/RES/2776 (2025)", "Caso Cordero Bernal Vs. Perú"} {
		res, err := s.Show(t.Context(), ref)
		if err != nil {
			t.Fatal(err)
		}
		v := res.Document
		for _, c := range v.Cites {
			if c.Symbol == v.Symbol || c.Case != "" && v.Case != nil && corpus.CaseKey(c.Case) == v.Case.Key() {
				t.Errorf("%s cites itself: %+v", ref, c)
			}
		}
		for _, h := range v.CitedBy {
			if h.Doc == v.ID {
				t.Errorf("%s is cited by itself: %s", ref, h.Ref)
			}
		}
	}
}

// TestSectionSignInWords checks that words with "§" that name no document
// are searched as words, not refused as a reference to nothing.
func TestSectionSignInWords(t *testing.T) {
	s := refsSearcher(t)
	res, err := s.Search(t.Context(), Request{Query: "desaparición forzada §2"})
	if errors.Is(err, ErrNotFound) {
		t.Fatalf("Search = %v, want a search of the words", err)
	}
	if err == nil && res.Reference != "" {
		t.Errorf("Search took the words for the reference %q", res.Reference)
	}
}

var refsOnce = sync.OnceValues(func() (*Searcher, error) {
	ix, err := testcorpus.RefsIndex("..", raceDetector) // see raceDetector
	if err != nil {
		return nil, err
	}
	return New(ix), nil
})

// refsSearcher returns the index of testcorpus.RefsFiles, built once for the
// package's tests (and removed with its temporary folder when the test
// binary's temporary files are).
func refsSearcher(tb testing.TB) *Searcher {
	tb.Helper()
	s, err := refsOnce()
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// TestSameNameByID: two files of one text share a name, so a reference by
// name names both; each paragraph is still named alone by its document's
// ID, with its number ("doc-… §2") or as a hit's id ("doc-…#3").
func TestSameNameByID(t *testing.T) {
	text := "Decisión adoptada por el Comité\n\n1. El Comité toma nota de la información recibida.\n\n2. El Comité solicita al Estado parte un informe.\n"
	var docs []*corpus.Document
	for _, name := range []string{"decision.txt", "copia/decision.txt"} {
		doc, err := ingest.Read(name, []byte(text), ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, doc)
	}
	s := mustIndexDocs(t, docs...)
	_, err := s.Show(t.Context(), docs[0].RefName()+" §2")
	var amb *AmbiguousError
	if !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Fatalf("by name: %v, want both candidates", err)
	}
	for _, c := range amb.Candidates {
		for _, ref := range []string{c.Doc + " §2", c.ID} {
			res, err := s.Show(t.Context(), ref)
			if err != nil || res.Paragraph == nil || res.Paragraph.ID != c.ID || !strings.Contains(res.Paragraph.Text, "solicita al Estado") {
				t.Errorf("Show(%q) = %v, %v; want paragraph %s", ref, res, err, c.ID)
			}
		}
	}
	if _, err := s.Show(t.Context(), amb.Candidates[0].Doc+" §9"); !errors.Is(err, ErrNotFound) {
		t.Errorf("a paragraph the document lacks: %v, want ErrNotFound", err)
	}
}
