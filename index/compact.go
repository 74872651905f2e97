package index

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

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
func (ix *Index) Compact(ctx context.Context) error { return ix.CompactWith(ctx, nil) }

// CompactWith is Compact, telling progress (when not nil) as each shard
// is done.
func (ix *Index) CompactWith(ctx context.Context, progress CompactProgress) error {
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
		before, err := segmentCount(b)
		if err != nil {
			return err
		}
		opt := compactOptions(paragraphs)
		if err := s.ForceMerge(ctx, &opt); err != nil {
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
	snap, err := openSnapshot(b)
	if err != nil {
		return 0, err
	}
	defer snap.Close()
	return len(snap.Segments()), nil
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
