package index

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// CompactOptions say how CompactWith merges.
type CompactOptions struct {
	// Recent leaves a shard's largest segment as it is when it holds
	// more paragraphs than the shard's other segments together, and
	// merges those (see recentOptions): what ingest does after a run
	// that left the index fragmented.
	Recent bool
	// Progress, when set, is told as each shard is done.
	Progress CompactProgress
}

// CompactProgress is told, as each shard's compaction ends, how many shards
// are done of how many, and the segments that shard had before and has
// after.
type CompactProgress func(done, shards, before, after int)

// Compact merges the segments of every shard, in parallel, into as few as
// segments of at most MaxSegmentParagraphs allow (one per shard up to
// 80,000 paragraphs): a freshly loaded index is smaller and faster to
// search once compacted. Segments already of that size are left as they
// are, so compacting after adding documents costs about what was added,
// not the whole index.
func (ix *Index) Compact(ctx context.Context) error { return ix.CompactWith(ctx, CompactOptions{}) }

// CompactRecent merges what was added to each shard since its largest
// segment was written, when that is less than the segment (see
// CompactOptions.Recent), and compacts the other shards as Compact does.
func (ix *Index) CompactRecent(ctx context.Context) error {
	return ix.CompactWith(ctx, CompactOptions{Recent: true})
}

// CompactWith is Compact as opt says.
func (ix *Index) CompactWith(ctx context.Context, opt CompactOptions) error {
	progress := opt.Progress
	var mu sync.Mutex
	done := 0
	compact := func(b bleve.Index) error {
		adv, err := b.Advanced()
		if err != nil {
			return err
		}
		s, ok := adv.(*scorch.Scorch)
		if !ok {
			return fmt.Errorf("shard %T is not a scorch index", adv)
		}
		paragraphs, err := b.DocCount()
		if err != nil {
			return err
		}
		before, largest, err := segmentSizes(b)
		if err != nil {
			return err
		}
		plan := compactOptions(paragraphs)
		if opt.Recent {
			plan = recentOptions(paragraphs, largest)
		}
		if err := s.ForceMerge(ctx, &plan); err != nil {
			return err
		}
		if err := ix.awaitObsoleteRemoved(ctx, b); err != nil {
			return err
		}
		if progress != nil {
			after, err := segmentCount(b)
			if err != nil {
				return err
			}
			mu.Lock()
			done++
			progress(done, len(ix.shards), before, after)
			mu.Unlock()
		}
		return nil
	}
	// The shards are compacted at the same time. A merge maps the
	// segments it reads; relatoria ingest keeps those pages out of its
	// resident memory (DropResidentPages), which let a million paragraphs
	// be compacted in parallel within 1 GB.
	errs := make(chan error, len(ix.shards))
	for _, b := range ix.shards {
		go func() {
			var err error
			defer func() { errs <- err }()
			defer recoverInto(&err, "compact a shard")
			err = compact(b)
		}()
	}
	var first error
	for range ix.shards {
		if err := <-errs; err != nil && first == nil {
			first = fmt.Errorf("compact index %s: %w", ix.dir, err)
		}
	}
	return first
}

// Segments returns the number of segments of each shard.
func (ix *Index) Segments() ([]int, error) {
	out := make([]int, len(ix.shards))
	for i, b := range ix.shards {
		n, err := segmentCount(b)
		if err != nil {
			return nil, err
		}
		out[i] = n
	}
	return out, nil
}

func segmentCount(b bleve.Index) (int, error) {
	n, _, err := segmentSizes(b)
	return n, err
}

// segmentSizes returns the number of segments of shard b and the
// paragraphs of the largest.
func segmentSizes(b bleve.Index) (n int, largest uint64, err error) {
	snap, err := openSnapshot(b)
	if err != nil {
		return 0, 0, err
	}
	defer snap.Close()
	for _, ss := range snap.Segments() {
		largest = max(largest, ss.Count())
	}
	return len(snap.Segments()), largest, nil
}

// fragmentSlack is how many segments more than a compacted shard would
// have a shard may hold before Fragmented says so.
const fragmentSlack = 2

// Fragmented reports whether some shard holds more segments than
// compacting it would leave, by more than fragmentSlack: an index added to
// in many runs, none of them large beside it (relatoria ingest compacts
// after such a run too: a million paragraphs added in ten runs had been
// left in dozens of segments a shard, and answered slower than the same
// paragraphs loaded at once).
func (ix *Index) Fragmented() bool {
	for _, b := range ix.shards {
		paragraphs, err := b.DocCount()
		if err != nil {
			return false
		}
		n, err := segmentCount(b)
		if err != nil {
			return false
		}
		if fragmented(paragraphs, n) {
			return true
		}
	}
	return false
}

// fragmented reports whether a shard of the given paragraphs in the given
// number of segments holds more than fragmentSlack segments more than
// compacting it would leave.
func fragmented(paragraphs uint64, segments int) bool {
	compacted := max(1, int((paragraphs+MaxSegmentParagraphs-1)/MaxSegmentParagraphs))
	return segments > compacted+fragmentSlack
}
