package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/entity"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/spanish"
)

// BadQueryError is a query that parses but cannot be run: an unknown
// paragraph kind, an impossible date range.
type BadQueryError struct{ Msg string }

// Error returns the message for the user.
func (e *BadQueryError) Error() string { return e.Msg }

func badf(format string, a ...any) error { return &BadQueryError{fmt.Sprintf(format, a...)} }

// Applied says what a query did to the words it was given, so that a count
// can be explained and reproduced.
type Applied struct {
	Stemming bool `json:"stemming"` // singular/plural and gender endings ignored
	Folding  bool `json:"folding"`  // accents, ñ and case ignored
	Fuzzy    bool `json:"fuzzy"`    // some word matched with edits (~)
	Prefix   bool `json:"prefix"`   // some word matched as a prefix (*)
	Literal  bool `json:"literal"`  // some words matched exactly as written
	Original bool `json:"original"` // the text as extracted (before OCR repair) was searched too
	// StopWords lists the words passed over as too common ("de", "la").
	StopWords []string `json:"stop_words,omitempty"`
	// Acronyms maps each acronym of the query that the gazetteer knows
	// ("CEDAW") to the names it was also searched as, and each name
	// written as a phrase to its acronyms.
	Acronyms map[string][]string `json:"acronyms,omitempty"`
	// Recovery, when set, says that no paragraph had all the words and
	// what was shown instead (see Recovery).
	Recovery *Recovery `json:"recovery,omitempty"`
}

type compiler struct {
	applied Applied
	// hasOriginal reports whether a term is in the original field (nil:
	// assume it is).
	hasOriginal func(term string) bool
	// hasSection reports whether a term is in the section field (nil:
	// the section is not searched).
	hasSection func(term string) bool
	// section holds the terms of each word that may be found in a
	// paragraph's section instead of its text, and sectionWords the words
	// as written.
	section      [][]string
	sectionWords []string
	// exact holds the exact forms of the accented words and phrases
	// the query looks for (one list of terms each): paragraphs that have
	// them as written rank higher (see exactBoosts).
	exact [][]string
	// negated is set while compiling what a query excludes.
	negated bool
	// prefixTerms counts the index terms a prefix stands for, no further
	// than a limit (nil: do not count; see index.PrefixTerms).
	prefixTerms func(field, prefix string, limit int) (int, error)
	// expanding counts the prefix and fuzzy words compiled so far.
	expanding int
}

// maxExpandingWords is the most prefix ("coopera*") and fuzzy
// ("didlogo~") words one query may have: each stands for up to
// index.MaxExpansions terms.
const maxExpandingWords = 8

// expand counts the n expanding terms of a prefix or fuzzy word against
// maxExpandingWords.
func (c *compiler) expand(t *query.Term, n int) error {
	c.expanding += n
	if c.expanding > maxExpandingWords {
		return badf("la consulta tiene más de %d palabras con * o ~ (la última: «%s»); quite algunas", maxExpandingWords, written(t))
	}
	return nil
}

// written is a prefix or fuzzy word as the user wrote it: "coopera*",
// "didlogo~".
func written(t *query.Term) string {
	switch {
	case t.Prefix:
		return t.Text + "*"
	case t.Fuzzy:
		return t.Text + "~"
	}
	return t.Text
}

// isStopWord reports whether q is a word that the analyzers drop ("de",
// "la", "los", quoted or not): such a word is passed over in a list of
// words, as every search engine does, rather than required in every
// paragraph. The index does not hold these words.
func (c *compiler) isStopWord(q query.Query) bool {
	t, ok := q.(*query.Term)
	if !ok || t.Prefix || t.Fuzzy || strings.Contains(t.Text, "/") {
		return false
	}
	if len(index.ExactTerms(t.Normalized())) == 0 {
		c.applied.StopWords = append(c.applied.StopWords, t.Text)
		return true
	}
	return false
}

