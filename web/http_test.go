package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/search"
)

// mustServer serves the sample index with opt; signed ingest requests
// write to the index itself (opt.Writer, unless set).
func mustServer(tb testing.TB, opt Options) (*httptest.Server, *search.Searcher) {
	tb.Helper()
	s := search.New(mustSampleIndex(tb))
	if opt.Writer == nil {
		opt.Writer = s.Index()
	}
	srv := httptest.NewServer(Handler(s, opt))
	tb.Cleanup(srv.Close)
	return srv, s
}

func get(t *testing.T, srv *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(body)
}

func TestHTTPEndpoints(t *testing.T) {
	srv, _ := mustServer(t, Options{})
	q := url.QueryEscape
	for _, tt := range []struct {
		path     string
		status   int
		ctype    string
		contains []string
	}{
		{"/healthz", 200, "application/json", []string{`"status": "ok"`, `"index": "format`}},
		{"/api/search?q=" + q("cooperación técnica") + "&n=3", 200, "application/json", []string{`"total": 17`, `"ref": "A/HRC/RES/51/34`, `<mark>`, `"facets"`, `"applied"`}},
		{"/api/search?q=" + q("51/34 §7"), 200, "application/json", []string{`"reference": "51/34 §7"`, `"number": "7"`}},
		{"/api/search?q=" + q("niñas") + "&format=text", 200, "text/plain", []string{"párrafos para", "«niñas»"}},
		{"/api/search?q=" + q("niñas") + "&format=csv&n=100", 200, "text/csv", []string{"\uFEFF\"referencia\",\"signatura\"", "A/HRC/RES/51/34"}},
		{"/api/search?q=" + q("niñas") + "&sort=date", 200, "application/json", []string{`"total"`}},
		{"/api/show?ref=" + q("51/34 §7"), 200, "application/json", []string{`"kind": "operative"`, `"text": "Destaca la importancia`}},
		{"/api/show?ref=" + q("A/HRC/RES/51/34"), 200, "application/json", []string{`"cites"`, `"A/RES/60/251"`, `"cited_by"`}},
		{"/api/documents/A/HRC/RES/51/34", 200, "application/json", []string{`"symbol": "A/HRC/RES/51/34"`, `"paragraphs"`}},
		{"/", 200, "text/html", []string{"<form", `role="search"`, "Buscar"}},
		{"/?q=" + q("cooperación técnica"), 200, "text/html", []string{"<mark>cooperación</mark>", `aria-label="Filtros"`, "Descargar CSV", "sep=semicolon", "/p/A/HRC/RES/51/34/"}},
		{"/d/A/HRC/RES/51/34", 200, "text/html", []string{`id="p25"`, `class="rep"`, "Texto original", "Citada por"}},
		{"/p/A/HRC/RES/51/34/7", 200, "text/html", []string{"Destaca la importancia", "A/HRC/RES/51/34 §7"}},
		{"/static/style.css", 200, "text/css", []string{"mark"}},
		// No paragraph has every word: the best partial matches, said so.
		{"/api/search?q=" + q("cooperación técnica Ginebra"), 200, "application/json", []string{`"recovery"`, `"required": 2`, `"unknown": [`, `"missing": [`}},
		{"/?q=" + q("cooperación técnica Ginebra"), 200, "text/html", []string{"Ningún párrafo contiene todas las palabras; se muestran los que contienen 2 de 3 (falta: «Ginebra»)", "Le falta: «Ginebra»"}},
		{"/?q=" + q("cooperación cooperaciom"), 200, "text/html", []string{"se muestran los resultados de «cooperación cooperación»"}}, {"/?q=" + q("tipo:operativo UN80"), 200, "text/html", []string{"cumple el filtro tipo:operativo", `<a href="/?q=UN80" class="alt"`}},
		// Bad input: 400 with the reason, 404 for what does not exist.
		{"/api/search?q=" + q("niñas ("), 400, "application/json", []string{"el paréntesis abierto aquí no se cierra", `"code": "syntax"`, `"position": 7`, `"mensaje"`}},
		{"/api/search", 400, "application/json", []string{"falta la consulta"}},
		{"/api/search?q=x&n=5000", 400, "application/json", []string{"supera el límite"}},
		{"/api/search?q=x&n=abc", 400, "application/json", []string{"no es un número entero no negativo"}},
		{"/api/search?q=x&format=xml", 400, "application/json", []string{"use json, csv o text"}},
		{"/api/search?q=" + q("tipo:nada"), 400, "application/json", []string{"no es un tipo de párrafo"}},
		{"/api/search?q=violencia&format=csv&sep=;", 400, "application/json", []string{"sin codificar", "%3B"}},
		{"/api/search?q=" + q("fecha:2023..2020"), 400, "application/json", []string{"el intervalo termina antes de empezar"}},
		{"/api/search?q=x&after=garbage", 400, "application/json", []string{"cursor no válido"}},
		{"/api/search?q=" + q(strings.Repeat("a ", 600)), 400, "application/json", []string{"demasiado larga"}},
		{"/api/show?ref=" + q("51/34 §99"), 404, "application/json", []string{"no existe ese párrafo"}},
		{"/api/show?ref=" + q("99/99"), 404, "application/json", []string{"no existe ese documento"}},
		{"/api/show?ref=hola", 400, "application/json", []string{"no es una referencia"}},
		{"/api/documents/no-such-doc", 404, "application/json", []string{"no está en el índice"}},
		{"/api/nothing", 404, "application/json", []string{"no existe ese punto de la API"}},
		{"/?q=" + q("niñas ("), 400, "text/html", []string{"el paréntesis abierto aquí no se cierra"}},
		{"/p/A/HRC/RES/51/34/99", 404, "text/html", []string{"no existe ese párrafo"}},
		{"/p/nothing", 404, "text/html", []string{"no es un enlace a un párrafo"}},
		{"/d/no-such-doc", 404, "text/html", []string{"no está en el índice"}},
		{"/static/../../go.mod", 404, "", nil},
		{"/static/pages.html", 404, "", nil},
		{"/no/such/page", 404, "text/html", []string{"no existe esa página"}},
	} {
		status, h, body := get(t, srv, tt.path)
		if status != tt.status || !strings.HasPrefix(h.Get("Content-Type"), tt.ctype) {
			t.Errorf("GET %s = %d %s, want %d %s\n%s", tt.path, status, h.Get("Content-Type"), tt.status, tt.ctype, search.Truncate(body, 300))
			continue
		}
		for _, c := range tt.contains {
			if !strings.Contains(body, c) {
				t.Errorf("GET %s: body lacks %q\n%s", tt.path, c, search.Truncate(body, 400))
			}
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Content-Security-Policy") == "" {
			t.Errorf("GET %s: security headers missing", tt.path)
		}
	}
}

