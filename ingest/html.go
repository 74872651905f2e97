package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

// HTML is read for its main content only. The reader chooses the content
// root (of the <main>, role="main" and <article> elements, the one holding
// the page's prose, else <body>: see contentRoot), skips what is
// never content (script, style, noscript, nav, footer, aside, forms, figures,
// hidden and screen-reader-only elements, skip links) and any element whose
// text is mostly links (a menu), then turns each block element into a
// block: headings, list items (numbered in <ol>), paragraphs, table cells.
// We chose golang.org/x/net/html over a readability port because UN pages
// are well-formed and the paragraph boundaries, list numbers and heading
// levels must survive, which readability-style extractors flatten
// (see ECOSYSTEM.md in the project's shared notes).

// maxHTMLDepth bounds the element nesting the walker descends into, so that
// hostile pages with tens of thousands of nested tags cost linear time.
const maxHTMLDepth = 512

func readHTML(data []byte) (*extraction, error) {
	decoded, err := htmlEncoding(data).NewDecoder().Bytes(data)
	if err != nil {
		return nil, fmt.Errorf("no se puede decodificar el HTML: %v", err)
	}
	root, err := html.Parse(bytes.NewReader(decoded))
	if err != nil {
		// The parser refuses pathological pages (more than 512 open
		// elements): read their text with the tokenizer instead.
		return readHTMLTokens(decoded)
	}
	w := &htmlWalker{ex: &extraction{}}
	w.ex.title = strings.TrimSpace(textOf(find(root, atom.Title)))
	content := contentRoot(root)
	id := readIdentity(root, content)
	w.ex.headline, w.ex.published = id.headline, id.published
	content, w.keep, w.host = id.content, id.keep, id.host
	w.headlineAhead = id.headline != "" && strings.Contains(textOf(content), id.headline)
	w.rootProse = proseLen(content, 0)
	w.walk(content, 0)
	w.flush()
	dropTail(w.ex)
	if content != root {
		dropOutside(w.ex, root, content, 0)
	}
	return w.ex, nil
}

// maxHeaderText is the most text, in bytes, that widening the content
// root to the headline may add: a header holds the headline, a deck, a
// byline, a date and a few labels, never a page of other stories.
const maxHeaderText = 3000

// widenToHeadline returns the content root widened to hold the page's
// printed headline, the elements from the headline up to it, and the
// headline's element (nil when none is found). Many
// pages put the article's body in an <article> or <main> and its header
// (the headline, the deck under it) in a sibling before it: the root
// becomes the lowest element holding both, unless that is the whole body
// or adds more than maxHeaderText of text. The headline is an <h1>, or a
// heading marked as the title, whose text is the page's headline.
func widenToHeadline(root, content *html.Node, headline string) (*html.Node, map[*html.Node]bool, *html.Node) {
	if headline == "" {
		return content, nil, nil
	}
	var h *html.Node
	forEach(root, 0, func(n *html.Node) {
		if h != nil && within(h, content) || n.Type != html.ElementNode {
			return
		}
		if (n.DataAtom == atom.H1 || isHeading(n) && hasTitleClass(n)) && headingText(n) == headline {
			if h == nil || within(n, content) {
				h = n
			}
		}
	})
	if h == nil {
		return content, nil, nil
	}
	if !within(h, content) {
		lca := content
		for lca != nil && !within(h, lca) {
			lca = lca.Parent
		}
		if lca == nil || lca.Type != html.ElementNode || lca.DataAtom == atom.Body || lca.DataAtom == atom.Html ||
			visibleTextLen(lca, 0)-visibleTextLen(content, 0) > maxHeaderText {
			return content, nil, h
		}
		content = lca
	}
	keep := map[*html.Node]bool{}
	for p := h; p != nil && p != content; p = p.Parent {
		keep[p] = true
	}
	return content, keep, h
}

// visibleTextLen returns the length of the text under n outside scripts,
// styles and templates.
func visibleTextLen(n *html.Node, depth int) int {
	if depth > maxHTMLDepth {
		return 0
	}
	if n.Type == html.TextNode {
		return len(strings.TrimSpace(n.Data))
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg:
			return 0
		}
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += visibleTextLen(c, depth+1)
	}
	return total
}

// dropOutside records as site chrome the text of the page outside its
// content root: each text of the body that is not in content.
func dropOutside(ex *extraction, n, content *html.Node, depth int) {
	if n == content || depth > maxHTMLDepth {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Svg:
			return
		}
	}
	if n.Type == html.TextNode {
		ex.drop("chrome", strings.TrimSpace(n.Data))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		dropOutside(ex, c, content, depth+1)
	}
}

