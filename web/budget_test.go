package web

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/search"
)

// zeros is a body of n bytes that costs no memory to send.
type zeros struct{ left int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.left <= 0 {
		return 0, io.EOF
	}
	n := int(min(int64(len(p)), z.left))
	clear(p[:n])
	z.left -= int64(n)
	return n, nil
}

// TestUnauthenticatedBodies sends eight POSTs of 256 MB at once with
// well-formed signature headers that the token did not make: the server
// refuses each before reading its body, and its heap grows by less than
// 300 MB (it had read each body whole before checking the signature).
func TestUnauthenticatedBodies(t *testing.T) {
	srv, _ := mustServer(t, Options{IngestToken: "secret"})
	runtime.GC()
	var peak, base uint64
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base = ms.HeapAlloc
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	var wg sync.WaitGroup
	codes := make([]int, 8)
	for i := range codes {
		wg.Go(func() {
			const size = 256 << 20
			req, _ := http.NewRequest("POST", srv.URL+"/api/ingest", &zeros{size})
			req.ContentLength = size
			sum := sha256.Sum256([]byte(strconv.Itoa(i)))
			req.Header.Set(HeaderNonce, NewNonce())
			req.Header.Set(HeaderTime, strconv.FormatInt(time.Now().Unix(), 10))
			req.Header.Set(HeaderBodyHash, hex.EncodeToString(sum[:]))
			req.Header.Set(HeaderSignature, hex.EncodeToString(sum[:]))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				codes[i] = -1 // the server closed the connection on the body it refused
				return
			}
			resp.Body.Close()
			codes[i] = resp.StatusCode
		})
	}
	wg.Wait()
	close(stop)
	<-sampled
	for i, c := range codes {
		if c != 403 && c != -1 {
			t.Errorf("request %d: %d, want 403", i, c)
		}
	}
	if grew := int64(peak) - int64(base); grew > 300<<20 {
		t.Errorf("the heap grew by %d MB under unauthenticated bodies, want under 300 MB", grew>>20)
	}
	t.Logf("heap %d MB before, %d MB at most during; statuses %v", base>>20, peak>>20, codes)
}

// exportIndex is the sample index and a document of 3,000 paragraphs that
// all say "zarzamora": an export of them is about 1 MB of CSV.
func exportIndex(t *testing.T) *index.Index {
	ix := mustSampleIndex(t)
	doc := &corpus.Document{ID: "doc-largo", Source: "largo.txt", Format: corpus.FormatText, Kind: corpus.KindPage, Title: "Largo"}
	for i := range 3000 {
		text := fmt.Sprintf("Párrafo %d sobre la zarzamora y los derechos humanos. %s", i, strings.Repeat("Texto de relleno para que la fila pese. ", 8))
		doc.Paragraphs = append(doc.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Kind: corpus.Plain, Text: text, Original: text})
	}
	if err := ix.Add(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
	return ix
}

// smallBuffers is a listener whose connections have 8 KB send buffers, so
// that a client that does not read stalls the writer soon.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(8 << 10)
	}
	return c, err
}

// TestStalledExports opens eight exports of all results whose clients never
// read, and checks that searches and pages still answer while they are
// open (they had held every place of MaxConcurrent for minutes).
func TestStalledExports(t *testing.T) {
	s := search.New(exportIndex(t))
	srv := httptest.NewUnstartedServer(Handler(s, Options{Timeout: 3 * time.Second, MaxConcurrent: 8, ExportWriteTimeout: 2 * time.Second}))
	srv.Listener = smallBuffers{srv.Listener}
	srv.Start()
	defer srv.Close()
	var conns []net.Conn
	for range 8 {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		c.(*net.TCPConn).SetReadBuffer(4 << 10)
		fmt.Fprintf(c, "GET /api/search?q=zarzamora&format=csv&all=1 HTTP/1.1\r\nHost: %s\r\n\r\n", srv.Listener.Addr())
		conns = append(conns, c)
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	time.Sleep(500 * time.Millisecond) // the exports are under way, and stall
	for _, path := range []string{"/api/search?q=zarzamora&n=5", "/?q=derechos", "/api/search?q=cooperaci%C3%B3n&n=3"} {
		start := time.Now()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s while eight exports stall: %d after %s", path, resp.StatusCode, time.Since(start).Round(time.Millisecond))
		}
	}
	// A stalled export ends at its write deadline: its place is free for
	// another export (which a client reads whole).
	time.Sleep(3 * time.Second)
	resp, err := http.Get(srv.URL + "/api/search?q=zarzamora&format=csv&all=1")
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for sc := bufio.NewScanner(resp.Body); sc.Scan(); {
		rows++
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || rows < 3000 {
		t.Errorf("an export after the stalled ones: %d, %d rows", resp.StatusCode, rows)
	}
}

// TestDiffBudget checks that /diff answers within the request deadline: a
// document of 15 MB is refused at once with a message (two had taken 89 s
// and 86 CPU-s, on after the client left), and two under the size limit
// whose alignment takes longer than the deadline are stopped at it.
func TestDiffBudget(t *testing.T) {
	ix := mustSampleIndex(t)
	long := func(id string, paragraphs, size, seed, vocabulary int) *corpus.Document {
		d := &corpus.Document{ID: id, Source: id + ".txt", Format: corpus.FormatText, Kind: corpus.KindOther, Title: id}
		for i := range paragraphs {
			var b strings.Builder
			for k := 0; b.Len() < size; k++ {
				fmt.Fprintf(&b, "palabra%d ", (i*7+k*k+seed)%vocabulary)
			}
			text := fmt.Sprintf("%d. %s.", i+1, b.String())
			d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Kind: corpus.Plain, Text: text, Original: text})
		}
		return d
	}
	ctx := context.Background()
	if err := ix.Add(ctx, long("doc-grande", 1000, 15_000, 1, 20), long("doc-medio-a", 2000, 1_000, 1, 5000), long("doc-medio-b", 2000, 1_000, 3, 5000)); err != nil {
		t.Fatal(err)
	}
	const timeout = 500 * time.Millisecond
	srv := httptest.NewServer(Handler(search.New(ix), Options{Timeout: timeout}))
	defer srv.Close()
	for _, tt := range []struct{ a, b, want string }{
		{"doc-grande", "doc-medio-b", "doc-grande tiene 14.3 MB de texto; la comparación admite documentos de hasta 4 MB"},
		{"doc-medio-a", "doc-medio-b", "la comparación tardó más de"},
	} {
		start := time.Now()
		resp, err := http.Get(srv.URL + "/diff?a=" + tt.a + "&b=" + tt.b)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		took := time.Since(start)
		if !strings.Contains(string(body), tt.want) || resp.StatusCode == 200 {
			t.Errorf("/diff of %s and %s: %d after %s, want %q", tt.a, tt.b, resp.StatusCode, took, tt.want)
		}
		t.Logf("/diff of %s and %s: %d after %s", tt.a, tt.b, resp.StatusCode, took.Round(time.Millisecond))
	}
}
