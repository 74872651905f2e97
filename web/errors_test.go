package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"testing"

	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/search"
)

// TestErrorKinds checks the status, message and code of each kind of
// error a handler returns, wrapped as the searcher wraps them.
func TestErrorKinds(t *testing.T) {
	for _, tt := range []struct {
		err    error
		status int
		msg    string // "" for the error's own
		code   string
	}{
		{&httpError{http.StatusForbidden, "no"}, 403, "no", "bad_request"},
		{notFoundf("no existe %s", "x"), 404, "no existe x", "not_found"},
		{fmt.Errorf("show: %w", &search.AmbiguousError{Ref: "§1"}), 300, "", "ambiguous"},
		{&query.SyntaxError{Pos: 3, Msg: "falta «)»"}, 400, "", "syntax"},
		{fmt.Errorf("search: %w", &search.BadQueryError{Msg: "demasiadas"}), 400, "", "bad_query"},
		{fmt.Errorf("51/34 §99: no existe ese párrafo: %w", search.ErrNotFound), 404, "", "not_found"},
		{&search.NotParagraphError{Ref: "51/34", Doc: "A/HRC/RES/51/34"}, 404, "", "not_found"},
		{&http.MaxBytesError{Limit: 1}, 413, "el cuerpo de la petición es demasiado grande", "bad_request"},
		{io.ErrUnexpectedEOF, 400, "el cuerpo de la petición llegó incompleto", "bad_request"},
		{context.Canceled, 503, "petición cancelada", "internal"},
		{fmt.Errorf("search: %w", context.DeadlineExceeded), 503, "la búsqueda tardó demasiado; precise la consulta", "internal"},
		{errors.New("disk on fire"), 500, "error interno del servidor", "internal"},
	} {
		status, msg := statusOf(tt.err)
		want := tt.msg
		if want == "" {
			want = tt.err.Error()
		}
		if status != tt.status || msg != want {
			t.Errorf("statusOf(%v) = %d, %q; want %d, %q", tt.err, status, msg, tt.status, want)
		}
		if code := codeOf(tt.err, status); code != tt.code {
			t.Errorf("codeOf(%v) = %q, want %q", tt.err, code, tt.code)
		}
	}
}
