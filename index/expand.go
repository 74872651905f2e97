package index

import (
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
