package ingest

import (
	"encoding/hex"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/internal/testpdf"
)

// readPDFTest returns the paragraphs read from a PDF, one a line, unrepaired.
func readPDFTest(t *testing.T, data []byte) (string, *corpus.Document, error) {
	t.Helper()
	doc, err := Read("t.pdf", data, Options{NoRepair: true})
	if doc == nil {
		return "", nil, err
	}
	var b strings.Builder
	for _, p := range doc.Paragraphs {
		b.WriteString(p.Text + "\n")
	}
	return b.String(), doc, err
}

const (
	times       = "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>"
	timesItalic = "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic /Encoding /WinAnsiEncoding >>"
)

// latin1 writes s in WinAnsi (Latin-1) bytes, as a content stream in a
// WinAnsi font holds it.
func latin1(s string) string {
	b, err := charmap.Windows1252.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

// onePage returns a one-page PDF drawing content with the fonts given
// (resource name → font dictionary).
func onePage(content string, fonts map[string]string) []byte {
	var d testpdf.Doc
	var res []string
	for name, f := range fonts {
		res = append(res, fmt.Sprintf("/%s %d 0 R", name, d.Add(f)))
	}
	c := d.Stream("", content)
	return d.Bytes(d.Add(testpdf.Page("/Font << "+strings.Join(res, " ")+" >>", c)))
}

// TestPDFInlineImage: the binary data of an inline image (the UN emblem a
// 1994 resolution draws on page 1) holds ")" and ">" bytes; the library's
// tokeniser stopped there ("unexpected delimiter") and the page was lost.
func TestPDFInlineImage(t *testing.T) {
	content := "q 40 0 0 40 60 760 cm BI /W 4 /H 1 /BPC 8 /CS /G ID \x29\x3e\x5d\x7d EI Q\n" +
		latin1("BT /F1 12 Tf 72 700 Td (La Asamblea General,) Tj 0 -14 Td (Recordando su resolución 48/141,) Tj ET")
	text, _, err := readPDFTest(t, onePage(content, map[string]string{"F1": times}))
	if err != nil || !strings.Contains(text, "La Asamblea General,") || !strings.Contains(text, "Recordando") {
		t.Errorf("page with an inline image read as %q, %v", text, err)
	}
}

// TestPDFSimpleFontEncodings: a Type1 font with /Differences and no
// /BaseEncoding has StandardEncoding under them, where "ª" is code 0xE3
// and "º" 0xEB (the library read them as Latin-1 "ã" and "ë": "92ã",
// "1ë"); /ToUnicode comes before the encoding (a ligature glyph mapped to
// "fi": "filtros", not "ﬁltros" or "fi ltros").
func TestPDFSimpleFontEncodings(t *testing.T) {
	diff := "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding << /Type /Encoding /Differences [ 200 /oacute ] >> >>"
	content := "BT /F1 12 Tf 72 700 Td (92\\343 sesi\\310n plenaria, 1\\353 de diciembre de 1994) Tj ET"
	text, _, err := readPDFTest(t, onePage(content, map[string]string{"F1": diff}))
	if err != nil || !strings.Contains(text, "92ª sesión plenaria, 1º de diciembre") {
		t.Errorf("Differences over StandardEncoding read as %q, %v", text, err)
	}
	var d testpdf.Doc
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n" +
		"2 beginbfchar <02> <00660069> <03> <0066006C> endbfchar\n1 beginbfrange <20> <7E> <0020> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end"
	tu := d.Stream("", cmap)
	widths := make([]string, 0, 126)
	for range 126 {
		widths = append(widths, "500")
	}
	font := d.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /ABCDEF+Minion /FirstChar 1 /LastChar 126 /Widths [%s] /Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>", strings.Join(widths, " "), tu))
	c := d.Stream("", "BT /F1 12 Tf 72 700 Td (los \002ltros y \003ujos) Tj ET")
	text, _, err = readPDFTest(t, d.Bytes(d.Add(testpdf.Page(fmt.Sprintf("/Font << /F1 %d 0 R >>", font), c))))
	if err != nil || !strings.Contains(text, "los filtros y flujos") {
		t.Errorf("ligatures mapped by ToUnicode read as %q, %v", text, err)
	}
}

// TestPDFWordGaps: words set apart by the pen's move, without a space
// glyph, are two words when the move leaves a word gap after the last
// glyph's width, whatever the font: an italic verb placed before the next
// word ("Decide consignar", not "Decideconsignar") in a standard font the
// PDF gives no widths for; a CID font whose two-byte codes the library
// looked widths up for by byte (all 0), so that kerning split words ("q
// ue") or gaps were missed.
func TestPDFWordGaps(t *testing.T) {
	// Times-Italic "Decide" is 2.832 em wide: 33.98 pt at 12 pt; the next
	// word starts a quarter of an em after it.
	content := "BT /F2 12 Tf 72 700 Td (Decide) Tj /F1 12 Tf 36.98 0 Td (consignar en el informe) Tj ET\n" +
		"BT /F2 12 Tf 72 680 Td (Autoriza) Tj /F1 12 Tf 46.3 0 Td (al Secretario General) Tj ET"
	text, _, err := readPDFTest(t, onePage(content, map[string]string{"F1": times, "F2": timesItalic}))
	if err != nil || !strings.Contains(text, "Decide consignar en el informe") || !strings.Contains(text, "Autoriza al Secretario") {
		t.Errorf("italic words placed apart read as %q, %v", text, err)
	}

	var d testpdf.Doc
	var chars []string
	letters := "abcdefghijklmnopqrstuvwxyzHUMANOS"
	for i, r := range letters {
		chars = append(chars, fmt.Sprintf("<%04X> <%04X>", i+1, r))
	}
	tu := d.Stream("", fmt.Sprintf("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n%d beginbfchar %s endbfchar\nendcmap end end", len(chars), strings.Join(chars, " ")))
	desc := d.Add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Calibri /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [ 1 [ 480 500 420 500 480 300 500 500 230 250 450 230 760 500 500 500 500 350 390 330 500 450 700 450 450 400 ] 27 33 620 ] >>")
	font := d.Add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Calibri /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", desc, tu))
	code := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			b.WriteString(fmt.Sprintf("%04X", strings.IndexRune(letters, r)+1))
		}
		return "<" + b.String() + ">"
	}
	// Kerning inside words (-30 thousandths) and word gaps (-300).
	c := d.Stream("", fmt.Sprintf("BT /F1 11 Tf 72 700 Td [%s -30 %s -300 %s -20 %s -300 %s -25 %s] TJ ET",
		code("q"), code("ue"), code("es"), code("crito"), code("HUMA"), code("NOS")))
	text, _, err = readPDFTest(t, d.Bytes(d.Add(testpdf.Page(fmt.Sprintf("/Font << /F1 %d 0 R >>", font), c))))
	if err != nil || !strings.Contains(text, "que escrito HUMANOS") {
		t.Errorf("CID font with kerning read as %q, %v", text, err)
	}
}

