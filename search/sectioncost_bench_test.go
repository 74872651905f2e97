package search

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relatoria/relatoria/index"
)

// BenchmarkSectionCost times the bench's queries (internal/cmd/bench) on
// an index, searched with sections and without (Request.Strict), and
// reports the latencies' percentiles of each:
//
//	RELATORIA_SECTION_INDEX=/tmp/bench/corpus-100000-7/relatoria-index go test ./search -run '^$' -bench SectionCost -count 6
//
// (-bench SectionCost/sections alone for a profile). It is skipped without
// the variable (the figure is in README.md).
func BenchmarkSectionCost(b *testing.B) {
	dir := os.Getenv("RELATORIA_SECTION_INDEX")
	if dir == "" {
		b.Skip("needs RELATORIA_SECTION_INDEX, an index of the bench's corpus")
	}
	ix, err := index.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	s := New(ix)
	data, err := os.ReadFile("../internal/cmd/bench/testdata/queries.txt")
	if err != nil {
		b.Fatal(err)
	}
	var qs []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	for _, mode := range []struct {
		name   string
		strict bool
	}{{"sections", false}, {"strict", true}} {
		b.Run(mode.name, func(b *testing.B) {
			var ms []float64
			for b.Loop() {
				for _, q := range qs {
					start := time.Now()
					if _, err := s.Search(b.Context(), Request{Query: q, Facets: true, Strict: mode.strict}); err != nil {
						b.Fatal(err)
					}
					ms = append(ms, float64(time.Since(start).Microseconds())/1000)
				}
			}
			slices.Sort(ms)
			b.ReportMetric(ms[len(ms)/2], "p50-ms")
			b.ReportMetric(ms[len(ms)*95/100], "p95-ms")
			b.ReportMetric(ms[len(ms)*99/100], "p99-ms")
		})
	}
}
