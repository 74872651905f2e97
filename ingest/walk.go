package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/jpeg" // pageSized reads the size of scans
	_ "image/png"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/relatoria/relatoria/corpus"
)

// Walk reads every file named in roots, descending into folders
// recursively, and yields each document or the error for its file, in the
// order of the files. Files are parsed on all cores; yielding is in order.
// In folders, hidden entries (".git") and files whose extension ingest does
// not read are passed over and counted in skipped (which the walk adds to
// while the caller reads it: an atomic counter); a file named explicitly
// is always read; so is an image in a folder when it is the size of a
// scanned page (see pageSized). A document yielded with an error is one
// whose other pages were read when some scanned pages could not be: index
// it and report the error. Symbolic links to files in the folder are
// followed; links to files outside it are not unless opt.FollowLinks is set,
// and links to folders are not (so a link loop cannot trap the walk): both
// are reported.
func Walk(ctx context.Context, roots []string, opt Options, skipped *atomic.Int64) iter.Seq2[*corpus.Document, error] {
	return func(yield func(*corpus.Document, error) bool) {
		type job struct {
			path string
			err  error
			out  chan result
		}
		jobs := make(chan job)
		ordered := make(chan job, 4*runtime.GOMAXPROCS(0))
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		go func() {
			defer close(ordered)
			send := func(j job) bool {
				select {
				case ordered <- j:
				case <-ctx.Done():
					return false
				}
				if j.err == nil {
					select {
					case jobs <- j:
					case <-ctx.Done():
						return false
					}
				}
				return true
			}
			for _, root := range roots {
				if !walkRoot(ctx, root, opt.FollowLinks, skipped, func(path string, err error) bool {
					return send(job{path: path, err: err, out: make(chan result, 1)})
				}) {
					return
				}
			}
		}()
		workers := runtime.GOMAXPROCS(0)
		done := make(chan struct{})
		for range workers {
			go func() {
				for {
					select {
					case j := <-jobs:
						doc, err := readFile(ctx, j.path, opt)
						j.out <- result{doc, err}
					case <-done:
						return
					}
				}
			}()
		}
		defer close(done)
		for j := range ordered {
			if j.err != nil {
				if !yield(nil, j.err) {
					return
				}
				continue
			}
			var r result
			select {
			case r = <-j.out:
			case <-ctx.Done():
				return
			}
			if !yield(r.doc, r.err) {
				return
			}
		}
	}
}

type result struct {
	doc *corpus.Document
	err error
}

func readFile(ctx context.Context, path string, opt Options) (*corpus.Document, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	var st os.FileInfo
	if opt.Unchanged != nil {
		if st, err = os.Stat(path); err == nil && opt.Unchanged(abs, st.Size(), st.ModTime(), "") {
			return nil, fail(path, ErrUnchanged.Error(), ErrUnchanged)
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	data, err := readLimited(os.DirFS(dir), base, opt.maxFileSize())
	if err != nil {
		if e, ok := err.(*Error); ok {
			e.Path = path
		}
		return nil, err
	}
	if opt.Unchanged != nil {
		sum := sha256.Sum256(data)
		if st != nil && opt.Unchanged(abs, st.Size(), st.ModTime(), hex.EncodeToString(sum[:])) {
			return nil, fail(path, ErrUnchanged.Error(), ErrUnchanged)
		}
	}
	doc, err := ReadContext(ctx, path, data, opt)
	if doc == nil {
		return nil, err
	}
	doc.Source = path
	doc.ID = corpus.DocumentID(abs, doc.Symbol)
	return doc, err // err: the pages of a scan that could not be read
}

// walkRoot calls visit for each file under root (or root itself), and for
// each entry that cannot be walked, with the error. A symbolic link to a
// file outside root is such an entry unless follow is set: a link
// ("passwd.txt -> /etc/passwd") would otherwise put a file that was never
// in the folder in the index, and on the server's pages. It stops early
// when visit returns false.
func walkRoot(ctx context.Context, root string, follow bool, skipped *atomic.Int64, visit func(string, error) bool) bool {
	info, err := os.Stat(root)
	if err != nil {
		return visit("", fail(root, describeOpenError(err), err))
	}
	if !info.IsDir() {
		if !info.Mode().IsRegular() {
			return visit("", fail(root, "no es un archivo normal (es una tubería, un socket o un dispositivo)", nil))
		}
		return visit(root, nil)
	}
	cont := true
	realRoot, err := realPath(root)
	if err != nil {
		realRoot = root
	}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil || !cont {
			return filepath.SkipAll
		}
		if err != nil {
			cont = visit("", fail(path, describeOpenError(err), err))
			return nil
		}
		name := d.Name()
		if path != root && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Stat(path)
			switch {
			case err != nil:
				cont = visit("", fail(path, "enlace simbólico roto o en bucle: "+err.Error(), err))
				return nil
			case target.IsDir():
				cont = visit("", fail(path, "enlace simbólico a una carpeta; no se sigue (nombre la carpeta misma para ingerirla)", nil))
				return nil
			case !target.Mode().IsRegular():
				cont = visit("", fail(path, "enlace simbólico a algo que no es un archivo normal", nil))
				return nil
			}
			if real, err := realPath(path); !follow && (err != nil || !insideDir(real, realRoot)) {
				cont = visit("", fail(path, fmt.Sprintf("enlace simbólico a un archivo fuera de la carpeta (%s); no se sigue (relatoria ingest -follow-links lo sigue)", real), nil))
				return nil
			}
		} else if !d.Type().IsRegular() {
			cont = visit("", fail(path, "no es un archivo normal (es una tubería, un socket o un dispositivo)", nil))
			return nil
		}
		if f, ok := formatOf(name); !ok || f == corpus.FormatImage && !pageSized(path) {
			if skipped != nil {
				skipped.Add(1)
			}
			return nil
		}
		cont = visit(path, nil)
		return nil
	})
	return cont
}

// realPath returns the absolute path of p with every link resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// insideDir reports whether path is dir or inside it (both absolute and free
// of links).
func insideDir(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// pageSized reports whether the image file at path looks like a scanned
// page rather than a logo or a photograph on a web page: a TIFF, or a PNG
// or JPEG at least 1,000 pixels on its shorter side (an A4 page at 120
// dpi). Anything else in a folder (an unreadable or truncated image too)
// is passed over, as other files ingest does not read are.
func pageSized(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	if imageFormat(head[:n]) == ".tif" {
		return true
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false
	}
	cfg, _, err := image.DecodeConfig(f)
	return err == nil && min(cfg.Width, cfg.Height) >= 1000
}

// Dir reads every file of fsys, as Walk does for a folder on disk, in
// lexical order and on one core. It serves the embedded sample corpus.
func Dir(fsys fs.FS, opt Options) iter.Seq2[*corpus.Document, error] {
	return func(yield func(*corpus.Document, error) bool) {
		fs.WalkDir(fsys, ".", func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				if !yield(nil, fail(path, describeOpenError(err), err)) {
					return fs.SkipAll
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if _, ok := formatOf(path); !ok || strings.HasPrefix(d.Name(), ".") || strings.EqualFold(path, "SOURCE.md") {
				return nil
			}
			doc, err := File(fsys, path, opt)
			if !yield(doc, err) {
				return fs.SkipAll
			}
			return nil
		})
	}
}
