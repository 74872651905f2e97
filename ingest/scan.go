package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Scanned pages are read by running Tesseract (Debian's tesseract-ocr, with
// its Spanish and English models) on each page image: the pages of an
// image-only PDF, rasterised with poppler's pdftoppm, or a TIFF, PNG or JPEG
// scan as it is. Tesseract's TSV output gives every word with its box and
// confidence, and the lines and paragraphs it found; its lines become
// pdfLines (positions in points, as the text layer's are), so running
// headers and page numbers are dropped as on any PDF, and its paragraphs
// become blocks carrying their page and mean word confidence.
//
// Nothing passes through a shell: the programs are run with exec and fixed
// arguments, under the caller's context and a timeout per page.

// scanDPI is the resolution pages are rasterised at: Tesseract reads 11 pt
// text best at 300 dpi.
const scanDPI = 300

// pageTimeout bounds the rasterising and OCR of one page (about 2 s on one
// core for an A4 page at 300 dpi).
const pageTimeout = 3 * time.Minute

// ocrLanguages lists the Tesseract models ingest may ask for.
var ocrLanguages = []string{"spa", "eng"}

// ErrNoTesseract is wrapped by the error for a scan when the tesseract
// program is not installed.
var ErrNoTesseract = errors.New("Tesseract no está instalado; instale los paquetes de Debian tesseract-ocr y tesseract-ocr-spa (apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng)")

// errNoPdftoppm is the error for a scanned PDF when poppler's pdftoppm is
// not installed.
var errNoPdftoppm = errors.New("pdftoppm no está instalado; instale el paquete de Debian poppler-utils")

// ocrSlot bounds the Tesseract processes running at once, across all the
// files being read: one per core, fewer when memory is short (a 300 dpi A4
// page takes Tesseract about 150 MB; see ocrWorkers).
var ocrSlot = sync.OnceValue(func() chan struct{} { return make(chan struct{}, ocrWorkers()) })

// ocrWorkers returns how many pages may be read at once: GOMAXPROCS, no
// more than the available memory allows at 400 MB a page, at least one.
func ocrWorkers() int {
	n := runtime.GOMAXPROCS(0)
	if avail := memAvailable(); avail > 0 {
		n = min(n, int(avail/(400<<20)))
	}
	return max(n, 1)
}

// memAvailable returns the kernel's estimate of available memory in bytes,
// or 0 when it cannot be read.
func memAvailable() int64 {
	data, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "MemAvailable:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// validLang reports whether lang is a Tesseract model name ingest accepts.
func validLang(lang string) bool { return slices.Contains(ocrLanguages, lang) }

// pageError is the failure to read one page of a scan.
type pageError struct {
	page int
	err  error
}

// pagesError describes the pages that failed, for the error line of a
// document whose other pages were read: "el OCR falló en la página 3 de 12 (…)".
func pagesError(errs []pageError, total int) string {
	slices.SortFunc(errs, func(a, b pageError) int { return a.page - b.page })
	nums := make([]string, len(errs))
	for i, e := range errs {
		nums[i] = strconv.Itoa(e.page)
	}
	word := "la página"
	if len(errs) > 1 {
		word = "las páginas"
	}
	return fmt.Sprintf("el OCR falló en %s %s de %d (%v); las demás páginas se indexan", word, strings.Join(nums, ", "), total, errs[0].err)
}

// runTool runs a program with arguments (never through a shell) under ctx,
// and returns its standard output; the error quotes its standard error.
func runTool(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	// Pages are read in parallel: one thread each is faster overall than
	// Tesseract's own threads fighting over the cores.
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("%s tardó demasiado (%v)", name, ctx.Err())
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
			msg = strings.TrimSpace(msg[i+1:])
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("%s falló: %s", name, msg)
	}
	return stdout.Bytes(), nil
}

// tesseract runs OCR on one image file and returns the TSV it wrote.
func tesseract(ctx context.Context, image, lang string) ([]byte, error) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		return nil, ErrNoTesseract
	}
	out, err := runTool(ctx, "tesseract", image, "stdout", "-l", lang, "tsv")
	if err != nil && strings.Contains(err.Error(), "language") {
		return nil, fmt.Errorf("Tesseract no tiene el modelo %q; instale el paquete de Debian tesseract-ocr-%s (%v)", lang, lang, err)
	}
	return out, err
}

// rasterise renders page of the PDF file in grey at scanDPI into dir and
// returns the image's path.
func rasterise(ctx context.Context, pdfPath, dir string, page int) (string, error) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return "", errNoPdftoppm
	}
	root := filepath.Join(dir, "page-"+strconv.Itoa(page))
	p := strconv.Itoa(page)
	// PGM, uncompressed: compressing a noisy scan as PNG took pdftoppm 13 s
	// a page, writing it 0.15 s.
	if _, err := runTool(ctx, "pdftoppm", "-r", strconv.Itoa(scanDPI), "-gray", "-f", p, "-l", p, "-singlefile", pdfPath, root); err != nil {
		return "", err
	}
	return root + ".pgm", nil
}

