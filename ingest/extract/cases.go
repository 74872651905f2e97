package extract

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// This file finds the judgments of the Inter-American Court a document
// cites, as the Court cites them:
//
//	Cfr. Caso Velásquez Rodríguez Vs. Honduras. Fondo. Sentencia de 29 de
//	julio de 1988. Serie C No. 4, párr. 166; Caso Gomes Lund y otros
//	(Guerrilha do Araguaia), supra nota 16, párr. 54, y …
//
// A case is cited in full once (name, respondent State, judgment, date,
// series number) and then by its name and the footnote that cites it in
// full ("supra nota 16"): that note names the case, its series number and
// its date.

var (
	// caseFull is a case named in full: "Caso X Vs. Estado". The name is
	// what stands between "Caso" and "Vs."; the State one to four words.
	caseFull = regexp.MustCompile(`^[Cc]aso\s+([^;:\n]{1,140}?)\s+[Vv][Ss]\.?\s+(\p{Lu}[\p{L}]+(?:\s+(?:y\s+|de\s+|del\s+)?\p{Lu}[\p{L}]+){0,3})`)
	// caseOld is a case named in full as the Court wrote before 2007,
	// without the State: "Caso Tibi. Sentencia de 7 de septiembre de
	// 2004. Serie C No. 114", "Caso Cayara. Excepciones Preliminares.
	// Sentencia de 3 de febrero de 1993", "Caso 19 Comerciantes,
	// Sentencia de 5 de julio de 2004", "Sentencia del 2 de febrero".
	caseOld = regexp.MustCompile(`^[Cc]aso\s+([^;:\n]{1,120}?)[.,]\s+(?:[^;\n]{0,160}?\s)?[Ss]entencia\s+del?\s`)
	// caseSupra is a case cited by its name and the note that cites it in
	// full: "Caso Goiburú y otros, supra nota 23".
	caseSupra = regexp.MustCompile(`^[Cc]aso\s+([^;:\n]{1,100}?),?\s+supra\s+notas?\s+([0-9]{1,4})`)
	// citedParagraph is the paragraph a citation names after it: ",
	// párr. 166", ", párrs. 86 a 91", ", párrafo 42".
	citedParagraph = regexp.MustCompile(`^[^;]{0,200}?\b(?:p[aá]rrs?\.|p[aá]rrafos?)\s*([0-9]{1,4}(?:\.[0-9]{1,3})?)`)
	// judgmentDate is the date of a judgment in a citation.
	judgmentDate = regexp.MustCompile(`(?i)\bsentencia\s+del?\s+([0-9]{1,2}º?\s+de\s+\p{L}+\s+de(?:l)?\s+[0-9]{4})`)
	// noteStart opens a footnote: its number, then a capital ("12 Cfr.
	// Caso…", "27 Caso Goiburú…").
	noteStart = regexp.MustCompile(`(?:^|[.;:)”"]\s+)([0-9]{1,4})\s+(?:\p{Lu}|“|")`)
)

// caseCite is one citation of a case found in a text.
type caseCite struct {
	start, end int // in the text
	name       string
	key        string
	series     string
	date       corpus.Date
	para       corpus.Number
	note       int // the note a short citation refers to ("supra nota 9"); 0 for a full one
	text       string
}