// compile turns a parsed query into a query of the index.
func compile(q query.Query, c *compiler) (index.Query, error) {
	switch q := q.(type) {
	case *query.Term:
		return c.term(q)
	case *query.Phrase:
		return c.phrase(q)
	case *query.Field:
		return c.field(q)
	case *query.Not:
		c.negated = !c.negated
		x, err := compile(q.X, c)
		c.negated = !c.negated
		if err != nil {
			return index.Query{}, err
		}
		return index.Boolean([]index.Query{index.MatchAll()}, nil, []index.Query{x}, 0), nil
	case *query.And:
		var must, mustNot []index.Query
		for _, x := range q.Xs {
			if c.isStopWord(x) {
				continue
			}
			if n, ok := x.(*query.Not); ok {
				c.negated = !c.negated
				cx, err := compile(n.X, c)
				c.negated = !c.negated
				if err != nil {
					return index.Query{}, err
				}
				mustNot = append(mustNot, cx)
				continue
			}
			cx, err := compile(x, c)
			if err != nil {
				return index.Query{}, err
			}
			must = append(must, cx)
		}
		if len(must) == 0 && len(mustNot) == 0 {
			return index.Query{}, badf("la consulta solo tiene palabras demasiado comunes para buscarlas (%s); añada otra palabra", strings.Join(c.applied.StopWords, ", "))
		}
		if len(must) == 0 {
			must = append(must, index.MatchAll())
		}
		if len(mustNot) == 0 {
			// Without exclusions, the words themselves (bleve's
			// boolean searcher would wrap them for nothing).
			if len(must) == 1 {
				return must[0], nil
			}
			return index.And(must...), nil
		}
		return index.Boolean(must, nil, mustNot, 0), nil
	case *query.Or:
		var xs []index.Query
		for _, x := range q.Xs {
			if c.isStopWord(x) {
				continue
			}
			cx, err := compile(x, c)
			if err != nil {
				return index.Query{}, err
			}
			xs = append(xs, cx)
		}
		if len(xs) == 0 {
			return index.Query{}, badf("la consulta solo tiene palabras demasiado comunes para buscarlas (%s); añada otra palabra", strings.Join(c.applied.StopWords, ", "))
		}
		return index.Or(xs...), nil
	}
	return index.Query{}, fmt.Errorf("unknown query node %T", q)
}

// term matches one word (see textClauses), a prefix, a fuzzy word, a
// literal word or a symbol.
func (c *compiler) term(t *query.Term) (index.Query, error) {
	text := t.Normalized()
	if sym, err := corpus.ParseSymbol(text); err == nil && strings.Contains(text, "/") {
		return c.symbolMention(sym), nil
	}
	switch {
	case t.Literal:
		c.applied.Literal = true
		return index.Match(index.FieldTextExact, text), nil
	case t.Prefix:
		c.applied.Prefix, c.applied.Folding = true, true
		folded := strings.ToLower(string(spanish.Fold([]byte(text))))
		if err := c.expand(t, 1); err != nil {
			return index.Query{}, err
		}
		if c.prefixTerms != nil {
			n, err := c.prefixTerms(index.FieldText, folded, index.MaxExpansions+1)
			if err != nil {
				return index.Query{}, err
			}
			if n > index.MaxExpansions {
				return index.Query{}, badf("«%s» abarca más de %d palabras del índice; escriba más letras antes del asterisco", written(t), index.MaxExpansions)
			}
		}
		var xs []index.Query
		for _, f := range []string{index.FieldText, index.FieldOriginal} {
			xs = append(xs, index.Prefix(f, folded))
		}
		return index.Or(xs...), nil
	case t.Fuzzy:
		c.applied.Fuzzy, c.applied.Folding, c.applied.Stemming = true, true, true
		// A word the analyzer splits ("d-d-d-d~") expands each of its
		// terms: each counts against maxExpandingWords, with the edits
		// its own length allows.
		terms := index.Terms(text)
		if err := c.expand(t, max(1, len(terms))); err != nil {
			return index.Query{}, err
		}
		var xs []index.Query
		for _, f := range []string{index.FieldText, index.FieldOriginal} {
			if len(terms) <= 1 {
				xs = append(xs, index.MatchFuzzy(f, text, fuzziness(text), 1))
				continue
			}
			for _, term := range terms {
				xs = append(xs, index.Fuzzy(f, term, fuzziness(term), 1))
			}
		}
		return index.Or(xs...), nil
	}
	main := c.textClauses(text, func(field string) index.Query { return wordQuery(field, text, index.Terms(text)) })
	if names := c.acronymNames(t.Text); len(names) > 0 {
		return c.withNames(t, text, main, names), nil
	}
	return c.inSection(t, text, main), nil
}

