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
	"slices"
	"strings"
	"time"

	"github.com/relatoria/relatoria/search"
)

var serveCommand = &command{
	name:    "serve",
	args:    "[-index DIR] [-addr 127.0.0.1:8080] [-allow-host NAME]",
	summary: "serve the web page and the JSON API",
	usage: `Serve answers searches over HTTP: a web page at / (search, facets, documents,
paragraph permalinks, CSV download) and a JSON API:

	GET /api/search?q=cooperación+técnica&n=20&sort=date&format=json|csv|text
	GET /api/show?ref=51/34%20§7
	GET /api/documents/A/HRC/RES/51/34
	GET /healthz

It listens on the loopback address unless told otherwise, and then answers
only requests addressed to localhost, 127.0.0.1 or [::1], so that a web page
that rebinds its own name to 127.0.0.1 cannot read the index. Behind a
proxy that passes on another Host, name it with -allow-host (repeatable,
or comma-separated). On any other address it also answers requests that name
it by an IP address or by this machine's host name, and warns that the index
is readable by whoever can reach it.

While it runs, "relatoria ingest" on the same index sends its documents
through the server, which shows them at once: the server proves that it
holds the token of DIR/serve.json (a file only the user can read) before
ingest sends it anything, and the token itself never crosses the network.
Stop it with Ctrl-C (SIGINT) or SIGTERM: requests in flight finish first.

Examples:

	relatoria serve
	relatoria serve -index /srv/relatoria -addr 127.0.0.1:9000
	relatoria serve -allow-host relatoria.example.org   # behind a reverse proxy`,
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
	var allowHosts []string
	fs.Func("allow-host", "a host name requests may address besides localhost (for a proxy in front; repeatable, or comma-separated)", func(v string) error {
		for _, h := range strings.Split(v, ",") {
			if h = strings.TrimSpace(h); h != "" {
				allowHosts = append(allowHosts, h)
			}
		}
		return nil
	})
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
	linker := newLinker(ix)
	defer linker.Close() // before the index
	go ix.WarmFacets()   // while the first requests are on their way; they read it if it is not ready
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	token := make([]byte, 32)
	rand.Read(token)
	info := serveInfo{Addr: ln.Addr().String(), Token: hex.EncodeToString(token), PID: os.Getpid()}
	if dir := ix.Dir(); dir != "" {
		path := filepath.Join(dir, serveFile)
		if err := writePrivate(path, info); err != nil {
			ln.Close()
			return fmt.Errorf("write %s: %w", path, err)
		}
		defer os.Remove(path)
	}
	// Only requests addressed to this machine's names (and the
	// -allow-host names) are answered; off loopback, also those that
	// address it by an IP address, as a browser on the network does. A
	// page that rebinds its own name to this machine still names itself.
	hosts := append(slices.Clone(search.LoopbackHosts), allowHosts...)
	anyIP := !isLoopback(ln.Addr())
	if anyIP {
		if name, err := os.Hostname(); err == nil {
			hosts = append(hosts, name)
		}
		fmt.Fprintf(e.stderr, "relatoria: warning: %s is not a loopback address: anyone who can reach it can read the whole index (use -addr 127.0.0.1:PORT to serve this machine only; name other hosts it is reached by with -allow-host)\n", info.Addr)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := &http.Server{
		Handler:           search.Handler(searcher(ix, linker), search.HandlerOptions{IngestToken: info.Token, Logger: logger, AllowedHosts: hosts, AllowIPHosts: anyIP}),
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

// writePrivate writes info as JSON to path so that only the user can read
// it, whatever file was there: a temporary file of mode 0600 renamed over
// path (a file left by an earlier server keeps its mode when written in
// place, and it holds the ingest token).
func writePrivate(path string, info serveInfo) error {
	data, err := json.Marshal(info)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".serve-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after a successful rename, nothing is there
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// isLoopback reports whether addr is a loopback address (127.0.0.0/8,
// ::1): only this machine can reach it.
func isLoopback(addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}
