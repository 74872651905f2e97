package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/lineage"
	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/search"
)

// Searcher is what the handlers need of a search engine: a
// *search.Searcher.
type Searcher interface {
	Search(ctx context.Context, req search.Request) (*search.Results, error)
	Show(ctx context.Context, ref string) (*search.ShowResult, error)
	DocumentView(ctx context.Context, id string) (*search.DocumentView, error)
	Diff(ctx context.Context, refA, refB string) (*lineage.Diff, error)
	ParagraphByRef(ctx context.Context, doc, ref string) (*search.Hit, error)
	ParagraphAt(ctx context.Context, base string, ref query.Reference) (*search.Hit, error)
	ParagraphRecurrences(ctx context.Context, h *search.Hit) error
	IndexVersion() string
	IndexParagraphs() (uint64, error)
}

// Writer is where the ingest endpoint adds and deletes documents: a
// *recurrence.Linker (which works out the paragraphs' recurrence flags)
// or an *index.Index.
type Writer interface {
	Add(ctx context.Context, docs ...*corpus.Document) error
	Delete(ids ...string) error
}

// Options configures Handler. The zero value serves searches with the
// defaults and refuses POST /api/ingest.
type Options struct {
	// IngestToken, when set with Writer, lets a request signed with it
	// (see Sign) add documents to Writer with POST /api/ingest and remove
	// them with POST /api/delete. relatoria ingest uses it to add
	// documents through a running server; the token itself is never
	// sent.
	IngestToken string
	// Writer is where signed ingest requests add and delete documents.
	Writer Writer
	// Timeout bounds the work of one request, API or page; 0 means 10 s.
	Timeout time.Duration
	// ExportTimeout bounds a CSV export of all results (all=1), page
	// after page, each page also within Timeout; 0 means 4 minutes.
	ExportTimeout time.Duration
	// AllowedHosts, when set, lists the host names (without port) a
	// request's Host header may name; any other gets 421. A server on a
	// loopback address allows only localhost, 127.0.0.1 and [::1], so that
	// a web page whose name was rebound to 127.0.0.1 (DNS rebinding)
	// cannot read the index.
	AllowedHosts []string
	// AllowIPHosts, with AllowedHosts, also lets a request address the
	// server by any IP address (a server on all addresses, reached by its
	// LAN address): a web page that rebinds its name still names itself.
	AllowIPHosts bool
	// MaxConcurrent bounds the requests served at once (searches and
	// pages); a request waits for a place until its deadline. 0 means 4
	// per CPU.
	MaxConcurrent int
	// MaxExports bounds the CSV exports of all results (all=1) served at
	// once, apart from MaxConcurrent: exports that a client stopped
	// reading never hold up searches. 0 means 2.
	MaxExports int
	// ExportWriteTimeout bounds the writing of each page of an export: a
	// client that stops reading ends its export within it. 0 means 30 s.
	ExportWriteTimeout time.Duration
	// Logger receives internal errors; nil means slog.Default().
	Logger *slog.Logger
}

// MaxIngestBody is the largest POST /api/ingest body the server reads
// (from a signed request; see authenticate). A batch of relatoria ingest
// (8,000 paragraphs) is 6–8 MB of JSON, and the Client sends at most
// ClientBatchBytes in one request; a single document may be larger (the
// document of a 64 MiB text file, split into paragraphs of at most 16,000
// characters, is about 150 MB of JSON), up to this.
const MaxIngestBody = 160 << 20

// maxDeleteBody is the largest POST /api/delete body.
const maxDeleteBody = 16 << 20

// ingestAtOnce is how many ingest requests the server works on at once:
// indexing uses every core already.
const ingestAtOnce = 1

