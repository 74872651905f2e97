package ingest

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/relatoria/relatoria/corpus"
)

// A page that the text layer cannot give is read another way rather than
// lost: poppler's pdftotext, which reads what this package cannot (another
// parser, another content-stream reader), one page at a time, with fixed
// arguments and a timeout, as Tesseract runs for scans. Its -bbox-layout
// output gives every line with its place, so that the page's lines go on
// through the same furniture and paragraph rules as the others. Each page
// read so, or not read at all, is said on stderr (Options.Progress) and in
// the document (corpus.Document.Pages); a page that nothing reads makes
// the file fail with the page named, its other pages kept.

// pdftotextTimeout bounds the reading of one page by pdftotext, and
// fallbackTimeout that of all the pages of one document.
const (
	pdftotextTimeout = 60 * time.Second
	fallbackTimeout  = 3 * time.Minute
)

// ErrNoPdftotext is the reason a page the text layer could not give was
// not read another way: poppler-utils is not installed.
var ErrNoPdftotext = errors.New("pdftotext no está instalado (paquete poppler-utils)")

// pageFailure is a page the text layer could not give, and why.
type pageFailure struct {
	page   int
	reason string
	lines  []pdfLine // what was read of it before the failure
	// hopeless: no other reader is tried (a decompression bomb).
	hopeless bool
}

// readFailedPages reads the pages of failed with pdftotext. It returns the
// lines read, what happened to each page, and a description of the pages
// that nothing read ("" when every page was read).
func readFailedPages(ctx context.Context, data []byte, failed []pageFailure, progress func(string)) (lines []pdfLine, reads []corpus.PageRead, unread string) {
	if len(failed) == 0 {
		return nil, nil, ""
	}
	say := func(format string, args ...any) {
		if progress != nil {
			progress(fmt.Sprintf(format, args...))
		}
	}
	ctx, cancel := context.WithTimeout(ctx, fallbackTimeout)
	defer cancel()
	var path string
	var setupErr error
	if _, err := exec.LookPath("pdftotext"); err != nil {
		setupErr = ErrNoPdftotext
	} else if dir, err := os.MkdirTemp("", "relatoria-pages-"); err != nil {
		setupErr = fmt.Errorf("no se pudo crear una carpeta temporal: %v", err)
	} else {
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "doc.pdf")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			setupErr = fmt.Errorf("no se pudo escribir el PDF: %v", err)
		}
	}
	// Pages that failed for one reason (a document the library could
	// not open) are announced once, not page by page.
	same := len(failed) > 1
	for _, f := range failed {
		same = same && f.reason == failed[0].reason && !f.hopeless
	}
	if same && setupErr == nil {
		say("%s; sus %d páginas se leen con pdftotext", failed[0].reason, len(failed))
	}
	var notRead []string
	for _, f := range failed {
		err := setupErr
		if f.hopeless {
			err = errors.New("no se intenta otra lectura")
		}
		var pl []pdfLine
		if err == nil {
			pl, err = pdftotextPage(ctx, path, f.page)
			if err == nil && len(pl) == 0 {
				err = errors.New("pdftotext tampoco encontró texto")
			}
		}
		if err == nil {
			lines = append(lines, pl...)
			reads = append(reads, corpus.PageRead{Page: f.page, How: "pdftotext", Failed: f.reason})
			if !same || setupErr != nil {
				say("página %d: %s; leída con pdftotext", f.page, f.reason)
			}
			continue
		}
		if len(f.lines) > 0 {
			// What the text layer gave before it failed is better than
			// nothing; the page is still named.
			lines = append(lines, f.lines...)
			reads = append(reads, corpus.PageRead{Page: f.page, How: "partial", Failed: f.reason + "; " + err.Error()})
			say("página %d: %s; leída solo en parte (%v)", f.page, f.reason, err)
			notRead = append(notRead, fmt.Sprintf("página %d leída solo en parte: %s; %v", f.page, f.reason, err))
			continue
		}
		reads = append(reads, corpus.PageRead{Page: f.page, How: "unread", Failed: f.reason + "; " + err.Error()})
		say("página %d: %s; sin leer (%v)", f.page, f.reason, err)
		notRead = append(notRead, fmt.Sprintf("página %d sin leer: %s; %v", f.page, f.reason, err))
	}
	return lines, reads, strings.Join(notRead, "; ")
}

