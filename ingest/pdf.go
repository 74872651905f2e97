package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

// PDF text is rebuilt from glyph positions, because the library's plain-text
// calls glue lines together and split words at every text run ("R\nesolution",
// "5\n9\n/\n25."). For each page we take the glyphs in content-stream order,
// start a new line where the baseline moves by more than half the font size,
// put a space where the font's widths show a gap (or where the PDF wrote a
// space glyph), and drop the raised small digits that mark footnotes. Lines
// are then grouped into paragraphs by vertical gaps and first-line indents,
// and lines that repeat at the top or bottom of pages (running headers and
// footers), page numbers and job numbers are dropped.
//
// ledongthuc/pdf panics on some malformed content streams; every call into
// it runs under recover, per page, and the whole extraction has a deadline.

// pdfTimeout bounds the time the text layer may go without a page read:
// a loop in the PDF library stops it, and a long document (a 700-page
// judgment takes 30 CPU-seconds) does not, however many pages it has.
const pdfTimeout = 60 * time.Second

type pdfLine struct {
	text    string
	x, y    float64 // start of the line, baseline
	x1      float64 // end of the line (0: unknown)
	x2      float64 // start of the line's second word (0: unknown)
	size    float64 // dominant font size
	page    int
	annot   bool    // drawn by an annotation (a signature stamp), not the page
	marks   int     // raised footnote marks dropped from the line
	pageTop float64 // highest baseline on the page
	pageBot float64 // lowest baseline on the page
	// For a line read by OCR: its paragraph (numbered from 1 across the
	// document), the mean confidence of its words and their number.
	par   int
	conf  float64
	words int
	// notes are the numbers of the raised marks, the footnotes the line
	// calls: 12 for "…los hechos.12".
	notes []int
}

// pdfText is what a PDF's text layer gives: its lines in page order, its
// number of pages, the pages the library could not read, and the pages
// that hold an image but no text (scans, read by OCR).
type pdfText struct {
	lines    []pdfLine
	pages    int
	pageErrs []string
	scanned  []int
	// failed are the pages the text layer could not give: the library
	// failed on them, or they draw text and none could be read.
	failed []pageFailure
	// unopened is why the library could not open the document at all,
	// when its pages are all left to pdftotext (see unopened).
	unopened error
}

// readPDF reads a PDF's text layer and, for the pages that have none but
// hold an image, runs OCR (see scan.go). The text layer is read under
// pdfTimeout a page; OCR has its own timeout per page.
func readPDF(ctx context.Context, data []byte, opt Options) (*extraction, error) {
	type result struct {
		t   *pdfText
		err error
	}
	done := make(chan result, 1)
	pageRead := make(chan int, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{nil, fmt.Errorf("PDF dañado (la biblioteca de PDF falló: %v)", r)}
			}
		}()
		t, err := pdfTextLayer(data, func(n int) {
			if opt.pageRead != nil {
				opt.pageRead()
			}
			select {
			case pageRead <- n:
			default: // the waiter has not taken the last one yet: it will see this page's progress soon
			}
		})
		done <- result{t, err}
	}()
	timer := time.NewTimer(pdfTimeout)
	defer timer.Stop()
	pages := 0
	for {
		select {
		case r := <-done:
			if r.err != nil {
				return nil, r.err
			}
			return assemblePDF(ctx, data, r.t, opt)
		case pages = <-pageRead:
			timer.Reset(pdfTimeout)
		case <-timer.C:
			return nil, fmt.Errorf("la lectura de la página %d no terminó en %s; el PDF puede estar dañado", pages+1, pdfTimeout)
		}
	}
}

