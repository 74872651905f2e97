package search

import (
	"encoding/json"
	"io"
)

// WriteJSON writes v as indented JSON, without escaping <, > and &: the
// encoding of the CLI's -json and of the API.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
