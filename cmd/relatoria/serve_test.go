package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeAndIngest runs "relatoria serve", adds documents with "relatoria
// ingest" while it runs (they go through the server and are searchable at
// once), and stops it as SIGINT would: requests finish, serve.json goes.
func TestServeAndIngest(t *testing.T) {
	dir := t.TempDir()
	idx := filepath.Join(dir, "idx")
	vars := map[string]string{"RELATORIA_INDEX": idx}
	seed, _ := os.ReadFile("../../corpus/sample/000_1d19a80b84d8d935.txt")
	os.WriteFile(filepath.Join(dir, "uno.txt"), seed, 0o644)
	if code, _, errs := runCLI(t, vars, "ingest", filepath.Join(dir, "uno.txt")); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}

	ctx, stop := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		e := &env{stdout: io.Discard, stderr: &stderr, stdin: strings.NewReader(""), getenv: func(k string) string { return vars[k] }}
		done <- run(ctx, e, []string{"serve", "-addr", "127.0.0.1:0"})
	}()
	var info serveInfo
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(filepath.Join(idx, serveFile))
		if err == nil && json.Unmarshal(data, &info) == nil && info.Addr != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not start: %s", stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if fi, _ := os.Stat(filepath.Join(idx, serveFile)); fi.Mode().Perm() != 0o600 {
		t.Errorf("serve.json mode %v, want 0600", fi.Mode().Perm())
	}
	total := func(q string) int {
		resp, err := http.Get("http://" + info.Addr + "/api/search?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var res struct{ Total int }
		json.NewDecoder(resp.Body).Decode(&res)
		return res.Total
	}
	if total("MESECVI") != 0 || total("UN80") == 0 {
		t.Fatalf("before: MESECVI %d, UN80 %d", total("MESECVI"), total("UN80"))
	}
	// Ingest while the server runs: through the server.
	seed4, _ := os.ReadFile("../../corpus/sample/004_3bae5674daa3922c.txt")
	os.WriteFile(filepath.Join(dir, "dos.txt"), seed4, 0o644)
	code, _, errs := runCLI(t, vars, "ingest", filepath.Join(dir, "dos.txt"))
	if code != 0 || !strings.Contains(errs, "adding the documents through it") {
		t.Fatalf("ingest during serve: %d %s", code, errs)
	}
	if n := total("MESECVI"); n == 0 {
		t.Errorf("a document added while serving is not searchable")
	}
	stop() // as SIGINT does
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d: %s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if _, err := os.Stat(filepath.Join(idx, serveFile)); !os.IsNotExist(err) {
		t.Errorf("serve.json left behind: %v", err)
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("no shutdown message: %s", stderr.String())
	}
}

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false, 10)
	p.last = time.Now().Add(-time.Minute)
	p.update(ingestStats{files: 5, paragraphs: 100})
	if !strings.Contains(b.String(), "5/10 files") || !strings.Contains(b.String(), "ETA") || !strings.Contains(b.String(), "[============            ]") {
		t.Errorf("progress line %q", b.String())
	}
	b.Reset()
	q := newProgress(&b, true, 10)
	q.last = time.Now().Add(-time.Minute)
	q.update(ingestStats{files: 5})
	if b.Len() != 0 {
		t.Errorf("-quiet printed %q", b.String())
	}
}
