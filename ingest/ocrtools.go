package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
)

// The programs OCR runs (Tesseract, pdftoppm), how many may run at once
// for the memory the machine has, and the image formats they are given.

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
		return nil, &toolError{name: name, stderr: stderr.String(), err: err}
	}
	return stdout.Bytes(), nil
}

// toolError is a program that runTool ran and that failed: its name, what
// it wrote to its standard error, and how it ended.
type toolError struct {
	name, stderr string
	err          error
}

// Error says "NAME falló: " and the last line of the program's standard
// error (how it ended when it wrote none).
func (e *toolError) Error() string {
	msg := strings.TrimSpace(e.stderr)
	if i := strings.LastIndexByte(msg, '\n'); i >= 0 {
		msg = strings.TrimSpace(msg[i+1:])
	}
	if msg == "" {
		msg = e.err.Error()
	}
	return fmt.Sprintf("%s falló: %s", e.name, msg)
}

// Unwrap returns how the program ended (an *exec.ExitError).
func (e *toolError) Unwrap() error { return e.err }

// tesseract runs OCR on one image file and returns the TSV it wrote.
func tesseract(ctx context.Context, image, lang string) ([]byte, error) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		return nil, ErrNoTesseract
	}
	out, err := runTool(ctx, "tesseract", image, "stdout", "-l", lang, "tsv")
	// Tesseract says that it lacks a model only in what it writes
	// ("Failed loading language 'spa'"), which is read here, not the
	// error's text.
	var te *toolError
	if errors.As(err, &te) && strings.Contains(te.stderr, "language") {
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
