package ingest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/web"
)

// fakeWriter records what a Sync gives it; Add fails with err when set.
type fakeWriter struct {
	added   []*corpus.Document
	deleted []string
	err     error
}

func (w *fakeWriter) Add(ctx context.Context, docs ...*corpus.Document) error {
	if w.err != nil {
		return w.err
	}
	w.added = append(w.added, docs...)
	return nil
}

func (w *fakeWriter) Delete(ids ...string) error {
	w.deleted = append(w.deleted, ids...)
	return nil
}

// compactingWriter is a fakeWriter that, like the local index, compacts.
type compactingWriter struct {
	fakeWriter
	paragraphs uint64
	compacted  bool
}

func (w *compactingWriter) Paragraphs() (uint64, error)   { return w.paragraphs, nil }
func (w *compactingWriter) Compact(context.Context) error { w.compacted = true; return nil }

// fragmentedWriter is a compactingWriter that says whether it is
// fragmented and compacts what was added recently, as the local index does.
type fragmentedWriter struct {
	compactingWriter
	fragmented bool
	recent     bool // CompactRecent was called
}

func (w *fragmentedWriter) Fragmented() bool { return w.fragmented }
func (w *fragmentedWriter) CompactRecent(context.Context) error {
	w.compacted, w.recent = true, true
	return nil
}

// The texts of the test files: a resolution's symbol makes its document's
// ID; a text without one has an ID made of its path.
const (
	res5134 = "A/HRC/RES/51/34\n\nEl Consejo de Derechos Humanos decide seguir ocupándose de la cuestión.\n"
	res5135 = "A/HRC/RES/51/35\n\nEl Consejo de Derechos Humanos decide seguir ocupándose de la cuestión.\n"
	plain   = "Informe sobre la cooperación técnica en materia de derechos humanos.\n\nSegundo párrafo del informe.\n"
	plain2  = "Informe revisado sobre la cooperación técnica en materia de derechos humanos.\n"
)

// removed, as the text of a file in a syncStep, removes it.
const removed = "\x00removed"

// syncStep is one run of a Sync over the files folder, after the files
// are written.
type syncStep struct {
	files  map[string]string
	prune  bool
	writer func(t *testing.T) ingest.Writer // nil: a fakeWriter
	// What the run must do: the names of the files whose documents the
	// Writer took, the IDs it was asked to delete, the counts (Paragraphs
	// aside), a warning and an error (substrings; "" for none), and
	// whether it compacted.
	added     []string
	deleted   []string
	stats     ingest.Stats
	warn, err string
	compacted bool
	recent    bool // compacted with CompactRecent (a fragmentedWriter)
}

