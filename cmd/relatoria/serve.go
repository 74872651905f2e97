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

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/web"
)

var serveCommand = &command{
	name:    "serve",
	args:    "[-index DIR] [-addr 127.0.0.1:8080] [-allow-host NOMBRE]",
	summary: "servir la página web y la API JSON",
	usage: `Serve responde búsquedas por HTTP: una página web en / (búsqueda, filtros,
documentos, enlaces permanentes a párrafos, descarga en CSV) y una API JSON:

	GET /api/search?q=cooperación+técnica&n=20&sort=date&format=json|csv|text
	GET /api/show?ref=51/34%20§7
	GET /api/documents/A/HRC/RES/51/34
	GET /api/diff?a=S/RES/2775%20(2025)&b=S/RES/2776%20(2025)
	GET /healthz

Escucha en la dirección de bucle local (loopback) salvo que se le indique
otra, y entonces solo responde a las peticiones dirigidas a localhost,
127.0.0.1 o [::1], para que una página web que haga apuntar su propio nombre
a 127.0.0.1 no pueda leer el índice. Detrás de un proxy que transmite otro
Host, nómbrelo con -allow-host (se puede repetir, o separar con comas). En
cualquier otra dirección responde también a las peticiones que lo nombran
por una dirección IP o por el nombre de esta máquina, y avisa de que el
índice queda legible para quien pueda llegar a él.

Mientras se ejecuta, "relatoria ingest" sobre el mismo índice le envía los
documentos, que el servidor muestra en el acto, y "relatoria query", "show"
y "diff" le hacen sus preguntas (el servidor tiene el índice abierto): el
servidor demuestra que tiene el testigo de DIR/serve.json (un archivo que
solo el usuario puede leer) antes de que se le envíe nada, y el testigo
nunca viaja por la red. Se detiene con Ctrl-C (SIGINT) o SIGTERM: las
peticiones en curso terminan antes.

Ejemplos:

	relatoria serve
	relatoria serve -index /srv/relatoria -addr 127.0.0.1:9000
	relatoria serve -allow-host relatoria.example.org   # detrás de un proxy inverso`,
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
	addr := fs.String("addr", "127.0.0.1:8080", "dirección en la que escuchar (máquina:puerto; el puerto 0 elige uno libre)")
	var allowHosts []string
	fs.Func("allow-host", "un nombre de máquina al que pueden dirigirse las peticiones además de localhost (para un proxy delante; repetible, o separado por comas)", func(v string) error {
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
		return usagef("serve no lleva argumentos")
	}
	tuneServing(e.getenv)
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
		return fmt.Errorf("no se puede escuchar en %s: %w", *addr, err)
	}
	token := make([]byte, 32)
	rand.Read(token)
	info := serveInfo{Addr: ln.Addr().String(), Token: hex.EncodeToString(token), PID: os.Getpid()}
	if dir := ix.Dir(); dir != "" {
		path := filepath.Join(dir, serveFile)
		if err := writePrivate(path, info); err != nil {
			ln.Close()
			return fmt.Errorf("no se puede escribir %s: %w", path, err)
		}
		defer os.Remove(path)
	}
	// Only requests addressed to this machine's names (and the
	// -allow-host names) are answered; off loopback, also those that
	// address it by an IP address, as a browser on the network does. A
	// page that rebinds its own name to this machine still names itself.
	hosts := append(slices.Clone(web.LoopbackHosts), allowHosts...)
	anyIP := !isLoopback(ln.Addr())
	if anyIP {
		if name, err := os.Hostname(); err == nil {
			hosts = append(hosts, name)
		}
		fmt.Fprintf(e.stderr, "relatoria: aviso: %s no es una dirección de bucle local: quien pueda llegar a ella puede leer todo el índice (use -addr 127.0.0.1:PUERTO para servir solo a esta máquina; nombre con -allow-host las otras máquinas por las que se llega a él)\n", info.Addr)
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, nil))
	srv := &http.Server{
		Handler:           web.Handler(searcher(ix, linker), web.Options{IngestToken: info.Token, Writer: linker, Logger: logger, AllowedHosts: hosts, AllowIPHosts: anyIP}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      5 * time.Minute, // CSV exports of many rows
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	paragraphs, _ := ix.Paragraphs()
	fmt.Fprintf(e.stderr, "relatoria: sirviendo el índice de %s (formato %d, %d párrafos) en http://%s/ (Ctrl-C para detenerlo)\n", ix.Dir(), index.FormatVersion, paragraphs, info.Addr)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(e.stderr, "relatoria: deteniéndose; se esperan las peticiones en curso")
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