type htmlWalker struct {
	ex    *extraction
	lines []string
	buf   strings.Builder
	kind  corpus.ParagraphKind
	num   int
	ols   []int // item counters of the enclosing <ol> elements
	prose bool  // a block of 200 characters or more was kept
	// headlineAhead is set while the page's headline, printed in the
	// content, is still to come: short headings before it are labels.
	headlineAhead bool
	// keep holds the elements around the printed headline, which are
	// read even where their kind is skipped (an <h1> in a <figcaption>).
	keep map[*html.Node]bool
	// inLink counts the links the walk is in; chars and linked count
	// the letters of the block being read and those inside links.
	inLink, chars, linked int
	// afterRelated is set after a label over links to other stories
	// ("Te puede interesar"): the blocks of links that follow are theirs.
	afterRelated bool
	// rootProse is the prose of the content root (see proseLen).
	rootProse int
	// host is the page's host (see pageHost); inStory counts the links
	// to other pages of the site the walk is in, and storyLinked the
	// letters of the block being read inside them.
	host                 string
	inStory, storyLinked int
	// seen holds the text of the blocks kept of minRepeat bytes or more.
	seen map[string]bool
}

// minRepeat is the shortest block, in bytes, dropped when printed again:
// a sentence or more, never a label ("Foto", "Compartir") or a short line
// an article may well repeat.
const minRepeat = 100

// furniture returns the kind of furniture an element's class, id or label
// names it (see furnitureKind). One that holds prose is furniture still
// when it holds less than half of the content's prose: a comment thread
// below the article, an author's bio; a page's article marked
// "has-share-bar" holds the most of it.
func (w *htmlWalker) furniture(n *html.Node) string {
	kind := markedFurniture(n)
	if kind == "" || !holdsProse(n, 0) {
		return kind
	}
	if proseLen(n, 0)*2 < w.rootProse {
		return kind
	}
	return ""
}

func (w *htmlWalker) text(s string) {
	w.buf.WriteString(s)
	n := len(strings.TrimSpace(s))
	w.chars += n
	if w.inLink > 0 {
		w.linked += n
	}
	if w.inStory > 0 {
		w.storyLinked += n
	}
}

// storyLink reports whether href leads to another page of the page's own
// site (a relative address, or one on the page's host), not to a file
// (a picture, a PDF) or an anchor of the page.
func (w *htmlWalker) storyLink(href string) bool {
	h := strings.ToLower(strings.TrimSpace(href))
	if h == "" || strings.HasPrefix(h, "#") || strings.HasPrefix(h, "javascript:") || strings.HasPrefix(h, "mailto:") || isImageURL(h) || isFileURL(h) {
		return false
	}
	if strings.HasPrefix(h, "/") && !strings.HasPrefix(h, "//") {
		return true
	}
	return w.host != "" && hostOf(h) == w.host
}

// mostlyLinked reports whether 80% or more of the block being read sits
// in links.
func (w *htmlWalker) mostlyLinked() bool {
	return w.chars > 0 && w.linked*10 >= w.chars*8
}

func (w *htmlWalker) newline() {
	if line := strings.TrimSpace(spanish.CollapseSpace(w.buf.String())); line != "" {
		w.lines = append(w.lines, line)
	}
	w.buf.Reset()
}

func (w *htmlWalker) flush() {
	w.newline()
	if len(w.lines) > 0 {
		text := strings.Join(w.lines, " ")
		kind := furniturePrompt(text)
		if kind == "" {
			kind = furnitureAppeal(text)
		}
		linked := w.mostlyLinked()
		switch {
		case kind != "":
			w.ex.drop(kind, strings.Join(w.lines, "\n"))
			// After a bare label over other stories ("Lee también…"),
			// the links that follow are those stories.
			w.afterRelated = kind == furnRelated && utf8.RuneCountInString(text) <= 40
		case w.afterRelated && (linked && len(text) <= maxTeaserText || dateLineRE.MatchString(dateLineText(text))):
			// A story under the label, or its date.
			w.ex.drop(furnRelated, strings.Join(w.lines, "\n"))
		case !w.prose && text != w.ex.headline && (labels[strings.ToLower(strings.Trim(text, " .:"))] ||
			w.headlineAhead && (w.kind == corpus.Heading || w.kind == corpus.ListItem || linked) && len(strings.Fields(text)) <= 3 && !strings.ContainsAny(text, ".:;,…") && !startsItem(text)):
			// A section label above the article's headline ("Nacionales",
			// "Nación", "NUEVA CONSTITUCIÓN", a link to the section); a
			// heading after the headline ("Preámbulo") is content.
			w.ex.drop("section", text)
		case w.prose && w.kind == "" && len(text) <= maxTeaserText && w.storyLinked*10 >= w.chars*8 && len(strings.Fields(text)) >= 4:
			// A paragraph that is a link to another story of the site,
			// between the article's paragraphs: "[ Aduanas detenidas por
			// hackeo mantienen a importadores … ]".
			w.ex.drop(furnRelated, strings.Join(w.lines, "\n"))
		case len(text) >= minRepeat && w.seen[text]:
			// The same paragraph printed again: a page laid out twice
			// (for narrow and wide screens), a teaser of the article
			// under it. Its words are kept once.
			w.ex.drop("repeat", strings.Join(w.lines, "\n"))
		default:
			w.afterRelated = false
			if len(text) >= minRepeat {
				if w.seen == nil {
					w.seen = map[string]bool{}
				}
				w.seen[text] = true
			}
			if text == w.ex.headline {
				w.headlineAhead = false
			}
			w.prose = w.prose || len(text) >= 200
			w.ex.blocks = append(w.ex.blocks, block{lines: w.lines, kind: w.kind, number: w.num, linked: linked})
		}
	}
	w.lines, w.kind, w.num = nil, "", 0
	w.chars, w.linked, w.storyLinked = 0, 0, 0
}

