package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/search"
)

// hostileQueries are requests that once crashed the server or made it do
// unbounded work; each must be answered 200 or 400.
var hostileQueries = []struct {
	path   string
	status int
	says   string // the answer names the reason
}{
	{"/api/search?q=derechos&from=9223372036854775807", 400, "after="},
	{"/api/search?q=derechos&n=1000&from=9223372036854775000", 400, "after="},
	{"/api/search?q=derechos&from=9223372036854775807&format=csv", 400, "after="},
	{"/api/search?q=derechos&from=9223372036854775807&format=text", 400, "after="},
	{"/api/search?q=derechos&from=9990&n=20", 400, "after="},
	{"/api/search?q=derechos&from=9990&n=10", 200, ""},
	{"/api/search?q=derechos&n=9223372036854775807", 400, "1000"},
	{"/api/search?q=derechos&from=-1", 400, ""},
	{"/api/search?q=derechos&from=99999999999999999999999", 400, ""},
	{"/api/search?q=derechos&format=csv&all=1&from=9223372036854775807", 200, ""},
	{"/api/search?q=" + url.QueryEscape(strings.Repeat("co* ", 143)), 400, "co*"},
	{"/api/search?q=" + url.QueryEscape(strings.Repeat("derecho~ ", 20)), 400, "~"},
	{"/api/search?q=" + url.QueryEscape(strings.Repeat("d-", 450)+"d~"), 400, "~"},
	{"/api/search?q=" + url.QueryEscape("COVID-19~ derechos~"), 200, ""},
	{"/api/search?q=" + url.QueryEscape("co* de* la* mu*"), 200, ""},
	{"/api/search?q=derechos&format=csv&sep=%7C", 400, "separador"},
	{"/api/search?q=derechos&after=" + strings.Repeat("A", 5000), 400, ""},
	{"/?q=derechos&after=" + url.QueryEscape("!!!"), 400, ""},
	{"/?q=" + url.QueryEscape(strings.Repeat("co* ", 143)), 400, "co*"},
}

func TestHostileRequests(t *testing.T) {
	srv, _ := mustServer(t, Options{})
	for _, tt := range hostileQueries {
		status, _, body := get(t, srv, tt.path)
		if status != tt.status {
			t.Errorf("GET %s: %d, want %d\n%.300s", tt.path, status, tt.status, body)
		}
		if tt.says != "" && !strings.Contains(body, tt.says) {
			t.Errorf("GET %s: the answer does not say %q:\n%.300s", tt.path, tt.says, body)
		}
		if status, _, _ := get(t, srv, "/healthz"); status != 200 {
			t.Fatalf("after GET %s, /healthz answers %d", tt.path, status)
		}
	}
}

func TestHostHeader(t *testing.T) {
	s := search.New(mustSampleIndex(t))
	h := Handler(s, Options{AllowedHosts: append(LoopbackHosts, "relatoria.example.org")})
	for _, tt := range []struct {
		host   string
		status int
	}{
		{"localhost:8080", 200},
		{"127.0.0.1:8080", 200},
		{"127.0.0.1", 200},
		{"[::1]:8080", 200},
		{"LOCALHOST:8080", 200},
		{"relatoria.example.org", 200},
		{"attacker.example", 421},
		{"attacker.example:8080", 421},
		{"127.0.0.1.attacker.example:8080", 421},
		{"", 421},
	} {
		for _, path := range []string{"/healthz", "/api/search?q=derechos", "/?q=derechos"} {
			req := httptest.NewRequest("GET", path, nil)
			req.Host = tt.host
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code != tt.status {
				t.Errorf("GET %s with Host %q: %d, want %d", path, tt.host, w.Code, tt.status)
			}
			if w.Code == 421 && strings.Contains(w.Body.String(), "derechos") {
				t.Errorf("GET %s with Host %q: a refused request shows results", path, tt.host)
			}
		}
	}
}

// TestPageDeadline checks that pages, not only the API, are cut short at
// the request's deadline.
func TestPageDeadline(t *testing.T) {
	srv, _ := mustServer(t, Options{Timeout: time.Nanosecond})
	for _, path := range []string{"/?q=derechos", "/api/search?q=derechos"} {
		status, _, body := get(t, srv, path)
		if status != http.StatusServiceUnavailable {
			t.Errorf("GET %s with a 1 ns deadline: %d, want 503\n%.300s", path, status, body)
		}
	}
	if status, _, _ := get(t, srv, "/healthz"); status != 200 {
		t.Errorf("/healthz: %d", status)
	}
}

