package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/relatoria/relatoria/search"
)

var serveCommand = &command{
	name:    "serve",
	args:    "[-index DIR] [-addr 127.0.0.1:8080]",
	summary: "serve the web page and the JSON API",
	usage: `Serve answers searches over HTTP: a web page at / (search, facets, documents,
paragraph permalinks, CSV download) and a JSON API:

	GET /api/search?q=cooperación+técnica&n=20&sort=date&format=json|csv|text
	GET /api/show?ref=51/34%20§7
	GET /api/documents/A/HRC/RES/51/34
	GET /healthz

It listens on the loopback address unless told otherwise. While it runs,
"relatoria ingest" on the same index sends its documents through the server,
which shows them at once. Stop it with Ctrl-C (SIGINT) or SIGTERM: requests
in flight finish first.

Examples:

	relatoria serve
	relatoria serve -index /srv/relatoria -addr 127.0.0.1:9000`,
	run: runServe,
}

// serveInfo is written to DIR/serve.json while a server runs, so that
// relatoria ingest can add documents through it. Only the user can read it:
// the token authorises ingest.
type serveInfo struct {
	Addr  string `json:"addr"`
	Token string `json:"token"`
	PID   int    `json:"pid"`
}

const serveFile = "serve.json"

func runServe(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments")
	}
	search.TuneGC(e.getenv)
	ix, err := openIndex(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer ix.Close()
	go ix.WarmFacets() // while the first requests are on their way; they read it if it is not ready
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	token := make([]byte, 16)
	rand.Read(token)
	info := serveInfo{Addr: ln.Addr().String(), Token: hex.EncodeToString(token), PID: os.Getpid()}
	if dir := ix.Dir(); dir != "" {
		data, _ := json.Marshal(info)
		path := filepath.Join(dir, serveFile)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return err
		}
		defer os.Remove(path)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := &http.Server{
		Handler:           search.Handler(search.New(ix), search.HandlerOptions{IngestToken: info.Token, Logger: logger}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      5 * time.Minute, // CSV exports of many rows
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(e.stderr, "relatoria: serving %s at http://%s/ (Ctrl-C to stop)\n", ix.Version(), info.Addr)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stderr, "relatoria: shutting down; waiting for requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
