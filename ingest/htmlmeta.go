package ingest

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest/extract"
	"github.com/relatoria/relatoria/spanish"
)

// A web page's identity: its encoding, its headline and its date, read
// from the page itself.

// htmlEncoding returns the encoding of an HTML page. Valid UTF-8 is UTF-8
// whatever the page declares or omits (a page without a charset was read
// as Windows-1252, "Mejías" → "MejÃas"; pages declaring ISO-8859-1 are
// often UTF-8); otherwise the byte-order mark, the declared charset, or
// Windows-1252, which WHATWG reads ISO-8859-1 as, are used. A page that
// declares UTF-8 but is not, and reads as Latin text, is Windows-1252.
func htmlEncoding(data []byte) encoding.Encoding {
	if u := utf16Kind(data); u != nil {
		return u
	}
	body := data
	if len(body) >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF {
		body = body[3:]
	}
	if utf8.Valid(body) {
		return xunicode.UTF8
	}
	enc, name, _ := charset.DetermineEncoding(data, "text/html")
	if name == "utf-8" && !hasMultibyteUTF8(body) && plausibleLatin(body) {
		return charmap.Windows1252
	}
	return enc
}

// pageIdentity is what a page says of itself: its headline and the date
// it was published, and where its article is: the content root widened
// to the headline (see widenToHeadline) and the elements on the way to
// the headline, which are read whatever their kind.
type pageIdentity struct {
	headline  string
	published corpus.Date
	content   *html.Node
	keep      map[*html.Node]bool
	// host is the page's own host name, from its og:url or canonical
	// link, without "www." ("nacion.com"), or "" when it declares neither.
	host string
}

// pageHost returns the host name of the address a page declares for
// itself (og:url, else <link rel="canonical">), lower-cased, or "".
func pageHost(root *html.Node, m pageMeta) string {
	u := m.meta["og:url"]
	if u == "" {
		if l := findFunc(root, func(n *html.Node) bool {
			return n.DataAtom == atom.Link && attr(n, "rel") == "canonical"
		}); l != nil {
			u = rawAttr(l, "href")
		}
	}
	return hostOf(u)
}

// hostOf returns the lower-cased host of an absolute address without
// "www." ("https://www.nacion.com/x" → "nacion.com"), or "".
func hostOf(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}

// readIdentity reads a page's headline and date from its metadata and
// markup (see headline and publishedDate), given its content root.
func readIdentity(root, content *html.Node) pageIdentity {
	m := readMeta(root)
	id := pageIdentity{headline: headline(root, content, m), host: pageHost(root, m)}
	var h *html.Node
	id.content, id.keep, h = widenToHeadline(root, content, id.headline)
	id.published = publishedDate(root, id.content, h, m)
	return id
}

// pageMeta holds the metadata a page declares: <meta> by name, property
// or itemprop (lower-cased), the JSON-LD objects, and <title>.
type pageMeta struct {
	meta   map[string]string // the first value of each key
	jsonLD []map[string]any
	title  string
}

func readMeta(root *html.Node) pageMeta {
	m := pageMeta{meta: map[string]string{}}
	forEach(root, 0, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.DataAtom {
		case atom.Meta:
			content := strings.TrimSpace(rawAttr(n, "content"))
			if content == "" {
				return
			}
			for _, k := range []string{"property", "name", "itemprop"} {
				if key := strings.ToLower(strings.TrimSpace(rawAttr(n, k))); key != "" {
					if _, seen := m.meta[key]; !seen {
						m.meta[key] = content
					}
				}
			}
		case atom.Title:
			if m.title == "" {
				m.title = strings.TrimSpace(textOf(n))
			}
		case atom.Script:
			if strings.Contains(attr(n, "type"), "ld+json") {
				m.jsonLD = append(m.jsonLD, jsonLDObjects(textOf(n))...)
			}
		}
	})
	return m
}