// dateLineText returns a teaser's date line as dateLineRE reads it: "20
// de abril de 2022 a las 08:39h" without its time.
func dateLineText(t string) string {
	if i := strings.Index(t, " a las "); i > 0 {
		t = t[:i]
	}
	return strings.TrimSpace(t)
}

func (w *htmlWalker) walk(n *html.Node, depth int) {
	if depth > maxHTMLDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		if kind := w.furniture(n); kind != "" && !w.keep[n] {
			w.flush()
			w.ex.drop(kind, strings.TrimSpace(textOf(n)))
			return
		}
		if kind := furnitureShape(n); kind != "" && !w.keep[n] {
			w.flush()
			w.ex.drop(kind, strings.TrimSpace(textOf(n)))
			return
		}
		if skipElement(n) && !w.keep[n] {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Svg:
			default:
				w.ex.drop("chrome", strings.TrimSpace(textOf(n)))
			}
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := isBlockElement(n.DataAtom)
	if block {
		w.flush()
	}
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		w.kind = corpus.Heading
	case atom.Li:
		w.kind = corpus.ListItem
		if len(w.ols) > 0 {
			w.ols[len(w.ols)-1]++
			w.num = w.ols[len(w.ols)-1]
		}
	case atom.Ol:
		w.ols = append(w.ols, 0)
		defer func() { w.ols = w.ols[:len(w.ols)-1] }()
	case atom.Br:
		w.newline()
	case atom.A:
		w.inLink++
		defer func() { w.inLink-- }()
		if w.storyLink(rawAttr(n, "href")) {
			w.inStory++
			defer func() { w.inStory-- }()
		}
	case atom.Td, atom.Th:
		w.text(" ")
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, depth+1)
	}
	if block {
		w.flush()
	}
}

func isBlockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
		atom.Table, atom.Tr, atom.Section, atom.Article, atom.Header, atom.Main,
		atom.Address, atom.Hr, atom.Caption, atom.Details, atom.Summary:
		return true
	}
	return false
}

// skipElement reports whether an element and everything in it is not
// content: by its kind or attributes (see markedSkip), or a container
// whose text is mostly links (a menu).
func skipElement(n *html.Node) bool {
	if markedSkip(n) {
		return true
	}
	switch n.DataAtom {
	case atom.Header, atom.Div, atom.Ul, atom.Ol, atom.Section:
		return mostlyLinks(n)
	}
	return false
}

// markedSkip reports whether an element is never content by its kind
// (scripts, navigation, forms, figures) or its attributes (hidden, a
// navigation role, a menu's class).
func markedSkip(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Nav, atom.Footer, atom.Aside,
		atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Figure, atom.Figcaption,
		atom.Svg, atom.Iframe, atom.Template, atom.Object, atom.Head, atom.Img, atom.Picture,
		atom.Video, atom.Audio, atom.Canvas, atom.Map, atom.Input, atom.Label, atom.Dialog:
		return true
	}
	if n.Data == "svg" || n.Data == "math" {
		return true
	}
	for _, a := range n.Attr {
		v := strings.ToLower(a.Val)
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if v == "true" {
				return true
			}
		case "role":
			if v == "navigation" || v == "banner" || v == "contentinfo" || v == "complementary" || v == "search" {
				return true
			}
		case "class", "id":
			for _, bad := range []string{"visually-hidden", "sr-only", "skip-link", "breadcrumb", "menu"} {
				if strings.Contains(v, bad) {
					return true
				}
			}
		case "style":
			if strings.Contains(strings.ReplaceAll(v, " ", ""), "display:none") {
				return true
			}
		}
	}
	return false
}

