package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
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
	dir, idx, vars := sampleIndex(t)
	// A serve.json left with a lax mode (by an older version, or by hand)
	// must not keep it: the server's file holds the ingest token.
	if err := os.WriteFile(filepath.Join(idx, serveFile), []byte(`{"addr":"127.0.0.1:1","token":"old","pid":1}`), 0o644); err != nil {
		t.Fatal(err)
	}
	info, stderr, stop := startServe(t, vars, idx, "-addr", "127.0.0.1:0")
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
	// Requests that once ended the process, or reached it by another
	// name (DNS rebinding), then the server is still alive.
	for _, tt := range []struct {
		path, host string
		status     int
	}{
		{"/api/search?q=derechos&from=9223372036854775807", "", 400},
		{"/api/search?q=derechos&n=1000&from=9223372036854775000&format=csv", "", 400},
		{"/api/search?q=derechos", "attacker.example", 421},
		{"/?q=derechos", "attacker.example:80", 421},
		{"/api/search?q=derechos", "localhost", 200},
	} {
		req, _ := http.NewRequest("GET", "http://"+info.Addr+tt.path, nil)
		if tt.host != "" {
			req.Host = tt.host
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", tt.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("GET %s (Host %q): %d, want %d", tt.path, tt.host, resp.StatusCode, tt.status)
		}
		if resp, err := http.Get("http://" + info.Addr + "/healthz"); err != nil || resp.StatusCode != 200 {
			t.Fatalf("after GET %s, /healthz: %v", tt.path, err)
		} else {
			resp.Body.Close()
		}
	}
	if total("MESECVI") != 0 || total("UN80") == 0 {
		t.Fatalf("before: MESECVI %d, UN80 %d", total("MESECVI"), total("UN80"))
	}
	// Ingest while the server runs: through the server.
	seed4, _ := os.ReadFile("../../corpus/sample/004_3bae5674daa3922c.txt")
	os.WriteFile(filepath.Join(dir, "dos.txt"), seed4, 0o644)
	code, _, errs := runCLI(t, vars, "ingest", filepath.Join(dir, "dos.txt"))
	if code != 0 || !strings.Contains(errs, "los documentos se añaden a través de él") {
		t.Fatalf("ingest during serve: %d %s", code, errs)
	}
	if n := total("MESECVI"); n == 0 {
		t.Errorf("a document added while serving is not searchable")
	}
	if code := stop(); code != 0 { // as SIGINT does
		t.Errorf("serve exited %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(idx, serveFile)); !os.IsNotExist(err) {
		t.Errorf("serve.json left behind: %v", err)
	}
	if !strings.Contains(stderr.String(), "deteniéndose") {
		t.Errorf("no shutdown message: %s", stderr.String())
	}
}

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&b, false, 10)
	p.last = time.Now().Add(-time.Minute)
	p.update(ingest.Stats{Files: 5, Paragraphs: 100})
	if !strings.Contains(b.String(), "5/10 archivos") || !strings.Contains(b.String(), "faltan") || !strings.Contains(b.String(), "[============            ]") {
		t.Errorf("progress line %q", b.String())
	}
	b.Reset()
	q := newProgress(&b, true, 10)
	q.last = time.Now().Add(-time.Minute)
	q.update(ingest.Stats{Files: 5})
	if b.Len() != 0 {
		t.Errorf("-quiet printed %q", b.String())
	}
}

// TestIngestIgnoresStaleServeFile checks that ingest sends nothing to an
// address that a serve.json left behind names, whether its process is
// gone or another program answers there, and that the documents go into
// the index and are searchable.
func TestIngestIgnoresStaleServeFile(t *testing.T) {
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("no true command:", err)
	}
	for _, tt := range []struct {
		name string
		pid  int
		mode os.FileMode
		says string
	}{
		{"foreign listener", os.Getpid(), 0o600, "no demuestra"},
		{"dead process", gone.Process.Pid, 0o600, "ya no está"},
		{"file others can read", os.Getpid(), 0o644, "deja leerlo a otros"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, idx, vars := sampleIndex(t)
			// A listener that answers 200 to everything, and records it.
			var mu sync.Mutex
			var seen []string
			foreign := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				body, _ := io.ReadAll(r.Body)
				mu.Lock()
				seen = append(seen, fmt.Sprintf("%s %s %v %s", r.Method, r.URL, r.Header, body))
				mu.Unlock()
				w.Write([]byte(`{"proof":"0000","status":"ok"}`))
			}))
			defer foreign.Close()
			const token = "5ecret5ecret5ecret"
			stale, _ := json.Marshal(serveInfo{Addr: strings.TrimPrefix(foreign.URL, "http://"), Token: token, PID: tt.pid})
			os.WriteFile(filepath.Join(idx, serveFile), stale, tt.mode)

			seed4, _ := os.ReadFile("../../corpus/sample/004_3bae5674daa3922c.txt")
			os.WriteFile(filepath.Join(dir, "dos.txt"), seed4, 0o644)
			code, _, errs := runCLI(t, vars, "ingest", filepath.Join(dir, "dos.txt"))
			if code != 0 || !strings.Contains(errs, tt.says) {
				t.Fatalf("ingest with a stale serve.json: %d %s", code, errs)
			}
			mu.Lock()
			for _, req := range seen {
				if strings.Contains(req, token) || !strings.HasPrefix(req, "GET /api/ingest/challenge") || tt.mode != 0o600 {
					t.Errorf("the foreign listener was sent %q", req)
				}
			}
			mu.Unlock()
			if code, out, errs := runCLI(t, vars, "query", "-json", "MESECVI"); code != 0 || strings.Contains(out, `"total": 0`) {
				t.Errorf("the document is not searchable after ingest: %d %s %s", code, out, errs)
			}
			if _, err := os.Stat(filepath.Join(idx, serveFile)); !os.IsNotExist(err) {
				t.Errorf("the stale serve.json is still there: %v", err)
			}
			// The manifest took the file: a second run passes it over.
			if _, _, errs := runCLI(t, vars, "ingest", filepath.Join(dir, "dos.txt")); !strings.Contains(errs, "sin cambios") {
				t.Errorf("second ingest: %s", errs)
			}
		})
	}
}

