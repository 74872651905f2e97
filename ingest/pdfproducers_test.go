package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/internal/testpdf"
)

// The tests of this file come from PDFs made with producers the reading
// was not developed on (ingest/audit/testdata/producers: LibreOffice
// Writer, pdflatex, xelatex, Chromium, enscript, a2ps), each reduced to
// what went wrong.

// toUnicodeFont adds to d a simple font of 500-unit glyphs whose
// /ToUnicode maps each code of codes to its text, and returns its object
// number.
func toUnicodeFont(d *testpdf.Doc, codes map[byte]string) int {
	var chars []string
	for c, s := range codes {
		var u strings.Builder
		for _, r := range s {
			fmt.Fprintf(&u, "%04X", r)
		}
		chars = append(chars, fmt.Sprintf("<%02X> <%s>", c, u.String()))
	}
	tu := d.Stream("", fmt.Sprintf("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n%d beginbfchar %s endbfchar\n1 beginbfrange <20> <7E> <0020> endbfrange\nendcmap CMapName currentdict /CMap defineresource pop end end", len(chars), strings.Join(chars, " ")))
	widths := make([]string, 0, 255)
	for range 255 {
		widths = append(widths, "500")
	}
	return d.Add(fmt.Sprintf("<< /Type /Font /Subtype /TrueType /BaseFont /BAAAAA+LiberationSerif /FirstChar 1 /LastChar 255 /Widths [%s] /ToUnicode %d 0 R >>", strings.Join(widths, " "), tu))
}

// TestPDFDecomposedAccents: LibreOffice's /ToUnicode maps "ó" to "o" and
// a combining acute accent; the word broken at the line's end after it,
// "econó-" / "mico", was printed "econó- mico" (the hyphen was not seen
// as a word's, after a mark), and "paí-" / "ses" as "paí ses".
func TestPDFDecomposedAccents(t *testing.T) {
	var d testpdf.Doc
	font := toUnicodeFont(&d, map[byte]string{0x80: "o\u0301", 0x81: "i\u0301"})
	c := d.Stream("", "BT /F1 11 Tf 72 700 Td (Trabajo decente y crecimiento econ\200-) Tj 0 -13 Td (mico en los pa\201-) Tj 0 -13 Td (ses menos adelantados.) Tj ET")
	text, _, err := readPDFTest(t, d.Bytes(d.Add(testpdf.Page(fmt.Sprintf("/Font << /F1 %d 0 R >>", font), c))))
	if err != nil || !strings.Contains(text, "crecimiento económico en los países menos") {
		t.Errorf("decomposed accents at line ends read as %q, %v", text, err)
	}
}

// TestPDFNoteMarks: Chromium sets <sup> at 83% of the text's size, so its
// raised note marks were read as digits of the word before ("1971" and
// mark 1 became "19711"); LibreOffice and LaTeX set a note's own number
// raised and close to its text, read "1Suplemento". A UN footer's job
// number in smaller type beside the page number is no mark.
func TestPDFNoteMarks(t *testing.T) {
	content := latin1(`BT /F1 11 Tf 72 700 Td (fue presentado el 10 de noviembre de 1971) Tj /F1 9.16 Tf 4.4 Ts (1) Tj /F1 11 Tf 0 Ts (, y examinado en 1972.) Tj ET
BT /F1 6 Tf 72 90 Td (1) Tj /F1 9 Tf 3.2 -3 Td (Suplemento N.º 18 \(A/90/18\), 1973.) Tj ET
BT /F1 8.5 Tf 480 40 Td (3/4 -) Tj /F1 7 Tf 30 1.5 Td (25-03000) Tj ET`)
	text, doc, err := readPDFTest(t, onePage(content, map[string]string{"F1": times}))
	for _, d := range doc.DroppedLines {
		text += "dropped: " + d.Text + "\n"
	}
	if err != nil || !strings.Contains(text, "noviembre de 1971, y examinado") || !strings.Contains(text, "1 Suplemento N.º 18") ||
		!strings.Contains(text, "25-03000") {
		t.Errorf("note marks read as %q, %v", text, err)
	}
}

