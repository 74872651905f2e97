package main

import (
	"math"
	"runtime/debug"
)

// The process settings of the binary: the libraries (ingest, search,
// index) set nothing process-wide; each command that needs it calls one
// of these first. A setting the user made (GOGC, GOMEMLIMIT in the
// environment, read with getenv) is left alone. (ingest's reader
// workers, the binary started again, set their own: their loop is
// ingest.ServeIfWorker's.)

// servingMemoryLimit is the soft limit on the Go heap of a process that
// answers searches (relatoria serve): it bounds the heap the less
// frequent collections of tuneServing let grow.
const servingMemoryLimit = 768 << 20

// tuneServing sets the garbage collector of a process that answers
// searches. Such a process holds little live heap (the index is
// memory-mapped), so with Go's default the collector runs after every few
// searches, for garbage that a search made and no longer needs:
// collecting four times less often took the median of the benchmark
// queries from 2.5 to 2.0 ms and their 95th percentile from 8.9 to 6.3 ms
// at 100,000 paragraphs (go run ./internal/cmd/bench -reuse, which sets
// the same).
func tuneServing(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(servingMemoryLimit)
	}
}

// ingestMemoryLimit is the soft limit on the Go heap of a process that
// ingests (relatoria ingest, compact), set by tuneIngest.
const ingestMemoryLimit = 700 << 20

// tuneIngest sets the garbage collector of a process that ingests.
func tuneIngest(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		// Keep the heap's headroom small: without a limit, peak RSS on
		// 100,000 paragraphs was 962 MB; at 600 MiB it was 735 MB, at 700
		// MiB 860 MB and the ingest 3% faster (with index.BatchSize 2,500;
		// with 4,000, 10% faster again).
		debug.SetMemoryLimit(ingestMemoryLimit)
	}
	if getenv("GOGC") == "" {
		// Collect garbage four times less often than Go's default (the
		// memory limit above still bounds the heap): ingesting 100,000
		// paragraphs took 13% less time at 200 than at 100, and 7% less
		// again at 400, for about 80 MB more peak RSS.
		debug.SetGCPercent(400)
	}
}

// resizeIngestLimit sets the soft limit of an ingest to ingestLimit(resident).
// A limit the user set (GOMEMLIMIT) is left alone.
func resizeIngestLimit(getenv func(string) string, resident int64) {
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(ingestLimit(resident))
}

// ingestLimit is the soft limit of an ingest: ingestMemoryLimit plus
// twice resident, the heap kept while the index is open and that grows
// with it (recurrence.Store.ResidentBytes: the lineage table, whose runs
// are merged into new arrays as they grow, so twice): the limit is there
// to bound the garbage of parsing and indexing, and a fixed one that the
// table used up made the collector run without pause. Adding 100,000
// paragraphs to the million of the bench index took 80.8 s and 139 CPU-s
// under 700 MiB (peak RSS 1.18 GB), 48.0 s and 85 CPU-s under 1,100 MiB
// (1.24 GB).
func ingestLimit(resident int64) int64 {
	return min(ingestMemoryLimit+2*max(resident, 0), math.MaxInt64/2)
}