// TestPDFFormAndAnnotation: text drawn inside a form XObject (a footer)
// and in an annotation's appearance (a signature stamp) is read; the
// library's Page.Content reads neither.
func TestPDFFormAndAnnotation(t *testing.T) {
	var d testpdf.Doc
	font := d.Add(times)
	form := d.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 50] /Resources << /Font << /F1 %d 0 R >> >>", font), latin1("BT /F1 9 Tf 10 10 Td (Pie de página de la Corte) Tj ET"))
	stamp := d.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 150 40] /Resources << /Font << /F1 %d 0 R >> >>", font), latin1("BT /F1 8 Tf 5 20 Td (Firmado digitalmente por Juan Pérez) Tj ET"))
	annot := d.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [400 760 550 800] /AP << /N %d 0 R >> >>", stamp))
	c := d.Stream("", "BT /F1 12 Tf 72 700 Td (Vistos los autos.) Tj ET q 1 0 0 1 40 20 cm /Fm1 Do Q")
	page := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> /XObject << /Fm1 %d 0 R >> >> /Contents %d 0 R /Annots [%d 0 R] >>", font, form, c, annot))
	text, _, err := readPDFTest(t, d.Bytes(page))
	for _, want := range []string{"Vistos los autos.", "Pie de página de la Corte", "Firmado digitalmente por Juan Pérez"} {
		if err != nil || !strings.Contains(text, want) {
			t.Errorf("%q missing from %q (%v)", want, text, err)
		}
	}
}

// TestPDFPageFallback: a page the library cannot read (its content in a
// filter it lacks, ASCIIHexDecode) is read by pdftotext and said so in
// the document; without pdftotext, the file fails naming the page, and
// its other pages are kept.
func TestPDFPageFallback(t *testing.T) {
	var d testpdf.Doc
	font := d.Add(times)
	res := fmt.Sprintf("/Font << /F1 %d 0 R >>", font)
	p1 := d.Add(testpdf.Page(res, d.Stream("", latin1("BT /F1 12 Tf 72 700 Td (Primera página del informe.) Tj ET"))))
	hexed := hex.EncodeToString([]byte(latin1("BT /F1 12 Tf 72 700 Td (La Asamblea General, recordando su resolución.) Tj ET"))) + ">"
	p2 := d.Add(testpdf.Page(res, d.Stream("/Filter /ASCIIHexDecode", hexed)))
	data := d.Bytes(p1, p2)

	if _, err := exec.LookPath("pdftotext"); err == nil {
		text, doc, err := readPDFTest(t, data)
		if err != nil || !strings.Contains(text, "La Asamblea General, recordando") || !strings.Contains(text, "Primera página") {
			t.Errorf("page 2 read as %q, %v", text, err)
		}
		if doc == nil || len(doc.Pages) != 1 || doc.Pages[0].Page != 2 || doc.Pages[0].How != "pdftotext" || doc.Pages[0].Failed == "" {
			t.Errorf("pages read otherwise: %+v, want page 2 by pdftotext with what failed", doc.Pages)
		}
	}
	t.Setenv("PATH", "")
	text, doc, err := readPDFTest(t, data)
	var ierr *Error
	if !errors.As(err, &ierr) || !strings.Contains(err.Error(), "página 2") || !strings.Contains(err.Error(), "pdftotext") {
		t.Errorf("without pdftotext: error %v, want the file named with page 2 and pdftotext missing", err)
	}
	if doc == nil || !strings.Contains(text, "Primera página") || len(doc.Pages) != 1 || doc.Pages[0].How != "unread" {
		t.Errorf("without pdftotext: text %q, pages %+v; want page 1 kept and page 2 unread", text, doc)
	}
}

