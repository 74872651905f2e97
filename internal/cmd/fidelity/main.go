// Command fidelity audits relatoria's extraction of every text, Markdown,
// HTML and PDF file under the given folders against an independent
// reference (see package audit) and prints a Markdown table per folder:
// files, reference words, words lost (as a bag, declared drops aside),
// word error over all of them and of the worst file, accent changes,
// paragraph numbers kept (counted in the reference).
//
//	go run ./internal/cmd/fidelity ../shared/corpora/* ../shared/seeds
//
// With -v it adds a table with a row per file: its producer (from a
// SOURCES.tsv beside it), words, words lost, word error, accent changes,
// glued and split words, paragraph numbers kept, the pages pdftotext reads
// that the extraction lacks (-pages; slower: pdftotext runs per page), and
// what the document knows of itself (T title, O body, F date, P country,
// K kind). With -holdout N, every Nth file of a folder by name, among its
// files of the same extension (in byte order: the 3rd, 6th, … PDF for 3),
// is held out of tuning and reported apart.
//
//	go run ./internal/cmd/fidelity -v -pages -holdout 3 ../shared/corpora/real-pdfs-dev
//
// With -producers, each folder holds PDFs named NAME.PRODUCER.pdf beside
// the NAME.txt they were made from (see
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
	"slices"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/ingest/audit"
	"github.com/relatoria/relatoria/ingest/ocr"
)

var (
	verbose   = flag.Bool("v", false, "a row per file")
	producers = flag.Bool("producers", false, "compare NAME.PRODUCER.pdf with NAME.txt, a row per producer")
	holdout   = flag.Int("holdout", 0, "hold out every Nth file of a folder by name, reported apart (0: none)")
	pages     = flag.Bool("pages", false, "check that every page pdftotext reads has text in the extraction")
	noRepair  = flag.Bool("no-repair", false, "read without OCR repair")
)

func main() {
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("fidelity: ")
	lex, err := ocr.DefaultLexicon()
	if err != nil {
		log.Fatal(err)
	}
	if *producers {
		fmt.Println("| producer | files | words | word error | worst file | paragraph numbers kept |")
		fmt.Println("| --- | --- | --- | --- | --- | --- |")
		byProducer(flag.Args(), lex)
		return
	}
	var rows []fileRow
	var summary []string
	for _, dir := range flag.Args() {
		files := list(dir)
		parts := map[bool][]fileRow{}
		nth := map[string]int{} // files seen so far, by extension
		for _, path := range files {
			ext := strings.ToLower(filepath.Ext(path))
			nth[ext]++
			r, err := check(path, lex)
			if err != nil {
				log.Printf("%s: %v", path, err)
				continue
			}
			r.heldOut = *holdout > 0 && nth[ext]%*holdout == 0
			parts[r.heldOut] = append(parts[r.heldOut], r)
			rows = append(rows, r)
		}
		for _, held := range []bool{false, true} {
			if held && *holdout == 0 {
				continue
			}
			name := dir
			if *holdout > 0 {
				name += map[bool]string{false: " (tuning)", true: " (held out)"}[held]
			}
			summary = append(summary, summarise(name, parts[held]))
		}
	}
	fmt.Println("| folder | files | words | words lost | word error | worst file | accents changed | paragraph numbers kept |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, s := range summary {
		fmt.Println(s)
	}
	if *verbose {
		fmt.Println()
		fmt.Println("| file | producer | words | lost | word error | accents | glued | split | numbers | pages lost | identity |")
		fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
		for _, r := range rows {
			name := r.name
			if r.heldOut {
				name += " (held out)"
			}
			fmt.Printf("| %s | %s | %d | %d (%.2f%%) | %.3f%% | %d | %d | %d | %d of %d | %s | %s |\n", name, r.producer, r.rep.RefWords,
				r.rep.LostWords, 100*lostRate(r.rep), 100*r.rep.WordError(), r.rep.Accents, len(r.rep.Glued), len(r.rep.Split),
				r.rep.NumbersKept, r.rep.Numbers, r.pages, r.identity)
		}
	}
}

// fileRow is the audit of one file.
type fileRow struct {
	name, producer string
	rep            audit.Report
	pages          string // pages pdftotext reads that the extraction lacks
	identity       string
	heldOut        bool
}

func lostRate(r audit.Report) float64 {
	if r.RefWords == 0 {
		return 0
	}
	return float64(r.LostWords) / float64(r.RefWords)
}

