package ingest

import (
	"path"
	"regexp"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest/extract"
)

// This file recognises the structure of a document from its paragraphs.
//
// A resolution opens with its number and title ("51/34. Fortalecimiento de la
// cooperación técnica…"), names its adopting body on a line of its own ("El
// Consejo de Derechos Humanos,"), goes on with preambular paragraphs (each
// opening with a participle or gerund: "Reafirmando…", "Teniendo presente…")
// and numbered operative paragraphs ("7. Destaca…", OCR's "4, Recalca…"),
// and closes with the meeting ("44ª sesión"), the adoption date and the vote
// ("[Aprobada sin votación.]"). English UN resolutions follow the same plan
// ("The General Assembly,", "Resolution adopted by the General Assembly on 13
// August 2024", "120th plenary meeting").
//
// Anything else is a page or a report: headings, list items, labelled lines
// ("Hito 1 | Fecha límite: 31 de diciembre de 2025") and paragraphs, some
// numbered ("212. El Comité examinó…").

var (
	resolutionTitle = regexp.MustCompile(`^(?:Resoluci[oó]n\s+|Resolution\s+)?([0-9]{1,3}/[0-9]{1,4})\s*\.\s+(\S.*)$`)
	draftTitle      = regexp.MustCompile(`^[0-9]{1,3}/(?:…|\.\.\.)\s*(\S.*)$`) // "59/… Human rights and climate change"
	bodyLine        = regexp.MustCompile(`^(?:El|La|The)\s+(\p{Lu}[\p{L} ]{3,80}?)\s*,$`)
	numbered        = regexp.MustCompile(`^(?:` + labelNumber + `|([0-9]{1,3})\s*(?:\.(?:\s*$|\s+|[^0-9\s])|,\s+\p{Lu}))`)
	subItem         = regexp.MustCompile(`^(?:\(?([0-9]{1,2}|[a-z]|[ivx]{1,5})\)|([a-z]|[ivx]{1,5})\.)\s+`) // "(a) ", "a) ", "b. ", "iv. "
	bullet          = regexp.MustCompile(`^[•·▪◦●*\-–]\s+`)
	sessionLine     = regexp.MustCompile(`(?i)^([0-9]{1,4}\s*[ªº°a2*¢]?\.?\s*sesi[oó]n(?:\s+plenaria)?|[0-9]{1,4}(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting)\.?\s*(.*)$`)
	voteLine        = regexp.MustCompile(`(?i)^\[\s*((?:aprobad[ao]|adopted|adoptad[ao])[^\]]*)\]\.?$`)
	voteDated       = regexp.MustCompile(`(?i)^\[\s*((?:aprobad[ao]|adopted|adoptad[ao])[^\]]*)\]\.?\s+(.+)$`)
	adoptedBy       = regexp.MustCompile(`(?i)^(?:Resolution adopted|Adopted|Resolución aprobada|Aprobada) by the ([\p{L} ]+?)(?: at its [0-9]+\w* meeting)?,? on (.+)$|^(?:Resolución aprobada|Aprobada) por (?:el|la) ([\p{L} ]+?)(?: en su [0-9]+\S* sesión)?,? el (.+)$`)
	labelled        = regexp.MustCompile(`^(\p{Lu}[^:]{1,60}?)\s*:\s+(\S.*)$`)
)

// englishBodies maps the English names of adopting bodies to their Spanish
// names, so that Document.Body and symbol resolution speak one language.
var englishBodies = map[string]string{
	"Human Rights Council":        "Consejo de Derechos Humanos",
	"General Assembly":            "Asamblea General",
	"Security Council":            "Consejo de Seguridad",
	"Economic and Social Council": "Consejo Económico y Social",
	"Commission on Human Rights":  "Comisión de Derechos Humanos",
}

func isAdoptingBody(name string) bool {
	if _, ok := corpus.Bodies[name]; ok {
		return true
	}
	_, ok := englishBodies[name]
	return ok
}

func spanishBody(name string) string {
	if es, ok := englishBodies[name]; ok {
		return es
	}
	return name
}

