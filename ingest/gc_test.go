package ingest

import (
	"runtime/debug"
	"testing"
)

func TestResizeMemoryLimit(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // as it was
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		name     string
		env      map[string]string
		resident int64
		want     int64
	}{
		{"empty index", nil, 0, MemoryLimit},
		{"a table of 200 MB", nil, 200 << 20, MemoryLimit + 400<<20},
		{"nonsense", nil, -5, MemoryLimit},
		{"the user's limit stands", map[string]string{"GOMEMLIMIT": "3GiB"}, 200 << 20, 123 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			debug.SetMemoryLimit(123 << 20)
			ResizeMemoryLimit(env(tt.env), tt.resident)
			if got := debug.SetMemoryLimit(-1); got != tt.want {
				t.Errorf("limit %d, want %d", got, tt.want)
			}
		})
	}
}
