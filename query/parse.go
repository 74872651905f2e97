package query

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/entity"
	"github.com/relatoria/relatoria/spanish"
)

// Query is a parsed query: a tree of Terms, Phrases, Fields, Nots, Ands and
// Ors. Its String form is canonical and is what tests compare.
type Query interface {
	String() string
}

// Term is one word. Prefix marks "palabra*", Fuzzy "palabra~" (OCR-tolerant:
// one edit for short words, two from six letters on), Literal a word in
// single quotes, matched as written (accents and inflection count).
type Term struct {
	Text    string
	Prefix  bool
	Fuzzy   bool
	Literal bool
	// Norm is Text as the index reads it (spanish.Normalize), worked out
	// once by Parse; see Normalized.
	Norm string
}

// Normalized returns the term's text as the index reads it: Norm, or
// Text normalised when the term was not made by Parse.
func (t *Term) Normalized() string {
	if t.Norm != "" {
		return t.Norm
	}
	return spanish.Normalize(t.Text)
}

// Phrase is words in double quotes, matched in order (stemmed and folded),
// or in single quotes when Literal (matched as written).
type Phrase struct {
	Text    string
	Literal bool
	// Norm is Text as the index reads it (spanish.Normalize), worked out
	// once by Parse; see Normalized.
	Norm string
}

// Normalized returns the phrase as the index reads it: Norm, or Text
// normalised when the phrase was not made by Parse.
func (p *Phrase) Normalized() string {
	if p.Norm != "" {
		return p.Norm
	}
	return spanish.Normalize(p.Text)
}

// Field is a filter "name:value", with Name in its canonical (Spanish)
// form: simbolo, tipo, organo, pais, entidad, cita, fecha, desde, hasta, plazo,
// menciona, formato, doc, ocr.
type Field struct {
	Name  string
	Value string
}

// Not excludes what X matches ("-palabra").
type Not struct{ X Query }

// And matches what all of Xs match (words side by side).
type And struct{ Xs []Query }

// Or matches what any of Xs matches ("a OR b").
type Or struct{ Xs []Query }

// String returns the term as the query language writes it.
func (t *Term) String() string {
	s := t.Text
	if t.Literal {
		s = "'" + s + "'"
	}
	if t.Prefix {
		s += "*"
	}
	if t.Fuzzy {
		s += "~"
	}
	return s
}

// String returns the phrase in its quotes.
func (p *Phrase) String() string {
	if p.Literal {
		return "'" + p.Text + "'"
	}
	return `"` + p.Text + `"`
}

// String returns "name:value".
func (f *Field) String() string { return f.Name + ":" + quoteIfNeeded(f.Value) }

// String returns "-X".
func (n *Not) String() string { return "-" + n.X.String() }

// String returns "(A B …)".
func (a *And) String() string { return "(" + join(a.Xs, " ") + ")" }

// String returns "(A OR B …)".
func (o *Or) String() string { return "(" + join(o.Xs, " OR ") + ")" }

func join(xs []Query, sep string) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = x.String()
	}
	return strings.Join(s, sep)
}

func quoteIfNeeded(s string) string {
	if strings.ContainsAny(s, " ()") {
		return `"` + s + `"`
	}
	return s
}

// fieldNames maps every accepted field name, Spanish and English, to its
// canonical Spanish name.
var fieldNames = map[string]string{
	"simbolo": "simbolo", "símbolo": "simbolo", "symbol": "simbolo", "sym": "simbolo",
	"tipo": "tipo", "kind": "tipo", "type": "tipo",
	"organo": "organo", "órgano": "organo", "body": "organo",
	"pais": "pais", "país": "pais", "country": "pais",
	"fecha": "fecha", "date": "fecha", "año": "fecha", "year": "fecha",
	"desde": "desde", "from": "desde", "since": "desde",
	"hasta": "hasta", "until": "hasta", "to": "hasta",
	"formato": "formato", "format": "formato",
	"doc": "doc", "documento": "doc", "document": "doc",
	"ocr":     "ocr",
	"entidad": "entidad", "entity": "entidad", "ent": "entidad",
	"cita": "cita", "cites": "cita", "cite": "cita",
	"plazo": "plazo", "deadline": "plazo", "vence": "plazo",
	"menciona": "menciona", "mentions": "menciona",
	"recurre": "recurre", "recurs": "recurre", "repetido": "recurre",
}

// FieldNames lists the canonical field names, for help texts.
var FieldNames = []string{"simbolo", "tipo", "organo", "pais", "entidad", "cita", "fecha", "desde", "hasta", "plazo", "menciona", "formato", "doc", "ocr", "recurre"}

// SyntaxError is a query that cannot be parsed. Pos is the 1-based
// position, in characters, of the offending text.
type SyntaxError struct {
	Query string
	Pos   int
	Msg   string
}

// Error returns the message with the position.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("error en la consulta, carácter %d: %s", e.Pos, e.Msg)
}

// MaxQueryLength is the longest query Parse accepts, in bytes.
const MaxQueryLength = 1000

