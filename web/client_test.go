package web

import (
	"net"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/search"
)

// TestClient adds and deletes a document through the handler with Client,
// as relatoria ingest does while relatoria serve runs, and checks that a
// client with another token learns it at the challenge and is refused.
func TestClient(t *testing.T) {
	srv, s := mustServer(t, Options{IngestToken: "secret"})
	addr := strings.TrimPrefix(srv.URL, "http://")
	total := func(q string) uint64 {
		res, err := s.Search(t.Context(), search.Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		return res.Total
	}
	c := &Client{Addr: addr, Token: "secret"}
	if err := c.Challenge(t.Context()); err != nil {
		t.Fatalf("challenge of the server with its token: %v", err)
	}
	_, port, _ := net.SplitHostPort(addr)
	for _, a := range []string{"0.0.0.0:" + port, "[::]:" + port} {
		// A server on all addresses is reached on the loopback address.
		if err := (&Client{Addr: a, Token: "secret"}).Challenge(t.Context()); err != nil {
			t.Errorf("challenge of %s: %v", a, err)
		}
	}
	doc := &corpus.Document{ID: "doc-client", Source: "cliente.txt", Format: corpus.FormatText, Kind: corpus.KindPage,
		Paragraphs: []corpus.Paragraph{{Ordinal: 1, Kind: corpus.Plain, Text: "Un párrafo sobre la zarzamora", Original: "Un párrafo sobre la zarzamora"}}}
	if err := c.Add(t.Context(), doc); err != nil || total("zarzamora") != 1 {
		t.Fatalf("add through the server: %v, %d hits", err, total("zarzamora"))
	}
	if err := c.Delete("doc-client"); err != nil || total("zarzamora") != 0 {
		t.Fatalf("delete through the server: %v, %d hits", err, total("zarzamora"))
	}

	wrong := &Client{Addr: addr, Token: "another"}
	if err := wrong.Challenge(t.Context()); err == nil || !strings.Contains(err.Error(), "no demuestra") {
		t.Errorf("challenge with another token: %v", err)
	}
	if err := wrong.Add(t.Context(), doc); err == nil || !strings.Contains(err.Error(), "lo rechazó: 403") || total("zarzamora") != 0 {
		t.Errorf("add with another token: %v", err)
	}
	gone := &Client{Addr: "127.0.0.1:1", Token: "secret"}
	if err := gone.Challenge(t.Context()); err == nil || err.Error() != "no responde" {
		t.Errorf("challenge of no server: %v", err)
	}
}