// TestConcurrencyLimit checks that a request waits for a place among
// MaxConcurrent and gives up, with 503, at its deadline.
func TestConcurrencyLimit(t *testing.T) {
	h := &handler{slots: make(chan struct{}, 1)}
	release, err := h.acquire(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Millisecond)
	defer cancel()
	if _, err := h.acquire(ctx); err == nil {
		t.Fatal("a second request got the only place")
	} else if status, _ := statusOf(err); status != http.StatusServiceUnavailable {
		t.Errorf("a request that found no place: %d, want 503", status)
	}
	release()
	if release, err := h.acquire(t.Context()); err != nil {
		t.Errorf("after release: %v", err)
	} else {
		release()
	}
}

func TestCSVSeparator(t *testing.T) {
	srv, _ := mustServer(t, Options{})
	status, _, body := get(t, srv, "/api/search?q=ni%C3%B1as&format=csv&sep=%3B")
	if status != 200 || !strings.HasPrefix(body, "\uFEFF\"referencia\";\"signatura\";\"título\";") {
		t.Errorf("sep=;: %d %.100q", status, body)
	}
	for _, s := range []string{",", "", "comma", ";", "semicolon", "puntoycoma"} {
		if _, err := search.ParseCSVSep(s); err != nil {
			t.Errorf("ParseCSVSep(%q): %v", s, err)
		}
	}
	if _, err := search.ParseCSVSep("|"); err == nil {
		t.Error(`ParseCSVSep("|") accepted`)
	}
}

