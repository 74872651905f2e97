package ocr

import (
	_ "embed"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

//go:embed data/confusions.tsv
var confusionsTSV string

// priorConfusions are OCR substitutions known from real UN scans that the
// development pairs are too small to have taught (seed 003 shows each of
// them). They weigh as much as a confusion seen in one unknown word in fifty.
var priorConfusions = [][2]string{
	{"á", "&"}, {"á", "d"}, {"á", "é"}, {"á", "a"}, {"é", "e"}, {"í", "i"}, {"ó", "o"}, {"ú", "u"},
	{"ú", "a"}, {"ó", "do"}, {"ó", "oé"}, {"á", "ad"}, {"ñ", "fi"}, {"ñ", "n"}, {"l", "I"},
	{"m", "rn"}, {"ó", "0"}, {"ó", "6"}, {"ü", "u"}, {"í", "1"}, {"é", "6"}, {"ó", "é"},
	{"ó", "éo"}, {"ó", "oe"},
}

const priorLogP = -3.9 // log(1/50)

// accentBonus is added to a candidate that differs from the OCR word only
// by accents (tuned on the cladem-dev pairs; the seeds pairs confirm it).
const accentBonus = 4.5

// edit is one substitution the repairer may undo: the OCR text and the
// clean text it may stand for, with log P(clean | OCR text in an unknown
// word).
type edit struct {
	ocr, clean string
	logp       float64
}

// Repairer corrects OCR damage word by word. The zero value is not usable;
// use Default.
type Repairer struct {
	lex   *Lexicon
	edits map[rune][]edit // by the first rune of the OCR text
	// Threshold is how much more probable (in natural log) the best
	// correction must be than leaving the word alone.
	Threshold float64

	// cache remembers the decision for unknown words: OCR damage repeats
	// ("cooperacién" forty times in one resolution). Bounded by cacheSize.
	mu    sync.RWMutex
	cache map[string]decision
	// common holds the most frequent words, known and never changed:
	// read-only, so looked up without the lock (see commonWords).
	common map[string]struct{}

	// ctx, when set, is the bigram model repair reads context with (see
	// context.go); ctxWords holds, by lower-case word, the words it may
	// rejoin it with and its accent variants.
	ctx      *Bigrams
	ctxWords map[string]ctxEntry
	// ContextThreshold is how much more probable (in natural log) a word's
	// accent variant must be in its context for repair to replace a valid
	// word ("esta" → "está").
	ContextThreshold float64
}

const cacheSize = 100_000

// Default returns the repairer built from the embedded lexicon and
// confusion table, loading them on first use.
var Default = sync.OnceValues(func() (*Repairer, error) {
	l, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	r := NewRepairer(l, ParseConfusions(confusionsTSV))
	m, err := DefaultBigrams()
	if err != nil {
		return r, err // without context, as it was
	}
	r.SetContext(m)
	return r, nil
})

// ParseConfusions reads a confusion table: lines "clean\tocr\tcount\tlogp",
// "#" comments.
func ParseConfusions(tsv string) []Confusion {
	var out []Confusion
	for _, line := range strings.Split(tsv, "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 4 || strings.HasPrefix(line, "#") {
			continue
		}
		n, _ := strconv.Atoi(f[2])
		lp, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			continue
		}
		out = append(out, Confusion{Clean: f[0], OCR: f[1], Count: n, LogP: lp})
	}
	return out
}

