package search

import (
	"errors"
	"testing"
)

func TestOnlyStopWords(t *testing.T) {
	s := New(mustSampleIndex(t))
	for _, q := range []string{"de", "de la", "de OR la", "'de'", "'de la'", `"de la"`, `derechos "de la"`} {
		_, err := s.Search(t.Context(), Request{Query: q})
		var be *BadQueryError
		if !errors.As(err, &be) {
			t.Errorf("Search(%q) = %v, want a BadQueryError", q, err)
		}
	}
	res, err := s.Search(t.Context(), Request{Query: "'derechos de las mujeres'"})
	if err != nil || res.Total == 0 {
		t.Errorf("literal phrase with stop words: %v %v", res, err)
	}
}
