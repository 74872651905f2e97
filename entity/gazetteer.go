package entity

import (
	_ "embed"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

//go:embed data/gazetteer.tsv
var gazetteerTSV string

// The entity types.
const (
	TypeOrgan        = "organ"        // Asamblea General, Consejo de Derechos Humanos
	TypeOffice       = "office"       // OACNUDH, Secretario General
	TypeAgency       = "agency"       // ACNUR, ONU Mujeres, UNICEF
	TypeOrganization = "organization" // OEA, OCDE, CGLU; names a document defines
	TypeMechanism    = "mechanism"    // treaty bodies, EPU, MESECVI
	TypeFund         = "fund"
	TypeTreaty       = "treaty"     // conventions, covenants, the Declaration
	TypeInstrument   = "instrument" // programmes of action, agendas
	TypeGoal         = "goal"       // ODS 5, ODS 5.1.1
	TypePlace        = "place"      // States, regions, cities
	TypeInitiative   = "initiative" // UN80, MIRPS
	TypeName         = "name"       // another capitalised name of an institution
)

// Entry is one entity of the gazetteer.
type Entry struct {
	Name     string
	Type     string
	Acronyms []string
	Variants []string
}

// Gazetteer finds known entities in text.
type Gazetteer struct {
	// byFirst maps the folded first word of every name to the names that
	// start with it, longest first.
	byFirst map[string][]name
	// acronyms maps an acronym, exactly as written, to its entry.
	acronyms map[string]*Entry
	// lookup maps every folded name and acronym to its entry.
	lookup map[string]*Entry
}

type name struct {
	words     []string // folded
	entry     *Entry
	lowerCase bool // may match in lower case in running text
}

// DefaultGazetteer returns the embedded gazetteer of the UN system in
// Spanish, with the countries and territories of CLDR, built on first use.
var DefaultGazetteer = sync.OnceValue(func() *Gazetteer {
	return NewGazetteer(parseGazetteer(gazetteerTSV))
})

func parseGazetteer(tsv string) []*Entry {
	var out []*Entry
	for _, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		for len(f) < 4 {
			f = append(f, "")
		}
		e := &Entry{Name: f[0], Type: f[1]}
		if f[2] != "" {
			e.Acronyms = strings.Split(f[2], "|")
		}
		if f[3] != "" {
			e.Variants = strings.Split(f[3], "|")
		}
		out = append(out, e)
	}
	// Countries and territories, by their Spanish CLDR names.
	names := display.Spanish.Regions()
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() {
				continue
			}
			if n := names.Name(r); n != "" && !strings.ContainsAny(n, "()") {
				out = append(out, &Entry{Name: n, Type: TypePlace})
			}
		}
	}
	return out
}

// NewGazetteer indexes entries for matching.
func NewGazetteer(entries []*Entry) *Gazetteer {
	g := &Gazetteer{byFirst: map[string][]name{}, acronyms: map[string]*Entry{}, lookup: map[string]*Entry{}}
	for _, e := range entries {
		g.add(e)
	}
	return g
}

func (g *Gazetteer) add(e *Entry) {
	for _, n := range append([]string{e.Name}, e.Variants...) {
		ws := foldWords(n)
		if len(ws) == 0 {
			continue
		}
		key := strings.Join(ws, " ")
		if _, dup := g.lookup[key]; !dup {
			g.lookup[key] = e
		}
		first, _ := utf8.DecodeRuneInString(n)
		g.byFirst[ws[0]] = append(g.byFirst[ws[0]], name{words: ws, entry: e, lowerCase: unicode.IsLower(first)})
	}
	for _, a := range e.Acronyms {
		if strings.Contains(a, " ") {
			// "UN Women", "Corte IDH": matched as names, case-sensitively.
			ws := foldWords(a)
			g.byFirst[ws[0]] = append(g.byFirst[ws[0]], name{words: ws, entry: e})
		} else {
			g.acronyms[a] = e
		}
		g.lookup[strings.Join(foldWords(a), " ")] = e
	}
	for k, ns := range g.byFirst {
		// Longest first, so that the longest name wins at a position.
		for i := 1; i < len(ns); i++ {
			for j := i; j > 0 && len(ns[j].words) > len(ns[j-1].words); j-- {
				ns[j], ns[j-1] = ns[j-1], ns[j]
			}
		}
		g.byFirst[k] = ns
	}
}

