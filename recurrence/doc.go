// Package recurrence keeps the lineage of the paragraphs of an index:
// which paragraphs recur (the same or nearly the same words) in which
// other documents, and each paragraph's flag (corpus.Recurs), which the
// index stores for the filter recurre:. It uses package lineage's
// algorithm (folded words, MinHash sketches, word pairs) and knows the
// index only through the interface Index, so it is tested without bleve.
//
// # What recurs
//
// A paragraph of lineage.MinWords words or more that is not a heading has
// lineage's 8 locality-sensitive keys, its word pairs and a 24-byte
// signature; two such paragraphs of different documents recur when they
// share a key, their signatures agree (lineage.Plausible) and the Jaccard
// coefficient of their word pairs is lineage.Threshold or more (worked out
// on the high 32 bits of the pairs' hashes: the same but for collisions
// of about one pair in four billion). A shorter paragraph, or a heading
// ("Decides to remain seized of the matter.", "No se observan
// recomendaciones con perspectiva de género."), has one key, its
// fingerprint, and recurs where another has the same folded words.
//
// # The flag
//
// Which of two documents came first is read from the best evidence there
// is (Compare): their adoption dates, when both are known and do not
// overlap; else the numbers of their symbols when both are of one series
// (A/HRC/RES/50/9 before A/HRC/RES/51/34, S/RES/2771 (2025) before
// S/RES/2772 (2025), CEDAW/C/ARG/CO/6 before CEDAW/C/ARG/CO/7); else it is
// not known. A paragraph is
//
//   - yes (recurre:si) when it recurs in a document that came before its
//     own;
//   - else unknown (recurre:?) when its own document cannot be placed at
//     all (no date, no numbered symbol: an undated compilation), or it
//     recurs in a document whose order to its own is not known;
//   - else no (recurre:no): every document it recurs in came after.
//
// # Keeping the flags
//
// Link adds documents and returns the flags of the other paragraphs that
// change; Forget removes documents and does the same. Only the
// comparisons that can change a flag are made: with a paragraph of an
// earlier document while the item is not yet yes, with one of a document
// of unknown order while it is still no, with one of a later document
// while that one is not yet yes (a flag only rises, no → unknown → yes,
// as documents are added); candidates of earlier documents are compared
// most alike first, in waves, so the first recurrence found settles a
// flag; a look-up ends once its paragraph is yes if every document of the
// table came before it. A replaced or removed document's dependants (the
// yes and unknown paragraphs that recur in it) are worked out again. A
// look-up considers at most 1,000 paragraphs of the table, so the cost of
// adding a document does not grow without bound with the index.
// TestLinkerFlagsMatchDefinition holds every flag to the definition,
// worked out by brute force, over random calls, dates, symbols,
// replacements, deletions, saved and rebuilt tables.
//
// Linker is the coordinator: it links documents in the store, then writes
// them to the index with their flags, and the records of the other
// paragraphs whose flag changed in the same shard batches
// (recurrence.Index.Write). relatoria ingest adds a batch while ingest.Sync
// reads the next.
//
// # Files
//
// The store lives beside the index's shards:
//
//	DIR/lineage.gob        the table (savedTable, gob): every live document's ID, date and
//	                       symbol; every paragraph's document, ordinal, fingerprint,
//	                       signature, flag and where its pairs are; the keys, one sorted
//	                       run; and the index's generation when it was saved
//	DIR/lineage-pairs.bin  the word pairs of each paragraph compared by similarity, 4 bytes
//	                       a pair, appended as paragraphs are added (pairs.go)
//
// In memory the table is sorted runs of (key, paragraph) merged as they
// grow, 8 bytes a key and 48 a paragraph, and a cache of recently used
// word pairs (two generations of 32 MB). The table is saved when the
// Linker is closed, with the index's generation; a table of another
// generation (the process stopped before closing, lineage was off, the
// index was written without the Linker), of another version, or whose
// pairs the file lacks is not trusted: it is built again from every
// document of the index on first use (Rebuild), which also writes every
// flag that differs from the definition.
package recurrence
