// Command repaircheck counts the words that OCR repair changes in folders
// of documents, one folder a corpus: on born-digital text (a PDF with
// fonts, HTML, clean text) the count must be 0; on OCR output it is the
// repair's work. It reads each file as `relatoria ingest` does and prints,
// per corpus, the files, the words, the files taken for OCR output, and
// the words changed in the others, then each change with its file.
//
//	go run ./internal/cmd/repaircheck ../shared/corpora/real-pdfs-dev ../shared/corpora/cladem-dev \
//	    ../shared/corpora/udhr-es ../shared/corpora/un-pdfs-en ../shared/seeds
//
// It exits 1 when a born-digital file had a word changed.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
)

func main() {
	verbose := flag.Bool("v", false, "list every change, also in OCR output")
	stats := flag.Bool("stats", false, "print each file's OCR report (words, unknown, shaped, source) on stderr")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "uso: repaircheck [-v] CARPETA…")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	bad := false
	fmt.Printf("%-16s %6s %9s %5s %12s %12s\n", "corpus", "files", "words", "ocr", "born-digital", "OCR output")
	fmt.Printf("%-16s %6s %9s %5s %12s %12s\n", "", "", "", "", "changed", "changed")
	var lines []string
	for _, dir := range flag.Args() {
		var files, words, ocrFiles, changed, ocrChanged int
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".pdf", ".txt", ".md", ".html", ".htm":
			default:
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			doc, err := ingest.Read(path, data, ingest.Options{})
			if doc == nil {
				fmt.Fprintf(os.Stderr, "%v\n", err)
				return nil
			}
			files++
			if *stats && doc.OCR != nil {
				o := doc.OCR
				fmt.Fprintf(os.Stderr, "%s\twords %d\tunknown %d (%.1f%%)\tshaped %d (%.2f‰)\tsource %q\trepairs %d\n", path, o.Words, o.Unknown,
					100*float64(o.Unknown)/float64(max(o.Words, 1)), o.Shaped, 1000*float64(o.Shaped)/float64(max(o.Words, 1)), o.Source, o.Repairs)
			}
			n, reps := count(doc)
			words += n
			isOCR := doc.OCR != nil && doc.OCR.Source != ""
			if isOCR {
				ocrFiles++
				ocrChanged += len(reps)
			} else {
				changed += len(reps)
			}
			if !isOCR || *verbose {
				for _, r := range reps {
					lines = append(lines, fmt.Sprintf("%s: %q → %q", path, r.From, r.To))
				}
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if changed > 0 {
			bad = true
		}
		fmt.Printf("%-16s %6d %9d %5d %12d %12d\n", filepath.Base(dir), files, words, ocrFiles, changed, ocrChanged)
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	if bad {
		os.Exit(1)
	}
}

// count returns the words of a document's text and its repairs.
func count(doc *corpus.Document) (int, []corpus.Repair) {
	n := 0
	var reps []corpus.Repair
	for _, p := range doc.Paragraphs {
		n += len(strings.Fields(p.Text))
		reps = append(reps, p.Repairs...)
	}
	return n, reps
}
