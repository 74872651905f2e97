// Package spanish is relatoria's text contract: the rules by which every
// other package reads Spanish text, in one place so that ingest, OCR
// repair, entity extraction, the index, lineage and search agree.
//
//   - Normalize is what a paragraph's Text goes through at ingest, and what
//     search applies to a query: valid UTF-8, NFC, ligatures expanded,
//     invisible characters dropped, unusual spaces made plain, runs of
//     white space collapsed to one space. Ordinal indicators ("1.º",
//     "44ª") are kept, which NFKC would not do.
//   - Fold removes diacritics: "Periódico" → "Periodico", "niñas" →
//     "ninas", and any combining mark, in any script ("й" → "и"). It keeps
//     case; FoldLower lower-cases too. The index's Spanish terms are
//     folded by Fold, so a change to it is a change of the index format.
//   - FoldRune and StripSpanishAccents are narrower folds, kept as named
//     options for the callers whose stored data or measured behaviour
//     depends on them (lineage word hashes, the OCR repairer): FoldRune
//     folds only the precomposed Latin-1 letters of the table, and
//     StripSpanishAccents only the marks of Spanish spelling (á é í ó ú ü
//     ñ), so that an OCR "à" for "á" stays visible.
//   - A word is a run of letters and digits (IsWordRune; Spans finds the
//     runs); IsDigits says whether a string is all ASCII digits. The
//     index's tokenizer keeps its own, wider rules (Unicode word
//     segmentation: "l'ONU", "3.5" are one word), which are part of the
//     index format.
//   - Distance and WithinEdits are the Levenshtein edit distance, over any
//     sequence (runes of a word, words of a text).
//
// The package imports only the standard library and golang.org/x/text, so
// that any package of relatoria (but corpus, which imports only the
// standard library) may import it without pulling in a reader of PDF or
// HTML.
package spanish