// structure sets the document's kind, title, symbol, body and the kind and
// number of each paragraph.
func structure(doc *corpus.Document, ex *extraction) {
	if !structureResolution(doc) {
		structurePage(doc, ex)
	}
	if doc.Title == "" {
		for _, p := range doc.Paragraphs {
			if p.Kind == corpus.Heading && !bodyLine.MatchString(p.Text) && len(p.Text) > 10 {
				doc.Title = p.Text
				break
			}
		}
	}
	if doc.Title == "" {
		doc.Title = siteTitle(ex.title)
	}
	doc.Categories = ex.categories
	if ex.symbol != "" && (doc.Symbol == "" || !doc.Symbol.IsFull()) {
		doc.Symbol = ex.symbol
	}
	if doc.Symbol == "" {
		doc.Symbol = symbolLine(doc.Paragraphs)
	}
	if doc.Symbol == "" {
		doc.Symbol = fileSymbol(doc.Source)
	}
	if doc.Symbol != "" && !doc.Symbol.IsFull() {
		doc.Symbol = doc.Symbol.Resolve(doc.Body)
	}
	itemNumbers(doc.Paragraphs)
	doc.NumberParts()
	judgment(doc)
	if doc.Kind == corpus.KindResolution && doc.Symbol.IsDraft() {
		doc.Kind = corpus.KindDraft // its paragraphs were proposed, not adopted
	}
	identify(doc)
}

// structureResolution recognises a resolution and reports whether it did.
func structureResolution(doc *corpus.Document) bool {
	ps := doc.Paragraphs
	bodyAt := -1
	for i := range min(len(ps), 14) {
		if m := bodyLine.FindStringSubmatch(ps[i].Text); m != nil && isAdoptingBody(m[1]) {
			bodyAt = i
			doc.Body = spanishBody(m[1])
			break
		}
	}
	if bodyAt < 0 {
		return false
	}
	doc.Kind = corpus.KindResolution
	for i := range bodyAt + 1 {
		p := &ps[i]
		p.Kind = corpus.Heading
		if i < bodyAt && gerund(firstWord(p.Text)) && len(p.Text) > 60 {
			// A preamble before the body line, as in the Universal
			// Declaration: "Considerando que …" / "La Asamblea General,".
			p.Kind = corpus.Preambular
		}
		if m := resolutionTitle.FindStringSubmatch(p.Text); m != nil && doc.Symbol == "" {
			doc.Symbol, _ = corpus.ParseSymbol(m[1])
			doc.Title = strings.TrimSpace(m[2])
		}
		if m := draftTitle.FindStringSubmatch(p.Text); m != nil && doc.Title == "" {
			doc.Title = strings.TrimSpace(m[1]) // a draft: its number is not given yet
		}
		if m := adoptedBy.FindStringSubmatch(p.Text); m != nil {
			if d, ok := extract.FullDate(m[2] + m[4]); ok {
				doc.Adopted = d
			}
		}
	}
	operative, annex := false, false
	for i := bodyAt + 1; i < len(ps); i++ {
		p := &ps[i]
		t := p.Text
		switch {
		case p.Kind == corpus.Footnote:
		case annex && numbered.MatchString(t):
			// An annex numbers its own items ("Anexo A, 7"): they are
			// not operative paragraphs of the resolution.
			p.Number, p.Text = splitNumber(t)
			p.Kind = corpus.Plain
		case numbered.MatchString(t):
			p.Number, p.Text = splitNumber(t)
			p.Kind = corpus.Operative
			operative = true
		case operative && subItem.MatchString(t):
			p.Kind = corpus.ListItem
		case closingLine(doc, t):
			p.Kind = corpus.Plain
		case !operative && operativeVerb(t):
			// A single operative paragraph goes unnumbered ("Decides that
			// the election …").
			p.Kind = corpus.Operative
			operative = true
		case looksLikeHeading(t) && (len(t) < 60 || sectionHeading.MatchString(t)) && (operative || !gerund(firstWord(t))):
			// "Artículo 1", an annex title, a section heading, also
			// before the first operative paragraph ("Arms Embargo",
			// though not a preambular paragraph that lost its comma,
			// "Recordando su resolución 5/1") and long when lettered
			// ("H. Preventing Al-Shabaab from accessing weapons,
			// ammunition and military equipment")
			p.Kind = corpus.Heading
			if _, ok := corpus.AnnexLabel(t); ok {
				annex = true
			}
		case !operative:
			p.Kind = corpus.Preambular
		default:
			p.Kind = corpus.Plain
		}
	}
	return true
}

// itemLetter matches the letter of a lettered item: "(a) ", "b) ".
var itemLetter = regexp.MustCompile(`^\(?([a-z])\)\s`)