// TestPDFUnopened: a PDF the library cannot open at all (its startxref
// points nowhere, its cross-reference table is gone, or every offset in it
// is wrong), which poppler reads by rebuilding the table, is read page by
// page with pdftotext, each page said so, rather than refused; without
// poppler, the library's reason stands.
func TestPDFUnopened(t *testing.T) {
	var paras []string
	for i := range 90 {
		paras = append(paras, fmt.Sprintf("%d. La Asamblea General reafirma el derecho número %d de todos los pueblos a la libre determinación.", i+1, i+1))
	}
	good := testpdf.Write("Resolución 51/34", paras)
	want, _, err := readPDFTest(t, good)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, re, repl string }{
		{"startxref fuera", `startxref\n[0-9]+`, "startxref\n9"},
		{"sin tabla", `(?s)xref\n0 .*?trailer`, "trailer"},
		{"desplazamientos falsos", `[0-9]{10} 00000 n`, "0000000001 00000 n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			broken := regexp.MustCompile(tc.re).ReplaceAll(good, []byte(tc.repl))
			if _, err := exec.LookPath("pdfinfo"); err == nil {
				text, doc, err := readPDFTest(t, broken)
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if text != want {
					t.Errorf("read as\n%s\nwant\n%s", text, want)
				}
				if len(doc.Pages) < 2 {
					t.Fatalf("pages %+v, want every page named", doc.Pages)
				}
				for _, p := range doc.Pages {
					if p.How != "pdftotext" || !strings.Contains(p.Failed, "no pudo abrir") {
						t.Errorf("page %+v, want read by pdftotext with the library's reason", p)
					}
				}
			}
			t.Setenv("PATH", "")
			if _, _, err := readPDFTest(t, broken); err == nil || !strings.Contains(err.Error(), "PDF dañado") {
				t.Errorf("without poppler: error %v, want the library's reason", err)
			}
		})
	}
}

// TestPDFFootnoteEvidence: small type is a footnote only at the foot of
// the page, below the body text, and with a mark: the note's own number,
// or raised marks in the page's text. Capitals in small type ("VISTOS:")
// and a small-type table in the middle of the page are text.
func TestPDFFootnoteEvidence(t *testing.T) {
	content := latin1(`BT /F1 8 Tf 72 760 Td (VISTOS:) Tj ET
BT /F1 12 Tf 72 730 Td (La Corte examinó el escrito de los representantes.) Tj ET
BT /F1 8 Tf 72 700 Td (Cuadro de plazos y fechas del procedimiento) Tj ET
BT /F1 12 Tf 72 670 Td (El Estado respondió en el plazo fijado) Tj /F1 7 Tf 0 4 Td (1) Tj /F1 12 Tf 0 -4 Td ( por la Presidencia.) Tj ET
BT /F1 12 Tf 72 640 Td (POR TANTO:) Tj ET
BT /F1 8 Tf 72 90 Td (1 Resolución de la Presidencia de 3 de marzo de 2011.) Tj ET`)
	_, doc, err := readPDFTest(t, onePage(content, map[string]string{"F1": times}))
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]corpus.ParagraphKind{}
	for _, p := range doc.Paragraphs {
		kinds[p.Text] = p.Kind
	}
	for text, footnote := range map[string]bool{
		"VISTOS:": false,
		"Cuadro de plazos y fechas del procedimiento":           false,
		"1 Resolución de la Presidencia de 3 de marzo de 2011.": true,
	} {
		kind, ok := kinds[text]
		if !ok {
			t.Errorf("%q is not a paragraph of its own: %v", text, kinds)
			continue
		}
		if (kind == corpus.Footnote) != footnote {
			t.Errorf("%q is of kind %q; a footnote: %v", text, kind, footnote)
		}
	}
}