// pdfTextLayer reads the text of every page of a PDF, calling pageRead
// with the number of pages read after each.
func pdfTextLayer(data []byte, pageRead func(n int)) (*pdfText, error) {
	if !bytes.Contains(data[max(0, len(data)-2048):], []byte("%%EOF")) {
		return nil, errors.New("PDF truncado (no termina con la marca %%EOF)")
	}
	if err := checkDeclaredSizes(data); err != nil {
		return nil, err
	}
	data = trailerSizeFixed(data)
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return unopened(data, describePDFError(err, data))
	}
	pages, err := pdfPages(r, len(data))
	if err != nil && len(pages) == 0 {
		return unopened(data, fmt.Errorf("PDF dañado (%v)", err))
	}
	t := &pdfText{pages: len(pages)}
	if err != nil {
		t.pageErrs = append(t.pageErrs, err.Error())
	}
	for i, page := range pages {
		pl, image, drawn, err := pageLines(page, i+1)
		pageRead(i + 1)
		switch {
		case err != nil:
			t.pageErrs = append(t.pageErrs, fmt.Sprintf("página %d: %v", i+1, err))
			t.failed = append(t.failed, pageFailure{page: i + 1, reason: fmt.Sprintf("la biblioteca PDF falló (%v)", err), lines: pl,
				hopeless: errors.Is(err, errStreamTooLarge) || errors.Is(err, errTooManyGlyphs)})
			continue
		case len(pl) == 0 && image:
			t.scanned = append(t.scanned, i+1)
		case len(pl) == 0 && drawn > 0:
			t.failed = append(t.failed, pageFailure{page: i + 1, reason: fmt.Sprintf("dibuja %d caracteres y no se leyó ninguno", drawn)})
		}
		t.lines = append(t.lines, pl...)
	}
	return t, nil
}

// assemblePDF reads the scanned pages of t by OCR, puts their lines among
// the text layer's in page order, drops page furniture and groups the lines
// into blocks. When some scanned pages fail and others are read, the
// extraction says which in partial.
func assemblePDF(ctx context.Context, data []byte, t *pdfText, opt Options) (*extraction, error) {
	lines, scanned := t.lines, t.scanned
	unreadable := len(lines) > 0 && !plausibleText(lines)
	if unreadable {
		// Fonts without a Unicode mapping: the pages can still be read
		// as images.
		lines, scanned = nil, nil
		for i := 1; i <= t.pages; i++ {
			scanned = append(scanned, i)
		}
	}
	var reads []corpus.PageRead
	var unread string
	if !unreadable && len(t.failed) > 0 {
		var more []pdfLine
		more, reads, unread = readFailedPages(ctx, data, t.failed, opt.pageProgress())
		lines = append(lines, more...)
		sortLinesByPage(lines)
	}
	var failed []pageError
	if len(scanned) > 0 {
		lang := opt.OCRLang
		if lang == "" && len(lines) > 0 {
			lang = guessLang(linesText(lines))
		}
		var ocrLines []pdfLine
		ocrLines, failed = ocrPDF(ctx, data, scanned, lang, opt.pageProgress())
		lines = append(lines, ocrLines...)
		slices.SortStableFunc(lines, func(a, b pdfLine) int { return a.page - b.page })
	}
	if len(lines) == 0 {
		switch {
		case unreadable && len(failed) > 0:
			return nil, fmt.Errorf("la capa de texto del PDF es ilegible (fuentes sin correspondencia Unicode) y el OCR falló: %v", failed[0].err)
		case len(failed) > 0:
			return nil, fmt.Errorf("el PDF no tiene capa de texto (páginas escaneadas) y el OCR falló: %s", pagesError(failed, len(scanned)))
		case t.unopened != nil:
			return nil, fmt.Errorf("%v; pdftotext tampoco lo leyó (%s)", t.unopened, unread)
		case len(t.pageErrs) > 0:
			return nil, fmt.Errorf("PDF dañado: %s", t.pageErrs[0])
		case len(scanned) > 0:
			return nil, errors.New("el PDF no tiene capa de texto y el OCR no encontró texto en sus páginas escaneadas")
		}
		return nil, errors.New("el PDF no tiene capa de texto ni imágenes de página")
	}
	if !plausibleText(lines) {
		return nil, errors.New("la capa de texto del PDF es ilegible (fuentes sin correspondencia Unicode) y el OCR no encontró texto")
	}
	ex := &extraction{symbol: pdfSymbol(lines), pages: reads}
	if len(failed) > 0 {
		ex.partial = pagesError(failed, t.pages)
	}
	if unread != "" {
		ex.partial = strings.TrimPrefix(ex.partial+"; "+unread, "; ")
	}
	running := dropRunningLines(lines, t.pages, ex)
	kept := running[:0:0]
	for _, l := range running {
		if _, ok := headerSymbol(l.text); ok && (l.page == 1 || inBand(l)) {
			ex.drop("furniture", l.text)
			continue
		}
		if strings.Trim(l.text, "_ ") == "" {
			continue // a rule above the footnotes
		}
		kept = append(kept, l)
	}
	// Runs of text-layer lines and of OCR'd lines are grouped each their
	// own way.
	for i := 0; i < len(kept); {
		j := i + 1
		for j < len(kept) && (kept[j].par > 0) == (kept[i].par > 0) {
			j++
		}
		if kept[i].par > 0 {
			ex.blocks = append(ex.blocks, ocrBlocks(kept[i:j])...)
		} else {
			ex.blocks = append(ex.blocks, pdfBlocks(kept[i:j])...)
		}
		i = j
	}
	for i := range ex.blocks {
		ex.blocks[i].placed = true
	}
	return ex, nil
}

