package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
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

// ErrNoTesseract is wrapped by the error for a scan when the tesseract
// program is not installed.
var ErrNoTesseract = errors.New("Tesseract no está instalado; instale los paquetes de Debian tesseract-ocr y tesseract-ocr-spa (apt-get install tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng)")

// errNoPdftoppm is the error for a scanned PDF when poppler's pdftoppm is
// not installed.
var errNoPdftoppm = errors.New("pdftoppm no está instalado; instale el paquete de Debian poppler-utils")

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
