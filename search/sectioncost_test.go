package search

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relatoria/relatoria/index"
)

// TestSectionCost times the bench's queries (internal/cmd/bench) on an
// index, with sections and without (Request.Strict), alternating, and logs
// their latencies and the queries that sections make 30% slower or more:
//
//	RELATORIA_SECTION_INDEX=/tmp/bench/corpus-100000-7/relatoria-index go test ./search -run TestSectionCost -v
//
// It is skipped without the variable (the figure is in README.md).
func TestSectionCost(t *testing.T) {
	dir := os.Getenv("RELATORIA_SECTION_INDEX")
	if dir == "" {
		t.Skip()
	}
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	s := New(ix)
	data, _ := os.ReadFile("../internal/cmd/bench/testdata/queries.txt")
	var qs []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	ctx := context.Background()
	times := map[bool][]float64{}
	perq := map[bool]map[string][]float64{true: {}, false: {}}
	for rep := 0; rep < 7; rep++ {
		for _, q := range qs {
			for _, strict := range strictModes(rep) {
				start := time.Now()
				if _, err := s.Search(ctx, Request{Query: q, Facets: true, Strict: strict}); err != nil {
					t.Fatal(err)
				}
				d := float64(time.Since(start).Microseconds()) / 1000
				if rep > 0 {
					times[strict] = append(times[strict], d)
					perq[strict][q] = append(perq[strict][q], d)
				}
			}
		}
	}
	for _, strict := range []bool{true, false} {
		v := times[strict]
		if len(v) == 0 {
			continue
		}
		slices.Sort(v)
		t.Logf("strict=%v p50 %.2f p95 %.2f p99 %.2f ms", strict, v[len(v)/2], v[len(v)*95/100], v[len(v)*99/100])
	}
	for _, q := range qs {
		a, b := perq[false][q], perq[true][q]
		if len(b) == 0 {
			continue
		}
		slices.Sort(a)
		slices.Sort(b)
		if a[len(a)/2] > 1.3*b[len(b)/2] {
			t.Logf("slower with sections: %q %.2f vs %.2f ms", q, a[len(a)/2], b[len(b)/2])
		}
	}
}

// strictModes returns the modes to time in repetition rep, alternating
// which goes first; RELATORIA_SECTION_ONLY times sections alone (for a
// profile).
func strictModes(rep int) []bool {
	if os.Getenv("RELATORIA_SECTION_ONLY") != "" {
		return []bool{false}
	}
	return []bool{rep%2 == 0, rep%2 != 0}
}
