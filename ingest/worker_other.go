//go:build !linux

package ingest

import "time"

// processRSS is not known outside Linux: the worker's own memory limit
// (debug.SetMemoryLimit) and the deadlines remain.
func processRSS(int) (int64, bool) { return 0, false }

// processCPU is not known outside Linux: the wall deadline remains.
func processCPU(int) (time.Duration, bool) { return 0, false }

func limitData(int64) {}