func TestSync(t *testing.T) {
	for _, tt := range []struct {
		name  string
		steps []syncStep
	}{
		{"add", []syncStep{{
			files: map[string]string{"a.txt": plain, "b.txt": res5134},
			added: []string{"a.txt", "b.txt"}, stats: ingest.Stats{Files: 2, Docs: 2},
		}}},
		{"unchanged files are passed over", []syncStep{
			{files: map[string]string{"a.txt": plain}, added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}},
			{stats: ingest.Stats{Files: 1, Unchanged: 1}},
		}},
		{"a changed file replaces its document", []syncStep{
			{files: map[string]string{"a.txt": plain}, added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}},
			{files: map[string]string{"a.txt": plain2}, added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}},
		}},
		{"a file whose symbol changed removes its old document", []syncStep{
			{files: map[string]string{"r.txt": res5134}, added: []string{"r.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}},
			{
				files: map[string]string{"r.txt": res5135}, added: []string{"r.txt"}, deleted: []string{"A/HRC/RES/51/34"},
				stats: ingest.Stats{Files: 1, Docs: 1},
			},
		}},
		{"another file of the same document replaces it, and says so", []syncStep{
			{files: map[string]string{"r.txt": res5134}, added: []string{"r.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}},
			{
				files: map[string]string{"r2.txt": res5134}, added: []string{"r2.txt"}, warn: "r2.txt: el documento A/HRC/RES/51/34 se había leído de",
				stats: ingest.Stats{Files: 2, Docs: 1, Unchanged: 1},
			},
		}},
		{"prune removes the documents of deleted files", []syncStep{
			{files: map[string]string{"a.txt": plain, "r.txt": res5134}, added: []string{"a.txt", "r.txt"}, stats: ingest.Stats{Files: 2, Docs: 2}},
			{files: map[string]string{"r.txt": removed}, stats: ingest.Stats{Files: 1, Unchanged: 1}}, // without -prune: kept
			{prune: true, deleted: []string{"A/HRC/RES/51/34"}, stats: ingest.Stats{Files: 1, Unchanged: 1, Pruned: 1}},
		}},
		{"a bad file among good ones", []syncStep{{
			files: map[string]string{"a.txt": plain, "vacío.txt": "", "z.txt": res5134},
			added: []string{"a.txt", "z.txt"}, warn: "vacío.txt: archivo vacío",
			stats: ingest.Stats{Files: 3, Docs: 2, Failed: 1},
		}}},
		{"a file of another type inside the folder", []syncStep{{
			files: map[string]string{"a.txt": plain, "b.zip": "PK\x03\x04"},
			added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1, Skipped: 1},
		}}},
		{"a Writer error stops the run, and the file is read again next time", []syncStep{
			{
				files: map[string]string{"a.txt": plain},
				writer: func(*testing.T) ingest.Writer {
					return &fakeWriter{err: errors.New("disk full")}
				},
				err: "disk full", stats: ingest.Stats{Files: 1, Docs: 1},
			},
			{added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}},
		}},
		{"a server that takes the documents without its proof", []syncStep{
			{
				files: map[string]string{"a.txt": plain},
				writer: func(t *testing.T) ingest.Writer {
					// Answers 200 to everything, without the proof of
					// the index's token: another program on the port.
					srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
						w.Write([]byte(`{"status":"ok"}`))
					}))
					t.Cleanup(srv.Close)
					return &web.Client{Addr: strings.TrimPrefix(srv.URL, "http://"), Token: "5ecret5ecret5ecret"}
				},
				err: "sin demostrar que indexó los documentos", stats: ingest.Stats{Files: 1, Docs: 1},
			},
			{added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}}, // not recorded as indexed
		}},
		{"a bulk load compacts the local index", []syncStep{{
			files: map[string]string{"a.txt": plain},
			writer: func(*testing.T) ingest.Writer {
				return &compactingWriter{paragraphs: 2}
			},
			added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}, compacted: true,
		}}},
		{"a small addition to a large index does not compact it", []syncStep{{
			files: map[string]string{"a.txt": plain},
			writer: func(*testing.T) ingest.Writer {
				return &compactingWriter{paragraphs: 1000}
			},
			added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1},
		}}},
		{"a small addition to a fragmented index compacts it", []syncStep{{
			files: map[string]string{"a.txt": plain},
			writer: func(*testing.T) ingest.Writer {
				return &fragmentedWriter{compactingWriter: compactingWriter{paragraphs: 1000}, fragmented: true}
			},
			added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}, compacted: true, recent: true,
		}}},
		{"a bulk load compacts a fragmented index whole", []syncStep{{
			files: map[string]string{"a.txt": plain},
			writer: func(*testing.T) ingest.Writer {
				return &fragmentedWriter{compactingWriter: compactingWriter{paragraphs: 2}, fragmented: true}
			},
			added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1}, compacted: true,
		}}},
		{"a small addition to an index that is not fragmented does not compact it", []syncStep{{
			files: map[string]string{"a.txt": plain},
			writer: func(*testing.T) ingest.Writer {
				return &fragmentedWriter{compactingWriter: compactingWriter{paragraphs: 1000}}
			},
			added: []string{"a.txt"}, stats: ingest.Stats{Files: 1, Docs: 1},
		}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, idx := t.TempDir(), t.TempDir()
			for i, step := range tt.steps {
				for name, text := range step.files {
					p := filepath.Join(files, name)
					if text == removed {
						os.Remove(p)
					} else if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				var w ingest.Writer = &fakeWriter{}
				if step.writer != nil {
					w = step.writer(t)
				}
				var warnings, notes []string
				progress := 0
				s := &ingest.Sync{
					Writer:   w,
					Manifest: ingest.LoadManifest(idx),
					Prune:    step.prune,
					Progress: func(ingest.Stats) { progress++ },
					Warn:     func(msg string) { warnings = append(warnings, msg) },
					Note:     func(what string) { notes = append(notes, what) },
				}
				st, err := s.Run(context.Background(), []string{files})
				if (err == nil) != (step.err == "") || err != nil && !strings.Contains(err.Error(), step.err) {
					t.Errorf("run %d: error %v, want %q", i+1, err, step.err)
				}
				if (st.Paragraphs > 0) != (st.Docs > 0) {
					t.Errorf("run %d: %d paragraphs of %d documents", i+1, st.Paragraphs, st.Docs)
				}
				st.Paragraphs = 0
				if st != step.stats {
					t.Errorf("run %d: stats %+v, want %+v", i+1, st, step.stats)
				}
				if err == nil && progress != st.Files {
					t.Errorf("run %d: progress told %d times for %d files", i+1, progress, st.Files)
				}
				fake, _ := w.(*fakeWriter)
				if fw, ok := w.(*fragmentedWriter); ok {
					if fw.recent != step.recent {
						t.Errorf("run %d: compacted what was added recently %v, want %v", i+1, fw.recent, step.recent)
					}
					w = &fw.compactingWriter
				}
				if cw, ok := w.(*compactingWriter); ok {
					fake = &cw.fakeWriter
					if cw.compacted != step.compacted || cw.compacted != slices.Contains(notes, "compactando el índice") {
						t.Errorf("run %d: compacted %v (notes %q), want %v", i+1, cw.compacted, notes, step.compacted)
					}
				}
				if fake != nil {
					var added []string
					for _, d := range fake.added {
						added = append(added, filepath.Base(d.Source))
					}
					slices.Sort(added)
					if !slices.Equal(added, step.added) {
						t.Errorf("run %d: added %q, want %q", i+1, added, step.added)
					}
					if !slices.Equal(fake.deleted, step.deleted) {
						t.Errorf("run %d: deleted %q, want %q", i+1, fake.deleted, step.deleted)
					}
				}
				all := strings.Join(warnings, "\n")
				if step.warn == "" && all != "" || !strings.Contains(all, step.warn) {
					t.Errorf("run %d: warnings %q, want %q", i+1, all, step.warn)
				}
			}
		})
	}
}

// TestSyncInterrupted checks that a cancelled run says so and that the
// documents it read are recorded, so the next run passes them over.
func TestSyncInterrupted(t *testing.T) {
	files, idx := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(files, "a.txt"), []byte(plain), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	w := &fakeWriter{}
	s := &ingest.Sync{Writer: w, Manifest: ingest.LoadManifest(idx), BatchParagraphs: 1 << 20}
	s.Progress = func(ingest.Stats) { cancel() } // after the first file
	_, err := s.Run(ctx, []string{files})
	if err == nil || !strings.Contains(err.Error(), "interrumpido después de 1 archivo;") {
		t.Fatalf("error %v, want interrupted", err)
	}
	if len(w.added) != 1 {
		t.Errorf("the document read before the interruption was not added: %d", len(w.added))
	}
	st, err := (&ingest.Sync{Writer: &fakeWriter{}, Manifest: ingest.LoadManifest(idx)}).Run(context.Background(), []string{files})
	if err != nil || st.Unchanged != 1 {
		t.Errorf("next run: %+v %v, want the file passed over", st, err)
	}
}