func describePDFError(err error, data []byte) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "encrypt") || strings.Contains(msg, "password") || bytes.Contains(data, []byte("/Encrypt")):
		return fmt.Errorf("PDF cifrado (%s); descífrelo antes, por ejemplo con qpdf --decrypt", msg)
	case strings.Contains(msg, "invalid header"):
		return fmt.Errorf("no es un PDF que este lector admita (%s)", msg)
	}
	return fmt.Errorf("PDF dañado (%s)", msg)
}

// pageLines extracts the lines of page, the i-th, recovering from library
// panics, and reports whether the page draws an image and how many
// character codes its text operations show. On an error, lines holds what
// was read before it.
func pageLines(page pdf.Page, i int) (lines []pdfLine, image bool, drawn int, err error) {
	defer func() {
		if p := recover(); p != nil {
			image, err = false, fmt.Errorf("contenido ilegible (%v)", p)
		}
	}()
	if page.V.IsNull() {
		return nil, false, 0, errors.New("missing page object")
	}
	if !parentChainEnds(page) {
		return nil, false, 0, errors.New("su cadena /Parent vuelve sobre sí misma")
	}
	glyphs, drawn, err := pageGlyphs(page)
	upright(glyphs)
	lines = readingOrder(buildLines(glyphs, i))
	if err != nil {
		return lines, false, drawn, fmt.Errorf("contenido ilegible (%w)", err)
	}
	return lines, hasImage(page.Resources(), 0), drawn, nil
}

// hasImage reports whether resources hold an image XObject, directly or in
// a form XObject (to a depth of three).
func hasImage(res pdf.Value, depth int) bool {
	xo := res.Key("XObject")
	for _, k := range xo.Keys() {
		x := xo.Key(k)
		switch x.Key("Subtype").Name() {
		case "Image":
			return true
		case "Form":
			if depth < 3 && hasImage(x.Key("Resources"), depth+1) {
				return true
			}
		}
	}
	return false
}

func dominant(m map[float64]int) float64 {
	best, n := 0.0, -1
	for k, v := range m {
		if v > n || v == n && k > best {
			best, n = k, v
		}
	}
	return best
}

// plausibleText reports whether extracted text is mostly letters, digits,
// spaces and punctuation: fonts without a Unicode mapping yield control
// characters and private-use garbage instead.
func plausibleText(lines []pdfLine) bool {
	good, total := 0, 0
	for _, l := range lines {
		for _, r := range l.text {
			total++
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
				if r < 0xE000 || r > 0xF8FF {
					good++
				}
			}
		}
	}
	return total > 0 && good*10 >= total*8
}

