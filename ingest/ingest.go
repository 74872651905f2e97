package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/relatoria/relatoria/corpus"
)

// DefaultMaxFileSize is the largest file Read accepts unless Options says
// otherwise: 64 MiB, far above any resolution or report.
const DefaultMaxFileSize = 64 << 20

// Options configures reading. The zero value reads with the defaults.
type Options struct {
	// MaxFileSize is the largest file accepted, in bytes; 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// NoRepair turns off OCR repair, leaving Text normalised but unrepaired.
	NoRepair bool
	// Unchanged, when set, is asked by Walk before reading a file (its
	// absolute path, size and modification time) and after (its SHA-256):
	// when it answers true, the file is passed over with ErrUnchanged.
	Unchanged func(path string, size int64, mod time.Time, hash string) bool
	// OCRLang is the Tesseract model scanned pages are read with: "spa"
	// or "eng". "" chooses from the document: the language of its text
	// pages, or of its first scanned page read with the Spanish model.
	OCRLang string
	// Progress, when set, is told of each scanned page read, in a short
	// line ("OCR page 3 (3 of 12, spa) read"); it may be called from
	// several goroutines at once.
	Progress func(file, msg string)
	// Limits bound a worker process reading a PDF or an image (see
	// ServeIfWorker); the zero value takes the defaults.
	Limits ReadLimits
	// FollowLinks makes Walk follow a symbolic link inside a folder that
	// points outside it (by default such a link is reported and passed
	// over).
	FollowLinks bool

	// inWorker is set in a worker process: files are read here.
	inWorker bool
	// pageRead, when set, is told of each page of a PDF's text layer
	// read: a worker says so to relatoria, which grants it CPU time by
	// the page (see ReadLimits.CPU).
	pageRead func()
}

// ErrUnchanged is the reason Walk gives for a file that Options.Unchanged
// says was already read as it is.
var ErrUnchanged = errors.New("sin cambios desde la última vez")

func (o Options) maxFileSize() int64 {
	if o.MaxFileSize <= 0 {
		return DefaultMaxFileSize
	}
	return o.MaxFileSize
}

// Error is a failure to read one file. Reason is a short human sentence
// ("archivo vacío", "PDF truncado"); Err, when set, is the
// underlying error.
type Error struct {
	Path   string
	Reason string
	Err    error
}

// Error returns "PATH: reason".
func (e *Error) Error() string {
	if e.Err != nil && e.Reason == "" {
		return e.Path + ": " + e.Err.Error()
	}
	return e.Path + ": " + e.Reason
}

// Unwrap returns the underlying error, if any.
func (e *Error) Unwrap() error { return e.Err }

func fail(name, reason string, err error) *Error { return &Error{Path: name, Reason: reason, Err: err} }

// Read parses data, the contents of the file called name, into a Document.
// The format is taken from the name's extension and checked against the
// content (a PDF or an image is recognised by its header whatever its
// name). Read returns an *Error naming the file when the data is empty,
// binary, too large, undecodable, or holds no text. Scanned pages (an image
// file, the pages of a PDF without a text layer) are read by OCR (see
// ReadContext); when some scanned pages fail and others are read, Read
// returns the document of those read together with an *Error naming the
// pages that failed.
func Read(name string, data []byte, opt Options) (doc *corpus.Document, err error) {
	return ReadContext(context.Background(), name, data, opt)
}