// maxDepth bounds the nesting of parentheses.
const maxDepth = 20

// Parse parses a query:
//
//	cooperación técnica         both words (any accents, singular or plural)
//	"diálogo constructivo"      the phrase
//	'niñas'                     literal: exactly this form, accents included
//	-pandemia                   without the word
//	mujeres OR niñas            either word; AND is implicit
//	(mujeres OR niñas) género   grouping
//	coopera*  didlogo~          prefix; OCR-tolerant fuzzy match
//	tipo:operativo  simbolo:51/34  organo:"Consejo de Derechos Humanos"
//	pais:Guatemala  pais:"Costa Rica"  pais:costa rica  country:haiti
//	fecha:2022  desde:2020-01-01  hasta:2023-12-31  fecha:2020..2023
//	entidad:ACNUR  cita:60/251  plazo:..2025-12-31  menciona:2024  formato:pdf
//
// It returns a *SyntaxError pointing at the offending position.
func Parse(s string) (Query, error) {
	if len(s) > MaxQueryLength {
		return nil, &SyntaxError{s, MaxQueryLength, fmt.Sprintf("la consulta es demasiado larga (%d bytes; el límite es %d)", len(s), MaxQueryLength)}
	}
	if !utf8.ValidString(s) {
		return nil, &SyntaxError{s, 1, "la consulta no es UTF-8 válido"}
	}
	p := &parser{src: []rune(s), query: s}
	q, err := p.or(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < len(p.src) {
		return nil, p.errorf("«%s» inesperado", string(p.src[p.pos]))
	}
	if q == nil {
		return nil, &SyntaxError{s, 1, "la consulta está vacía"}
	}
	return q, nil
}

type parser struct {
	src   []rune
	pos   int
	query string
}

func (p *parser) errorf(format string, a ...any) *SyntaxError {
	return &SyntaxError{Query: p.query, Pos: p.pos + 1, Msg: fmt.Sprintf(format, a...)}
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && unicode.IsSpace(p.src[p.pos]) {
		p.pos++
	}
}

func (p *parser) peekWord(w string) bool {
	r := []rune(w)
	end := p.pos + len(r)
	if end > len(p.src) || string(p.src[p.pos:end]) != w {
		return false
	}
	return end == len(p.src) || unicode.IsSpace(p.src[end]) || p.src[end] == '(' || p.src[end] == '"'
}

func (p *parser) or(depth int) (Query, error) {
	var xs []Query
	for {
		x, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.peekWord("OR") {
			if x == nil {
				return nil, p.errorf("falta algo antes de OR")
			}
			xs = append(xs, x)
			p.pos += 2
			continue
		}
		if x == nil {
			if len(xs) > 0 {
				return nil, p.errorf("falta algo después de OR")
			}
			return nil, nil
		}
		xs = append(xs, x)
		break
	}
	if len(xs) == 1 {
		return xs[0], nil
	}
	return &Or{xs}, nil
}

func (p *parser) and(depth int) (Query, error) {
	var xs []Query
	for {
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] == ')' || p.peekWord("OR") {
			break
		}
		if p.peekWord("AND") {
			p.pos += 3
			continue
		}
		x, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		if x != nil {
			xs = append(xs, x)
		}
	}
	switch len(xs) {
	case 0:
		return nil, nil
	case 1:
		return xs[0], nil
	}
	return &And{xs}, nil
}

func (p *parser) unary(depth int) (Query, error) {
	neg := false
	if p.peekWord("NOT") {
		p.pos += 3
		p.skipSpace()
		neg = true
	} else if p.src[p.pos] == '-' && p.pos+1 < len(p.src) && !unicode.IsSpace(p.src[p.pos+1]) {
		p.pos++
		neg = true
	}
	x, err := p.primary(depth)
	if err != nil {
		return nil, err
	}
	if neg {
		if x == nil {
			return nil, p.errorf("no hay nada que excluir después de «-» o NOT")
		}
		return &Not{x}, nil
	}
	return x, nil
}

func (p *parser) primary(depth int) (Query, error) {
	if p.pos >= len(p.src) {
		return nil, p.errorf("la consulta termina antes de tiempo")
	}
	switch p.src[p.pos] {
	case '(':
		if depth >= maxDepth {
			return nil, p.errorf("demasiados paréntesis anidados (el límite es %d)", maxDepth)
		}
		open := p.pos
		p.pos++
		x, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.pos >= len(p.src) || p.src[p.pos] != ')' {
			return nil, &SyntaxError{p.query, open + 1, "el paréntesis abierto aquí no se cierra"}
		}
		p.pos++
		if x == nil {
			return nil, &SyntaxError{p.query, open + 1, "paréntesis vacíos"}
		}
		return x, nil
	case '"', '\'', '“', '«':
		return p.quoted()
	}
	return p.word()
}

var closing = map[rune]rune{'"': '"', '\'': '\'', '“': '”', '«': '»'}

