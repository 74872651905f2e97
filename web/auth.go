package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strconv"
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
//     (HeaderNonce), the time it was signed (HeaderTime, Unix seconds), the
//     SHA-256 of its body (HeaderBodyHash), and the signature of those, its
//     path and its declared length (HeaderSignature: SignHeaders; Sign
//     sets them all). The server checks all of it before it reads a byte
//     of the body: it refuses a request without them, a bad signature, a
//     time more than MaxClockSkew away from its own, a nonce it has seen
//     (it remembers nonces for as long as their time is accepted, so it
//     never has to forget one that could still be replayed), and a length
//     past its limit; then it reads no more than the declared length, and
//     refuses a body whose hash is not the one signed.
//  3. The server's answer carries ResponseProof(token, nonce) in
//     HeaderProof, so the client knows that the server, and not another
//     listener, took the documents before it records them as indexed.
const (
	// HeaderNonce carries the nonce of a signed request.
	HeaderNonce = "X-Relatoria-Nonce"
	// HeaderTime carries the time a request was signed, in Unix seconds.
	HeaderTime = "X-Relatoria-Time"
	// HeaderSignature carries the signature of a signed request.
	HeaderSignature = "X-Relatoria-Signature"
	// HeaderBodyHash carries the SHA-256 of a signed request's body, in
	// hexadecimal.
	HeaderBodyHash = "X-Relatoria-Body-SHA256"
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

// SignHeaders signs a POST to path with token: its nonce, the time of
// signing (Unix seconds, as sent in HeaderTime), its declared length (the
// Content-Length) and the SHA-256 of its body (hexadecimal, as sent in
// HeaderBodyHash). All of it is known before the body is read.
func SignHeaders(token, nonce, unix, path string, length int64, bodyHash string) string {
	return mac(token, "request", nonce, unix, path, strconv.FormatInt(length, 10), bodyHash)
}

// Sign sets the headers of the ingest protocol on req, a POST of body
// signed with token, with a new nonce, and returns the nonce.
func Sign(req *http.Request, token string, body []byte) string {
	nonce, unix := NewNonce(), strconv.FormatInt(time.Now().Unix(), 10)
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])
	req.ContentLength = int64(len(body))
	req.Header.Set(HeaderNonce, nonce)
	req.Header.Set(HeaderTime, unix)
	req.Header.Set(HeaderBodyHash, hash)
	req.Header.Set(HeaderSignature, SignHeaders(token, nonce, unix, req.URL.Path, int64(len(body)), hash))
	return nonce
}

// MaxClockSkew is how far the time of a signed request may be from the
// server's.
const MaxClockSkew = 5 * time.Minute

// ResponseProof is the server's proof that it carried out the signed
// request with nonce.
func ResponseProof(token, nonce string) string { return mac(token, "done", nonce) }

// Verify reports whether got equals want, in constant time.
func Verify(got, want string) bool { return hmac.Equal([]byte(got), []byte(want)) }

// nonceLog remembers the nonces of the signed requests of the last
// 2×MaxClockSkew, so that none is accepted twice. Only requests with a
// good signature are recorded: its size follows the rate of real ingests.
type nonceLog struct {
	mu   sync.Mutex
	seen map[string]time.Time
	last time.Time // of the last pruning
}

// fresh records nonce and reports whether it had not been seen.
func (l *nonceLog) fresh(nonce string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[string]time.Time{}
	}
	if now.Sub(l.last) > MaxClockSkew {
		for n, t := range l.seen {
			if now.Sub(t) > 2*MaxClockSkew {
				delete(l.seen, n)
			}
		}
		l.last = now
	}
	if _, ok := l.seen[nonce]; ok {
		return false
	}
	l.seen[nonce] = now
	return true
}

// authenticate checks the headers of a request of the ingest protocol
// before a byte of its body is read: the server takes documents, the
// headers are there and well formed, the signature of nonce, time, path,
// declared length and body hash is right, the time is near the server's,
// the nonce is new, and the declared length is at most limit. A request
// from a web page (which cannot set the headers without a preflight the
// server does not answer) or from anyone without the token is refused
// without reading its body.
func (h *handler) authenticate(r *http.Request, limit int64) error {
	if h.opt.IngestToken == "" || h.opt.Writer == nil {
		return &httpError{http.StatusForbidden, "este servidor no acepta documentos (ejecute relatoria ingest en la máquina del servidor)"}
	}
	nonce, unix, sig, hash := r.Header.Get(HeaderNonce), r.Header.Get(HeaderTime), r.Header.Get(HeaderSignature), r.Header.Get(HeaderBodyHash)
	if len(nonce) < 16 || len(nonce) > 128 || len(sig) != 2*sha256.Size || len(hash) != 2*sha256.Size || unix == "" {
		return &httpError{http.StatusForbidden, "petición sin firma: solo relatoria ingest, con el token del índice, puede añadir o quitar documentos"}
	}
	if r.ContentLength < 0 {
		return &httpError{http.StatusLengthRequired, "la petición firmada debe declarar su longitud (Content-Length)"}
	}
	if !Verify(sig, SignHeaders(h.opt.IngestToken, nonce, unix, r.URL.Path, r.ContentLength, hash)) {
		return &httpError{http.StatusForbidden, "petición con una firma que no es la del token de este índice"}
	}
	now := time.Now()
	secs, err := strconv.ParseInt(unix, 10, 64)
	if err != nil || now.Sub(time.Unix(secs, 0)).Abs() > MaxClockSkew {
		return &httpError{http.StatusForbidden, fmt.Sprintf("petición firmada a una hora que difiere en más de %s de la del servidor", MaxClockSkew)}
	}
	if r.ContentLength > limit {
		return &httpError{http.StatusRequestEntityTooLarge, fmt.Sprintf("el cuerpo declarado (%d bytes) pasa del límite de %d bytes", r.ContentLength, limit)}
	}
	if !h.nonces.fresh(nonce, now) {
		return &httpError{http.StatusForbidden, "petición repetida: este nonce ya se usó"}
	}
	return nil
}

// signedBody reads the body of an authenticated request, no more than its
// declared length, checks that it is the body signed, and sets the
// response's proof header.
func (h *handler) signedBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	body := make([]byte, r.ContentLength)
	if _, err := io.ReadFull(r.Body, body); err != nil {
		return nil, &httpError{http.StatusBadRequest, "el cuerpo de la petición llegó incompleto"}
	}
	sum := sha256.Sum256(body)
	if !Verify(hex.EncodeToString(sum[:]), r.Header.Get(HeaderBodyHash)) {
		return nil, &httpError{http.StatusForbidden, "el cuerpo de la petición no es el que se firmó"}
	}
	w.Header().Set(HeaderProof, ResponseProof(h.opt.IngestToken, r.Header.Get(HeaderNonce)))
	return body, nil
}

// serveChallenge answers GET /api/ingest/challenge?nonce=N with the proof
// that this server holds the ingest token, which it never sends.
func (h *handler) serveChallenge(w http.ResponseWriter, r *http.Request) error {
	if h.opt.IngestToken == "" || h.opt.Writer == nil {
		return &httpError{http.StatusForbidden, "este servidor no acepta documentos"}
	}
	nonce := r.URL.Query().Get("nonce")
	if len(nonce) < 16 || len(nonce) > 128 {
		return &httpError{http.StatusBadRequest, "falta el nonce del desafío (de 16 a 128 caracteres)"}
	}
	return writeJSONResponse(w, map[string]string{"proof": Proof(h.opt.IngestToken, nonce)})
}