// ocrFile reads one page (or, for a multi-page TIFF, every page) from an
// image file: it waits for a slot, runs Tesseract under the page timeout,
// and parses its TSV. page, when not 0, is the page number to give the
// lines (the page of a PDF); otherwise Tesseract's own numbering is kept.
func ocrFile(ctx context.Context, image, lang string, page int, dpi float64, render func(context.Context) error) ([]pdfLine, error) {
	release, err := takeOCRSlot(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	ctx, cancel := context.WithTimeout(ctx, pageTimeout)
	defer cancel()
	if render != nil {
		if err := render(ctx); err != nil {
			return nil, err
		}
	}
	tsv, err := tesseract(ctx, image, lang)
	if err != nil {
		return nil, err
	}
	return parseTSV(tsv, dpi, page), nil
}

// tsvKey identifies a line of Tesseract's TSV.
type tsvKey struct{ page, block, par, line int }

// parseTSV turns Tesseract's TSV output into lines. Each line's position is
// in points from the bottom of its page, as in a PDF; its size is the
// page's usual line height when it is near it (Tesseract's boxes vary with
// ascenders and descenders, and a size change would end a paragraph), its
// own otherwise; par numbers Tesseract's paragraphs from 1 across the
// output; conf is the mean confidence of its words. Malformed rows are
// skipped. page, when not 0, overrides the page numbers of the output.
func parseTSV(tsv []byte, dpi float64, page int) []pdfLine {
	if dpi <= 0 {
		dpi = scanDPI
	}
	pt := 72 / dpi
	heights := map[int]float64{} // page height in pixels, by page
	type acc struct {
		key                      tsvKey
		words                    []string
		conf                     float64
		left, top, bottom, right int
	}
	var lines []*acc
	byKey := map[tsvKey]*acc{}
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 {
			continue
		}
		var n [11]int
		ok := true
		for i := 0; i < 10; i++ {
			v, err := strconv.Atoi(f[i])
			if err != nil || v < 0 || v > 1<<24 {
				ok = false
				break
			}
			n[i] = v
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if !ok || err != nil || math.IsNaN(conf) {
			continue
		}
		level, pg := n[0], n[1]
		if page > 0 {
			pg = page
		}
		left, top, width, height := n[6], n[7], n[8], n[9]
		switch level {
		case 1:
			heights[pg] = float64(top + height)
		case 5:
			text := strings.TrimSpace(strings.Join(f[11:], "\t"))
			if text == "" {
				continue
			}
			k := tsvKey{pg, n[2], n[3], n[4]}
			a := byKey[k]
			if a == nil {
				a = &acc{key: k, left: left, top: top}
				byKey[k] = a
				lines = append(lines, a)
			}
			a.words = append(a.words, text)
			a.conf += max(conf, 0)
			a.left, a.top = min(a.left, left), min(a.top, top)
			a.bottom, a.right = max(a.bottom, top+height), max(a.right, left+width)
		}
	}
	out := make([]pdfLine, 0, len(lines))
	pars := map[[3]int]int{}
	for _, a := range lines {
		pk := [3]int{a.key.page, a.key.block, a.key.par}
		if pars[pk] == 0 {
			pars[pk] = len(pars) + 1
		}
		h := heights[a.key.page]
		if h == 0 {
			h = 3508 * dpi / scanDPI // an A4 page
		}
		out = append(out, pdfLine{
			text:  strings.Join(a.words, " "),
			x:     float64(a.left) * pt,
			y:     (h - float64(a.bottom)) * pt,
			size:  float64(a.bottom-a.top) * pt,
			page:  a.key.page,
			par:   pars[pk],
			conf:  a.conf / float64(len(a.words)),
			words: len(a.words),
		})
	}
	evenSizes(out)
	setPageBounds(out)
	return out
}

// evenSizes gives the lines of each page whose height is within a third of
// the page's median line height that median as their size.
func evenSizes(lines []pdfLine) {
	byPage := map[int][]float64{}
	for _, l := range lines {
		byPage[l.page] = append(byPage[l.page], l.size)
	}
	med := map[int]float64{}
	for p, s := range byPage {
		slices.Sort(s)
		med[p] = s[len(s)/2]
	}
	for i := range lines {
		m := med[lines[i].page]
		if lines[i].size > 0.67*m && lines[i].size < 1.4*m {
			lines[i].size = m
		}
	}
}

// setPageBounds sets each line's pageTop and pageBot: the highest and
// lowest baselines of its page.
func setPageBounds(lines []pdfLine) {
	type bounds struct{ top, bot float64 }
	b := map[int]bounds{}
	for _, l := range lines {
		c, ok := b[l.page]
		if !ok {
			c = bounds{l.y, l.y}
		}
		b[l.page] = bounds{max(c.top, l.y), min(c.bot, l.y)}
	}
	for i := range lines {
		lines[i].pageTop, lines[i].pageBot = b[lines[i].page].top, b[lines[i].page].bot
	}
}

// ocrBlocks groups OCR'd lines into blocks: one per Tesseract paragraph,
// split where a line opens a list item or a numbered paragraph, or follows
// a short line that ends a sentence or is a heading (Tesseract joins a
// heading to the paragraph under it when they are close), each with its
// page and the mean confidence of its words.
func ocrBlocks(lines []pdfLine) []block {
	full := map[int]int{} // a full line's length in runes, by page
	byPage := map[int][]int{}
	for _, l := range lines {
		byPage[l.page] = append(byPage[l.page], utf8.RuneCountInString(l.text))
	}
	for p, n := range byPage {
		slices.Sort(n)
		full[p] = n[len(n)*9/10]
	}
	var out []block
	var cur *block
	var confSum float64
	var words int
	flush := func() {
		if cur != nil {
			if words > 0 {
				cur.conf = confSum / float64(words)
			}
			out = append(out, *cur)
			cur = nil
		}
	}
	for i, l := range lines {
		if cur == nil || lines[i-1].par != l.par || startsItem(l.text) || endsBlock(lines[i-1].text, l.text, full[l.page]) {
			flush()
			cur = &block{page: l.page, ocr: true}
			confSum, words = 0, 0
		}
		cur.lines = append(cur.lines, l.text)
		confSum += l.conf * float64(l.words)
		words += l.words
	}
	flush()
	return out
}

// endsBlock reports whether a line of a paragraph that Tesseract found
// closes it before the next line: it is well short of a full line and ends
// a sentence, or it is a heading (under half a line, not ending open) and
// the next line begins with a capital.
func endsBlock(prev, next string, full int) bool {
	n := utf8.RuneCountInString(prev)
	if full == 0 || n*10 >= full*7 {
		return false
	}
	return sentenceEnd.MatchString(prev) || n*2 < full && startsUpper(next) && !endsOpen(prev)
}

// elisionMark reports whether an OCR'd paragraph is what Tesseract makes
// of "(…)", the mark of omitted text that quotations of UN findings put on
// a line of its own: a lone token of up to four characters closed by a
// parenthesis ("(.)", "E.)", "(...)", "(5)", "Ci)"), 119 of them in the
// cladem-dev pairs. (A list item is never alone on its line.)
func elisionMark(text string) bool {
	if !strings.HasSuffix(text, ")") || strings.ContainsAny(text, " \t") {
		return false
	}
	inner := strings.TrimPrefix(strings.TrimSuffix(text, ")"), "(")
	return utf8.RuneCountInString(inner) <= 4 && !strings.ContainsAny(inner, "()")
}

// spanishWords and englishWords are function words that tell the two
// languages apart in a page of OCR output, whichever model read it.
var (
	spanishWords = map[string]bool{"de": true, "la": true, "el": true, "los": true, "las": true, "que": true, "y": true, "en": true, "del": true, "por": true, "para": true, "con": true, "una": true, "se": true}
	englishWords = map[string]bool{"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "that": true, "for": true, "on": true, "with": true, "by": true, "as": true, "which": true, "its": true}
)

// guessLang returns "eng" when text reads as English and "spa" otherwise.
func guessLang(text string) string {
	es, en := 0, 0
	for w := range strings.FieldsSeq(strings.ToLower(text)) {
		w = strings.Trim(w, ".,;:()\"'“”")
		if spanishWords[w] {
			es++
		}
		if englishWords[w] {
			en++
		}
	}
	if en > es && en >= 3 {
		return "eng"
	}
	return "spa"
}

func linesText(lines []pdfLine) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.text)
		b.WriteByte('\n')
	}
	return b.String()
}

