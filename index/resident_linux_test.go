package index

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/relatoria/relatoria/corpus"
)

func TestSegmentMap(t *testing.T) {
	tests := []struct {
		line, path string // path "": not a read-only map of a segment file
	}{
		{"7f1200000000-7f1200004000 r--s 00000000 08:01 1234 /idx/shard-00/store/00000000001e.zap", "/idx/shard-00/store/00000000001e.zap"},
		{"7f1200000000-7f1200004000 r--p 00000000 08:01 1234 /idx/shard 01/store/000000000002.zap", "/idx/shard 01/store/000000000002.zap"},
		{"7f1200000000-7f1200004000 rw-s 00000000 08:01 1234 /idx/shard-00/store/00000000001e.zap", ""}, // writable
		{"7f1200000000-7f1200004000 rw-p 00000000 00:00 0 ", ""},                                        // anonymous: the heap
		{"7f1200000000-7f1200004000 r--s 00000000 08:01 1234 /idx/shard-00/store/root.bolt", ""},
		{"7f1200004000-7f1200000000 r--s 00000000 08:01 1234 /idx/a.zap", ""}, // empty range
		{"garbage", ""},
	}
	for _, tt := range tests {
		start, end, path, ok := segmentMap(tt.line)
		if ok != (tt.path != "") || path != tt.path || ok && (start != 0x7f1200000000 || end != 0x7f1200004000) {
			t.Errorf("segmentMap(%q) = %x, %x, %q, %v; want %q", tt.line, start, end, path, ok, tt.path)
		}
	}
}

// residentKB sums the resident kilobytes of this process's maps of segment
// files under dir.
func residentKB(t *testing.T, dir string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	abs, _ := filepath.Abs(dir)
	total, inDir := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fields := strings.Fields(line); len(fields) >= 5 && strings.Contains(fields[0], "-") {
			_, _, path, ok := segmentMap(line)
			inDir = ok && strings.HasPrefix(path, abs+string(filepath.Separator))
			continue
		}
		if rest, ok := strings.CutPrefix(line, "Rss:"); ok && inDir {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			total += n
		}
	}
	return total
}

// TestDropResidentPages checks that the pages of an index's segment files
// leave the resident set and that the index reads the same after.
func TestDropResidentPages(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var docs []*corpus.Document
	for i := range 200 {
		docs = append(docs, doc(fmt.Sprintf("doc-%d", i), strings.Repeat("La cooperación técnica y los derechos humanos. ", 20), "Otro párrafo sobre las niñas."))
	}
	if err := ix.Add(ctx, docs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	search := func() []string {
		q := query.NewMatchQuery("cooperacion")
		q.SetField(FieldText)
		p, err := ix.Search(ctx, Request{Query: Query{q}, Size: 500, Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, h := range p.Hits {
			out = append(out, h.ID+" "+h.Para.Text)
		}
		return out
	}
	before := search()
	resident := residentKB(t, dir)
	if resident == 0 {
		t.Fatal("no page of the segment files is resident after a search")
	}
	if err := ix.DropResidentPages(); err != nil {
		t.Fatal(err)
	}
	if after := residentKB(t, dir); after >= resident {
		t.Errorf("resident segment pages: %d kB before, %d kB after dropping them", resident, after)
	}
	if after := search(); !slices.Equal(after, before) || len(after) != 200 {
		t.Errorf("the index reads differently after dropping its pages: %d hits, want %d", len(after), len(before))
	}
}
