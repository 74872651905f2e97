package ingest

import (
	"math"
	"runtime/debug"
)

// MemoryLimit is the soft limit on the Go heap of a process that ingests,
// set by TuneGC.
const MemoryLimit = 700 << 20

// TuneGC sets the garbage collector of a process that ingests (relatoria
// ingest), unless the user set GOMEMLIMIT or GOGC (getenv reads the
// environment).
func TuneGC(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		// Keep the heap's headroom small: without a limit, peak RSS on
		// 100,000 paragraphs was 962 MB; at 600 MiB it was 735 MB, at 700
		// MiB 860 MB and the ingest 3% faster (with index.BatchSize 2,500;
		// with 4,000, 10% faster again).
		debug.SetMemoryLimit(MemoryLimit)
	}
	if getenv("GOGC") == "" {
		// Collect garbage four times less often than Go's default (the
		// memory limit above still bounds the heap): ingesting 100,000
		// paragraphs took 13% less time at 200 than at 100, and 7% less
		// again at 400, for about 80 MB more peak RSS.
		debug.SetGCPercent(400)
	}
}

// ResizeMemoryLimit sets the soft limit of an ingest to MemoryLimit plus
// twice resident, the heap kept while the index is open and that grows
// with it (recurrence.Store.ResidentBytes: the lineage table, whose runs
// are merged into new arrays as they grow, so twice): the limit is there
// to bound the garbage of parsing and indexing, and a fixed one that the
// table used up made the collector run without pause. Adding 100,000
// paragraphs to the million of the bench index took 80.8 s and 139 CPU-s
// under 700 MiB (peak RSS 1.18 GB), 48.0 s and 85 CPU-s under 1,100 MiB
// (1.24 GB). A limit the user set (GOMEMLIMIT) is left alone.
func ResizeMemoryLimit(getenv func(string) string, resident int64) {
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(min(MemoryLimit+2*max(resident, 0), math.MaxInt64/2))
}
