package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// TestPrintRunsPairsEitherOrder: every round's run with lineage on is
// set beside the one off of the same round, whichever ran first (the
// bench alternates them).
func TestPrintRunsPairsEitherOrder(t *testing.T) {
	runs := []ingestRun{
		{Round: 1, Step: 1, Lineage: "off", Seconds: 10, CPUSeconds: 20},
		{Round: 1, Step: 1, Lineage: "on", Seconds: 11, CPUSeconds: 22},
		{Round: 2, Step: 1, Lineage: "on", Seconds: 13, CPUSeconds: 26},
		{Round: 2, Step: 1, Lineage: "off", Seconds: 10, CPUSeconds: 20},
		{Round: 3, Step: 1, Lineage: "off", Seconds: 10, CPUSeconds: 20},
		{Round: 3, Step: 1, Lineage: "on", Seconds: 12, CPUSeconds: 24},
	}
	out := captureStdout(t, func() { printRuns([]result{{Runs: runs}}) })
	if want := "+20%, +20% (+10% +30% +20%)"; !strings.Contains(out, want) {
		t.Errorf("printRuns wrote\n%s\nwant a line with %q", out, want)
	}
}

func captureStdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	f()
	os.Stdout = old
	w.Close()
	b, _ := io.ReadAll(r)
	return string(b)
}