// Lookup finds the entry for a name or acronym as an analyst types it
// ("acnur", "Alto Comisionado para los Refugiados"), ignoring case and
// accents.
func (g *Gazetteer) Lookup(s string) (*Entry, bool) {
	e, ok := g.lookup[strings.Join(foldWords(s), " ")]
	return e, ok
}

func foldWords(s string) []string {
	return strings.FieldsFunc(spanish.FoldLower(s), func(r rune) bool { return !spanish.IsWordRune(r) })
}

// token is one word of a text, with its byte span.
type token struct {
	text, folded string
	start, end   int
}

// tokenPool holds token slices for reuse: Entities tokenizes every
// paragraph, and the slices were a tenth of what parsing allocated.
var tokenPool = sync.Pool{New: func() any { return new([]token) }}

// tokenize appends the words of s to out[:0]. The folded forms that differ
// from their words are made in one string for all of them.
func tokenize(s string, out []token) []token {
	out = out[:0]
	var folded []byte
	var spans [][3]int // a token whose folded form differs, and its span in folded
	for start, end := range spanish.Spans(s, spanish.IsWordRune) {
		w := s[start:end]
		if spanish.IsFolded(w) {
			out = append(out, token{w, w, start, end})
			continue
		}
		from := len(folded)
		folded = spanish.AppendFoldLower(folded, w)
		spans = append(spans, [3]int{len(out), from, len(folded)})
		out = append(out, token{text: w, start: start, end: end})
	}
	all := string(folded)
	for _, sp := range spans {
		out[sp[0]].folded = all[sp[1]:sp[2]]
	}
	return out
}

// Definitions are the acronyms a document defines for itself: "Mecanismo de
// Seguimiento de la Convención de Belém do Pará (MESECVI)" teaches that
// MESECVI names that mechanism.
type Definitions map[string]*Entry

var definition = regexp.MustCompile(`(\p{Lu}[\p{L}'’\-]+(?:\s+(?:(?:de|del|de la|de las|de los|para|para la|para las|para los|y|e|sobre|contra|en|do|da|la|las|los|el|por)\s+)?\p{Lu}[\p{L}'’\-]+)+)\s*\(([A-Z][A-Za-z0-9]{1,9})\)`)

// Define learns the acronyms that text defines. A definition whose name is
// in the gazetteer teaches a new acronym for a known entity; another names
// a new entity of type organization.
func (g *Gazetteer) Define(defs Definitions, text string) {
	for _, m := range definitions(text) {
		full, acr := m[1], m[2]
		if !isAcronym(acr) {
			continue
		}
		if e, ok := g.acronyms[acr]; ok {
			defs[acr] = e
			continue
		}
		// The name may begin with words that are not part of it
		// ("Apoyo del Programa …"): try the longest suffix the gazetteer
		// knows, else take the whole name.
		ws := strings.Fields(full)
		var found *Entry
		for i := range ws {
			if e, ok := g.Lookup(strings.Join(ws[i:], " ")); ok {
				found = e
				break
			}
		}
		if found == nil {
			found = &Entry{Name: full, Type: TypeOrganization, Acronyms: []string{acr}}
		}
		defs[acr] = found
	}
}

// definitionAtEnd is definition at the end of a text.
var definitionAtEnd = regexp.MustCompile(definition.String() + `$`)

// definitions returns the submatches of definition in text. The pattern
// runs only on the stretch before each acronym in parentheses ("(MESECVI)"),
// which most paragraphs lack: on whole paragraphs it was a twentieth of
// parsing time.
func definitions(text string) [][]string {
	var out [][]string
	for i := 0; i < len(text); i++ {
		if text[i] != '(' || i+1 >= len(text) || text[i+1] < 'A' || text[i+1] > 'Z' {
			continue
		}
		j := i + 2
		for j < len(text) && j-i <= 11 && isASCIIAlnum(text[j]) {
			j++
		}
		if j >= len(text) || text[j] != ')' || j-i < 3 {
			continue
		}
		from := max(0, i-maxDefinedName)
		if m := definitionAtEnd.FindStringSubmatch(text[from : j+1]); m != nil {
			out = append(out, m)
		}
	}
	return out
}

