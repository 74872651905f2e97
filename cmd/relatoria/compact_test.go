package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompact checks relatoria compact on an index built in several runs:
// it says how each shard went and leaves every paragraph findable, and it
// refuses a directory without an index or an argument it does not take.
func TestCompact(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	vars := map[string]string{"RELATORIA_INDEX": idx}
	for i, f := range []string{"000_1d19a80b84d8d935.txt", "002_8e8be2aad0c5172a.txt", "003_458e2a76d7cd54dd.txt"} {
		docs := filepath.Join(dir, "docs", f)
		os.MkdirAll(docs, 0o755)
		data, _ := os.ReadFile("../../corpus/sample/" + f)
		os.WriteFile(filepath.Join(docs, f), data, 0o644)
		if code, _, errs := runCLI(t, vars, "ingest", docs); code != 0 {
			t.Fatalf("ingest %d: exit %d %s", i, code, errs)
		}
	}
	total := func() int {
		_, out, _ := runCLI(t, vars, "query", "-json", "derechos")
		var res struct{ Total int }
		json.Unmarshal([]byte(out), &res)
		return res.Total
	}
	before := total()
	code, out, errs := runCLI(t, vars, "compact")
	if code != 0 {
		t.Fatalf("compact: exit %d %s", code, errs)
	}
	if !strings.Contains(errs, "fragmento 1 de") {
		t.Errorf("compact stderr lacks the progress of a shard:\n%s", errs)
	}
	if !strings.Contains(out, "índice compactado en") {
		t.Errorf("compact stdout lacks the summary:\n%s", out)
	}
	if after := total(); after != before || after == 0 {
		t.Errorf("derechos: %d hits after compacting, %d before", after, before)
	}
	if code, _, errs := runCLI(t, map[string]string{"RELATORIA_INDEX": filepath.Join(dir, "none")}, "compact"); code != 1 || !strings.Contains(errs, "no hay índice") {
		t.Errorf("compact without an index: exit %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, vars, "compact", "extra"); code != 2 {
		t.Errorf("compact with an argument: exit %d, want 2", code)
	}
}
