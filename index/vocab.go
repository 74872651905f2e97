package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// vocabulary is the set of terms of a field that few paragraphs have: the
// original field (the forms OCR repair changed) or the section field. A
// query looks for a word in such a field only when the term is there,
// which for most words of the original field it is not, and a clause that
// finds nothing still cost a tenth of a typical query.
type vocabulary struct {
	mu    sync.RWMutex
	terms map[string]bool
}

func (v *vocabulary) has(term string) bool {
	v.mu.RLock()
	defer v.mu.RUnlock()
	return v.terms[term]
}

func (v *vocabulary) add(terms ...string) {
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

// load reads the terms of field in each shard.
func (v *vocabulary) load(shards []bleve.Index, field string) error {
	for _, b := range shards {
		dict, err := b.FieldDict(field)
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

// HasSectionTerm reports whether some paragraph has term (a term of the
// Spanish analyzer) in its section field, the headings above it and the
// sentence that opens its list.
func (ix *Index) HasSectionTerm(term string) bool { return ix.section.has(term) }