// maxDefinedName is the longest name, in bytes, an acronym definition is
// looked for before the parenthesis.
const maxDefinedName = 300

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// afterLa reports whether before (the text before a word) ends with the
// article "la".
func afterLa(before string) bool {
	before = strings.TrimRight(before, " \t\n")
	if len(before) < 2 || !strings.EqualFold(before[len(before)-2:], "la") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before[:len(before)-2])
	return !unicode.IsLetter(r)
}

// mayNameGoal reports whether text has a word the goal pattern starts with.
func mayNameGoal(text string) bool {
	return strings.Contains(text, "Objetivo") || strings.Contains(text, "ODS") || strings.Contains(text, "Goal") || strings.Contains(text, "SDG")
}

func isAcronym(s string) bool {
	upper := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
	}
	return upper >= 2 && upper*2 >= utf8.RuneCountInString(s)
}

var (
	goal     = regexp.MustCompile(`\b(?:Objetivos?(?:\s+de\s+Desarrollo\s+Sostenible)?|ODS|(?:Sustainable\s+Development\s+)?Goals?|SDGs?)\s+([0-9]{1,2}(?:\.[0-9a-z]{1,2}){0,2})((?:\s*(?:,|y|e|and)\s*[0-9]{1,2}(?:\.[0-9a-z]{1,2}){0,2}\b)*)`)
	goalMore = regexp.MustCompile(`[0-9]{1,2}(?:\.[0-9a-z]{1,2}){0,2}`)
	// headNoun opens the name of an institution the gazetteer lacks.
	headNoun = map[string]bool{"Comité": true, "Comisión": true, "Consejo": true, "Oficina": true, "Fondo": true, "Programa": true, "Grupo": true, "Equipo": true, "Foro": true, "Instituto": true, "Mecanismo": true, "Red": true, "Centro": true, "Secretaría": true, "Organización": true, "Agencia": true, "Plataforma": true, "Alianza": true, "Convención": true, "Pacto": true, "Protocolo": true, "Estrategia": true, "Relator": true, "Relatora": true, "Tribunal": true, "Corte": true, "Banco": true, "Unión": true, "Conferencia": true, "Coalición": true, "Fundación": true, "Universidad": true, "Ministerio": true, "Defensoría": true, "Procuraduría": true, "Subsecretaría": true, "Junta": true, "Cumbre": true, "Observatorio": true, "Federación": true, "Asociación": true, "Confederación": true, "Parlamento": true, "Congreso": true, "Senado": true, "Gobierno": true}
	// stateNoun are the words for the State a report is about.
	stateNoun = map[string]bool{"Estado": true, "País": true, "Gobierno": true}
	connector = map[string]bool{"de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "para": true, "sobre": true, "contra": true, "y": true, "e": true, "en": true, "do": true, "por": true, "a": true}
)

// Entities returns the entities named in text, each once, in order: names
// and acronyms of the gazetteer, acronyms the document defined (defs, may be
// nil), development goals ("ODS 5.1.1"), and capitalised names of
// institutions the gazetteer lacks ("Equipo Técnico Regional sobre …").
func (g *Gazetteer) Entities(text string, defs Definitions) []corpus.Entity {
	pooled := tokenPool.Get().(*[]token)
	toks := tokenize(text, *pooled)
	defer func() {
		clear(toks) // drop references to this text
		*pooled = toks[:0]
		tokenPool.Put(pooled)
	}()
	var out []corpus.Entity
	seen := map[string]bool{}
	add := func(e *Entry, written string) {
		if seen[e.Name] {
			return
		}
		seen[e.Name] = true
		out = append(out, corpus.Entity{Name: e.Name, Type: e.Type, Text: written})
	}
	covered := make([]bool, len(toks))
	// Goals first: "Objetivo 17" is a goal, not the word "Objetivos".
	var goals [][]int
	if mayNameGoal(text) {
		goals = goal.FindAllStringSubmatchIndex(text, -1)
	}
	for _, m := range goals {
		n := text[m[2]:m[3]]
		add(&Entry{Name: "ODS " + n, Type: TypeGoal}, text[m[0]:m[1]])
		// "Goals 5 and 10", "ODS 5 y 10".
		for _, more := range goalMore.FindAllString(text[m[4]:m[5]], -1) {
			add(&Entry{Name: "ODS " + more, Type: TypeGoal}, more)
		}
		for i, t := range toks {
			if t.start >= m[0] && t.end <= m[1] {
				covered[i] = true
			}
		}
	}
	for i := 0; i < len(toks); i++ {
		if covered[i] {
			continue
		}
		t := toks[i]
		if n := g.matchName(toks, i); n != nil {
			end := i + len(n.words)
			add(n.entry, text[t.start:toks[end-1].end])
			for k := i; k < end; k++ {
				covered[k] = true
			}
			i = end - 1
			continue
		}
		if t.end < len(text) && text[t.end] == '/' {
			continue // "CCPR" in "CCPR/C/ARG/4" is part of a symbol
		}
		if e, ok := defs[t.text]; ok {
			add(e, t.text)
			covered[i] = true
			continue
		}
		if e, ok := g.acronyms[t.text]; ok && isAcronym(t.text) {
			if t.text == "CEDAW" && afterLa(text[:t.start]) {
				// "la CEDAW" is the Convention, "el CEDAW" the Committee.
				if c, ok := g.Lookup("Convención sobre la Eliminación de Todas las Formas de Discriminación contra la Mujer"); ok {
					e = c
				}
			}
			add(e, t.text)
			covered[i] = true
		}
	}
	// Names of institutions that the gazetteer lacks.
	for i := 0; i < len(toks); i++ {
		if covered[i] || !headNoun[toks[i].text] {
			continue
		}
		j, last := i+1, i
		for j < len(toks) && !covered[j] {
			// Words must be adjacent: a comma or a full stop ends the name.
			if strings.TrimSpace(text[toks[j-1].end:toks[j].start]) != "" {
				break
			}
			w := toks[j].text
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				last = j
			} else if !connector[w] {
				break
			}
			j++
		}
		if j < len(toks) && covered[j] && strings.TrimSpace(text[toks[j-1].end:toks[j].start]) == "" {
			// "Protocolo Facultativo de la Convención …": the name goes on
			// into a known entity; its own name is not known, so leave it.
			i = j
			continue
		}
		// "Informe del Grupo de Trabajo sobre el Estado": the report of
		// the Working Group on the State under review; "el Estado" is no
		// part of the group's name.
		if last-i >= 3 && stateNoun[toks[last].text] && (toks[last-1].text == "el" || toks[last-1].text == "la") && toks[last-2].text == "sobre" {
			last -= 3
			for last > i && connector[toks[last].text] {
				last--
			}
		}
		if last > i {
			written := text[toks[i].start:toks[last].end]
			add(&Entry{Name: written, Type: TypeName}, written)
			i = last
		}
	}
	return out
}

// matchName returns the longest gazetteer name starting at token i, or nil.
// A name matches whatever the case and accents of its words, but its first
// word must be capitalised (or a number) unless the gazetteer writes the
// name in lower case.
func (g *Gazetteer) matchName(toks []token, i int) *name {
	t := toks[i]
	first, _ := utf8.DecodeRuneInString(t.text)
	for k := range g.byFirst[t.folded] {
		n := &g.byFirst[t.folded][k]
		if i+len(n.words) > len(toks) || !n.lowerCase && !unicode.IsUpper(first) && !unicode.IsDigit(first) {
			continue
		}
		if len(n.words) == 1 && isAcronym(t.text) && t.text != strings.ToUpper(t.text) {
			continue
		}
		match := true
		for k, w := range n.words {
			if toks[i+k].folded != w {
				match = false
				break
			}
		}
		if match {
			return n
		}
	}
	return nil
}

// Acronym returns the entry of an acronym as written ("CEDAW", "EPU"):
// case counts, so that a word that happens to be spelt as an acronym in
// lower case is not taken for one.
func (g *Gazetteer) Acronym(s string) (*Entry, bool) {
	e, ok := g.acronyms[s]
	return e, ok
}