func (p *parser) quoted() (Query, error) {
	open := p.pos
	q := p.src[p.pos]
	end := closing[q]
	p.pos++
	start := p.pos
	for p.pos < len(p.src) && p.src[p.pos] != end && !(q == '“' && p.src[p.pos] == '"') {
		p.pos++
	}
	if p.pos >= len(p.src) {
		return nil, &SyntaxError{p.query, open + 1, "las comillas abiertas aquí no se cierran"}
	}
	text := strings.Join(strings.Fields(string(p.src[start:p.pos])), " ")
	p.pos++
	if text == "" {
		return nil, &SyntaxError{p.query, open + 1, "comillas vacías"}
	}
	literal := q == '\''
	if !strings.Contains(text, " ") {
		return &Term{Text: text, Literal: literal, Norm: spanish.Normalize(text)}, nil
	}
	return &Phrase{Text: text, Literal: literal, Norm: spanish.Normalize(text)}, nil
}

func (p *parser) word() (Query, error) {
	start := p.pos
	for p.pos < len(p.src) {
		r := p.src[p.pos]
		if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' {
			break
		}
		if r == ':' {
			return p.field(start)
		}
		p.pos++
	}
	text := string(p.src[start:p.pos])
	t := &Term{Text: text}
	for {
		switch {
		case strings.HasSuffix(t.Text, "*"):
			t.Text, t.Prefix = strings.TrimSuffix(t.Text, "*"), true
			continue
		case strings.HasSuffix(t.Text, "~"):
			t.Text, t.Fuzzy = strings.TrimSuffix(t.Text, "~"), true
			continue
		}
		break
	}
	if t.Prefix && t.Fuzzy {
		return nil, &SyntaxError{p.query, start + 1, "una palabra no puede ser a la vez prefijo (*) y aproximada (~)"}
	}
	if strings.ContainsAny(t.Text, "*?~") {
		return nil, &SyntaxError{p.query, start + 1, "* y ~ solo pueden ir al final de una palabra"}
	}
	if t.Text == "" {
		if t.Prefix || t.Fuzzy {
			return nil, &SyntaxError{p.query, start + 1, "* y ~ necesitan una palabra delante"}
		}
		return nil, nil
	}
	if t.Prefix && utf8.RuneCountInString(t.Text) < 2 {
		return nil, &SyntaxError{p.query, start + 1, "un prefijo necesita al menos 2 letras"}
	}
	t.Norm = spanish.Normalize(t.Text)
	return t, nil
}

func (p *parser) field(start int) (Query, error) {
	name := strings.ToLower(string(p.src[start:p.pos]))
	canon, ok := fieldNames[name]
	if !ok {
		return nil, &SyntaxError{p.query, start + 1, fmt.Sprintf("campo desconocido «%s» (campos: %s)", name, strings.Join(FieldNames, ", "))}
	}
	p.pos++ // ':'
	if p.pos >= len(p.src) || unicode.IsSpace(p.src[p.pos]) {
		return nil, p.errorf("%s: falta el valor", name)
	}
	var value string
	if q := p.src[p.pos]; q == '"' || q == '“' || q == '\'' {
		x, err := p.quoted()
		if err != nil {
			return nil, err
		}
		switch x := x.(type) {
		case *Term:
			value = x.Text
		case *Phrase:
			value = x.Text
		}
	} else {
		vs := p.pos
		for p.pos < len(p.src) && !unicode.IsSpace(p.src[p.pos]) && p.src[p.pos] != ')' {
			p.pos++
		}
		value = string(p.src[vs:p.pos])
		// A country of several words, unquoted: "pais:Costa Rica",
		// "pais:república dominicana".
		if canon == "pais" {
			value = p.countryWords(value)
		}
		// A symbol with a year: "simbolo:S/RES/2768 (2025)".
		if (canon == "simbolo" || canon == "cita") && p.pos+7 <= len(p.src) && p.src[p.pos] == ' ' && p.src[p.pos+1] == '(' && p.src[p.pos+6] == ')' && spanish.IsDigits(string(p.src[p.pos+2:p.pos+6])) {
			value += string(p.src[p.pos : p.pos+7])
			p.pos += 7
		}
	}
	return &Field{Name: canon, Value: value}, nil
}

// countryWords extends value, a country's first word, with the words that
// follow it as long as they make a longer country name ("Costa" "Rica",
// "República" "Dominicana"), and moves past them.
func (p *parser) countryWords(value string) string {
	best, bestEnd := value, p.pos
	words, pos := value, p.pos
	for range 5 {
		if pos >= len(p.src) || !unicode.IsSpace(p.src[pos]) {
			break
		}
		start := pos
		for start < len(p.src) && unicode.IsSpace(p.src[start]) {
			start++
		}
		end := start
		for end < len(p.src) && !unicode.IsSpace(p.src[end]) && p.src[end] != ')' && p.src[end] != '(' && p.src[end] != '"' {
			end++
		}
		if end == start {
			break
		}
		words += " " + string(p.src[start:end])
		pos = end
		if _, ok := entity.LookupCountry(words); ok {
			best, bestEnd = words, end
		}
	}
	p.pos = bestEnd
	return best
}
