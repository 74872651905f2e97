package index

import (
	"context"
	"fmt"
	"testing"
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
	if err := ix.CompactWith(ctx, func(done, shards, before, after int) {
		told = append(told, [4]int{done, shards, before, after})
	}); err != nil {
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