// Handler returns the HTTP interface of a Searcher:
//
//	GET  /api/search?q=&n=&from=&after=&sort=&format=json|csv|text&all=1
//	GET  /api/show?ref=51/34%20§7
//	GET  /api/documents/{id}
//	GET  /api/diff?a=OLD&b=NEW&format=json|text&color=1
//	POST /api/ingest            (with the ingest token; JSON array of documents)
//	POST /api/delete            (with the ingest token; JSON array of document IDs)
//	GET  /healthz
//	GET  /                      the web page: search, facets, pages
//	GET  /d/{id}                a document, paragraphs in order (#p7 anchors)
//	GET  /p/{symbol}/{n}        a paragraph permalink: /p/A/HRC/RES/51/34/7
//	GET  /diff?a=OLD&b=NEW      two documents aligned (a empty: NEW's predecessor)
//
// JSON bodies are those of the CLI's -json. Errors are JSON on /api/ ({"error",
// "status"}) and pages elsewhere: 400 for a query the user must fix, 404 for
// an unknown reference, 500 only for the server's own failures, which are
// logged.
func Handler(s Searcher, opt Options) http.Handler {
	if opt.Timeout <= 0 {
		opt.Timeout = 10 * time.Second
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.ExportTimeout <= 0 {
		opt.ExportTimeout = 4 * time.Minute
	}
	if opt.MaxConcurrent <= 0 {
		opt.MaxConcurrent = 4 * runtime.GOMAXPROCS(0)
	}
	if opt.MaxExports <= 0 {
		opt.MaxExports = 2
	}
	if opt.ExportWriteTimeout <= 0 {
		opt.ExportWriteTimeout = 30 * time.Second
	}
	h := &handler{s: s, opt: opt, pages: mustTemplates(), slots: make(chan struct{}, opt.MaxConcurrent), ingests: make(chan struct{}, ingestAtOnce), exports: make(chan struct{}, opt.MaxExports)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", h.serveHealthz)
	mux.HandleFunc("GET /api/ingest/challenge", h.api(h.serveChallenge))
	mux.HandleFunc("GET /api/search", h.api(h.searchOrExport))
	mux.HandleFunc("GET /api/show", h.api(h.limited(h.serveShow)))
	mux.HandleFunc("GET /api/documents/{id...}", h.api(h.limited(h.serveDocument)))
	mux.HandleFunc("GET /api/diff", h.api(h.limited(h.serveDiff)))
	mux.HandleFunc("POST /api/ingest", h.api(h.serveIngest))
	mux.HandleFunc("POST /api/delete", h.api(h.serveDelete))
	mux.HandleFunc("GET /api/", h.api(func(w http.ResponseWriter, r *http.Request) error {
		return notFoundf("no existe ese punto de la API: %s", r.URL.Path)
	}))
	mux.HandleFunc("GET /{$}", h.page(h.pageSearch))
	mux.HandleFunc("GET /d/{id...}", h.page(h.pageDocument))
	mux.HandleFunc("GET /p/{ref...}", h.page(h.pageParagraph))
	mux.HandleFunc("GET /diff", h.page(h.pageDiff))
	mux.HandleFunc("GET /static/{file}", h.serveStatic)
	mux.HandleFunc("/", h.page(func(w http.ResponseWriter, r *http.Request) error {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			return &httpError{http.StatusMethodNotAllowed, "método no permitido"}
		}
		return notFoundf("no existe esa página: %s", r.URL.Path)
	}))
	return securityHeaders(checkHost(opt.AllowedHosts, opt.AllowIPHosts, mux))
}

type handler struct {
	s      Searcher
	opt    Options
	pages  *pageTemplates
	slots  chan struct{} // one a request being served (MaxConcurrent)
	nonces nonceLog      // of the signed ingest requests
	// ingests holds one place an ingest or delete request being served
	// (ingestAtOnce), apart from slots: searches do not wait for them.
	ingests chan struct{}
	// exports holds one place an export of all results (MaxExports).
	exports chan struct{}
}

// LoopbackHosts are the host names a server on a loopback address answers
// to.
var LoopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// checkHost refuses, with 421, a request whose Host header names a host
// not in allowed, nor an IP address when anyIP is set (all hosts when
// allowed is empty).
func checkHost(allowed []string, anyIP bool, next http.Handler) http.Handler {
	if len(allowed) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := r.Host
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if anyIP && net.ParseIP(host) != nil {
			next.ServeHTTP(w, r)
			return
		}
		for _, a := range allowed {
			if strings.EqualFold(host, a) {
				next.ServeHTTP(w, r)
				return
			}
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusMisdirectedRequest)
		fmt.Fprintf(w, "421: este servidor no responde al nombre %q; ábralo como http://localhost o http://127.0.0.1 (o arránquelo con -allow-host %s si hay un proxy delante)\n", r.Host, host)
	})
}

