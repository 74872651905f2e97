package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/entity"
	"github.com/relatoria/relatoria/ingest/extract"
	"github.com/relatoria/relatoria/spanish"
)

// This file works out what a document is when it is not a UN resolution
// (structureResolution knows those): its title, the body that issued it,
// the date it was adopted or handed down, its type and the State it
// concerns, from what its first page says.
//
// The first page of a judgment, an order, a report or a law opens with a
// block of headings that names it ("CORTE INTERAMERICANA DE DERECHOS
// HUMANOS / CASO GELMAN VS. URUGUAY / SENTENCIA DE 24 DE FEBRERO DE 2011 /
// (Fondo y Reparaciones)", "INFORME No. 11/20 / CASO 13.082 / INFORME DE
// FONDO / … / GUATEMALA / 3 de marzo de 2020"); that block is the title,
// whole, and the first place each of the others is looked for. Then the
// opening paragraphs ("la Comisión Interamericana de Derechos Humanos (en
// adelante …) recibió", "el Estado de Costa Rica (en adelante “el
// Estado”)", "Lima, veintiuno de mayo de dos mil veintiséis."), the labelled
// lines of a register ("Fecha Promulgación: 22-ENE-2018", "Órgano: Tribunal
// Supremo"), the symbol ("CEDAW/C/ARG/CO/6": Argentina), a Markdown file's
// categories, and last the lines the reader dropped as furniture (a court's
// name in a running head or a signature stamp). A State is named only when
// the cues name one: a document whose opening names several, or none, has
// no country.

// frontParagraphs is how many paragraphs from the start count as the
// opening a document names itself in (about the first two pages of a
// judgment), and frontChars the most text they may hold.
const (
	frontParagraphs = 60
	frontChars      = 20000
)

// identify sets doc's Title (for documents other than resolutions and web
// pages), Body, Adopted, Type and Country where the document says them and
// they are not set already.
func identify(doc *corpus.Document) {
	ps := doc.Paragraphs
	var lines []string
	after := 0
	if doc.Format != corpus.FormatMarkdown {
		// A Markdown file's title is its front matter's or first
		// heading's; the headings under it are its sections.
		lines, after = headingBlock(ps)
	}
	blockText := strings.Join(lines, "\n")
	if len(lines) > 0 && doc.Kind == corpus.KindOther && doc.Format != corpus.FormatHTML {
		doc.Title = joinTitle(lines)
	}
	front := frontText(ps, after)
	compilation := doc.Format == corpus.FormatMarkdown && cycles(ps) > 1
	titleText := doc.Title + "\n" + blockText
	if doc.Body == "" {
		doc.Body = findBody(titleText, false)
		if doc.Body == "" {
			doc.Body = bodyOfSymbol(doc.Symbol)
		}
		// The opening of a judgment, report or law names its body as its
		// subject ("la Comisión Interamericana de Derechos Humanos (en
		// adelante …) recibió", "el H. Congreso Nacional ha dado su
		// aprobación"); a web page's text names bodies it is about.
		if doc.Body == "" && doc.Kind == corpus.KindOther && doc.Format != corpus.FormatMarkdown {
			doc.Body = findBody(front, true)
		}
		if doc.Body == "" && doc.Kind == corpus.KindOther && doc.Format == corpus.FormatPDF {
			doc.Body = furnitureBody(droppedText(doc))
		}
	}
	if doc.Adopted.IsZero() && !compilation && doc.Kind != corpus.KindDraft && doc.Kind != corpus.KindPage {
		doc.Adopted = findDate(blockText, ps, after)
	}
	if doc.Type == "" {
		doc.Type = findType(doc, titleText, front, compilation)
	}
	if doc.Country == "" {
		doc.Country = findCountry(doc, titleText, front)
	}
}

// headingBlock returns the lines of the heading block of the first page,
// and the index of the paragraph after the block: the run of title lines
// at the top, after any page furniture the reader kept, a UN report's
// organ, session and agenda lines, and a table of contents' label. It reads
// the lines of each paragraph as extracted (Original), so that a block
// that a reader joined into one paragraph ("REINTEGRO AL FONDO DE
// ASISTENCIA LEGAL DE VÍCTIMAS" / "VISTO:") is read line by line.
func headingBlock(ps []corpus.Paragraph) ([]string, int) {
	i, afterAgenda := 0, false
	for ; i < len(ps) && i < 12; i++ {
		t := ps[i].Text
		switch {
		case furnitureLike(t), isContentsLabel(t):
			continue
		case sessionInfo.MatchString(t):
			afterAgenda = agendaItem.MatchString(t)
			continue
		case afterAgenda:
			afterAgenda = false // the agenda item's name
			continue
		case i+1 < len(ps) && sessionInfo.MatchString(ps[i+1].Text) && len(t) < 80:
			continue // the organ before its session: "Consejo de Derechos Humanos"
		}
		break
	}
	for k := i; k < len(ps) && k < i+3; k++ {
		if registerLine.MatchString(ps[k].Text) {
			// A register's first line names the document: "Roj: STS
			// 3378/2022 - ECLI:ES:TS:2022:3378".
			return paragraphLines(&ps[k])[:1], k + 1
		}
	}
	var out []string
	for ; i < len(ps) && len(out) < 10; i++ {
		p := &ps[i]
		if p.Number != "" {
			break
		}
		// A heading in mixed case that wraps is one line ("Informe del
		// Grupo de Trabajo sobre el Examen" / "Periódico Universal*");
		// anything else is read line by line: a block in capitals is a
		// line a heading, and a reader may have joined a block to what
		// follows it.
		lines := paragraphLines(p)
		if len(lines) > 1 && p.Kind == corpus.Heading && !mostlyUpper(p.Text) && titleLine(p.Text, p.Kind, false) {
			lines = []string{strings.TrimSpace(p.Text)}
		}
		taken := 0
		for k, l := range lines {
			if romanSection.MatchString(l) {
				taken++
				continue // "I. RESUMEN", printed beside the block
			}
			// A line goes on the one before it in the same paragraph
			// ("Amicus curiae" / "para la Acción de …", "… 18 DE FEBRERO"
			// / "DE 2025.").
			cont := k > 0 && taken == k && !strings.ContainsAny(lines[k-1][len(lines[k-1])-1:], ".:;")
			if isSectionWord(l) || !titleLine(l, p.Kind, len(out) == 0 && len(lines) > 1) && !(cont && continuation(lines[k-1], l)) && !(len(out) > 0 && dateOnly(l)) {
				break
			}
			out = append(out, l)
			taken++
		}
		if taken < len(lines) {
			if taken > 0 {
				i++ // the rest of this paragraph is the opening
			}
			break
		}
	}
	return out, i
}