// dropRunningLines removes page furniture: page and job numbers in the
// top or bottom band of a page (inBand); running heads and feet, lines
// that recur at the same place in the top or bottom part of half the pages
// (runningBand, recurring); a footnote printed again at the foot of each
// page that cites it (kept once); and the masthead of a UN document's
// first page ("United Nations … Distr.: General … date"). A line that
// recurs elsewhere on the page is content: a signature, a repeated label
// or title, "por unanimidad,". A running head on page 1 is kept: the
// first page's heading is never furniture. Each line dropped is recorded
// on ex.
func dropRunningLines(lines []pdfLine, pages int, ex *extraction) []pdfLine {
	type place struct {
		page int
		y    float64
	}
	seen := map[string][]place{}
	for _, l := range lines {
		if runningBand(l) {
			k := furnitureKey(l.text)
			seen[k] = append(seen[k], place{l.page, l.y})
		}
	}
	// recurring: the line's text is at its place, give or take half a
	// line, on half the pages or more (and two at least). A footnote
	// printed again on the pages that cite it recurs on fewer.
	need := max(2, (pages+1)/2)
	recurring := func(l pdfLine) bool {
		if pages < 2 || !runningBand(l) {
			return false
		}
		on := map[int]bool{}
		for _, p := range seen[furnitureKey(l.text)] {
			if math.Abs(p.y-l.y) <= max(2, 0.6*l.size) {
				on[p.page] = true
			}
		}
		return len(on) >= need
	}
	// repeatedNote: a footnote line seen at the foot of another page.
	repeatedNote := func(l pdfLine) bool {
		if !atFoot(l) {
			return false
		}
		pagesSeen := map[int]bool{}
		for _, p := range seen[furnitureKey(l.text)] {
			pagesSeen[p.page] = true
		}
		return len(pagesSeen) >= 2
	}
	// A browser's print footer may come as two lines at one height: the
	// address at the left, "1/5" at the right.
	type mark struct {
		page int
		y    float64
		url  bool
	}
	var footerParts []mark
	for _, l := range lines {
		if inBand(l) && !topBand(l) {
			switch {
			case printFooterURL.MatchString(l.text):
				footerParts = append(footerParts, mark{l.page, l.y, true})
			case pageFraction.MatchString(l.text):
				footerParts = append(footerParts, mark{l.page, l.y, false})
			}
		}
	}
	printFooterPart := func(l pdfLine) bool {
		url := printFooterURL.MatchString(l.text)
		if !url && !pageFraction.MatchString(l.text) {
			return false
		}
		for _, m := range footerParts {
			if m.page == l.page && m.url != url && math.Abs(m.y-l.y) <= max(2, 0.6*l.size) {
				return true
			}
		}
		return false
	}
	out := lines[:0:0]
	keptOnce := map[string]bool{}
	continuing := false // the line before was a repeated footnote line kept
	for _, l := range lines {
		k := furnitureKey(l.text)
		switch {
		case inBand(l) && (browserPrintLine(l) || printFooterPart(l)):
			continuing = false
			ex.drop("furniture", l.text)
			continue
		case inBand(l) && isFurniture(l.text):
			if _, ok := headerSymbol(l.text); ok && l.page == 1 {
				break // the symbol of page 1's heading (see dropMasthead)
			}
			continuing = false
			ex.drop("furniture", l.text)
			continue
		case recurring(l) && !(l.page == 1 && topBand(l)):
			continuing = false
			ex.drop("furniture", l.text)
			continue
		case pages > 1 && repeatedNote(l):
			// A footnote repeated where it is cited ("Adopted under the
			// United Nations Framework Convention on Climate Change;
			// see" / "FCCC/CP/2015/10/Add.1, decision 1/CP.21."): its
			// first occurrence is kept, with the lines that go on with
			// it.
			if keptOnce[k] || len(strings.Fields(l.text)) < 5 && !continuing {
				continuing = false
				ex.drop("furniture", l.text)
				continue
			}
			keptOnce[k] = true
			continuing = true
			out = append(out, l)
			continue
		}
		continuing = false
		out = append(out, l)
	}
	return dropMasthead(out, ex)
}

