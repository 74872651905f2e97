// Command fidelity audits relatoria's extraction of every text, Markdown,
// HTML and PDF file under the given folders against an independent
// reference (see package audit) and prints a Markdown table per folder:
// files, reference words, word error over all of them and of the worst
// file, paragraph numbers kept as written.
//
//	go run ./internal/cmd/fidelity ../shared/corpora/* ../shared/seeds
//
// With -v it lists every file. With -producers, each folder holds PDFs
// named NAME.PRODUCER.pdf beside the NAME.txt they were made from (see
// ingest/audit/testdata/producers/make.sh): each PDF is compared with its
// text, and the table has a row per producer.
//
//	go run ./internal/cmd/fidelity -producers ingest/audit/testdata/producers
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
	producers := flag.Bool("producers", false, "compare NAME.PRODUCER.pdf with NAME.txt, a row per producer")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("fidelity: ")
	lex, err := ocr.DefaultLexicon()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("| folder | files | words | word error | worst file | paragraph numbers kept |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	if *producers {
		byProducer(flag.Args(), lex, *verbose)
		return
	}
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

// byProducer prints a row per producer of the PDFs in dirs.
func byProducer(dirs []string, lex *ocr.Lexicon, verbose bool) {
	type row struct {
		total     audit.Report
		files     int
		worst     float64
		worstName string
	}
	rows := map[string]*row{}
	var names []string
	for _, dir := range dirs {
		pdfs, _ := filepath.Glob(filepath.Join(dir, "*.*.pdf"))
		for _, path := range pdfs {
			parts := strings.Split(filepath.Base(path), ".")
			src, err := os.ReadFile(filepath.Join(dir, parts[0]+".txt"))
			if err != nil {
				log.Printf("%s: no source text: %v", path, err)
				continue
			}
			rep, err := checkAgainst(path, string(src), lex)
			if err != nil {
				log.Printf("%s: %v", path, err)
				continue
			}
			r := rows[parts[1]]
			if r == nil {
				r = &row{}
				rows[parts[1]] = r
				names = append(names, parts[1])
			}
			r.files++
			r.total.Add(rep)
			if e := rep.WordError(); e >= r.worst {
				r.worst, r.worstName = e, filepath.Base(path)
			}
			if verbose {
				log.Printf("%s: %d words, error %.3f%%, numbers %d/%d %v", path, rep.RefWords, 100*rep.WordError(), rep.NumbersKept, rep.Numbers, rep.Diffs)
			}
		}
	}
	for _, name := range names {
		r := rows[name]
		fmt.Printf("| %s | %d | %d | %.3f%% | %.3f%% (%s) | %d of %d (%.1f%%) |\n", name, r.files, r.total.RefWords,
			100*r.total.WordError(), 100*r.worst, r.worstName, r.total.NumbersKept, r.total.Numbers, 100*r.total.NumbersRate())
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
	return compare(path, data, ref, lex)
}

func checkAgainst(path, ref string, lex *ocr.Lexicon) (audit.Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return audit.Report{}, err
	}
	return compare(path, data, ref, lex)
}

func compare(path string, data []byte, ref string, lex *ocr.Lexicon) (audit.Report, error) {
	doc, err := ingest.Read(path, data, ingest.Options{})
	if err != nil {
		return audit.Report{}, err
	}
	return audit.Compare(ref, ingest.Printed(doc), audit.OptionsFor(doc, lex)), nil
}