// dropTail drops what a page prints after its article: the short blocks
// after the last paragraph of prose (200 characters or more) that do not
// end a sentence ("Más en Nación", "Claves", "Cartas al Director",
// "Envíada por … | 4 mayo, 2022"). A short last paragraph that ends a
// sentence stays.
func dropTail(ex *extraction) {
	last := -1
	for i, b := range ex.blocks {
		if len(strings.Join(b.lines, " ")) >= 200 {
			last = i
		}
	}
	if last < 0 {
		return
	}
	tail := ex.blocks[last+1:]
	stays := make([]bool, len(tail))
	for i, b := range tail {
		t := strings.TrimSpace(strings.Join(b.lines, " "))
		stays[i] = len(t) >= 120 || endsSentence(t)
	}
	// A heading over a block that stays is that block's ("LA AGENDA EN
	// PUNTA ARENAS" over the day's agenda); a heading that is a link is
	// a teaser's, over its summary.
	for i := len(tail) - 2; i >= 0; i-- {
		if !stays[i] && tail[i].kind == corpus.Heading && !tail[i].linked && stays[i+1] {
			stays[i] = true
		}
	}
	kept := ex.blocks[:last+1]
	for i, b := range tail {
		if !stays[i] {
			ex.drop(furnRelated, strings.Join(b.lines, "\n"))
			continue
		}
		kept = append(kept, b)
	}
	ex.blocks = kept
}

// endsSentence reports whether t ends as a sentence does: with a full
// stop, a question or exclamation mark, or a closing quote or bracket
// after one.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, "\"”’»)] ")
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "…")
}

// furnitureKind returns the kind of furniture an element is by its class,
// id or label (see furnitureParts: "c-share-bar", "newsletter-signup",
// "author-bio", "related-articles", "cookie-banner"), or "" for content.
// An element that holds a paragraph of 250 characters or more is content
// whatever its class says ("article has-share-bar").
func furnitureKind(n *html.Node) string {
	kind := markedFurniture(n)
	if kind == "" || holdsProse(n, 0) {
		return ""
	}
	return kind
}

// markedFurniture returns the kind of furniture an element's class, id or
// label names, whatever it holds.
func markedFurniture(n *html.Node) string {
	if n.Type != html.ElementNode {
		return ""
	}
	switch n.DataAtom {
	case atom.Html, atom.Body, atom.Main, atom.Article, atom.Head:
		return ""
	}
	kind := ""
	for _, key := range []string{"class", "id", "aria-label", "data-testid"} {
		for _, p := range attrParts(n, key) {
			if k, ok := furnitureParts[p]; ok && k != "" {
				kind = k
				break
			}
		}
		if kind != "" {
			break
		}
	}
	return kind
}

