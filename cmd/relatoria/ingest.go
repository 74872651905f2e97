package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
)

var ingestCommand = &command{
	name:    "ingest",
	args:    "[-index DIR] [-quiet] PATH...",
	summary: "add files and folders (text, Markdown, HTML, PDF) to the index",
	usage: `Ingest reads each PATH (a file, or a folder walked recursively), extracts its
paragraphs, repairs OCR damage, and adds them to the index, creating it if
needed. A document already in the index is replaced.

A file that cannot be read is reported on stderr with the reason, and the
others are still indexed; the exit status is then 1. Hidden files and files
of other types (images, archives) inside folders are passed over.

Examples:

	relatoria ingest ~/resoluciones
	relatoria ingest -index /srv/relatoria informe.pdf pagina.html notas.md
	RELATORIA_INDEX=/srv/relatoria relatoria ingest .`,
	run: runIngest,
}

func runIngest(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	quiet := fs.Bool("quiet", false, "print only errors and the summary")
	noRepair := fs.Bool("no-repair", false, "do not repair OCR damage")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxFileSize, "largest file to read, in bytes")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("ingest needs at least one PATH")
	}
	dir, _, err := indexDir(e, *indexPath)
	if err != nil {
		return err
	}
	ix, err := index.Open(dir)
	if errors.Is(err, index.ErrNotExist) {
		ix, err = index.Create(dir)
	}
	if err != nil {
		return err
	}
	defer ix.Close()

	start := time.Now()
	var files, failed, paragraphs, skipped int
	var pending []*corpus.Document
	pendingParas := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		if err := ix.Add(ctx, pending...); err != nil {
			return err
		}
		pending, pendingParas = nil, 0
		return nil
	}
	lastReport := time.Now()
	opt := ingest.Options{NoRepair: *noRepair, MaxFileSize: *maxSize}
	for doc, err := range ingest.Walk(ctx, paths, opt, &skipped) {
		files++
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "relatoria: %v\n", err)
			continue
		}
		paragraphs += len(doc.Paragraphs)
		pending = append(pending, doc)
		pendingParas += len(doc.Paragraphs)
		if pendingParas >= index.BatchSize {
			if err := flush(); err != nil {
				return err
			}
		}
		if !*quiet && time.Since(lastReport) > 2*time.Second {
			lastReport = time.Now()
			fmt.Fprintf(e.stderr, "relatoria: %d files, %d paragraphs, %.0f paragraphs/s\n", files, paragraphs, float64(paragraphs)/time.Since(start).Seconds())
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("interrupted after %d files; the documents indexed so far are kept", files)
	}
	if err := flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "relatoria: indexed %d documents (%d paragraphs) from %d files in %s into %s",
		files-failed, paragraphs, files, time.Since(start).Round(time.Millisecond), dir)
	if skipped > 0 {
		fmt.Fprintf(e.stderr, "; passed over %d files of other types", skipped)
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "; %d files failed (see above)\n", failed)
		return exitError{1}
	}
	fmt.Fprintln(e.stderr)
	return nil
}