// TestHTTPJSONMatchesCLI checks that the API's JSON is the Searcher's
// result, encoded as the CLI encodes it.
func TestHTTPJSONMatchesCLI(t *testing.T) {
	srv, s := mustServer(t, Options{})
	_, _, body := get(t, srv, "/api/search?q="+url.QueryEscape("derechos de las niñas")+"&n=5")
	res, err := s.Search(t.Context(), search.Request{Query: "derechos de las niñas", Size: 5, Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	search.WriteJSON(&want, res)
	if body != want.String() {
		t.Errorf("API body differs from the CLI's JSON")
	}
}

func TestCSVExport(t *testing.T) {
	ix := mustSampleIndex(t)
	doc, _ := ingest.Read("formula.txt", []byte("=HYPERLINK(\"http://x\") derechos humanos\n\n+1 derechos\n\n@SUM(1) derechos"), ingest.Options{})
	ix.Add(t.Context(), doc)
	srv := httptest.NewServer(Handler(search.New(ix), Options{}))
	defer srv.Close()
	_, h, body := get(t, srv, "/api/search?q=derechos&format=csv&all=1")
	if !strings.HasPrefix(body, "\uFEFF") || !strings.Contains(h.Get("Content-Disposition"), "attachment") {
		t.Fatalf("no BOM or attachment: %q", h)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	_, _, js := get(t, srv, "/api/search?q=derechos&n=1")
	var res search.Results
	json.Unmarshal([]byte(js), &res)
	if len(rows) != int(res.Total)+1 {
		t.Errorf("CSV has %d rows, want all %d hits and a header", len(rows), res.Total)
	}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
	}
}

func TestHTTPIngest(t *testing.T) {
	srv, s := mustServer(t, Options{IngestToken: "secret"})
	doc := &corpus.Document{ID: "doc-new", Source: "new.txt", Format: corpus.FormatText, Kind: corpus.KindPage,
		Paragraphs: []corpus.Paragraph{{Ordinal: 1, Kind: corpus.Plain, Text: "Un párrafo sobre la zarzamora", Original: "Un párrafo sobre la zarzamora"}}}
	body, _ := json.Marshal([]*corpus.Document{doc})
	// post sends b signed with token and nonce ("" for no signature) and
	// returns the status and whether the answer proves the server did it.
	post := func(token, nonce string, b []byte) (int, bool) {
		req, _ := http.NewRequest("POST", srv.URL+"/api/ingest", bytes.NewReader(b))
		if token != "" {
			Sign(req, token, b)
			req.Header.Set(HeaderNonce, nonce)
			unix := req.Header.Get(HeaderTime)
			req.Header.Set(HeaderSignature, SignHeaders(token, nonce, unix, "/api/ingest", int64(len(b)), req.Header.Get(HeaderBodyHash)))
		}
		req.Header.Set("Authorization", "Bearer secret") // the token itself opens nothing
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, Verify(resp.Header.Get(HeaderProof), ResponseProof("secret", nonce))
	}
	if code, _ := post("", "", body); code != 403 {
		t.Errorf("ingest without a signature: %d, want 403", code)
	}
	if code, _ := post("wrong", NewNonce(), body); code != 403 {
		t.Errorf("ingest signed with a wrong token: %d, want 403", code)
	}
	if code, _ := post("secret", "short", body); code != 403 {
		t.Errorf("ingest with a short nonce: %d, want 403", code)
	}
	if code, _ := post("secret", NewNonce(), []byte("{not json")); code != 400 {
		t.Errorf("ingest of bad JSON: %d, want 400", code)
	}
	nonce := NewNonce()
	code, proved := post("secret", nonce, body)
	if code != 200 || !proved {
		t.Fatalf("ingest: %d, proof %v", code, proved)
	}
	if code, _ := post("secret", nonce, body); code != 403 {
		t.Errorf("a replayed request: %d, want 403", code)
	}
	res, err := s.Search(t.Context(), search.Request{Query: "zarzamora"})
	if err != nil || res.Total != 1 {
		t.Errorf("after ingest through the server: %v, %v", res, err)
	}

	// The challenge proves the server holds the token without sending it.
	nonce = NewNonce()
	status, _, answer := get(t, srv, "/api/ingest/challenge?nonce="+nonce)
	var ch struct{ Proof string }
	json.Unmarshal([]byte(answer), &ch)
	if status != 200 || !Verify(ch.Proof, Proof("secret", nonce)) || strings.Contains(answer, "secret") {
		t.Errorf("challenge: %d %s", status, answer)
	}
	if status, _, _ := get(t, srv, "/api/ingest/challenge"); status != 400 {
		t.Errorf("challenge without a nonce: %d, want 400", status)
	}
}

// TestEscaping checks that a document and a query holding HTML render as
// text.
func TestEscaping(t *testing.T) {
	ix := mustSampleIndex(t)
	doc, _ := ingest.Read("xss.html", []byte(`<html><body><main><h1>Informe &lt;script&gt;alert(1)&lt;/script&gt;</h1><p>Los derechos &lt;img src=x onerror=alert(2)&gt; de las personas.</p></main></body></html>`), ingest.Options{})
	ix.Add(t.Context(), doc)
	srv := httptest.NewServer(Handler(search.New(ix), Options{}))
	defer srv.Close()
	for _, path := range []string{
		"/?q=" + url.QueryEscape(`derechos personas`),
		"/?q=" + url.QueryEscape(`"><script>alert(3)</script>`),
		"/d/" + doc.ID,
	} {
		_, _, body := get(t, srv, path)
		for _, bad := range []string{"<script>alert", "<img src=x"} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: unescaped %q in the page", path, bad)
			}
		}
	}
}