// ReadContext is Read with a context, which bounds the OCR of scanned pages.
func ReadContext(ctx context.Context, name string, data []byte, opt Options) (doc *corpus.Document, err error) {
	defer func() {
		// Last line of defence: a bug or a library panic on hostile input
		// becomes an error for this file, not a crash of the batch.
		if r := recover(); r != nil {
			doc, err = nil, fail(name, fmt.Sprintf("error interno al leerlo: %v", r), nil)
		}
	}()
	if int64(len(data)) > opt.maxFileSize() {
		return nil, fail(name, fmt.Sprintf("archivo demasiado grande (%d bytes; el límite es %d, véase -max-size)", len(data), opt.maxFileSize()), nil)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fail(name, "archivo vacío", nil)
	}
	format, err := sniff(name, data)
	if err != nil {
		return nil, fail(name, err.Error(), err)
	}
	if opt.OCRLang != "" && !validLang(opt.OCRLang) {
		return nil, fail(name, fmt.Sprintf("idioma de OCR desconocido %q (use uno de estos: %s)", opt.OCRLang, strings.Join(ocrLanguages, ", ")), nil)
	}
	if isolated(format, opt) {
		return readIsolated(ctx, name, data, opt)
	}
	if opt.Progress != nil {
		progress := opt.Progress
		opt.Progress = func(_, msg string) { progress(name, msg) }
	}
	var ex *extraction
	switch format {
	case corpus.FormatPDF:
		ex, err = readPDF(ctx, data, opt)
	case corpus.FormatImage:
		ex, err = readImage(ctx, data, opt)
	case corpus.FormatHTML:
		ex, err = readHTML(data)
	case corpus.FormatMarkdown:
		ex, err = readMarkdown(data)
	default:
		ex, err = readText(data)
	}
	if err != nil {
		return nil, fail(name, err.Error(), err)
	}
	if format == corpus.FormatPDF {
		ex.ocrProducer = ocrProducer(data)
	}
	doc = build(name, format, ex, opt)
	if len(doc.Paragraphs) == 0 {
		return nil, fail(name, "no tiene texto", nil)
	}
	sum := sha256.Sum256(data)
	doc.Hash = hex.EncodeToString(sum[:])
	if ex.partial != "" {
		return doc, fail(name, ex.partial, nil)
	}
	return doc, nil
}

// File reads and parses the file name of fsys.
func File(fsys fs.FS, name string, opt Options) (*corpus.Document, error) {
	data, err := readLimited(fsys, name, opt.maxFileSize())
	if err != nil {
		return nil, err
	}
	return Read(name, data, opt)
}

func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fail(name, describeOpenError(err), err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, fail(name, "es una carpeta", nil)
		}
		if st.Size() > limit {
			return nil, fail(name, fmt.Sprintf("archivo demasiado grande (%d bytes; el límite es %d, véase -max-size)", st.Size(), limit), nil)
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fail(name, "no se puede leer: "+err.Error(), err)
	}
	if int64(len(data)) > limit {
		return nil, fail(name, fmt.Sprintf("archivo demasiado grande (más de %d bytes, véase -max-size)", limit), nil)
	}
	return data, nil
}

func describeOpenError(err error) string {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return "permiso denegado"
	case errors.Is(err, fs.ErrNotExist):
		return "no existe ese archivo"
	}
	return "no se puede abrir: " + err.Error()
}

// formatOf returns the format a file name suggests, and false for names
// whose extension ingest does not read.
func formatOf(name string) (corpus.Format, bool) {
	switch strings.ToLower(path.Ext(name)) {
	case ".pdf":
		return corpus.FormatPDF, true
	case ".html", ".htm", ".xhtml":
		return corpus.FormatHTML, true
	case ".md", ".markdown":
		return corpus.FormatMarkdown, true
	case ".txt", ".text", "":
		return corpus.FormatText, true
	case ".tif", ".tiff", ".png", ".jpg", ".jpeg":
		return corpus.FormatImage, true
	}
	return "", false
}

// sniff decides the format from the name and the first bytes.
func sniff(name string, data []byte) (corpus.Format, error) {
	head := data[:min(len(data), 1024)]
	if bytes.HasPrefix(bytes.TrimLeft(head, "\x00\t\r\n "), []byte("%PDF-")) {
		return corpus.FormatPDF, nil
	}
	if imageFormat(head) != "" {
		return corpus.FormatImage, nil
	}
	f, ok := formatOf(name)
	if !ok {
		f = corpus.FormatText
	}
	if f == corpus.FormatImage {
		return "", errors.New("no es una imagen que este lector admita (se espera TIFF, PNG o JPEG)")
	}
	if f == corpus.FormatPDF {
		return "", errors.New("no es un archivo PDF (no empieza por %PDF-)")
	}
	if f == corpus.FormatText && looksLikeHTML(head) {
		f = corpus.FormatHTML
	}
	if f != corpus.FormatPDF && isBinary(data) {
		return "", errors.New("archivo binario, no de texto (bytes NUL o caracteres de control)")
	}
	return f, nil
}

func looksLikeHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))))
	return bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html"))
}

// Printed returns a document's text as "relatoria normalize" prints it: its
// paragraphs in order, each with its number as written
// (corpus.Paragraph.Printed), a blank line between them.
func Printed(doc *corpus.Document) string {
	var b strings.Builder
	for i := range doc.Paragraphs {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(doc.Paragraphs[i].Printed())
		b.WriteString("\n")
	}
	return b.String()
}
