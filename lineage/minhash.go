package lineage

import "encoding/binary"

// Bands is the number of locality-sensitive keys of a signature, Rows the
// MinHash values each covers. With 8 bands of 3 rows, two paragraphs of
// similarity 0.5 share a key with probability 0.66, of 0.7 with 0.96, of
// 0.8 with 0.997, of 0.3 with 0.19 (candidates that comparison rejects).
const (
	Bands = 8
	Rows  = 3
)

// MinWords is the fewest words a paragraph must have to be given
// signature keys: shorter ones ("Decide seguir ocupándose de la
// cuestión.", "El Consejo de Derechos Humanos,") recur everywhere and are
// formula, not language worth tracing.
const MinWords = 8

// Threshold is the least Similarity of two paragraphs counted as a
// recurrence.
const Threshold = 0.5

// Key is a locality-sensitive key of a paragraph: FNV-1a (32 bits) of
// five bytes, the band ('0'…'7') and 32 bits of the hash of its rows'
// minima. Keys are stable across processes and versions of this package
// (indexes store them); changing Bands, Rows or the hashing means
// rebuilding the lineage of an index.
type Key uint32

// Keys returns the locality-sensitive keys of a paragraph's text, Bands of
// them, or nil when it has fewer than MinWords words. Paragraphs that
// share a key are candidates for comparison with Similarity.
func Keys(text string) []Key { return NewSketch(text).Keys }

// Sketch is what lineage keeps of a paragraph's text to find and compare
// its recurrences: its Keys, its word pairs (Shingles, for Jaccard) and
// its Fingerprint. A text of fewer than MinWords words has none.
type Sketch struct {
	Keys        []Key
	Shingles    []uint64
	Fingerprint uint64
	// Signature is the low byte of each MinHash value: a 24-byte summary
	// from which Plausible estimates similarity without the text.
	Signature Signature
}

// Signature holds the low byte of each of a text's Bands×Rows MinHash
// values ("b-bit minwise hashing", b = 8).
type Signature [Bands * Rows]uint8

// minMatches is the least number of equal bytes of two signatures for
// Plausible to keep a pair. Paragraphs that share a key agree on its
// Rows values at least; of the other 21, a pair of similarity 0.5 agrees
// on 10.5 on average and on fewer than 6 with probability 0.013 (0.0005
// at 0.6), a pair of similarity 0.25 on 5.3 (kept with probability 0.37),
// of 0.15 on 3.2 (0.08).
const minMatches = Rows + 6

// Plausible reports whether two texts whose keys meet may have a
// Similarity of Threshold or more, judged from their signatures: a cheap
// test that spares reading the text of most candidates that share a key
// by chance. It is part of the definition of a recurrence: a pair it
// rejects is not one.
func Plausible(a, b Signature) bool {
	return PlausibleMatches(Matches(a, b))
}

// PlausibleMatches is Plausible of two signatures that agree on n values.
func PlausibleMatches(n int) bool { return n >= minMatches }

// Matches returns the number of values on which two signatures agree: the
// more, the more similar the texts are likely to be.
func Matches(a, b Signature) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}

// WordPairs returns what comparing text with Similarity needs of it: its
// word pairs (as Shingles) and its Fingerprint, without the MinHash
// signature (the costly part of a sketch). Both are nil and 0 for a text
// of fewer than MinWords words, as in NewSketch.
func WordPairs(text string) ([]uint64, uint64) {
	words := wordHashes(text)
	if len(words) < MinWords {
		return nil, 0
	}
	fp := fingerprint(words) // before shinglesOf writes over words
	return shinglesOf(words), fp
}

// NewSketch sketches text, reading its words once.
func NewSketch(text string) Sketch {
	words := wordHashes(text)
	if len(words) < MinWords {
		return Sketch{}
	}
	fp := fingerprint(words) // before shinglesOf writes over words
	sh := shinglesOf(words)
	var mins [Bands * Rows]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	for _, s := range sh {
		for i := range mins {
			// A family of hash functions over the (already mixed)
			// shingle: multiply-xorshift with a different seed each,
			// half the cost of a SplitMix64 round.
			h := (s ^ seeds[i]) * 0x9e3779b97f4a7c15
			h ^= h >> 29
			if h < mins[i] {
				mins[i] = h
			}
		}
	}
	keys := make([]Key, Bands)
	var buf [8 * Rows]byte
	for b := range Bands {
		for r := range Rows {
			binary.LittleEndian.PutUint64(buf[8*r:], mins[b*Rows+r])
		}
		h := hashBytes(buf[:])
		keys[b] = keyOf(byte('0'+b), uint32(h>>32))
	}
	var sig Signature
	for i, m := range mins {
		sig[i] = uint8(m)
	}
	return Sketch{Keys: keys, Shingles: sh, Fingerprint: fp, Signature: sig}
}

// keyOf is the Key of a band and the high 32 bits of its rows' hash:
// FNV-1a (32 bits) of the band's byte and those bits, high byte first
// (the bytes of the five-byte text keys of index version 2).
func keyOf(band byte, h uint32) Key {
	k := uint32(2166136261)
	for _, c := range [5]byte{band, byte(h >> 24), byte(h >> 16), byte(h >> 8), byte(h)} {
		k ^= uint32(c)
		k *= 16777619
	}
	return Key(k)
}

// hashBytes is FNV-1a over b, finished by mix.
func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return mix(h)
}

// seeds are the seeds of the MinHash hash family: SplitMix64 of 1…24.
var seeds = func() (out [Bands * Rows]uint64) {
	for i := range out {
		out[i] = mix(uint64(i+1) * 0x9e3779b97f4a7c15)
	}
	return out
}()
