package search

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"sync"
	"time"
)

// The ingest protocol lets "relatoria ingest" add documents through a
// running server without the ingest token ever crossing the wire, so that
// a listener that is not the server (one that took the port of a server
// that crashed and left its serve.json behind) learns nothing and is sent
// nothing:
//
//  1. The client sends a fresh nonce to GET /api/ingest/challenge?nonce=N;
//     the server answers {"proof": Proof(token, N)}. A client that cannot
//     check the proof with the token it read from serve.json sends no
//     document.
//  2. Each POST /api/ingest and /api/delete carries a new nonce
//     (HeaderNonce) and the signature of its path and body
//     (HeaderSignature: SignRequest). The server refuses a bad signature
//     and a nonce it has seen.
//  3. The server's answer carries ResponseProof(token, nonce) in
//     HeaderProof, so the client knows that the server, and not another
//     listener, took the documents before it records them as indexed.
const (
	// HeaderNonce carries the nonce of a signed request.
	HeaderNonce = "X-Relatoria-Nonce"
	// HeaderSignature carries the signature of a signed request.
	HeaderSignature = "X-Relatoria-Signature"
	// HeaderProof carries the server's proof that it did what a signed
	// request asked.
	HeaderProof = "X-Relatoria-Proof"
)

// NewNonce returns a random nonce for the ingest protocol.
func NewNonce() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func mac(token string, parts ...string) string {
	m := hmac.New(sha256.New, []byte(token))
	for _, p := range parts {
		m.Write([]byte(p))
		m.Write([]byte{0})
	}
	return hex.EncodeToString(m.Sum(nil))
}

// Proof is the server's answer to a challenge: it shows that the server
// holds token.
func Proof(token, nonce string) string { return mac(token, "challenge", nonce) }

// SignRequest signs a POST of body to path with token and nonce.
func SignRequest(token, nonce, path string, body []byte) string {
	sum := sha256.Sum256(body)
	return mac(token, "request", nonce, path, hex.EncodeToString(sum[:]))
}

// ResponseProof is the server's proof that it carried out the signed
// request with nonce.
func ResponseProof(token, nonce string) string { return mac(token, "done", nonce) }

// Verify reports whether got equals want, in constant time.
func Verify(got, want string) bool { return hmac.Equal([]byte(got), []byte(want)) }

// nonceLog remembers the nonces of recent signed requests, so that none
// is accepted twice.
type nonceLog struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

// nonceTTL is how long a nonce is remembered; the log is pruned as it
// grows past nonceLogSize.
const (
	nonceTTL     = time.Hour
	nonceLogSize = 10_000
)

// fresh records nonce and reports whether it had not been seen.
func (l *nonceLog) fresh(nonce string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[string]time.Time{}
	}
	if _, ok := l.seen[nonce]; ok {
		return false
	}
	now := time.Now()
	if len(l.seen) >= nonceLogSize {
		for n, t := range l.seen {
			if now.Sub(t) > nonceTTL {
				delete(l.seen, n)
			}
		}
		if len(l.seen) >= nonceLogSize {
			return false // a flood of signed requests: refuse rather than forget
		}
	}
	l.seen[nonce] = now
	return true
}

// checkSigned verifies a signed request of the ingest protocol: the
// server has a token, the signature of path and body is right, and the
// nonce is new. On success it sets the response's proof header.
func (h *handler) checkSigned(w http.ResponseWriter, r *http.Request, body []byte) error {
	if h.opt.IngestToken == "" {
		return &httpError{http.StatusForbidden, "este servidor no acepta documentos (ejecute relatoria ingest en la máquina del servidor)"}
	}
	nonce, sig := r.Header.Get(HeaderNonce), r.Header.Get(HeaderSignature)
	if len(nonce) < 16 || len(nonce) > 128 || !Verify(sig, SignRequest(h.opt.IngestToken, nonce, r.URL.Path, body)) {
		return &httpError{http.StatusForbidden, "petición sin firma válida: solo relatoria ingest, con el token del índice, puede añadir o quitar documentos"}
	}
	if !h.nonces.fresh(nonce) {
		return &httpError{http.StatusForbidden, "petición repetida (nonce ya usado)"}
	}
	w.Header().Set(HeaderProof, ResponseProof(h.opt.IngestToken, nonce))
	return nil
}

// serveChallenge answers GET /api/ingest/challenge?nonce=N with the proof
// that this server holds the ingest token, which it never sends.
func (h *handler) serveChallenge(w http.ResponseWriter, r *http.Request) error {
	if h.opt.IngestToken == "" {
		return &httpError{http.StatusForbidden, "este servidor no acepta documentos"}
	}
	nonce := r.URL.Query().Get("nonce")
	if len(nonce) < 16 || len(nonce) > 128 {
		return &httpError{http.StatusBadRequest, "falta el nonce del desafío (de 16 a 128 caracteres)"}
	}
	return writeJSONResponse(w, map[string]string{"proof": Proof(h.opt.IngestToken, nonce)})
}