// acquire takes a place among the requests served at once, waiting until
// ctx is done; release gives it back.
func (h *handler) acquire(ctx context.Context) (release func(), err error) {
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots }, nil
	case <-ctx.Done():
		return nil, &httpError{http.StatusServiceUnavailable, "el servidor está ocupado con otras búsquedas; vuelva a intentarlo en unos segundos"}
	}
}

// api adapts a handler that returns an error to one that answers JSON
// errors, within the request deadline. The endpoints of the ingest
// protocol are not counted among the requests at once (see limited): a
// busy server still answers relatoria ingest.
func (h *handler) api(f func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(context.WithValue(r.Context(), clientContextKey{}, r.Context()), h.opt.Timeout)
		defer cancel()
		writeDeadline(w, h.opt.Timeout+writeGrace)
		var err error
		if _, perr := url.ParseQuery(r.URL.RawQuery); perr != nil && strings.Contains(r.URL.RawQuery, ";") {
			// Go drops a parameter with a bare ";" (sep=;) without a
			// word: say so rather than answer as if it were not there.
			err = &httpError{http.StatusBadRequest, "la dirección lleva un «;» sin codificar, que no se puede leer: escriba %3B (sep=%3B, o sep=semicolon)"}
		} else {
			err = f(w, r.WithContext(ctx))
		}
		if err == nil {
			return
		}
		status, msg := statusOf(err)
		if status == http.StatusInternalServerError {
			h.logFailure("request failed", r, err)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		search.WriteJSON(w, errorJSON(err, status, msg))
	}
}

// writeGrace is how long past its deadline a response may take to be
// written: a client that stops reading frees its place then.
const writeGrace = 10 * time.Second

// writeDeadline bounds the writing of the response to d from now (where
// the connection allows it: not a test recorder).
func writeDeadline(w http.ResponseWriter, d time.Duration) {
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(d))
}

// searchOrExport serves GET /api/search: an export of all results in one
// of the places of MaxExports, anything else in one of MaxConcurrent.
func (h *handler) searchOrExport(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	if v.Get("format") != "csv" || v.Get("all") != "1" {
		return h.limited(h.serveSearch)(w, r)
	}
	select {
	case h.exports <- struct{}{}:
	case <-r.Context().Done():
		return &httpError{http.StatusServiceUnavailable, "hay demasiadas exportaciones en curso; vuelva a intentarlo en unos minutos"}
	}
	defer func() { <-h.exports }()
	return h.serveSearch(w, r)
}

// limited runs f in one of the places of MaxConcurrent.
func (h *handler) limited(f func(http.ResponseWriter, *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		release, err := h.acquire(r.Context())
		if err != nil {
			return err
		}
		defer release()
		return f(w, r)
	}
}

// logFailure logs a server's own failure, with the stack of a panic
// recovered in the index.
func (h *handler) logFailure(msg string, r *http.Request, err error) {
	args := []any{"path", r.URL.Path, "query", r.URL.RawQuery, "err", err}
	var pe *index.PanicError
	if errors.As(err, &pe) {
		args = append(args, "stack", string(pe.Stack))
	}
	h.opt.Logger.Error(msg, args...)
}

func writeJSONResponse(w http.ResponseWriter, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	return search.WriteJSON(w, v)
}

// serveHealthz answers at once, outside the limit of requests at once:
// it says the process is alive.
func (h *handler) serveHealthz(w http.ResponseWriter, r *http.Request) {
	writeJSONResponse(w, map[string]string{"status": "ok", "index": h.s.IndexVersion()})
}

