package ingest

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest/ocr"
)

func paragraphTexts(doc *corpus.Document) []string {
	var out []string
	for _, p := range doc.Paragraphs {
		out = append(out, p.Text)
	}
	return out
}

func wordErrors(ref, hyp []string) (errs, words int) {
	r := strings.Fields(strings.Join(ref, " "))
	return ocr.WordErrors(r, strings.Fields(strings.Join(hyp, " "))), len(r)
}

// TestSeed003Repair checks repair of a real scan, resolution 51/34, against
// its hand-corrected text: every damaged word the OCR issue lists is
// repaired, and the remaining word error rate is small.
func TestSeed003Repair(t *testing.T) {
	data, _ := fs.ReadFile(corpus.Sample, "003_458e2a76d7cd54dd.txt")
	golden, err := os.ReadFile("testdata/seed003.corrected.txt")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, p := range strings.Split(strings.TrimSpace(string(golden)), "\n\n") {
		want = append(want, p)
	}
	raw, _ := Read("003.txt", data, Options{NoRepair: true})
	fixed, _ := Read("003.txt", data, Options{})
	before, n := wordErrors(want, paragraphTexts(raw))
	after, _ := wordErrors(want, paragraphTexts(fixed))
	t.Logf("seed 003 against its hand correction: %d → %d word errors of %d (WER %.4f → %.4f)", before, after, n, float64(before)/float64(n), float64(after)/float64(n))
	if after*100 > n {
		t.Errorf("WER after repair %.4f, want under 0.01", float64(after)/float64(n))
	}
	repaired := map[string]string{}
	for _, p := range fixed.Paragraphs {
		for _, r := range p.Repairs {
			repaired[r.From] = r.To
		}
	}
	for from, to := range map[string]string{
		"cooperacidon": "cooperación", "Econdmicos": "Económicos", "periddico": "periódico",
		"desempefiado": "desempeñado", "nifias": "niñas", "6rganos": "órganos", "Ilamamientos": "llamamientos",
		"&mbito": "ámbito", "admbitos": "ámbitos", "didlogo": "diálogo", "précticas": "prácticas",
		"maltiples": "múltiples", "propoésito": "propósito", "resolucion": "resolución", "asi": "así",
		"53¢ periodo": "53º periodo", "53*": "53º", "442 sesion": "44ª sesion",
		// "periodo" is right too: only the author can tell it from "período".
		"periodo": "",
	} {
		if repaired[from] != to {
			t.Errorf("%q repaired to %q, want %q", from, repaired[from], to)
		}
	}
	if fixed.Session != "44ª sesión" || !fixed.OCR.Damaged {
		t.Errorf("session %q, OCR report %+v", fixed.Session, fixed.OCR)
	}
	p, _ := fixed.Paragraph("7")
	if !strings.HasPrefix(p.Text, "Destaca la importancia de mejorar la coordinación entre la Oficina del Alto Comisionado") {
		t.Errorf("paragraph 7 = %q", p.Text)
	}
	if !strings.Contains(p.Original, "coordinacién") {
		t.Errorf("paragraph 7 original lost: %q", p.Original)
	}
}

// TestDetector checks that the damage detector flags OCR output and passes
// clean text.
func TestDetector(t *testing.T) {
	for _, tt := range []struct {
		file    string
		damaged bool
	}{
		{"ocr/testdata/pairs-seeds/000_1d19a80b84d8d935.ocr-eng.txt", true},
		{"ocr/testdata/pairs-seeds/001_d16ac9bc5e6e920b.ocr-eng.txt", true},
		{"ocr/testdata/pairs-seeds/000_1d19a80b84d8d935.clean.txt", false},
		{"ocr/testdata/pairs-seeds/001_d16ac9bc5e6e920b.ocr-spa.txt", false},
		{"testdata/docs/cladem-ccpr-argentina.md", false},
	} {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(tt.file, data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.OCR.Damaged != tt.damaged {
			t.Errorf("%s: damaged %v (%+v), want %v", tt.file, doc.OCR.Damaged, doc.OCR, tt.damaged)
		}
	}
}
