package index

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLostMetaNeverLosesParagraphs checks that deleting relatoria.json or
// editing its count of shards never loses a paragraph: Open recovers the
// file from the shards' stamps, or refuses with the way to recover; Create
// never clears shards that are not those of an unfinished Create; a count
// that disagrees with the shards on disk is refused.
func TestLostMetaNeverLosesParagraphs(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(ctx, doc("a", "uno", "dos"), doc("b", "tres"), doc("c", "cuatro"), doc("d", "cinco", "seis")); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	metaPath := filepath.Join(dir, metaFile)
	good, _ := os.ReadFile(metaPath)
	count := func() uint64 {
		t.Helper()
		ix, err := Open(dir)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer ix.Close()
		n, _ := ix.Paragraphs()
		return n
	}
	want := count()
	if want != 6 {
		t.Fatalf("%d paragraphs, want 6", want)
	}

	// Deleted: Create refuses, Open recovers.
	os.Remove(metaPath)
	if ix, err := Create(dir, Options{Shards: 2}); err == nil || !strings.Contains(err.Error(), "no se borran") {
		if ix != nil {
			ix.Close()
		}
		t.Fatalf("Create over shards without relatoria.json: %v, want a refusal", err)
	}
	ix, err = Open(dir)
	if err != nil || !ix.Recovered() {
		t.Fatalf("Open without relatoria.json: %v (recovered %v)", err, ix != nil && ix.Recovered())
	}
	ix.Close()
	if got := count(); got != want {
		t.Errorf("after recovery: %d paragraphs, want %d", got, want)
	}

	// Edited counts are refused; the right one opens.
	for _, shards := range []string{"1", "3"} {
		os.WriteFile(metaPath, []byte(strings.Replace(string(good), `"shards": 2`, `"shards": `+shards, 1)), 0o644)
		if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "fragmentos") {
			t.Errorf("Open with shards %s: %v, want a refusal", shards, err)
		}
	}
	os.WriteFile(metaPath, good, 0o644)
	if got := count(); got != want {
		t.Errorf("restored: %d paragraphs, want %d", got, want)
	}

	// Shards without stamps (made before them): refused with the command
	// that recovers, which works.
	ix, _ = Open(dir)
	for _, b := range ix.shards {
		b.DeleteInternal(stampShard)
	}
	ix.Close()
	os.Remove(metaPath)
	_, err = Open(dir)
	if err == nil || !strings.Contains(err.Error(), "printf") {
		t.Fatalf("Open of unstamped shards without relatoria.json: %v, want how to recover", err)
	}
	cmd := err.Error()[strings.Index(err.Error(), "printf"):]
	cmd = cmd[:strings.Index(cmd, "; si no")]
	if out, err := exec.Command("sh", "-c", cmd).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v %s", cmd, err, out)
	}
	if got := count(); got != want {
		t.Errorf("after %s: %d paragraphs, want %d", cmd, got, want)
	}
}

// TestUnfinishedCreate checks that the shards of a Create that did not
// finish (its marker, no relatoria.json) are not an index, and that the
// next Create clears them.
func TestUnfinishedCreate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if _, err := os.Stat(filepath.Join(dir, createMarker)); !os.IsNotExist(err) {
		t.Errorf("the marker is left after Create: %v", err)
	}
	os.Remove(filepath.Join(dir, metaFile))
	os.WriteFile(filepath.Join(dir, createMarker), []byte("999999999\n"), 0o644) // no such process
	if _, err := Open(dir); !errors.Is(err, ErrNotExist) {
		t.Errorf("Open of an unfinished Create: %v, want ErrNotExist", err)
	}
	ix, err = Create(dir, Options{Shards: 1})
	if err != nil {
		t.Fatalf("Create over an unfinished Create: %v", err)
	}
	ix.Close()
	if n := len(shardDirs(dir)); n != 1 {
		t.Errorf("%d shards, want the new 1", n)
	}
}