// requestFromQuery reads a search.Request from URL parameters.
func requestFromQuery(r *http.Request) (search.Request, error) {
	v := r.URL.Query()
	req := search.Request{Query: v.Get("q"), After: v.Get("after"), Sort: v.Get("sort"), Facets: true, Strict: v.Get("strict") == "1"}
	if strings.TrimSpace(req.Query) == "" {
		return req, &httpError{http.StatusBadRequest, "falta la consulta: añada ?q=…"}
	}
	for name, dst := range map[string]*int{"n": &req.Size, "from": &req.From} {
		if s := v.Get(name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return req, &httpError{http.StatusBadRequest, fmt.Sprintf("%s=%q no es un número entero no negativo", name, s)}
			}
			*dst = n
		}
	}
	return req, nil
}

func (h *handler) serveSearch(w http.ResponseWriter, r *http.Request) error {
	req, err := requestFromQuery(r)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	switch format {
	case "", "json":
		res, err := h.s.Search(r.Context(), req)
		if err != nil {
			return err
		}
		return writeJSONResponse(w, res)
	case "text":
		res, err := h.s.Search(r.Context(), req)
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		search.WriteText(w, res, req.From)
		return nil
	case "csv":
		return h.serveCSV(w, r, req)
	}
	return &httpError{http.StatusBadRequest, fmt.Sprintf("format=%q: use json, csv o text", format)}
}