// pdftotextPage reads page of the PDF at path with pdftotext -bbox-layout.
func pdftotextPage(ctx context.Context, path string, page int) ([]pdfLine, error) {
	ctx, cancel := context.WithTimeout(ctx, pdftotextTimeout)
	defer cancel()
	n := strconv.Itoa(page)
	out, err := runTool(ctx, "pdftotext", "-f", n, "-l", n, "-bbox-layout", "-enc", "UTF-8", path, "-")
	if err != nil {
		return nil, fmt.Errorf("pdftotext falló: %v", err)
	}
	return parseBBoxLayout(out, page)
}

// parseBBoxLayout reads the lines of pdftotext's -bbox-layout XHTML: each
// <line> of <word>s with its box, in points from the top of the page. A
// line's baseline is taken a fifth of its height above its bottom, its
// font size as five sixths of its height (a line's box holds the font's
// ascent and descent).
func parseBBoxLayout(out []byte, page int) ([]pdfLine, error) {
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	attr := func(se xml.StartElement, name string) float64 {
		for _, a := range se.Attr {
			if a.Name.Local == name {
				f, _ := strconv.ParseFloat(a.Value, 64)
				return f
			}
		}
		return 0
	}
	var lines []pdfLine
	var height float64
	var words []string
	var inWord bool
	var word strings.Builder
	var cur pdfLine
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				height = attr(t, "height")
			case "line":
				yMin, yMax := attr(t, "yMin"), attr(t, "yMax")
				h := yMax - yMin
				cur = pdfLine{x: attr(t, "xMin"), x1: attr(t, "xMax"), y: height - yMax + 0.2*h, size: h * 5 / 6, page: page}
				words = words[:0]
			case "word":
				inWord = true
				word.Reset()
			}
		case xml.CharData:
			if inWord {
				word.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				inWord = false
				if w := strings.TrimSpace(word.String()); w != "" {
					words = append(words, w)
				}
			case "line":
				if len(words) > 0 {
					cur.text = strings.Join(words, " ")
					cur.size = float64(int(cur.size*2+0.5)) / 2
					lines = append(lines, cur)
				}
			}
		}
	}
	if len(lines) > 0 {
		top, bot := lines[0].y, lines[0].y
		for _, l := range lines {
			top, bot = max(top, l.y), min(bot, l.y)
		}
		for i := range lines {
			lines[i].pageTop, lines[i].pageBot = top, bot
		}
	}
	return readingOrder(lines), nil
}

// sortLinesByPage puts lines in page order, the order within a page kept.
func sortLinesByPage(lines []pdfLine) {
	slices.SortStableFunc(lines, func(a, b pdfLine) int { return a.page - b.page })
}

// pdfinfoTimeout bounds the reading of a document's page count by
// poppler's pdfinfo.
const pdfinfoTimeout = 30 * time.Second

// maxUnopenedPages bounds the pages of a document the library cannot open
// that are read one by one with pdftotext.
const maxUnopenedPages = 2000

// pdfinfoPages matches the page count in pdfinfo's output.
var pdfinfoPages = regexp.MustCompile(`(?m)^Pages:\s+([0-9]+)\s*$`)

// unopened is the text layer of a PDF the library cannot open at all (a
// cross-reference table it cannot repair, a catalog it cannot find): when
// poppler's pdfinfo opens it and counts its pages, each of them is left to
// pdftotext as a failed page, so that the document is read, its pages
// marked read by pdftotext, rather than refused. Otherwise, or when
// poppler is not installed, the error stands.
func unopened(data []byte, why error) (*pdfText, error) {
	n, err := popplerPageCount(data)
	if err != nil || n == 0 || n > maxUnopenedPages {
		return nil, why
	}
	t := &pdfText{pages: n, unopened: why}
	reason := "la biblioteca PDF no pudo abrir el documento: " + why.Error()
	for p := 1; p <= n; p++ {
		t.failed = append(t.failed, pageFailure{page: p, reason: reason})
	}
	return t, nil
}

// popplerPageCount returns the number of pages poppler's pdfinfo reads in
// a PDF.
func popplerPageCount(data []byte) (int, error) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		return 0, ErrNoPdftotext
	}
	dir, err := os.MkdirTemp("", "relatoria-info-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), pdfinfoTimeout)
	defer cancel()
	out, err := runTool(ctx, "pdfinfo", path)
	if err != nil {
		return 0, err
	}
	m := pdfinfoPages.FindSubmatch(out)
	if m == nil {
		return 0, errors.New("pdfinfo no dio el número de páginas")
	}
	return strconv.Atoi(string(m[1]))
}
