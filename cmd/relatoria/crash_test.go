package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
)

// TestMain lets the test binary run as relatoria itself when asked, so that
// tests can start real relatoria processes (and kill them).
func TestMain(m *testing.M) {
	ingest.ServeIfWorker()
	if os.Getenv("RELATORIA_TEST_MAIN") == "1" {
		e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}
		os.Exit(run(context.Background(), e, os.Args[1:]))
	}
	os.Exit(m.Run())
}

func relatoriaCmd(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "RELATORIA_TEST_MAIN=1")
	return cmd
}

// crashCorpus writes n small documents made from the sample pages.
func crashCorpus(t *testing.T, dir string, n int) {
	t.Helper()
	var texts [][]byte
	for _, f := range []string{"000_1d19a80b84d8d935.txt", "001_d16ac9bc5e6e920b.txt", "002_8e8be2aad0c5172a.txt", "004_3bae5674daa3922c.txt"} {
		b, err := os.ReadFile("../../corpus/sample/" + f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, b)
	}
	os.MkdirAll(dir, 0o755)
	for i := range n {
		body := fmt.Sprintf("Copia %d del documento de prueba\n\n%s", i, texts[i%len(texts)])
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc%03d.txt", i)), []byte(body), 0o644)
	}
}

func paragraphCount(t *testing.T, dir string) uint64 {
	t.Helper()
	ix, err := index.Open(dir)
	if err != nil {
		t.Fatalf("index does not open: %v", err)
	}
	defer ix.Close()
	n, err := ix.Paragraphs()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCrashSafety kills "relatoria ingest" with SIGKILL at random points
// (-force: every run reads every file, so a kill interrupts indexing),
// checking after each kill that landed mid-run that the index opens, then
// lets it finish: the index must hold exactly what a clean run gives, with
// no paragraph twice. The kills are spread over the whole length of a run,
// timed on this machine (reading, batches, the shards' merge, compaction
// and the manifest at the end); a kill that lands after the run finished
// checks nothing, and the test fails unless at least half of its twenty
// states were checked.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real processes")
	}
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	crashCorpus(t, docs, 120)

	clean := filepath.Join(dir, "clean")
	if out, err := relatoriaCmd("ingest", "-quiet", "-index", clean, docs).CombinedOutput(); err != nil {
		t.Fatalf("clean run: %v\n%s", err, out)
	}
	want := paragraphCount(t, clean)

	// How long a -force run over an existing index takes here.
	crashed := filepath.Join(dir, "crashed")
	if out, err := relatoriaCmd("ingest", "-quiet", "-index", crashed, docs).CombinedOutput(); err != nil {
		t.Fatalf("first run: %v\n%s", err, out)
	}
	start := time.Now()
	if out, err := relatoriaCmd("ingest", "-quiet", "-force", "-index", crashed, docs).CombinedOutput(); err != nil {
		t.Fatalf("timed run: %v\n%s", err, out)
	}
	run := time.Since(start)

	const states = 20
	rng := rand.New(rand.NewPCG(1, 2))
	kills, checked := 0, 0
	var thirds [3]int // states checked in each third of a run
	for attempt := range states {
		// Stratified: attempt i kills in the i-th twentieth of a run.
		at := time.Duration((float64(attempt) + rng.Float64()) / states * float64(run))
		cmd := relatoriaCmd("ingest", "-quiet", "-force", "-index", crashed, docs)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(at)
		cmd.Process.Signal(syscall.SIGKILL)
		if cmd.Wait() == nil {
			continue // finished before the kill: nothing interrupted
		}
		kills++
		paragraphCount(t, crashed) // opens, or the test fails
		checked++
		thirds[min(2, 3*attempt/states)]++
	}
	if out, err := relatoriaCmd("ingest", "-quiet", "-index", crashed, docs).CombinedOutput(); err != nil {
		t.Fatalf("final run: %v\n%s", err, out)
	}
	if checked < states/2 {
		t.Errorf("only %d of %d kills interrupted a run (one takes %s): too few states checked", checked, states, run.Round(time.Millisecond))
	}
	if got := paragraphCount(t, crashed); got != want {
		t.Errorf("after %d kills: %d paragraphs, a clean run gives %d", kills, got, want)
	}
	t.Logf("a run takes %s; survived %d SIGKILLs mid-run (in its thirds: %v), the index opened after each; %d paragraphs as in a clean run", run.Round(time.Millisecond), kills, thirds, want)
}
