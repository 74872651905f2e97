package audit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/encoding/charmap"
)

// ErrNoPdftotext is returned by Reference for a PDF when pdftotext
// (Debian package poppler-utils) is not installed.
var ErrNoPdftotext = errors.New("pdftotext not found: install poppler-utils to audit PDFs")

// Reference returns the reference text of a file, made without relatoria's
// extraction, by its name's extension: a PDF through pdftotext, HTML as the
// text of its content elements, Markdown without its markup, anything else
// as it is (UTF-8, or Latin-1 when it is not valid UTF-8).
func Reference(ctx context.Context, name string, data []byte) (string, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pdf":
		return pdftotext(ctx, data)
	case ".html", ".htm", ".xhtml":
		return htmlText(data)
	case ".md", ".markdown":
		return markdownText(plain(data)), nil
	}
	return plain(data), nil
}

func plain(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data)
	}
	s, _ := charmap.Windows1252.NewDecoder().Bytes(data)
	return string(s)
}

// pdftotext runs poppler's pdftotext over data, in reading order, without
// page breaks (form feeds), with more arguments (a page range) if given.
func pdftotext(ctx context.Context, data []byte, args ...string) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", ErrNoPdftotext
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(append([]string{"-enc", "UTF-8", "-nopgbrk"}, args...), "-", "-")...)
	cmd.Stdin = bytes.NewReader(data)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("pdftotext: %v: %s", err, strings.TrimSpace(errb.String()))
	}
	return ligatures.Replace(out.String()), nil
}

// ligatures spells out the ligature characters pdftotext copies from a
// font's ligature glyphs ("uniﬁcación"), as a reader reads them: an
// extraction that leaves one undecoded still differs from the reference.
var ligatures = strings.NewReplacer("\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st")

// skipped are the elements whose text is not the document's: code, and
// the navigation and aside of a site; a header or footer too when it is
// short (a site's banner, not a document's preamble in a <header>).
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Nav: true, atom.Aside: true, atom.Svg: true,
}

// shortChrome is the most words a header or footer has to be site chrome.
const shortChrome = 40

func textWords(n *html.Node) int {
	if n.Type == html.TextNode {
		return len(strings.Fields(n.Data))
	}
	c := 0
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c += textWords(k)
	}
	return c
}

// blockElements end a line of the reference text.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Br: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Blockquote: true, atom.Section: true, atom.Article: true, atom.Dd: true, atom.Dt: true,
}

func htmlText(data []byte) (string, error) {
	doc, err := html.Parse(strings.NewReader(plain(data)))
	if err != nil {
		return "", fmt.Errorf("HTML: %w", err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (skipped[n.DataAtom] || hasAttr(n, "hidden")) {
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Header || n.DataAtom == atom.Footer) && textWords(n) < shortChrome {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Li && n.Parent != nil && n.Parent.DataAtom == atom.Ol {
			// A browser shows the number of an item of an ordered list.
			fmt.Fprintf(&b, "%d. ", olIndex(n))
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blockElements[n.DataAtom] {
			b.WriteString("\n\n")
		}
	}
	walk(doc)
	return b.String(), nil
}

// olIndex returns the number a browser shows for li, an item of an <ol>:
// its place among the items, from the list's start attribute.
func olIndex(li *html.Node) int {
	n := 1
	for _, a := range li.Parent.Attr {
		if a.Key == "start" {
			fmt.Sscan(a.Val, &n)
		}
	}
	for c := li.Parent.FirstChild; c != nil && c != li; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			n++
		}
	}
	return n
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdNoteRef  = regexp.MustCompile(`\[\^[^\]]*\]:?`)
	mdMarks    = regexp.MustCompile("\\*\\*|__|\\*|`|~~|^\\s*#{1,6}\\s|^\\s*>\\s?|^\\s*[-+]\\s|\\|")
	mdFrontEnd = regexp.MustCompile(`(?m)^---\s*$`)
)

// markdownText returns Markdown text without its markup: front matter,
// heading and quote marks, emphasis, link targets, footnote marks and
// table pipes.
func markdownText(s string) string {
	if strings.HasPrefix(s, "---") {
		if loc := mdFrontEnd.FindAllStringIndex(s, 2); len(loc) == 2 {
			s = s[loc[1][1]:]
		}
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = mdLink.ReplaceAllString(l, "$1")
		l = mdNoteRef.ReplaceAllString(l, "")
		l = mdMarks.ReplaceAllString(l, " ")
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// UnreadPages returns the pages of a PDF that pdftotext finds words on
// (five or more) and whose words are mostly (half or more) missing from
// printed, the extraction's text: pages lost. Pages in named (those the
// extraction names as not read) are left out: they are declared.
func UnreadPages(ctx context.Context, data []byte, printed string, named map[int]bool) ([]int, error) {
	bin, err := exec.LookPath("pdfinfo")
	if err != nil {
		return nil, ErrNoPdftotext
	}
	cmd := exec.CommandContext(ctx, bin, "-")
	cmd.Stdin = bytes.NewReader(data)
	info, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("pdfinfo: %v", err)
	}
	pages := 0
	for _, l := range strings.Split(string(info), "\n") {
		if v, ok := strings.CutPrefix(l, "Pages:"); ok {
			fmt.Sscan(strings.TrimSpace(v), &pages)
		}
	}
	bag := map[string]int{}
	for _, w := range Words(printed) {
		bag[w]++
	}
	var lost []int
	for p := 1; p <= pages; p++ {
		if named[p] {
			continue
		}
		text, err := pdftotext(ctx, data, "-f", fmt.Sprint(p), "-l", fmt.Sprint(p))
		if err != nil {
			return lost, err
		}
		ws := Words(text)
		if len(ws) < 5 {
			continue
		}
		found := 0
		for _, w := range ws {
			if bag[w] > 0 {
				found++
			}
		}
		if found*2 < len(ws) {
			lost = append(lost, p)
		}
	}
	return lost, nil
}
