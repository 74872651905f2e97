package index

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

func TestFragmented(t *testing.T) {
	for _, tt := range []struct {
		paragraphs uint64
		segments   int
		want       bool
	}{
		{0, 0, false},
		{0, 3, false},
		{1000, 3, false},
		{1000, 4, true},
		{MaxSegmentParagraphs, 3, false},
		{MaxSegmentParagraphs + 1, 4, false}, // two when compacted
		{MaxSegmentParagraphs + 1, 5, true},
		{500_000, 9, false}, // a million paragraphs in two shards: 7 compacted
		{500_000, 10, true},
	} {
		if got := fragmented(tt.paragraphs, tt.segments); got != tt.want {
			t.Errorf("fragmented(%d paragraphs, %d segments) = %v, want %v", tt.paragraphs, tt.segments, got, tt.want)
		}
	}
}

// TestCompactWith checks that compacting tells how each shard went, and
// leaves a small index in one segment a shard with all its paragraphs.
func TestCompactWith(t *testing.T) {
	ix, err := NewTemporary(2)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	for i := range 6 {
		d1, d2 := doc(fmt.Sprintf("a%d", i), "Derechos humanos y paz."), doc(fmt.Sprintf("b%d", i), "Cooperación técnica.")
		if err := ix.Add(ctx, d1, d2); err != nil {
			t.Fatal(err)
		}
	}
	var told [][4]int
	if err := ix.CompactWith(ctx, CompactOptions{Progress: func(done, shards, before, after int) {
		told = append(told, [4]int{done, shards, before, after})
	}}); err != nil {
		t.Fatal(err)
	}
	if len(told) != 2 || told[0][0] != 1 || told[1][0] != 2 || told[0][1] != 2 {
		t.Errorf("progress told %v, want once for each of 2 shards", told)
	}
	for _, p := range told {
		if p[3] != 1 || p[2] < p[3] {
			t.Errorf("progress told %v: a small shard should end in 1 segment", p)
		}
	}
	segs, err := ix.Segments()
	if err != nil || len(segs) != 2 || segs[0] != 1 || segs[1] != 1 {
		t.Errorf("segments after compacting: %v, %v", segs, err)
	}
	if ix.Fragmented() {
		t.Error("a compacted index says it is fragmented")
	}
	if n, _ := ix.Paragraphs(); n != 12 {
		t.Errorf("compacted index holds %d paragraphs, want 12", n)
	}
}

// TestRecentOptions checks which segments a compaction of what was added
// recently merges: those beside a largest segment that holds more than
// them all, or everything when they outgrow it or the shard is past the
// bound of a segment (then as Compact).
func TestRecentOptions(t *testing.T) {
	for _, tt := range []struct {
		sizes []int64
		want  [][]int64
	}{
		// A shard compacted to 45,000 paragraphs, then three runs.
		{[]int64{45_000, 4000, 3000, 1000}, [][]int64{{4000, 3000, 1000}}},
		{[]int64{45_000, 8000, 4000, 1000}, [][]int64{{8000, 4000, 1000}}},
		// The others outgrew it: all merged.
		{[]int64{20_000, 15_000, 6000}, [][]int64{{20_000, 15_000, 6000}}},
		// A bulk load's equal segments: all merged.
		{[]int64{4000, 4000, 4000, 4000}, [][]int64{{4000, 4000, 4000, 4000}}},
		// Past the bound, as Compact: segments past half of it stay.
		{[]int64{70_000, 60_000, 30_000, 20_000, 10_000}, [][]int64{{30_000, 20_000, 10_000}}},
	} {
		var segs []mergeplan.Segment
		var total, largest uint64
		for i, size := range tt.sizes {
			segs = append(segs, plannedSegment{uint64(i + 1), size})
			total += uint64(size)
			largest = max(largest, uint64(size))
		}
		opt := recentOptions(total, largest)
		plan, err := mergeplan.Plan(segs, &opt)
		if err != nil {
			t.Fatalf("%v: %v", tt.sizes, err)
		}
		var got [][]int64
		for _, task := range plan.Tasks {
			var sizes []int64
			for _, s := range task.Segments {
				sizes = append(sizes, s.LiveSize())
			}
			slices.Sort(sizes)
			slices.Reverse(sizes)
			got = append(got, sizes)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("segments %v: merge tasks %v, want %v", tt.sizes, got, tt.want)
		}
	}
}