// TestServeOffLoopback checks that a server on all addresses warns that
// anyone who reaches it can read the index, answers the -allow-host name
// and this machine's names only, and still takes documents from ingest.
func TestServeOffLoopback(t *testing.T) {
	dir, idx, vars := sampleIndex(t)
	info, stderr, stop := startServe(t, vars, idx, "-addr", "0.0.0.0:0", "-allow-host", "relatoria.example.org")
	defer stop()
	if !strings.Contains(stderr.String(), "no es una dirección de bucle local") {
		t.Errorf("no warning for a server on all addresses: %s", stderr.String())
	}
	_, port, _ := net.SplitHostPort(info.Addr)
	for host, want := range map[string]int{"relatoria.example.org": 200, "127.0.0.1": 200, "192.0.2.7:8080": 200, "attacker.example": 421} {
		req, _ := http.NewRequest("GET", "http://127.0.0.1:"+port+"/api/search?q=derechos", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, resp.StatusCode, want)
		}
	}
	seed4, _ := os.ReadFile("../../corpus/sample/004_3bae5674daa3922c.txt")
	os.WriteFile(filepath.Join(dir, "dos.txt"), seed4, 0o644)
	if code, _, errs := runCLI(t, vars, "ingest", filepath.Join(dir, "dos.txt")); code != 0 || !strings.Contains(errs, "a través de él") {
		t.Errorf("ingest through a server on all addresses: %d %s", code, errs)
	}
}

// sampleIndex makes an index in a temporary folder from the first sample
// document and returns the folder, the index and the CLI's environment.
func sampleIndex(t *testing.T) (dir, idx string, vars map[string]string) {
	t.Helper()
	dir = t.TempDir()
	idx = filepath.Join(dir, "idx")
	vars = map[string]string{"RELATORIA_INDEX": idx}
	seed, _ := os.ReadFile("../../corpus/sample/000_1d19a80b84d8d935.txt")
	os.WriteFile(filepath.Join(dir, "uno.txt"), seed, 0o644)
	if code, _, errs := runCLI(t, vars, "ingest", filepath.Join(dir, "uno.txt")); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	return dir, idx, vars
}

// startServe runs "relatoria serve ARGS" on idx until stop is called (as
// SIGINT does; stop returns the exit status), once it has written its
// serve.json.
func startServe(t *testing.T, vars map[string]string, idx string, args ...string) (info serveInfo, stderr *syncBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr = &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		e := &env{stdout: io.Discard, stderr: stderr, stdin: strings.NewReader(""), getenv: func(k string) string { return vars[k] }}
		done <- run(ctx, e, append([]string{"serve"}, args...))
	}()
	stop = func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not shut down")
			return -1
		}
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		data, err := os.ReadFile(filepath.Join(idx, serveFile))
		if err == nil && json.Unmarshal(data, &info) == nil && info.PID == os.Getpid() {
			return info, stderr, stop
		}
		if time.Now().After(deadline) {
			stop()
			t.Fatalf("the server did not start: %s", stderr.String())
		}
	}
}

// TestReadWhileServing runs query, show and diff while relatoria serve
// holds the index: they read through the server and print what they print
// on the index itself, text, JSON and CSV alike, errors included.
func TestReadWhileServing(t *testing.T) {
	_, idx, vars := sampleIndex(t)
	commands := [][]string{
		{"query", "cooperación técnica"},
		{"query", "-json", "-n", "3", "derechos humanos"},
		{"query", "-format", "csv", "-all", "-csv-sep", ";", "derechos"},
		{"query", "-strict", "-from", "2", "-n", "2", "hito"},
		{"show", "51/34 §7"},
		{"show", "-json", "51/34 §7"},
		{"show", "A/HRC/RES/51/34"},
		{"show", "-json", "A/HRC/RES/51/34"},
		{"diff", "-color", "never", "51/34", "51/34"},
		{"diff", "-json", "51/34", "51/34"},
		{"query", "tipo:nada derechos"}, // an error, said alike
		{"show", "99/99 §1"},
	}
	type answer struct {
		code     int
		out, err string
	}
	local := make([]answer, len(commands))
	for i, c := range commands {
		code, out, errs := runCLI(t, vars, c...)
		local[i] = answer{code, out, errs}
	}
	_, _, stop := startServe(t, vars, idx, "-addr", "127.0.0.1:0")
	defer stop()
	if ix, err := index.Open(idx); err == nil {
		ix.Close()
		t.Fatal("the index opens while the server holds it: the test would not read through the server")
	}
	for i, c := range commands {
		code, out, errs := runCLI(t, vars, c...)
		if code != local[i].code || out != local[i].out || errs != local[i].err {
			t.Errorf("%q while serving: exit %d, stderr %q, stdout\n%.600s\nwant exit %d, stderr %q, stdout\n%.600s",
				c, code, errs, out, local[i].code, local[i].err, local[i].out)
		}
	}
}
