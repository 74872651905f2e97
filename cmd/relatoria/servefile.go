package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/relatoria/relatoria/web"
)

// runningServer returns the server that serves the index in dir: the one
// DIR/serve.json names, once it has proved that it holds the token of that
// file (see web.Proof; the token is never sent). A serve.json whose
// process is gone, or whose address answers without the proof (another
// program took the port of a server that crashed), is stale: it is
// reported on warn and ignored, and nothing is sent to that address.
//
// otherwise says what is done instead ("the documents go straight into
// the index").
func runningServer(ctx context.Context, dir string, warn io.Writer, otherwise string) (*web.Client, bool) {
	path := filepath.Join(dir, serveFile)
	if err := private(path); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(warn, "relatoria: %s: %v; se pasa por alto: %s\n", path, err, otherwise)
		}
		return nil, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, false
	}
	var info serveInfo
	if json.Unmarshal(data, &info) != nil || info.Addr == "" || info.Token == "" {
		fmt.Fprintf(warn, "relatoria: %s no es el archivo de un servidor; se pasa por alto\n", path)
		return nil, false
	}
	if info.PID > 0 && !processAlive(info.PID) {
		fmt.Fprintf(warn, "relatoria: %s lo dejó un servidor que ya no está (proceso %d); se pasa por alto: %s\n", path, info.PID, otherwise)
		return nil, false
	}
	client := &web.Client{Addr: info.Addr, Token: info.Token}
	if err := client.Challenge(ctx); err != nil {
		fmt.Fprintf(warn, "relatoria: %s nombra %s, que %v; no se le envió nada: %s\n", path, info.Addr, err, otherwise)
		return nil, false
	}
	return client, true
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
		return errors.New("no es un archivo normal")
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("su modo %v deja leerlo a otros usuarios (un servidor lo escribe con 0600)", fi.Mode().Perm())
	}
	if uid, ok := fileOwner(fi); ok && uid != os.Geteuid() {
		return fmt.Errorf("es del usuario %d, no de este", uid)
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
