// Package lineage finds where the same words recur: paragraphs that are
// identical or nearly so in two documents, the alignment of two documents
// paragraph by paragraph (what a diff of two resolutions shows), and the
// word-level changes inside a paragraph that was changed.
//
// Text is compared after folding: lower case, accents removed, punctuation
// and paragraph numbering ignored, so that "Decide seguir ocupándose de la
// cuestión;" and "decide seguir ocupandose de la cuestion." are the same
// words, and so are a paragraph as OCR damaged it and as repair mended it
// (callers compare the repaired Text).
//
// Two measures are used. Similarity, for near-duplicates across an index,
// is the Jaccard coefficient of the two paragraphs' sets of word pairs
// (bigrams): 1 for the same words in the same order, about 0.8 when two
// words of sixty changed. Signature gives each paragraph a MinHash
// signature whose Bands are locality-sensitive hash keys: two paragraphs
// of similarity s share at least one band with probability
// 1-(1-s^3)^Bands (0.66 at s=0.5, 0.96 at 0.7, 0.997 at 0.8), so only
// paragraphs sharing a band need comparing, and of those only the ones
// whose 24-byte signatures agree enough (Plausible) need their text read.
//
// Align pairs the paragraphs of two documents: in order first (a weighted
// longest common subsequence over word-set similarity), then paragraphs
// that moved; what is left is new or removed. Words diffs two paragraphs
// word by word.
//
// The package imports only corpus and the standard library.
package lineage
