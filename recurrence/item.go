package recurrence

import (
	"slices"
	"sort"
	"strconv"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/lineage"
)

// item is a paragraph being compared: its document, where that came, its
// keys, fingerprint, word pairs and signature, and the flag worked out.
type item struct {
	doc     string
	place   place
	ordinal int
	keys    []lineage.Key
	fp      uint64
	// pairs are the text's word pairs (narrowPairs of lineage.Shingles);
	// nil for a paragraph compared exactly.
	pairs []uint32
	sig   lineage.Signature
	flag  flag
}

// newItem sketches paragraph p of a document with the given ID and place.
// A paragraph of lineage.MinWords words or more that is not a heading gets
// lineage's keys, pairs and signature, and is compared by similarity; a
// shorter one, or a heading, one key made of its fingerprint, and is
// compared exactly (the same folded words); one without words, none.
func newItem(docID string, pl place, p *corpus.Paragraph) item {
	it := item{doc: docID, place: pl, ordinal: p.Ordinal}
	if p.Kind != corpus.Heading {
		sk := lineage.NewSketch(p.Text)
		if sk.Keys != nil {
			it.fp = sk.Fingerprint
			if pairs := narrowPairs(sk.Shingles); len(pairs) <= maxFilePairs {
				it.keys, it.pairs, it.sig = sk.Keys, pairs, sk.Signature
				return it
			}
		}
	}
	if it.fp == 0 {
		it.fp = lineage.Fingerprint(p.Text)
	}
	if it.fp != 0 {
		it.keys = []lineage.Key{exactKey(it.fp)}
	}
	return it
}

// exactKey is the one key of a paragraph compared exactly: the high bits
// of its fingerprint.
func exactKey(fp uint64) lineage.Key { return lineage.Key(fp >> 32) }

// match is a verified recurrence between two items.
type match struct {
	similarity float64
	identical  bool
}

// compare verifies a candidate: whether a and b, of different documents,
// have the same folded words (by fingerprint) or, both compared by
// similarity, signatures that agree enough (lineage.Plausible) and word
// pairs of lineage.Threshold Jaccard coefficient or more.
func compare(a, b *item) (match, bool) {
	if a.doc == b.doc {
		return match{}, false
	}
	if a.fp == b.fp && a.fp != 0 {
		return match{similarity: 1, identical: true}, true
	}
	if a.pairs == nil || b.pairs == nil || lineage.MaxJaccard(len(a.pairs), len(b.pairs)) < lineage.Threshold ||
		!lineage.Plausible(a.sig, b.sig) {
		return match{}, false
	}
	s := lineage.Jaccard(a.pairs, b.pairs)
	if s < lineage.Threshold {
		return match{}, false
	}
	return match{similarity: s, identical: s == 1}, true
}

func sharesKey(a, b []lineage.Key) bool {
	for _, k := range a {
		if slices.Contains(b, k) {
			return true
		}
	}
	return false
}

// ownFlag is the flag of an item of a document that is or is not placed,
// before any comparison: no (nothing recurs yet), or unknown when nothing
// says when its document came.
func ownFlag(pl *place) flag {
	if pl.placed() {
		return flagNo
	}
	return flagUnknown
}

// keyIndex is the keys of a list of items, sorted: each a key (the high
// 32 bits) and the position of an item that has it (the low 32). Sorting
// numbers is cheaper than filling a map of lists (a small list a key:
// that map had been a twentieth of lineage's cost).
type keyIndex []uint64

func newKeyIndex(items []*item) keyIndex {
	var x keyIndex
	for i, it := range items {
		for _, k := range it.keys {
			x = append(x, uint64(k)<<32|uint64(i))
		}
	}
	slices.Sort(x)
	return x
}

// find returns the entries of key k.
func (x keyIndex) find(k lineage.Key) keyIndex {
	i := sort.Search(len(x), func(i int) bool { return x[i]>>32 >= uint64(k) })
	j := i
	for j < len(x) && x[j]>>32 == uint64(k) {
		j++
	}
	return x[i:j]
}

// paragraphID returns the ID the index gives a paragraph (index.ParagraphID):
// "A/HRC/RES/51/34#25".
func paragraphID(docID string, ordinal int) string { return docID + "#" + strconv.Itoa(ordinal) }