// summarise returns a summary row for rows.
func summarise(name string, rows []fileRow) string {
	var total audit.Report
	worst, worstName := 0.0, ""
	for _, r := range rows {
		total.Add(r.rep)
		if e := r.rep.WordError(); e >= worst {
			worst, worstName = e, r.name
		}
	}
	return fmt.Sprintf("| %s | %d | %d | %d (%.3f%%) | %.3f%% | %.3f%% (%s) | %d | %d of %d (%.1f%%) |", name, len(rows), total.RefWords,
		total.LostWords, 100*lostRate(total), 100*total.WordError(), 100*worst, worstName, total.Accents,
		total.NumbersKept, total.Numbers, 100*total.NumbersRate())
}

// list returns the files of dir that fidelity audits, sorted by path.
func list(dir string) []string {
	var files []string
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
		files = append(files, path)
		return nil
	})
	slices.Sort(files)
	return files
}

// byProducer prints a row per producer of the PDFs in dirs.
func byProducer(dirs []string, lex *ocr.Lexicon) {
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
			data, err := os.ReadFile(path)
			if err != nil {
				log.Printf("%s: %v", path, err)
				continue
			}
			doc, err := read(path, data)
			if err != nil {
				log.Printf("%s: %v", path, err)
				continue
			}
			rep := audit.Compare(string(src), ingest.Printed(doc), audit.OptionsFor(doc, lex))
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
			if *verbose {
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

func read(path string, data []byte) (*corpus.Document, error) {
	doc, err := ingest.Read(path, data, ingest.Options{NoRepair: *noRepair})
	if doc == nil {
		return nil, err
	}
	if err != nil {
		log.Printf("%v", err) // pages named as not read; the rest is audited
	}
	return doc, nil
}

func check(path string, lex *ocr.Lexicon) (fileRow, error) {
	r := fileRow{name: filepath.Base(path), producer: producerOf(path), pages: "—"}
	data, err := os.ReadFile(path)
	if err != nil {
		return r, err
	}
	ref, err := audit.Reference(context.Background(), path, data)
	if err != nil {
		return r, err
	}
	doc, err := read(path, data)
	if err != nil {
		return r, err
	}
	printed := ingest.Printed(doc)
	r.rep = audit.Compare(ref, printed, audit.OptionsFor(doc, lex))
	r.identity = identity(doc)
	if *pages && doc.Format == corpus.FormatPDF {
		named := map[int]bool{}
		for _, p := range doc.Pages {
			if p.How != "pdftotext" {
				named[p.Page] = true
			}
		}
		lost, err := audit.UnreadPages(context.Background(), data, printed, named)
		switch {
		case err != nil:
			r.pages = "error: " + err.Error()
		case len(lost) == 0:
			r.pages = "0"
		default:
			r.pages = fmt.Sprint(lost)
		}
	}
	if *verbose {
		log.Printf("%s: lost %q; accents %q; first differences %v", path, r.rep.LostList, r.rep.AccentChanges, r.rep.Diffs[:min(8, len(r.rep.Diffs))])
	}
	return r, nil
}

// identity says what a document knows of itself: T title, O body (its
// organ), F date, P country (país), K kind (other than "other"); "-" for
// each it lacks.
func identity(doc *corpus.Document) string {
	mark := func(ok bool, c string) string {
		if ok {
			return c
		}
		return "-"
	}
	return mark(doc.Title != "", "T") + mark(doc.Body != "", "O") + mark(!doc.Adopted.IsZero(), "F") +
		mark(doc.Country != "", "P") + mark(doc.Kind != corpus.KindOther && doc.Kind != "", "K")
}

// producerOf returns the producer a SOURCES.tsv beside path gives for it
// (its "producer" column), or "".
func producerOf(path string) string {
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), "SOURCES.tsv"))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	if len(lines) == 0 {
		return ""
	}
	col := slices.Index(strings.Split(lines[0], "\t"), "producer")
	for _, l := range lines[1:] {
		f := strings.Split(l, "\t")
		if len(f) > col && col >= 0 && f[0] == filepath.Base(path) {
			p := f[col]
			if i := strings.Index(p, ";"); i > 0 {
				p = p[:i] // "GPL Ghostscript 9.02; modified using iText…"
			}
			return strings.ReplaceAll(p, "|", "/")
		}
	}
	return ""
}
