package lineage_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/lineage"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func mustRead(tb testing.TB, name string) *corpus.Document {
	tb.Helper()
	doc, err := ingest.File(os.DirFS("testdata"), name, ingest.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestDiffGolden diffs successive Security Council resolutions on the same
// country: the technical roll-over S/RES/2775 (Somalia, 28 February 2025)
// and the full renewal S/RES/2776 three days later, which cites it; the
// roll-over S/RES/2778 (South Sudan) and the mandate S/RES/2779.
func TestDiffGolden(t *testing.T) {
	for _, tt := range []struct{ old, new, golden string }{
		{"S_RES_2775__2025_.en.pdf", "S_RES_2776__2025_.en.pdf", "2775-2776.diff"},
		{"S_RES_2778__2025_.en.pdf", "S_RES_2779__2025_.en.pdf", "2778-2779.diff"},
	} {
		t.Run(tt.golden, func(t *testing.T) {
			d, err := lineage.Compare(mustRead(t, tt.old), mustRead(t, tt.new))
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			d.WriteText(&b, lineage.PlainMarkers)
			path := filepath.Join("testdata", tt.golden)
			if *update {
				os.WriteFile(path, b.Bytes(), 0o644)
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("diff %s %s differs from %s (go test -update to rewrite):\n%s", tt.old, tt.new, path, got)
			}
		})
	}
}