// TestPDFColumnsOffset: LibreOffice draws a page of two columns column by
// column, and the right column's baselines need not line up with the
// left's (a heading's space before shifts them); such a page was taken
// for one column drawn out of order, its lines sorted by height, and the
// two columns interleaved line by line.
func TestPDFColumnsOffset(t *testing.T) {
	left := []string{"Toda persona tiene derecho a un recurso", "efectivo ante los tribunales nacionales", "competentes, que la ampare contra actos", "que violen sus derechos fundamentales."}
	right := []string{"En caso de persecución, toda persona", "tiene derecho a buscar asilo, y a disfrutar", "de él, en cualquier país."}
	var c strings.Builder
	c.WriteString("BT /F1 11 Tf 72 700 Td (Artículo 8) Tj ET\n")
	for i, l := range left {
		fmt.Fprintf(&c, "BT /F1 11 Tf 72 %.1f Td (%s) Tj ET\n", 681.7-12.6*float64(i), l)
	}
	c.WriteString("BT /F1 11 Tf 310 700 Td (Artículo 14) Tj ET\n")
	for i, l := range right {
		fmt.Fprintf(&c, "BT /F1 11 Tf 310 %.1f Td (%s) Tj ET\n", 677.5-12.6*float64(i), l)
	}
	text, _, err := readPDFTest(t, onePage(latin1(c.String()), map[string]string{"F1": times}))
	want := "Artículo 8\n" + strings.Join(left, " ") + "\nArtículo 14\n" + strings.Join(right, " ") + "\n"
	if err != nil || text != want {
		t.Errorf("two columns read as\n%s, want\n%s (%v)", text, want, err)
	}
}

// TestPDFLandscapeText: a2ps prints two pages of text side by side on a
// landscape sheet, drawn on a portrait page with its text turned a
// quarter (and /Rotate 90 for the viewer). Turned glyphs were passed
// over, every page went to pdftotext, which read the two pages' lines
// interleaved.
func TestPDFLandscapeText(t *testing.T) {
	left := []string{"Considerando que la libertad, la justicia y la paz", "en el mundo tienen por base el reconocimiento de", "la dignidad intrínseca de la familia humana;"}
	right := []string{"Artículo 1", "Todos los seres humanos nacen libres e iguales", "en dignidad y derechos."}
	var c strings.Builder
	for col, lines := range [][]string{left, right} {
		for i, l := range lines {
			// Text running up the page; lines go right, the second
			// page's lines at the same places 400 pt further up.
			fmt.Fprintf(&c, "BT /F1 10 Tf 0 1 -1 0 %d %d Tm (%s) Tj ET\n", 60+12*i, 40+400*col, l)
		}
	}
	text, doc, err := readPDFTest(t, onePage(latin1(c.String()), map[string]string{"F1": times}))
	want := strings.Join(left, " ") + "\nArtículo 1\n" + strings.Join(right[1:], " ") + "\n"
	if err != nil || text != want || len(doc.Pages) > 0 {
		t.Errorf("turned text read as\n%s, want\n%s (pages read another way: %v; %v)", text, want, doc.Pages, err)
	}
}

// TestPDFHangingIndent: a numbered paragraph or a note set with a hanging
// indent (its number at the margin, its lines where its text starts) was
// cut after its first line, which looked like a line before a first-line
// indent: A/RES/78/323's note 11 lost its date range "5–13 September" /
// "1994".
func TestPDFHangingIndent(t *testing.T) {
	content := latin1(`BT /F1 11 Tf 72 700 Td (84.) Tj 28 0 Td (El Comité examinó el informe inicial de Argentina, de fecha) Tj 0 -13 Td (30 de diciembre de 1969, junto con un informe complementario.) Tj ET
BT /F1 11 Tf 72 674 Td (85.) Tj 28 0 Td (Se solicitó información complementaria, pero ésta no fue) Tj 0 -13 Td (presentada.) Tj ET
BT /F1 11 Tf 72 640 Td (El segundo informe fue examinado en el séptimo período de sesiones.) Tj ET
BT /F1 8 Tf 72 100 Td (11) Tj 12 0 Td (Report of the Conference on Population and Development, Cairo, 5–13 September) Tj 0 -10 Td (1994, chap. I, resolution 1, annex.) Tj ET`)
	text, doc, err := readPDFTest(t, onePage(content, map[string]string{"F1": times}))
	for _, want := range []string{
		"El Comité examinó el informe inicial de Argentina, de fecha 30 de diciembre de 1969, junto con un informe complementario.\n",
		"Se solicitó información complementaria, pero ésta no fue presentada.\n",
		"5–13 September 1994, chap. I",
	} {
		if err != nil || !strings.Contains(text, want) {
			t.Errorf("hanging indents read as\n%s, want %q (%v)", text, want, err)
		}
	}
	if n := len(doc.Paragraphs); n != 4 {
		t.Errorf("%d paragraphs, want 4:\n%s", n, text)
	}
}

