package corpus

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// A part is a stretch of a document that numbers its paragraphs from 1
// again: an annex of a resolution ("Anexo A", whose items 1 to 9 are not
// operative paragraphs 1 to 9), a report of a compilation of several
// reports ("6º", the sixth, whose paragraph 1 is not the first report's),
// the operative points of a judgment after its reasoned paragraphs, a
// separate opinion. A paragraph's number is unique only with its part:
// Paragraph.Part names it, "" for the document's main numbering.
//
// NumberParts finds the parts:
//
//   - An annex heading ("Annex A – Items subject to…", "ANEXO II",
//     "Apéndice") opens a part that runs to the next annex heading; its
//     label is the heading's name in Spanish ("Anexo A", "Anexo II").
//   - Inside the body or an annex, a number already used since the last
//     restart starts the numbering again: the new part opens at the first
//     heading after the last numbered paragraph (or at the paragraph, when
//     there is none). When the headings that open parts are Markdown
//     headings of one level (the "## 6º Observaciones finales…" of a
//     compilation), every heading of that level opens a part, so that a
//     report whose first paragraph kept is "12." is still a part of its
//     own.
//   - The first part keeps the main numbering (no label) when it is the
//     document's main text: three times as long as any other part, as a
//     judgment's reasoned paragraphs are beside its operative points. Else
//     every part is labelled, so that "§1" alone names none of them.
//
// A part's label is read from the heading that opens it: its ordinal or
// section mark ("6º", "C", "IV", "Parte I"), else its first words
// ("Puntos resolutivos"), else "parte N". Labels are unique in a document;
// inside an annex, a part's label follows the annex's ("Anexo B, Parte
// I"). ParsePart and PartKey read a label back as people write it.
func (d *Document) NumberParts() {
	ps := d.Paragraphs
	for i := range ps {
		ps[i].Part, ps[i].Repeated = "", false
	}
	// Segments: the body, then each annex.
	type segment struct {
		start, end int // paragraphs [start, end)
		label      string
	}
	segs := []segment{{start: 0, label: ""}}
	for i := range ps {
		if ps[i].Kind != Heading {
			continue
		}
		if label, ok := AnnexLabel(ps[i].Text); ok {
			segs[len(segs)-1].end = i
			segs = append(segs, segment{start: i, label: label})
		}
	}
	segs[len(segs)-1].end = len(ps)
	used := map[string]int{}
	unique := func(label string) string {
		key := PartKey(label)
		used[key]++
		if n := used[key]; n > 1 {
			label = fmt.Sprintf("%s (%d)", label, n)
			used[PartKey(label)]++
		}
		return label
	}
	for _, sg := range segs {
		runs, parallel := numberRuns(ps, sg.start, sg.end, sg.label != "")
		annex := ""
		if sg.label != "" {
			annex = unique(sg.label)
		}
		main := sg.label == "" && !parallel && longest(runs)
		for r, run := range runs {
			label := annex
			if len(runs) > 1 && !(r == 0 && main) {
				switch {
				case run.heading >= 0 && !(annex != "" && run.heading == sg.start):
					label = headingLabel(ps[run.heading].Text)
				case run.within != "":
					label = "párr. " + run.within.String()
				default:
					label = fmt.Sprintf("parte %d", r+1)
				}
				if annex != "" {
					label = annex + ", " + label
				}
				label = unique(label)
			}
			for _, sp := range run.spans {
				for i := sp[0]; i < sp[1]; i++ {
					ps[i].Part = label
				}
			}
		}
	}
	// A number its part has already is cited by position.
	type ref struct {
		part string
		n    Number
	}
	seen := map[ref]bool{}
	for i := range ps {
		p := &ps[i]
		if p.Number == "" || p.Kind == Footnote {
			continue
		}
		k := ref{PartKey(p.Part), p.Number}
		if seen[k] {
			p.Repeated = true
		}
		seen[k] = true
	}
}

// run is the paragraphs numbered once each, in one or more spans: the main
// numbering of a judgment goes on after the numbered list it quotes.
type run struct {
	spans    [][2]int // paragraphs [start, end)
	heading  int      // the heading that opens it, or -1
	numbered int      // its numbered paragraphs
	last     int      // the value of its last number of one component
	seen     map[Number]bool
	parent   int // the run it interrupted, or -1
	// within is the paragraph whose items the run numbers, when it
	// starts again without a heading: the numbered paragraph before it.
	within Number
}