// NewRepairer returns a repairer over lex with the learned confusions, the
// prior ones where nothing was learned, and their capitalised forms.
func NewRepairer(lex *Lexicon, learned []Confusion) *Repairer {
	r := &Repairer{lex: lex, edits: map[rune][]edit{}, Threshold: 1.5}
	seen := map[[2]string]bool{}
	add := func(clean, ocr string, lp float64) {
		k := [2]string{clean, ocr}
		if seen[k] || ocr == "" || clean == ocr {
			return
		}
		seen[k] = true
		first, _ := utf8.DecodeRuneInString(ocr)
		r.edits[first] = append(r.edits[first], edit{ocr: ocr, clean: clean, logp: lp})
	}
	for _, c := range learned {
		if c.Clean == "" || strings.ContainsAny(c.Clean+c.OCR, " .^“") {
			continue
		}
		add(c.Clean, c.OCR, c.LogP)
	}
	for _, c := range priorConfusions {
		add(c[0], c[1], priorLogP)
	}
	// Capitals: "Ó" read as "6" as "ó" is.
	for _, es := range r.edits {
		for _, e := range es {
			uc, uo := strings.ToUpper(e.clean), strings.ToUpper(e.ocr)
			if uc != e.clean && isLetters(e.ocr) {
				add(uc, uo, e.logp)
			}
		}
	}
	r.common = commonWords(lex, commonWordCount)
	return r
}

// commonWordCount is how many of the lexicon's most frequent words the
// repairer passes over without a look-up in its shared cache.
const commonWordCount = 2048

