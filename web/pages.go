package web

import (
	"cmp"
	"context"
	"embed"
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/search"
)

//go:embed assets/pages.html assets/style.css assets/app.js
var webFS embed.FS

type pageTemplates struct{ t *template.Template }

func mustTemplates() *pageTemplates {
	funcs := template.FuncMap{"permalink": Permalink}
	return &pageTemplates{template.Must(template.New("pages.html").Funcs(funcs).ParseFS(webFS, "assets/pages.html"))}
}

// page adapts a page handler that returns an error to one that renders an
// error page with the right status.
func (h *handler) page(f func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), h.opt.Timeout)
		defer cancel()
		writeDeadline(w, h.opt.Timeout+writeGrace)
		err := h.limited(f)(w, r.WithContext(ctx))
		if err == nil {
			return
		}
		status, msg := statusOf(err)
		if status == http.StatusInternalServerError {
			h.logFailure("page failed", r, err)
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		h.pages.t.ExecuteTemplate(w, "error", map[string]any{
			"Title": statusText(status), "Status": fmt.Sprintf("%d %s", status, statusText(status)),
			"Error": msg, "Query": "", "Sort": "relevance", "Index": indexLabel(h.s),
		})
	}
}

func (h *handler) render(w http.ResponseWriter, status int, name string, data any) error {
	var b strings.Builder
	if err := h.pages.t.ExecuteTemplate(&b, name, data); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write([]byte(b.String()))
	return err
}

func (h *handler) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if name != "style.css" && name != "app.js" {
		http.NotFound(w, r)
		return
	}
	data, err := webFS.ReadFile("assets/" + name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	if strings.HasSuffix(name, ".css") {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	}
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(data)
}

// formatLabels name the source formats on the page.
var formatLabels = map[corpus.Format]string{
	corpus.FormatText: "texto", corpus.FormatMarkdown: "Markdown", corpus.FormatHTML: "HTML", corpus.FormatPDF: "PDF",
}

var kindLabels = map[corpus.ParagraphKind]string{
	corpus.Preambular: "preambular", corpus.Operative: "operativo", corpus.Heading: "encabezado",
	corpus.Plain: "párrafo", corpus.ListItem: "elemento de lista", corpus.Footnote: "nota",
}

// hitView is a hit as the page shows it.
type hitView struct {
	search.Hit
	Permalink, DocLink, KindLabel, Adopted string
	MissingText                            string // the query words the paragraph lacks: «a», «b»
	SectionText                            string // the headings above it: "Acceso a la justicia › Comité…"
	FromSectionText                        string // the query words found only there: «acceso», «justicia»
	Snippet                                template.HTML
}

type facetView struct {
	Label string
	Items []facetItem
}

type facetItem struct {
	Value, Href string
	Count       int
}

