package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiff runs relatoria diff on two successive Security Council
// resolutions on Somalia: by both references, and by the newer alone (its
// predecessor is the one it cites).
func TestDiff(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	for _, name := range []string{"S_RES_2775__2025_.en.pdf", "S_RES_2776__2025_.en.pdf"} {
		data, err := os.ReadFile(filepath.Join("../../lineage/testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(docs, name), data, 0o644)
	}
	vars := map[string]string{"RELATORIA_INDEX": filepath.Join(dir, "idx")}
	if code, _, errs := runCLI(t, vars, "ingest", "-quiet", docs); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	want := "50 operativos: 1 sin cambios, 1 modificado, 48 nuevos" // S/RES/2776's annex items are no operative paragraphs
	for _, args := range [][]string{
		{"diff", "S/RES/2775 (2025)", "S/RES/2776 (2025)"},
		{"diff", "S/RES/2776 (2025)"},
	} {
		code, out, errs := runCLI(t, vars, args...)
		if code != 0 {
			t.Fatalf("%q: exit %d: %s", args, code, errs)
		}
		lines := strings.Split(out, "\n")
		if lines[0] != "S/RES/2775 (2025), 2025-02-28 → S/RES/2776 (2025), 2025-03-03" || !strings.HasPrefix(lines[1], want) {
			t.Errorf("%q: header %q", args, lines[:2])
		}
		if !strings.Contains(out, "Decides to renew, {+until 13 December 2025,") || strings.Contains(out, "\x1b[") {
			t.Errorf("%q: no plain word diff of §1 → §23:\n%s", args, out)
		}
	}
	code, out, _ := runCLI(t, vars, "diff", "-json", "S/RES/2775 (2025)", "S/RES/2776 (2025)")
	var d struct {
		SummaryText string `json:"summary_text"`
		Pairs       []struct {
			Status string
			Old    *struct{ Number string }
			New    *struct{ Number string }
		}
	}
	if err := json.Unmarshal([]byte(out), &d); code != 0 || err != nil {
		t.Fatalf("diff -json: exit %d, %v", code, err)
	}
	changed := 0
	for _, p := range d.Pairs {
		if p.Status == "changed" && p.Old.Number == "1" && p.New.Number == "23" {
			changed++
		}
	}
	if changed != 1 || !strings.HasPrefix(d.SummaryText, want) {
		t.Errorf("diff -json: §1 → §23 changed %d times, summary %q", changed, d.SummaryText)
	}
	// "Decides to remain actively seized of the matter." closes both.
	code, out, errs := runCLI(t, vars, "show", "S/RES/2776 (2025) §50")
	if code != 0 || !strings.Contains(out, "También en 1 documento (1 párrafo)") || !strings.Contains(out, "S/RES/2775 (2025) §2  2025-02-28, Somalia  idéntico  (primera aparición)") {
		t.Errorf("show §50: exit %d, %s\n%s", code, errs, out)
	}
	code, out, _ = runCLI(t, vars, "show", "-json", "S/RES/2776 (2025) §50")
	if code != 0 || !strings.Contains(out, `"recurrences": [`) || !strings.Contains(out, `"earlier": true`) {
		t.Errorf("show -json §50: exit %d\n%s", code, out)
	}
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"diff"}, 2, "una o dos referencias de documento"},
		{[]string{"diff", "S/RES/2775 (2025) §1", "S/RES/2776 (2025)"}, 1, "es un párrafo"},
		{[]string{"diff", "S/RES/2775 (2025)"}, 1, "ningún documento anterior"},
		{[]string{"diff", "S/RES/2999 (2025)", "S/RES/2776 (2025)"}, 1, "no existe ese documento"},
	} {
		code, _, errs := runCLI(t, vars, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, code, errs, tt.code, tt.msg)
		}
	}
}
