package ingest

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest/extract"
)

// This file reads the identity of a judgment (or resolution) of the
// Inter-American Court of Human Rights from its first page, as the Court
// prints it:
//
//	CORTE INTERAMERICANA DE DERECHOS HUMANOS
//	CASO GELMAN VS. URUGUAY
//	SENTENCIA DE 24 DE FEBRERO DE 2011
//	(Fondo y Reparaciones)
//
// and its series number ("Serie C No. 221") where the document gives it:
// on its first page, or in a citation of itself (a separate opinion
// bound with the judgment cites it in full). The document's title, date,
// country and type are identity's; the case name and series number are
// what citations of the judgment are matched with.

var (
	// courtName names the court on the first page.
	courtName = regexp.MustCompile(`(?i)corte\s+interamericana\s+de\s+derechos\s+humanos`)
	// caseLine is a line naming the case: "CASO GELMAN VS. URUGUAY", "En
	// el caso Gómez Virula y otros Vs. Guatemala,".
	caseLine = regexp.MustCompile(`(?i)^(?:en\s+el\s+)?caso\s+(.{2,140}?)\s+vs\.?\s+(\p{L}[\p{L} ]{2,40}?)[,.]?$`)
	// caseOpening is the sentence that opens a judgment naming its case
	// without the State: "En el caso López Lone y otros, la Corte…".
	caseOpening = regexp.MustCompile(`^[Ee]n\s+el\s+caso\s+(\p{Lu}[^,;:]{1,100}?),\s`)
	// decisionDate is the line that dates it: "SENTENCIA DE 24 DE
	// FEBRERO DE 2011", "Resolución de … de 22 de noviembre de 2011".
	decisionDate = regexp.MustCompile(`(?i)^(?:sentencia|resoluci[oó]n)\b.{0,120}?\bde\s+([0-9]{1,2}º?\s+de\s+\p{L}+\s+de(?:l)?\s+[0-9]{4})`)
)

// judgment sets doc.Case when doc is a judgment or resolution of the
// Inter-American Court: a paragraph of its first page names the court and
// one names the case.
func judgment(doc *corpus.Document) {
	if doc.Symbol.IsFull() {
		return
	}
	court := false
	var c *corpus.Case
	var date corpus.Date // a date line read before the case's name
	seen := 0
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		if p.Kind == corpus.Footnote {
			continue
		}
		if seen++; seen > 30 {
			break
		}
		t := strings.TrimSpace(p.Text)
		if !court && containsFoldASCII(t, "interamericana") && courtName.MatchString(t) {
			court = true
		}
		if c == nil {
			if m := caseLine.FindStringSubmatch(t); m != nil {
				c = &corpus.Case{Name: "Caso " + titleCase(strings.TrimSpace(m[1])) + " Vs. " + titleCase(strings.TrimSpace(m[2]))}
			} else if m := caseOpening.FindStringSubmatch(t); m != nil {
				// "En el caso López Lone y otros, la Corte…": the State
				// is not named.
				c = &corpus.Case{Name: "Caso " + titleCase(strings.TrimSpace(m[1]))}
			}
		}
		if date.IsZero() {
			if m := decisionDate.FindStringSubmatch(t); m != nil {
				if d, ok := extract.FullDate(strings.ToLower(m[1])); ok {
					date = d
				}
			}
		}
		if c != nil && c.Series == "" && len(t) < 80 && strings.HasPrefix(strings.ToLower(t), "serie c") {
			c.Series, _ = corpus.ParseSeries(t)
		}
	}
	if court && c != nil {
		c.Date = date
		doc.Case = c
	}
}

// ownCitations takes the series number of a judgment from its citations of
// itself (same case, same date) when its first page did not give it, and
// then drops them and every other citation of the document itself: a
// document never cites itself.
func ownCitations(doc *corpus.Document) {
	c := doc.Case
	self := func(cit *corpus.Citation) bool {
		if c != nil && cit.Case != "" && corpus.CaseKey(cit.Case) == c.Key() {
			return cit.Date.IsZero() || c.Date.IsZero() || cit.Date == c.Date ||
				c.Series != "" && string(cit.Symbol) == c.Series
		}
		if doc.Symbol == "" || cit.Case != "" {
			return false
		}
		return slices.Contains(doc.Symbol.Forms(), strings.ToLower(cit.Symbol.String()))
	}
	if c != nil && c.Series == "" && !c.Date.IsZero() {
	find:
		for _, p := range doc.Paragraphs {
			for _, cit := range p.Citations {
				if cit.Case != "" && corpus.CaseKey(cit.Case) == c.Key() && cit.Date == c.Date && strings.HasPrefix(string(cit.Symbol), "Serie ") {
					c.Series = string(cit.Symbol)
					break find
				}
			}
		}
	}
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		kept := p.Citations[:0]
		for j := range p.Citations {
			if !self(&p.Citations[j]) {
				kept = append(kept, p.Citations[j])
			}
		}
		if len(kept) == 0 {
			kept = nil
		}
		p.Citations = kept
	}
}

// lowerWords stay in lower case in a name: "Caso López Lone y otros Vs.
// Honduras".
var lowerWords = map[string]bool{"y": true, "e": true, "de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "otros": true, "otras": true, "otra": true, "otro": true}

// titleCase writes a name printed in capitals as the Court writes it in
// citations ("GÓMEZ VIRULA Y OTROS" → "Gómez Virula y otros"); a name
// with small letters is kept. Initials stay capitals ("V.R.P.").
func titleCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		lw := strings.ToLower(w)
		switch {
		case i > 0 && lowerWords[lw]:
			words[i] = lw
		case strings.Contains(strings.TrimRight(w, ".,"), "."):
			// initials
		default:
			r, n := utf8.DecodeRuneInString(lw)
			words[i] = string(unicode.ToUpper(r)) + lw[n:]
		}
	}
	return strings.Join(words, " ")
}