// itemNumbers numbers the lettered items of a numbered paragraph as
// researchers cite them: "(a) Member States;" after "7. Calls upon:" is
// item 7.a ("51/34 §7 a)"). The letters must run in order from "a" (an
// "(i)" after "(a)" is a sub-item, left unnumbered); the item keeps its
// letter in its text.
func itemNumbers(ps []corpus.Paragraph) {
	var parent corpus.Number
	var last byte
	for i := range ps {
		p := &ps[i]
		switch {
		case p.Kind == corpus.Footnote:
		case p.Number != "":
			parent, last = "", 0
			if n := p.Number.String(); n[len(n)-1] >= '0' && n[len(n)-1] <= '9' {
				parent = p.Number
			}
		case p.Kind == corpus.ListItem && parent != "":
			m := itemLetter.FindStringSubmatch(p.Text)
			if m == nil {
				continue // a bullet, a sub-item "(i)"
			}
			if l := m[1][0]; l == 'a' && last == 0 || last != 0 && l == last+1 {
				p.Number, last = parent+corpus.Number("."+m[1]), l
			}
		default:
			parent, last = "", 0
		}
	}
}

// symbolLineRE matches a line that gives the document's symbol: "Symbol:
// A/HRC/17/18", "Signatura: CEDAW/C/ARG/CO/7".
var symbolLineRE = regexp.MustCompile(`(?i)^(?:document\s+)?(?:symbol|s[ií]mbolo|signatura|cote)\s*:\s*(\S+(?:\s*\([0-9]{4}\))?)\s*$`)

// symbolLine returns the symbol a "Symbol:" line near the top gives, if
// any.
func symbolLine(ps []corpus.Paragraph) corpus.Symbol {
	for i, p := range ps {
		if i == 20 {
			break
		}
		if m := symbolLineRE.FindStringSubmatch(p.Text); m != nil {
			if s, err := corpus.ParseSymbol(m[1]); err == nil && s.IsFull() {
				return s
			}
		}
	}
	return ""
}

// fileSeries are the first parts of the UN symbols a file may be named
// after, with "_" for "/" as the UN's Official Document System names its
// files ("A_HRC_17_18.pdf", "S_RES_2776__2025_.en.pdf").
var fileSeries = map[string]bool{
	"A": true, "S": true, "E": true, "ST": true, "CEDAW": true, "CCPR": true, "CERD": true, "CAT": true,
	"CRC": true, "CRPD": true, "CMW": true, "CED": true, "HRI": true, "UNEP": true, "TD": true,
}

// fileSymbol returns the symbol a file's name gives, if it is one.
func fileSymbol(source string) corpus.Symbol {
	base := path.Base(strings.ReplaceAll(source, "\\", "/"))
	base = strings.TrimSuffix(base, path.Ext(base))
	if ext := path.Ext(base); len(ext) == 3 {
		base = strings.TrimSuffix(base, ext) // a language: "S_RES_2776__2025_.en"
	}
	first, _, _ := strings.Cut(base, "_")
	if !fileSeries[strings.ToUpper(first)] || !strings.Contains(base, "_") {
		return ""
	}
	t := strings.TrimSuffix(base, "_")
	if i := strings.Index(t, "__"); i > 0 {
		t = t[:i] + " (" + t[i+2:] + ")" // "S_RES_2776__2025" → "S/RES/2776 (2025)"
	}
	s, err := corpus.ParseSymbol(strings.ReplaceAll(t, "_", "/"))
	if err != nil || !s.IsFull() {
		return ""
	}
	return s
}

// sessionInfo matches the lines that open a UN report before its title:
// the organ and its session, the agenda item ("17º período de sesiones",
// "Tema 6 de la agenda", "Seventeenth session", "Agenda item 6");
// agendaItem the agenda item, whose name follows on a line of its own.
var (
	sessionInfo = regexp.MustCompile(`(?i)per[ií]odo (?:extraordinario )?de sesiones\b|^temas? [0-9]+(?: [a-z])? (?:y [0-9]+ )?de la agenda|^\w+ (?:special )?session$|^agenda items? [0-9]`)
	agendaItem  = regexp.MustCompile(`(?i)^temas? [0-9]+(?: [a-z])? (?:y [0-9]+ )?de la agenda|^agenda items? [0-9]`)
)

// sectionHeading matches a lettered or Roman-numbered section heading of a
// resolution: "A. Targeted sanctions", "IV. Seguimiento".
var sectionHeading = regexp.MustCompile(`^(?:[A-Z]|[IVX]{1,4})\.\s+\p{Lu}`)