// rawAttr returns an attribute's value as written (attr lowers it).
func rawAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// jsonLDObjects returns the objects of a JSON-LD script: the top object,
// the items of a top array, and those of an "@graph".
func jsonLDObjects(s string) []map[string]any {
	// Pages write raw line breaks and tabs inside JSON strings, which JSON
	// forbids: as spaces they parse.
	s = strings.Map(func(r rune) rune {
		if r < ' ' {
			return ' '
		}
		return r
	}, s)
	var v any
	if json.Unmarshal([]byte(strings.TrimSpace(s)), &v) != nil {
		return nil
	}
	var out []map[string]any
	var walk func(v any, depth int)
	walk = func(v any, depth int) {
		if depth > 3 {
			return
		}
		switch t := v.(type) {
		case []any:
			for _, x := range t {
				walk(x, depth+1)
			}
		case map[string]any:
			out = append(out, t)
			if g, ok := t["@graph"]; ok {
				walk(g, depth+1)
			}
		}
	}
	walk(v, 0)
	return out
}

// jsonLDString returns the first string value of key among objs of an
// article type (NewsArticle, Article, BlogPosting, Report, WebPage…), the
// article types first.
func jsonLDString(objs []map[string]any, key string) string {
	for _, articles := range []bool{true, false} {
		for _, o := range objs {
			if isArticleType(o["@type"]) != articles {
				continue
			}
			if s, ok := o[key].(string); ok && strings.TrimSpace(s) != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

// jsonLDStrings returns every string value of key among objs, those of
// article types first.
func jsonLDStrings(objs []map[string]any, key string) []string {
	var out []string
	for _, articles := range []bool{true, false} {
		for _, o := range objs {
			if isArticleType(o["@type"]) != articles {
				continue
			}
			if s, ok := o[key].(string); ok && strings.TrimSpace(s) != "" {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
	return out
}

func isArticleType(t any) bool {
	switch v := t.(type) {
	case string:
		l := strings.ToLower(v)
		return strings.Contains(l, "article") || strings.Contains(l, "posting") || strings.Contains(l, "report")
	case []any:
		for _, x := range v {
			if isArticleType(x) {
				return true
			}
		}
	}
	return false
}

// headline returns a page's headline: the heading it prints (an <h1>, or
// a heading marked as the title) when it agrees with the title the
// metadata declares (og:title, JSON-LD headline, twitter:title, <title>),
// else that declared title without the site's name; never a section label,
// an advertisement label or a button ("Publicidad", "Nacionales", "Dona").
// It returns "" when the page has neither.
func headline(root, content *html.Node, m pageMeta) string {
	declared := ""
	for _, t := range []string{m.meta["og:title"], jsonLDString(m.jsonLD, "headline"), m.meta["twitter:title"], m.title} {
		if t = cleanTitle(t); t != "" && !isLabel(t) {
			declared = t
			break
		}
	}
	var printed []string
	forEach(root, 0, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if n.DataAtom == atom.H1 || isHeading(n) && hasTitleClass(n) {
			if t := headingText(n); t != "" && !insideFurniture(n) {
				printed = append(printed, t)
			}
		}
	})
	if declared != "" {
		// A printed heading may be one part of the declared title
		// ("“La Corte…” | Todo listo para…"): each part is compared.
		parts := []string{declared}
		for _, t := range []string{m.meta["og:title"], m.title} {
			parts = append(parts, titleSeparators.Split(html.UnescapeString(t), -1)...)
		}
		best, bestScore := "", 0.0
		for _, p := range printed {
			for _, d := range parts {
				if s := agreement(p, d); s > bestScore && !isLabel(p) {
					best, bestScore = p, s
				}
			}
		}
		if bestScore >= 0.8 {
			return best
		}
		// A page whose content prints one headline of its own, unlike
		// the title it declares for search engines and sharing: the
		// headline a reader sees.
		if h := soleHeadline(content); h != "" {
			return h
		}
		return declared
	}
	// No declared title: the first printed heading in the content, then
	// anywhere, that is no label.
	for _, p := range printed {
		if !isLabel(p) {
			return p
		}
	}
	return ""
}

// soleHeadline returns the text of the only <h1> of the content root
// when it reads as a headline (four words or more, no label), else "".
func soleHeadline(content *html.Node) string {
	if content == nil || content.DataAtom == atom.Body {
		return ""
	}
	var h1s []string
	forEach(content, 0, func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.H1 && !insideFurniture(n) {
			h1s = append(h1s, headingText(n))
		}
	})
	if len(h1s) != 1 || isLabel(h1s[0]) || len(strings.Fields(h1s[0])) < 4 {
		return ""
	}
	return h1s[0]
}

func isHeading(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3:
		return true
	}
	return false
}

// hasTitleClass reports whether an element's class or itemprop marks it as
// the article's title.
func hasTitleClass(n *html.Node) bool {
	if attr(n, "itemprop") == "headline" {
		return true
	}
	for _, part := range attrParts(n, "class") {
		switch part {
		case "headline", "title", "titulo", "titular", "entry":
			return true
		}
	}
	return false
}

// headingText returns the text of a heading without what its links to the
// site's home add ("Ultima Hora Mallorca" inside the <h1> of a headline).
func headingText(n *html.Node) string {
	var b strings.Builder
	var walk func(c *html.Node, depth int)
	walk = func(c *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
			b.WriteByte(' ')
			return
		}
		if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Svg, atom.Img, atom.Button:
				return
			case atom.A:
				if href := rawAttr(c, "href"); (href == "/" || strings.HasSuffix(href, ".html") && strings.Count(href, "/") <= 1) && c.Parent == n && n.FirstChild != c {
					return // the site's name after the headline
				}
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k, depth+1)
		}
	}
	walk(n, 0)
	return strings.TrimSpace(spanish.CollapseSpace(b.String()))
}

