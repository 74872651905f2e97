package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/search"
)

// httpError is an error with its own status and a message for the user.
type httpError struct {
	status int
	msg    string
}

// Error returns the message for the user.
func (e *httpError) Error() string { return e.msg }

func notFoundf(format string, a ...any) error {
	return &httpError{http.StatusNotFound, fmt.Sprintf(format, a...)}
}

// errorKind is one row of errorKinds.
type errorKind struct {
	is     func(error) bool
	status int
	// code is the machine-readable kind in an API error's JSON ("code");
	// empty, it follows from the status (see codeOf).
	code string
	// msg is the message shown; empty, the error's own (in Spanish: the
	// user's mistakes are said by the error itself).
	msg string
}

// errorKinds maps the errors the handlers return to a status, a code and
// the message shown, the first row that matches deciding. An error no row
// matches is the server's own failure: 500, "internal", logged, and shown
// only as "error interno del servidor". An *httpError has its own status
// and message, ahead of the table.
var errorKinds = []errorKind{
	{is: as[*search.AmbiguousError], status: http.StatusMultipleChoices},
	{is: as[*query.SyntaxError], status: http.StatusBadRequest, code: "syntax"},
	{is: as[*search.BadQueryError], status: http.StatusBadRequest, code: "bad_query"},
	{is: is(search.ErrNotFound), status: http.StatusNotFound},
	{is: as[*http.MaxBytesError], status: http.StatusRequestEntityTooLarge, msg: "el cuerpo de la petición es demasiado grande"},
	{is: is(io.ErrUnexpectedEOF), status: http.StatusBadRequest, msg: "el cuerpo de la petición llegó incompleto"},
	{is: is(context.Canceled), status: http.StatusServiceUnavailable, msg: "petición cancelada"},
	{is: is(context.DeadlineExceeded), status: http.StatusServiceUnavailable, msg: "la búsqueda tardó demasiado; precise la consulta"},
}

// as matches the errors that errors.As finds a T in.
func as[T error](err error) bool {
	var t T
	return errors.As(err, &t)
}

// is returns a match of the errors that errors.Is finds target in.
func is(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

// statusOf maps an error to an HTTP status and the message to show (see
// errorKinds).
func statusOf(err error) (int, string) {
	var he *httpError
	if errors.As(err, &he) {
		return he.status, he.msg
	}
	for _, k := range errorKinds {
		if k.is(err) {
			if k.msg != "" {
				return k.status, k.msg
			}
			return k.status, err.Error()
		}
	}
	return http.StatusInternalServerError, "error interno del servidor"
}

// codeOf is the machine-readable kind of an error answered with status,
// for scripts that read the API's JSON errors without reading their
// (Spanish) message: the code of its row of errorKinds, else one that
// follows from the status.
func codeOf(err error, status int) string {
	var he *httpError
	if !errors.As(err, &he) {
		for _, k := range errorKinds {
			if k.is(err) && k.code != "" {
				return k.code
			}
		}
	}
	switch {
	case status == http.StatusMultipleChoices:
		return "ambiguous"
	case status == http.StatusNotFound:
		return "not_found"
	case status >= 500:
		return "internal"
	}
	return "bad_request"
}
