package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
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
	// A running "relatoria serve" holds the index: send the documents
	// through it, so that it shows them at once.
	var add func(context.Context, ...*corpus.Document) error
	if remote, ok := runningServer(ctx, dir); ok {
		fmt.Fprintf(e.stderr, "relatoria: a server is using %s; adding the documents through it (http://%s)\n", dir, remote.Addr)
		add = remote.add
	} else {
		ix, err := index.Open(dir)
		if errors.Is(err, index.ErrNotExist) {
			ix, err = index.Create(dir, index.Options{})
		}
		if err != nil {
			return err
		}
		defer ix.Close()
		add = ix.Add
	}

	start := time.Now()
	var files, failed, paragraphs, skipped int
	var pending []*corpus.Document
	pendingParas := 0
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		if err := add(ctx, pending...); err != nil {
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

// runningServer reports the server that serves the index in dir, if one
// answers.
func runningServer(ctx context.Context, dir string) (*serveInfo, bool) {
	data, err := os.ReadFile(filepath.Join(dir, serveFile))
	if err != nil {
		return nil, false
	}
	var info serveInfo
	if json.Unmarshal(data, &info) != nil || info.Addr == "" {
		return nil, false
	}
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+info.Addr+"/healthz", nil)
	client := &http.Client{Timeout: 3 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return nil, false // a server that crashed left its file behind
	}
	resp.Body.Close()
	return &info, resp.StatusCode == http.StatusOK
}

// add sends documents to the server's POST /api/ingest.
func (s *serveInfo) add(ctx context.Context, docs ...*corpus.Document) error {
	body, err := json.Marshal(docs)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", "http://"+s.Addr+"/api/ingest", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.Token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("send to server %s: %w", s.Addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1000))
		return fmt.Errorf("server %s refused the documents: %s %s", s.Addr, resp.Status, bytes.TrimSpace(msg))
	}
	return nil
}
