package ingest

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/relatoria/relatoria/spanish"
)

// The evaluation of the web reader on real pages: what a person reads on
// each page, written down by hand (testdata/web/labels.txt), against what
// the reader keeps. The article a page prints is taken from the page by a
// plain rendering of every visible text (renderPage, which knows none of
// the reader's rules) between the labelled first and last blocks of the
// article, without the blocks the labels mark as furniture. The reader's
// output is compared to it word by word (the longest common subsequence):
// the article's words the output lacks are lost; the output's words that
// are not the article's are furniture, wherever they sit.

var webDump = flag.String("webdump", "", "print the rendered blocks of testdata/web/`FILE` (a page to label) and stop")

// pageLabel is what a person reads on a page of testdata/web.
type pageLabel struct {
	file, set   string
	title, date string
	// first and last open the article's first and last blocks (headline,
	// deck or dateline to the last paragraph).
	first, last string
	// furniture opens each block inside the article that is no part of it
	// (a teaser, a notice, a caption); "A .. B" is the run of blocks from
	// the one opening with A to the one opening with B.
	furniture []string
	// either opens each block inside the article that counts neither way
	// (a byline, a date line, a caption, an embedded tweet, a fact box).
	either []string
	// with and without are snippets that go-trafilatura's benchmark says
	// the main text has and has not (evidence beside the labels).
	with, without []string
}

// readPageLabels reads testdata/web/labels.txt: records of "key: value"
// lines separated by blank lines; lines starting with "#" are comments.
func readPageLabels(t testing.TB) []pageLabel {
	t.Helper()
	f, err := os.Open("testdata/web/labels.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []pageLabel
	var cur *pageLabel
	end := func() {
		if cur != nil {
			if cur.file == "" || cur.set == "" || cur.title == "" || cur.date == "" || cur.first == "" || cur.last == "" {
				t.Fatalf("labels.txt: record %+v lacks a field", *cur)
			}
			out = append(out, *cur)
		}
		cur = nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if strings.TrimSpace(line) == "" {
			end()
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("labels.txt: no key in %q", line)
		}
		val = strings.TrimSpace(val)
		if cur == nil {
			cur = &pageLabel{}
		}
		switch key {
		case "page":
			cur.file = val
		case "set":
			cur.set = val
		case "title":
			cur.title = val
		case "date":
			cur.date = val
		case "first":
			cur.first = val
		case "last":
			cur.last = val
		case "furniture":
			cur.furniture = append(cur.furniture, val)
		case "either":
			cur.either = append(cur.either, val)
		case "with":
			cur.with = append(cur.with, val)
		case "without":
			cur.without = append(cur.without, val)
		default:
			t.Fatalf("labels.txt: unknown key %q", key)
		}
	}
	end()
	return out
}

// renderPage returns the text a browser shows of a page, block by block:
// every text of the body outside script, style, templates and elements
// hidden by an attribute, with a break at every block element and <br>.
// It applies none of the reader's rules.
func renderPage(data []byte) []string {
	if !utf8.Valid(data) {
		enc, _, _ := charset.DetermineEncoding(data, "text/html")
		if d, err := enc.NewDecoder().Bytes(data); err == nil {
			data = d
		}
	}
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	var blocks []string
	var buf strings.Builder
	flush := func() {
		if s := strings.TrimSpace(spanish.CollapseSpace(buf.String())); s != "" {
			blocks = append(blocks, s)
		}
		buf.Reset()
	}
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		if depth > maxHTMLDepth {
			return
		}
		switch n.Type {
		case html.TextNode:
			buf.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head, atom.Svg, atom.Iframe, atom.Object, atom.Select, atom.Textarea:
				return
			}
			if hasAttr(n, "hidden") || strings.Contains(strings.ReplaceAll(strings.ToLower(rawAttr(n, "style")), " ", ""), "display:none") {
				return
			}
		case html.DocumentNode:
		default:
			return
		}
		block := n.Type == html.ElementNode && (isBlockElement(n.DataAtom) || n.DataAtom == atom.Br || n.DataAtom == atom.Figure || n.DataAtom == atom.Figcaption ||
			n.DataAtom == atom.Nav || n.DataAtom == atom.Footer || n.DataAtom == atom.Aside || n.DataAtom == atom.Form || n.DataAtom == atom.Td || n.DataAtom == atom.Th || n.DataAtom == atom.Button)
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
		if block {
			flush()
		}
	}
	walk(root, 0)
	flush()
	return blocks
}

