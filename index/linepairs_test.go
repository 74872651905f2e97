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

// TestPairFileCutShort opens an index whose pair file lost its end: the
// table is not trusted and is built again, file included, with the same
// flags.
func TestPairFileCutShort(t *testing.T) {
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
	data := mustRead(t, path)
	if len(data) == 0 {
		t.Fatal("no pairs written")
	}
	if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
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
	if got := mustRead(t, path); len(got) <= len(data)/2 {
		t.Errorf("pair file of %d bytes after the rebuild, want more than %d", len(got), len(data)/2)
	}
}

// TestPairFileUnwritable opens an index whose pair file cannot be opened
// for writing (here a folder in its place): the table serves, candidates
// are read from the index as text, and the flags come out the same.
func TestPairFileUnwritable(t *testing.T) {
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
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
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
	if ix.line.file != nil {
		t.Error("a pair file was opened in place of a folder")
	}
}