// acronymNames returns the names a word of the query stands for when it
// is an acronym the gazetteer knows: written in capitals ("CEDAW", "CAT",
// "EPU"), or in lower case from five letters on ("cedaw", "mesecvi"), where
// no Spanish word is spelt so. The names are the entry's name, its
// variants and its other acronyms ("CDESC" is also "CESCR").
func (c *compiler) acronymNames(word string) []string {
	g := entity.DefaultGazetteer()
	e, ok := g.Acronym(word)
	if !ok && utf8.RuneCountInString(word) >= 5 && strings.ToLower(word) == word {
		e, ok = g.Acronym(strings.ToUpper(word))
	}
	if !ok || e.Type != entity.TypeMechanism && e.Type != entity.TypeAgency && e.Type != entity.TypeOffice && e.Type != entity.TypeOrgan && e.Type != entity.TypeTreaty {
		return nil
	}
	var names []string
	for _, n := range append(append([]string{e.Name}, e.Variants...), e.Acronyms...) {
		if !strings.EqualFold(n, word) && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	if c.applied.Acronyms == nil {
		c.applied.Acronyms = map[string][]string{}
	}
	c.applied.Acronyms[word] = names
	return names
}

// withNames matches a word and the names it stands for (as phrases), in
// the text, and in the section of an item of a list (all their words),
// as inSection does for a word.
func (c *compiler) withNames(t *query.Term, text string, main index.Query, names []string) index.Query {
	xs := []index.Query{main}
	var sec []index.Query
	terms := index.Terms(text)
	for _, n := range names {
		nt := spanish.Normalize(n)
		if len(index.Terms(nt)) == 0 {
			continue
		}
		xs = append(xs, index.Phrase(index.FieldText, nt))
		sec = append(sec, index.MatchEvery(index.FieldSection, nt))
		terms = append(terms, index.Terms(nt)...)
	}
	all := index.Or(xs...)
	if c.negated || c.hasSection == nil || !slices.ContainsFunc(terms, c.hasSection) {
		return all
	}
	sec = append(sec, wordQuery(index.FieldSection, text, index.Terms(text)))
	c.section = append(c.section, index.Terms(text))
	c.sectionWords = append(c.sectionWords, t.Text)
	return index.Fallback(all, index.Or(sec...), SectionWeight)
}

// SectionWeight is how much a word found only in a paragraph's section
// (the heading above it, the sentence that opens its list) counts,
// against the same word in the paragraph itself.
const SectionWeight = 0.3

// inSection returns main, or, when the word is in the section field, main
// with a fallback to the section: a paragraph that has the word scores as
// main alone scores it, one that has it only in its section
// SectionWeight of that clause's score.
func (c *compiler) inSection(t *query.Term, text string, main index.Query) index.Query {
	if c.negated || c.hasSection == nil {
		return main
	}
	terms := index.Terms(text)
	if !slices.ContainsFunc(terms, c.hasSection) {
		return main
	}
	sec := wordQuery(index.FieldSection, text, terms)
	c.section = append(c.section, terms)
	c.sectionWords = append(c.sectionWords, t.Text)
	return index.Fallback(main, sec, SectionWeight)
}

// wordQuery matches text, a word, in field by its terms: the one term most
// words are, or all of them ("COVID-19"). A term query costs less per hit
// than bleve's match query, which puts even one term in a disjunction.
func wordQuery(field, text string, terms []string) index.Query {
	if len(terms) == 1 {
		return index.Term(field, terms[0])
	}
	return index.Match(field, text)
}

// fuzziness is the number of edits a fuzzy word allows: one, two for words
// of six letters or more.
func fuzziness(word string) int {
	if utf8.RuneCountInString(word) >= 6 {
		return 2
	}
	return 1
}

func (c *compiler) phrase(p *query.Phrase) (index.Query, error) {
	text := p.Normalized()
	if len(index.Terms(text)) == 0 {
		c.applied.StopWords = append(c.applied.StopWords, p.Text)
		return index.Query{}, badf("«%s» solo tiene palabras demasiado comunes para buscarlas; añada una palabra que no sea artículo, preposición ni conjunción", p.Text)
	}
	if p.Literal {
		// The exact-form field keeps no positions (they would cost a
		// quarter of the index): a literal phrase is its words in their
		// exact forms, anywhere in the paragraph, and the phrase itself,
		// stemmed, in order.
		c.applied.Literal = true
		return index.And(index.MatchEvery(index.FieldTextExact, text), index.Phrase(index.FieldText, text)), nil
	}
	main := c.textClauses(text, func(field string) index.Query { return index.Phrase(field, text) })
	// A name the gazetteer knows also finds its acronyms:
	// "Comité contra la Tortura" finds "CAT".
	if e, ok := entity.DefaultGazetteer().Lookup(text); ok && !c.negated {
		xs := []index.Query{main}
		var acronyms []string
		for _, a := range e.Acronyms {
			if !strings.Contains(a, " ") && !strings.EqualFold(a, text) {
				xs = append(xs, wordQuery(index.FieldTextExact, strings.ToLower(a), index.ExactTerms(strings.ToLower(a))))
				acronyms = append(acronyms, a)
			}
		}
		if len(acronyms) > 0 {
			if c.applied.Acronyms == nil {
				c.applied.Acronyms = map[string][]string{}
			}
			c.applied.Acronyms[p.Text] = acronyms
			return index.Or(xs...), nil
		}
	}
	return main, nil
}

// textClauses matches words or a phrase (made by match, in a field) stemmed and folded
// in the text and, when the original field has them, in the forms OCR
// repair changed, so that these stay findable. Accented words are also
// noted for a boost of their exact form (see exactBoosts), so that
// "público" ranks before "publico".
func (c *compiler) textClauses(text string, match func(field string) index.Query) index.Query {
	c.applied.Stemming, c.applied.Folding = true, true
	if !isASCII(text) && !c.negated {
		if terms := index.ExactTerms(text); len(terms) > 0 {
			c.exact = append(c.exact, terms)
		}
	}
	main := match(index.FieldText)
	if !c.inOriginal(text) {
		return main
	}
	c.applied.Original = true
	return index.Or(main, index.Boost(match(index.FieldOriginal), 0.3))
}

// ExactShare is how much more a paragraph scores when it has every word of
// the query in the exact accented form the query gives: a fifth.
const ExactShare = 0.2

// exactBoosts returns the boosts of the accented words and phrases of the
// query, each weighted by its share of the query's words, so that a
// paragraph with them all as written scores ExactShare more.
func (c *compiler) exactBoosts(q query.Query) []index.TermBoost {
	if len(c.exact) == 0 {
		return nil
	}
	words := 0
	visitPositive(q, func(q query.Query) {
		switch q := q.(type) {
		case *query.Term:
			words += len(index.Terms(q.Normalized()))
		case *query.Phrase:
			words += len(index.Terms(q.Normalized()))
		}
	})
	var out []index.TermBoost
	for _, terms := range c.exact {
		out = append(out, index.TermBoost{Field: index.FieldTextExact, Terms: terms, Weight: ExactShare * float64(len(terms)) / float64(max(words, len(terms)))})
	}
	return out
}

// inOriginal reports whether a term of text is in the original field.
func (c *compiler) inOriginal(text string) bool {
	if c.hasOriginal == nil {
		return true
	}
	for _, t := range index.Terms(text) {
		if c.hasOriginal(t) {
			return true
		}
	}
	return false
}

// symbolMention matches a symbol written in a query: the document that
// bears it, or a paragraph that mentions it.
func (c *compiler) symbolMention(sym corpus.Symbol) index.Query {
	return index.Or(symbolQuery(sym), index.Phrase(index.FieldText, sym.Short()))
}

func symbolQuery(sym corpus.Symbol) index.Query {
	if sym.IsFull() {
		return index.FilterQuery(index.FieldSymbol, sym.String())
	}
	return index.FilterQuery(index.FieldSymbolShort, sym.String())
}

// bodyAliases maps the ways analysts name adopting bodies to their
// canonical names.
var bodyAliases = map[string]string{
	"consejo de derechos humanos": "Consejo de Derechos Humanos", "cdh": "Consejo de Derechos Humanos",
	"hrc": "Consejo de Derechos Humanos", "human rights council": "Consejo de Derechos Humanos", "consejo": "Consejo de Derechos Humanos",
	"asamblea general": "Asamblea General", "asamblea": "Asamblea General", "ag": "Asamblea General", "general assembly": "Asamblea General", "ga": "Asamblea General",
	"consejo de seguridad": "Consejo de Seguridad", "cs": "Consejo de Seguridad", "security council": "Consejo de Seguridad", "sc": "Consejo de Seguridad",
	"consejo economico y social": "Consejo Económico y Social", "ecosoc": "Consejo Económico y Social",
	"comision de derechos humanos": "Comisión de Derechos Humanos",
}

func (c *compiler) field(f *query.Field) (index.Query, error) {
	v := strings.TrimSpace(f.Value)
	switch f.Name {
	case "simbolo":
		sym, err := corpus.ParseSymbol(v)
		if err != nil {
			return index.Query{}, badf("simbolo:%s no es una signatura de documento de la ONU (ejemplos: 51/34, A/HRC/RES/51/34, S/RES/2768 (2025))", v)
		}
		return symbolQuery(sym), nil
	case "tipo":
		k, ok := corpus.ParseParagraphKind(v)
		if !ok {
			return index.Query{}, badf("tipo:%s no es un tipo de párrafo (operativo, preambular, encabezado, parrafo, elemento, nota)", v)
		}
		return index.FilterQuery(index.FieldKind, string(k)), nil
	case "organo":
		key := strings.ToLower(string(spanish.Fold([]byte(v))))
		if name, ok := bodyAliases[key]; ok {
			v = name
		} else if e, ok := entity.DefaultGazetteer().Lookup(v); ok && (e.Type == entity.TypeOrgan || e.Type == entity.TypeMechanism) {
			// A treaty body, the Inter-American Court or Commission by
			// any of their names: "CEDAW", "Corte IDH", "CIDH".
			v = e.Name
			if e.Name == "Examen Periódico Universal" {
				v = "Grupo de Trabajo sobre el Examen Periódico Universal" // as ingest names the UPR's body
			}
		}
		return index.FilterQuery(index.FieldBody, v), nil
	case "pais":
		c, ok := entity.LookupCountry(v)
		if !ok {
			c, ok = entity.CountryByCode(strings.ToUpper(v))
		}
		if !ok {
			return index.Query{}, badf("pais:%s no es un país que relatoria conozca; escriba su nombre en español o en inglés, o su código ISO (pais:Guatemala, pais:\"Costa Rica\", pais:GTM)", v)
		}
		return index.FilterQuery(index.FieldCountry, c.Name), nil
	case "formato":
		v = strings.ToLower(v)
		if v == "texto" || v == "txt" {
			v = string(corpus.FormatText) // as the page and help name it
		}
		return index.FilterQuery(index.FieldFormat, v), nil
	case "doc":
		return index.Term(index.FieldDoc, v), nil
	case "ocr":
		damaged := index.FilterQuery(index.FieldOCR, "damaged")
		switch strings.ToLower(string(spanish.Fold([]byte(v)))) {
		case "danado", "damaged", "si", "yes", "true", "1":
			return damaged, nil
		case "limpio", "clean", "no", "false", "0":
			return index.ExcludeFilter(index.FieldOCR, "damaged"), nil
		}
		return index.Query{}, badf("ocr:%s: escriba ocr:dañado (documentos que parecían OCR dañado) u ocr:limpio", v)
	case "recurre":
		switch strings.ToLower(string(spanish.Fold([]byte(v)))) {
		case "si", "yes", "true", "1":
			return index.FilterQuery(index.FieldRecurs, "yes"), nil
		case "no", "false", "0":
			return index.FilterQuery(index.FieldRecurs, "no"), nil
		case "?", "desconocido", "unknown":
			return index.FilterQuery(index.FieldRecurs, index.RecursTerm(corpus.RecursUnknown)), nil
		}
		return index.Query{}, badf("recurre:%s: escriba recurre:si (párrafos cuyas palabras ya tenía un documento anterior), recurre:no (lenguaje nuevo cuando se aprobó) o recurre:? (no se sabe: sin fecha ni signatura que diga qué documento es anterior)", v)
	case "entidad":
		name := v
		if e, ok := entity.DefaultGazetteer().Lookup(v); ok {
			name = e.Name
		}
		return index.FilterQuery(index.FieldEntities, name), nil
	case "cita":
		// Any form of a symbol ("S/RES/1325 (2000)", "S/RES/1325", "1325
		// (2000)", "1325", "60/251"), a judgment ("Serie C No. 64", "Caso
		// Trujillo Oroza"), or a citation kept as written
		// ("recomendación general 19").
		return index.FilterQuery(index.FieldCitesForm, corpus.CitationKey(v)), nil
	case "fecha", "desde", "hasta", "plazo", "menciona":
		start, end, err := dateRange(v)
		if errors.Is(err, errReversedRange) {
			return index.Query{}, badf("%s:%s: el intervalo termina antes de empezar (escriba primero la fecha anterior: 2010..2020)", f.Name, v)
		}
		if err != nil {
			return index.Query{}, badf("%s:%s no es una fecha ni un intervalo (escriba 2022, 2022-10, 2022-10-07, 2020..2023, ..2025-12-31 o 2024..)", f.Name, v)
		}
		switch f.Name {
		case "desde":
			end = time.Time{}
		case "hasta":
			start = time.Time{}
		}
		switch f.Name {
		case "plazo":
			return index.DateRangeQuery(index.FieldDeadlines, start, end), nil
		case "menciona":
			return index.DateRangeQuery(index.FieldDates, start, end), nil
		}
		return index.AdoptedRangeQuery(start, end), nil
	}
	return index.Query{}, badf("campo desconocido «%s»", f.Name)
}

// dateRange parses a date or a range of dates: "2022" (the whole year),
// "2022-10", "2022-10-07", "2020..2023", "..2025-12-31", "2024..". It
// returns the first instant and the instant after the last day; a zero
// time is an open end.
// errReversedRange is dateRange's error for a range whose end comes
// before its start ("2020..2010").
var errReversedRange = errors.New("el intervalo termina antes de empezar")

func dateRange(v string) (time.Time, time.Time, error) {
	from, to, isRange := strings.Cut(v, "..")
	if !isRange {
		to = from
	}
	var start, end time.Time
	if from != "" {
		d, err := corpus.ParseDate(from)
		if err != nil {
			return start, end, err
		}
		start = d.Time()
	}
	if to != "" {
		d, err := corpus.ParseDate(to)
		if err != nil {
			return start, end, err
		}
		end = d.Last().Time().Add(24 * time.Hour)
	}
	if from == "" && to == "" {
		return start, end, errors.New("intervalo vacío")
	}
	if !start.IsZero() && !end.IsZero() && !start.Before(end) {
		return start, end, errReversedRange
	}
	return start, end, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
