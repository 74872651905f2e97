package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
)

var ingestCommand = &command{
	name:    "ingest",
	args:    "[-index DIR] [-quiet] [-prune] [-force] [-lang spa|eng] PATH...",
	summary: "add files and folders (text, Markdown, HTML, PDF, scans) to the index",
	usage: `Ingest reads each PATH (a file, or a folder walked recursively), extracts its
paragraphs, repairs OCR damage, and adds them to the index, creating it if
needed. Files are parsed on all cores.

Scanned documents (PDFs whose pages are images, and TIFF, PNG or JPEG scans
the size of a page) are read with Tesseract, page by page in parallel, in
the language of the document or the one -lang names; it needs the Debian
packages tesseract-ocr, tesseract-ocr-spa (and -eng) and poppler-utils. A
page that cannot be read is named on stderr and the others are indexed.

Running it again is cheap: files whose size, modification time or content
have not changed since the last run are passed over; a changed file replaces
its document. -prune also removes the documents of files that are gone from
the PATHs given. While "relatoria serve" runs on the index, the documents are
sent through the server, which shows them at once.

A file that cannot be read is reported on stderr with the reason, and the
others are still indexed; the exit status is then 1. Hidden files and files
of other types (images, archives) inside folders are passed over. Progress is
shown on a terminal (plain lines every 10 s otherwise; -quiet for none).

Examples:

	relatoria ingest ~/resoluciones
	relatoria ingest -prune ~/resoluciones          # after deleting files
	relatoria ingest -index /srv/relatoria informe.pdf pagina.html notas.md
	RELATORIA_INDEX=/srv/relatoria relatoria ingest .`,
	run: runIngest,
}

func runIngest(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	quiet := fs.Bool("quiet", false, "print only errors and the summary")
	prune := fs.Bool("prune", false, "remove documents whose files are gone from the PATHs")
	force := fs.Bool("force", false, "read every file, even unchanged ones")
	noRepair := fs.Bool("no-repair", false, "do not repair OCR damage")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxFileSize, "largest file to read, in bytes")
	lang := ocrLangFlag(fs)
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
	ingest.TuneGC(e.getenv)
	// A running "relatoria serve" holds the index: send the documents
	// through it, so that it shows them at once.
	var w ingest.Writer
	if remote, ok := runningServer(ctx, dir, e.stderr, "los documentos van directamente al índice"); ok {
		fmt.Fprintf(e.stderr, "relatoria: a server is using %s; adding the documents through it (http://%s)\n", dir, remote.Addr)
		w = remote
	} else {
		ix, err := index.Open(dir)
		if errors.Is(err, index.ErrNotExist) {
			ix, err = index.Create(dir, index.Options{})
		}
		if err != nil {
			return err
		}
		defer ix.Close()
		if e.getenv("RELATORIA_LINEAGE") == "off" {
			// For measuring what lineage costs (internal/cmd/bench);
			// the index's recurs flags are then all "no".
			ix.SetLineage(false)
		}
		removeStaleServeFile(dir)
		w = ix
		// Keep the index files' pages out of the resident set while
		// loading and compacting (see DropResidentPages): a million
		// paragraphs took 1.3 GB of RSS without, under 1 GB with. And
		// keep the garbage's memory limit above what the index holds as
		// it grows (see ingest.ResizeMemoryLimit).
		stopDropping := dropResidentPagesEvery(ix, time.Second, func() {
			ingest.ResizeMemoryLimit(e.getenv, ix.ResidentBytes())
		})
		defer stopDropping()
	}
	prog := newProgress(e.stderr, *quiet, countFiles(paths))
	say := func(msg string) {
		prog.clear()
		fmt.Fprintf(e.stderr, "relatoria: %s\n", msg)
	}
	s := &ingest.Sync{
		Writer:          w,
		Manifest:        ingest.LoadManifest(dir),
		Options:         ingest.Options{NoRepair: *noRepair, MaxFileSize: *maxSize, OCRLang: *lang},
		Force:           *force,
		Prune:           *prune,
		BatchParagraphs: 2 * index.BatchSize,
		Progress:        prog.update,
		Warn:            say,
		Note:            prog.note,
	}
	if !*quiet {
		s.Options.Progress = ocrProgress(e.stderr)
	}
	st, err := s.Run(ctx, paths)
	if err != nil {
		return err
	}
	prog.clear()
	fmt.Fprintf(e.stderr, "relatoria: %s into %s\n", summary(st, prog.elapsed()), dir)
	if st.Failed > 0 {
		return exitError{1}
	}
	return nil
}

// The local index takes documents and is compacted after a bulk load: a
// change to its methods must not silently stop either.
var (
	_ ingest.Writer    = (*index.Index)(nil)
	_ ingest.Compacter = (*index.Index)(nil)
)

// dropResidentPagesEvery calls ix.DropResidentPages, then also, every
// interval until the returned function is called.
func dropResidentPagesEvery(ix *index.Index, interval time.Duration, also func()) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				ix.DropResidentPages() // advice only: an error changes nothing
				also()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// summary is the line that ends an ingest.
func summary(st ingest.Stats, elapsed time.Duration) string {
	s := fmt.Sprintf("indexed %d documents (%d paragraphs) from %d files in %s", st.Docs, st.Paragraphs, st.Files, elapsed.Round(time.Millisecond))
	if st.Unchanged > 0 {
		s += fmt.Sprintf("; %d unchanged files passed over", st.Unchanged)
	}
	if st.Skipped > 0 {
		s += fmt.Sprintf("; %d files of other types passed over", st.Skipped)
	}
	if st.Pruned > 0 {
		s += fmt.Sprintf("; %d documents of deleted files removed", st.Pruned)
	}
	if st.Failed > 0 {
		s += fmt.Sprintf("; %d files failed (see above)", st.Failed)
	}
	return s
}