// paragraphLines returns the lines of a paragraph as extracted, a
// parenthesis that runs over several lines joined into one: "(Interpretación
// de la Sentencia de Excepción Preliminar," / "Fondo, Reparaciones y
// Costas)".
func paragraphLines(p *corpus.Paragraph) []string {
	src := p.Original
	if src == "" || len(p.Repairs) > 0 {
		src = p.Text
	}
	var out []string
	open := false
	for _, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(stripMarkdown(l))
		if l == "" {
			continue
		}
		if open && len(out) > 0 {
			out[len(out)-1] += " " + l
		} else {
			out = append(out, l)
		}
		last := out[len(out)-1]
		open = strings.Count(last, "(") > strings.Count(last, ")")
	}
	if len(out) == 0 {
		out = []string{p.Text}
	}
	return out
}

// continuation reports whether line, which follows prev in a paragraph,
// is the rest of its phrase: it starts in lower case or with "de" and a
// figure, and is short.
func continuation(prev, line string) bool {
	if utf8.RuneCountInString(line) > 150 || strings.HasSuffix(line, ":") || strings.HasSuffix(line, ",") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	return unicode.IsLower(r) && !strings.HasSuffix(line, ".") || continues(prev, line) && strings.ToUpper(line) == line
}

// registerLine is the first line of a register's record: "Roj: STS
// 3378/2022 - ECLI:ES:TS:2022:3378".
var registerLine = regexp.MustCompile(`^(?:Roj|ECLI|Id Cendoj)\s*:`)

// romanSection matches a numbered section heading: "I. RESUMEN", "II.
// ALEGATOS DE LAS PARTES".
var romanSection = regexp.MustCompile(`^[IVX]{1,4}\.?\s+\p{Lu}`)

// furnitureLike reports whether a line is page furniture a reader kept: a
// footer with an address or a page count.
func furnitureLike(t string) bool {
	if !mayBeFurniture(t) {
		return false
	}
	l := strings.ToLower(t)
	return strings.Contains(l, "www.") || strings.Contains(l, "http") ||
		strings.Contains(l, "gina") && pageCount.MatchString(l) ||
		strings.Contains(l, "firma digital") || strings.Contains(l, "notificaciones electronicas") ||
		mayHoldTimestamp(l) && timestamp.MatchString(l)
}

// furnitureNeedles are what a line in lower case holds for furnitureLike
// to say yes: "gina" for pageCount ("página", "pagina").
var furnitureNeedles = newFoldNeedles([]string{"www.", "http", "gina", "firma digital", "notificaciones electronicas"})

// mayBeFurniture reports whether t may be furniture without lower-casing
// it: it holds one of furnitureNeedles in any case of ASCII, or "İ" (which
// strings.ToLower makes an "i"; the Kelvin sign, its only other letter
// beyond ASCII that becomes one, is in no needle), or a time. Most
// paragraphs hold none, and furnitureLike runs on each of a document's
// front three times (FuzzIdentityNeeds).
func mayBeFurniture(t string) bool {
	return furnitureNeedles.in(t) || strings.Contains(t, "İ") || mayHoldTimestamp(t)
}