// furnitureKey is what running lines of different pages share: their
// words sorted (running heads alternate sides on even and odd pages,
// "A/RES/78/323 Title" and "Title A/RES/78/323"), each run of digits
// masked (the page number changes: "Página 2 | 15", and a footnote
// repeated on another page gets another number).
func furnitureKey(s string) string {
	var b strings.Builder
	digits := false
	for _, r := range s {
		if unicode.IsDigit(r) {
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteRune(r)
	}
	f := strings.Fields(b.String())
	slices.Sort(f)
	return strings.Join(f, " ")
}

// runningBand reports whether a line sits in the top or bottom 15% of its
// page's text area, where running heads and feet of several lines are
// (a court's name, its chamber and the case number over each page).
func runningBand(l pdfLine) bool {
	h := l.pageTop - l.pageBot
	return h > 0 && (l.y >= l.pageTop-0.15*h || l.y <= l.pageBot+0.15*h)
}

// A web page printed to PDF by a browser carries the browser's header
// and footer on every page, page 1 too (where a document's own running
// head is kept as its heading): the date and time of printing and the
// page's title at the top ("12/8/26, 2:12 AM Decisión del Comité"), its
// address and the page number at the foot ("file:///…/carta.html 1/1").
var (
	browserPrintHeader = regexp.MustCompile(`^[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4},? [0-9]{1,2}:[0-9]{2}(?: ?[AaPp]\.? ?[Mm]\.?)?(?:\s|$)`)
	browserPrintFooter = regexp.MustCompile(`^(?:https?|file|ﬁle)://\S+\s+[0-9]+/[0-9]+$`)
	// The two parts of the footer, when they come as lines of their own.
	printFooterURL = regexp.MustCompile(`^(?:https?|file|ﬁle)://\S+$`)
	pageFraction   = regexp.MustCompile(`^[0-9]+/[0-9]+$`)
)

// browserPrintLine reports whether a line in the top or bottom band of its
// page is a browser's print header or footer.
func browserPrintLine(l pdfLine) bool {
	if topBand(l) {
		return browserPrintHeader.MatchString(l.text)
	}
	return browserPrintFooter.MatchString(l.text)
}

// topBand reports whether a line sits in the top 15% of its page's text
// area.
func topBand(l pdfLine) bool {
	h := l.pageTop - l.pageBot
	return h > 0 && l.y >= l.pageTop-0.15*h
}

// atFoot reports whether a line sits in the bottom 8% of its page's text
// area.
func atFoot(l pdfLine) bool {
	h := l.pageTop - l.pageBot
	return h > 0 && l.y <= l.pageBot+0.08*h
}

// pdfSymbol finds the document's symbol where UN documents print it: at the
// top of the first page, or in the running header of the others, on a line
// shaped as a header (see pdfHeaderSymbol).
func pdfSymbol(lines []pdfLine) corpus.Symbol {
	for _, firstPage := range []bool{true, false} {
		for _, l := range lines {
			if firstPage != (l.page == 1) || l.y < l.pageTop-0.12*(l.pageTop-l.pageBot) {
				continue
			}
			if s, ok := pdfHeaderSymbol(l.text); ok {
				return s
			}
		}
	}
	return ""
}

// pdfHeaderSymbol returns the symbol a line of a PDF prints as a header: the
// line is the symbol alone ("S/RES/2769 (2025)"), begins with it before a
// capitalised title (a running header: "A/RES/78/323 International Day of
// Women and Girls"), or ends with it after capitalised words only (a
// masthead: "United Nations S/RES/2770 (2025)*"). A symbol cited in running
// text that a page happens to begin with ("reforma legal. A/35/40, 18 de
// septiembre de") is not the document's: taking it gave unrelated PDFs the
// ID of the document they cite, and each replaced the other in the index.
func pdfHeaderSymbol(line string) (corpus.Symbol, bool) {
	t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line), "*"))
	for _, at := range symbolInLine.FindAllStringIndex(t, -1) {
		s, ok := headerSymbol(t[at[0]:at[1]])
		if !ok {
			continue
		}
		before, after := strings.TrimSpace(t[:at[0]]), strings.TrimSpace(t[at[1]:])
		switch {
		case before == "" && (after == "" || startsUpper(after)):
			return s, true
		case after == "" && allCapitalised(before):
			return s, true
		}
	}
	return "", false
}