// CaseCitations adds to each paragraph of doc the citations of judgments
// of the Inter-American Court it makes (corpus.Citation with Case set):
// Symbol is the series number ("Serie C No. 4") when the citation or the
// note it refers to gives it, else the case's name; Paragraph is the
// paragraph cited ("párr. 166"). "Caso X, supra nota 9" is resolved to
// the case that note 9 cites in full. Footnotes are read for their
// numbers from their text ("9 Cfr. Caso…"), several notes in one
// paragraph too.
func CaseCitations(doc *corpus.Document) {
	found := make([][]caseCite, len(doc.Paragraphs))
	notes := map[int][]caseCite{} // the full citations of each footnote
	var all []caseCite            // every full citation, in order
	any := false
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		if !containsFoldASCII(p.Text, "caso ") {
			continue
		}
		cs := findCases(p.Text)
		if len(cs) == 0 {
			continue
		}
		any = true
		found[i] = cs
		var starts [][]int
		if p.Kind == corpus.Footnote {
			starts = noteStart.FindAllStringSubmatchIndex(p.Text, -1)
		}
		for _, c := range cs {
			if c.note != 0 {
				continue
			}
			all = append(all, c)
			// The note this citation is in: the last note start before
			// it.
			for j := len(starts) - 1; j >= 0; j-- {
				if starts[j][2] <= c.start {
					n, _ := strconv.Atoi(p.Text[starts[j][2]:starts[j][3]])
					notes[n] = append(notes[n], c)
					break
				}
			}
		}
	}
	if !any {
		return
	}
	for i, cs := range found {
		p := &doc.Paragraphs[i]
		seen := map[string]bool{}
		for _, c := range cs {
			if c.note != 0 {
				c = resolveSupra(c, notes[c.note], all)
			}
			if c.series == "" {
				c = seriesOf(c, all)
			}
			cit := corpus.Citation{Case: c.name, Date: c.date, Paragraph: c.para, Text: c.text}
			cit.Symbol = corpus.Symbol(c.series)
			if c.series == "" {
				cit.Symbol = corpus.Symbol(c.name)
			}
			k := string(cit.Symbol) + "§" + string(cit.Paragraph)
			if seen[k] {
				continue
			}
			seen[k] = true
			p.Citations = append(p.Citations, cit)
		}
	}
}

// resolveSupra returns c, a citation by name and note, with the series,
// date and full name of the case that note cites whose name begins as c's
// does; failing that, of the last full citation of the document with that
// name.
func resolveSupra(c caseCite, inNote, all []caseCite) caseCite {
	match := func(full caseCite) bool {
		return full.key == c.key || strings.HasPrefix(full.key, c.key+" ") || strings.HasPrefix(c.key, full.key+" ")
	}
	for _, full := range inNote {
		if match(full) {
			return withCase(c, full)
		}
	}
	if len(inNote) == 1 && len(c.key) > 0 && strings.Fields(inNote[0].key)[0] == strings.Fields(c.key)[0] {
		return withCase(c, inNote[0])
	}
	for j := len(all) - 1; j >= 0; j-- {
		if match(all[j]) {
			return withCase(c, all[j])
		}
	}
	return c
}

// seriesOf returns c, a citation without a series number ("Caso Casa Niña
// Vs. Perú, supra, párr. 35"), with the series and date of the full
// citations of the document that name its case: those of its date when it
// has one, else the one series they all give.
func seriesOf(c caseCite, all []caseCite) caseCite {
	series := ""
	var date corpus.Date
	for _, full := range all {
		if full.key != c.key || full.series == "" || !c.date.IsZero() && full.date != c.date {
			continue
		}
		if series != "" && full.series != series {
			return c // two judgments of the case: which one is unknown
		}
		series, date = full.series, full.date
	}
	if series != "" {
		c.series, c.date = series, date
	}
	return c
}

func withCase(c, full caseCite) caseCite {
	c.name, c.key, c.series, c.date = full.name, full.key, full.series, full.date
	return c
}

// findCases returns the citations of cases in text, in order. Each
// "Caso" opens at most one, which ends before the next.
func findCases(text string) []caseCite {
	var starts []int
	for i := 0; i+5 <= len(text); i++ {
		if (text[i] == 'C' || text[i] == 'c') && strings.HasPrefix(text[i+1:], "aso ") && (i == 0 || !isASCIILetter(text[i-1])) {
			starts = append(starts, i)
		}
	}
	var out []caseCite
	for k, at := range starts {
		end := len(text)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		seg := text[at:end]
		m := caseFull.FindStringSubmatchIndex(seg)
		full := ""
		if m != nil {
			full = "Caso " + strings.TrimSpace(seg[m[2]:m[3]]) + " Vs. " + seg[m[4]:m[5]]
		} else if m = caseOld.FindStringSubmatchIndex(seg); m != nil {
			full = "Caso " + strings.TrimSpace(seg[m[2]:m[3]])
			m[1] = m[3] + 1 // the citation goes on after the name
		}
		if m != nil {
			c := caseCite{start: at, name: full, key: corpus.CaseKey(full)}
			from := at + m[1]
			rest := text[from:citationEnd(text, from)]
			if s, ok := corpus.ParseSeries(rest); ok {
				c.series = s
			}
			if d := judgmentDate.FindStringSubmatch(rest); d != nil {
				if date, ok := FullDate(d[1]); ok {
					c.date = date
				}
			}
			c.para, c.end = paragraphAfter(text, from, len(rest))
			c.text = strings.TrimSpace(text[at:max(c.end, from)])
			out = append(out, c)
			continue
		}
		if m := caseSupra.FindStringSubmatchIndex(seg); m != nil {
			name := strings.TrimSpace(seg[m[2]:m[3]])
			if i := strings.Index(name, ". "); i > 0 {
				name = name[:i] // "Caso Loayza Tamayo. Fondo, supra nota 21"
			}
			note, _ := strconv.Atoi(seg[m[4]:m[5]])
			c := caseCite{start: at, name: "Caso " + name, key: corpus.CaseKey(name), note: note}
			from := at + m[1]
			c.para, c.end = paragraphAfter(text, from, citationEnd(text, from)-from)
			c.text = strings.TrimSpace(text[at:max(c.end, from)])
			out = append(out, c)
		}
	}
	return out
}

