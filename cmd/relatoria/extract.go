package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/search"
)

var extractCommand = &command{
	name:    "extract",
	args:    "[-json] FILE",
	summary: "print the structured document read from a file, without indexing it",
	usage: `Extract reads one file (text, Markdown, HTML or PDF) and prints what relatoria
understands of it: kind, symbol, title, adopting body, adoption date, vote, and
every paragraph with its number and kind. It is the way to check a file before
ingesting it.

Examples:

	relatoria extract resolucion.txt
	relatoria extract -json informe.pdf | jq '.paragraphs[] | select(.kind=="operative")'`,
	run: runExtract,
}

func runExtract(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	asJSON := fs.Bool("json", false, "print the document as JSON")
	noRepair := fs.Bool("no-repair", false, "do not repair OCR damage")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxFileSize, "largest file to read, in bytes")
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
	doc, err := ingest.Read(pos[0], data, ingest.Options{NoRepair: *noRepair, MaxFileSize: *maxSize})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, doc)
	}
	printDocument(e.stdout, doc)
	return nil
}

func writeJSON(w io.Writer, v any) error { return search.WriteJSON(w, v) }

// printDocument writes a document as text: a header, then each paragraph.
func printDocument(w io.Writer, doc *corpus.Document) {
	fmt.Fprintf(w, "%s\n", docHeading(doc))
	var meta []string
	if doc.Body != "" {
		meta = append(meta, doc.Body)
	}
	if !doc.Adopted.IsZero() {
		meta = append(meta, "aprobada "+doc.Adopted.String())
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
