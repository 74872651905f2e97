package ingest

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/entity"
	"github.com/relatoria/relatoria/internal/testpdf"
)

func readSample(t *testing.T, name string) *corpus.Document {
	t.Helper()
	return readFrom(t, corpus.Sample, name)
}

// readTestdata reads testdata/docs/name.
func readTestdata(t *testing.T, name string) *corpus.Document {
	t.Helper()
	return readFrom(t, os.DirFS("testdata/docs"), name)
}

func readFrom(t *testing.T, fsys fs.FS, name string) *corpus.Document {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(name, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func countKinds(doc *corpus.Document) map[corpus.ParagraphKind]int {
	n := map[corpus.ParagraphKind]int{}
	for _, p := range doc.Paragraphs {
		n[p.Kind]++
	}
	return n
}

// TestResolution51_34 checks the structure of seed 003, real OCR output of
// Human Rights Council resolution 51/34.
func TestResolution51_34(t *testing.T) {
	doc := readSample(t, "003_458e2a76d7cd54dd.txt")
	if doc.Symbol != "A/HRC/RES/51/34" || doc.Symbol.Short() != "51/34" {
		t.Errorf("symbol = %q", doc.Symbol)
	}
	if doc.Body != "Consejo de Derechos Humanos" {
		t.Errorf("body = %q", doc.Body)
	}
	if doc.Adopted.String() != "2022-10-07" {
		t.Errorf("adopted = %q", doc.Adopted)
	}
	if doc.Kind != corpus.KindResolution {
		t.Errorf("kind = %q", doc.Kind)
	}
	if !strings.HasPrefix(doc.Title, "Fortalecimiento de la") {
		t.Errorf("title = %q", doc.Title)
	}
	n := countKinds(doc)
	if n[corpus.Preambular] != 16 || n[corpus.Operative] != 14 {
		t.Errorf("preambular %d operative %d, want 16 and 14", n[corpus.Preambular], n[corpus.Operative])
	}
	want := 1
	for _, p := range doc.Paragraphs {
		if p.Kind == corpus.Operative {
			if p.Number != corpus.NumberOf(want) {
				t.Errorf("operative paragraph %d numbered %q", want, p.Number)
			}
			want++
		}
		if strings.Contains(p.Text, "GE.22-16568") || strings.Contains(p.Text, "Resolución aprobada por el Consejo") {
			t.Errorf("furniture in ¶%d: %q", p.Ordinal, p.Text)
		}
	}
	p, ok := doc.Paragraph("7")
	if !ok || !strings.HasPrefix(p.Text, "Destaca la importancia de mejorar la") {
		t.Errorf("paragraph 7 = %q", p.Text)
	}
	if !strings.HasPrefix(p.Original, "7. Destaca") {
		t.Errorf("paragraph 7 original = %q", p.Original)
	}
	if !strings.Contains(doc.Vote, "sin vota") {
		t.Errorf("vote = %q", doc.Vote)
	}
}

func TestPageStructure(t *testing.T) {
	doc := readSample(t, "000_1d19a80b84d8d935.txt")
	labels := 0
	for _, p := range doc.Paragraphs {
		if strings.HasPrefix(p.Label, "Hito") {
			labels++
		}
	}
	if labels != 2 || doc.Kind != corpus.KindPage {
		t.Errorf("seed 000: %d milestone labels, kind %q; want 2, page", labels, doc.Kind)
	}
	html := readSample(t, "001_d16ac9bc5e6e920b.html")
	text := readSample(t, "001_d16ac9bc5e6e920b.txt")
	for _, d := range []*corpus.Document{html, text} {
		n := countKinds(d)
		if n[corpus.ListItem] < 14 {
			t.Errorf("%s: %d list items, want at least 14", d.Source, n[corpus.ListItem])
		}
		for _, p := range d.Paragraphs {
			if p.Text == "Image" || strings.Contains(p.Text, "JavaScript") || strings.HasSuffix(p.Text, "logo") || strings.HasPrefix(p.Text, "Cover of Goal") {
				t.Errorf("%s: boilerplate kept: %q", d.Source, p.Text)
			}
		}
	}
	if html.Title != "Grupo de Trabajo sobre Igualdad de Género y Empoderamiento de las Mujeres y las Niñas" {
		t.Errorf("html title = %q", html.Title)
	}
}

// TestPDFMatchesText checks that the PDF rendering of seed 004 yields the
// same paragraph texts as the seed itself: no word split or glued, hyphenated
// words rejoined. One paragraph had been let off: its PDF draws some word
// gaps by moving the pen inside TJ arrays ("buscarápromover",
// "delaComisiónInteramericanadeMujeres"), which tjWordGaps now reads.
func TestPDFMatchesText(t *testing.T) {
	pdf := readSample(t, "004_3bae5674daa3922c.pdf")
	txt := readSample(t, "004_3bae5674daa3922c.txt")
	want := map[string]bool{}
	for _, p := range txt.Paragraphs {
		want[p.Text] = true
	}
	found := 0
	for _, p := range pdf.Paragraphs {
		if want[p.Text] {
			found++
		}
	}
	if found < len(txt.Paragraphs) {
		for _, p := range pdf.Paragraphs {
			t.Logf("pdf ¶%d %q", p.Ordinal, p.Text)
		}
		t.Errorf("%d of %d paragraphs of the text found verbatim in the PDF", found, len(txt.Paragraphs))
	}
}

func TestUNPDF(t *testing.T) {
	doc := readTestdata(t, "A_RES_78_323.en.pdf")
	if doc.Symbol != "A/RES/78/323" || doc.Adopted.String() != "2024-08-13" || doc.Kind != corpus.KindResolution {
		t.Errorf("symbol %q adopted %q kind %q", doc.Symbol, doc.Adopted, doc.Kind)
	}
	n := countKinds(doc)
	if n[corpus.Operative] != 5 || n[corpus.Footnote] == 0 {
		t.Errorf("operative %d footnotes %d, want 5 and some", n[corpus.Operative], n[corpus.Footnote])
	}
	for _, p := range doc.Paragraphs {
		if p.Kind == corpus.Preambular && !startsUpper(p.Text) {
			t.Errorf("preambular ¶%d starts mid-sentence: %q", p.Ordinal, p.Text)
		}
	}
}

// TestSeedAnnotations checks the dates, citations and entities that the
// extraction issue names on the seeds.
func TestSeedAnnotations(t *testing.T) {
	d003 := readSample(t, "003_458e2a76d7cd54dd.txt")
	var cites []string
	for _, p := range d003.Paragraphs {
		for _, c := range p.Citations {
			cites = append(cites, c.Symbol.String())
		}
	}
	want := "A/RES/60/251 A/HRC/RES/5/1 A/HRC/RES/5/2 A/HRC/RES/16/21 A/HRC/RES/33/28 A/RES/70/1 A/HRC/RES/48/24 A/HRC/RES/18/18"
	if strings.Join(cites, " ") != want {
		t.Errorf("51/34 cites %v, want %s", cites, want)
	}
	if d003.Adopted.String() != "2022-10-07" {
		t.Errorf("51/34 adopted %s", d003.Adopted)
	}

	d000 := readSample(t, "000_1d19a80b84d8d935.txt")
	deadlines := 0
	for _, p := range d000.Paragraphs {
		for _, d := range p.Dates {
			if d.Role == "deadline" && d.Value == "2025-12-31" && d.Precision == "day" {
				deadlines++
			}
		}
	}
	if deadlines != 2 {
		t.Errorf("seed 000: %d deadlines 2025-12-31, want 2", deadlines)
	}

	d004 := readSample(t, "004_3bae5674daa3922c.txt")
	var ranges []string
	names := map[string]bool{}
	for _, p := range d004.Paragraphs {
		for _, d := range p.Dates {
			if strings.Contains(d.Value, "/") {
				ranges = append(ranges, d.Value+" "+d.Precision)
			}
		}
		for _, e := range p.Entities {
			names[e.Name] = true
		}
	}
	if strings.Join(ranges, ",") != "2024-05/2024-10 month" {
		t.Errorf("seed 004 ranges %v", ranges)
	}
	for _, n := range []string{"ONU Mujeres", "OEA", "ACNUR", "CIM", "MESECVI"} {
		e, ok := entity.DefaultGazetteer().Lookup(n)
		if !ok || !names[e.Name] {
			t.Errorf("seed 004: entity %s not found (have %v)", n, names)
		}
	}
}

func TestHyphenation(t *testing.T) {
	es := "Un párrafo en español sobre la cooperación técnica y los derechos humanos de las personas desplazadas en la región"
	for _, tt := range []struct {
		lines []string
		want  string
	}{
		{[]string{es, "la vio-", "lencia de género"}, "la violencia de género"},
		{[]string{es, "alianzas público-", "privadas"}, "alianzas público-privadas"},
		{[]string{es, "cooperación Norte-", "Sur"}, "cooperación Norte-Sur"},
	} {
		doc, err := Read("x.txt", []byte(strings.Join(tt.lines, "\n")), Options{NoRepair: true})
		if err != nil {
			t.Fatal(err)
		}
		all := ""
		for _, p := range doc.Paragraphs {
			all += p.Text + " "
		}
		if !strings.Contains(all, tt.want) {
			t.Errorf("%q: got %q, want it to contain %q", tt.lines[1:], all, tt.want)
		}
	}
}

func TestIsFurniture(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"GE.22-12345", true},
		{"GE.22-12345 (S) *2212345*", true},
		{"22-12345 2/5", true},
		{"25-03579* (E)", true}, // the job number of a reissued document
		{"25-03579* (E) *2503579*", true},
		{"3/12", true},
		{"___________________________________________", true},
		{"   ", false},
		{"A/HRC/RES/51/34", false},
		{"1. Decide seguir ocupándose de la cuestión.", false},
		{"3 de 12 de 14 de 15", false}, // seven fields
	}
	for _, tt := range tests {
		if got := isFurniture(tt.line); got != tt.want {
			t.Errorf("isFurniture(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

// FuzzFieldsUpTo checks fieldsUpTo against strings.Fields.
func FuzzFieldsUpTo(f *testing.F) {
	for _, s := range []string{"", " a  b\tc\n", "GE.22-12345 (S)", "uno dos tres cuatro cinco seis siete ocho", "\u00a0x\u2003y\u3000"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, n int) {
		n = n%10 + 1
		if n <= 0 {
			n += 10
		}
		want := strings.Fields(s)
		if len(want) > n {
			want = want[:n]
		}
		got := fieldsUpTo(s, make([]string, 0, n))
		if !slices.Equal(got, want) {
			t.Errorf("fieldsUpTo(%q, %d) = %q, want %q", s, n, got, want)
		}
	})
}

// TestPDFHeaderSymbol checks which PDF lines give the document's symbol:
// headers and mastheads do, a symbol cited in running text does not.
func TestPDFHeaderSymbol(t *testing.T) {
	cases := []struct {
		line string
		want corpus.Symbol
	}{
		{"S/RES/2769 (2025)", "S/RES/2769 (2025)"},
		{"United Nations S/RES/2770 (2025)", "S/RES/2770 (2025)"},
		{"United Nations                      S/RES/2776 (2025)*", "S/RES/2776 (2025)"},
		{"Naciones Unidas A/HRC/RES/51/34", "A/HRC/RES/51/34"},
		{"A/RES/78/323 International Day of Women and Girls of African Descent", "A/RES/78/323"},
		{"A/HRC/59/L.17", "A/HRC/59/L.17"},
		{"pública y privada se alcance mediante una amplia reforma legal. A/35/40, 18 de septiembre de", ""},
		{"A/35/40, 18 de septiembre de 1980", ""},
		{"de conformidad con la resolución A/HRC/RES/51/34", ""},
		{"Recordando su resolución A/RES/70/1 y", ""},
		{"A/35/40 y la Convención", ""},
		{"2/7 25-00687", ""},
		{"VIH/SIDA", ""},
	}
	for _, c := range cases {
		got, _ := pdfHeaderSymbol(c.line)
		if got != c.want {
			t.Errorf("pdfHeaderSymbol(%q) = %q, want %q", c.line, got, c.want)
		}
	}
}

// TestPDFSymbolNotFromCitation checks that a PDF whose second page begins
// with a line citing another document's symbol does not take that symbol as
// its own (the two documents would share an ID and replace each other in
// the index), while a symbol printed alone there, as a running header, is
// the document's.
func TestPDFSymbolNotFromCitation(t *testing.T) {
	for _, c := range []struct {
		top  string // the first line of page 2
		want corpus.Symbol
	}{
		{"pública y privada se alcance mediante una amplia reforma legal. A/35/40, 18 de septiembre de", ""},
		{"A/HRC/RES/51/34", "A/HRC/RES/51/34"},
	} {
		var paras []string
		for i := range 40 {
			paras = append(paras, fmt.Sprintf("El Comité examinó el informe número %d del Estado parte.", i+1))
		}
		paras[29] = c.top // line 2+2×29 = 60: the first of page 2
		doc, err := Read("informe.pdf", testpdf.Write("Informe del Comité", paras), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Symbol != c.want {
			t.Errorf("page 2 beginning %q: symbol %q, want %q", c.top, doc.Symbol, c.want)
		}
	}
}

// TestUNPDFMastheadAndFootnotes checks two real UN PDFs whose layout had
// put page furniture into the text: a draft resolution whose masthead is
// drawn after the text of page 1 (it was read as a paragraph in the middle
// of the document, joined to page 2, and its date taken for the adoption
// date), and a reissued resolution whose job number ends with an asterisk
// (it was taken for the title). Footnotes in 9-point type beside 10-point
// text are footnotes, and a paragraph goes on across them.
func TestUNPDFMastheadAndFootnotes(t *testing.T) {
	draft := readTestdata(t, "A_HRC_59_L.17.en.pdf")
	if draft.Symbol != "A/HRC/59/L.17" || draft.Title != "Human rights and climate change" || !draft.Adopted.IsZero() || draft.Kind != corpus.KindDraft {
		t.Errorf("draft: symbol %q title %q adopted %q kind %q, want A/HRC/59/L.17, its title, no adoption, a draft", draft.Symbol, draft.Title, draft.Adopted, draft.Kind)
	}
	// The note cited on several pages is printed at the foot of each: it
	// is kept once (it had been dropped as a running footer), with its
	// number as printed.
	notes := 0
	for _, p := range draft.Paragraphs {
		if p.Kind == corpus.Footnote && p.Text == "2 Adopted under the United Nations Framework Convention on Climate Change; see FCCC/CP/2015/10/Add.1, decision 1/CP.21." {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("draft: the repeated footnote on the Paris Agreement is there %d times, want once", notes)
	}
	reissued := readTestdata(t, "S_RES_2776__2025_.en.pdf")
	if reissued.Title != "Resolution 2776 (2025)" {
		t.Errorf("reissued: title %q", reissued.Title)
	}
	for _, doc := range []*corpus.Document{draft, reissued} {
		footnotes := 0
		for _, p := range doc.Paragraphs {
			for _, furniture := range []string{"Distr.", "Original: English", "25-03579", "United Nations A/"} {
				if strings.Contains(p.Text, furniture) {
					t.Errorf("%s ¶%d has page furniture %q: %q", doc.Symbol, p.Ordinal, furniture, p.Text)
				}
			}
			if p.Kind == corpus.Footnote {
				footnotes++
			} else if startsLower(p.Text) {
				t.Errorf("%s ¶%d (%s) starts mid-sentence: %q", doc.Symbol, p.Ordinal, p.Kind, p.Text)
			}
		}
		if footnotes < 2 {
			t.Errorf("%s: %d footnotes, want the notes of its pages", doc.Symbol, footnotes)
		}
	}
}

// TestTextMasthead checks that the masthead of a UN document's text (as
// pdftotext or OCR gives it) is not read as paragraphs, that its symbol is
// the document's, and that the processing footer is furniture.
func TestTextMasthead(t *testing.T) {
	text := strings.Join([]string{
		"Naciones Unidas                                            A/HRC/51/7",
		"Asamblea General                                           Distr. general",
		"                                                           5 de julio de 2022",
		"                                                           Español",
		"                                                           Original: inglés",
		"",
		"Consejo de Derechos Humanos",
		"51º período de sesiones",
		"",
		"Informe del Alto Comisionado sobre la cooperación técnica",
		"",
		"1. El presente informe se presenta de conformidad con la resolución 48/11 del Consejo.",
		"",
		"GE.22-10452 (S)    110722    120722",
		"",
	}, "\n")
	doc, err := Read("informe.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Symbol != "A/HRC/51/7" {
		t.Errorf("symbol %q, want A/HRC/51/7 from the masthead", doc.Symbol)
	}
	for _, p := range doc.Paragraphs {
		for _, furniture := range []string{"Naciones Unidas", "Distr.", "Español", "Original:", "GE.22"} {
			if strings.Contains(p.Text, furniture) {
				t.Errorf("¶%d has masthead or footer text %q: %q", p.Ordinal, furniture, p.Text)
			}
		}
	}
	if len(doc.Paragraphs) != 3 {
		t.Errorf("%d paragraphs, want 3 (the session heading, the title, paragraph 1)", len(doc.Paragraphs))
	}
	// Without "Distr." at the top there is no masthead: nothing is dropped.
	plain := "Naciones Unidas\n\nLa Oficina presta asistencia técnica a los Estados.\n"
	doc, err = Read("pagina.txt", []byte(plain), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Paragraphs) != 2 {
		t.Errorf("page without masthead: %d paragraphs, want 2", len(doc.Paragraphs))
	}
}

// TestContinued checks which paragraph a block starting in lower case goes
// on: the one broken by a page break, the last item of a list when the
// sentence that opened the list goes on after it, never across an item.
func TestContinued(t *testing.T) {
	para := func(text string) corpus.Paragraph { return corpus.Paragraph{Text: text} }
	note := corpus.Paragraph{Kind: corpus.Footnote, Text: "1 A/HRC/51/7."}
	tests := []struct {
		name string
		ps   []corpus.Paragraph
		text string
		want int // index in ps, -1 for none
	}{
		{"page break", []corpus.Paragraph{para("Pide a los Estados que")}, "adopten medidas.", 0},
		{"page break past a footnote", []corpus.Paragraph{para("Pide a los Estados que"), note}, "adopten medidas.", 0},
		{"after a sentence", []corpus.Paragraph{para("Pide a los Estados que adopten medidas.")}, "y decide seguir ocupándose.", -1},
		{"after a list", []corpus.Paragraph{para("Requests the Panel to provide:"), para("(b) a mid-term update; and"), para("(c) a final report by 13 November 2025;")},
			"and urges the Panel to seek feedback from the Committee;", 2},
		{"next item", []corpus.Paragraph{para("a) Promover la participación;")}, "b) Fortalecer las instituciones;", -1},
		{"next item with a dot", []corpus.Paragraph{para("- 07, por el que se modifica el Código Civil;")}, "b. Considere la posibilidad de aprobar la ley.", -1},
		{"capital", []corpus.Paragraph{para("Pide a los Estados que")}, "Decide seguir ocupándose.", -1},
	}
	for _, tt := range tests {
		got := continued(tt.ps, "", tt.text)
		want := (*corpus.Paragraph)(nil)
		if tt.want >= 0 {
			want = &tt.ps[tt.want]
		}
		if got != want {
			t.Errorf("%s: continued = %v, want %v", tt.name, got, want)
		}
	}
}

// TestRepeatedListItemsKept checks that a short list item recurring in a
// second list is kept (repeated short lines are otherwise taken for running
// titles and dropped), and that a repeated heading still is dropped.
func TestRepeatedListItemsKept(t *testing.T) {
	text := `Informe anual

Pide a los Estados que:

a) Adopten medidas;

b) Informen al Consejo.

Informe anual

Alienta a las organizaciones regionales a que:

a) Adopten medidas;

b) Cooperen entre sí.
`
	doc, err := Read("lista.txt", []byte(text), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	items, headings := 0, 0
	for _, p := range doc.Paragraphs {
		switch {
		case strings.Contains(p.Text, "Adopten medidas"):
			items++
		case p.Text == "Informe anual":
			headings++
		}
	}
	if items != 2 || headings != 1 {
		t.Errorf("%d items 'a) Adopten medidas' (want 2), %d headings 'Informe anual' (want 1): %+v", items, headings, doc.Paragraphs)
	}
}

// TestUNPDFListsAndSectionHeadings checks S/RES/2769 (2025): its list item
// "(c)" is kept (it was dropped as a copyright line), and the section
// heading "Arms Embargo" at the top of page 3 stands alone as a heading
// (it was joined to the last paragraph of page 2, "Acting under Chapter VII
// of the Charter of the United Nations,").
func TestUNPDFListsAndSectionHeadings(t *testing.T) {
	doc := readTestdata(t, "S_RES_2769__2025_.en.pdf")
	var items []string
	kinds := map[string]corpus.ParagraphKind{}
	for _, p := range doc.Paragraphs {
		if p.Kind == corpus.ListItem && len(p.Text) > 3 {
			items = append(items, p.Text[:3])
		}
		kinds[p.Text] = p.Kind
	}
	if want := "(a) (b) (c) (d) (e)"; !strings.HasPrefix(strings.Join(items, " "), want) {
		t.Errorf("list items begin %v, want %s", items, want)
	}
	if k := kinds["Arms Embargo"]; k != corpus.Heading {
		t.Errorf(`"Arms Embargo" is %q, want a heading of its own`, k)
	}
	if k := kinds["Acting under Chapter VII of the Charter of the United Nations,"]; k != corpus.Preambular {
		t.Errorf(`"Acting under Chapter VII …," is %q, want a preambular paragraph of its own`, k)
	}
	if k := kinds["Travel Ban and Asset Freeze"]; k != corpus.Heading {
		t.Errorf(`"Travel Ban and Asset Freeze" is %q, want a heading`, k)
	}
}

// TestRecurringContentKept checks what a document may say twice: in a file
// of several reports, each report's section heading, its note and the
// items of its lists are kept; a short line recurring on a copied web page
// (a logo caption, a site name) is still dropped after its first time.
func TestRecurringContentKept(t *testing.T) {
	md := `# Observaciones sobre México

## Informe 2005

### C. Motivos de preocupación y recomendaciones

No se observan recomendaciones con perspectiva de género.

* Comité contra la Tortura
  * 4º Observaciones finales sobre el Estado, Parag. 13

## Informe 2009

### C. Motivos de preocupación y recomendaciones

No se observan recomendaciones con perspectiva de género.

* Comité contra la Tortura
  * 4º Observaciones finales sobre el Estado, Parag. 13
`
	doc, err := Read("informes.md", []byte(md), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, p := range doc.Paragraphs {
		count[p.Text]++
	}
	for _, text := range []string{"C. Motivos de preocupación y recomendaciones", "No se observan recomendaciones con perspectiva de género.", "Comité contra la Tortura", "4º Observaciones finales sobre el Estado, Parag. 13"} {
		if count[text] != 2 {
			t.Errorf("%q: %d times, want 2 (once a report)", text, count[text])
		}
	}
	page := "ONU Mujeres\n\nLa violencia contra las mujeres es una violación de los derechos humanos.\n\nONU Mujeres\n\nLas mujeres rurales trabajan más horas.\n"
	doc, err = Read("pagina.txt", []byte(page), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(doc.Paragraphs); n != 3 {
		t.Errorf("web page copy: %d paragraphs, want 3 (the site name once): %+v", n, doc.Paragraphs)
	}
}

// TestHeadingsBeforeOperativePart checks that a heading between the
// preamble and the first operative paragraph is a heading, and that a
// preambular paragraph that lost its final comma stays preambular.
func TestHeadingsBeforeOperativePart(t *testing.T) {
	text := `51/34. Fortalecimiento de la cooperación técnica

El Consejo de Derechos Humanos,

Recordando su resolución 5/1

Reafirmando la importancia de la cooperación técnica en la esfera de los derechos humanos,

Seguimiento

1. Decide seguir ocupándose de la cuestión.
`
	doc, err := Read("r.txt", []byte(text), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]corpus.ParagraphKind{}
	for _, p := range doc.Paragraphs {
		kinds[p.Text] = p.Kind
	}
	for text, want := range map[string]corpus.ParagraphKind{
		"Recordando su resolución 5/1":             corpus.Preambular,
		"Seguimiento":                              corpus.Heading,
		"Decide seguir ocupándose de la cuestión.": corpus.Operative,
	} {
		if kinds[text] != want {
			t.Errorf("%q is %q, want %q (all: %v)", text, kinds[text], want, kinds)
		}
	}
}

// TestLetterDotItems checks that the items of a treaty body's lists,
// written "a. Adopte …", "b. …" or "iv. …", are list items.
func TestLetterDotItems(t *testing.T) {
	text := `48. El Comité recomienda al Estado parte que:

a. Agilice la aprobación del proyecto de ley sobre el régimen económico del matrimonio;

b. Considere la posibilidad de aprobar la nueva legislación sobre las uniones de hecho.

49. El Comité insta al Estado parte a que refuerce el mandato del Instituto.

50. El Comité pide al Estado parte que publique estas observaciones.
`
	doc, err := Read("obs.txt", []byte(text), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	items := 0
	for _, p := range doc.Paragraphs {
		if p.Kind == corpus.ListItem {
			items++
		}
	}
	if items != 2 {
		t.Errorf("%d list items, want 2 (a. and b.): %+v", items, doc.Paragraphs)
	}
}

// TestDocumentSymbolSources checks where a document's symbol may come
// from: a "Symbol:" line, the file's name as the UN names its files; never
// from a web address or a path in the text.
func TestDocumentSymbolSources(t *testing.T) {
	for _, tt := range []struct {
		name, text, want string
	}{
		{"informe.txt", "Informe sobre la violencia\n\nSymbol: A/HRC/17/18\n\nEl Grupo de Trabajo examinó el informe.\n", "A/HRC/17/18"},
		{"informe.txt", "Informe\n\nSignatura: CEDAW/C/ARG/CO/7\n\nTexto del informe.\n", "CEDAW/C/ARG/CO/7"},
		{"A_HRC_17_18.txt", "Informe del Grupo de Trabajo\n\nEl Grupo de Trabajo examinó el informe.\n", "A/HRC/17/18"},
		{"docs/S_RES_2776__2025_.en.txt", "Resolution text\n\nThe Council decides.\n", "S/RES/2776 (2025)"},
		{"A_HRC_59_L.17.en.txt", "Draft\n\nThe Council decides.\n", "A/HRC/59/L.17"},
		{"informe_2020_final.txt", "Informe\n\nTexto.\n", ""},
		{"informe.txt", "Informe sobre la violencia\n\nwww.risolidaria.org.pe/docs/ficheros/200801/49141400doc.pdf\n\nTexto que cita http://www.un.org/es/A/HRC/RES/5/1.pdf.\n", ""},
	} {
		doc, err := Read(tt.name, []byte(tt.text), Options{NoRepair: true})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Symbol.String() != tt.want {
			t.Errorf("Read(%q, %q).Symbol = %q, want %q", tt.name, tt.text, doc.Symbol, tt.want)
		}
		if tt.want == "" && !strings.HasPrefix(doc.ID, "doc-") {
			t.Errorf("Read(%q).ID = %q, want a doc- ID", tt.name, doc.ID)
		}
	}
}

// TestItemNumbers checks that the lettered items of a numbered paragraph
// are numbered after it ("7.a"), in letter order, and nothing else is.
func TestItemNumbers(t *testing.T) {
	text := "El Consejo de Derechos Humanos,\n\n" +
		"Recordando su resolución 5/1,\n\n" +
		"1. Decide que:\n\n(a) Los Estados informen;\n\n(b) La Oficina apoye;\n\n(i) un subapartado;\n\n(c) El Consejo examine;\n\n" +
		"2. Solicita al Alto Comisionado que informe.\n\n" +
		"3. Exhorta a:\n\n(b) una letra fuera de orden;\n"
	doc, err := Read("res.txt", []byte(text), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range doc.Paragraphs {
		if p.Number != "" {
			got = append(got, p.Number.String())
		}
	}
	if want := "1 1.a 1.b 1.c 2 3"; strings.Join(got, " ") != want {
		t.Errorf("numbers %q, want %q", strings.Join(got, " "), want)
	}
	for _, p := range doc.Paragraphs {
		if p.Number == "1.a" && p.Printed() != "(a) Los Estados informen;" {
			t.Errorf("item 1.a printed %q, want its text alone", p.Printed())
		}
	}
}

// TestPDFStandardFontSpaces checks that a PDF in a standard font without
// /Widths (Helvetica, as many producers and internal/testpdf write it)
// keeps its word spaces: with no width for the space glyph, the word
// spacing rule took every space for kerning and glued the words
// ("Documentodeprueba", "ComitécontralaTortura").
func TestPDFStandardFontSpaces(t *testing.T) {
	paras := []string{
		"El Comité contra la Tortura recomienda que el Estado parte adopte medidas eficaces.",
		"Convención Belém do Pará: informe final sobre Costa Rica, párrafo 4.",
	}
	doc, err := Read("informe.pdf", testpdf.Write("Documento de prueba", paras), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range doc.Paragraphs {
		got = append(got, p.Text)
	}
	all := strings.Join(got, "\n")
	for _, want := range append([]string{"Documento de prueba"}, paras...) {
		if !strings.Contains(all, want) {
			t.Errorf("the text lacks %q; it reads:\n%s", want, all)
		}
	}
}

// TestTextLists checks a text file of lists as word processors export
// them: "o" items under "-" items (indented with a tab) are items of their
// own, also when one repeats, a short line ending in a full stop between
// two lists is the topic of the next, and the items nest under their
// parents (corpus.Document.Sections).
func TestTextLists(t *testing.T) {
	text := "Sistematización por temáticas de las recomendaciones\n\n" +
		"Acceso a la justicia\n\n" +
		"- Comité contra la Tortura\n\to 1° Observaciones finales sobre el Estado, Parag. 16\n" +
		"- Comité de Derechos Humanos\n\to 1° Observaciones finales sobre el Estado, Parag. 16\n\to 2° Observaciones finales sobre el Estado, Parag. 8\n\n" +
		"Derecho a la igualdad; igualdad de trato entre el hombre y la mujer.\n\n" +
		"- Comité contra la Tortura\n\to 3° Observaciones finales sobre el Estado, Parag. 21\n\n" +
		"Fin del documento, con una frase cualquiera que lo cierra.\n"
	doc, err := Read("lista.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	secs := doc.Sections()
	for i, p := range doc.Paragraphs {
		got = append(got, fmt.Sprintf("%s %s %q", p.Kind, p.Text, secs[i]))
	}
	want := []string{
		`heading Sistematización por temáticas de las recomendaciones []`,
		`heading Acceso a la justicia []`,
		`list-item Comité contra la Tortura ["Acceso a la justicia"]`,
		`list-item 1° Observaciones finales sobre el Estado, Parag. 16 ["Acceso a la justicia" "Comité contra la Tortura"]`,
		`list-item Comité de Derechos Humanos ["Acceso a la justicia"]`,
		`list-item 1° Observaciones finales sobre el Estado, Parag. 16 ["Acceso a la justicia" "Comité de Derechos Humanos"]`,
		`list-item 2° Observaciones finales sobre el Estado, Parag. 8 ["Acceso a la justicia" "Comité de Derechos Humanos"]`,
		`heading Derecho a la igualdad; igualdad de trato entre el hombre y la mujer. []`,
		`list-item Comité contra la Tortura ["Derecho a la igualdad; igualdad de trato entre el hombre y la mujer."]`,
		`list-item 3° Observaciones finales sobre el Estado, Parag. 21 ["Derecho a la igualdad; igualdad de trato entre el hombre y la mujer." "Comité contra la Tortura"]`,
		`paragraph Fin del documento, con una frase cualquiera que lo cierra. ["Derecho a la igualdad; igualdad de trato entre el hombre y la mujer."]`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMarkdownBlockQuote: a block quote's text comes without its ">"
// markers (they are markup, not the document's words), a paragraph of its
// own; "> " alone separates its paragraphs, a lazy line goes on with the
// one before, and ">" inside a fenced block is text.
func TestMarkdownBlockQuote(t *testing.T) {
	src := "# Notas\n\nEl Comité recuerda:\n> «Nadie será sometido a torturas.»\n> Artículo 5.\n>\n> > Una cita dentro,\nque sigue.\n\nOtro párrafo.\n\n```\n> no es una cita\n```\n"
	doc, err := Read("notas.md", []byte(src), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range doc.Paragraphs {
		got = append(got, p.Text)
	}
	want := []string{"Notas", "El Comité recuerda:", "«Nadie será sometido a torturas.» Artículo 5.", "Una cita dentro, que sigue.", "Otro párrafo.", "> no es una cita"}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
}
