package main

import (
	"context"
	"io"
	"os"

	"github.com/relatoria/relatoria/ingest"
)

var normalizeCommand = &command{
	name:    "normalize",
	args:    "[FILE]",
	summary: "print the normalised, repaired text of a file (stdin when no FILE)",
	usage: `Normalize reads a file (or standard input) and prints its paragraphs as
relatoria stores them: decoded, normalised, page furniture dropped, lines
rejoined, OCR damage repaired. One paragraph per line, a blank line between,
each with its number as the document wrote it ("7. Destaca…", "84.3
Proseguir…"); headings and elisions "(…)" are paragraphs too. Only furniture
(running heads, page and job numbers, site chrome) is left out: "relatoria
extract -json" counts it under "dropped", and "relatoria extract -check"
compares the words with the source.

Examples:

	relatoria normalize escaneo.txt
	pdftotext resolucion.pdf - | relatoria normalize`,
	run: runNormalize,
}

func runNormalize(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	noRepair := fs.Bool("no-repair", false, "do not repair OCR damage")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	name, data := "stdin", []byte(nil)
	switch len(pos) {
	case 0:
		data, err = io.ReadAll(io.LimitReader(e.stdin, ingest.DefaultMaxFileSize+1))
	case 1:
		name = pos[0]
		data, err = os.ReadFile(name)
	default:
		return usagef("normalize takes at most one FILE")
	}
	if err != nil {
		return err
	}
	doc, err := ingest.Read(name, data, ingest.Options{NoRepair: *noRepair})
	if err != nil {
		return err
	}
	_, err = io.WriteString(e.stdout, ingest.Printed(doc))
	return err
}