// ocrPages reads pages of a scan in parallel, within the OCR slots, and
// returns their lines in page order and the pages that failed. The first
// page is read alone when the language is to be guessed: when it reads as
// English, it is read again with the English model, and so are the others.
// progress, when not nil, is told of each page done.
func ocrPages(ctx context.Context, pages []int, lang string, progress func(string), read func(ctx context.Context, page int, lang string) ([]pdfLine, error)) ([]pdfLine, []pageError, string) {
	results := make([][]pdfLine, len(pages))
	errs := make([]error, len(pages))
	var mu sync.Mutex
	done := 0
	report := func(i int) {
		if progress == nil {
			return
		}
		mu.Lock()
		done++
		n := done
		mu.Unlock()
		status := "leída"
		if errs[i] != nil {
			status = "falló: " + errs[i].Error()
		}
		progress(fmt.Sprintf("OCR de la página %d (%d de %d, %s) %s", pages[i], n, len(pages), lang, status))
	}
	first := 0
	if lang == "" {
		lang = "spa"
		if len(pages) > 0 {
			results[0], errs[0] = read(ctx, pages[0], lang)
			if errs[0] == nil && guessLang(linesText(results[0])) == "eng" {
				lang = "eng"
				results[0], errs[0] = read(ctx, pages[0], lang)
			}
			report(0)
			first = 1
			if errors.Is(errs[0], ErrNoTesseract) || errors.Is(errs[0], errNoPdftoppm) {
				// Every page would fail the same way.
				for i := 1; i < len(pages); i++ {
					errs[i] = errs[0]
				}
				first = len(pages)
			}
		}
	}
	var wg sync.WaitGroup
	for i := first; i < len(pages); i++ {
		wg.Go(func() {
			results[i], errs[i] = read(ctx, pages[i], lang)
			report(i)
		})
	}
	wg.Wait()
	var lines []pdfLine
	var failed []pageError
	for i := range pages {
		if errs[i] != nil {
			failed = append(failed, pageError{pages[i], errs[i]})
			continue
		}
		lines = append(lines, results[i]...)
	}
	return lines, failed, lang
}