// mayHoldTimestamp reports whether s has a colon between two pairs of
// digits, as every match of timestamp does: the test spares running the
// pattern, which has no literal to look for first, on every paragraph of a
// document's front (furnitureLike runs on each of them three times).
func mayHoldTimestamp(s string) bool {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		if i >= 2 && i+2 < len(s) && isDigit(s[i-2]) && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) {
			return true
		}
		j := strings.IndexByte(s[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// isDigit reports whether c is an ASCII digit.
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// timestamp is a signature stamp's time: "16/06/2026 06:51:47".
var timestamp = regexp.MustCompile(`[0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}`)

var pageCount = regexp.MustCompile(`p[aá]gina\s+[0-9]+\s+(?:de|\|)\s+[0-9]+`)

func isContentsLabel(t string) bool {
	switch spanish.FoldLower(strings.TrimRight(t, ": ")) {
	case "indice", "tabla de contenido", "contenido", "sumario":
		return true
	}
	return false
}

// sectionWords open the body of a document after its heading block.
var sectionWords = map[string]bool{
	"visto": true, "vistos": true, "vista": true, "considerando": true, "considerando que": true, "resuelve": true,
	"por tanto": true, "preambulo": true, "introduccion": true, "resumen": true, "antecedentes": true,
	"indice": true, "tabla de contenido": true, "contenido": true, "sumario": true, "hechos": true,
	"antecedentes de hecho": true, "fundamentos de derecho": true,
}

// isSectionWord reports whether a line is a section's name that opens the
// body: "VISTO:", "Preámbulo", "INTRODUCCIÓN.", "Anexo 1".
func isSectionWord(t string) bool {
	f := spanish.FoldLower(strings.TrimRight(t, ":. "))
	return sectionWords[f] || annexLine.MatchString(f)
}

var annexLine = regexp.MustCompile(`^anexo(?:\s+[0-9ivx]+)?$`)

// titleLine reports whether a line reads as a line of a heading block:
// short, not ending like a sentence that goes on (":" "," ";"), in
// capitals, or laid out as a heading (kind), or a parenthesis ("(Fondo)"),
// or the first line of a document that a reader joined to what follows
// (first).
func titleLine(t string, kind corpus.ParagraphKind, first bool) bool {
	t = strings.TrimSpace(t)
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 300 || strings.HasSuffix(t, ":") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, ";") {
		return false
	}
	letters, upper := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters < 3 || labelLine.MatchString(t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLower(r) {
		return false
	}
	if upper*10 >= letters*7 || strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && n < 160 {
		return true
	}
	// In mixed case, a heading as the layout says (or a note the layout
	// took it for), not ending as a sentence does.
	return (kind == corpus.Heading || kind == corpus.Footnote || first && n <= 150) && !strings.HasSuffix(t, ".") && n <= 200
}

// mostlyUpper reports whether seven tenths of the letters of t are
// capitals.
func mostlyUpper(t string) bool {
	letters, upper := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && upper*10 >= letters*7
}

// labelLine matches a labelled line of a register: "Fecha Publicación:
// 29-ENE-2018", "Órgano:Tribunal Supremo".
var labelLine = regexp.MustCompile(`^\p{Lu}[\p{L} .º°]{0,40}:\s*\S`)

// joinTitle joins the lines of a heading block into a title: a line that
// goes on the one before ("RESOLUCIÓN DE LA" / "CORTE INTERAMERICANA …",
// "… HUMANOS" / "DE 22 DE FEBRERO DE 2011", "(Fondo)") after a space,
// the others after " / ". Footnote marks at a line's end are dropped.
func joinTitle(lines []string) string {
	var b strings.Builder
	prev := ""
	for _, l := range lines {
		l = strings.TrimRightFunc(strings.TrimSpace(l), func(r rune) bool {
			return strings.ContainsRune("*∗†", r) || r >= 0xE000 && r <= 0xF8FF // marks, and a font's private glyphs for them
		})
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			if continues(prev, l) {
				b.WriteString(" ")
			} else {
				b.WriteString(" / ")
			}
		}
		b.WriteString(l)
		prev = l
	}
	return b.String()
}

// continues reports whether line goes on from prev as one phrase.
func continues(prev, line string) bool {
	words := strings.Fields(prev)
	if last := spanish.FoldLower(words[len(words)-1]); connector[last] {
		return true
	}
	first, _ := utf8.DecodeRuneInString(line)
	if unicode.IsLower(first) || first == '(' {
		return true
	}
	w := strings.Fields(spanish.FoldLower(line))
	return len(w) > 1 && (w[0] == "de" || w[0] == "del") && len(w[1]) > 0 && w[1][0] >= '0' && w[1][0] <= '9'
}

// connector are the words a heading line may break after.
var connector = map[string]bool{
	"de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "y": true, "e": true,
	"en": true, "para": true, "sobre": true, "contra": true, "a": true, "al": true, "por": true, "respecto": true,
}

// frontText returns the opening paragraphs from the paragraph the heading
// block ends in (at), notes and page furniture left out, joined by
// newlines.
func frontText(ps []corpus.Paragraph, at int) string {
	var b strings.Builder
	start := max(0, at-1)
	for i := start; i < len(ps) && i < start+frontParagraphs && b.Len() < frontChars; i++ {
		p := &ps[i]
		if p.Kind == corpus.Footnote && !titleLine(p.Text, p.Kind, false) && !labelLine.MatchString(p.Text) || furnitureLike(p.Text) {
			continue
		}
		b.WriteString(p.Text)
		b.WriteString("\n")
	}
	return b.String()
}

// droppedText returns the lines the reader dropped as furniture: a running
// head or a signature stamp may name the court.
func droppedText(doc *corpus.Document) string {
	var b strings.Builder
	for i := range min(len(doc.Paragraphs), frontParagraphs) {
		if t := doc.Paragraphs[i].Text; furnitureLike(t) {
			b.WriteString(t) // furniture the reader kept: a signature stamp
			b.WriteString("\n")
		}
	}
	for _, d := range doc.DroppedLines {
		if d.Kind == "furniture" || d.Kind == "repeated" || d.Kind == "masthead" {
			b.WriteString(d.Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

// cycles counts the headings of a compilation that each open a report
// ("1º Observaciones finales sobre el primer informe … adoptadas en marzo
// de 1990"): a file of several reports has no one date.
func cycles(ps []corpus.Paragraph) int {
	n := 0
	for _, p := range ps {
		if p.Kind == corpus.Heading && reportHeading.MatchString(spanish.FoldLower(p.Text)) {
			n++
		}
	}
	return n
}

var reportHeading = regexp.MustCompile(`observaciones finales|conclusiones y recomendaciones|examen periodico universal|informe del grupo de trabajo|adoptad[ao]s? (?:el|en)`)

// nationalBodies are the courts and legislatures a document may issue from,
// matched folded, in the order tried at each place; the canonical name
// follows.
var nationalBodies = []struct {
	re   *regexp.Regexp
	name string
}{
	{regexp.MustCompile(`\bcorte interamericana de derechos humanos\b|\bcorte idh\b`), "Corte Interamericana de Derechos Humanos"},
	{regexp.MustCompile(`\bcomision interamericana de derechos humanos\b`), "Comisión Interamericana de Derechos Humanos"},
	{regexp.MustCompile(`\bsuprema corte de justicia de la nacion\b`), "Suprema Corte de Justicia de la Nación"},
	{regexp.MustCompile(`\bcorte suprema de justicia de la republica\b`), "Corte Suprema de Justicia de la República"},
	{regexp.MustCompile(`\bcorte suprema de justicia\b`), "Corte Suprema de Justicia"},
	{regexp.MustCompile(`\bcorte suprema\b`), "Corte Suprema"},
	{regexp.MustCompile(`\bcorte constitucional\b`), "Corte Constitucional"},
	{regexp.MustCompile(`\btribunal constitucional\b`), "Tribunal Constitucional"},
	{regexp.MustCompile(`\btribunal supremo de justicia\b`), "Tribunal Supremo de Justicia"},
	{regexp.MustCompile(`\btribunal supremo\b`), "Tribunal Supremo"},
	{regexp.MustCompile(`\btribunal superior de justicia\b|\bt\.s\.j\.`), "Tribunal Superior de Justicia"},
	{regexp.MustCompile(`\btribunal europeo de derechos humanos\b`), "Tribunal Europeo de Derechos Humanos"},
	{regexp.MustCompile(`\bcongreso nacional\b`), "Congreso Nacional"},
	{regexp.MustCompile(`\bcongreso de la republica\b`), "Congreso de la República"},
	{regexp.MustCompile(`\bcongreso de la union\b`), "Congreso de la Unión"},
	{regexp.MustCompile(`\bcortes generales\b`), "Cortes Generales"},
	{regexp.MustCompile(`\basamblea legislativa plurinacional\b`), "Asamblea Legislativa Plurinacional"},
	{regexp.MustCompile(`\basamblea legislativa\b`), "Asamblea Legislativa"},
	{regexp.MustCompile(`\basamblea nacional\b`), "Asamblea Nacional"},
}

// nationalNeeds holds, for each of nationalBodies, strings of which a
// text must hold one for its pattern to match: its alternatives without
// their word boundaries (each pattern is literal words between \b, which
// TestNationalNeeds checks). findBody looks for them (firstNational)
// instead of running the patterns: a pattern that begins with \b cannot
// skip ahead to its literal, and the nineteen had read the whole front of
// every document (a fifth of an ingest of the bench corpus).
var nationalNeeds = func() [][]string {
	out := make([][]string, len(nationalBodies))
	for i, b := range nationalBodies {
		for _, alt := range strings.Split(b.re.String(), "|") {
			out[i] = append(out[i], strings.ReplaceAll(strings.ReplaceAll(alt, `\b`, ""), `\.`, "."))
		}
	}
	return out
}()

// nationalByByte lists, by their first byte, the needs of nationalBodies
// with the index of their body, in the order of nationalBodies.
var nationalByByte = func() (m [256][]nationalNeed) {
	for k, ns := range nationalNeeds {
		for _, n := range ns {
			m[n[0]] = append(m[n[0]], nationalNeed{k, n})
		}
	}
	return m
}()

// nationalNeed is a need of nationalBodies[body].
type nationalNeed struct {
	body int
	need string
}

// firstNational returns the index in nationalBodies of the body that
// folded names first, and where; -1, -1 when it names none. Where two
// begin at the same place, the first in nationalBodies: what running each
// pattern over the text and keeping the earliest match gave. Each pattern
// is its needs between word boundaries (TestNationalNeeds), so one pass
// over the words of the text finds them, where the patterns, beginning
// with \b, had read the whole text each.
func firstNational(folded string) (int, int) {
	for i := 0; i < len(folded); i++ {
		cands := nationalByByte[folded[i]]
		if len(cands) == 0 || i > 0 && isASCIIWordByte(folded[i-1]) {
			continue
		}
		k := -1
		for _, c := range cands {
			if (k < 0 || c.body < k) && strings.HasPrefix(folded[i:], c.need) && wordEndsAt(folded, c.need, i+len(c.need)) {
				k = c.body
			}
		}
		if k >= 0 {
			return k, i
		}
	}
	return -1, -1
}

// wordEndsAt reports whether the \b after need, ending at j in s, holds:
// needs that end with a full stop have none ("t.s.j.").
func wordEndsAt(s, need string, j int) bool {
	if strings.HasSuffix(need, ".") {
		return true
	}
	return j == len(s) || !isASCIIWordByte(s[j])
}

// bodyOf maps the names of the gazetteer that are bodies issuing documents
// to the body Document.Body names: the Universal Periodic Review is
// reported on by its working group.
var bodyOf = map[string]string{
	"Examen Periódico Universal": "Grupo de Trabajo sobre el Examen Periódico Universal",
}

// findBody returns the first body text names: a court or legislature of
// nationalBodies, or an organ or mechanism of the gazetteer (a UN organ, a
// treaty body, the UPR, the Inter-American Commission); "" when none. In
// running text (defined), an organ or mechanism of the gazetteer counts
// only where the text defines it as its subject ("(en adelante …)").
func findBody(text string, defined bool) string {
	if text == "" {
		return ""
	}
	best, at := "", len(text)+1
	folded := foldRunes(text)
	if k, j := firstNational(folded); k >= 0 {
		best, at = nationalBodies[k].name, foldedOffset(text, j)
	}
	g := entity.DefaultGazetteer()
	for _, line := range splitKeep(text) {
		if line.start >= at {
			break
		}
		if defined && !mayDefine(line.text) {
			continue // no entity of this line can pass the test below
		}
		for _, e := range g.Entities(line.text, nil) {
			if e.Type != entity.TypeOrgan && e.Type != entity.TypeMechanism {
				continue
			}
			i := strings.Index(line.text, e.Text)
			if defined && (i < 0 || !definedHere.MatchString(line.text[i+len(e.Text):]) && !issuedBy.MatchString(line.text[:i])) {
				continue
			}
			if i >= 0 && line.start+i < at {
				best, at = e.Name, line.start+i
				if b, ok := bodyOf[e.Name]; ok {
					best = b
				}
			}
		}
	}
	return best
}

// mayDefine reports whether a line holds what definedHere or issuedBy
// needs: "(en adelante", "(en lo sucesivo" or "(hereinafter", or one of
// issuedStems in any case. When it does not, no organ it names is defined
// as its subject, and findBody does not look for them (the gazetteer's
// look-up of every line of a document's front).
func mayDefine(line string) bool {
	if strings.Contains(line, "(en adelante") || strings.Contains(line, "(en lo sucesivo") || strings.Contains(line, "(hereinafter") {
		return true
	}
	return issuedNeedles.in(line)
}

// issuedStems are the words of issuedBy, in lower case.
var issuedStems = []string{"adoptad", "aprobad", "proclamad", "dictad", "emitid", "adopted", "approved"}

var issuedNeedles = newFoldNeedles(issuedStems)

// definedHere follows a name the text defines: "(en adelante “la
// Comisión”", "(hereinafter".
var definedHere = regexp.MustCompile(`^\s*\((?:en adelante|en lo sucesivo|hereinafter)`)

// issuedBy precedes the body that adopted a text: "Adoptada y proclamada
// por la", "aprobado por el".
var issuedBy = regexp.MustCompile(`(?i)\b(?:adoptad|aprobad|proclamad|dictad|emitid|adopted|approved)[ao]?s?(?: y \p{L}+)? (?:por|by) (?:el |la |the )?$`)

// symbolBodies are the bodies whose documents a symbol's series names.
var symbolBodies = []struct{ prefix, body string }{
	{"CEDAW/", "Comité para la Eliminación de la Discriminación contra la Mujer"},
	{"CCPR/", "Comité de Derechos Humanos"},
	{"CERD/", "Comité para la Eliminación de la Discriminación Racial"},
	{"CAT/", "Comité contra la Tortura"},
	{"CRC/", "Comité de los Derechos del Niño"},
	{"CRPD/", "Comité sobre los Derechos de las Personas con Discapacidad"},
	{"CMW/", "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios y de Sus Familiares"},
	{"E/C.12/", "Comité de Derechos Económicos, Sociales y Culturales"},
	{"A/HRC/WG.6/", "Grupo de Trabajo sobre el Examen Periódico Universal"},
}

// bodyOfSymbol returns the body a treaty body's or the UPR's symbol names.
func bodyOfSymbol(s corpus.Symbol) string {
	for _, b := range symbolBodies {
		if strings.HasPrefix(s.String(), b.prefix) {
			return b.body
		}
	}
	return ""
}

// furnitureBody returns the court or legislature that a document's page
// furniture names (running heads, signature stamps), the most specific
// where several: "CORTE SUPREMA DE JUSTICIA DE LA REPÚBLICA" over the
// stamp's "CORTE SUPREMA".
func furnitureBody(text string) string {
	folded := foldRunes(text)
	for _, b := range nationalBodies {
		if b.re.MatchString(folded) {
			return b.name
		}
	}
	return ""
}

type lineAt struct {
	text  string
	start int
}

// splitKeep splits text into its lines with their offsets.
func splitKeep(text string) []lineAt {
	var out []lineAt
	start := 0
	for start <= len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			out = append(out, lineAt{text[start:], start})
			break
		}
		out = append(out, lineAt{text[start : start+end], start})
		start += end + 1
	}
	return out
}

// foldRunes folds text to lower case without accents, rune by rune
// (spanish.FoldLower of each rune; of an ASCII one, its lower case).
func foldRunes(text string) string {
	b := make([]byte, 0, len(text))
	for _, r := range text {
		b = appendFoldRune(b, r)
	}
	return string(b)
}

// foldedOffset returns the offset in text of the rune whose fold holds
// byte j of foldRunes(text); len(text) when j is the length of the fold.
func foldedOffset(text string, j int) int {
	var buf [utf8.UTFMax * 4]byte
	n := 0
	for i, r := range text {
		n += len(appendFoldRune(buf[:0], r))
		if j < n {
			return i
		}
	}
	return len(text)
}

// appendFoldRune appends spanish.FoldLower of r to b.
func appendFoldRune(b []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		c := byte(r)
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return append(b, c)
	}
	return append(b, spanish.FoldLower(string(r))...)
}

var (
	// promulgated is a register's date of a law: "Fecha Promulgación:
	// 22-ENE-2018", "Promulgación: 06-MAR-2022".
	promulgated = regexp.MustCompile(`(?i)promulgaci[oó]n\s*:\s*(\S+)`)
	// datedLabel is a register's date of a judgment: "Fecha de
	// sentencia: 20/09/2022", "Fecha: 14/05/2025".
	datedLabel = regexp.MustCompile(`(?i)^(?:fecha(?: de (?:sentencia|resoluci[oó]n|adopci[oó]n|aprobaci[oó]n))?)\s*:\s*(.+)$`)
	// placeDate is a place-and-date line: "San José, Costa Rica, 26 de
	// noviembre de 2010", "Lima, veintiuno de mayo de dos mil
	// veintiséis.", "En la ciudad de Palma, a 14 de mayo de 2025.",
	// "Dado y firmado en … a los 9 días del mes de octubre de 2002".
	placeDate = regexp.MustCompile(`^(?:(?:En la ciudad de |Dad[oa] (?:y firmad[oa] )?en (?:la ciudad de )?)?\p{Lu}[\p{L}. ]{1,40}(?:,\s*\p{Lu}[\p{L}. ]{1,30})?,\s*(?:a\s+(?:los\s+)?)?|Dad[oa] (?:y firmad[oa] )?en .{1,80}?,?\s*(?:a\s+(?:los\s+)?|el\s+))`)
	// adoptedCue is a sentence giving the day a text was adopted:
	// "adoptadas el 9 de marzo de 2006", "aprobado el …", "[Aprobada sin
	// votación.] 6 de octubre de 2020".
	adoptedCue = regexp.MustCompile(`(?i)\b(?:adoptad[ao]s?|aprobad[ao]s?|adopted|approved|dictad[ao]|emitid[ao]|celebrad[ao])\b(?:[^.;]{0,80}?)\b(?:el|on|en|de)\s*$`)
	// monthAfterYear is "ACUERDO 02 DE 2015 (Julio 22)": the day and month
	// in parentheses after the year.
	monthAfterYear = regexp.MustCompile(`(?i)\bde\s+((?:1[89]|20)[0-9]{2})\s*\(\s*(enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\s+([0-9]{1,2})\s*\)`)
)

// findDate returns the day a document was adopted, signed or handed down,
// from its heading block, a register's labelled date, a place-and-date
// line near its start, a sentence saying it was adopted, or a place-and-date
// line at its end; the zero Date when none says.
func findDate(blockText string, ps []corpus.Paragraph, after int) corpus.Date {
	if d, ok := firstDay(blockText); ok {
		return d
	}
	if m := monthAfterYear.FindStringSubmatch(blockText + " " + frontLines(ps, after, 3)); m != nil {
		if d, ok := extract.FullDate(m[3] + " de " + m[2] + " de " + m[1]); ok {
			return d
		}
	}
	start := max(0, after-1)
	end := min(len(ps), start+frontParagraphs)
	// A register's labelled dates, then a place-and-date line, then a
	// sentence saying when it was adopted.
	for i := 0; i < end; i++ {
		t := ps[i].Text
		if !containsFoldASCII(t, "promulgaci") {
			continue // what promulgated needs
		}
		if m := promulgated.FindStringSubmatch(t); m != nil {
			if d, ok := firstDay(m[1]); ok {
				return d
			}
		}
	}
	for i := 0; i < end; i++ {
		if furnitureLike(ps[i].Text) {
			continue // a signature stamp's time
		}
		for _, l := range paragraphLines(&ps[i]) {
			if !hasPrefixFoldASCII(l, "fecha") {
				continue // what datedLabel needs
			}
			if m := datedLabel.FindStringSubmatch(l); m != nil {
				if d, ok := firstDay(m[1]); ok {
					return d
				}
			}
		}
	}
	for i := start; i < end; i++ {
		if d, ok := placeDated(ps[i].Text); ok {
			return d
		}
	}
	for i := start; i < end; i++ {
		if d, ok := adoptedDate(ps[i].Text); ok {
			return d
		}
	}
	// The signature block: a place and date among the last paragraphs.
	for i := len(ps) - 1; i >= max(end, len(ps)-15); i-- {
		if d, ok := placeDated(ps[i].Text); ok {
			return d
		}
	}
	return corpus.Date{}
}

// frontLines joins the texts of the n paragraphs from the one the heading
// block ends in.
func frontLines(ps []corpus.Paragraph, after, n int) string {
	var out []string
	for i := max(0, after-1); i < len(ps) && i < after+n; i++ {
		out = append(out, ps[i].Text)
	}
	return strings.Join(out, "\n")
}

// firstDay returns the first date of day precision in text, written in
// figures, in words or with an abbreviated month.
func firstDay(text string) (corpus.Date, bool) {
	var best corpus.DateMention
	at := len(text) + 1
	for _, d := range extract.Dates(text, "") {
		if d.Precision == "day" && d.Start == d.End {
			if i := strings.Index(text, d.Text); i >= 0 && i < at {
				best, at = d, i
			}
			break
		}
	}
	for _, d := range extract.SpelledDates(text) {
		if i := strings.Index(text, d.Text); i >= 0 && i < at {
			best, at = d, i
		}
		break
	}
	return best.Start, at <= len(text)
}

// placeDated reads a place-and-date line: the whole paragraph is a place
// and a date ("Lima, veintiuno de mayo de dos mil veintiséis.").
func placeDated(t string) (corpus.Date, bool) {
	t = strings.TrimSpace(t)
	if len(t) > 200 {
		return corpus.Date{}, false
	}
	loc := placeDate.FindStringIndex(t)
	if loc == nil {
		return corpus.Date{}, false
	}
	rest := strings.TrimRight(t[loc[1]:], ". ")
	if d, ok := extract.FullDate(rest); ok {
		return d, true
	}
	for _, d := range extract.SpelledDates(rest) {
		if strings.HasPrefix(rest, d.Text) && len(rest)-len(d.Text) < 4 {
			return d.Start, true
		}
	}
	// "a los 9 días del mes de octubre de 2002"
	if m := daysOfMonth.FindStringSubmatch(rest); m != nil {
		return extract.FullDate(m[1] + " de " + m[2] + " de " + m[3])
	}
	return corpus.Date{}, false
}

var daysOfMonth = regexp.MustCompile(`^([0-9]{1,2}) d[ií]as? del mes de (\p{L}+) de ([0-9]{4})$`)

// adoptedDate reads the day a sentence says a text was adopted: "adoptadas
// el 9 de marzo de 2006", "[Aprobada sin votación.] 6 de octubre de 2020".
func adoptedDate(t string) (corpus.Date, bool) {
	if !mayCueAdoption(t) {
		return corpus.Date{}, false
	}
	for _, d := range extract.Dates(t, "") {
		if d.Precision != "day" || d.Start != d.End {
			continue
		}
		i := strings.Index(t, d.Text)
		if i < 0 {
			continue
		}
		if adoptedCue.MatchString(t[max(0, i-120):i]) {
			return d.Start, true
		}
		if m := voteLine.FindStringSubmatch(strings.TrimSpace(t[:i])); m != nil {
			return d.Start, true
		}
	}
	return corpus.Date{}, false
}

// adoptionStems are the stems of the words of adoptedCue and voteLine, in
// lower case: a text holds one of them (in any case) wherever either
// matches.
var adoptionStems = []string{"adoptad", "aprobad", "adopted", "approved", "dictad", "emitid", "celebrad"}

var adoptionNeedles = newFoldNeedles(adoptionStems)

// mayCueAdoption reports whether t holds one of adoptionStems in any case.
// When it does not, adoptedDate has nothing to find, and reading its dates
// (extract.Dates, for every paragraph of a document's front) is spared.
func mayCueAdoption(t string) bool { return adoptionNeedles.in(t) }

// foldNeedles are needles to look for at once, as containsFoldASCII does
// one.
type foldNeedles struct {
	first   [256]bool // the first bytes of the needles, in either case
	needles []string
}

// newFoldNeedles returns needles, lower-case ASCII, to look for at once.
func newFoldNeedles(needles []string) *foldNeedles {
	f := &foldNeedles{needles: needles}
	for _, n := range needles {
		f.first[n[0]] = true
		f.first[n[0]&^0x20] = true
	}
	return f
}

// in reports whether s holds one of the needles, in any case.
func (f *foldNeedles) in(s string) bool {
	for i := 0; i < len(s); i++ {
		if !f.first[s[i]] {
			continue
		}
		for _, n := range f.needles {
			if hasPrefixFoldASCII(s[i:], n) {
				return true
			}
		}
	}
	return false
}

// containsFoldASCII reports whether s holds needle, lower-case ASCII
// letters, in any case, as a pattern with (?i) matches it: of the ASCII
// letters, only k and s have case forms beyond ASCII (K, ſ), and needles
// hold neither (TestFoldNeedles).
func containsFoldASCII(s, needle string) bool {
	for i := 0; i+len(needle) <= len(s); i++ {
		if hasPrefixFoldASCII(s[i:], needle) {
			return true
		}
	}
	return false
}

// hasPrefixFoldASCII reports whether s begins with needle (see
// containsFoldASCII) in any case.
func hasPrefixFoldASCII(s, needle string) bool {
	if len(s) < len(needle) {
		return false
	}
	for j := 0; j < len(needle); j++ {
		if s[j]|0x20 != needle[j] {
			return false
		}
	}
	return true
}

// typeCue is a pattern of words that says what a document is, with its
// needs (needsOf): the fifteen patterns begin with \b or ^, which Go's
// regexp tries at every byte of the block.
type typeCue struct {
	re    *regexp.Regexp
	typ   string
	needs needs
}

// typeCues are the words of a heading block that say what a document is,
// tried in order on the folded block.
var typeCues = withNeeds([]typeCue{
	{regexp.MustCompile(`\bvoto (?:disidente|concurrente|razonado|separado|particular|parcialmente)|\bopinion (?:disidente|separada|concurrente)`), corpus.TypeVoto, nil},
	{regexp.MustCompile(`\binterpretacion de (?:la )?sentencia`), corpus.TypeInterpretacion, nil},
	{regexp.MustCompile(`\bsupervision de cumplimiento`), corpus.TypeSupervision, nil},
	{regexp.MustCompile(`\bmedidas (?:provisionales|urgentes)`), corpus.TypeMedidas, nil},
	{regexp.MustCompile(`\binforme del grupo de trabajo sobre el examen periodico universal`), corpus.TypeInformeEPU, nil},
	{regexp.MustCompile(`\bobservaciones finales|\bconclusiones y recomendaciones|\bconcluding observations`), corpus.TypeObservaciones, nil},
	{regexp.MustCompile(`\binforme.*\badmisibilidad|^admisibilidad$|\binadmisibilidad\b`), corpus.TypeAdmisibilidad, nil},
	{regexp.MustCompile(`\binforme de fondo|^fondo$`), corpus.TypeFondo, nil},
	{regexp.MustCompile(`\bversion (?:taquigrafica|estenografica)`), corpus.TypeTaquigrafica, nil},
	{regexp.MustCompile(`\bsentencia\b|\bjudgment\b`), corpus.TypeSentencia, nil},
	{regexp.MustCompile(`^ley\b|\bley (?:num|n\.?[°º]|no\.)|^ley [0-9]`), corpus.TypeLey, nil},
	{regexp.MustCompile(`^acuerdo [0-9]|\bacuerdo [0-9]+ de [0-9]{4}`), corpus.TypeAcuerdo, nil},
	{regexp.MustCompile(`^declaracion\b|\bdeclaracion (?:universal|americana|sobre)`), corpus.TypeDeclaracion, nil},
	{regexp.MustCompile(`\bresolucion\b|\bresolution\b`), corpus.TypeResolucion, nil},
	{regexp.MustCompile(`^informe\b|\breport of\b`), corpus.TypeInforme, nil},
})

// withNeeds sets the needs of each cue.
func withNeeds(cs []typeCue) []typeCue {
	for i := range cs {
		cs[i].needs = needsOf(cs[i].re)
	}
	return cs
}

// stageLine matches a heading block's line that is only the
// stage of an IACHR report: "ADMISIBILIDAD", "FONDO".
var stageLine = regexp.MustCompile(`(?m)^(admisibilidad|inadmisibilidad|fondo|solucion amistosa)$`)

// findType returns the document's type from its heading block and kind.
func findType(doc *corpus.Document, titleText, front string, compilation bool) string {
	switch {
	case compilation:
		return corpus.TypeCompilacion
	case doc.Kind == corpus.KindDraft:
		return corpus.TypeProyecto
	case doc.Kind == corpus.KindResolution:
		if strings.HasPrefix(spanish.FoldLower(doc.Title), "declaracion") {
			return corpus.TypeDeclaracion
		}
		return corpus.TypeResolucion
	case doc.Kind == corpus.KindPage:
		return ""
	}
	f := spanish.FoldLower(titleText)
	if m := stageLine.FindStringSubmatch(f); m != nil && strings.Contains(f, "informe") {
		switch m[1] {
		case "admisibilidad", "inadmisibilidad":
			return corpus.TypeAdmisibilidad
		case "fondo":
			return corpus.TypeFondo
		}
	}
	for _, c := range typeCues {
		if c.needs.mayMatch(f) && c.re.MatchString(f) {
			return c.typ
		}
	}
	// A register says it: "Tipo de Resolución: Sentencia"; a court, in its
	// opening, "ha emitido la siguiente sentencia".
	ff := foldLowerLines(front)
	switch {
	case strings.Contains(ff, "tipo de resolucion: sentencia") || strings.Contains(ff, "tipo de resolucion:sentencia") || strings.Contains(ff, "la siguiente sentencia") || strings.Contains(ff, "dicta la presente sentencia"):
		return corpus.TypeSentencia
	case strings.Contains(ff, "proyecto de ley:"):
		return corpus.TypeLey
	}
	return ""
}

// foldLowerLines returns spanish.FoldLower(s), folding s line by line:
// folding is the same on each side of a line break (lower case and
// decomposition go rune by rune, and no composition reaches across "\n"),
// and FoldLower decomposes the whole of a text (slowly) for one rune its
// table lacks ("º", "“"), where a document's front has one on a line in
// four (FuzzFoldLowerLines).
func foldLowerLines(s string) string {
	if spanish.IsFolded(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return string(spanish.AppendFoldLower(b, s))
		}
		b = append(spanish.AppendFoldLower(b, s[:i]), '\n')
		s = s[i+1:]
	}
}

// treatySeries are the UN symbol series of treaty bodies, whose symbols
// name the State reported on by its ISO alpha-3 code
// ("CEDAW/C/ARG/CO/6").
var treatySeries = map[string]bool{"CEDAW": true, "CCPR": true, "CERD": true, "CAT": true, "CRC": true, "CRPD": true, "CMW": true, "CED": true, "E/C.12": true}

// countryOfSymbol returns the State a treaty body's symbol names.
func countryOfSymbol(s string) (*entity.Country, bool) {
	parts := strings.Split(strings.ToUpper(s), "/")
	if len(parts) < 3 {
		return nil, false
	}
	series := parts[0]
	rest := parts[1:]
	if series == "E" && len(parts) > 3 && parts[1] == "C.12" {
		series, rest = "E/C.12", parts[2:]
	}
	if !treatySeries[series] {
		return nil, false
	}
	for _, p := range rest {
		if len(p) == 3 {
			if c, ok := entity.CountryByCode(p); ok && c.State {
				return c, true
			}
		}
	}
	return nil, false
}

var (
	// symbolInText finds a treaty body's symbol in running text.
	symbolInText = regexp.MustCompile(`\b(?:CEDAW|CCPR|CERD|CAT|CRC|CRPD|CMW|CED|E/C\.12)/(?:C/)?[A-Z]{3}/[A-Z0-9./-]+`)
	// definedState is a State named as the party a text is about: "el
	// Estado de Costa Rica (en adelante “el Estado”", "la República de
	// Guatemala (en adelante “el Estado” o “Guatemala”)".
	definedState = regexp.MustCompile(`^[\s,]*\((?:en adelante|en lo sucesivo)[^)]{0,40}\b(?:Estado|State)\b`)
	// stateCue precedes a country named as a State: "al Estado de
	// Colombia", "contra la República de", "Poder Judicial del", "Examen
	// Periódico Universal:", "respecto de", "Vs.".
	stateCue = newSuffixPattern(regexp.MustCompile(`(?i)(?:\b(?:el|al|del)\s+Estado\s+(?:de\s+|del\s+)?|\bcontra\s+(?:el\s+Estado\s+de\s+|la\s+)?|\bPoder\s+Judicial\s+(?:de\s+|del\s+)?|\bConstituci[oó]n\s+Pol[ií]tica\s+(?:de\s+la\s+Rep[uú]blica\s+)?(?:de\s+|del\s+)?|\brespecto\s+(?:de\s+|del\s+|a\s+|al\s+)(?:la\s+|el\s+)?|\bVs?\.?\s+|\bversus\s+|\bsituation\s+in\s+(?:the\s+)?|\bsituaci[oó]n\s+(?:en|de)\s+(?:la\s+|el\s+)?|\bconcerning\s+(?:the\s+)?|\bBiblioteca\s+del\s+Congreso\s+Nacional\s+de\s+|\bRep[uú]blica\s+(?:de\s+|del\s+)?)$`))
	// ecli is a European Case Law Identifier, whose second part is the
	// State's ISO code: "ECLI:ES:TS:2022:3378".
	ecli = regexp.MustCompile(`\bECLI:([A-Z]{2}):`)
)

// findCountry returns the Spanish name of the State the document concerns,
// from the strongest cue that names exactly one; "" when the cues name
// none or several.
func findCountry(doc *corpus.Document, titleText, front string) string {
	one := func(cs []*entity.Country) string {
		if len(cs) == 0 {
			return ""
		}
		for _, c := range cs[1:] {
			if c != cs[0] {
				return "" // several: the document is about no one State
			}
		}
		return cs[0].Name
	}
	// The heading block: "Caso … Vs. Guatemala", "GUATEMALA", "respecto
	// de Haití", "REPÚBLICA DE COLOMBIA".
	if c := one(statesIn(titleText)); c != "" {
		return c
	}
	// The symbol: "CEDAW/C/ARG/CO/6".
	if c, ok := countryOfSymbol(doc.Symbol.String()); ok {
		return c.Name
	}
	var syms []*entity.Country
	for _, s := range symbolInText.FindAllString(titleText, -1) {
		if c, ok := countryOfSymbol(s); ok {
			syms = append(syms, c)
		}
	}
	if c := one(syms); c != "" {
		return c
	}
	// The categories a Markdown file declares.
	var cats []*entity.Country
	for _, cat := range doc.Categories {
		if c, ok := entity.LookupCountry(cat); ok && c.State {
			cats = append(cats, c)
		}
	}
	if c := one(cats); c != "" {
		return c
	}
	// "al Estado Argentino" in a title.
	if c := one(demonymStates(titleText)); c != "" {
		return c
	}
	if doc.Format == corpus.FormatMarkdown {
		return "" // a compilation's text names many States
	}
	// The State a judgment or report defines as its party: "la
	// República de Guatemala (en adelante “el Estado”".
	named := entity.FindCountries(front)
	if c := one(definedStates(front, named)); c != "" {
		return c
	}
	// The State named as such in the opening: "al Estado de Colombia",
	// "el Estado chileno", "Poder Judicial del Perú".
	cues := append(cuedStates(front, named), demonymStates(front)...)
	if c := one(cues); c != "" {
		return c
	}
	// A register's European Case Law Identifier: "ECLI:ES:TS:2022:3378"
	// (the pattern, which begins with \b, is run only where it can match).
	var codes []*entity.Country
	if strings.Contains(titleText, "ECLI:") || strings.Contains(front, "ECLI:") {
		for _, m := range ecli.FindAllStringSubmatch(titleText+"\n"+front, -1) {
			if c, ok := entity.CountryByCode(m[1]); ok {
				codes = append(codes, c)
			}
		}
	}
	if c := one(codes); c != "" {
		return c
	}
	// A court that is one State's: the Suprema Corte de Justicia de la
	// Nación is Mexico's.
	if doc.Body == "Suprema Corte de Justicia de la Nación" {
		if c, ok := entity.LookupCountry("México"); ok {
			return c.Name
		}
	}
	// Running heads and stamps: "Poder Judicial del Perú".
	if doc.Format == corpus.FormatPDF {
		dropped := droppedText(doc)
		if c := one(cuedStates(dropped, entity.FindCountries(dropped))); c != "" {
			return c
		}
	}
	return ""
}

// statesIn returns the States a heading block names: the whole of a line
// ("GUATEMALA", "CHILE 9 de octubre de 2002", "Estado Plurinacional de
// Bolivia"), or after a cue ("Vs. Guatemala", "respecto de Haití").
func statesIn(text string) []*entity.Country {
	var out []*entity.Country
	for _, line := range strings.Split(text, "\n") {
		for _, part := range strings.Split(line, " / ") {
			for _, m := range entity.FindCountries(part) {
				if !m.Country.State {
					continue
				}
				before := strings.TrimSpace(part[:m.Start])
				after := strings.TrimSpace(part[m.End:])
				whole := before == "" && (after == "" || dateOnly(after))
				if whole || stateCue.MatchString(part[:m.Start]) || examLine(before) {
					out = append(out, m.Country)
				}
			}
		}
	}
	return out
}

// dateOnly reports whether s is only a date: "9 de octubre de 2002".
func dateOnly(s string) bool {
	_, ok := extract.FullDate(s)
	return ok
}

// examLine reports whether a line names a State as what it reviews:
// "Examen Periódico Universal -", "Observaciones finales sobre el … de".
func examLine(before string) bool {
	f := spanish.FoldLower(before)
	return strings.Contains(f, "examen periodico universal") || strings.HasPrefix(f, "observaciones finales") || strings.HasPrefix(f, "informe del grupo de trabajo")
}

// cuedStates returns the States text names after a cue (see stateCue),
// of named, the countries text names (entity.FindCountries).
func cuedStates(text string, named []entity.CountryMention) []*entity.Country {
	var out []*entity.Country
	for _, m := range named {
		if !m.Country.State {
			continue
		}
		before := text[max(0, m.Start-60):m.Start]
		if stateCue.MatchString(before) || officialName(text[m.Start:m.End]) {
			out = append(out, m.Country)
		}
	}
	return out
}

// officialName reports whether a name is a State's official long name
// ("República Oriental del Uruguay", "Estados Unidos Mexicanos"), which
// only a State is called.
func officialName(name string) bool {
	f := spanish.FoldLower(name)
	return strings.HasPrefix(f, "republica ") || strings.HasPrefix(f, "estado plurinacional") || f == "estados unidos mexicanos" || strings.HasPrefix(f, "reino de")
}

// definedStates returns the States text defines as "el Estado", of
// named, the countries text names (entity.FindCountries).
func definedStates(text string, named []entity.CountryMention) []*entity.Country {
	var out []*entity.Country
	for _, m := range named {
		if m.Country.State && definedState.MatchString(text[m.End:min(len(text), m.End+80)]) {
			out = append(out, m.Country)
		}
	}
	return out
}

// demonymStates returns the States text names by an adjective after
// "Estado": "el Estado argentino", "al estado Boliviano".
func demonymStates(text string) []*entity.Country {
	var out []*entity.Country
	for _, w := range stateAdjectives(text) {
		if c, ok := entity.CountryOfDemonym(w); ok && c.State && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// stateAdjectives returns the words that stateAdjective's matches in text
// capture, in order: a word after "Estado", "estado" or "Gobierno" and
// white space. It finds those words with strings.Index and reads on from
// each as the pattern would, which Go's regexp could not do for it (a
// pattern that begins with \b is tried at every byte: a third of
// identify's time on the bench corpus, whose texts say "Estado" often);
// FuzzStateAdjectives holds it to the pattern.
func stateAdjectives(text string) []string {
	var out []string
	for from := 0; from < len(text); {
		p, n := nextStateWord(text, from)
		if p < 0 {
			break
		}
		from = p + 1
		if p > 0 && isASCIIWordByte(text[p-1]) {
			continue // no \b before it
		}
		q := p + n
		for q < len(text) && isRegexpSpace(text[q]) {
			q++
		}
		if q == p+n {
			continue // no white space after it
		}
		w := q
		for w < len(text) {
			r, size := utf8.DecodeRuneInString(text[w:])
			if !unicode.IsLetter(r) {
				break
			}
			w += size
		}
		if w == q {
			continue // no letter after the white space
		}
		out = append(out, text[q:w])
		from = w
	}
	return out
}

// nextStateWord returns the index and length of the first "Estado",
// "estado" or "Gobierno" in text at or after from; -1 when there is none.
func nextStateWord(text string, from int) (int, int) {
	best, n := -1, 0
	if i := strings.Index(text[from:], "Gobierno"); i >= 0 {
		best, n = from+i, len("Gobierno")
	}
	for k := from + 1; k < len(text); {
		i := strings.Index(text[k:], "stado")
		if i < 0 {
			break
		}
		i += k
		if best >= 0 && i-1 > best {
			break
		}
		if c := text[i-1]; c == 'E' || c == 'e' {
			return i - 1, len("estado")
		}
		k = i + 1
	}
	return best, n
}

// isASCIIWordByte reports whether c is what \b in Go's regexp takes for a
// character of a word: an ASCII letter, digit or underscore.
func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// isRegexpSpace reports whether c is what \s matches in Go's regexp.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
