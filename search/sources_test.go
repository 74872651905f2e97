package search

import (
	"bufio"
	"context"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/ingest"
)

// TestCompilationSources resolves the references of CLADEM's eleven
// "Sistematización por temáticas" to the findings they cite, and checks
// the hand-checked sample of links (testdata/cladem/links-sample.tsv,
// drawn from all eleven States): its precision, and that every one of its
// links is still made the same.
func TestCompilationSources(t *testing.T) {
	ctx := context.Background()
	fsys := os.DirFS("testdata/cladem")
	var s *Searcher
	ids := map[string]string{} // file → document ID
	for doc, err := range ingest.Dir(fsys, ingest.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids[path.Base(doc.Source)] = doc.ID
		if s == nil {
			s = mustIndexDocs(t, doc)
		} else if err := s.Index().Add(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	type key struct{ prefix, body, text, para string }
	links := map[key]SourceLink{}
	// Argentina's compilation cites 5th and 6th concluding observations
	// of the CESCR that its CESCR file does not hold; Bolivia's committee
	// files in this corpus hold Chile's reports.
	total, resolved := 0, 0
	for file, id := range ids {
		if !strings.Contains(file, "Sistematizacion") {
			continue
		}
		v, err := s.DocumentView(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range v.Sources {
			total++
			if l.Target != nil {
				resolved++
				if l.Target.Doc == v.ID {
					t.Errorf("%s: links to itself", file)
				}
			} else if l.Reason == "" {
				t.Errorf("%s: %q §%s unresolved without a reason", file, l.Text, l.Paragraph)
			}
			links[key{file[:10], l.Body, l.Text, l.Paragraph}] = l
		}
	}
	if total != 3203 || resolved < 2843 {
		t.Errorf("%d references, %d resolved; want 3,203, at least 2,843", total, resolved)
	}
	f, err := os.Open("testdata/cladem/links-sample.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, correct, checked := 0, 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 9 {
			t.Fatalf("links-sample.tsv: %d columns in %q", len(c), sc.Text())
		}
		rows++
		if c[8] == "correcto" {
			correct++
		}
		l, ok := links[key{c[1], c[2], c[3], c[4]}]
		if !ok {
			continue // a State whose files are not in testdata
		}
		checked++
		// The paragraph is named by its file and printed number (the
		// ordinal of the sample's column 7 depends on how ingest splits
		// a file into paragraphs).
		if l.Target == nil || path.Base(l.Target.Source) != c[5] || l.Target.Number.String() != c[4] {
			t.Errorf("sample link %s (%s, %q §%s) now goes to %+v, want %s §%s", c[0], c[2], c[3], c[4], l.Target, c[5], c[4])
		}
	}
	if rows != 50 || float64(correct)/float64(rows) < 0.95 || checked != rows {
		t.Errorf("sample: %d rows, %d correct, %d checked here", rows, correct, checked)
	}
}
