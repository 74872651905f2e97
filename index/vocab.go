package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// originalVocabulary is the set of terms of the original field (the forms
// OCR repair changed): a query looks for a word in that field only when
// the term is there, which for most words it is not, and a clause that
// finds nothing still cost a tenth of a typical query.
type originalVocabulary struct {
	mu    sync.RWMutex
	terms map[string]bool
}

func (v *originalVocabulary) has(term string) bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.terms[term]
}

func (v *originalVocabulary) add(terms ...string) {
	if len(terms) == 0 {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.terms == nil {
		v.terms = map[string]bool{}
	}
	for _, t := range terms {
		v.terms[t] = true
	}
}

// load reads the terms of the original field of each shard.
func (v *originalVocabulary) load(shards []bleve.Index) error {
	for _, b := range shards {
		dict, err := b.FieldDict(FieldOriginal)
		if err != nil {
			return err
		}
		var terms []string
		for {
			e, err := dict.Next()
			if err != nil {
				dict.Close()
				return err
			}
			if e == nil {
				break
			}
			terms = append(terms, e.Term)
		}
		dict.Close()
		v.add(terms...)
	}
	return nil
}

// HasOriginalTerm reports whether some paragraph has term (a term of the
// Spanish analyzer) in its original field, the forms OCR repair changed.
// Deleting documents leaves their terms in the set, which only costs a
// clause that finds nothing.
func (ix *Index) HasOriginalTerm(term string) bool { return ix.original.has(term) }
