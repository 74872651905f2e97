// Package ocr repairs OCR damage in Spanish text. It is a noisy-channel
// corrector: for a word that is not in the lexicon, it generates the words
// that OCR could have damaged into it, using a confusion model learned from
// real Tesseract output beside its clean text (ó read as "é", "d" or "6", ñ
// as "fi", l as "I", á as "&", accents dropped…), and picks the one that is
// most probable given its frequency in clean human-rights Spanish and the
// probability of the damage. It corrects only when that evidence clearly
// beats leaving the word alone, and never touches numbers, symbols, acronyms
// or words it knows.
//
// The lexicon (every form of the hunspell es_ES dictionary, the wspanish
// list and frequent words of clean domain text, with frequencies) and the
// confusion table are built at development time by internal/cmd/lexgen and
// embedded; loading costs one decompression and no per-word allocation.
package ocr