// commonWords returns the n most frequent lower-case words of lex that
// repair leaves as they are (overrideKnown changes no word more frequent
// than maxOverridable). These are most of the tokens of any Spanish text,
// and a set this small stays in the processor's cache, where the shared
// word cache, under its lock, did not (its look-ups were 3% of an ingest).
func commonWords(lex *Lexicon, n int) map[string]struct{} {
	if lex == nil {
		return nil
	}
	var idx []int
	for i, w := range lex.words {
		if lex.freqs[i] > maxOverridable && w == strings.ToLower(w) {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return lex.freqs[idx[a]] > lex.freqs[idx[b]] })
	out := make(map[string]struct{}, min(n, len(idx)))
	for _, i := range idx[:min(n, len(idx))] {
		out[lex.words[i]] = struct{}{}
	}
	return out
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// Stats counts what Repair saw: alphabetic words of three letters or more
// (acronyms and proper-looking names aside), how many the lexicon did not
// know, and how many were changed.
type Stats struct {
	Words, Unknown, Repaired int
	// Shaped counts the unknown words repaired by more than added accents
	// ("cooperacidon", "nifias", "6rganos", "cooperacién"): damage of
	// OCR's shapes, which a writer who leaves out accents ("Martin",
	// "periodo") does not make.
	Shaped int
}

// Add adds t to s.
func (s *Stats) Add(t Stats) {
	s.Words += t.Words
	s.Unknown += t.Unknown
	s.Repaired += t.Repaired
	s.Shaped += t.Shaped
}

// Damaged reports whether the counts look like damaged OCR output: more
// than 3% of the words unknown and some of them repairable. Clean UN text
// runs at 1–2% unknown (names, acronyms), English-model OCR of Spanish at
// 8–15%.
func (s Stats) Damaged() bool {
	return s.Words >= 20 && s.Unknown*100 > s.Words*3 && s.Repaired*100 > s.Words
}

var (
	// "53¢ periodo", "53* periodo", "50° período": an ordinal read as a
	// cent sign, an asterisk or a degree sign.
	ordinalMark = regexp.MustCompile(`\b([0-9]{1,3})[¢*°](\s+(?:per[ií]odo|sesi[oó]n|reuni[oó]n|aniversario|informe|per[íi]odo))`)
	// "442 sesion": the feminine ordinal ª read as a 2.
	meetingTwo = regexp.MustCompile(`\b([1-9][0-9]?)2\s+(sesi[oó]n)\b`)
	tradeMark  = regexp.MustCompile(`(\p{L})™`)
	// "5/1y 5/2", "2007,y 16/21": a conjunction glued to a number.
	gluedConj = regexp.MustCompile(`([0-9])(,?)(y|e|o)\s+([0-9])`)
	// feminineBefore and feminineAfter are the words that make an
	// ordinal feminine: "sesiones 1556ª", "128ª sesión".
	feminineBefore = regexp.MustCompile(`(?i)(sesi[oó]n(es)?|reuni[oó]n(es)?)[\s0-9ªº°*”"?,y]*$`)
	feminineAfter  = regexp.MustCompile(`^\s*(?i:sesi|reuni|conferencia|asamblea|edici)`)
)

// MendDegrees replaces the degree signs after numbers in text by º or ª,
// as Repair does the other signs OCR puts for them, and records each
// change. It is for text known to be OCR output of the English model
// (Stats.Damaged, over a paragraph or a whole document): clean Spanish
// text writes "1°" for "1º" too, so Repair leaves them otherwise.
func MendDegrees(text string) (string, []corpus.Repair) {
	if !strings.Contains(text, "°") {
		return text, nil
	}
	var reps []corpus.Repair
	text = mendOrdinals(text, "°", &reps)
	return text, reps
}

// The ordinal indicators º and ª after a number (or after N, "número")
// that stands alone are read by OCR as a closing quotation mark, a straight
// quote, an asterisk or a question mark: "1” Observaciones", "sesiones
// 1556* y 1557*", "20.” período", "N* 5". (A degree sign only in damaged
// text: clean Spanish writes "1°" too; see MendDegrees.)
const ordinalSigns = "”\"*?"

// isSpaceByte reports whether c is ASCII white space.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// eachOrdinal calls f for each sign of signs in text that follows a number
// of one to four digits, or N, and maybe a dot, standing alone: after the
// start, white space or "(", and before the end, white space, ",", ";" or
// ")". f gets the number's start, the sign's start and its end. (A scan,
// not a regular expression: Go's took a quarter of the repair's time.)
func eachOrdinal(text, signs string, f func(start, sign, end int)) {
	// A byte table of the signs' first bytes: strings.IndexAny is slow
	// when the set has non-ASCII characters.
	var first [256]bool
	for _, r := range signs {
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		first[buf[0]] = true
	}
	for i := 0; i < len(text); {
		p := i
		for p < len(text) && !first[text[p]] {
			p++
		}
		if p == len(text) {
			return
		}
		if r, _ := utf8.DecodeRuneInString(text[p:]); !strings.ContainsRune(signs, r) {
			i = p + 1
			continue
		}
		_, size := utf8.DecodeRuneInString(text[p:])
		e := p + size
		i = e
		if e < len(text) && !isSpaceByte(text[e]) && text[e] != ',' && text[e] != ';' && text[e] != ')' {
			continue
		}
		q := p
		if q > 0 && text[q-1] == '.' {
			q--
		}
		s := q
		for s > 0 && text[s-1] >= '0' && text[s-1] <= '9' {
			s--
		}
		switch {
		case s == q && q > 0 && text[q-1] == 'N':
			s = q - 1
		case s == q || q-s > 4:
			continue
		}
		if s > 0 && !isSpaceByte(text[s-1]) && text[s-1] != '(' {
			continue
		}
		f(s, p, e)
	}
}

// mendOrdinals replaces the signs of signs that eachOrdinal finds by º, or
// by ª where the meeting words around make the ordinal feminine, unless
// the sign closes a question or a quotation; it records each change.
func mendOrdinals(text, signs string, reps *[]corpus.Repair) string {
	var b strings.Builder
	last := 0
	eachOrdinal(text, signs, func(start, at, end int) {
		before := text[max(0, start-100):start]
		switch mark := text[at:end]; {
		case mark == "?" && strings.Contains(before, "¿"):
			return // a question: "¿Cuántos son 5?"
		case (mark == "”" || mark == "\"") && strings.LastIndex(before, "“") > strings.LastIndex(before, "”") ||
			mark == "\"" && strings.Count(before, "\"")%2 == 1:
			return // a quotation closing: "“el número 1”"
		}
		num := text[start:at]
		sign := "º"
		if num != "N" && (feminineBefore.MatchString(text[max(0, start-40):start]) || feminineAfter.MatchString(text[end:min(len(text), end+16)])) {
			sign = "ª"
		}
		b.WriteString(text[last:start])
		b.WriteString(num + sign)
		*reps = append(*reps, corpus.Repair{From: text[start:end], To: num + sign})
		last = end
	})
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// mendEl replaces "EI" by "El" where it opens a sentence (at the start, on
// a new line, or after ".", ":" or ";" and a space) before a word: the
// article with its l read as a capital I, never an acronym there.
func mendEl(text string, reps *[]corpus.Repair) string {
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); {
		k := strings.Index(text[i:], "EI")
		if k < 0 {
			break
		}
		p := i + k
		i = p + 2
		if i >= len(text) || !isSpaceByte(text[i]) {
			continue
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(text[i:], " \t\n\r")); !unicode.IsLetter(r) {
			continue
		}
		j := p
		for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
			j--
		}
		if j > 0 && text[j-1] != '\n' && !(j < p && strings.ContainsRune(".:;", rune(text[j-1]))) {
			continue
		}
		b.WriteString(text[last:p])
		b.WriteString("El")
		*reps = append(*reps, corpus.Repair{From: "EI", To: "El"})
		last = i
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

// Repair returns text with OCR damage repaired, the repairs made, and the
// counts of what it saw.
func (r *Repairer) Repair(text string) (string, []corpus.Repair, Stats) {
	var reps []corpus.Repair
	var st Stats
	text = mendOrdinals(text, ordinalSigns, &reps)
	if hasOrdinalMark(text) {
		text = replaceRecording(text, ordinalMark, func(m []string) string { return m[1] + "º" + m[2] }, &reps)
	}
	if strings.Contains(text, "EI") {
		text = mendEl(text, &reps)
	}
	if strings.Contains(text, "2 sesi") {
		text = replaceRecording(text, meetingTwo, func(m []string) string { return m[1] + "ª " + m[2] }, &reps)
	}
	if strings.Contains(text, "™") && strings.Contains(text, "“") {
		// A closing quotation mark read as a trade mark sign.
		text = replaceRecording(text, tradeMark, func(m []string) string { return m[1] + "”" }, &reps)
	}
	if hasGluedConj(text) {
		text = replaceRecording(text, gluedConj, func(m []string) string {
			sep := " "
			if m[2] == "," {
				sep = ", "
			}
			return m[1] + sep + m[3] + " " + m[4]
		}, &reps)
	}

	pooled := tokenPool.Get().(*[]token)
	toks, dmg := r.read(text, &st, (*pooled)[:0])
	defer func() {
		clear(toks) // drop references to this text
		*pooled = toks[:0]
		tokenPool.Put(pooled)
	}()
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	prev := "" // the last word written; "" after a sentence break
	for k := 0; k < len(toks); k++ {
		t := &toks[k]
		b.WriteString(text[last:t.start])
		last = t.end
		if t.breakBefore {
			prev = ""
		}
		out := t.out
		if r.ctx != nil && !t.guarded {
			// Context changes a valid word, or joins two, only with OCR
			// damage around it.
			near := dmg.near(toks, k)
			if k+1 < len(toks) && !toks[k+1].guarded && out == t.tok && near {
				if whole, ok := r.joinNext(text, t, &toks[k+1]); ok {
					st.Repaired++
					reps = append(reps, corpus.Repair{From: text[t.start:toks[k+1].end], To: whole})
					b.WriteString(whole)
					prev, last = whole, toks[k+1].end
					k++
					continue
				}
			}
			// Without damage the word stays: its context is not read.
			if t.damaged() || near {
				if alt := r.inContext(toks, k, out, prev); alt != out && !protectedPair(out, alt) &&
					!(capitalised(out) && r.nameAt(toks, k, alt)) {
					out = alt
				}
			}
		}
		if out != t.tok {
			st.Repaired++
			reps = append(reps, corpus.Repair{From: t.tok, To: out})
		}
		b.WriteString(out)
		prev = out
	}
	b.WriteString(text[last:])
	if st.Damaged() && strings.Contains(text, "°") {
		out, more := MendDegrees(b.String())
		st.Repaired += len(more)
		return out, append(reps, more...), st
	}
	return b.String(), reps, st
}

// token is a word of the text being repaired and what repair decided for
// it on its own.
type token struct {
	start, end  int
	tok, out    string
	word        string // what repair made of the word on its own, before the guards
	counted     bool   // a word the statistics count
	known       bool   // the lexicon knows it
	guarded     bool   // in an address or a foreign phrase: never changed
	breakBefore bool   // punctuation or a line break before it ends the context
}

// damaged reports whether the token shows OCR damage: an unknown word
// that repair mends, or letters mixed with digits.
func (t *token) damaged() bool {
	return t.counted && !t.known && !t.guarded && (t.out != t.tok || hasDigitInWord(t.tok))
}

// tokenPool holds token slices for Repair to reuse: a paragraph has a
// hundred words or so, each a token of 80 bytes, and Repair reads every
// paragraph of every document.
var tokenPool = sync.Pool{New: func() any { return new([]token) }}

// read splits text into its words (appended to toks) and decides each on
// its own, with the guards: addresses and foreign phrases are left alone;
// a capitalised word is never cut in two, nor given an accent when it is a
// name; a valid word is replaced by another valid one only with damage
// around it and never within a protected pair. It counts the words into
// st, and returns with the words where they show damage.
func (r *Repairer) read(text string, st *Stats, toks []token) ([]token, damageIndex) {
	for i := 0; i < len(text); {
		start, end := nextToken(text, i)
		if start < 0 {
			break
		}
		toks = append(toks, token{start: start, end: end, tok: text[start:end], breakBefore: breaksContext(text[i:start]) || i == 0})
		i = end
	}
	guarded := guardedSpans(text, toks)
	for k := range toks {
		t := &toks[k]
		if inSpans(guarded, t.start, t.end) {
			t.guarded, t.out, t.word = true, t.tok, t.tok
			continue
		}
		t.out, t.counted, t.known = r.word(t.tok)
		t.word = t.out
		if t.counted {
			st.Words++
			if !t.known {
				st.Unknown++
			}
		}
		if t.out != t.tok && capitalised(t.tok) && strings.Contains(t.out, " ") {
			t.out = t.tok // "Leyen" is no "Ley en"
		}
	}
	for k := range toks {
		if t := &toks[k]; !t.known && t.out != t.tok && capitalised(t.tok) && r.nameAt(toks, k, t.out) {
			t.out = t.tok // a name: "Martin", "Alvaro", "Carlos Nino"
		}
	}
	// Which words show damage is settled here: what follows changes only
	// known words, which never do.
	dmg := damageOf(toks)
	for k := range toks {
		t := &toks[k]
		if t.known && t.out != t.tok && (protectedPair(t.tok, t.out) || !dmg.near(toks, k) ||
			capitalised(t.tok) && r.nameAt(toks, k, t.out)) {
			t.out = t.tok // a valid word, with no damage around
		}
		if t.damaged() && t.out != t.tok && !onlyAccentsAdded(t.tok, t.out) && !strings.Contains(t.out, " ") {
			st.Shaped++
		}
	}
	return toks, dmg
}

// damageIndex counts the words of a text that show OCR damage
// (token.damaged): before[k] is how many of the first k do; nil when none
// does, as in nearly all born-digital text.
type damageIndex struct{ before []int32 }

// damageOf returns the damage index of toks.
func damageOf(toks []token) damageIndex {
	first := -1
	for k := range toks {
		if toks[k].damaged() {
			first = k
			break
		}
	}
	if first < 0 {
		return damageIndex{}
	}
	before := make([]int32, len(toks)+1)
	for k := first; k < len(toks); k++ {
		before[k+1] = before[k]
		if toks[k].damaged() {
			before[k+1]++
		}
	}
	return damageIndex{before}
}

// near reports whether a word within damageWindow of toks[k], other than
// toks[k] itself, shows OCR damage.
func (d damageIndex) near(toks []token, k int) bool {
	if d.before == nil {
		return false
	}
	lo, hi := max(0, k-damageWindow), min(len(toks), k+damageWindow+1)
	n := d.before[hi] - d.before[lo]
	if toks[k].damaged() {
		n--
	}
	return n > 0
}

// nameAt reports whether toks[k], capitalised, would become to by accents
// alone and is a name: a proper noun the domain text does not write often
// ("Álvaro", "Benjamín", "París"), or a word beside a name ("Carlos
// Nino").
func (r *Repairer) nameAt(toks []token, k int, to string) bool {
	if !foldEqual(toks[k].tok, to) {
		return false
	}
	if k > 0 && !toks[k].breakBefore && r.nameToken(&toks[k-1]) {
		return true
	}
	if k+1 < len(toks) && !toks[k+1].breakBefore && r.nameToken(&toks[k+1]) {
		return true
	}
	return !r.domainWord(to) && r.properNoun(to)
}

func replaceRecording(text string, re *regexp.Regexp, repl func([]string) string, reps *[]corpus.Repair) string {
	return re.ReplaceAllStringFunc(text, func(m string) string {
		out := repl(re.FindStringSubmatch(m))
		if out != m {
			*reps = append(*reps, corpus.Repair{From: m, To: out})
		}
		return out
	})
}

// tokenRune reports whether r may be part of a word as OCR wrote it: letters,
// and the digits and signs OCR puts for letters.
func tokenRune(r rune) bool {
	return unicode.IsLetter(r) || r == '&' || r == '¢' || (r >= '0' && r <= '9')
}

// nextToken finds the next run of token runes at or after i.
func nextToken(s string, i int) (start, end int) {
	start = -1
	for j, r := range s[i:] {
		if tokenRune(r) {
			if start < 0 {
				start = i + j
			}
		} else if start >= 0 {
			return start, i + j
		}
	}
	if start < 0 {
		return -1, -1
	}
	return start, len(s)
}

// word repairs one token. counted reports whether the token is a word the
// damage statistics count; known whether the lexicon knew it.
func (r *Repairer) word(tok string) (out string, counted, known bool) {
	letters, digits, others := 0, 0, 0
	for _, c := range tok {
		switch {
		case unicode.IsLetter(c):
			letters++
		case c >= '0' && c <= '9':
			digits++
		default:
			others++
		}
	}
	if letters < 2 || digits > letters || isUpperWord(tok) && digits == 0 && others == 0 {
		return tok, false, false // numbers, symbols, acronyms
	}
	counted = letters >= 3
	if _, ok := r.common[tok]; ok {
		return tok, counted, true
	}
	r.mu.RLock()
	d, hit := r.cache[tok]
	r.mu.RUnlock()
	if !hit {
		if f, ok := r.lex.Lookup(tok); ok {
			d = decision{out: r.overrideKnown(tok, f), known: true}
		} else {
			d = decision{out: r.correct(tok)}
			if d.out == tok {
				d.out = r.split(tok)
			}
		}
		r.mu.Lock()
		if r.cache == nil || len(r.cache) >= cacheSize {
			r.cache = map[string]decision{}
		}
		r.cache[tok] = d
		r.mu.Unlock()
	}
	return d.out, counted, d.known
}

// decision is what the repairer decided for a token.
type decision struct {
	out   string
	known bool // the token was in the lexicon
}

// correct returns the most probable word that tok is OCR damage of, or tok
// when no correction beats leaving it alone by the threshold.
func (r *Repairer) correct(tok string) string {
	best, bestScore := "", math.Inf(-1)
	r.candidates([]rune(tok), 0, 0, 0, func(c string, lp float64) {
		f, ok := r.lex.Lookup(c)
		if !ok {
			return
		}
		score := math.Log(f+0.5) + lp
		if foldEqual(c, tok) {
			// Only accents differ: a Spanish word with its accents
			// dropped is far likelier than a new word that happens to be
			// a known word without its accents.
			score += accentBonus
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	})
	keep := math.Log(0.5) + r.Threshold
	first, _ := utf8.DecodeRuneInString(tok)
	if unicode.IsUpper(first) && (!foldEqual(best, tok) || utf8.RuneCountInString(tok) < 5) {
		// Perhaps a name the lexicon lacks; but a capitalised word that
		// only lost its accents ("Sindicos") is as likely damage as a
		// lower-case one.
		keep += 1
	}
	if best == "" || bestScore < keep {
		return tok
	}
	return best
}

// overrideRatio is how many times more frequent in clean text a variant of
// a known word must be for repair to replace it: "victimas" (a form of the
// rare verb victimar) is OCR for "víctimas"; "aprobé" for "aprobó".
const overrideRatio = 200

// maxOverridable is the frequency above which a known word is never taken
// for damage of another: no form is 200 times more frequent than it.
const maxOverridable = 5000

// overrideKnown returns the variant of a known, lower-case word that a
// strong confusion (one that stands for the clean text at least half the
// time) or a dropped accent could have damaged, when that variant is far
// more frequent; otherwise w.
func (r *Repairer) overrideKnown(w string, freq float64) string {
	if first, _ := utf8.DecodeRuneInString(w); !unicode.IsLower(first) || utf8.RuneCountInString(w) < 4 || freq > maxOverridable {
		return w
	}
	best, bestFreq := w, freq*overrideRatio+overrideRatio
	rs := []rune(w)
	for i := range rs {
		for _, e := range r.edits[rs[i]] {
			if e.logp < -0.7 && !foldEqual(e.ocr, e.clean) {
				continue
			}
			o := []rune(e.ocr)
			if i+len(o) > len(rs) || string(rs[i:i+len(o)]) != e.ocr {
				continue
			}
			c := string(rs[:i]) + e.clean + string(rs[i+len(o):])
			if f, ok := r.lex.Lookup(c); ok && f > bestFreq {
				best, bestFreq = c, f
			}
		}
	}
	return best
}

// candidates calls visit with every string reachable from w by at most two
// edits, applied left to right, and the edits' total log probability.
func (r *Repairer) candidates(w []rune, from, depth int, lp float64, visit func(string, float64)) {
	if depth == 2 {
		return
	}
	for i := from; i < len(w); i++ {
		for _, e := range r.edits[w[i]] {
			o := []rune(e.ocr)
			if i+len(o) > len(w) || string(w[i:i+len(o)]) != e.ocr {
				continue
			}
			c := []rune(e.clean)
			next := make([]rune, 0, len(w)-len(o)+len(c))
			next = append(next, w[:i]...)
			next = append(next, c...)
			next = append(next, w[i+len(o):]...)
			if !r.lex.HasPrefix(string(next[:i+len(c)])) {
				continue // no word starts like this: prune
			}
			visit(string(next), lp+e.logp)
			r.candidates(next, i+len(c), depth+1, lp+e.logp, visit)
		}
	}
}

// foldEqual reports whether a and b differ at most by the accents of
// Spanish spelling (spanish.FoldSpanishAccents).
func foldEqual(a, b string) bool {
	if len(a) < len(b)-8 || len(a) > len(b)+8 {
		return false
	}
	return spanish.FoldSpanishAccents(a) == spanish.FoldSpanishAccents(b)
}

// hasOrdinalMark reports whether s has a digit followed by ¢, * or °, as
// ordinalMark needs (a cheap test: "*" is common in Markdown).
func hasOrdinalMark(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			continue
		}
		rest := s[i+1:]
		if rest[0] == '*' || strings.HasPrefix(rest, "¢") || strings.HasPrefix(rest, "°") {
			return true
		}
	}
	return false
}

// hasGluedConj reports whether s has a digit followed by y, e or o (after
// an optional comma) and a space, as gluedConj needs.
func hasGluedConj(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			j := i + 1
			if s[j] == ',' && j+1 < len(s) {
				j++
			}
			if c := s[j]; (c == 'y' || c == 'e' || c == 'o') && j+1 < len(s) && (s[j+1] == ' ' || s[j+1] == '\n') {
				return true
			}
		}
	}
	return false
}
