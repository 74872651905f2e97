package lineage

import (
	"cmp"
	"slices"
)

// hashString is FNV-1a over s, 64 bits: stable across processes, unlike
// maphash.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Shingles returns the sorted, distinct hashes of the word pairs of words
// (of the single word, for a paragraph of one word).
func Shingles(words []string) []uint64 {
	if len(words) == 0 {
		return nil
	}
	hs := make([]uint64, len(words))
	for i, w := range words {
		hs[i] = hashString(w)
	}
	return shinglesOf(hs)
}

// shinglesOf returns the sorted, distinct hashes of the pairs of
// consecutive word hashes (the one hash, for one word), written over hs.
func shinglesOf(hs []uint64) []uint64 {
	if len(hs) == 1 {
		return hs
	}
	for i := 1; i < len(hs); i++ {
		hs[i-1] = mix(hs[i-1]*31 + hs[i])
	}
	out := hs[:len(hs)-1]
	slices.Sort(out)
	return slices.Compact(out)
}

// WordSet returns the sorted, distinct hashes of words.
func WordSet(words []string) []uint64 {
	out := make([]uint64, len(words))
	for i, w := range words {
		out[i] = hashString(w)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// intersect returns the size of the intersection of two sorted sets.
func intersect[T cmp.Ordered](a, b []T) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Jaccard returns |a∩b| / |a∪b| of two sorted sets, 0 when both are empty.
func Jaccard[T cmp.Ordered](a, b []T) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	n := intersect(a, b)
	return float64(n) / float64(len(a)+len(b)-n)
}

// MaxJaccard returns the largest Jaccard coefficient two sets of a and
// b elements can have, min(a, b) / max(a, b) (0 when either is empty): a
// test of sizes alone that spares comparing sets too unequal to reach a
// threshold.
func MaxJaccard(a, b int) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	return float64(min(a, b)) / float64(max(a, b))
}

// Dice returns 2|a∩b| / (|a|+|b|) of two sorted sets, 0 when both are
// empty.
func Dice(a, b []uint64) float64 {
	if len(a)+len(b) == 0 {
		return 0
	}
	return 2 * float64(intersect(a, b)) / float64(len(a)+len(b))
}

// Similarity returns the similarity of two paragraphs' texts: the Jaccard
// coefficient of their word pairs, after folding. It is 1 for texts whose
// folded words are the same.
func Similarity(a, b string) float64 {
	wa, wb := Words(a), Words(b)
	if slices.Equal(wa, wb) {
		if len(wa) == 0 {
			return 0
		}
		return 1
	}
	return Jaccard(Shingles(wa), Shingles(wb))
}

// Identical reports whether two texts have the same folded words: they
// differ at most in case, accents, punctuation and numbering.
func Identical(a, b string) bool {
	wa := Words(a)
	return len(wa) > 0 && slices.Equal(wa, Words(b))
}

// mix is the finaliser of SplitMix64: it spreads the bits of x.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