// allCapitalised reports whether no word of s begins with a lower-case
// letter ("United Nations", "Naciones Unidas", "25-00687").
func allCapitalised(s string) bool {
	for w := range strings.FieldsSeq(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// inBand reports whether a line sits in the top or bottom 8% of its page's
// text area, where running headers and footers are.
func inBand(l pdfLine) bool {
	h := l.pageTop - l.pageBot
	return h > 0 && (l.y >= l.pageTop-0.08*h || l.y <= l.pageBot+0.08*h)
}

// dropMasthead removes the masthead at the top of page 1: the lines at or
// above the one with "Distr." (organ, symbol, distribution) and, just below
// it, the date, language and "Original: English" lines (see mastheadTail);
// a symbol line is kept, as the symbol alone. The masthead is found by its
// place on the page, not in the order of the lines: some PDFs draw it after
// the text of the page, and it had then been read as a paragraph in the
// middle of the document, joined to the first line of page 2.
func dropMasthead(lines []pdfLine, ex *extraction) []pdfLine {
	distr := -1
	for i, l := range lines {
		if l.page == 1 && strings.Contains(l.text, "Distr.") && l.y >= l.pageTop-0.2*(l.pageTop-l.pageBot) {
			distr = i
			break
		}
	}
	if distr < 0 {
		return lines
	}
	d := lines[distr]
	below := 0.08 * (d.pageTop - d.pageBot) // the date and language lines
	inMasthead := func(l pdfLine) bool {
		if l.page != 1 {
			return false
		}
		if l.y >= d.y {
			return true
		}
		return d.y-l.y <= below && mastheadTail(l.text)
	}
	var out []pdfLine
	for _, l := range lines {
		if !inMasthead(l) {
			out = append(out, l)
			continue
		}
		ex.drop("masthead", l.text)
		if m := symbolInLine.FindString(l.text); m != "" {
			if s, ok := headerSymbol(m); ok {
				out = append(out, pdfLine{text: s.String(), x: l.x, y: l.y, size: l.size, page: l.page, pageTop: l.pageTop, pageBot: l.pageBot})
			}
		}
	}
	return out
}

// originalLanguage matches the masthead line that names the language a
// document was written in ("Original: English", "Original: español").
var originalLanguage = regexp.MustCompile(`(?i)^\s*(?:original|idioma original)\s*:`)

// symbolInLine finds a document symbol inside a masthead line such as
// "United Nations S/RES/2770 (2025)".
var symbolInLine = regexp.MustCompile(`[A-Z]{1,8}(?:/[A-Za-z0-9.\-]+)+(?:\s*\([0-9]{4}\))?`)

func looksLikeDateLine(s string) bool {
	f := strings.Fields(s)
	return len(f) >= 2 && len(f) <= 5 && spanish.IsDigits(f[len(f)-1]) && len(f[len(f)-1]) == 4
}

// pdfBlocks groups lines into paragraphs: a blank line is inserted where the
// vertical gap is larger than the usual line spacing, where the font size
// changes, at a first-line indent, and where a page begins with an indented
// line. The text layout rules then apply (short lines end paragraphs, items
// start them).
func pdfBlocks(lines []pdfLine) []block {
	if len(lines) == 0 {
		return nil
	}
	// The usual line spacing and the body font size.
	var gaps []float64
	sizes := map[float64]int{}
	margins := map[int]map[float64]int{}
	for i, l := range lines {
		sizes[l.size] += len(l.text)
		if margins[l.page] == nil {
			margins[l.page] = map[float64]int{}
		}
		margins[l.page][math.Round(l.x)] += len(l.text)
		if i > 0 && lines[i-1].page == l.page {
			if d := lines[i-1].y - l.y; d > 0 {
				gaps = append(gaps, d)
			}
		}
	}
	spacing := 12.0
	if len(gaps) > 0 {
		sort.Float64s(gaps)
		spacing = gaps[len(gaps)/2]
	}
	body := dominant(sizes)
	margin := map[int]float64{}
	for p, m := range margins {
		margin[p] = leftmostCommon(m)
	}
	full := fullLineLengths(lines, body)
	paraGaps := paragraphGaps(lines, spacing)
	var text []string
	var small []bool // per entry of text: set in a footnote-sized font
	var src []int    // per entry of text: the index of its line, -1 for a blank
	blank := func() {
		text = append(text, "")
		small = append(small, false)
		src = append(src, -1)
	}
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			indented := l.x > margin[l.page]+0.8*body && l.x < margin[l.page]+6*body
			switch {
			case prev.page != l.page:
				// A page's last line goes on at the top of the next
				// page unless the next line opens a paragraph, or the
				// last line stops well short of a full line and the next
				// begins with a capital (a heading: "Arms Embargo" after
				// "Acting under Chapter VII … Nations,").
				short := utf8.RuneCountInString(prev.text)*4 < full[prev.page]*3
				if indented || isFootnoteSize(prev.size, body) || short && startsUpper(l.text) {
					blank()
				}
			case prev.y-l.y > 1.45*spacing || l.y > prev.y || paraGaps[int(math.Round((prev.y-l.y)/spacing*100))]:
				blank()
			case math.Abs(l.size-prev.size) > 0.5:
				blank()
			case isFootnoteSize(l.size, body) && isFootnoteSize(prev.size, body) && noteStart.MatchString(l.text) && l.x <= prev.x+0.5*body:
				blank() // the next footnote, set close under the one before
			case indented && l.x > prev.x+0.8*body && !hangs(prev, l):
				blank() // a first-line indent
			}
		}
		text = append(text, l.text)
		small = append(small, isFootnoteSize(l.size, body))
		src = append(src, i)
	}
	blocks := paragraphsFrom(text, startsItemPDF)
	// The lowest line of body type and the footnote marks of each page.
	lowestBody := map[int]float64{}
	marks := map[int]int{}
	for _, l := range lines {
		marks[l.page] += l.marks
		if !isFootnoteSize(l.size, body) {
			if y, ok := lowestBody[l.page]; !ok || l.y < y {
				lowestBody[l.page] = l.y
			}
		}
	}
	for i := range blocks {
		b := &blocks[i]
		for k := range b.lines {
			if j := b.start + k; j < len(src) && src[j] >= 0 {
				b.notes = append(b.notes, lines[src[j]].notes...)
			}
		}
		if !small[b.start] {
			continue
		}
		var bl []pdfLine
		for k := range b.lines {
			if j := b.start + k; j < len(src) && src[j] >= 0 {
				bl = append(bl, lines[src[j]])
			}
		}
		if isFootnote(bl, lowestBody, marks) {
			b.kind = corpus.Footnote
		}
	}
	return blocks
}

