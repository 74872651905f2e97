package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/search"
)

// loadPaths are the requests the load test sends: API searches with and
// without filters, references, pages, documents, exports.
var loadPaths = func() []string {
	qs := []string{"cooperación técnica", "derechos de las niñas", `"diálogo constructivo"`, "tipo:operativo capacidad",
		"entidad:ACNUR", "cita:60/251", "violencia género", "coopera*", "didlogo~", "51/34 §7", "ONU Mujeres -OEA", "plazo:..2025-12-31"}
	var out []string
	for _, q := range qs {
		out = append(out, "/api/search?q="+url.QueryEscape(q), "/?q="+url.QueryEscape(q))
	}
	return append(out, "/api/show?ref="+url.QueryEscape("51/34 §7"), "/d/A/HRC/RES/51/34", "/p/A/HRC/RES/51/34/7",
		"/api/search?format=csv&q=derechos", "/healthz")
}()

// TestLoad sends requests from 20 concurrent clients over loopback while
// documents are being added to the index, and checks that every request
// is answered without error. It runs only when RELATORIA_LOAD_SECONDS
// says for how long (CI runs it for 3 s, RELATORIA_LONG=1 for 60).
func TestLoad(t *testing.T) {
	seconds, err := strconv.Atoi(os.Getenv("RELATORIA_LOAD_SECONDS"))
	if err != nil || seconds <= 0 {
		t.Skip("a load test: RELATORIA_LOAD_SECONDS=3 go test ./web -run TestLoad -v")
	}
	s := search.New(mustSampleIndex(t))
	srv := httptest.NewServer(Handler(s, Options{}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 32}, Timeout: 30 * time.Second}

	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(seconds)*time.Second)
	defer cancel()
	var ingested atomic.Int64
	var wg sync.WaitGroup
	// An ingest running during the load: a new document every 50 ms.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ctx.Err() == nil; i++ {
			id := fmt.Sprintf("load-%d", i)
			text := fmt.Sprintf("Párrafo %d añadido durante la prueba de carga sobre cooperación técnica.", i)
			doc := &corpus.Document{ID: id, Source: id + ".txt", Format: corpus.FormatText, Kind: corpus.KindPage,
				Paragraphs: []corpus.Paragraph{{Ordinal: 1, Kind: corpus.Plain, Text: text, Original: text}}}
			if err := s.Index().Add(context.Background(), doc); err != nil {
				t.Errorf("ingest during load: %v", err)
				return
			}
			ingested.Add(1)
			time.Sleep(50 * time.Millisecond)
		}
	}()
	const clients = 20
	var mu sync.Mutex
	var latencies []time.Duration
	var failures []string
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for i := c; ctx.Err() == nil; i++ {
				path := loadPaths[i%len(loadPaths)]
				start := time.Now()
				resp, err := client.Get(srv.URL + path)
				if err != nil {
					if ctx.Err() != nil {
						break
					}
					mu.Lock()
					failures = append(failures, path+": "+err.Error())
					mu.Unlock()
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(start))
				if resp.StatusCode != http.StatusOK {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%s: %s", path, resp.Status))
					mu.Unlock()
				}
			}
			mu.Lock()
			latencies = append(latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(failures) > 0 {
		t.Errorf("%d of %d requests failed, e.g. %v", len(failures), len(latencies)+len(failures), failures[:min(5, len(failures))])
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration { return latencies[int(p*float64(len(latencies)-1))] }
	t.Logf("%d clients, %d s, %d requests (%.0f/s), 0 errors expected, %d errors; latency p50 %s p95 %s p99 %s max %s; %d documents ingested meanwhile",
		clients, seconds, len(latencies), float64(len(latencies))/float64(seconds), len(failures),
		pct(0.50).Round(time.Microsecond), pct(0.95).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), latencies[len(latencies)-1].Round(time.Microsecond), ingested.Load())
	res, _ := s.Search(context.Background(), search.Request{Query: "prueba de carga"})
	if res == nil || res.Total != uint64(ingested.Load()) {
		t.Errorf("documents ingested during the load: %d, searchable: %v", ingested.Load(), res)
	}
}

// BenchmarkHandler measures the latency of typical requests served by the
// handler (no network), reporting p50 and p99.
func BenchmarkHandler(b *testing.B) {
	s := search.New(mustSampleIndex(b))
	h := Handler(s, Options{})
	var lat []time.Duration
	i := 0
	for b.Loop() {
		req := httptest.NewRequest("GET", loadPaths[i%len(loadPaths)], nil)
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, req)
		lat = append(lat, time.Since(start))
		if rec.Code != 200 {
			b.Fatalf("%s: %d", req.URL, rec.Code)
		}
		i++
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
}