// citationEnd returns where the citation that goes on at from ends: at the
// next case cited, a semicolon, or 400 bytes on.
func citationEnd(text string, from int) int {
	end := min(len(text), from+400)
	rest := text[from:end]
	if i := strings.Index(rest, ";"); i >= 0 {
		end = from + i
		rest = text[from:end]
	}
	for _, w := range []string{"Caso ", "caso "} {
		if i := strings.Index(rest, w); i >= 0 && from+i < end {
			end = from + i
			rest = text[from:end]
		}
	}
	return end
}

// paragraphAfter returns the paragraph a citation names in the n bytes
// after position from, and where the citation ends: after that number, or
// at from.
func paragraphAfter(text string, from, n int) (corpus.Number, int) {
	rest := text[from : from+n]
	m := citedParagraph.FindStringSubmatchIndex(rest)
	if m == nil {
		return "", from
	}
	num, ok := corpus.ParseNumber(rest[m[2]:m[3]])
	if !ok {
		return "", from
	}
	return num, from + m[1]
}

// NoteCitations gives each paragraph that calls a footnote (its
// Paragraph.Notes, the raised marks of a PDF) the citations made in that
// note, with Citation.Note set: "Gelman §29" cites what note 12 cites. A
// footnote paragraph holds the notes whose numbers open it or a sentence
// in it ("12 Cfr. Caso…; 13 Cfr. …"); each citation belongs to the last
// note opened before it; a footnote whose number is printed raised (a UN
// document's) is the note of its one mark.
func NoteCitations(doc *corpus.Document) {
	calls := false
	for _, p := range doc.Paragraphs {
		if len(p.Notes) > 0 && p.Kind != corpus.Footnote {
			calls = true
			break
		}
	}
	if !calls {
		return
	}
	inNote := map[int][]corpus.Citation{}
	for _, p := range doc.Paragraphs {
		if p.Kind != corpus.Footnote || len(p.Citations) == 0 {
			continue
		}
		starts := noteStart.FindAllStringSubmatchIndex(p.Text, -1)
		if len(starts) == 0 {
			// A UN document prints a note's number raised, as the mark
			// that calls it: the footnote's Notes.
			if len(p.Notes) == 1 {
				inNote[p.Notes[0]] = append(inNote[p.Notes[0]], p.Citations...)
			}
			continue
		}
		from := 0
		for _, c := range p.Citations {
			at := strings.Index(p.Text[from:], c.Text)
			if at < 0 {
				at = strings.Index(p.Text, c.Text)
			} else {
				at += from
				from = at
			}
			for j := len(starts) - 1; j >= 0; j-- {
				if starts[j][2] <= max(at, 0) {
					n, _ := strconv.Atoi(p.Text[starts[j][2]:starts[j][3]])
					inNote[n] = append(inNote[n], c)
					break
				}
			}
		}
	}
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		if p.Kind == corpus.Footnote {
			continue
		}
		for _, n := range p.Notes {
			for _, c := range inNote[n] {
				c.Note = n
				p.Citations = append(p.Citations, c)
			}
		}
	}
}
