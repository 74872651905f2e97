// Command fidelity audits relatoria's extraction of every text, Markdown,
// HTML and PDF file under the given folders against an independent
// reference (see package audit) and prints a Markdown table per folder:
// files, reference words, word error over all of them and of the worst
// file, paragraph numbers kept as written.
//
//	go run ./internal/cmd/fidelity ../shared/corpora/* ../shared/seeds
//
// With -v it lists every file.
package main

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/ingest/audit"
	"github.com/relatoria/relatoria/ingest/ocr"
)

func main() {
	verbose := flag.Bool("v", false, "list every file")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("fidelity: ")
	lex, err := ocr.DefaultLexicon()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("| folder | files | words | word error | worst file | paragraph numbers kept |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	for _, dir := range flag.Args() {
		var total audit.Report
		files, worst, worstName := 0, 0.0, ""
		filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(path)) {
			case ".txt", ".md", ".html", ".htm", ".pdf":
			default:
				if filepath.Ext(path) != "" {
					return nil
				}
			}
			rep, err := check(path, lex)
			if err != nil {
				log.Printf("%s: %v", path, err)
				return nil
			}
			files++
			total.Add(rep)
			if e := rep.WordError(); e >= worst {
				worst, worstName = e, filepath.Base(path)
			}
			if *verbose {
				log.Printf("%s: %d words, error %.3f%%, numbers %d/%d", path, rep.RefWords, 100*rep.WordError(), rep.NumbersKept, rep.Numbers)
			}
			return nil
		})
		fmt.Printf("| %s | %d | %d | %.3f%% | %.3f%% (%s) | %d of %d (%.1f%%) |\n", dir, files, total.RefWords,
			100*total.WordError(), 100*worst, worstName, total.NumbersKept, total.Numbers, 100*total.NumbersRate())
	}
}

func check(path string, lex *ocr.Lexicon) (audit.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return audit.Report{}, err
	}
	ref, err := audit.Reference(context.Background(), path, data)
	if err != nil {
		return audit.Report{}, err
	}
	doc, err := ingest.Read(path, data, ingest.Options{})
	if err != nil {
		return audit.Report{}, err
	}
	return audit.Compare(ref, ingest.Printed(doc), audit.OptionsFor(doc, lex)), nil
}