// FuzzHTTPQuery sends the search endpoints any parameters and checks that
// the server answers without a server error and is alive afterwards: a
// panic in a goroutine the index starts would end the fuzzing process.
func FuzzHTTPQuery(f *testing.F) {
	for _, tt := range hostileQueries {
		u, _ := url.Parse(tt.path)
		v := u.Query()
		f.Add(v.Get("q"), v.Get("n"), v.Get("from"), v.Get("after"), v.Get("sort"), v.Get("format"), v.Get("sep"))
	}
	f.Add("51/34 §7", "", "", "", "", "", "")
	f.Add(`"derechos humanos" -niñas tipo:operativo fecha:2020..2023`, "5", "3", "", "date", "csv", ";")
	s := search.New(mustSampleIndex(f))
	h := Handler(s, Options{Timeout: 5 * time.Second})
	f.Fuzz(func(t *testing.T, q, n, from, after, sort, format, sep string) {
		v := url.Values{"q": {q}, "n": {n}, "from": {from}, "after": {after}, "sort": {sort}, "format": {format}, "sep": {sep}}
		for _, path := range []string{"/api/search?", "/?"} {
			req := httptest.NewRequest("GET", path+v.Encode(), nil)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code >= 500 && w.Code != http.StatusServiceUnavailable {
				t.Fatalf("GET %s: %d\n%.500s", req.URL, w.Code, w.Body.String())
			}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
		if w.Code != 200 {
			t.Fatalf("/healthz after %v: %d", v, w.Code)
		}
	})
}

// countingReader counts the bytes read from it.
type countingReader struct {
	n    int
	left int
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.left == 0 {
		return 0, io.EOF
	}
	k := min(len(p), c.left)
	c.n += k
	c.left -= k
	return k, nil
}

// TestIngestProtocol checks what the server refuses of the signed ingest
// requests beyond a bad signature: an unsigned request before its body is
// read, a time too far from the server's, and a replayed nonce; and that
// the nonce log forgets only nonces whose time is no longer accepted.
func TestIngestProtocol(t *testing.T) {
	ix := mustSampleIndex(t)
	h := Handler(search.New(ix), Options{IngestToken: "secret", Writer: ix})
	body := &countingReader{left: 100 << 20}
	req := httptest.NewRequest("POST", "/api/ingest", body)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 403 || body.n > 0 {
		t.Errorf("unsigned 100 MB POST: %d after reading %d bytes, want 403 before reading", w.Code, body.n)
	}
	signed := func(unix time.Time, nonce string) int {
		b := []byte(`["doc-none"]`)
		u := strconv.FormatInt(unix.Unix(), 10)
		req := httptest.NewRequest("POST", "/api/delete", bytes.NewReader(b))
		Sign(req, "secret", b)
		req.Header.Set(HeaderNonce, nonce)
		req.Header.Set(HeaderTime, u)
		req.Header.Set(HeaderSignature, SignHeaders("secret", nonce, u, "/api/delete", int64(len(b)), req.Header.Get(HeaderBodyHash)))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w.Code
	}
	if code := signed(time.Now().Add(-10*time.Minute), NewNonce()); code != 403 {
		t.Errorf("a request signed 10 minutes ago: %d, want 403", code)
	}
	if code := signed(time.Now().Add(10*time.Minute), NewNonce()); code != 403 {
		t.Errorf("a request signed 10 minutes ahead: %d, want 403", code)
	}
	nonce := NewNonce()
	if code := signed(time.Now(), nonce); code != 200 {
		t.Errorf("a signed delete: %d, want 200", code)
	}
	if code := signed(time.Now(), nonce); code != 403 {
		t.Errorf("the same nonce again: %d, want 403", code)
	}

	var log nonceLog
	t0 := time.Now()
	for i := range 20_000 { // more than the old fixed bound: no lock-out
		if !log.fresh(fmt.Sprint("n", i), t0) {
			t.Fatalf("nonce %d refused", i)
		}
	}
	if log.fresh("n1", t0.Add(MaxClockSkew)) {
		t.Error("a nonce was accepted twice while its time is still accepted")
	}
	log.fresh("later", t0.Add(3*MaxClockSkew))
	if len(log.seen) != 1 {
		t.Errorf("after 3×MaxClockSkew the log holds %d nonces, want the last one only", len(log.seen))
	}
}

// TestCSVExportCutShort checks that an export of all results that stops
// early says so in its last row (the status was sent with the first page).
func TestCSVExportCutShort(t *testing.T) {
	ix := mustSampleIndex(t)
	// More hits than one page of an export (MaxPageSize).
	doc := &corpus.Document{ID: "doc-zarzamora", Source: "zarzamora.txt", Format: corpus.FormatText, Kind: corpus.KindPage}
	for i := range search.MaxPageSize + 200 {
		text := fmt.Sprintf("Párrafo %d sobre la zarzamora.", i)
		doc.Paragraphs = append(doc.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Kind: corpus.Plain, Text: text, Original: text})
	}
	if err := ix.Add(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		timeout    time.Duration
		incomplete bool
	}{{time.Nanosecond, true}, {0, false}} {
		srv := httptest.NewServer(Handler(search.New(ix), Options{ExportTimeout: tt.timeout}))
		status, _, body := get(t, srv, "/api/search?q=zarzamora&format=csv&all=1")
		srv.Close()
		lines := strings.Split(strings.TrimSpace(body), "\r\n")
		last := lines[len(lines)-1]
		if status != 200 || strings.Contains(last, "exportación incompleta") != tt.incomplete {
			t.Errorf("export timeout %v: %d, %d rows, last %.200q", tt.timeout, status, len(lines), last)
		}
		if !tt.incomplete && len(lines) != search.MaxPageSize+200+1 {
			t.Errorf("a whole export has %d rows, want %d", len(lines), search.MaxPageSize+200+1)
		}
	}
}

// TestIngestWithoutWriter checks that a server given a token but nowhere
// to write documents (Options.Writer nil) refuses the ingest protocol as
// one without a token does: no proof, no signed request taken.
func TestIngestWithoutWriter(t *testing.T) {
	h := Handler(search.New(mustSampleIndex(t)), Options{IngestToken: "secret"})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/ingest/challenge?nonce="+NewNonce(), nil))
	if w.Code != 403 {
		t.Errorf("challenge: %d, want 403", w.Code)
	}
	b := []byte(`["doc-none"]`)
	req := httptest.NewRequest("POST", "/api/delete", bytes.NewReader(b))
	Sign(req, "secret", b)
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Code != 403 {
		t.Errorf("a signed delete: %d, want 403", w.Code)
	}
}
