// Command lexgen builds the data that OCR repair embeds: the Spanish lexicon
// with domain word frequencies (ingest/ocr/data/es.txt.gz) and the OCR
// confusion model learned from pairs of clean text and OCR output
// (ingest/ocr/data/confusions.tsv). It runs at development time, from the
// project's shared folder; its output is committed.
//
//	go run ./internal/cmd/lexgen -shared ../shared
//
// Sources (licences in ingest/ocr/data/SOURCE.md):
//   - every form of the hunspell es_ES dictionary, expanded with unmunch
//     (Debian package hunspell-tools), MPL-1.1 of the tri-licence;
//   - the Debian wspanish word list (public domain);
//   - word counts of clean Spanish human-rights text (the shared corpora:
//     CLADEM treaty-body findings, UN parallel corpus sentences, UDHR, SDG
//     wording), the domain prior;
//   - the OpenSubtitles 2018 frequency list (CC BY-SA 4.0), a general prior.
//
// Confusions are learned only from the cladem-dev pairs; the seeds pairs
// are kept for measuring.
//
// It also builds the word bigram model the repair reads context with
// (ingest/ocr/data/bigrams.txt.gz) from the same clean domain text.
//
// The CLADEM documents of the held-out countries (-holdout: Ecuador,
// El Salvador and Nicaragua, files 2005-*, 2006-* and 2010-*) are left out
// of every count, so that OCR pairs made from them measure the repair on
// text it has never seen.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/relatoria/relatoria/ingest/ocr"
)

func main() {
	shared := flag.String("shared", "../shared", "the project's shared folder")
	out := flag.String("o", "ingest/ocr/data", "output folder")
	holdout := flag.String("holdout", "2005-*,2006-*,2010-*", "comma-separated name patterns of cladem-dev files to leave out")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("lexgen: ")

	forms := hunspellForms(filepath.Join(*shared, "lexicon"))
	log.Printf("%d hunspell forms", len(forms))
	lex := map[string]float64{}
	for _, f := range forms {
		lex[f] = 0
	}
	for _, w := range readLines(filepath.Join(*shared, "lexicon", "debian-wspanish.txt")) {
		lex[w] = 0
	}

	// Domain counts from clean text.
	corpus := map[string]int{}
	total := 0
	var files []string
	for _, pat := range []string{"corpora/cladem-dev/*.md", "corpora/unpc-devset-es/*.es", "corpora/udhr-es/*.html", "corpora/sdg-official-es/*.yml"} {
		m, _ := filepath.Glob(filepath.Join(*shared, pat))
		files = append(files, m...)
	}
	files = slices.DeleteFunc(files, func(f string) bool {
		for _, pat := range strings.Split(*holdout, ",") {
			if ok, _ := filepath.Match(pat, filepath.Base(f)); ok && strings.Contains(f, "cladem-dev") {
				return true
			}
		}
		return false
	})
	bigrams := newBigramCounts()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		bigrams.add(string(data))
		for _, w := range ocr.Words(string(data)) {
			corpus[w]++
			if lw := strings.ToLower(w); lw != w {
				corpus[lw]++
			}
			total++
		}
	}
	log.Printf("%d words of clean domain text in %d files", total, len(files))
	// General counts.
	subs := map[string]int{}
	subTotal := 0
	for _, l := range readLines(filepath.Join(*shared, "lexicon", "es_50k.txt")) {
		f := strings.Fields(l)
		if len(f) != 2 {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		subs[f[0]] = n
		subTotal += n
	}
	// A word seen often in clean domain text is a word, even when the
	// dictionaries lack it (acronyms aside: they are never corrected).
	added := 0
	for w, n := range corpus {
		if _, ok := lex[w]; !ok && n >= 5 && isWord(w) && known(lex, w) == "" {
			lex[w] = 0
			added++
		}
	}
	log.Printf("%d domain words added", added)
	// Frequencies per billion words: domain counts weigh 4, general 1.
	for w := range lex {
		c := float64(corpus[w]) / float64(total)
		s := float64(subs[w]) / float64(subTotal)
		if c == 0 && s == 0 {
			// Case-insensitive fallback: "Estados" counted as "estados".
			lw := strings.ToLower(w)
			c = float64(corpus[lw]) / float64(total) / 4
			s = float64(subs[lw]) / float64(subTotal) / 4
		}
		lex[w] = (4*c + s) / 5 * 1e9
	}
	writeLexicon(filepath.Join(*out, "es.txt.gz"), lex)
	bigrams.write(filepath.Join(*out, "bigrams.txt.gz"))

	conf := learnConfusions(filepath.Join(*shared, "ocr-pairs", "cladem-dev"), lex)
	writeConfusions(filepath.Join(*out, "confusions.tsv"), conf)
}

