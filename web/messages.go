package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/search"
)

// statusText is the Spanish name of an HTTP status, for the title of an
// error page.
func statusText(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "Consulta no válida"
	case http.StatusForbidden:
		return "No permitido"
	case http.StatusNotFound:
		return "No encontrado"
	case http.StatusMethodNotAllowed:
		return "Método no permitido"
	case http.StatusRequestEntityTooLarge:
		return "Petición demasiado grande"
	case http.StatusServiceUnavailable:
		return "Servicio no disponible"
	}
	if status >= 500 {
		return "Error del servidor"
	}
	return "Error"
}

// errorJSON is the body of an API error: the Spanish message in "error"
// (and "mensaje"), the status, a machine-readable "code" and, for a syntax
// error, the 1-based "position" of the offending character.
func errorJSON(err error, status int, msg string) map[string]any {
	out := map[string]any{"error": msg, "mensaje": msg, "status": status, "code": codeOf(err, status)}
	var se *query.SyntaxError
	if errors.As(err, &se) {
		out["position"] = se.Pos
	}
	var ae *search.AmbiguousError
	if errors.As(err, &ae) {
		// Each candidate with the reference and link that name it alone.
		var cs []map[string]any
		for i := range ae.Candidates {
			c := &ae.Candidates[i]
			cs = append(cs, map[string]any{"ref": c.Ref, "doc": c.Doc, "title": c.Title, "ordinal": c.Ordinal,
				"number": c.Number, "part": c.Part, "text": search.Truncate(c.Text, 200), "permalink": Permalink(c)})
		}
		out["candidates"] = cs
	}
	return out
}

// indexLabel describes an index in Spanish for the foot of a page:
// "índice formato 6, 3.987 párrafos".
func indexLabel(s Searcher) string {
	n, _ := s.IndexParagraphs()
	return fmt.Sprintf("formato %d, %s párrafos", index.FormatVersion, search.Thousands(n))
}
