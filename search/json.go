package search

import (
	"io"

	jsonv1 "github.com/go-json-experiment/json/v1"
)

// WriteJSON writes v as indented JSON, without escaping <, > and &: the
// encoding of the CLI's -json and of the API.
func WriteJSON(w io.Writer, v any) error {
	enc := jsonv1.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