// longest reports whether the first run is the longest: the document's
// main numbering, beside the operative points of a judgment or the lists
// it quotes.
func longest(runs []run) bool {
	for _, r := range runs[1:] {
		if r.numbered >= runs[0].numbered {
			return false
		}
	}
	return true
}

// numberRuns splits paragraphs [start, end) into runs of unique numbers
// (see NumberParts), and reports whether they are parallel: opened by
// Markdown headings of one level, none the main numbering. In an annex,
// the annex heading is not a run's heading.
func numberRuns(ps []Paragraph, start, end int, annex bool) ([]run, bool) {
	split := func(levels map[int]bool) []run {
		runs := []run{{spans: [][2]int{{start, -1}}, heading: -1, parent: -1, seen: map[Number]bool{}}}
		cur := 0
		since := -1     // the first heading since the last numbered paragraph
		last := -1      // the last heading
		var prev Number // the last number
		move := func(at, to int) {
			r := &runs[cur]
			r.spans[len(r.spans)-1][1] = at
			if to < 0 {
				runs = append(runs, run{heading: since, parent: -1, seen: map[Number]bool{}})
				to = len(runs) - 1
			}
			runs[to].spans = append(runs[to].spans, [2]int{at, -1})
			cur = to
		}
		for i := start; i < end; i++ {
			p := &ps[i]
			switch {
			case p.Kind == Heading:
				if annex && i == start {
					continue
				}
				level, _ := headingLevel(p.Original)
				if levels[level] {
					if r := &runs[cur]; r.numbered > 0 || r.heading >= 0 && levels[headingLevelOf(ps, r.heading)] {
						since = i
						move(i, -1)
					} else {
						r.heading = i
					}
					since, last = -1, i
					continue
				}
				if since < 0 {
					since = i
				}
				last = i
			case p.Number != "" && p.Kind != Footnote:
				if p.Number == prev && since < 0 {
					// Two excerpts of one paragraph ("285. El Comité…",
					// "285. (...) El Comité…"): cited by position.
					p.Repeated = true
					continue
				}
				before := prev
				prev = p.Number
				at := i
				if since >= 0 {
					at = since
				}
				v := p.Number.Int()
				if up := resumes(runs, cur, p.Number, v); levels == nil && up >= 0 {
					// The numbering of a run it interrupted goes on
					// after a list it quoted.
					move(at, up)
				} else if runs[cur].seen[p.Number] || since >= 0 && v > 0 && v < runs[cur].last {
					// A number used already, or lower than the last after
					// a heading: the numbering starts again. Without a
					// heading, the new numbers are items of the paragraph
					// before ("82. … las recomendaciones siguientes:", "3.
					// Considerar…").
					parent := cur
					move(at, -1)
					runs[cur].parent = parent
					if since < 0 {
						runs[cur].within = before
					}
				}
				r := &runs[cur]
				if r.heading < 0 && r.numbered == 0 && last >= 0 && (since >= 0 || cur == 0) {
					r.heading = last
				}
				r.seen[p.Number] = true
				r.numbered++
				if v > 0 {
					r.last = v
				}
				since = -1
			}
		}
		r := &runs[cur]
		r.spans[len(r.spans)-1][1] = end
		return runs
	}
	runs := split(nil)
	if len(runs) < 2 {
		return runs, false
	}
	// Markdown headings of the outermost level that opens the restarts
	// open a part each.
	level := 0
	for _, r := range runs[1:] {
		if r.heading < 0 {
			continue
		}
		l, item := headingLevel(ps[r.heading].Original)
		if !item && l <= 6 && (level == 0 || l < level) {
			level = l
		}
	}
	if level == 0 {
		return runs, false
	}
	return split(map[int]bool{level: true}), true
}

// resumes returns the run that run cur interrupted, or the run that one
// interrupted, and so on, whose numbering number n (of value v) continues:
// above its last number by at most 3 (a number lost or misread between),
// and not the next number of cur itself. It returns -1 when there is
// none.
func resumes(runs []run, cur int, n Number, v int) int {
	if v <= 0 || v == runs[cur].last+1 && !runs[cur].seen[n] {
		return -1
	}
	for up := runs[cur].parent; up >= 0; up = runs[up].parent {
		if r := &runs[up]; v > r.last && v <= r.last+3 && !r.seen[n] {
			return up
		}
	}
	return -1
}

// headingLevelOf returns the heading level of paragraph i.
func headingLevelOf(ps []Paragraph, i int) int {
	l, _ := headingLevel(ps[i].Original)
	return l
}

