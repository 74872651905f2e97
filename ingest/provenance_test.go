package ingest

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/internal/testpdf"
)

// cleanSpanish is born-digital text with every word the OCR repair used to
// "correct" in real PDFs and pages (issue 25): Latin, names, an address,
// spellings that are both right, valid words.
var cleanSpanish = []string{
	"La Corte, inter alia, estableció un procedimiento ad hoc que el Estado realizara en el periodo de 2011, y solo entonces este informe dijo como y por que de ese modo.",
	"Martin Alvaro Benjamin y Carlos Nino declararon ante Ursula von der Leyen y El Faro que la decisión es de quien corresponda.",
	"Véase https://www.corteidh.or.cr/cf/jurisprudencia2/busqueda_supervision.cfm y escriba a comunicacion@corteidh.or.cr para la supervision de las victimas.",
	"Los Estados Partes deberán adoptar mutatis mutandis las medidas que sean condición sine qua non para la protección de los derechos humanos de las mujeres y las niñas.",
}

// damagedSpanish is OCR output (seed 003, English model): unknown words of
// OCR's shapes in every sentence.
var damagedSpanish = []string{
	"Guiado por los propositos y principios de la Carta de las Naciones Unidas, especialmente en relacién con el logro de la cooperacién internacional para promover y fomentar el respeto de los derechos humanos.",
	"Reafirmando que los Estados tienen la obligacién de promover y proteger todos los derechos humanos y libertades fundamentales de las nifias, y que los 6rganos de tratados desempefian una funcidn.",
	"Reconociendo la importancia del didlogo y la cooperacidon técnica en el &mbito de los derechos humanos, y los Ilamamientos de los 6rganos.",
}

func repairsOf(doc *corpus.Document) []corpus.Repair {
	var out []corpus.Repair
	for _, p := range doc.Paragraphs {
		out = append(out, p.Repairs...)
	}
	return out
}

// withProducer returns a PDF of testpdf with an Info dictionary naming
// producer in its trailer.
func withProducer(pdf []byte, producer string) []byte {
	return bytes.Replace(pdf, []byte("/Root 1 0 R >>"), []byte(fmt.Sprintf("/Root 1 0 R /Info << /Producer (%s) >> >>", producer)), 1)
}

// TestRepairOnlyOCR checks that repair changes OCR output only: born-digital
// text (plain text, Markdown, HTML, a PDF with fonts) is never changed,
// whatever words it has; Tesseract's pages (TestMixedPDF), a PDF whose
// producer is an OCR engine, and text with OCR's damage signature are
// repaired, the last one paragraph by paragraph when the rest is clean.
func TestRepairOnlyOCR(t *testing.T) {
	// A long clean document with a paragraph of OCR output in it.
	clean, err := os.ReadFile("testdata/docs/cladem-ccpr-argentina.md")
	if err != nil {
		t.Fatal(err)
	}
	mixed := []byte(string(clean) + "\n\n" + strings.Join(cleanSpanish, "\n\n") + "\n\n" + damagedSpanish[1] + "\n")
	cleanDoc, _ := Read("limpio.md", clean, Options{})
	mixedRepaired := make([]bool, len(cleanDoc.Paragraphs)+len(cleanSpanish)+1)
	mixedRepaired[len(mixedRepaired)-1] = true
	html := "<html><body><article><h1>Informe</h1><p>" + strings.Join(append(cleanSpanish, damagedSpanish...), "</p><p>") + "</p></article></body></html>"
	for _, tt := range []struct {
		name, file string
		data       []byte
		source     string
		repaired   []bool // by paragraph; nil: none
	}{
		{"clean text", "limpio.txt", []byte(strings.Join(cleanSpanish, "\n\n")), "", nil},
		{"clean Markdown", "limpio.md", []byte("# Informe\n\n" + strings.Join(cleanSpanish, "\n\n")), "", nil},
		{"clean PDF", "limpio.pdf", testpdf.Write("Informe", cleanSpanish), "", nil},
		{"HTML with damaged words", "pagina.html", []byte(html), "", nil},
		{"OCR text", "escaneo.txt", []byte(strings.Join(damagedSpanish, "\n\n")), "damage", []bool{true, true, true}},
		{"clean text, one OCR paragraph", "mixto.md", mixed, "damage", mixedRepaired},
		{"PDF of an OCR engine", "ocr.pdf", withProducer(testpdf.Write("Informe", damagedSpanish), "ABBYY FineReader 15"), "producer", nil},
		{"PDF of a word processor", "word.pdf", withProducer(testpdf.Write("Informe", cleanSpanish), "Microsoft® Word para Microsoft 365"), "", nil},
	} {
		doc, err := Read(tt.file, tt.data, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if doc.OCR == nil || doc.OCR.Source != tt.source {
			t.Errorf("%s: OCR report %+v, want source %q", tt.name, doc.OCR, tt.source)
		}
		if tt.source == "" {
			if reps := repairsOf(doc); len(reps) > 0 {
				t.Errorf("%s: born-digital text changed: %v", tt.name, reps)
			}
			continue
		}
		if len(repairsOf(doc)) == 0 {
			t.Errorf("%s: OCR output not repaired", tt.name)
		}
		for i, want := range tt.repaired {
			if i >= len(doc.Paragraphs) {
				t.Errorf("%s: %d paragraphs, want %d", tt.name, len(doc.Paragraphs), len(tt.repaired))
				break
			}
			if got := len(doc.Paragraphs[i].Repairs) > 0; got != want {
				t.Errorf("%s: paragraph %d repaired %v (%v), want %v", tt.name, i+1, got, doc.Paragraphs[i].Repairs, want)
			}
		}
	}
}

func TestOCRProducer(t *testing.T) {
	for _, tt := range []struct {
		data, want string
	}{
		{"<< /Producer (ABBYY FineReader 12) /Creator (Word) >>", "ABBYY FineReader 12"},
		{"<< /Creator (Adobe Acrobat 9.0 Paper Capture Plug-in) >>", "Adobe Acrobat 9.0 Paper Capture Plug-in"},
		{"<< /Producer <FEFF004F00430052006D0079005000440046> >>", "OCRmyPDF"},
		{"<pdf:Producer>Tesseract 5.3.0</pdf:Producer>", "Tesseract 5.3.0"},
		{"/BaseFont /GlyphLessFont", "GlyphLessFont"},
		{"<< /Producer (Microsoft\\256 Word 2016) /Creator (Acrobat PDFMaker 17 para Word) >>", ""},
		{"<< /Producer (GPL Ghostscript 9.53.3) >>", ""},
		{"<< /Producer (Acrobat Distiller 10.1.16 \\(Windows\\)) >>", ""},
	} {
		if got := ocrProducer([]byte(tt.data)); got != tt.want {
			t.Errorf("ocrProducer(%q) = %q, want %q", tt.data, got, tt.want)
		}
	}
}
