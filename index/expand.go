package index

import (
	"errors"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// MaxExpansions is the most index terms one prefix ("coopera*") or fuzzy
// word ("didlogo~") may stand for in a shard. A wider word is refused
// before it is searched (see PrefixTerms); bleve refuses a disjunction
// of more terms than this too, whatever built it, so that no query can
// make a shard walk and score hundreds of thousands of terms.
const MaxExpansions = 4096

func init() {
	searcher.DisjunctionMaxClauseCount = MaxExpansions
}

// ErrTooManyTerms is the error (errors.Is) of a search that bleve refused
// because a word of it stood for more than MaxExpansions terms (a fuzzy
// word: a prefix is counted before, see PrefixTerms).
var ErrTooManyTerms = errors.New("una palabra de la consulta abarca demasiados términos")

// tooManyTerms returns err as ErrTooManyTerms when it is bleve's refusal
// of a disjunction of more than MaxExpansions clauses, else err. Bleve
// reports it only in text (searcher.tooManyClausesErr: "TooManyClauses
// over field…"), so this is the one place that reads an error's text: the
// rest of relatoria matches ErrTooManyTerms.
func tooManyTerms(err error) error {
	if err != nil && strings.Contains(err.Error(), "TooManyClauses") {
		return fmt.Errorf("%w: %v", ErrTooManyTerms, err)
	}
	return err
}

// PrefixTerms returns how many terms of field begin with prefix in the
// shard that has the most, counting no further than limit. A query
// expands a prefix into these terms.
func (ix *Index) PrefixTerms(field, prefix string, limit int) (int, error) {
	most := 0
	for _, b := range ix.shards {
		r, err := openSnapshot(b)
		if err != nil {
			return 0, err
		}
		n, err := countPrefix(r, field, prefix, limit)
		r.Close()
		if err != nil {
			return 0, err
		}
		most = max(most, n)
	}
	return most, nil
}

// countPrefix counts the terms of field that begin with prefix in r, no
// further than limit.
func countPrefix(r bindex.IndexReader, field, prefix string, limit int) (int, error) {
	d, err := r.FieldDictPrefix(field, []byte(prefix))
	if err != nil {
		return 0, err
	}
	defer d.Close()
	n := 0
	for n < limit {
		e, err := d.Next()
		if err != nil {
			return n, err
		}
		if e == nil {
			break
		}
		n++
	}
	return n, nil
}