// holdsProse reports whether n holds a paragraph of 250 characters or more.
func holdsProse(n *html.Node, depth int) bool {
	if depth > maxHTMLDepth {
		return false
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.P && len(textOf(n)) >= 250 {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if holdsProse(c, depth+1) {
			return true
		}
	}
	return false
}

// mostlyLinks reports whether at least 80% of an element's text sits inside
// links: a menu, a tag cloud, a list of related pages.
func mostlyLinks(n *html.Node) bool {
	total, linked := textLengths(n, false, 0)
	return total >= 20 && linked*10 >= total*8
}

func textLengths(n *html.Node, inLink bool, depth int) (total, linked int) {
	if depth > maxHTMLDepth {
		return 0, 0
	}
	if n.Type == html.TextNode {
		l := len(strings.TrimSpace(n.Data))
		if inLink {
			return l, l
		}
		return l, 0
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		inLink = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t, l := textLengths(c, inLink, depth+1)
		total += t
		linked += l
	}
	return total, linked
}

// contentRoot picks the element holding the page's main content: of the
// page's <main> elements (or role="main") and <article> elements, the one
// holding the most prose (see proseLen; the outer of two that hold the
// same), provided it holds at least a quarter of the prose of the page;
// else the element of <body> holding its prose (see narrowToProse). On a
// page of short lines only (no prose), the first element marked main,
// else the only <article>. Pages mark more than one element as main (a widget in the
// header, the article below) and print teasers of other stories as
// <article> beside their own: neither the first nor the only one is
// the article, the one holding the prose is.
func contentRoot(root *html.Node) *html.Node {
	body := find(root, atom.Body)
	if body == nil {
		body = root
	}
	var best, main *html.Node
	var articles []*html.Node
	bestProse := 0
	forEach(root, 0, func(n *html.Node) {
		if n.Type != html.ElementNode || !(n.DataAtom == atom.Main || n.DataAtom == atom.Article || attr(n, "role") == "main") {
			return
		}
		if n.DataAtom == atom.Article {
			articles = append(articles, n)
		} else if main == nil {
			main = n
		}
		if p := proseLen(n, 0); p > bestProse {
			best, bestProse = n, p
		}
	})
	pageProse := proseLen(body, 0)
	switch {
	case best != nil && bestProse*4 >= pageProse:
		return best
	case pageProse == 0 && main != nil:
		// A page of short lines only: the element marked main, else
		// its only <article>.
		return main
	case pageProse == 0 && len(articles) == 1:
		return articles[0]
	}
	return narrowToProse(body)
}

// narrowToProse returns the element under n that holds its prose: from n
// down, while one child element holds 90% or more of the prose of its
// parent and holds blocks of its own, that child. A page without a <main> or <article> holds its
// article in a container beside the site's header, menus, sidebars and
// footer, which hold none of its prose.
func narrowToProse(n *html.Node) *html.Node {
	p := proseLen(n, 0)
	for depth := 0; p > 0 && depth < maxHTMLDepth; depth++ {
		var best *html.Node
		bestProse := 0
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			if cp := proseLen(c, 0); cp > bestProse {
				best, bestProse = c, cp
			}
		}
		if best == nil || bestProse*10 < p*9 || !hasBlockChild(best) {
			// A single paragraph is no container: its parent is.
			break
		}
		n, p = best, bestProse
	}
	return n
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return strings.ToLower(a.Val)
		}
	}
	return ""
}

func find(root *html.Node, a atom.Atom) *html.Node {
	return findFunc(root, func(n *html.Node) bool { return n.DataAtom == a })
}

func findFunc(root *html.Node, match func(*html.Node) bool) *html.Node {
	var found *html.Node
	forEach(root, 0, func(n *html.Node) {
		if found == nil && n.Type == html.ElementNode && match(n) {
			found = n
		}
	})
	return found
}

// forEach calls f for every node under root in document order, to a bounded
// depth.
func forEach(root *html.Node, depth int, f func(*html.Node)) {
	if depth > maxHTMLDepth {
		return
	}
	f(root)
	for c := root.FirstChild; c != nil; c = c.NextSibling {
		forEach(c, depth+1, f)
	}
}

func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	forEach(n, 0, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return spanish.CollapseSpace(b.String())
}

// readHTMLTokens extracts the text of a page the tree parser refused, token
// by token: text outside script, style and similar elements, a paragraph
// break at every block element.
func readHTMLTokens(data []byte) (*extraction, error) {
	z := html.NewTokenizer(bytes.NewReader(data))
	ex := &extraction{}
	var buf strings.Builder
	skip := 0
	flush := func() {
		if t := spanish.CollapseSpace(buf.String()); t != "" {
			ex.blocks = append(ex.blocks, block{lines: []string{t}})
		}
		buf.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			if z.Err() == io.EOF {
				return ex, nil
			}
			return nil, fmt.Errorf("no se puede leer el HTML: %v", z.Err())
		case html.TextToken:
			if skip == 0 {
				buf.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Nav, atom.Footer:
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case atom.Title:
				if tt == html.StartTagToken {
					z.Next()
					ex.title = strings.TrimSpace(string(z.Text()))
				}
			default:
				if isBlockElement(a) || a == atom.Br {
					flush()
				}
			}
		}
	}
}

// proseLen returns the length, in bytes, of the runs of text under n
// that read as prose: the text between two block boundaries, outside
// links, scripts and styles, of minProseRun bytes or more.
func proseLen(n *html.Node, depth int) int {
	total, run := 0, 0
	var walk func(n *html.Node, inLink bool, depth int)
	flush := func() {
		if run >= minProseRun {
			total += run
		}
		run = 0
	}
	walk = func(n *html.Node, inLink bool, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			if !inLink {
				run += len(strings.TrimSpace(n.Data))
			}
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Head:
				return
			case atom.A:
				inLink = true
			}
		}
		block := n.Type == html.ElementNode && (isBlockElement(n.DataAtom) || n.DataAtom == atom.Br || n.DataAtom == atom.Td)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink, depth+1)
		}
		if block {
			flush()
		}
	}
	walk(n, false, depth)
	flush()
	return total
}

// minProseRun is the shortest run of text, in bytes, counted as prose by
// proseLen: a sentence, not a label or a headline.
const minProseRun = 100