// closingLine recognises the meeting, date and vote lines that close a
// resolution, recording them on doc.
func closingLine(doc *corpus.Document, t string) bool {
	if m := sessionLine.FindStringSubmatch(t); m != nil {
		doc.Session = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(t[:len(t)-len(m[2])]), "."))
		if d, ok := extract.FullDate(m[2]); ok {
			doc.Adopted = d
		}
		return true
	}
	if d, ok := extract.FullDate(t); ok {
		if doc.Adopted.IsZero() || doc.Session != "" {
			doc.Adopted = d
		}
		return true
	}
	if m := voteLine.FindStringSubmatch(t); m != nil {
		doc.Vote = strings.TrimSpace(m[1])
		return true
	}
	if m := voteDated.FindStringSubmatch(t); m != nil {
		// "[Aprobada sin votación.] 6 de octubre de 2020"
		if d, ok := extract.FullDate(m[2]); ok {
			doc.Vote = strings.TrimSpace(m[1])
			if doc.Adopted.IsZero() || doc.Session != "" {
				doc.Adopted = d
			}
			return true
		}
	}
	return false
}

// structurePage classifies the paragraphs of a page or report.
func structurePage(doc *corpus.Document, ex *extraction) {
	numberedCount := 0
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		t := p.Text
		switch {
		case p.Kind == corpus.Heading || p.Kind == corpus.Footnote:
		case p.Kind == corpus.ListItem:
		case bullet.MatchString(t) || subItem.MatchString(t) || subBullet(p.Original):
			p.Kind = corpus.ListItem
		case numbered.MatchString(t) && !looksLikeHeading(t):
			p.Number, p.Text = splitNumber(t)
			p.Kind = corpus.Plain
			numberedCount++
		case labelled.MatchString(t) && labelWords(t) <= 6:
			p.Kind = corpus.Plain
			p.Label = strings.TrimSpace(labelled.FindStringSubmatch(t)[1])
		case looksLikeHeading(t):
			p.Kind = corpus.Heading
		default:
			p.Kind = corpus.Plain
		}
		if p.Kind == corpus.ListItem {
			p.Text = strings.TrimSpace(bullet.ReplaceAllString(t, ""))
			if subBullet(p.Original) && strings.HasPrefix(p.Text, "o") {
				p.Text = strings.TrimSpace(p.Text[1:])
			}
		}
	}
	if doc.Format == corpus.FormatText {
		listTopics(doc.Paragraphs)
	}
	// The title is a heading at the top; a page that opens with running
	// text is titled by its first words. A UN report opens with its
	// organ, session and agenda item ("Consejo de Derechos Humanos / 17º
	// período de sesiones / Tema 6 de la agenda / Examen periódico
	// universal") before its title: those are passed over.
	afterAgenda, skipped := false, 0
	for i, p := range doc.Paragraphs {
		if i > skipped+1 || p.Kind != corpus.Heading {
			if i > skipped+1 {
				break
			}
			continue
		}
		if sessionInfo.MatchString(p.Text) || afterAgenda {
			afterAgenda = agendaItem.MatchString(p.Text)
			skipped = i + 1
			continue
		}
		doc.Title = strings.TrimRight(p.Text, "* ") // "Informe …*": a footnote mark
		break
	}
	if doc.Title == "" && ex.title == "" && len(doc.Paragraphs) > 0 {
		doc.Title = firstWords(doc.Paragraphs[0].Text, 90)
	}
	switch {
	case numberedCount >= 3 || doc.Format == corpus.FormatMarkdown || doc.Format == corpus.FormatPDF:
		doc.Kind = corpus.KindOther
	default:
		doc.Kind = corpus.KindPage
	}
	if doc.Format == corpus.FormatHTML && ex.title != "" && doc.Title == "" {
		doc.Title = siteTitle(ex.title)
	}
}

// listTopics makes headings of the topics of a text file made of lists:
// a short line of its own between two lists, or between a heading and a
// list, is the topic of the list that follows even when it ends with a
// full stop ("Derecho a la igualdad; igualdad de trato entre el hombre y
// la mujer."), as its Markdown's "##" says.
func listTopics(ps []corpus.Paragraph) {
	for i := 1; i+1 < len(ps); i++ {
		p, prev, next := &ps[i], &ps[i-1], &ps[i+1]
		if p.Kind != corpus.Plain || p.Number != "" || p.Label != "" || strings.Contains(p.Original, "\n") ||
			len(p.Text) > 120 || !strings.HasSuffix(p.Text, ".") || strings.Count(p.Text, ". ") > 0 {
			continue
		}
		topLevel := next.Kind == corpus.ListItem && !strings.HasPrefix(next.Original, " ") && !strings.HasPrefix(next.Original, "\t")
		if topLevel && (prev.Kind == corpus.ListItem || prev.Kind == corpus.Heading) {
			p.Kind = corpus.Heading
		}
	}
}