// annexHeading matches the heading of an annex or appendix, with its name:
// "Annex A – Items subject to…", "ANEXO II", "Apéndice 1", "Anexo".
var annexHeading = regexp.MustCompile(`(?i)^(anexo|annex|ap[ée]ndice|appendix)(?:\s+([A-Z]|[IVXL]{1,6}|[0-9]{1,2}))?(?:\s*[–—:.\-]|\s*$|\s+\p{Lu})`)

// AnnexLabel returns the label of an annex heading in Spanish ("Anexo A"
// for "Annex A – Items subject to…") and whether text is one.
func AnnexLabel(text string) (string, bool) {
	m := annexHeading.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return "", false
	}
	word := "Anexo"
	if w := strings.ToLower(m[1]); strings.HasPrefix(w, "ap") {
		word = "Apéndice"
	}
	if m[2] != "" {
		return word + " " + strings.ToUpper(m[2]), true
	}
	return word, true
}

var (
	// ordinalMark is a heading's ordinal: "6º Observaciones…", "1° …".
	ordinalMark = regexp.MustCompile(`^([0-9]{1,3})\s*[º°ª]\s`)
	// sectionMark is a heading's section mark: "C. Principales…", "IV.
	// Seguimiento", "A.1. Alegatos", "VI.1 DERECHO…".
	sectionMark = regexp.MustCompile(`^((?:[A-Z]|[IVXL]{1,6})(?:\.[0-9A-Z]{1,3})*)[.)]?\s+\p{Lu}`)
	// partWord is a heading that names its part: "Part I", "Parte II",
	// "Sección 3", "Capítulo 2".
	partWord = regexp.MustCompile(`(?i)^(part|parte|secci[oó]n|section|cap[ií]tulo|chapter|t[ií]tulo)\s+([A-Z]|[IVXL]{1,6}|[0-9]{1,3})\b`)
)

// partWords are the Spanish words of partWord's names.
var partWords = map[string]string{
	"part": "Parte", "parte": "Parte", "seccion": "Sección", "section": "Sección",
	"capitulo": "Capítulo", "chapter": "Capítulo", "titulo": "Título",
}

// headingLabel returns the label of the part a heading opens (see
// NumberParts).
func headingLabel(text string) string {
	text = strings.TrimSpace(strings.TrimLeft(text, "#*_ "))
	if m := ordinalMark.FindStringSubmatch(text); m != nil {
		return m[1] + "º"
	}
	if m := partWord.FindStringSubmatch(text); m != nil {
		return partWords[strings.ToLower(foldASCII(m[1]))] + " " + strings.ToUpper(m[2])
	}
	if m := sectionMark.FindStringSubmatch(text); m != nil && len(m[1]) < len(text) {
		return m[1]
	}
	words := strings.Fields(strings.TrimRight(text, ".:;, "))
	if len(words) > 5 {
		words = words[:5]
	}
	return strings.TrimRight(strings.Join(words, " "), ".:;,")
}

// PartKey returns the form of a part label that references compare:
// lower case, without accents, "annex" and "part" as "anexo" and "parte",
// one space between words and none before a comma ("Anexo B, Parte I" →
// "anexo b, parte i").
func PartKey(label string) string {
	s := strings.ToLower(foldASCII(strings.TrimSpace(label)))
	s = strings.ReplaceAll(s, "°", "º")
	s = strings.ReplaceAll(s, "ª", "º")
	fields := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) })
	for i, f := range fields {
		switch strings.TrimRight(f, ",") {
		case "annex":
			fields[i] = strings.Replace(f, "annex", "anexo", 1)
		case "appendix", "apendice":
			fields[i] = "apendice" + strings.TrimPrefix(strings.TrimPrefix(f, "appendix"), "apendice")
		case "part":
			fields[i] = strings.Replace(f, "part", "parte", 1)
		}
	}
	s = strings.Join(fields, " ")
	return strings.ReplaceAll(s, " ,", ",")
}

// foldASCII removes the accents of Spanish (and Portuguese) letters: á →
// a, ñ → n.
func foldASCII(s string) string {
	return accentFolder.Replace(s)
}

var accentFolder = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ü", "u",
	"Á", "A", "É", "E", "Í", "I", "Ó", "O", "Ú", "U", "Ü", "U", "ñ", "n", "Ñ", "N", "ç", "c", "ô", "o", "ê", "e", "â", "a", "ã", "a", "õ", "o")