// insideFurniture reports whether n is inside an element that is never
// content (navigation, a footer, a form, an advertisement, a related list).
func insideFurniture(n *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (skipElement(p) || furnitureKind(p) != "") {
			return true
		}
	}
	return false
}

// titleSeparators split a declared title into the headline and the site's
// name or sections: "Titular | Sitio", "Titular » Local » Noticias » Sitio".
var titleSeparators = regexp.MustCompile(`\s+(?:\||»|::|—|–|-)\s+`)

// cleanTitle returns the longest part of a declared title, which is the
// headline beside the site's name and section names.
func cleanTitle(t string) string {
	t = strings.TrimSpace(spanish.CollapseSpace(html.UnescapeString(t)))
	best := ""
	for _, part := range titleSeparators.Split(t, -1) {
		if part = strings.TrimSpace(part); utf8.RuneCountInString(part) > utf8.RuneCountInString(best) {
			best = part
		}
	}
	return best
}

// labels are the texts that head sections, advertisements and buttons of
// news sites: never a headline.
var labels = map[string]bool{
	"publicidad": true, "anuncio": true, "patrocinado": true, "contenido patrocinado": true,
	"nacionales": true, "internacionales": true, "nacional": true, "internacional": true, "noticias": true,
	"política": true, "opinión": true, "sociedad": true, "justicia": true, "derechos humanos": true,
	"últimas noticias": true, "lo último": true, "portada": true, "inicio": true, "menú": true, "buscar": true,
	"dona": true, "donar": true, "dona ahora": true, "haz un donativo": true, "haz una donación": true,
	"suscríbete": true, "suscribite": true, "hazte socio": true, "hazte socia": true, "colabora": true,
	"comunicados": true, "comunicados de prensa": true, "prensa": true, "sala de prensa": true, "actualidad": true,
	"te puede interesar": true, "relacionadas": true, "noticias relacionadas": true, "más leídas": true, "lo más leído": true,
}

// isLabel reports whether t is a section, advertisement or button label
// rather than a headline: one of labels, or a single word.
func isLabel(t string) bool {
	l := strings.ToLower(strings.Trim(t, " .:!¡"))
	return labels[l] || len(strings.Fields(l)) <= 1
}

// agreement scores how well a printed heading agrees with the declared
// title: the harmonic mean of the shares of each one's words in the other.
func agreement(printed, declared string) float64 {
	pw, dw := titleWords(printed), titleWords(declared)
	if len(pw) == 0 || len(dw) == 0 {
		return 0
	}
	in := func(ws []string, set map[string]bool) int {
		n := 0
		for _, w := range ws {
			if set[w] {
				n++
			}
		}
		return n
	}
	ps, ds := map[string]bool{}, map[string]bool{}
	for _, w := range pw {
		ps[w] = true
	}
	for _, w := range dw {
		ds[w] = true
	}
	recall := float64(in(dw, ps)) / float64(len(dw))
	precision := float64(in(pw, ds)) / float64(len(pw))
	if recall+precision == 0 {
		return 0
	}
	return 2 * recall * precision / (recall + precision)
}

