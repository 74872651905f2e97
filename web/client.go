package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/search"
)

// Client adds documents to an index through the server that serves it,
// with the ingest protocol (see HeaderNonce): relatoria ingest uses it
// while relatoria serve runs on the index, so that the server shows the
// documents at once. Its Add and Delete satisfy ingest.Writer.
type Client struct {
	// Addr is the server's address, host:port (the loopback address is
	// used when host is an unspecified one, 0.0.0.0 or ::).
	Addr string
	// Token is the index's ingest token, as the server wrote it to its
	// serve.json. It is never sent.
	Token string
}

// clientHTTP talks to a local server: no redirects (an answer is the
// server's own or none).
var clientHTTP = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// url is the address of path on the server: the loopback address when the
// server listens on all addresses.
func (c *Client) url(path string) string {
	host, port, err := net.SplitHostPort(c.Addr)
	if err == nil && net.ParseIP(host) != nil && net.ParseIP(host).IsUnspecified() {
		return "http://" + net.JoinHostPort("127.0.0.1", port) + path
	}
	return "http://" + c.Addr + path
}

// Challenge asks the server to prove that it holds the token (within 3
// seconds). The error says, in Spanish, what the address did instead: it
// "no responde", or "responde pero no demuestra que tiene el testigo del
// índice".
func (c *Client) Challenge(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	nonce := NewNonce()
	req, err := http.NewRequestWithContext(ctx, "GET", c.url("/api/ingest/challenge?nonce="+nonce), nil)
	if err != nil {
		return err
	}
	resp, err := clientHTTP.Do(req)
	if err != nil {
		return errors.New("no responde")
	}
	defer resp.Body.Close()
	var answer struct {
		Proof string `json:"proof"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&answer) != nil ||
		!Verify(answer.Proof, Proof(c.Token, nonce)) {
		return errors.New("responde pero no demuestra que tiene el testigo del índice (no es el servidor que escribió el archivo)")
	}
	return nil
}

// ClientBatchBytes is the most JSON Add sends in one request, unless one
// document alone is larger (up to MaxIngestBody).
const ClientBatchBytes = 32 << 20

// Add sends documents to the server's POST /api/ingest, in requests of at
// most ClientBatchBytes (a document larger than that goes alone; one
// larger than MaxIngestBody is refused with an error naming it).
func (c *Client) Add(ctx context.Context, docs ...*corpus.Document) error {
	var batch [][]byte
	size := 0
	send := func() error {
		if len(batch) == 0 {
			return nil
		}
		body := append([]byte("["), bytes.Join(batch, []byte(","))...)
		body = append(body, ']')
		batch, size = nil, 0
		return c.post(ctx, "/api/ingest", body)
	}
	for _, d := range docs {
		b, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if len(b)+2 > MaxIngestBody {
			return fmt.Errorf("%s: el documento ocupa %d bytes de JSON, más de lo que el servidor admite (%d)", d.Source, len(b), MaxIngestBody)
		}
		if size+len(b)+2 > ClientBatchBytes {
			if err := send(); err != nil {
				return err
			}
		}
		batch = append(batch, b)
		size += len(b) + 1
	}
	return send()
}

// Delete asks the server to remove documents, in one request.
func (c *Client) Delete(ids ...string) error {
	body, _ := json.Marshal(ids)
	return c.post(context.Background(), "/api/delete", body)
}

// post sends a signed request (see Sign) and checks the server's
// proof that it carried it out: only then are the documents taken as
// indexed.
func (c *Client) post(ctx context.Context, path string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, "POST", c.url(path), bytes.NewReader(body))
	if err != nil {
		return err
	}
	nonce := Sign(req, c.Token, body)
	req.Header.Set("Content-Type", "application/json")
	resp, err := clientHTTP.Do(req)
	if err != nil {
		return fmt.Errorf("no se pudo enviar al servidor %s: %w", c.Addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 1000))
		return fmt.Errorf("el servidor %s lo rechazó: %s %s", c.Addr, resp.Status, bytes.TrimSpace(msg))
	}
	if !Verify(resp.Header.Get(HeaderProof), ResponseProof(c.Token, nonce)) {
		return fmt.Errorf("el servidor %s respondió sin demostrar que indexó los documentos; no se registran como indexados", c.Addr)
	}
	return nil
}

// APIError is an error answer of the server's API ({"error", "code",
// "status", "position"}): its Error is the server's Spanish message. It
// matches search.ErrNotFound (errors.Is) when the server said not_found.
type APIError struct {
	Status   int
	Code     string // syntax, bad_query, not_found, bad_request, internal
	Message  string
	Position int // of a syntax error, 1-based
}

// Error returns the server's message.
func (e *APIError) Error() string { return e.Message }

// Is reports whether e is the server's form of target: search.ErrNotFound for
// not_found.
func (e *APIError) Is(target error) bool {
	return target == search.ErrNotFound && e.Code == "not_found"
}

// Get asks the server for path with the URL parameters query (GET
// /api/search, /api/show, /api/diff) and copies the answer's body to w as it
// comes: relatoria query, show and diff read the index through the server
// that holds it (see Challenge, which the caller runs first). An answer
// other than 200 is returned as an *APIError, and nothing is written.
func (c *Client) Get(ctx context.Context, path string, query url.Values, w io.Writer) error {
	req, err := http.NewRequestWithContext(ctx, "GET", c.url(path+"?"+query.Encode()), nil)
	if err != nil {
		return err
	}
	resp, err := clientHTTP.Do(req)
	if err != nil {
		return fmt.Errorf("el servidor %s no responde: %w", c.Addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
		var answer struct {
			Error    string `json:"error"`
			Code     string `json:"code"`
			Position int    `json:"position"`
		}
		if json.Unmarshal(body, &answer) != nil || answer.Error == "" {
			answer.Error = fmt.Sprintf("el servidor %s respondió %s", c.Addr, resp.Status)
		}
		return &APIError{Status: resp.StatusCode, Code: answer.Code, Message: answer.Error, Position: answer.Position}
	}
	_, err = io.Copy(w, resp.Body)
	return err
}