// serveCSV exports one page of hits, or with all=1 every hit (up to
// search.MaxExportRows), page after page, as it goes. An export that stops
// before the last hit (ExportTimeout, a failed search) ends with a row
// that says so: the status was sent with the first page.
func (h *handler) serveCSV(w http.ResponseWriter, r *http.Request, req search.Request) error {
	all := r.URL.Query().Get("all") == "1"
	sep, err := search.ParseCSVSep(r.URL.Query().Get("sep"))
	if err != nil {
		return err
	}
	req.Facets = false
	if all {
		req.Size, req.From = search.MaxPageSize, 0
	}
	res, err := h.s.Search(r.Context(), req)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="relatoria.csv"`)
	if all {
		writeDeadline(w, h.opt.ExportWriteTimeout)
	}
	if err := search.WriteCSV(w, res.Hits, true, sep); err != nil {
		return nil // the client went away; nothing more to say
	}
	// The request's own deadline was for the first page; the export has
	// ExportTimeout, and ends when the client goes away.
	export, cancel := context.WithTimeout(clientContext(r), h.opt.ExportTimeout)
	defer cancel()
	rows, total := len(res.Hits), res.Total
	for all && res.Next != "" && rows < search.MaxExportRows {
		ctx, cancelPage := context.WithTimeout(export, h.opt.Timeout)
		req.After = res.Next
		res, err = h.s.Search(ctx, req)
		cancelPage()
		if clientContext(r).Err() != nil {
			return nil // nobody to tell
		}
		if err != nil {
			_, msg := statusOf(err)
			if errors.Is(err, context.DeadlineExceeded) {
				msg = fmt.Sprintf("la exportación pasó de %s", h.opt.ExportTimeout)
			}
			search.WriteCSVNote(w, sep, fmt.Sprintf("# exportación incompleta: %s; se escribieron %d de %d filas", msg, rows, total))
			return nil
		}
		// Each page has its time to be written: a client that stops
		// reading ends the export.
		writeDeadline(w, h.opt.ExportWriteTimeout)
		if search.WriteCSV(w, res.Hits, false, sep) != nil {
			return nil
		}
		rows += len(res.Hits)
	}
	return nil
}

// clientContextKey keys the context of a request before its deadline (see
// api), which is done only when the client goes away.
type clientContextKey struct{}

// clientContext returns the context of r before the handler's deadline.
func clientContext(r *http.Request) context.Context {
	if ctx, ok := r.Context().Value(clientContextKey{}).(context.Context); ok {
		return ctx
	}
	return r.Context()
}

func (h *handler) serveShow(w http.ResponseWriter, r *http.Request) error {
	ref := r.URL.Query().Get("ref")
	if strings.TrimSpace(ref) == "" {
		return &httpError{http.StatusBadRequest, "falta la referencia: añada ?ref=51/34%20§7"}
	}
	res, err := h.s.Show(r.Context(), ref)
	if err != nil {
		return err
	}
	if res.Paragraph != nil {
		return writeJSONResponse(w, res.Paragraph)
	}
	return writeJSONResponse(w, res.Document)
}

// serveDiff answers GET /api/diff?a=OLD&b=NEW: the alignment of two
// documents (a empty: NEW and its predecessor) as relatoria diff prints
// it, JSON or, with format=text, text (color=1: with a terminal's
// colours).
func (h *handler) serveDiff(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	a, b := strings.TrimSpace(v.Get("a")), strings.TrimSpace(v.Get("b"))
	if b == "" {
		return &httpError{http.StatusBadRequest, "falta el documento nuevo: añada ?b=S/RES/2776%20(2025) (y a= el anterior, o nada para su predecesor)"}
	}
	format := v.Get("format")
	if format != "" && format != "json" && format != "text" {
		return &httpError{http.StatusBadRequest, fmt.Sprintf("format=%q: use json o text", format)}
	}
	d, err := h.s.Diff(r.Context(), a, b)
	if err != nil {
		return err
	}
	if format == "text" {
		m := lineage.PlainMarkers
		if v.Get("color") == "1" {
			m = lineage.ColorMarkers
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		return d.WriteText(w, m)
	}
	return writeJSONResponse(w, d)
}

func (h *handler) serveDocument(w http.ResponseWriter, r *http.Request) error {
	v, err := h.s.DocumentView(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSONResponse(w, v)
}

// serveIngest adds the documents of the request body (a JSON array of
// corpus.Document) to the index. It answers 403 unless the server was
// given an ingest token and the request is signed with it (see
// authenticate), before reading the body.
func (h *handler) serveIngest(w http.ResponseWriter, r *http.Request) error {
	body, release, err := h.readSigned(w, r, MaxIngestBody)
	if err != nil {
		return err
	}
	defer release()
	var docs []*corpus.Document
	if err := json.Unmarshal(body, &docs); err != nil {
		return &httpError{http.StatusBadRequest, "el cuerpo no es una lista JSON de documentos: " + err.Error()}
	}
	body = nil
	paragraphs := 0
	for _, d := range docs {
		if d == nil || d.ID == "" {
			return &httpError{http.StatusBadRequest, "un documento no tiene id"}
		}
		paragraphs += len(d.Paragraphs)
	}
	// Indexing is not the user's query: do not cut it short.
	if err := h.opt.Writer.Add(context.WithoutCancel(r.Context()), docs...); err != nil {
		return err
	}
	return writeJSONResponse(w, map[string]int{"documents": len(docs), "paragraphs": paragraphs})
}

// readSigned authenticates a request of the ingest protocol, waits for
// its place among the ingest requests (until the request's deadline), and
// reads its body. release gives the place back.
func (h *handler) readSigned(w http.ResponseWriter, r *http.Request, limit int64) (body []byte, release func(), err error) {
	if err := h.authenticate(r, limit); err != nil {
		return nil, nil, err // before reading a byte of the body
	}
	select {
	case h.ingests <- struct{}{}:
	case <-r.Context().Done():
		return nil, nil, &httpError{http.StatusServiceUnavailable, "el servidor está indexando otros documentos; vuelva a intentarlo"}
	}
	release = func() { <-h.ingests }
	if body, err = h.signedBody(w, r); err != nil {
		release()
		return nil, nil, err
	}
	return body, release, nil
}

// serveDelete removes the documents whose IDs the request body lists (a
// JSON array of strings), signed as serveIngest's.
func (h *handler) serveDelete(w http.ResponseWriter, r *http.Request) error {
	body, release, err := h.readSigned(w, r, maxDeleteBody)
	if err != nil {
		return err
	}
	defer release()
	var ids []string
	if err := json.Unmarshal(body, &ids); err != nil {
		return &httpError{http.StatusBadRequest, "el cuerpo no es una lista JSON de identificadores de documento"}
	}
	if err := h.opt.Writer.Delete(ids...); err != nil {
		return err
	}
	return writeJSONResponse(w, map[string]int{"deleted": len(ids)})
}

// securityHeaders sets the headers every response carries: no sniffing, no
// framing, and a content security policy that allows only the page's own
// style sheet and script.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
		next.ServeHTTP(w, r)
	})
}