// paragraphGaps returns the gaps between baselines, from 1.3 to 1.45
// lines (spacing), that recur five times or more in the document (to a
// hundredth of a line): the space a word processor puts after each
// paragraph, under pdfBlocks' rule of 1.45 lines (LibreOffice's and
// Word's few points after a paragraph, 1.37–1.44 lines: "C. Principales
// motivos de preocupación" and the "(…)" under it had been one
// paragraph). A title whose few lines are set that far apart is no
// recurring gap.
func paragraphGaps(lines []pdfLine, spacing float64) map[int]bool {
	n := map[int]int{}
	for i := 1; i < len(lines); i++ {
		if lines[i].page != lines[i-1].page {
			continue
		}
		if r := (lines[i-1].y - lines[i].y) / spacing; r > 1.3 && r <= 1.45 {
			n[int(math.Round(r*100))]++
		}
	}
	out := map[int]bool{}
	for k, c := range n {
		if c >= 5 {
			out[k] = true
		}
	}
	return out
}

// hangs reports whether l goes on with the text of prev under a hanging
// indent: prev opens with a label (a note's number, a paragraph number, a
// bullet) and l starts where prev's text after it does. A note's second
// line, "1994 (United Nations publication…" under "11 Report of the
// International Conference … 5–13 September", had been taken for a new
// paragraph (and the date range cut in two).
func hangs(prev, l pdfLine) bool {
	if prev.x2 <= 0 || math.Abs(l.x-prev.x2) > 0.5*l.size {
		return false
	}
	label, _, _ := strings.Cut(prev.text, " ")
	return noteMark.MatchString(label+" ") || numberStartPDF.MatchString(label+" x") || bulletStart.MatchString(label+" ")
}

