package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// hostileFolder writes a folder of good files (sample texts and the sample
// PDF) and every PDF of ingest/testdata/bad, and returns it with the names
// of the bad PDFs.
func hostileFolder(t *testing.T) (dir string, bad []string) {
	t.Helper()
	dir = t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	for _, f := range []string{"000_1d19a80b84d8d935.txt", "001_d16ac9bc5e6e920b.txt", "004_3bae5674daa3922c.pdf"} {
		data, err := os.ReadFile("../../corpus/sample/" + f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(docs, f), data, 0o644)
	}
	paths, _ := filepath.Glob("../../ingest/testdata/bad/*.pdf")
	for _, p := range paths {
		data, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(docs, filepath.Base(p)), data, 0o644)
		bad = append(bad, filepath.Base(p))
	}
	return dir, bad
}

// TestHostileFolder ingests a folder of good files and hostile PDFs (bombs,
// loops, a stream that contains itself) with a real relatoria process: the
// good files are indexed, each bad one is named, the exit status is 1, and
// the memory of relatoria and its workers together stays under 1 GB. A
// second run passes over the good files. Then the same through a running
// server.
func TestHostileFolder(t *testing.T) {
	dir, bad := hostileFolder(t)
	idx := filepath.Join(dir, "idx")
	docs := filepath.Join(dir, "docs")
	run := func() (int, string, int64) {
		cmd := relatoriaCmd("ingest", "-quiet", "-index", idx, docs)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		peak := watchTree(cmd.Process.Pid)
		err := cmd.Wait()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		return code, stderr.String(), peak()
	}
	code, errs, peak := run()
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, errs)
	}
	for _, name := range bad {
		if !strings.Contains(errs, name+": ") {
			t.Errorf("%s not named: %s", name, errs)
		}
	}
	if !strings.Contains(errs, "documentos indexados: 3 ") {
		t.Errorf("want the 3 good files indexed: %s", errs)
	}
	if peak > 1<<30 && !raceBuild {
		t.Errorf("relatoria and its workers took %d MB at once, want under 1 GB", peak>>20)
	}
	t.Logf("first run: peak %d MB for the process tree; %s", peak>>20, lastLine(errs))
	code, errs, _ = run()
	if code != 1 || !strings.Contains(errs, "archivos sin cambios pasados por alto: 3") {
		t.Errorf("second run: exit %d, want 1 and the good files passed over: %s", code, errs)
	}

	// Through a running server, to a new index.
	_, sidx, vars := sampleIndex(t)
	info, _, stop := startServe(t, vars, sidx, "-addr", "127.0.0.1:0")
	defer stop()
	cmd := relatoriaCmd("ingest", "-quiet", "-index", sidx, docs)
	out, err := cmd.CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != 1 || !strings.Contains(string(out), "a través de él") || !strings.Contains(string(out), "documentos indexados: 3 ") {
		t.Fatalf("ingest through %s: %v\n%s", info.Addr, err, out)
	}
	for _, name := range bad {
		if !strings.Contains(string(out), name+": ") {
			t.Errorf("through the server, %s not named: %s", name, out)
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// watchTree samples the resident memory of process pid and its descendants
// every 20 ms until it ends, and returns the function that gives the
// largest sum seen (0 outside Linux).
func watchTree(pid int) func() int64 {
	var mu sync.Mutex
	var peak int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			total, alive := treeRSS(pid)
			if !alive {
				return
			}
			mu.Lock()
			peak = max(peak, total)
			mu.Unlock()
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return func() int64 {
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// treeRSS returns the resident bytes of pid and its descendants, and
// whether pid is still running.
func treeRSS(pid int) (int64, bool) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0, false
	}
	parent := map[int]int{}
	rss := map[int]int64{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		i := bytes.LastIndexByte(stat, ')')
		f := bytes.Fields(stat[i+1:])
		if len(f) < 22 || string(f[0]) == "Z" {
			continue
		}
		pp, _ := strconv.Atoi(string(f[1]))
		pages, _ := strconv.ParseInt(string(f[21]), 10, 64) // rss, field 24
		parent[p], rss[p] = pp, pages*int64(os.Getpagesize())
	}
	if _, ok := rss[pid]; !ok {
		return 0, false
	}
	var total int64
	for p := range rss {
		for q := p; q != 0; q = parent[q] {
			if q == pid {
				total += rss[p]
				break
			}
			if _, ok := parent[q]; !ok {
				break
			}
		}
	}
	return total, true
}

// TestLostMetaKeepsIndex deletes relatoria.json, then edits its count of
// shards, and runs ingest and query: no paragraph is lost, and the default
// index is never replaced by the sample.
func TestLostMetaKeepsIndex(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"HOME": home}
	if code, _, errs := runCLI(t, vars, "query", "cooperacion tecnica"); code != 0 {
		t.Fatalf("query: %s", errs)
	}
	idx := filepath.Join(home, ".local/share/relatoria/index")
	dir := t.TempDir()
	seed, _ := os.ReadFile("../../corpus/sample/004_3bae5674daa3922c.txt")
	os.WriteFile(filepath.Join(dir, "propio.txt"), append([]byte("Documento propio sobre MESECVI.\n\n"), seed...), 0o644)
	if code, _, errs := runCLI(t, vars, "ingest", dir); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	want := paragraphCount(t, idx)
	meta := filepath.Join(idx, "relatoria.json")
	good, _ := os.ReadFile(meta)

	os.Remove(meta)
	code, _, errs := runCLI(t, vars, "ingest", dir)
	if code != 0 || !strings.Contains(errs, "se rehízo") {
		t.Errorf("ingest without relatoria.json: %d %s", code, errs)
	}
	if got := paragraphCount(t, idx); got != want {
		t.Errorf("after ingest without relatoria.json: %d paragraphs, want %d", got, want)
	}
	os.Remove(meta)
	if code, out, errs := runCLI(t, vars, "query", "MESECVI"); code != 0 || strings.Contains(errs, "corpus de muestra") || !strings.Contains(out, "propio") {
		t.Errorf("query without relatoria.json: %d %s %s", code, errs, out)
	}
	var m map[string]any
	json.Unmarshal(good, &m)
	m["shards"] = m["shards"].(float64) + 1
	edited, _ := json.Marshal(m)
	os.WriteFile(meta, edited, 0o644)
	if code, _, errs := runCLI(t, vars, "ingest", dir); code == 0 || !strings.Contains(errs, "fragmentos") {
		t.Errorf("ingest with an edited shard count: %d %s", code, errs)
	}
	os.WriteFile(meta, good, 0o644)
	if got := paragraphCount(t, idx); got != want {
		t.Errorf("at the end: %d paragraphs, want %d", got, want)
	}
}