// pageProgress returns the function ocrPages reports pages to, or nil.
func (o Options) pageProgress() func(string) {
	if o.Progress == nil {
		return nil
	}
	return func(msg string) { o.Progress("", msg) }
}

// imageFormat returns the extension of a TIFF, PNG or JPEG image recognised
// by its first bytes, or "".
func imageFormat(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return ".tif"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return ".png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return ".jpg"
	}
	return ""
}

// readImage reads a scanned page (a multi-page TIFF: every page) by OCR.
func readImage(ctx context.Context, data []byte, opt Options) (*extraction, error) {
	ext := imageFormat(data)
	if ext == "" {
		return nil, errors.New("no es una imagen que este lector admita (se espera TIFF, PNG o JPEG)")
	}
	dir, err := os.MkdirTemp("", "relatoria-scan-")
	if err != nil {
		return nil, fmt.Errorf("no se puede crear una carpeta temporal para el OCR: %v", err)
	}
	defer os.RemoveAll(dir)
	image := filepath.Join(dir, "scan"+ext)
	if err := os.WriteFile(image, data, 0o600); err != nil {
		return nil, fmt.Errorf("no se puede escribir la imagen para el OCR: %v", err)
	}
	lines, failed, _ := ocrPages(ctx, []int{1}, opt.OCRLang, opt.pageProgress(), func(ctx context.Context, _ int, lang string) ([]pdfLine, error) {
		return ocrFile(ctx, image, lang, 0, scanDPI, nil)
	})
	if len(failed) > 0 {
		return nil, fmt.Errorf("el OCR falló: %w", failed[0].err)
	}
	ex := &extraction{symbol: pdfSymbol(lines)}
	ex.blocks = ocrBlocks(dropRunningLines(lines, lastPage(lines), ex))
	return ex, nil
}

func lastPage(lines []pdfLine) int {
	n := 0
	for _, l := range lines {
		n = max(n, l.page)
	}
	return n
}

// ocrPDF rasterises the given pages of a PDF with pdftoppm and reads them
// with Tesseract, in parallel; see ocrPages.
func ocrPDF(ctx context.Context, data []byte, pages []int, lang string, progress func(string)) ([]pdfLine, []pageError) {
	dir, err := os.MkdirTemp("", "relatoria-scan-")
	if err != nil {
		return nil, []pageError{{pages[0], fmt.Errorf("no se puede crear una carpeta temporal para el OCR: %v", err)}}
	}
	defer os.RemoveAll(dir)
	pdfPath := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(pdfPath, data, 0o600); err != nil {
		return nil, []pageError{{pages[0], fmt.Errorf("no se puede escribir el PDF para el OCR: %v", err)}}
	}
	lines, failed, _ := ocrPages(ctx, pages, lang, progress, func(ctx context.Context, page int, lang string) ([]pdfLine, error) {
		image := filepath.Join(dir, "page-"+strconv.Itoa(page)+".pgm")
		defer os.Remove(image)
		return ocrFile(ctx, image, lang, page, scanDPI, func(ctx context.Context) error {
			if _, err := exec.LookPath("tesseract"); err != nil {
				return ErrNoTesseract // before spending time on rendering
			}
			_, err := rasterise(ctx, pdfPath, dir, page)
			return err
		})
	})
	return lines, failed
}