func titleWords(s string) []string {
	return strings.FieldsFunc(spanish.FoldLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// dateKeys are the metadata that give a page's publication date, most
// trusted first (never its modification date).
var dateKeys = []string{
	"article:published_time", "og:article:published_time", "datepublished", "published_time",
	"pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "date",
	"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "dcterms.date",
	"sailthru.date", "parsely-pub-date", "article.published", "fecha",
}

// publishedDate returns the date a page was published: declared in its
// metadata (article:published_time, JSON-LD datePublished, …) or on a
// <time> element, or printed with the article (see printedDate); the zero
// Date when none. Declared dates are wrong by a day often enough: a
// timestamp in UTC is a day ahead of the Americas in its first hours, and
// some sites write their local time with a wrong offset (El Siglo's
// "02:10-05:00" for a story it dates "martes 26 de abril de 2022 - 9:10
// p.m."). So the date the page prints wins when it is the declared day,
// the one before or the one after; a printed date further off is taken
// for another date (an event's) and the declared one stays. Among
// declared dates, one with a local offset comes before one in UTC.
func publishedDate(root, content, headline *html.Node, m pageMeta) corpus.Date {
	var cands []pageDate
	add := func(s string) {
		if d, ok := parsePageDate(s); ok {
			cands = append(cands, d)
		}
	}
	for _, k := range dateKeys {
		add(m.meta[k])
	}
	for _, key := range []string{"datePublished", "dateCreated"} {
		for _, v := range jsonLDStrings(m.jsonLD, key) {
			add(v)
		}
	}
	// <time>: one marked as the publication date, else the first in the
	// content.
	var marked, first *html.Node
	forEach(root, 0, func(n *html.Node) {
		if n.Type != html.ElementNode || n.DataAtom != atom.Time || insideFurniture(n) {
			return
		}
		if marked == nil && (attr(n, "itemprop") == "datepublished" || hasAttr(n, "pubdate") || classHas(n, "publish", "published", "publicado", "fecha", "date", "dateline")) {
			marked = n
		}
		if first == nil && within(n, content) {
			first = n
		}
	})
	for _, n := range []*html.Node{marked, first} {
		if n != nil {
			add(rawAttr(n, "datetime"))
			add(textOf(n))
		}
	}
	printed := printedDate(content, headline)
	if len(cands) == 0 {
		return printed
	}
	best := cands[0]
	for _, c := range cands {
		if c.local {
			best = c
			break
		}
	}
	if !printed.IsZero() && (printed == best.Date || printed == dayBefore(best.Date) || best.Date == dayBefore(printed)) {
		return printed
	}
	return best.Date
}

// maxDateBlocks is how many blocks after the headline printedDate reads
// for the date line: a deck, a byline, a caption come first on some
// pages; maxDateBlocksBefore, how many before it (a date line above the
// headline: "Managua, Nicaragua 26, Abril, 2022 7:43 p.m.").
const (
	maxDateBlocks       = 15
	maxDateBlocksBefore = 5
)

// maxDateLine is the longest block, in runes, read as a date line ("Por
// Laura Jordán / 22 de Abril de 2022 - 00:00 HS"): a paragraph that
// mentions a date is longer.
const maxDateLine = 120

// printedDate returns the date the page prints with its article: on a
// short line among the first blocks after the headline (the one that
// says "Publicado" when several do), else among the few before it; else
// a line of the content that is a date and nothing else ("Lunes 18 Abril,
// 2022"); else in a dateline opening one of the content's first
// paragraphs ("Ciudad de México, 12 de marzo de 2021.–").
func printedDate(content, headline *html.Node) corpus.Date {
	var blocks []string
	at := -1 // the headline's block
	var visit func(n *html.Node, depth int)
	visit = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth || n.Type != html.ElementNode && n.Type != html.DocumentNode {
			return
		}
		if n.Type == html.ElementNode && n != headline && (skipElement(n) && !linkedDate(n) || notDateFurniture(n)) {
			return
		}
		if n == headline || n.Type == html.ElementNode && (isBlockElement(n.DataAtom) || n.DataAtom == atom.Time) && !hasBlockChild(n) {
			if t := spacedText(n, 0); t != "" {
				if n == headline {
					at = len(blocks)
				}
				blocks = append(blocks, t)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, depth+1)
		}
	}
	visit(content, 0)
	dateAt := func(i int) (corpus.Date, bool) {
		if utf8.RuneCountInString(blocks[i]) > maxDateLine {
			return corpus.Date{}, false
		}
		return findLineDate(blocks[i])
	}
	var found corpus.Date
	for i := at + 1; i < len(blocks) && i <= at+maxDateBlocks; i++ {
		if d, ok := dateAt(i); ok {
			if strings.Contains(strings.ToLower(blocks[i]), "publicad") {
				return d
			}
			if found.IsZero() {
				found = d
			}
		}
	}
	if !found.IsZero() {
		return found
	}
	for i := at - 1; i >= 0 && i >= at-maxDateBlocksBefore; i-- {
		if d, ok := dateAt(i); ok {
			return d
		}
	}
	for _, b := range blocks {
		if len(b) < 60 && dateLineRE.MatchString(b) {
			if d, ok := parsePageDate(b); ok {
				return d.Date
			}
		}
	}
	n := 0
	forEach(content, 0, func(p *html.Node) {
		if !found.IsZero() || n > 6 || p.Type != html.ElementNode || p.DataAtom != atom.P || insideFurniture(p) {
			return
		}
		t := textOf(p)
		if strings.TrimSpace(t) == "" {
			return
		}
		n++
		if d, ok := dateline(t); ok {
			found = d
		}
	})
	return found
}

// linkedDate reports whether n is a short line holding a date that is a
// link (to the day's archive: "<a href="/2022/04/26/">26 abril, 2022 -
// 8:10 pm</a>"), which skipElement takes for a menu.
func linkedDate(n *html.Node) bool {
	if markedSkip(n) || visibleTextLen(n, 0) > maxDateLine {
		return false
	}
	_, ok := findLineDate(spacedText(n, 0))
	return ok
}

// notDateFurniture reports whether n is furniture that holds no date of
// the article: a byline or a share bar does (they are read for it), a
// list of other stories does not.
func notDateFurniture(n *html.Node) bool {
	switch furnitureKind(n) {
	case "", furnAuthor, furnShare:
		return false
	}
	return true
}

// hasBlockChild reports whether an element holds a block element.
func hasBlockChild(n *html.Node) bool {
	found := false
	forEach(n, 0, func(c *html.Node) {
		if !found && c != n && c.Type == html.ElementNode && isBlockElement(c.DataAtom) {
			found = true
		}
	})
	return found
}

// spacedText returns the text under n with a space between its text
// nodes, which inline elements set side by side ("Jueves, 21 de Abril de
// 2022" and "21/04/2022"), without scripts and styles.
func spacedText(n *html.Node, depth int) string {
	var b strings.Builder
	var walk func(c *html.Node, depth int)
	walk = func(c *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
			b.WriteByte(' ')
			return
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg:
				return
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k, depth+1)
		}
	}
	walk(n, depth)
	return strings.TrimSpace(spanish.CollapseSpace(b.String()))
}

