package web

import (
	"testing"

	"github.com/relatoria/relatoria/search"
)

// TestAppliedText checks the page's sentence of what a query did, the
// acronyms' part included (search's TestAcronyms checks which acronyms a
// query expands).
func TestAppliedText(t *testing.T) {
	for _, tt := range []struct {
		applied search.Applied
		want    string
	}{
		{search.Applied{}, ""},
		{search.Applied{Folding: true, Stemming: true}, "Búsqueda sin distinguir tildes ni mayúsculas, singular y plural."},
		{search.Applied{StopWords: []string{"de"}}, "Palabras demasiado comunes, no buscadas: de."},
		{search.Applied{Prefix: true, Acronyms: map[string][]string{"CAT": {"Comité contra la Tortura"}}},
			"Búsqueda por prefijo (*). CAT también busca «Comité contra la Tortura»."},
	} {
		if got := appliedText(tt.applied); got != tt.want {
			t.Errorf("appliedText(%+v) = %q, want %q", tt.applied, got, tt.want)
		}
	}
}
