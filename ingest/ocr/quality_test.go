package ocr

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wer returns the word error rate of hyp against ref, as written and
// accent-folded, with the definitions of shared/tools/ocr-damage/cer.
func wer(ref, hyp string) (plain, folded float64) {
	r, h := strings.Fields(ref), strings.Fields(hyp)
	fr, fh := FoldWords(r), FoldWords(h)
	return float64(WordErrors(r, h)) / float64(max(len(r), 1)), float64(WordErrors(fr, fh)) / float64(max(len(fr), 1))
}

type pairScore struct {
	words                          int
	before, after, fBefore, fAfter float64 // summed WER × words
}

func (p *pairScore) add(clean, ocrText string, r *Repairer) {
	fixed, _, _ := r.Repair(ocrText)
	n := len(strings.Fields(clean))
	b, fb := wer(clean, ocrText)
	a, fa := wer(clean, fixed)
	p.words += n
	p.before += b * float64(n)
	p.after += a * float64(n)
	p.fBefore += fb * float64(n)
	p.fAfter += fa * float64(n)
}

func (p pairScore) String() string {
	w := float64(p.words)
	return fmt.Sprintf("WER %.4f → %.4f (−%.0f%%)  folded %.4f → %.4f (−%.0f%%)  %d words",
		p.before/w, p.after/w, 100*(1-p.after/p.before), p.fBefore/w, p.fAfter/w, 100*(1-p.fAfter/p.fBefore), p.words)
}

func scorePairs(t *testing.T, dir, model string, r *Repairer) pairScore {
	t.Helper()
	cleans, _ := filepath.Glob(filepath.Join(dir, "*.clean.txt"))
	if len(cleans) == 0 {
		t.Fatalf("no pairs in %s", dir)
	}
	var s pairScore
	for _, cf := range cleans {
		clean, err := os.ReadFile(cf)
		if err != nil {
			t.Fatal(err)
		}
		o, err := os.ReadFile(strings.TrimSuffix(cf, ".clean.txt") + ".ocr-" + model + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		s.add(string(clean), string(o), r)
	}
	return s
}

// TestRepairQuality measures word error rates before and after repair on
// the OCR pairs, and checks the targets: English-model OCR of held-out
// CLADEM pages (countries no count, model or threshold was made from) loses
// at least 80% of its word errors, as written and accent-folded, and the
// seeds at least 60%; Spanish-model OCR gets no worse
// by more than 1 word in 1,000 (the budget of changes to clean text: the
// clean side has its own misspellings, "Belem" beside "Belém", which
// repair may mend).
func TestRepairQuality(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, dir, model string
		minGain          float64 // required relative fall of WER (and of folded WER); 0: may not rise
	}{
		{"held-out CLADEM, English model", "testdata/pairs-heldout", "eng", 0.80},
		{"held-out CLADEM heavy, English model", "testdata/pairs-heldout/heavy", "eng", 0.50},
		{"held-out CLADEM, Spanish model", "testdata/pairs-heldout", "spa", 0},
		{"held-out CLADEM heavy, Spanish model", "testdata/pairs-heldout/heavy", "spa", 0},
		{"seeds, English model (held out)", "testdata/pairs-seeds", "eng", 0.60},
		{"seeds heavy, English model (held out)", "testdata/pairs-seeds/heavy", "eng", 0.40},
		{"cladem-dev, English model (learning set)", "testdata/pairs-cladem-dev", "eng", 0.60},
		{"seeds, Spanish model", "testdata/pairs-seeds", "spa", 0},
		{"cladem-dev, Spanish model", "testdata/pairs-cladem-dev", "spa", 0},
	} {
		s := scorePairs(t, tt.dir, tt.model, r)
		t.Logf("%-42s %s", tt.name, s)
		if tt.minGain == 0 {
			if rise := (s.after - s.before) / float64(s.words); rise > 0.001 {
				t.Errorf("%s: WER rose by %.4f, want at most 0.001", tt.name, rise)
			}
		} else if gain, fgain := 1-s.after/s.before, 1-s.fAfter/s.fBefore; min(gain, fgain) < tt.minGain {
			t.Errorf("%s: WER fell by %.0f%% (folded %.0f%%), want at least %.0f%%", tt.name, 100*gain, 100*fgain, 100*tt.minGain)
		}
	}
}

// TestCleanUnchanged checks that repair changes at most 1 word in 1,000 of
// clean text.
func TestCleanUnchanged(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/pairs-*/*.clean.txt")
	heavy, _ := filepath.Glob("testdata/pairs-heldout/heavy/*.clean.txt")
	files = append(files, heavy...)
	more, _ := filepath.Glob("../../corpus/sample/00[0124]_*.txt")
	files = append(files, more...)
	words, changed := 0, 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, reps, st := r.Repair(string(data))
		words += len(strings.Fields(string(data)))
		changed += len(reps)
		for _, rep := range reps {
			t.Logf("%s: %q → %q", filepath.Base(f), rep.From, rep.To)
		}
		_ = st
	}
	t.Logf("clean text: %d of %d words changed (%.2f per 1,000)", changed, words, 1000*float64(changed)/float64(words))
	if changed*1000 > words {
		t.Errorf("%d of %d clean words changed, want at most 1 in 1,000", changed, words)
	}
}
