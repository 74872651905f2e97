package lineage

// Fingerprint returns a 64-bit hash of text's folded words: two texts
// with the same words (Identical) have the same fingerprint, and two with
// different words almost surely differ. It is 0 for a text without words.
func Fingerprint(text string) uint64 { return fingerprint(wordHashes(text)) }

// fingerprint combines word hashes in order.
func fingerprint(words []uint64) uint64 {
	if len(words) == 0 {
		return 0
	}
	h := uint64(14695981039346656037)
	for _, w := range words {
		h = mix(h ^ w)
	}
	return h | 1
}