// isFootnote reports whether a block of lines in small type is a
// footnote, on the evidence of both its place and a mark: all its lines
// are below the page's lowest line of body type, and it opens with a note
// mark ("12 Ver…", "* Aprobada…", "3 A/HRC/59/42.") or, not being in
// capitals, stands on a page whose text has raised marks. A block in
// capitals without a mark ("VISTOS:", "POR TANTO:", "RESUELVE:") is a
// heading, never a note; small type elsewhere (a table, a quotation) is
// text.
func isFootnote(lines []pdfLine, lowestBody map[int]float64, marks map[int]int) bool {
	if len(lines) == 0 {
		return false
	}
	for _, l := range lines {
		if y, ok := lowestBody[l.page]; ok && l.y >= y {
			return false
		}
	}
	switch first := lines[0]; {
	case noteMark.MatchString(first.text):
		return true
	case isCapitals(linesText(lines)):
		return false
	default:
		return marks[first.page] > 0
	}
}

// noteMark matches a footnote's own mark at its start: a number (not a
// paragraph number "12." or a figure "3.5"), an asterisk, a dagger.
var noteMark = regexp.MustCompile(`^(?:[0-9]{1,3}(?:\s|[^0-9.\s])|[*†‡]+)`)

// noteStart matches the first line of a footnote: its number, a space and
// a capital ("2 Según el Estado"), or an asterisk or dagger.
var noteStart = regexp.MustCompile(`^(?:[0-9]{1,3}\s+[\p{Lu}¿¡"“«(]|[*†‡]+\s*\S)`)

// isCapitals reports whether s has letters and none in lower case.
func isCapitals(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// fullLineLengths returns, for each page, the length in characters of a
// full line of its body text: the 90th percentile of the lengths of its
// body-size lines. (Glyph widths, which would give where a line ends, are
// missing from many PDFs.)
func fullLineLengths(lines []pdfLine, body float64) map[int]int {
	lengths := map[int][]int{}
	for _, l := range lines {
		if math.Abs(l.size-body) <= 0.5 {
			lengths[l.page] = append(lengths[l.page], utf8.RuneCountInString(l.text))
		}
	}
	out := map[int]int{}
	for p, n := range lengths {
		sort.Ints(n)
		out[p] = n[len(n)*9/10]
	}
	return out
}

// isFootnoteSize reports whether text of size is footnote text beside body
// text of size body: a tenth smaller or more (UN documents: 9 and 10 points).
func isFootnoteSize(size, body float64) bool { return size < 0.91*body }

// leftmostCommon returns the smallest x at which a good share of the page's
// text starts: the left margin, ignoring stray glyphs further left.
func leftmostCommon(m map[float64]int) float64 {
	total := 0
	keys := make([]float64, 0, len(m))
	for k, v := range m {
		keys = append(keys, k)
		total += v
	}
	slices.Sort(keys)
	for _, k := range keys {
		if m[k]*10 >= total {
			return k
		}
	}
	if len(keys) > 0 {
		return keys[0]
	}
	return 0
}