// labelMatches reports whether a block opens with a label, or is the
// label when it ends with "$".
func labelMatches(block, label string) bool {
	if whole, ok := strings.CutSuffix(label, "$"); ok {
		return block == whole
	}
	return strings.HasPrefix(block, label)
}

// articleSpan returns the indexes of the article's first and last blocks
// among blocks. With l.first ending in " @N", the first is the N-th block
// of the page opening with it, and the last the next block opening with
// l.last; otherwise the last is the first block opening with l.last that
// has a block opening with l.first before it, and the first the nearest
// such block before it.
func articleSpan(blocks []string, l pageLabel) (first, last int, ok bool) {
	if i := strings.LastIndex(l.first, " @"); i > 0 {
		if n, err := strconv.Atoi(l.first[i+2:]); err == nil {
			for f, b := range blocks {
				if labelMatches(b, l.first[:i]) {
					if n--; n == 0 {
						for j := f; j < len(blocks); j++ {
							if labelMatches(blocks[j], l.last) {
								return f, j, true
							}
						}
						return 0, 0, false
					}
				}
			}
			return 0, 0, false
		}
	}
	for j, b := range blocks {
		if !labelMatches(b, l.last) {
			continue
		}
		for i := j; i >= 0; i-- {
			if labelMatches(blocks[i], l.first) {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// spanParts sorts the blocks of the article's span by the labels: the
// article's own, the furniture and those that count neither way. A
// single label marks every block that opens with it; a run "A .. B", the
// blocks from the first that opens with A to the next that opens with B.
// Labels of blocks that count neither way also mark the 25 blocks before
// and after the span (a kicker or a date line above the headline):
// lenient holds the article's blocks with all those, in page order. It
// returns the labels that matched no block.
func spanParts(blocks []string, l pageLabel) (article, furniture, either, lenient, unmatched []string, ok bool) {
	first, last, ok := articleSpan(blocks, l)
	if !ok {
		return nil, nil, nil, nil, nil, false
	}
	from, to := max(0, first-25), min(len(blocks), last+26)
	region := blocks[from:to]
	inSpan := func(i int) bool { return from+i >= first && from+i <= last }
	mark := make([]byte, len(region)) // 0 article, 'f' furniture, 'e' either
	apply := func(labels []string, m byte, anywhere bool) {
		for _, f := range labels {
			start, end, isRun := strings.Cut(f, " .. ")
			found := false
			for i := 0; i < len(region); i++ {
				if !labelMatches(region[i], start) || !anywhere && !inSpan(i) {
					continue
				}
				if !isRun {
					found = true
					mark[i] = m
					continue
				}
				for j := i; j < len(region); j++ {
					if labelMatches(region[j], end) {
						for k := i; k <= j; k++ {
							mark[k] = m
						}
						found = true
						break
					}
				}
				break
			}
			if !found {
				unmatched = append(unmatched, f)
			}
		}
	}
	apply(l.either, 'e', true)
	apply(l.furniture, 'f', false)
	for i, b := range region {
		switch {
		case !inSpan(i):
			if mark[i] == 'e' {
				lenient = append(lenient, b)
			}
		case mark[i] == 'f':
			furniture = append(furniture, b)
		case mark[i] == 'e':
			either = append(either, b)
			lenient = append(lenient, b)
		default:
			article = append(article, b)
			lenient = append(lenient, b)
		}
	}
	return article, furniture, either, lenient, unmatched, true
}

// evalWords splits text into the words compared: whitespace-separated,
// without the punctuation around them (spacing before a comma or inside
// quotes varies between renderings), in their own case and accents.
func evalWords(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// commonWords returns the length of the longest common subsequence of a
// and b.
func commonWords(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev, cur := make([]int32, len(b)+1), make([]int32, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return int(prev[len(b)])
}

// TestWebDump prints the rendered blocks of a page of testdata/web, one a
// line with its index, for labelling by hand:
//
//	go test ./ingest -run TestWebDump -webdump elfaro.net-asamblea.html.gz
func TestWebDump(t *testing.T) {
	if *webDump == "" {
		t.Skip("no -webdump FILE")
	}
	data := readGz(t, filepath.Join("testdata/web", *webDump))
	for i, b := range renderPage(data) {
		fmt.Printf("%4d %s\n", i, b)
	}
}

// TestWebLabels checks that every label of testdata/web/labels.txt finds
// its page, its article and its blocks in the page as rendered.
func TestWebLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range readPageLabels(t) {
		if seen[l.file] {
			t.Errorf("%s: labelled twice", l.file)
		}
		seen[l.file] = true
		if l.set != "tune" && l.set != "heldout" && l.set != "fresh" {
			t.Errorf("%s: set %q", l.file, l.set)
		}
		blocks := renderPage(readGz(t, filepath.Join("testdata/web", l.file)))
		article, _, _, _, unmatched, ok := spanParts(blocks, l)
		if !ok {
			t.Errorf("%s: no article from %q to %q", l.file, l.first, l.last)
			continue
		}
		for _, u := range unmatched {
			t.Errorf("%s: label %q matches no block of the article", l.file, u)
		}
		if n := len(evalWords(strings.Join(article, " "))); n < 50 {
			t.Errorf("%s: article of %d words", l.file, n)
		}
	}
}

var webDiff = flag.String("webdiff", "", "print the article words the reader loses and the furniture words it keeps on testdata/web/`FILE`")

// TestWebDiff prints, for one labelled page, the runs of the article's
// words the output lacks (-) and of the output's words that are not the
// article's (+), for tuning the reader:
//
//	go test ./ingest -run TestWebDiff -webdiff lostiempos.com-juicio.html.gz
func TestWebDiff(t *testing.T) {
	if *webDiff == "" {
		t.Skip("no -webdiff FILE")
	}
	for _, l := range readPageLabels(t) {
		if l.file != *webDiff {
			continue
		}
		data := readGz(t, filepath.Join("testdata/web", l.file))
		doc, err := Read(strings.TrimSuffix(l.file, ".gz"), data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		_, _, _, lenient, _, _ := spanParts(renderPage(data), l)
		a, b := evalWords(strings.Join(lenient, " ")), evalWords(strings.Join(pageText(doc), " "))
		// The whole table, to walk back the common subsequence.
		c := make([][]int32, len(a)+1)
		for i := range c {
			c[i] = make([]int32, len(b)+1)
		}
		for i := len(a) - 1; i >= 0; i-- {
			for j := len(b) - 1; j >= 0; j-- {
				if a[i] == b[j] {
					c[i][j] = c[i+1][j+1] + 1
				} else {
					c[i][j] = max(c[i+1][j], c[i][j+1])
				}
			}
		}
		fmt.Printf("title %q date %s\n", doc.Title, doc.Adopted)
		var run []string
		sign := byte(0)
		emit := func(s byte, w string) {
			if s != sign && len(run) > 0 {
				fmt.Printf("%c %s\n", sign, strings.Join(run, " "))
				run = nil
			}
			sign = s
			if s != '=' {
				run = append(run, w)
			}
		}
		i, j := 0, 0
		for i < len(a) || j < len(b) {
			switch {
			case i < len(a) && j < len(b) && a[i] == b[j]:
				emit('=', "")
				i, j = i+1, j+1
			case j < len(b) && (i == len(a) || c[i][j+1] >= c[i+1][j]):
				emit('+', b[j])
				j++
			default:
				emit('-', a[i])
				i++
			}
		}
		emit('=', "")
		fmt.Println("dropped:")
		for _, d := range doc.DroppedLines {
			fmt.Printf("  [%s] %.150s\n", d.Kind, strings.ReplaceAll(d.Text, "\n", " / "))
		}
	}
}