func labelWords(t string) int {
	m := labelled.FindStringSubmatch(t)
	return len(strings.Fields(m[1]))
}

// looksLikeHeading reports whether a paragraph reads like a heading: short,
// one line, no sentence-final punctuation.
func looksLikeHeading(t string) bool {
	if len(t) > 120 || len(t) < 2 {
		return false
	}
	if strings.ContainsAny(t[len(t)-1:], ".;,:") {
		return false
	}
	return startsUpper(strings.TrimLeft(t, "¿¡\"“«'(")) || numbered.MatchString(t)
}

// siteTitle trims a site name from an HTML title: "Page | Site" → "Page".
func siteTitle(t string) string {
	for _, sep := range []string{" | ", " — ", " – ", " - "} {
		if i := strings.Index(t, sep); i > 0 {
			return strings.TrimSpace(t[:i])
		}
	}
	return strings.TrimSpace(t)
}

// labelNumber matches a number of several components that opens a
// paragraph, as written: "84.3 Proseguir…" (recommendation 3 of paragraph
// 84), "102.157 Seguir…", "2.1. Marco…", "4.a. Considere…". A capital (or
// an opening quote or bold) must follow, so that a law or a figure that
// wraps onto a line start ("26.165 de 2006)", "3.5 millones") is not taken
// for a paragraph number. Its group is the number.
const labelNumber = `([0-9]{1,3}(?:\.(?:[0-9]{1,3}|[a-z])){1,3})\.?\s+(?:\*\*|__)?[\p{Lu}¿¡"“«(]`

// splitNumber splits a numbered paragraph into its number and its text:
// "7. Destaca…" → "7", "Destaca…"; OCR's "4, Recalca…" → "4", "Recalca…";
// "84.3 Proseguir…" → "84.3", "Proseguir…"; "4.a. Considere…" → "4.a",
// "Considere…".
func splitNumber(t string) (corpus.Number, string) {
	m := numbered.FindStringSubmatchIndex(t)
	if m[2] >= 0 {
		n, _ := corpus.ParseNumber(t[m[2]:m[3]])
		rest := strings.TrimLeft(t[m[3]:], ".")
		return n, strings.TrimLeft(rest, " \t")
	}
	n, _ := corpus.ParseNumber(t[m[4]:m[5]])
	rest := strings.TrimLeft(t[m[5]:], " \t")
	rest = strings.TrimLeft(rest[1:], " \t") // the "." or ","
	return n, rest
}

// operativeVerbs are the verbs, in the present, that open operative
// paragraphs of Spanish resolutions; preambular ones open with a gerund or a
// participle ("Reafirmando", "Guiado").
var operativeVerbs = map[string]bool{
	"Decide": true, "Solicita": true, "Pide": true, "Exhorta": true, "Insta": true, "Alienta": true,
	"Invita": true, "Acoge": true, "Reafirma": true, "Recuerda": true, "Subraya": true, "Destaca": true,
	"Reitera": true, "Recalca": true, "Expresa": true, "Condena": true, "Exige": true, "Aprueba": true,
	"Proclama": true, "Afirma": true, "Apoya": true, "Celebra": true, "Encomia": true, "Lamenta": true,
	"Reconoce": true, "Toma": true, "Observa": true, "Encarga": true, "Autoriza": true, "Prorroga": true,
	// English, for UN resolutions in English.
	"Decides": true, "Requests": true, "Calls": true, "Urges": true, "Encourages": true, "Invites": true,
	"Welcomes": true, "Reaffirms": true, "Recalls": true, "Stresses": true, "Emphasizes": true,
	"Underlines": true, "Expresses": true, "Condemns": true, "Demands": true, "Authorizes": true,
	"Extends": true, "Notes": true, "Takes": true, "Recognizes": true, "Affirms": true, "Endorses": true,
	"Approves": true, "Proclaims": true, "Appeals": true, "Acknowledges": true, "Commends": true,
	"Reiterates": true, "Supports": true, "Deplores": true,
}

// gerund reports whether a word is a Spanish gerund or an English -ing
// form, as preambular paragraphs open ("Considerando", "Recalling").
func gerund(w string) bool {
	for _, suf := range []string{"ando", "endo", "iendo", "ing"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

// operativeVerb reports whether a paragraph opens like an operative one,
// with a verb of operativeVerbs ("Decide", "Decides").
func operativeVerb(t string) bool { return operativeVerbs[firstWord(t)] }

// firstWords returns s cut at a word boundary to at most n runes, with "…"
// when cut.
func firstWords(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}
