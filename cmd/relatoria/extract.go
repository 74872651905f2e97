package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/ingest/audit"
	"github.com/relatoria/relatoria/ingest/ocr"
	"github.com/relatoria/relatoria/search"
)

var extractCommand = &command{
	name:    "extract",
	args:    "[-json] [-lang spa|eng] FILE",
	summary: "print the structured document read from a file, without indexing it",
	usage: `Extract reads one file (text, Markdown, HTML, PDF, or a scan: an image-only
PDF or a TIFF, PNG or JPEG page, read with Tesseract) and prints what relatoria
understands of it: kind, symbol, title, adopting body, adoption date, vote, and
every paragraph with its number and kind. It is the way to check a file before
ingesting it.

Examples:

	relatoria extract resolucion.txt
	relatoria extract -json informe.pdf | jq '.paragraphs[] | select(.kind=="operative")'
	relatoria extract -check informe.pdf

-check compares the words relatoria reads (as "relatoria normalize" prints
them) with an independent reference: the file itself for text, its text
without markup for Markdown and HTML, pdftotext's (poppler-utils) for a PDF.
It prints the words lost and added, the word error (accents and case
ignored, numbers included), glued words ("yniñas"), split words and the
paragraph numbers kept as written; with -json, the same as JSON.`,
	run: runExtract,
}

func runExtract(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	asJSON := fs.Bool("json", false, "print the document as JSON")
	noRepair := fs.Bool("no-repair", false, "do not repair OCR damage")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxFileSize, "largest file to read, in bytes")
	check := fs.Bool("check", false, "compare the extracted words and paragraph numbers with an independent reference")
	lang := ocrLangFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("extract takes one FILE")
	}
	data, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	doc, err := ingest.ReadContext(ctx, pos[0], data, ingest.Options{NoRepair: *noRepair, MaxFileSize: *maxSize, OCRLang: *lang, Progress: ocrProgress(e.stderr)})
	if doc == nil {
		return err
	}
	if *check {
		if cerr := runCheck(ctx, e, pos[0], data, doc, *asJSON); cerr != nil {
			return cerr
		}
		return err
	}
	if *asJSON {
		if werr := writeJSON(e.stdout, doc); werr != nil {
			return werr
		}
	} else {
		printDocument(e.stdout, doc)
	}
	return err // pages of a scan that could not be read
}

// ocrLangFlag defines -lang, the OCR language of scanned pages.
func ocrLangFlag(fs *flag.FlagSet) *string {
	return fs.String("lang", "", "Tesseract `model` for scanned pages: spa or eng (default: the document's language)")
}

// ocrProgress returns an ingest.Options.Progress that prints one line per
// scanned page read on w; it may be called from several goroutines.
func ocrProgress(w io.Writer) func(file, msg string) {
	var mu sync.Mutex
	return func(file, msg string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "relatoria: %s: %s\n", file, msg)
	}
}

// runCheck prints the fidelity audit of doc, read from name.
func runCheck(ctx context.Context, e *env, name string, data []byte, doc *corpus.Document, asJSON bool) error {
	ref, err := audit.Reference(ctx, name, data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	lex, _ := ocr.DefaultLexicon()
	rep := audit.Compare(ref, ingest.Printed(doc), audit.OptionsFor(doc, lex))
	if asJSON {
		return writeJSON(e.stdout, rep)
	}
	w := e.stdout
	fmt.Fprintf(w, "%s\n", name)
	fmt.Fprintf(w, "words:      %d in the reference, %d extracted\n", rep.RefWords, rep.Words)
	fmt.Fprintf(w, "lost:       %d\nadded:      %d\n", rep.Lost, rep.Added)
	fmt.Fprintf(w, "word error: %.2f%% (%d errors)\n", 100*rep.WordError(), rep.Errors)
	fmt.Fprintf(w, "not errors: %d words of furniture declared dropped, %d page numbers, %d repaired, %d moved, %d spaced wrongly by the reference\n", rep.Dropped, rep.Furniture, rep.Repaired, rep.Moved, rep.RefSpacing)
	fmt.Fprintf(w, "glued:      %d%s\n", len(rep.Glued), examples(rep.Glued))
	fmt.Fprintf(w, "split:      %d%s\n", len(rep.Split), examples(rep.Split))
	fmt.Fprintf(w, "numbers:    %d of %d paragraph numbers kept as written (%.1f%%)%s\n", rep.NumbersKept, rep.Numbers, 100*rep.NumbersRate(), examples(rep.Missing))
	for i, d := range rep.Diffs {
		if i == 10 {
			fmt.Fprintf(w, "  … (-json lists %d)\n", len(rep.Diffs))
			break
		}
		fmt.Fprintf(w, "  «%s» → «%s»\n", firstWords(d.Reference), firstWords(d.Extracted))
	}
	if rep.Approximate {
		fmt.Fprintln(w, "(the texts differ too much for a word-by-word comparison: counts from word frequencies)")
	}
	return nil
}

// firstWords returns the first twelve words of s.
func firstWords(s string) string {
	f := strings.Fields(s)
	if len(f) > 12 {
		return strings.Join(f[:12], " ") + " …"
	}
	return s
}

// examples lists up to eight items after a colon.
func examples(items []string) string {
	if len(items) == 0 {
		return ""
	}
	more := ""
	if len(items) > 8 {
		items, more = items[:8], ", …"
	}
	return ": " + strings.Join(items, ", ") + more
}

func writeJSON(w io.Writer, v any) error { return search.WriteJSON(w, v) }

// printDocument writes a document as text: a header, then each paragraph.
func printDocument(w io.Writer, doc *corpus.Document) {
	fmt.Fprintf(w, "%s\n", docHeading(doc))
	var meta []string
	if doc.Type != "" {
		meta = append(meta, doc.Type)
	}
	if doc.Body != "" {
		meta = append(meta, doc.Body)
	}
	if doc.Country != "" {
		meta = append(meta, doc.Country)
	}
	if !doc.Adopted.IsZero() {
		if doc.Kind == corpus.KindResolution {
			meta = append(meta, "aprobada "+doc.Adopted.String())
		} else {
			meta = append(meta, "fecha: "+doc.Adopted.String())
		}
	}
	if doc.Session != "" {
		meta = append(meta, doc.Session)
	}
	if doc.Vote != "" {
		meta = append(meta, doc.Vote)
	}
	meta = append(meta, fmt.Sprintf("%s, %s, %d párrafos", doc.Kind, doc.Format, len(doc.Paragraphs)))
	fmt.Fprintf(w, "%s\n%s\n\n", strings.Join(meta, " · "), doc.Source)
	for _, p := range doc.Paragraphs {
		fmt.Fprintf(w, "[%s] %s\n\n", paragraphTag(p), p.Text)
	}
}

func docHeading(doc *corpus.Document) string {
	switch {
	case doc.Symbol != "" && doc.Title != "":
		return doc.Symbol.String() + " — " + doc.Title
	case doc.Symbol != "":
		return doc.Symbol.String()
	case doc.Title != "":
		return doc.Title
	}
	return doc.Source
}

func paragraphTag(p corpus.Paragraph) string {
	if p.Number != "" {
		return fmt.Sprintf("%d %s §%s", p.Ordinal, p.Kind, p.Number)
	}
	return fmt.Sprintf("%d %s", p.Ordinal, p.Kind)
}
