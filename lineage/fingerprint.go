package lineage

// Fingerprint returns a 64-bit hash of text's folded words: two texts
// with the same words (Identical) have the same fingerprint, and two with
// different words almost surely differ. It is 0 for a text without words.
func Fingerprint(text string) uint64 {
	words := Words(text)
	if len(words) == 0 {
		return 0
	}
	h := uint64(14695981039346656037)
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			h ^= uint64(w[i])
			h *= 1099511628211
		}
		h ^= ' '
		h *= 1099511628211
	}
	return mix(h) | 1
}
