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
		"truncated.pdf":        "PDF truncado",
		"encrypted.pdf":        "PDF cifrado",
		"image-only.pdf":       "no tiene capa de texto",
		"corrupt-stream.pdf":   "PDF dañado",
		"broken-tree.pdf":      "PDF dañado",
		"kids-loop.pdf":        "árbol de páginas vuelve sobre sí mismo",
		"parent-loop.pdf":      "cadena /Parent vuelve sobre sí misma",
		"huge-xref.pdf":        "más allá de los que un PDF puede tener",
		"huge-xref-stream.pdf": "más objetos de los que un PDF puede tener",
		"objstm-self.pdf":      "agotó su pila",
		"extends-self.pdf":     "se extiende a sí mismo",
		"columns-indirect.pdf": "/Columns 70368744177664 pasa de",
		"bomb-q.pdf":           "se descomprime en más de 64 MiB",
		"bomb-tj.pdf":          "se descomprime en más de 64 MiB",
		"bomb-numbers.pdf":     "se descomprime en más de 64 MiB",
		"bomb-a85.pdf":         "384 MiB) y se detuvo",
		"prev-self.pdf":        "forman un ciclo",
		"invalid-utf8.txt":     "UTF-8 no válido",
		"demasiado-grande.txt": "archivo demasiado grande",
		"bucle-a":              "enlace simbólico roto o en bucle",
		"bucle-b":              "enlace simbólico roto o en bucle",
		"tuberia.txt":          "no es un archivo normal",
	}
	if !root {
		want["ilegible.txt"] = "permiso denegado"
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

// TestLinksOutOfFolder checks that a folder's symbolic link to a file
// outside it is reported and not read, unless FollowLinks is set, while a
// link to a file inside the folder is read.
func TestLinksOutOfFolder(t *testing.T) {
	outside := t.TempDir()
	secret := filepath.Join(outside, "secreto.txt")
	os.WriteFile(secret, []byte("Contraseña del servidor: derechos humanos.\n"), 0o644)
	dir := t.TempDir()
	good, _ := os.ReadFile("../corpus/sample/000_1d19a80b84d8d935.txt")
	os.WriteFile(filepath.Join(dir, "buena.txt"), good, 0o644)
	os.Symlink(secret, filepath.Join(dir, "passwd.txt"))
	os.Symlink(filepath.Join(dir, "buena.txt"), filepath.Join(dir, "enlace-dentro.txt"))
	for _, follow := range []bool{false, true} {
		read, failed := map[string]bool{}, map[string]string{}
		for doc, err := range Walk(context.Background(), []string{dir}, Options{FollowLinks: follow}, nil) {
			if err != nil {
				var e *Error
				errors.As(err, &e)
				failed[filepath.Base(e.Path)] = err.Error()
				continue
			}
			read[filepath.Base(doc.Source)] = true
		}
		if !read["buena.txt"] || !read["enlace-dentro.txt"] {
			t.Errorf("follow=%v: read %v, want buena.txt and enlace-dentro.txt", follow, read)
		}
		if follow != read["passwd.txt"] {
			t.Errorf("follow=%v: passwd.txt read %v", follow, read["passwd.txt"])
		}
		if msg := failed["passwd.txt"]; !follow && (!strings.Contains(msg, "fuera de la carpeta") || !strings.Contains(msg, secret)) {
			t.Errorf("passwd.txt: error %q, want the link named with where it points", msg)
		}
	}
}
