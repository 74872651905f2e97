package audit_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/ingest/audit"
	"github.com/relatoria/relatoria/ingest/ocr"
)

// producerSource returns the text a PDF of testdata/producers was made
// from (NAME.PRODUCER.pdf from NAME.txt, by make.sh there).
func producerSource(path string) (string, bool) {
	if filepath.Base(filepath.Dir(path)) != "producers" || filepath.Ext(path) != ".pdf" {
		return "", false
	}
	name, _, _ := strings.Cut(filepath.Base(path), ".")
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), name+".txt"))
	return string(b), err == nil
}

// TestProducerSet checks that the producer set holds PDFs of at least four
// producers, each made from a source text beside it.
func TestProducerSet(t *testing.T) {
	pdfs, _ := filepath.Glob("testdata/producers/*.pdf")
	producers := map[string]bool{}
	for _, f := range pdfs {
		parts := strings.Split(filepath.Base(f), ".")
		if len(parts) != 3 {
			t.Errorf("%s: not named NAME.PRODUCER.pdf", f)
			continue
		}
		producers[parts[1]] = true
		if _, ok := producerSource(f); !ok {
			t.Errorf("%s: no source text %s.txt", f, parts[0])
		}
	}
	if len(producers) < 4 {
		t.Errorf("producers %v, want at least 4", producers)
	}
}

// Targets every file of the project's test documents must meet: at most
// 0.5% folded word error against the independent reference (numbers
// included), at least 99% of the paragraph numbers kept as written.
const (
	maxWordError  = 0.005
	minNumberRate = 0.99
	// No file loses more than 15 words of the reference and 0.5% of
	// them (as a bag: order aside, declared drops aside).
	maxLostWords = 15
	maxLostRate  = 0.005
)

// TestFidelity audits every text, Markdown, HTML and PDF test document of
// the project (the sample corpus, ingest/testdata/docs, the producer set
// under testdata/producers, four real PDFs of other producers under
// testdata/realpdfs) against its reference: the file itself,
// without markup, or pdftotext's reading of a PDF. A PDF is skipped when
// pdftotext is missing, unless CI is set. With RELATORIA_SHARED set to the
// shared folder (../shared), every file of its corpora and seeds is
// audited too (about a minute).
func TestFidelity(t *testing.T) {
	lex, err := ocr.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	patterns := []string{"../../corpus/sample/*", "../testdata/docs/*", "testdata/producers/*", "testdata/realpdfs/*"}
	if shared := os.Getenv("RELATORIA_SHARED"); shared != "" {
		patterns = append(patterns, filepath.Join(shared, "corpora/*/*"), filepath.Join(shared, "seeds/*"))
	}
	for _, pattern := range patterns {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	var total audit.Report
	for _, f := range files {
		switch strings.ToLower(filepath.Ext(f)) {
		case ".txt", ".md", ".html", ".pdf":
		default:
			continue
		}
		t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := audit.Reference(t.Context(), f, data)
			if src, ok := producerSource(f); ok {
				// A PDF of the producer set is compared with the text
				// it was made from, not with pdftotext's reading.
				ref, err = src, nil
			}
			if errors.Is(err, audit.ErrNoPdftotext) && os.Getenv("CI") == "" {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			doc, err := ingest.Read(f, data, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			rep := audit.Compare(ref, ingest.Printed(doc), audit.OptionsFor(doc, lex))
			total.Add(rep)
			t.Logf("%d words, %d lost, error %.3f%%, numbers %d/%d", rep.RefWords, rep.LostWords, 100*rep.WordError(), rep.NumbersKept, rep.Numbers)
			if rep.WordError() > maxWordError {
				t.Errorf("word error %.2f%% > %.1f%%: %d lost, %d added; first differences %+v", 100*rep.WordError(), 100*maxWordError, rep.Lost, rep.Added, rep.Diffs[:min(5, len(rep.Diffs))])
			}
			if rep.LostWords > maxLostWords || float64(rep.LostWords) > maxLostRate*float64(rep.RefWords) {
				t.Errorf("%d words lost of %d: %q", rep.LostWords, rep.RefWords, rep.LostList)
			}
			if rep.NumbersRate() < minNumberRate {
				t.Errorf("paragraph numbers kept %d of %d; missing %q", rep.NumbersKept, rep.Numbers, rep.Missing)
			}
		})
	}
	t.Logf("all files: %d words, error %.3f%%, numbers %d/%d", total.RefWords, 100*total.WordError(), total.NumbersKept, total.Numbers)
}

// minWhole is the share of the paragraphs labelled by hand that must
// come out whole: one paragraph of the extraction, neither cut nor
// joined to another.
const minWhole = 0.97

// TestParagraphsWhole scores paragraph segmentation against paragraphs
// labelled by hand in three real PDFs (testdata/realpdfs/*.paragraphs:
// one a line, "first words … last words"): a label comes out whole when a
// paragraph of the extraction begins with its first words and ends with
// its last words (folded, as the audit compares words).
func TestParagraphsWhole(t *testing.T) {
	labels, _ := filepath.Glob("testdata/realpdfs/*.paragraphs")
	if len(labels) < 3 {
		t.Fatalf("%d labelled files, want 3", len(labels))
	}
	total, whole := 0, 0
	for _, lf := range labels {
		pdf := strings.TrimSuffix(lf, ".paragraphs") + ".pdf"
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := ingest.Read(pdf, data, ingest.Options{NoRepair: true})
		if err != nil {
			t.Fatal(err)
		}
		var paras [][]string
		for block := range strings.SplitSeq(ingest.Printed(doc), "\n\n") {
			paras = append(paras, audit.Words(block))
		}
		b, err := os.ReadFile(lf)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.SplitSeq(string(b), "\n") {
			if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			first, last, cut := strings.Cut(line, "…")
			if !cut {
				last = first
			}
			fw, lw := audit.Words(first), audit.Words(last)
			total++
			ok := false
			for _, p := range paras {
				if len(p) >= max(len(fw), len(lw)) && slices.Equal(p[:len(fw)], fw) && slices.Equal(p[len(p)-len(lw):], lw) {
					ok = true
					break
				}
			}
			if ok {
				whole++
			} else {
				t.Logf("%s: not whole: %s", filepath.Base(pdf), line)
			}
		}
	}
	rate := float64(whole) / float64(total)
	t.Logf("%d of %d labelled paragraphs whole (%.1f%%)", whole, total, 100*rate)
	if rate < minWhole {
		t.Errorf("%d of %d labelled paragraphs whole (%.1f%%), want %.0f%% or more", whole, total, 100*rate, 100*minWhole)
	}
}
