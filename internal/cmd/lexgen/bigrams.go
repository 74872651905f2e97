package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"log"
	"os"
	"sort"
	"strings"

	"github.com/relatoria/relatoria/ingest/ocr"
)

// bigramCounts counts lower-case words and pairs of adjacent words of
// clean text. Words on either side of sentence punctuation, brackets or a
// line break are not adjacent.
type bigramCounts struct {
	uni   map[string]int
	pairs map[[2]string]int
}

func newBigramCounts() *bigramCounts {
	return &bigramCounts{uni: map[string]int{}, pairs: map[[2]string]int{}}
}

// add counts the words and bigrams of text.
func (b *bigramCounts) add(text string) {
	segments := strings.FieldsFunc(text, func(r rune) bool {
		return strings.ContainsRune(".;:!?¡¿()[]{}\"«»“”\n|#*_^=<>/", r)
	})
	for _, seg := range segments {
		words := ocr.Words(strings.ToLower(seg))
		for i, w := range words {
			b.uni[w]++
			if i > 0 {
				b.pairs[[2]string{words[i-1], w}]++
			}
		}
	}
}

// minBigram is the least count a bigram must have to be kept: pairs seen
// once are mostly noise, and keeping them doubled the file.
const minBigram = 2

// write writes the model: "N\ttotal", then "word\tcount" for every word
// seen twice or more, then "first second\tcount" for every pair of such
// words seen minBigram times or more; gzipped.
func (b *bigramCounts) write(path string) {
	total := 0
	var words []string
	for w, n := range b.uni {
		total += n
		if n >= 2 {
			words = append(words, w)
		}
	}
	sort.Strings(words)
	var pairs []string
	for p, n := range b.pairs {
		if n >= minBigram && b.uni[p[0]] >= 2 && b.uni[p[1]] >= 2 {
			pairs = append(pairs, fmt.Sprintf("%s %s\t%d", p[0], p[1], n))
		}
	}
	sort.Strings(pairs)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	fmt.Fprintf(bw, "N\t%d\n", total)
	for _, w := range words {
		fmt.Fprintf(bw, "%s\t%d\n", w, b.uni[w])
	}
	for _, p := range pairs {
		fmt.Fprintln(bw, p)
	}
	bw.Flush()
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d words, %d bigrams (%d words of text), %d bytes", path, len(words), len(pairs), total, buf.Len())
}