func known(lex map[string]float64, w string) string {
	if _, ok := lex[w]; ok {
		return w
	}
	if _, ok := lex[strings.ToLower(w)]; ok {
		return strings.ToLower(w)
	}
	return ""
}

func isWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return len(w) > 1
}

func hunspellForms(dir string) []string {
	cmd := exec.Command("unmunch", filepath.Join(dir, "es_ES.dic"), filepath.Join(dir, "es_ES.aff"))
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("unmunch (apt-get install hunspell-tools): %v", err)
	}
	var forms []string
	for _, l := range strings.Split(string(out), "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.ContainsAny(l, "/ ") {
			forms = append(forms, l)
		}
	}
	return forms
}

func readLines(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(data)), "\n")
}

func writeLexicon(path string, lex map[string]float64) {
	words := make([]string, 0, len(lex))
	for w := range lex {
		words = append(words, w)
	}
	sort.Strings(words)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	bw := bufio.NewWriter(zw)
	for _, w := range words {
		f := lex[w]
		if f >= 0.5 {
			fmt.Fprintf(bw, "%s\t%d\n", w, int64(math.Round(f)))
		} else {
			fmt.Fprintf(bw, "%s\n", w)
		}
	}
	bw.Flush()
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d words, %d bytes", path, len(words), buf.Len())
}

// learnConfusions aligns the words of each clean text with those of its
// English-model OCR output and counts the character edits that turned one
// into the other. The weight of an edit x→y is P(x | y in an unknown word):
// among the OCR words that are not Spanish words and contain y, how often
// y stood for x. That is the question the repairer asks of a word it does
// not know.
func learnConfusions(dir string, lex map[string]float64) map[[2]string]*ocr.Confusion {
	cleans, _ := filepath.Glob(filepath.Join(dir, "*.clean.txt"))
	edits := map[[2]string]int{}
	var unknownOCR []string
	pairs := 0
	for _, cf := range cleans {
		of := strings.TrimSuffix(cf, ".clean.txt") + ".ocr-eng.txt"
		c, err1 := os.ReadFile(cf)
		o, err2 := os.ReadFile(of)
		if err1 != nil || err2 != nil {
			continue
		}
		cw, ow := strings.Fields(string(c)), strings.Fields(string(o))
		for _, w := range ow {
			w = strings.Trim(w, ".,;:()[]«»“”\"'¿?¡!")
			if w != "" && known(lex, w) == "" {
				unknownOCR = append(unknownOCR, w)
			}
		}
		for _, p := range ocr.AlignWords(cw, ow) {
			if p[0] == p[1] {
				continue
			}
			pairs++
			for _, e := range ocr.CharEdits(p[0], p[1]) {
				edits[e]++
			}
		}
	}
	log.Printf("%d differing word pairs in %d documents", pairs, len(cleans))
	conf := map[[2]string]*ocr.Confusion{}
	for e, n := range edits {
		if n < 2 || e[0] == "" || e[1] == "" {
			continue
		}
		base := 0
		for _, w := range unknownOCR {
			base += strings.Count(w, e[1])
		}
		p := float64(n) / float64(max(base, n)+1)
		conf[e] = &ocr.Confusion{Clean: e[0], OCR: e[1], Count: n, LogP: math.Log(p)}
	}
	return conf
}

func writeConfusions(path string, conf map[[2]string]*ocr.Confusion) {
	var list []*ocr.Confusion
	for _, c := range conf {
		list = append(list, c)
	}
	slices.SortFunc(list, func(a, b *ocr.Confusion) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Clean+a.OCR, b.Clean+b.OCR)
	})
	var b strings.Builder
	b.WriteString("# clean\tocr\tcount\tlogp — learned by internal/cmd/lexgen from ocr-pairs/cladem-dev (English-model Tesseract)\n")
	for _, c := range list {
		fmt.Fprintf(&b, "%s\t%s\t%d\t%.4f\n", c.Clean, c.OCR, c.Count, c.LogP)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d confusions", path, len(list))
}
