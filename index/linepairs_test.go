package index

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestPairFile(t *testing.T) {
	dir := t.TempDir()
	f, err := openPairFile(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	a, b := []uint32{1, 5, 9}, []uint32{2, 3}
	atA, atB := f.append(a), f.append(b)
	if f.append(nil) != 0 || f.append(make([]uint32, maxFilePairs+1)) != 0 {
		t.Error("no pairs, or too many, should not be in the file")
	}
	if err := f.flush(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		at   pairsAt
		want []uint32
	}{{atA, a}, {atB, b}} {
		if got, err := f.read(tt.at); err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("read(%x) = %v, %v; want %v", tt.at, got, err, tt.want)
		}
	}
	if err := f.close(); err != nil {
		t.Fatal(err)
	}
	// Opened again after a write cut short: appends start at a whole
	// pair, and what was written stays.
	path := filepath.Join(dir, pairsFile)
	if err := os.WriteFile(path, append(mustRead(t, path), 7, 7), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err = openPairFile(dir, false); err != nil {
		t.Fatal(err)
	}
	defer f.close()
	if !f.holds(atB) || f.holds(atB+1<<16) {
		t.Errorf("holds: the file has %d bytes", f.size)
	}
	atC := f.append([]uint32{4})
	if err := f.flush(); err != nil {
		t.Fatal(err)
	}
	if got, err := f.read(atC); err != nil || !reflect.DeepEqual(got, []uint32{4}) {
		t.Errorf("read after reopening = %v, %v", got, err)
	}
	if got, err := f.read(atA); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("read of the first paragraph after reopening = %v, %v", got, err)
	}
	// Pairs out of order are damage, named.
	if _, err := f.read(pairsAt(1)<<16 | 3); err == nil {
		t.Error("reading 5, 9, 2 as a paragraph's pairs: no error")
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPairFileSpoiled opens an index whose pair file lost its end (the
// table is not trusted and is built again, file included) or cannot be
// opened for writing (a folder in its place: the table serves and
// candidates are read from the index as text); the flags come out the
// same either way.
func TestPairFileSpoiled(t *testing.T) {
	for _, tt := range []struct {
		name  string
		spoil func(t *testing.T, path string) (left int) // bytes left in the file
		check func(t *testing.T, ix *Index, path string, left int)
	}{
		{"cut short", func(t *testing.T, path string) int {
			data := mustRead(t, path)
			if len(data) == 0 {
				t.Fatal("no pairs written")
			}
			if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
				t.Fatal(err)
			}
			return len(data) / 2
		}, func(t *testing.T, ix *Index, path string, left int) {
			if got := mustRead(t, path); len(got) <= left {
				t.Errorf("pair file of %d bytes after the rebuild, want more than %d", len(got), left)
			}
		}},
		{"a folder in its place", func(t *testing.T, path string) int {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
			return 0
		}, func(t *testing.T, ix *Index, path string, _ int) {
			if ix.line.file != nil {
				t.Error("a pair file was opened in place of a folder")
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir := filepath.Join(t.TempDir(), "idx")
			ix, err := Create(dir, Options{Shards: 2})
			if err != nil {
				t.Fatal(err)
			}
			if err := ix.Add(ctx, datedDoc("a2020", 2020, recText, recOther)); err != nil {
				t.Fatal(err)
			}
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, pairsFile)
			left := tt.spoil(t, path)
			if ix, err = Open(dir); err != nil {
				t.Fatal(err)
			}
			defer ix.Close()
			if err := ix.Add(ctx, datedDoc("b2022", 2022, recNear)); err != nil {
				t.Fatal(err)
			}
			if got := recurring(t, ix); !reflect.DeepEqual(got, []string{"b2022#1"}) {
				t.Errorf("recurring %q, want b2022#1", got)
			}
			tt.check(t, ix, path, left)
		})
	}
}
