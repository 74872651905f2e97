package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Furniture found by the shape of the markup rather than by class names,
// which vary from site to site: lists of teasers of other stories (cards
// of the same shape, each a link, a picture and a few lines) and boxes
// that ask the reader for support.

// minTeasers is the fewest cards of one shape that make a list of teasers
// when other elements sit beside them; two cards alone are a list too.
const minTeasers = 3

// maxTeaserText is the most text, in bytes, of one teaser card: a
// headline and a line or two of summary. An article's section is longer.
const maxTeaserText = 450

// teaserList reports whether n is a list of teasers of other stories: at
// least minTeasers of its element children (or of its only child's, as
// in a table's rows), or both of two, have one shape (tag and class, without the numbers
// and positions sites add: "col-1 col-first noticia" is "noticia"), and
// nearly all of those are cards: a link to another page, a picture or a
// time, at most maxTeaserText of text and no paragraph of prose. The
// paragraphs of an article have one shape too, but each is no link with
// a picture.
func teaserList(n *html.Node) bool {
	for depth := 0; depth < 3 && n != nil; depth++ {
		kids := elementChildren(n)
		if len(kids) == 1 {
			n = kids[0]
			continue
		}
		if len(kids) < 2 {
			return false
		}
		groups := map[string][]*html.Node{}
		best := ""
		for _, k := range kids {
			s := shapeOf(k)
			groups[s] = append(groups[s], k)
			if len(groups[s]) > len(groups[best]) || best == "" {
				best = s
			}
		}
		g := groups[best]
		cards := 0
		for _, k := range g {
			if isTeaserCard(k) {
				cards++
			}
		}
		if len(g) == 2 && len(kids) == 2 {
			return cards == 2
		}
		return len(g) >= minTeasers && len(g)*10 >= len(kids)*6 && cards*10 >= len(g)*8
	}
	return false
}

// elementChildren returns n's child elements, leaving out scripts and
// styles.
func elementChildren(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		switch c.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template:
			continue
		}
		out = append(out, c)
	}
	return out
}

// placeClass matches a class name that places an element among its
// siblings: "first", "col-last", "odd", "is-active".
var placeClass = regexp.MustCompile(`(?i)(^|[-_])(first|last|odd|even|active|current)($|[-_])`)

// shapeOf returns an element's tag and its class names without those
// that number or place it ("item-3", "first", "odd").
func shapeOf(n *html.Node) string {
	var parts []string
	for _, c := range strings.Fields(attr(n, "class")) {
		if strings.IndexFunc(c, unicode.IsDigit) >= 0 || placeClass.MatchString(c) {
			continue
		}
		parts = append(parts, c)
	}
	return n.Data + "." + strings.Join(parts, ".")
}

// isTeaserCard reports whether n is a teaser of another story: a link to
// another page, a picture or a time, short text, no paragraph of prose.
func isTeaserCard(n *html.Node) bool {
	if visibleTextLen(n, 0) > maxTeaserText || holdsProse(n, 0) {
		return false
	}
	link, media := false, false
	forEach(n, 0, func(c *html.Node) {
		if c.Type != html.ElementNode {
			return
		}
		switch c.DataAtom {
		case atom.A:
			href := strings.ToLower(strings.TrimSpace(rawAttr(c, "href")))
			if href != "" && !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, "javascript:") && !isImageURL(href) {
				link = true
			}
		case atom.Img, atom.Picture, atom.Time, atom.Figure, atom.Video:
			media = true
		}
	})
	return link && media
}

// isImageURL reports whether href points at an image file (a picture
// enlarged, not another page).
func isImageURL(href string) bool {
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	for _, ext := range []string{".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"} {
		if strings.HasSuffix(href, ext) {
			return true
		}
	}
	return false
}

// isFileURL reports whether href points at a document file (a PDF, a
// word-processor or spreadsheet file): a source the article cites, not
// another page.
func isFileURL(href string) bool {
	if i := strings.IndexAny(href, "?#"); i >= 0 {
		href = href[:i]
	}
	for _, ext := range []string{".pdf", ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".zip"} {
		if strings.HasSuffix(href, ext) {
			return true
		}
	}
	return false
}

// maxAppealBox is the most text, in runes, of a box asking for support:
// a heading, a paragraph or two, a button.
const maxAppealBox = 1200

// appealBox reports whether n is a box asking the reader for support or
// a subscription: at most maxAppealBox of text, an appeal in it (see
// isAppeal), and no paragraph of 100 characters or more that is not one.
// An article whose last paragraph happens to ask for something holds
// other paragraphs.
func appealBox(n *html.Node) bool {
	text := textOf(n)
	if utf8.RuneCountInString(text) > maxAppealBox || !isAppeal(text) {
		return false
	}
	other := false
	forEach(n, 0, func(c *html.Node) {
		if c.Type == html.ElementNode && c.DataAtom == atom.P {
			if t := textOf(c); len(t) >= 100 && !isAppeal(t) {
				other = true
			}
		}
	})
	return !other
}

// furnitureShape returns the kind of furniture an element is by its
// shape and text (a list of teasers, a box asking for support), or "".
func furnitureShape(n *html.Node) string {
	switch n.DataAtom {
	case atom.Div, atom.Section, atom.Aside, atom.Ul, atom.Ol, atom.Table, atom.Tbody, atom.Tr, atom.Article:
	default:
		return ""
	}
	if teaserList(n) {
		return furnRelated
	}
	if n.DataAtom != atom.Ul && n.DataAtom != atom.Ol && appealBox(n) {
		return furnDonation
	}
	return ""
}
