// Command scaneval measures relatoria on a set of scanned documents with
// their clean text: it ingests the scans (OCR and repair, as "relatoria
// ingest" does), reports the word error rate of the text against the clean
// text and the pages read per second, then indexes the scans and the clean
// texts in two indexes and runs the same known-item queries on both.
//
//	go run ./internal/cmd/scaneval -scans DIR/pdf -clean DIR/clean
//
// Each scan NAME.pdf (or .png, .jpg, .tif) has its clean text in
// CLEAN/NAME.txt, one paragraph a line, as shared/tools/ocr-damage
// make-pairs prints it; the word error rate is measured against that text
// read as relatoria reads a text file, so that list bullets and paragraph
// numbers, which both readings take as structure, do not count. A known-item query is the four longest distinct
// words of a clean paragraph of 12 words or more; it is found when a hit
// among the first 10 (and, reported apart, the first) is from the same
// document.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/ingest/ocr"
	"github.com/relatoria/relatoria/search"
)

func main() {
	scans := flag.String("scans", "", "folder of scanned documents")
	clean := flag.String("clean", "", "folder of their clean texts, NAME.txt")
	lang := flag.String("lang", "", "OCR language (default: from the document)")
	noRepair := flag.Bool("no-repair", false, "measure OCR without repair")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("scaneval: ")
	if *scans == "" || *clean == "" {
		log.Fatal("usage: scaneval -scans DIR -clean DIR")
	}
	ctx := context.Background()
	start := time.Now()
	var docs []*corpus.Document
	opt := ingest.Options{OCRLang: *lang, NoRepair: *noRepair}
	for doc, err := range ingest.Walk(ctx, []string{*scans}, opt, nil) {
		if err != nil {
			log.Printf("%v", err)
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
	elapsed := time.Since(start)
	pages := 0
	var errs, words, ferrs, fwords int
	var cleanDocs []*corpus.Document
	for _, d := range docs {
		name := strings.TrimSuffix(filepath.Base(d.Source), filepath.Ext(d.Source))
		ref, err := os.ReadFile(filepath.Join(*clean, name+".txt"))
		if err != nil {
			log.Fatal(err)
		}
		// The reference is the clean text read as relatoria reads a text
		// file (bullets and paragraph numbers taken as structure), so
		// that only what OCR and repair did is counted.
		cd, err := ingest.Read(filepath.Join("clean", name+".txt"), ref, ingest.Options{NoRepair: true})
		if err != nil {
			log.Fatal(err)
		}
		last := 0
		for _, p := range d.Paragraphs {
			last = max(last, p.Page)
		}
		pages += last
		want, got := strings.Fields(ingest.Printed(cd)), strings.Fields(ingest.Printed(d))
		e, n := ocr.WordErrors(want, got), len(want)
		fw := ocr.FoldWords(want)
		fe, fn := ocr.WordErrors(fw, ocr.FoldWords(got)), len(fw)
		errs, words, ferrs, fwords = errs+e, words+n, ferrs+fe, fwords+fn
		fmt.Printf("%-60.60s %2d pages  WER %.4f  folded %.4f\n", name, last, float64(e)/float64(n), float64(fe)/float64(fn))
		cleanDocs = append(cleanDocs, cd)
	}
	fmt.Printf("%d documents, %d pages in %.1f s: %.2f pages/s; WER %.4f, folded %.4f (%d words)\n",
		len(docs), pages, elapsed.Seconds(), float64(pages)/elapsed.Seconds(), float64(errs)/float64(words), float64(ferrs)/float64(fwords), words)
	knownItems(ctx, docs, cleanDocs)
}

// knownItems indexes both collections and runs a known-item query for each
// long clean paragraph on both.
func knownItems(ctx context.Context, scanned, clean []*corpus.Document) {
	sx, cx := mustIndex(ctx, scanned), mustIndex(ctx, clean)
	defer sx.Close()
	defer cx.Close()
	ss, cs := search.New(sx), search.New(cx)
	var queries, clean10, clean1, scan10, scan1 int
	for _, d := range clean {
		name := strings.TrimSuffix(filepath.Base(d.Source), ".txt")
		for _, p := range d.Paragraphs {
			q := knownItemQuery(p.Text)
			if q == "" {
				continue
			}
			queries++
			c1, c10 := found(ctx, cs, q, name)
			s1, s10 := found(ctx, ss, q, name)
			if c10 {
				clean10++
				if s10 {
					scan10++
				}
			}
			if c1 {
				clean1++
				if s1 {
					scan1++
				}
			}
		}
	}
	fmt.Printf("known-item search, %d queries: in the first 10, clean %d, scanned %d of those (%.1f%%); first hit, clean %d, scanned %d of those (%.1f%%)\n",
		queries, clean10, scan10, 100*float64(scan10)/float64(max(clean10, 1)), clean1, scan1, 100*float64(scan1)/float64(max(clean1, 1)))
}

func mustIndex(ctx context.Context, docs []*corpus.Document) *index.Index {
	ix, err := index.NewTemporary()
	if err != nil {
		log.Fatal(err)
	}
	if err := ix.Add(ctx, docs...); err != nil {
		log.Fatal(err)
	}
	return ix
}

// found reports whether the first hit, and a hit among the first 10, of q
// is from the document called name.
func found(ctx context.Context, s *search.Searcher, q, name string) (first, top10 bool) {
	res, err := s.Search(ctx, search.Request{Query: q, Size: 10})
	if err != nil {
		log.Fatalf("%q: %v", q, err)
	}
	for i, h := range res.Hits {
		if strings.TrimSuffix(filepath.Base(h.Source), filepath.Ext(h.Source)) == name {
			return i == 0, true
		}
	}
	return false, false
}

// knownItemQuery returns the four longest distinct words (of five letters
// or more) of a paragraph of 12 words or more, in their order, or "".
func knownItemQuery(text string) string {
	fields := strings.Fields(text)
	if len(fields) < 12 {
		return ""
	}
	type word struct {
		w   string
		pos int
	}
	var ws []word
	seen := map[string]bool{}
	for i, f := range fields {
		f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		if utf8.RuneCountInString(f) < 5 || seen[strings.ToLower(f)] || strings.IndexFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		seen[strings.ToLower(f)] = true
		ws = append(ws, word{f, i})
	}
	if len(ws) < 4 {
		return ""
	}
	slices.SortStableFunc(ws, func(a, b word) int { return cmp.Compare(utf8.RuneCountInString(b.w), utf8.RuneCountInString(a.w)) })
	ws = ws[:4]
	slices.SortFunc(ws, func(a, b word) int { return a.pos - b.pos })
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.w
	}
	return strings.Join(out, " ")
}
