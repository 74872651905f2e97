package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestBadCorpus ingests testdata/bad, and files made at run time that
// cannot be committed (a symbolic-link loop, a named pipe, an unreadable
// file, a file over the size limit), beside good files. Each bad file
// yields exactly one error naming it and saying why, on one line; every
// good file yields its document.
func TestBadCorpus(t *testing.T) {
	dir := t.TempDir()
	entries, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join("testdata/bad", e.Name()))
		os.WriteFile(filepath.Join(dir, e.Name()), data, 0o644)
	}
	good, _ := os.ReadFile("../corpus/sample/000_1d19a80b84d8d935.txt")
	os.WriteFile(filepath.Join(dir, "buena.txt"), good, 0o644)
	os.WriteFile(filepath.Join(dir, "demasiado-grande.txt"), []byte(strings.Repeat("derechos humanos ", 200_000)), 0o644)
	os.Symlink(filepath.Join(dir, "bucle-b"), filepath.Join(dir, "bucle-a"))
	os.Symlink(filepath.Join(dir, "bucle-a"), filepath.Join(dir, "bucle-b"))
	syscall.Mkfifo(filepath.Join(dir, "tuberia.txt"), 0o644)
	unreadable := filepath.Join(dir, "ilegible.txt")
	os.WriteFile(unreadable, good, 0o000)
	root := os.Geteuid() == 0 // root reads any file: ilegible.txt is then good

	want := map[string]string{
		"empty.txt":            "archivo vacío",
		"binary.txt":           "archivo binario",
		"truncated.pdf":        "truncated PDF",
		"encrypted.pdf":        "encrypted PDF",
		"image-only.pdf":       "no text layer",
		"corrupt-stream.pdf":   "malformed PDF",
		"broken-tree.pdf":      "malformed PDF",
		"kids-loop.pdf":        "page tree loops back on itself",
		"parent-loop.pdf":      "/Parent chain loops back on itself",
		"huge-xref.pdf":        "beyond what a PDF can hold",
		"huge-xref-stream.pdf": "more objects than a PDF can hold",
		"invalid-utf8.txt":     "UTF-8 no válido",
		"demasiado-grande.txt": "archivo demasiado grande",
		"bucle-a":              "broken or looping symbolic link",
		"bucle-b":              "broken or looping symbolic link",
		"tuberia.txt":          "not a regular file",
	}
	if !root {
		want["ilegible.txt"] = "permission denied"
	}
	goodFiles := map[string]string{ // file → a phrase of its text
		"SOURCE.md":                           "robustness tests",
		"buena.txt":                           "Oficina del Alto Comisionado",
		"utf16-bom.txt":                       "Declaración Universal",
		"latin1.txt":                          "Declaración Universal",
		"nested.html":                         "Texto profundo",
		"long-line.txt":                       "cooperación técnica",
		"nombre con espacios y acentos ñ.txt": "eñe",
	}
	if root {
		goodFiles["ilegible.txt"] = "Oficina del Alto Comisionado"
	}
	opt := Options{MaxFileSize: 2 << 20}
	seen := map[string]bool{}
	for doc, err := range Walk(context.Background(), []string{dir}, opt, nil) {
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("error without a file: %v", err)
				continue
			}
			name := filepath.Base(e.Path)
			seen[name] = true
			reason, ok := want[name]
			msg := err.Error()
			switch {
			case !ok:
				t.Errorf("unexpected error: %s", msg)
			case !strings.Contains(msg, reason) || !strings.HasPrefix(msg, e.Path+": ") || strings.Contains(msg, "\n"):
				t.Errorf("%s: error %q, want one line naming it and saying %q", name, msg, reason)
			}
			continue
		}
		name := filepath.Base(doc.Source)
		seen[name] = true
		phrase, ok := goodFiles[name]
		if !ok {
			t.Errorf("%s was read, want an error %q", name, want[name])
			continue
		}
		var text strings.Builder
		for _, p := range doc.Paragraphs {
			text.WriteString(p.Text + " ")
		}
		if !strings.Contains(text.String(), phrase) {
			t.Errorf("%s: text lacks %q", name, phrase)
		}
		if strings.Contains(text.String(), "inyectado") || strings.Contains(text.String(), "alert(") {
			t.Errorf("%s: script text kept", name)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("%s: no error reported", name)
		}
	}
	for name := range goodFiles {
		if !seen[name] {
			t.Errorf("%s: not read", name)
		}
	}
	t.Logf("%d bad inputs reported, %d good files read", len(want), len(goodFiles))
}
