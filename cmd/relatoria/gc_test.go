package main

import (
	"runtime/debug"
	"testing"
)

func TestResizeIngestLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // as it was
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name     string
		env      map[string]string
		resident int64
		want     int64
	}{
		{"empty index", nil, 0, ingestMemoryLimit},
		{"a table of 200 MB", nil, 200 << 20, ingestMemoryLimit + 400<<20},
		{"nonsense", nil, -5, ingestMemoryLimit},
		{"the user's limit stands", map[string]string{"GOMEMLIMIT": "3GiB"}, 200 << 20, 123 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(123 << 20)
			resizeIngestLimit(env(tt.env), tt.resident)
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("limit %d, want %d", got, tt.want)
			}
		})
	}
}

// TestTune checks that the settings of serve and ingest leave the user's
// own (GOGC, GOMEMLIMIT) alone.
func TestTune(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tt := range []struct {
		name      string
		tune      func(func(string) string)
		env       map[string]string
		limit     int64
		gcPercent int
	}{
		{"serve", tuneServing, nil, servingMemoryLimit, 400},
		{"serve, GOGC set", tuneServing, map[string]string{"GOGC": "50"}, servingMemoryLimit, 123},
		{"serve, GOMEMLIMIT set", tuneServing, map[string]string{"GOMEMLIMIT": "1GiB"}, 123 << 20, 400},
		{"ingest", tuneIngest, nil, ingestMemoryLimit, 400},
		{"ingest, both set", tuneIngest, map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}, 123 << 20, 123},
	} {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(123 << 20)
			debug.SetGCPercent(123)
			tt.tune(func(k string) string { return tt.env[k] })
			if got := debug.SetMemoryLimit(-1); got != tt.limit {
				t.Errorf("limit %d, want %d", got, tt.limit)
			}
			if got := debug.SetGCPercent(123); got != tt.gcPercent {
				t.Errorf("GC percent %d, want %d", got, tt.gcPercent)
			}
		})
	}
}