// TestPDFFurniture: a running head is a line at the same place at the top
// of most pages; it is dropped there and counted, but kept on page 1,
// whose heading it is. Lines of the body that recur are content: the
// signatures after "Comuníquese y ejecútese,", a second "por
// unanimidad,", a label repeated down a page (the signatures of a
// judgment and of a separate opinion, on two pages, at other heights).
func TestPDFFurniture(t *testing.T) {
	var d testpdf.Doc
	font := d.Add(times)
	res := fmt.Sprintf("/Font << /F1 %d 0 R >>", font)
	var pages []int
	body := [][]string{
		{"Resuelve, por unanimidad,", "1. Declarar admisible la solicitud.", "Decide, por unanimidad,", "2. Requerir al Estado un informe.", "Plazo:", "tres meses."},
		{"3. Supervisar el cumplimiento.", "Comuníquese y ejecútese,", "Diego García-Sayán", "Presidente", "Pablo Saavedra Alessandri", "Secretario"},
		{"Voto concurrente del juez.", "Plazo:", "seis meses.", "El juez concurre con la decisión.", "Comuníquese y ejecútese,", "Diego García-Sayán", "Presidente", "Pablo Saavedra Alessandri", "Secretario"},
	}
	for i, lines := range body {
		var c strings.Builder
		c.WriteString("BT /F1 9 Tf 72 800 Td (CORTE INTERAMERICANA DE DERECHOS HUMANOS) Tj ET\n")
		for k, l := range lines {
			fmt.Fprintf(&c, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 740-30*k, l)
		}
		fmt.Fprintf(&c, "BT /F1 9 Tf 290 40 Td (%d) Tj ET\n", i+1)
		pages = append(pages, d.Add(testpdf.Page(res, d.Stream("", latin1(c.String())))))
	}
	text, doc, err := readPDFTest(t, d.Bytes(pages...))
	if err != nil {
		t.Fatal(err)
	}
	count := func(s string) int { return strings.Count(text, s) }
	for s, want := range map[string]int{
		"CORTE INTERAMERICANA DE DERECHOS HUMANOS": 1, // page 1's heading
		"por unanimidad,":                          2,
		"Diego García-Sayán":                       2,
		"Pablo Saavedra Alessandri":                2,
		"Secretario":                               2,
		"Plazo:":                                   2,
	} {
		if got := count(s); got != want {
			t.Errorf("%q is there %d times, want %d; text:\n%s", s, got, want, text)
		}
	}
	if doc.Dropped["furniture"] < 2+3 || doc.Dropped["repeated"] != 0 {
		t.Errorf("dropped %v, want the running head of pages 2 and 3 and the page numbers as furniture, nothing as repeated", doc.Dropped)
	}
}

// FuzzInterpret: the content-stream tokeniser ends on any bytes, and
// never calls an operator with more operands than the stream holds.
func FuzzInterpret(f *testing.F) {
	f.Add([]byte("BT /F1 12 Tf 72 700 Td [(Ho) -250 (la)] TJ ET q 1 0 0 1 0 0 cm BI /W 2 /H 1 ID \x29\x3e EI Q"))
	f.Add([]byte("(unclosed \\) [<0041 >> /Name"))
	f.Add([]byte("<< /MCID 3 >> BDC (x) Tj EMC ) ] > }"))
	f.Fuzz(func(t *testing.T, b []byte) {
		interpret(b, func(op string, args []operand) {
			if op == "" || len(args) > len(b) {
				t.Fatalf("operator %q with %d operands from %d bytes", op, len(args), len(b))
			}
		})
	})
}

// FuzzCMap: a ToUnicode CMap of any bytes is read without panicking.
func FuzzCMap(f *testing.F) {
	f.Add([]byte("1 beginbfchar <02> <00660069> endbfchar 1 beginbfrange <20> <7E> <0020> endbfrange 1 beginbfrange <01> <03> [<0041> <0042>] endbfrange"))
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tok := range cmapTokens(b) {
			if tok.kind == cmapOp && tok.text == "" {
				t.Fatal("empty operator")
			}
		}
	})
}

// FuzzParseBBoxLayout: pdftotext's XHTML of any bytes gives lines of
// text, never a panic.
func FuzzParseBBoxLayout(f *testing.F) {
	f.Add([]byte(`<html><body><doc><page width="595" height="842"><flow><block><line xMin="72" yMin="100" xMax="300" yMax="112"><word xMin="72" yMin="100" xMax="90" yMax="112">Hola</word></line></block></flow></page></doc></body></html>`))
	f.Fuzz(func(t *testing.T, b []byte) {
		lines, _ := parseBBoxLayout(b, 1)
		for _, l := range lines {
			if strings.TrimSpace(l.text) == "" {
				t.Fatalf("empty line %+v", l)
			}
		}
	})
}
