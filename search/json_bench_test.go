package search

import (
	"io"
	"testing"
)

// BenchmarkWriteJSON encodes a page of ten hits of the sample corpus as the
// CLI's -json and the API write it.
func BenchmarkWriteJSON(b *testing.B) {
	s := New(mustSampleIndex(b))
	res, err := s.Search(b.Context(), Request{Query: "derechos humanos", Size: 10})
	if err != nil {
		b.Fatal(err)
	}
	if len(res.Hits) < 10 {
		b.Fatalf("%d hits, want 10", len(res.Hits))
	}
	b.ResetTimer()
	for b.Loop() {
		if err := WriteJSON(io.Discard, res); err != nil {
			b.Fatal(err)
		}
	}
}