// docPath returns the path of a document page: "/d/A/HRC/RES/51/34".
func docPath(id string) string {
	parts := strings.Split(id, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return "/d/" + strings.Join(parts, "/")
}

// Permalink returns the permanent link of a hit's paragraph, which opens
// it and only it: "/p/A/HRC/RES/51/34/7" for paragraph 7 of a document
// with a symbol ("/p/A/HRC/RES/51/34/o3" by position), and for any other
// paragraph its reference (search.Hit.Ref, query.RefOf): "/p/?ref=S/RES/2776 (2025),
// Anexo A §7", "/p/?ref=Examen … (Ecuador), 2º §111.122". A link built
// without a reference goes by the document's ID and position.
func Permalink(h *search.Hit) string {
	if h.Symbol.IsFull() {
		sym := h.Symbol.String()
		switch h.Ref {
		case sym + " §" + h.Number.String():
			if h.Number != "" {
				return "/p/" + pathOf(sym) + "/" + url.PathEscape(h.Number.String())
			}
		case sym + " ¶" + strconv.Itoa(h.Ordinal):
			return "/p/" + pathOf(sym) + "/o" + strconv.Itoa(h.Ordinal)
		}
	}
	if h.Ref == "" {
		return "/p/" + pathOf(h.Doc) + "/o" + strconv.Itoa(h.Ordinal)
	}
	v := url.Values{"ref": {h.Ref}}
	if !h.Symbol.IsFull() && h.Doc != "" {
		// Two documents may share a title, country and date: the ID
		// tells the link which (and keeps it working if a new reading
		// of the file changes its title). The page shows the reference.
		v.Set("doc", h.Doc)
	}
	return "/p/?" + v.Encode()
}

// pathOf escapes each part of a symbol or ID for a path.
func pathOf(s string) string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// safeHighlight returns a highlight fragment as HTML in which the only
// markup is <mark>: everything else is escaped again, whatever the
// fragment held.
func safeHighlight(frag string) template.HTML {
	s := html.EscapeString(html.UnescapeString(strings.NewReplacer("<mark>", "\x00", "</mark>", "\x01").Replace(frag)))
	s = strings.NewReplacer("\x00", "<mark>", "\x01", "</mark>").Replace(s)
	return template.HTML(s)
}

// markRepairs returns text as HTML with each word OCR repair changed marked,
// its original form in the title.
func markRepairs(text, original string, reps []corpus.Repair) template.HTML {
	if len(reps) == 0 {
		return template.HTML(html.EscapeString(text))
	}
	from := map[string]string{}
	for _, r := range reps {
		if !strings.Contains(r.To, " ") {
			from[r.To] = r.From
		}
	}
	inOriginal := map[string]bool{}
	for _, w := range strings.Fields(original) {
		inOriginal[core(w)] = true
	}
	var b strings.Builder
	for i, w := range strings.Fields(text) {
		if i > 0 {
			b.WriteByte(' ')
		}
		c := core(w)
		if f, ok := from[c]; ok && !inOriginal[c] {
			pre, post, _ := strings.Cut(w, c)
			fmt.Fprintf(&b, `%s<mark class="rep" title="Reparado; el original decía «%s»">%s</mark>%s`,
				html.EscapeString(pre), html.EscapeString(f), html.EscapeString(c), html.EscapeString(post))
			continue
		}
		b.WriteString(html.EscapeString(w))
	}
	return template.HTML(b.String())
}

func core(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func (h *handler) newHitView(hit search.Hit) hitView {
	v := hitView{Hit: hit, Permalink: Permalink(&hit), DocLink: docPath(hit.Doc), KindLabel: kindLabels[hit.Kind], Adopted: hit.Adopted.String()}
	if len(hit.Missing) > 0 {
		v.MissingText = search.Guillemets(hit.Missing)
	}
	v.SectionText = strings.Join(hit.Section, " › ")
	if len(hit.FromSection) > 0 {
		v.FromSectionText = search.Guillemets(hit.FromSection)
	}
	if len(hit.Highlights) > 0 {
		v.Snippet = safeHighlight(hit.Highlights[0])
	} else {
		v.Snippet = template.HTML(html.EscapeString(search.Truncate(hit.Text, 300)))
	}
	return v
}

// appliedText says in Spanish what a query did.
func appliedText(a search.Applied) string {
	var parts []string
	if a.Folding {
		parts = append(parts, "sin distinguir tildes ni mayúsculas")
	}
	if a.Stemming {
		parts = append(parts, "singular y plural")
	}
	if a.Original {
		parts = append(parts, "también en el texto original antes de reparar el OCR")
	}
	if a.Fuzzy {
		parts = append(parts, "con tolerancia a errores (~)")
	}
	if a.Prefix {
		parts = append(parts, "por prefijo (*)")
	}
	if a.Literal {
		parts = append(parts, "forma literal entre comillas simples")
	}
	out := ""
	if len(parts) > 0 {
		out = "Búsqueda " + strings.Join(parts, ", ") + "."
	}
	if len(a.StopWords) > 0 {
		out += " Palabras demasiado comunes, no buscadas: " + strings.Join(a.StopWords, ", ") + "."
	}
	if len(a.Acronyms) > 0 {
		out += " " + search.AcronymsText(a.Acronyms)
	}
	return strings.TrimSpace(out)
}

func searchURL(q, sort string, extra url.Values) string {
	v := url.Values{"q": {q}}
	if sort != "" && sort != "relevance" {
		v.Set("sort", sort)
	}
	for k, vs := range extra {
		v[k] = vs
	}
	return "/?" + v.Encode()
}

// quoteValue quotes a facet value for a field filter when it has spaces.
func quoteValue(s string) string {
	if strings.ContainsAny(s, " ()") {
		return `"` + strings.ReplaceAll(s, `"`, "") + `"`
	}
	return s
}

func (h *handler) pageSearch(w http.ResponseWriter, r *http.Request) error {
	v := r.URL.Query()
	q, sort := strings.TrimSpace(v.Get("q")), v.Get("sort")
	if sort == "" {
		sort = "relevance"
	}
	data := map[string]any{"Title": "Buscar", "Query": q, "Sort": sort, "Index": indexLabel(h.s)}
	if q == "" {
		return h.render(w, http.StatusOK, "search", data)
	}
	start, _ := strconv.Atoi(v.Get("start"))
	start = max(start, 0)
	req := search.Request{Query: q, Size: 20, After: v.Get("after"), Sort: sort, Facets: true}
	res, err := h.s.Search(r.Context(), req)
	if err != nil {
		status, msg := statusOf(err)
		if status >= 500 {
			return err
		}
		if errors.Is(err, search.ErrNotFound) {
			msg = "No hay ningún documento o párrafo con esa referencia en el índice: " + msg
		}
		data["Error"] = msg
		return h.render(w, status, "search", data)
	}
	var hits []hitView
	for _, hit := range res.Hits {
		hits = append(hits, h.newHitView(hit))
	}
	facetFields := []struct{ field, label, prefix string }{
		{"kind", "Tipo de párrafo", "tipo:"}, {"body", "Órgano", "organo:"}, {"country", "País", "pais:"}, {"entities", "Entidades", "entidad:"},
		{"cites", "Documentos citados", "cita:"}, {"symbol", "Documento", "simbolo:"}, {"format", "Formato", "formato:"},
		{"recurs", "Texto repetido", "recurre:"},
	}
	var facets []facetView
	for _, f := range facetFields {
		fv := facetView{Label: f.label}
		for i, c := range res.Facets[f.field] {
			if i == 12 {
				break
			}
			value := c.Value
			label := value
			switch f.field {
			case "kind":
				value = corpus.ParagraphKind(c.Value).Spanish()
				label = kindLabels[corpus.ParagraphKind(c.Value)]
			case "format":
				label = cmp.Or(formatLabels[corpus.Format(c.Value)], c.Value)
			}
			if f.field == "recurs" {
				switch c.Value {
				case "yes":
					value, label = "si", "ya aparecía en un documento anterior"
				case "no":
					value, label = "no", "nuevo (ningún documento anterior lo dice)"
				default:
					value, label = "?", "desconocido (ni las fechas ni las signaturas dicen qué documento es anterior)"
				}
			}
			filter := f.prefix + quoteValue(value)
			if strings.Contains(q, filter) {
				continue
			}
			fv.Items = append(fv.Items, facetItem{Value: label, Count: c.Count, Href: searchURL(q+" "+filter, sort, nil)})
		}
		facets = append(facets, fv)
	}
	data["Results"] = res
	data["One"] = res.Total == 1
	data["Hits"] = hits
	data["Facets"] = facets
	data["Applied"] = appliedText(res.Applied)
	if rec := res.Applied.Recovery; rec != nil {
		data["Suggest"] = suggestedQueries(rec, sort)
	}
	data["First"] = start + 1
	data["CSV"] = "/api/search?" + url.Values{"q": {q}, "sort": {sort}, "format": {"csv"}, "all": {"1"}}.Encode()
	data["CSVSemicolon"] = "/api/search?" + url.Values{"q": {q}, "sort": {sort}, "format": {"csv"}, "all": {"1"}, "sep": {"semicolon"}}.Encode()
	if res.Next != "" {
		data["NextPage"] = searchURL(q, sort, url.Values{"after": {res.Next}, "start": {strconv.Itoa(start + len(hits))}})
	}
	if req.After != "" {
		data["FirstPage"] = searchURL(q, sort, nil)
	}
	return h.render(w, http.StatusOK, "search", data)
}

type paraView struct {
	corpus.Paragraph
	Text      template.HTML
	Original  string
	Repairs   int
	Permalink string
	KindLabel string
	Recur     *recurPanel // "También en"
}

func (h *handler) pageDocument(w http.ResponseWriter, r *http.Request) error {
	view, err := h.s.DocumentView(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	doc := view.Document
	recur := map[int][]search.Recurrence{}
	for _, r := range view.Recurrences {
		recur[r.Ordinal] = r.Recurrences
	}
	var paras []paraView
	for _, p := range doc.Paragraphs {
		hit := search.Hit{Doc: doc.ID, Ref: query.RefOf(doc, &p), Symbol: doc.Symbol, Paragraph: corpus.Paragraph{Ordinal: p.Ordinal, Number: p.Number}}
		pv := paraView{Paragraph: p, Text: markRepairs(p.Text, p.Original, p.Repairs), Permalink: Permalink(&hit), KindLabel: kindLabels[p.Kind], Repairs: len(p.Repairs),
			Recur: newRecurPanel(recur[p.Ordinal])}
		if len(p.Repairs) > 0 {
			pv.Original = p.Original
		}
		paras = append(paras, pv)
	}
	var cited []hitView
	for _, c := range view.CitedBy {
		cited = append(cited, h.newHitView(c))
	}
	title := doc.Name() // the symbol, else the title, else the file name
	return h.render(w, http.StatusOK, "document", map[string]any{
		"Title": title, "Query": "", "Sort": "relevance", "Index": indexLabel(h.s),
		"Doc": doc, "View": view, "Paras": paras, "CitedBy": cited, "Adopted": doc.Adopted.String(),
		"Damaged": doc.OCR != nil && doc.OCR.Damaged,
	})
}

// pageParagraph serves a paragraph's permanent link (see Permalink):
// /p/?ref=REFERENCE, /p/{symbol}/{number}, /p/{symbol}/o{position},
// /p/{document ID}/o{position} (links of earlier versions). A reference
// that names several paragraphs lists them.
func (h *handler) pageParagraph(w http.ResponseWriter, r *http.Request) error {
	hit, err := h.paragraphOf(r)
	var amb *search.AmbiguousError
	if errors.As(err, &amb) {
		var hits []hitView
		for _, c := range amb.Candidates {
			hits = append(hits, h.newHitView(c))
		}
		return h.render(w, http.StatusMultipleChoices, "candidates", map[string]any{
			"Title": amb.Ref, "Query": "", "Sort": "relevance", "Index": indexLabel(h.s),
			"Ref": amb.Ref, "Hits": hits,
		})
	}
	if err != nil {
		return err
	}
	var original string
	if len(hit.Repairs) > 0 {
		original = hit.Original
	}
	if err := h.s.ParagraphRecurrences(r.Context(), hit); err != nil {
		return err
	}
	return h.render(w, http.StatusOK, "paragraph", map[string]any{
		"Title": hit.Ref, "Query": "", "Sort": "relevance", "Index": indexLabel(h.s),
		"Hit": hit, "Text": markRepairs(hit.Text, hit.Original, hit.Repairs), "Original": original,
		"DocLink": docPath(hit.Doc) + "#p" + strconv.Itoa(hit.Ordinal), "KindLabel": kindLabels[hit.Kind],
		"Recur": newRecurPanel(hit.Recurrences),
	})
}

// paragraphOf returns the paragraph a permanent link names.
func (h *handler) paragraphOf(r *http.Request) (*search.Hit, error) {
	if ref := strings.TrimSpace(r.URL.Query().Get("ref")); ref != "" && r.PathValue("ref") == "" {
		hit, err := h.s.ParagraphByRef(r.Context(), r.URL.Query().Get("doc"), ref)
		var np *search.NotParagraphError
		if errors.As(err, &np) {
			return nil, notFoundf("«%s» nombra un documento, no un párrafo: %s", np.Ref, docPath(np.Doc))
		}
		return hit, err
	}
	base, last := path.Split(r.PathValue("ref"))
	base = strings.TrimSuffix(base, "/")
	ref := query.Reference{Part: strings.TrimSpace(r.URL.Query().Get("parte"))}
	n, ok := corpus.ParseNumber(last)
	if o, err := strconv.Atoi(strings.TrimPrefix(last, "o")); strings.HasPrefix(last, "o") && err == nil && o > 0 {
		n, ok, ref.Ordinal = "", true, o
	}
	ref.Paragraph = n
	if base == "" || !ok {
		return nil, notFoundf("%s no es un enlace a un párrafo (escriba /p/A/HRC/RES/51/34/7, /p/A/HRC/17/18/84.3 o /p/?ref=REFERENCIA)", r.URL.Path)
	}
	return h.s.ParagraphAt(r.Context(), base, ref)
}

// suggestion is a query the page offers instead of one that found
// nothing, with what it finds.
type suggestion struct {
	Query, Href, Why string
	Total            string
}

// suggestedQueries returns the alternatives of a recovery as links.
func suggestedQueries(rec *search.Recovery, sort string) []suggestion {
	var out []suggestion
	for _, a := range rec.Alternatives {
		out = append(out, suggestion{Query: a.Query, Href: searchURL(a.Query, sort, nil), Why: a.Why, Total: search.ParagraphsText(a.Total)})
	}
	return out
}