// findLineDate returns the first full date written in a short line, in the
// ways pages print one: "martes 26 de abril de 2022 - 9:10 p.m.", "26,
// Abril, 2022", "abr. 22, 2022", "3/5/2022 22:41" (day first),
// "2022-05-03".
func findLineDate(t string) (corpus.Date, bool) {
	s := monthFirst.ReplaceAllStringFunc(t, func(m string) string {
		p := monthFirst.FindStringSubmatch(m)
		return p[2] + " de " + monthName(p[1]) + " de " + p[3]
	})
	s = bareDate.ReplaceAllString(s, "$1 de $2 de $3")
	for _, d := range extract.Dates(s, "") {
		if d.Precision == "day" && d.Start == d.End && d.Start.Day > 0 && d.Start.Month > 0 {
			return d.Start, true
		}
	}
	if m := dmyAnywhere.FindStringSubmatch(t); m != nil {
		if d, ok := dayDate(m[3], m[2], m[1]); ok {
			return d, true
		}
	}
	if m := isoAnywhere.FindStringSubmatch(t); m != nil {
		if d, ok := dayDate(m[1], m[2], m[3]); ok {
			return d, true
		}
	}
	return corpus.Date{}, false
}

var (
	// A month before the day, as some Spanish sites print it: "abr. 22,
	// 2022", "mayo 11, 2022".
	monthFirst  = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|may|jun|jul|ago|sept?|set|oct|nov|dic)\.?\s+([0-3]?[0-9]),?\s+([12][0-9]{3})\b`)
	dmyAnywhere = regexp.MustCompile(`(?:^|[^0-9])([0-3]?[0-9])[/.-]([01]?[0-9])[/.-]([12][0-9]{3})(?:[^0-9]|$)`)
	isoAnywhere = regexp.MustCompile(`(?:^|[^0-9])([12][0-9]{3})-([01][0-9])-([0-3][0-9])(?:[^0-9]|$)`)
)

// monthName returns the Spanish month an abbreviation or name stands for.
func monthName(m string) string {
	m = strings.ToLower(m)
	for _, full := range []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"} {
		if strings.HasPrefix(full, m) {
			return full
		}
	}
	if m == "set" || m == "setiembre" {
		return "septiembre"
	}
	return m
}

// dayBefore returns the day before d (a day-precision date).
func dayBefore(d corpus.Date) corpus.Date {
	t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	return corpus.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// classHas reports whether one of n's class names or its id has one of
// parts as a part (split at "-" and "_").
func classHas(n *html.Node, parts ...string) bool {
	for _, p := range append(attrParts(n, "class"), attrParts(n, "id")...) {
		for _, want := range parts {
			if p == want {
				return true
			}
		}
	}
	return false
}

// attrParts returns the parts of an attribute's words, split at spaces,
// "-" and "_", in lower case: "c-article__share-bar" → c, article, share,
// bar.
func attrParts(n *html.Node, key string) []string {
	v := attr(n, key)
	if v == "" {
		return nil
	}
	return strings.FieldsFunc(v, func(r rune) bool { return r == ' ' || r == '-' || r == '_' || r == '\t' || r == '\n' })
}

func within(n, root *html.Node) bool {
	for p := n; p != nil; p = p.Parent {
		if p == root {
			return true
		}
	}
	return false
}

var (
	isoDate = regexp.MustCompile(`^\s*([12][0-9]{3})[-/]([01]?[0-9])[-/]([0-3]?[0-9])(?:[T\s]([0-2]?[0-9]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?\s*(Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})?)?`)
	dmyDate = regexp.MustCompile(`^\s*([0-3]?[0-9])[/.-]([01]?[0-9])[/.-]([12][0-9]{3})\b`)
	// A day, a month name and a year without "de": "09 enero 2014",
	// "18 Abril, 2022".
	// Also with commas: "26, Abril, 2022".
	bareDate = regexp.MustCompile(`(?i)\b([0-3]?[0-9]),?\s+(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre),?\s+([12][0-9]{3})\b`)
	// An RFC 1123 date, as some JSON-LD writes: "Wed, 04 May 2022 00:25:56 GMT".
	rfcDate = regexp.MustCompile(`^[A-Z][a-z]{2}, ([0-3]?[0-9]) ([A-Z][a-z]{2}) ([12][0-9]{3}) ([0-2][0-9]):[0-5][0-9](?::[0-5][0-9])? (GMT|UTC|[+-][0-9]{4})`)
)

// dateLineRE matches a line that is a date and nothing else: an optional
// weekday, the day, the month, the year, an optional time.
var dateLineRE = regexp.MustCompile(`(?i)^((lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+)?[0-3]?[0-9]\s+(de\s+)?(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre),?\s+(de\s+)?[12][0-9]{3}([\s,-]+[0-2]?[0-9]:[0-5][0-9]\s*(h|hs|am|pm|a\.\s?m\.|p\.\s?m\.)?)?\.?$`)

// pageDate is a date as a page declares it: the day, whether it was
// written in UTC (and its hour) or with a local offset.
type pageDate struct {
	corpus.Date
	utc   bool
	local bool
	hour  int
}

var shortMonths = map[string]int{"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}

// parsePageDate parses a date as pages write it: ISO 8601
// ("2021-03-12T10:00:00-05:00", "2022-5-3T23:57:00"), RFC 1123,
// "12/03/2021" (day first), or Spanish ("12 de marzo de 2021", "jueves, 09
// enero 2014 10:21"), to the day.
func parsePageDate(s string) (pageDate, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return pageDate{}, false
	}
	if m := isoDate.FindStringSubmatch(s); m != nil {
		d, ok := dayDate(m[1], m[2], m[3])
		pd := pageDate{Date: d}
		if m[4] != "" {
			pd.hour, _ = strconv.Atoi(m[4])
			switch zone := m[5]; {
			case zone == "Z" || zone == "UTC" || zone == "GMT" || strings.HasSuffix(zone, "00:00") || zone == "+0000" || zone == "-0000":
				pd.utc = true
			case zone != "":
				pd.local = true
			}
		}
		return pd, ok
	}
	if m := rfcDate.FindStringSubmatch(s); m != nil {
		mm, ok := shortMonths[m[2]]
		if !ok {
			return pageDate{}, false
		}
		d, ok := dayDate(m[3], strconv.Itoa(mm), m[1])
		h, _ := strconv.Atoi(m[4])
		return pageDate{Date: d, utc: m[5] == "GMT" || m[5] == "UTC" || m[5] == "+0000", local: m[5] != "GMT" && m[5] != "UTC" && m[5] != "+0000", hour: h}, ok
	}
	if m := dmyDate.FindStringSubmatch(s); m != nil {
		d, ok := dayDate(m[3], m[2], m[1])
		return pageDate{Date: d}, ok
	}
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return pageDate{}, false // a Unix time is no date a person wrote
	}
	s = bareDate.ReplaceAllString(s, "$1 de $2 de $3")
	for _, d := range extract.Dates(s, "") {
		if d.Precision == "day" && d.Start == d.End && d.Start.Day > 0 && d.Start.Month > 0 {
			return pageDate{Date: d.Start}, true
		}
	}
	return pageDate{}, false
}

func dayDate(y, m, d string) (corpus.Date, bool) {
	yy, _ := strconv.Atoi(y)
	mm, _ := strconv.Atoi(m)
	dd, _ := strconv.Atoi(d)
	if yy < 1900 || mm < 1 || mm > 12 || dd < 1 || dd > 31 {
		return corpus.Date{}, false
	}
	return corpus.Date{Year: yy, Month: mm, Day: dd}, true
}

// dateline returns the date a paragraph opens with, as agencies and
// courts write it: "Ciudad de México, 12 de marzo de 2021.– El …",
// "San José, 5 de mayo de 2019 (CIDH) …", "Lunes, 12 de marzo de 2021", or
// a short line that is a date.
func dateline(t string) (corpus.Date, bool) {
	t = strings.TrimSpace(t)
	head := t
	if len(head) > 90 {
		head = head[:90]
		for !utf8.ValidString(head) {
			head = head[:len(head)-1]
		}
	}
	head = bareDate.ReplaceAllString(head, "$1 de $2 de $3")
	for _, d := range extract.Dates(head, "") {
		if d.Precision != "day" || d.Start != d.End || d.Start.Day == 0 || d.Start.Month == 0 {
			continue
		}
		i := strings.Index(head, d.Text)
		before := strings.TrimSpace(head[:max(i, 0)])
		// Only a place or a weekday before the date, and a sentence after.
		if i >= 0 && utf8.RuneCountInString(before) <= 40 && !strings.ContainsAny(before, ";:") && (len(t) < 80 || strings.ContainsAny(head[i+len(d.Text):min(len(head), i+len(d.Text)+6)], ".–—-(/")) {
			return d.Start, true
		}
	}
	return corpus.Date{}, false
}