// TestPDFParagraphSpacing: LibreOffice and Word put a few points between
// paragraphs, 1.37–1.44 lines from baseline to baseline, under the 1.45
// lines that set paragraphs apart: a heading and the "(…)" under it were
// one paragraph.
func TestPDFParagraphSpacing(t *testing.T) {
	// Paragraphs 18.2 points apart, lines 12.6 apart.
	paras := [][]string{
		{"C. Principales motivos de preocupación y recomendaciones"},
		{"(…)"},
		{"25. Si bien aprecia la adopción de la ley que crea el Sistema Nacional de Prevención de la", "Tortura y de su reglamento, el Comité nota con preocupación que el Comité Nacional", "para la Prevención de la Tortura, encargado de la dirección del Sistema, todavía", "no ha sido creado."},
		{"Preocupa además al Comité que tan solo seis provincias cuenten con mecanismos locales", "que son operativos y algunos se enfrenten a serios desafíos presupuestarios para", "cumplir con su mandato. El Comité suscribe asimismo la preocupación del Subcomité", "con respecto al diseño institucional de algunos mecanismos locales de prevención,", "que no cumplirían con los criterios de independencia (art. 2)."},
		{"(…)"},
		{"Violencia de género y mujeres en detención"},
		{"39. Si bien acoge con beneplácito las medidas adoptadas para combatir la violencia de", "género, preocupa al Comité el alarmante número de casos de femicidios y violencia", "de género registrados, así como el incremento de los casos de violencia física sobre", "mujeres detenidas bajo jurisdicción federal. Aunque aprecia la información", "proporcionada con respecto al seguimiento de los casos de femicidio en 2015, el Comité", "lamenta que esta información no se haya extendido al período sujeto a examen."},
	}
	lines := []struct {
		y    float64
		text string
	}{}
	y := 760.0
	for _, p := range paras {
		for _, l := range p {
			lines = append(lines, struct {
				y    float64
				text string
			}{y, l})
			y -= 12.6
		}
		y -= 18.2 - 12.6
	}
	var c strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&c, "BT /F1 11 Tf 72 %.1f Td (%s) Tj ET\n", l.y, l.text)
	}
	text, _, err := readPDFTest(t, onePage(latin1(c.String()), map[string]string{"F1": times}))
	want := "C. Principales motivos de preocupación y recomendaciones\n(…)\n"
	if err != nil || !strings.HasPrefix(text, want) || !strings.Contains(text, "(art. 2).\n(…)\nViolencia de género y mujeres en detención\n") {
		t.Errorf("paragraphs 1.44 lines apart read as\n%s, want\n%s… (%v)", text, want, err)
	}
}

// TestPDFBrowserPrint: a web page printed to PDF by Chromium carries the
// browser's header (date and time, the page's title) and footer (the
// address, "1/1", at one height) on every page, page 1 included; they
// are furniture, declared. An address alone at the foot of a page (a
// footnote's link) is text.
func TestPDFBrowserPrint(t *testing.T) {
	page := func(lines []string, footer string) []byte {
		var d testpdf.Doc
		font := d.Add(times)
		res := fmt.Sprintf("/Font << /F1 %d 0 R >>", font)
		var c strings.Builder
		c.WriteString("BT /F1 8 Tf 20 810 Td (12/8/26, 2:12 AM) Tj ET\nBT /F1 8 Tf 250 810 Td (Decisi\xf3n del Comit\xe9) Tj ET\n")
		for k, l := range lines {
			fmt.Fprintf(&c, "BT /F1 12 Tf 72 %d Td (%s) Tj ET\n", 740-20*k, latin1(l))
		}
		c.WriteString(footer)
		return d.Bytes(d.Add(testpdf.Page(res, d.Stream("", c.String()))))
	}
	body := []string{"Decisión adoptada por el Comité en su 88º período de sesiones", "1. El Comité toma nota de la información recibida.", "2. El Comité solicita al Estado parte un informe."}
	text, doc, err := readPDFTest(t, page(body, "BT /F1 8 Tf 20 20 Td (file:///tmp/x/carta.html) Tj ET\nBT /F1 8 Tf 560 20 Td (1/1) Tj ET\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"2:12 AM", "file:///", "1/1"} {
		if strings.Contains(text, gone) {
			t.Errorf("the browser's %q is in the text:\n%s", gone, text)
		}
	}
	if !strings.HasPrefix(text, "Decisión adoptada por el Comité") || doc.Dropped["furniture"] < 2 {
		t.Errorf("text %q, dropped %v; want the title first and the header and footer declared", text, doc.Dropped)
	}
	text, _, err = readPDFTest(t, page(body, "BT /F1 9 Tf 72 20 Td (https://www.ohchr.org/es/documents) Tj ET\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "https://www.ohchr.org/es/documents") {
		t.Errorf("an address alone at the foot was dropped:\n%s", text)
	}
}
