package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/search"
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
	if e.getenv("GOMEMLIMIT") == "" {
		// Keep the heap's headroom small: without a limit, peak RSS on
		// 100,000 paragraphs was 962 MB; at 600 MiB it was 735 MB, at 700
		// MiB 860 MB and the ingest 3% faster (with index.BatchSize 2,500;
		// with 4,000, 10% faster again).
		debug.SetMemoryLimit(ingestMemoryLimit)
	}
	if e.getenv("GOGC") == "" {
		// Collect garbage four times less often than Go's default (the
		// memory limit above still bounds the heap): ingesting 100,000
		// paragraphs took 13% less time at 200 than at 100, and 7% less
		// again at 400, for about 80 MB more peak RSS.
		debug.SetGCPercent(400)
	}
	// A running "relatoria serve" holds the index: send the documents
	// through it, so that it shows them at once.
	var add func(context.Context, ...*corpus.Document) error
	var del func(ids ...string) error // one request through a server
	var local *index.Index
	if remote, ok := runningServer(ctx, dir, e.stderr); ok {
		fmt.Fprintf(e.stderr, "relatoria: a server is using %s; adding the documents through it (http://%s)\n", dir, remote.Addr)
		add, del = remote.add, remote.delete
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
		add = ix.Add
		del = func(ids ...string) error {
			for _, id := range ids {
				if err := ix.Delete(id); err != nil {
					return err
				}
			}
			return nil
		}
		local = ix
		// Keep the index files' pages out of the resident set while
		// loading and compacting (see DropResidentPages): a million
		// paragraphs took 1.3 GB of RSS without, under 1 GB with.
		stopDropping := dropResidentPagesEvery(ix, time.Second)
		defer stopDropping()
	}
	manifest := index.LoadManifest(dir)
	// The file each document was last read from: a file whose document
	// has the ID of another file's (the same symbol: an HTML and a PDF of
	// one resolution, or two versions) replaces it, and says so.
	owners := map[string]string{}
	for _, p := range manifest.Paths() {
		if m, _ := manifest.Get(p); m.DocID != "" {
			owners[m.DocID] = p
		}
	}
	opt := ingest.Options{NoRepair: *noRepair, MaxFileSize: *maxSize, OCRLang: *lang}
	if !*quiet {
		opt.Progress = ocrProgress(e.stderr)
	}
	if !*force {
		opt.Unchanged = func(path string, size int64, mod time.Time, hash string) bool {
			if hash == "" {
				return manifest.Unchanged(path, size, mod)
			}
			return manifest.SameHash(path, hash)
		}
	}

	prog := newProgress(e.stderr, *quiet, countFiles(paths))
	var st ingestStats
	var pending []*corpus.Document
	pendingParas := 0
	lastSave := time.Now()
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		for _, d := range pending {
			p := absPath(d.Source)
			if owner, ok := owners[d.ID]; ok && owner != p {
				prog.clear()
				fmt.Fprintf(e.stderr, "relatoria: %s: document %s was read from %s; this file replaces it\n", d.Source, d.ID, owner)
			}
			owners[d.ID] = p
		}
		// A file whose document ID changed (its symbol was read
		// differently) leaves its old document behind: remove it.
		var stale []string
		for _, d := range pending {
			if old, ok := manifest.Get(absPath(d.Source)); ok && old.DocID != d.ID && old.DocID != "" {
				stale = append(stale, old.DocID)
			}
		}
		if len(stale) > 0 {
			if err := del(stale...); err != nil {
				return err
			}
		}
		if err := add(ctx, pending...); err != nil {
			return err
		}
		for _, d := range pending {
			p := absPath(d.Source)
			if fi, err := os.Stat(d.Source); err == nil {
				manifest.Set(p, index.ManifestEntry{Size: fi.Size(), ModTime: fi.ModTime(), Hash: d.Hash, DocID: d.ID})
			}
		}
		pending, pendingParas = nil, 0
		if time.Since(lastSave) > 5*time.Second {
			lastSave = time.Now()
			return manifest.Save()
		}
		return nil
	}
	seen := map[string]bool{}
	var skipped atomic.Int64 // counted by the walk's goroutine
	for doc, err := range ingest.Walk(ctx, paths, opt, &skipped) {
		st.files++
		st.skipped = int(skipped.Load())
		var ie *ingest.Error
		switch {
		case errors.Is(err, ingest.ErrUnchanged):
			st.unchanged++
			if errors.As(err, &ie) {
				seen[absPath(ie.Path)] = true
				refreshModTime(manifest, ie.Path)
			}
		case err != nil && doc == nil:
			st.failed++
			prog.clear()
			fmt.Fprintf(e.stderr, "relatoria: %v\n", err)
			if errors.As(err, &ie) {
				seen[absPath(ie.Path)] = true // a bad file is not a gone file
			}
		default:
			if err != nil {
				// Some scanned pages failed; the others are indexed.
				st.failed++
				prog.clear()
				fmt.Fprintf(e.stderr, "relatoria: %v\n", err)
			}
			seen[absPath(doc.Source)] = true
			st.docs++
			st.paragraphs += len(doc.Paragraphs)
			pending = append(pending, doc)
			pendingParas += len(doc.Paragraphs)
			if pendingParas >= 2*index.BatchSize {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		prog.update(st)
	}
	if err := ctx.Err(); err != nil {
		flush()
		manifest.Save()
		return fmt.Errorf("interrupted after %d files; the documents indexed so far are kept, and the next run goes on from there", st.files)
	}
	if err := flush(); err != nil {
		return err
	}
	st.skipped = int(skipped.Load())
	if *prune {
		n, err := pruneGone(paths, manifest, seen, del)
		if err != nil {
			return err
		}
		st.pruned = n
	}
	if err := manifest.Save(); err != nil {
		return err
	}
	if local != nil && worthCompacting(local, st.paragraphs) {
		prog.note("compacting the index")
		if err := local.Compact(ctx); err != nil {
			return err
		}
	}
	prog.clear()
	fmt.Fprintf(e.stderr, "relatoria: %s into %s\n", st.summary(prog.elapsed()), dir)
	if st.failed > 0 {
		return exitError{1}
	}
	return nil
}

// dropResidentPagesEvery calls ix.DropResidentPages every interval until
// the returned function is called.
func dropResidentPagesEvery(ix *index.Index, interval time.Duration) (stop func()) {
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
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// worthCompacting reports whether an ingest that indexed added paragraphs
// should merge the index's segments: after a bulk load (a fifth of the
// index or more), which leaves many small segments. On 100,000 paragraphs
// compacting took 2 s, made the index 11% smaller and the median query 34%
// faster (go run ./internal/cmd/bench -reuse, on the index before and after
// compacting it).
func worthCompacting(ix *index.Index, added int) bool {
	total, err := ix.Paragraphs()
	return err == nil && added > 0 && uint64(added)*5 >= total
}

// ingestMemoryLimit is the soft memory limit of an ingest (GOMEMLIMIT
// overrides it).
const ingestMemoryLimit = 700 << 20

type ingestStats struct {
	files, docs, paragraphs, failed, unchanged, skipped, pruned int
}

func (st ingestStats) summary(elapsed time.Duration) string {
	s := fmt.Sprintf("indexed %d documents (%d paragraphs) from %d files in %s", st.docs, st.paragraphs, st.files, elapsed.Round(time.Millisecond))
	if st.unchanged > 0 {
		s += fmt.Sprintf("; %d unchanged files passed over", st.unchanged)
	}
	if st.skipped > 0 {
		s += fmt.Sprintf("; %d files of other types passed over", st.skipped)
	}
	if st.pruned > 0 {
		s += fmt.Sprintf("; %d documents of deleted files removed", st.pruned)
	}
	if st.failed > 0 {
		s += fmt.Sprintf("; %d files failed (see above)", st.failed)
	}
	return s
}

func absPath(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	return a
}

// refreshModTime records a new modification time for a file whose content
// did not change, so the next run need not read it again.
func refreshModTime(m *index.Manifest, path string) {
	p := absPath(path)
	e, ok := m.Get(p)
	if fi, err := os.Stat(path); ok && err == nil && !e.ModTime.Equal(fi.ModTime()) {
		e.ModTime, e.Size = fi.ModTime(), fi.Size()
		m.Set(p, e)
	}
}

// pruneGone removes the documents of files under roots that the manifest
// knows and that no longer exist. A document that a file still there was
// read into too (the same resolution twice) stays.
func pruneGone(roots []string, m *index.Manifest, seen map[string]bool, del func(ids ...string) error) (int, error) {
	gone := map[string]string{} // path → the document read from it
	for _, p := range m.Paths() {
		if seen[p] || !under(p, roots) {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			continue // still there (a type or name Walk passes over)
		}
		e, _ := m.Get(p)
		gone[p] = e.DocID
	}
	kept := map[string]bool{} // documents of the files still there
	for _, p := range m.Paths() {
		if _, isGone := gone[p]; !isGone {
			if e, _ := m.Get(p); e.DocID != "" {
				kept[e.DocID] = true
			}
		}
	}
	var ids []string
	paths := slices.Sorted(maps.Keys(gone))
	for _, p := range paths {
		if id := gone[p]; id != "" && !kept[id] {
			ids = append(ids, id)
			kept[id] = true // deleted once
		}
	}
	if len(ids) > 0 {
		if err := del(ids...); err != nil {
			return 0, err
		}
	}
	for _, p := range paths {
		m.Remove(p)
	}
	return len(paths), nil
}

func under(p string, roots []string) bool {
	for _, r := range roots {
		r = absPath(r)
		if p == r || strings.HasPrefix(p, r+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// runningServer returns the server that serves the index in dir: the one
// DIR/serve.json names, once it has proved that it holds the token of that
// file (see search.Proof; the token is never sent). A serve.json whose
// process is gone, or whose address answers without the proof (another
// program took the port of a server that crashed), is stale: it is
// reported on warn and ignored, and nothing is sent to that address.
func runningServer(ctx context.Context, dir string, warn io.Writer) (*serveInfo, bool) {
	path := filepath.Join(dir, serveFile)
	if err := private(path); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(warn, "relatoria: %s: %v; ignored, the documents go straight into the index\n", path, err)
		}
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var info serveInfo
	if json.Unmarshal(data, &info) != nil || info.Addr == "" || info.Token == "" {
		fmt.Fprintf(warn, "relatoria: %s is not a server's file; ignored\n", path)
		return nil, false
	}
	if info.PID > 0 && !processAlive(info.PID) {
		fmt.Fprintf(warn, "relatoria: %s was left by a server that is gone (process %d); ignored, the documents go straight into the index\n", path, info.PID)
		return nil, false
	}
	if err := info.challenge(ctx); err != nil {
		fmt.Fprintf(warn, "relatoria: %s names %s, which %v; nothing was sent to it, the documents go straight into the index\n", path, info.Addr, err)
		return nil, false
	}
	return &info, true
}

// private checks that path is a regular file of this user's that no one
// else may read or write, as serve writes serve.json: a token others can
// read, or a file others put there, is not to be trusted.
func private(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return errors.New("not a regular file")
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("mode %v lets others read it (a server writes it 0600)", fi.Mode().Perm())
	}
	if uid, ok := fileOwner(fi); ok && uid != os.Geteuid() {
		return fmt.Errorf("owned by user %d, not by this user", uid)
	}
	return nil
}

// removeStaleServeFile removes DIR/serve.json once ingest holds the index
// itself: no server can be serving it then.
func removeStaleServeFile(dir string) {
	os.Remove(filepath.Join(dir, serveFile))
}

// processAlive reports whether a process with the PID runs (or may run:
// one of another user's).
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// serverClient talks to a local server: short time-outs, no redirects (an
// answer is the server's own or none).
var serverClient = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// url is the address of path on the server: the loopback address when the
// server listens on all addresses.
func (s *serveInfo) url(path string) string {
	host, port, err := net.SplitHostPort(s.Addr)
	if err == nil && net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified() {
		return "http://" + net.JoinHostPort("127.0.0.1", port) + path
	}
	return "http://" + s.Addr + path
}

// challenge asks the server to prove that it holds the token.
func (s *serveInfo) challenge(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	nonce := search.NewNonce()
	req, err := http.NewRequestWithContext(ctx, "GET", s.url("/api/ingest/challenge?nonce="+nonce), nil)
	if err != nil {
		return err
	}
	resp, err := serverClient.Do(req)
	if err != nil {
		return errors.New("does not answer")
	}
	defer resp.Body.Close()
	var answer struct {
		Proof string `json:"proof"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&answer) != nil ||
		!search.Verify(answer.Proof, search.Proof(s.Token, nonce)) {
		return errors.New("answers but does not prove it holds the index's token (not the server that wrote the file)")
	}
	return nil
}

// add sends documents to the server's POST /api/ingest.
func (s *serveInfo) add(ctx context.Context, docs ...*corpus.Document) error {
	body, err := json.Marshal(docs)
	if err != nil {
		return err
	}
	return s.post(ctx, "/api/ingest", body)
}

// delete asks the server to remove documents, in one request.
func (s *serveInfo) delete(ids ...string) error {
	body, _ := json.Marshal(ids)
	return s.post(context.Background(), "/api/delete", body)
}

// post sends a signed request (see search.SignRequest) and checks the
// server's proof that it carried it out: only then are the documents
// taken as indexed.
func (s *serveInfo) post(ctx context.Context, path string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, "POST", s.url(path), bytes.NewReader(body))
	if err != nil {
		return err
	}
	nonce, unix := search.NewNonce(), strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set(search.HeaderNonce, nonce)
	req.Header.Set(search.HeaderTime, unix)
	req.Header.Set(search.HeaderSignature, search.SignRequest(s.Token, nonce, unix, path, body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := serverClient.Do(req)
	if err != nil {
		return fmt.Errorf("send to server %s: %w", s.Addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1000))
		return fmt.Errorf("server %s refused: %s %s", s.Addr, resp.Status, bytes.TrimSpace(msg))
	}
	if !search.Verify(resp.Header.Get(search.HeaderProof), search.ResponseProof(s.Token, nonce)) {
		return fmt.Errorf("server %s answered without proof that it indexed the documents; they are not recorded as indexed", s.Addr)
	}
	return nil
}
