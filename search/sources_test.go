package search

import (
	"bufio"
	"context"
	"os"
	"path"
	"strconv"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/ingest"
)

// TestCompilationSources resolves the references of CLADEM's
// "Sistematización por temáticas" for Argentina and Costa Rica to the
// findings they cite, and checks the hand-checked sample of links
// (testdata/cladem/links-sample.tsv, drawn from all eleven States of
// shared/corpora/cladem-dev): its precision, and that the links of these
// two States are still made the same.
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
	for _, tt := range []struct {
		file          string
		refs, atLeast int
	}{
		// Argentina's compilation cites 6º and 5º concluding
		// observations of the CESCR that its CESCR file does not hold
		// (24 references), and a few paragraphs its files lack.
		{"2001-01-01-Sistematizacion_por_tematicas_de_las_recomendaciones_de_los_comites_al_estado_Argentino.md", 546, 509},
		{"2004-01-01-Sistematizacion_por_tematicas_de_las_recomendaciones_de_los_comites_al_estado_Costa_Rica.md", 149, 149},
	} {
		v, err := s.DocumentView(ctx, ids[tt.file])
		if err != nil {
			t.Fatal(err)
		}
		resolved := 0
		for _, l := range v.Sources {
			if l.Target != nil {
				resolved++
				if !strings.Contains(l.Target.Source, "Sistematizacion") && l.Target.Doc == v.ID {
					t.Errorf("%s: links to itself", tt.file)
				}
			} else if l.Reason == "" {
				t.Errorf("%s: %q §%s unresolved without a reason", tt.file, l.Text, l.Paragraph)
			}
			links[key{tt.file[:10], l.Body, l.Text, l.Paragraph}] = l
		}
		if len(v.Sources) != tt.refs || resolved < tt.atLeast {
			t.Errorf("%s: %d references, %d resolved; want %d, at least %d", tt.file, len(v.Sources), resolved, tt.refs, tt.atLeast)
		}
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
		ord, _ := strconv.Atoi(c[6])
		if l.Target == nil || path.Base(l.Target.Source) != c[5] || l.Target.Ordinal != ord {
			t.Errorf("sample link %s (%s, %q §%s) now goes to %+v, want %s ¶%d", c[0], c[2], c[3], c[4], l.Target, c[5], ord)
		}
	}
	if rows != 50 || float64(correct)/float64(rows) < 0.95 || checked < 10 {
		t.Errorf("sample: %d rows, %d correct, %d checked here", rows, correct, checked)
	}
}
