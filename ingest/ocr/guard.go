package ocr

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/spanish"
)

// Guards: what repair never touches, even in OCR output, and when a valid
// word may be replaced at all.
//
//   - Addresses, e-mail addresses, file names and paths
//     ("busqueda_supervision", "www.mujeresdelsur.org"): their letters are
//     not Spanish words.
//   - Latin and other foreign phrases of legal Spanish ("inter alia", "ad
//     hoc", "mutatis mutandis", "sine qua non", "per se"): Spanish has
//     "ínter" and "alía", which they are not.
//   - Spellings that are both right: "periodo" and "período", "solo" and
//     "sólo", "este" and "éste", "que" and "qué", "como" and "cómo", "de"
//     and "dé". Which one the author meant is not OCR's to say.
//   - Names: a capitalised word whose only change would be an accent
//     ("Martin", "Alvaro", "Paris", "Nino" after "Carlos") is written as
//     its bearer writes it; it takes one only when it is a word of the
//     field ("Comision" → "Comisión", "Convencion") and no name stands
//     beside it. A capitalised word is never cut in two ("von der Leyen",
//     not "Ley en").
//   - A valid word becomes another valid word ("victimas" → "víctimas",
//     "publica" → "pública") only with damage around it: an unknown word
//     repair mends, or a word with digits in it, within damageWindow
//     words.

// damageWindow is how many words before and after a valid word repair
// looks for OCR damage before it replaces the word by another valid one.
const damageWindow = 20

// span is a byte range of a text.
type span struct{ start, end int }

// addressLike matches what is an address, a path or a code rather than
// words: URLs, "www." names, e-mail addresses, domain names, file names,
// and runs joined by "_", "/", "\" or "=" between letters.
var addressLike = regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)\S+` +
	`|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}` +
	`|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:org|com|net|int|gov|gob|edu|info|pdf|html?|php|aspx?|doc|docx|xls|xlsx|cfm)\b\S*` +
	`|[\p{L}\p{N}]+(?:[_\\=/][\p{L}\p{N}]+)*_[\p{L}\p{N}_]+`)

// foreignPhrases are the Latin (and other) phrases of legal Spanish that
// repair leaves as written, in lower case, one space between words.
var foreignPhrases = []string{
	"inter alia", "ad hoc", "mutatis mutandis", "sine qua non", "conditio sine qua non", "per se",
	"a priori", "a posteriori", "de facto", "de iure", "de jure", "bona fide", "mala fide",
	"in situ", "ex officio", "ex oficio", "prima facie", "status quo", "statu quo", "sui generis",
	"ultra vires", "erga omnes", "jus cogens", "ius cogens", "habeas corpus", "habeas data",
	"amicus curiae", "in limine", "motu proprio", "ex post facto", "ex post", "ex ante",
	"stricto sensu", "lato sensu", "grosso modo", "in extenso", "in fine", "ipso facto",
	"ipso iure", "ipso jure", "non bis in idem", "ne bis in idem", "pro homine", "pro persona",
	"in dubio pro reo", "res judicata", "res iudicata", "locus standi", "corpus iuris",
	"opinio juris", "opinio iuris", "pacta sunt servanda", "rebus sic stantibus", "ratio decidendi",
	"obiter dicta", "obiter dictum", "vis-à-vis", "et al", "op cit", "op. cit", "loc cit", "loc. cit",
	"idem", "ibidem", "ibid", "supra", "infra", "sic", "passim", "apud", "circa", "versus",
	"ex aequo et bono", "in abstracto", "in concreto", "inaudita altera parte", "mutandis",
	"circa",
}

// foreignIndex maps a phrase's first word to the phrases it begins, as
// word lists.
var foreignIndex = func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range foreignPhrases {
		ws := strings.Fields(strings.ReplaceAll(p, ".", ""))
		m[ws[0]] = append(m[ws[0]], ws)
	}
	return m
}()

// singleForeign holds the foreign words that are guarded alone, wherever
// they stand; the other words of foreignPhrases only within their phrase
// ("alia" after "inter": "alía" is Spanish).
var singleForeign = map[string]bool{
	"idem": true, "ibidem": true, "ibid": true, "passim": true, "apud": true, "mutandis": true,
	"supra": true, "infra": true, "sic": true, "circa": true,
}

// protectedWords are the words of which two spellings are both right, or
// whose accented form is another word that only the author can tell from
// it: repair never turns one of these into another of them.
var protectedWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`periodo período solo sólo este éste esta ésta estos éstos estas éstas
		ese ése esa ésa esos ésos esas ésas aquel aquél aquella aquélla aquellos aquéllos aquellas aquéllas
		que qué como cómo de dé quien quién quienes quiénes cual cuál cuales cuáles donde dónde adonde adónde
		cuando cuándo cuanto cuánto cuanta cuánta cuantos cuántos cuantas cuántas el él tu tú mi mí te té
		se sé aun aún o ó guion guión truhan truhán video vídeo austriaco austríaco cardiaco cardíaco
		olimpiada olimpíada policiaco policíaco elegiaco elegíaco zodiaco zodíaco afrodisiaco afrodisíaco
		chofer chófer futbol fútbol beisbol béisbol pudin pudín reuma reúma`) {
		m[w] = true
	}
	return m
}()

// protectedPair reports whether a and b are two spellings of protectedWords
// that differ by their accents: repair never changes one into the other.
func protectedPair(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	return protectedWords[la] && protectedWords[lb] && foldEqual(la, lb)
}

// addressExtensions are the endings after a full stop that the third
// alternative of addressLike needs ("html" and "aspx" begin with two of
// them).
var addressExtensions = []string{"org", "com", "net", "int", "gov", "gob", "edu", "info", "pdf", "htm", "php", "asp", "doc", "xls", "cfm"}

// mayHoldAddress reports whether text holds what each alternative of
// addressLike needs: "://" or "www." (any case), "@", "_", or a full stop
// followed by one of addressExtensions (any case; a letter beyond ASCII
// after it may be one by case folding, "ſ" for "s", and counts). When it
// does not, addressLike cannot match: the test spares running it on
// nearly every paragraph (it had been run on each with a full stop, 15%
// of an ingest of the bench corpus).
func mayHoldAddress(text string) bool {
	if strings.Contains(text, "://") || strings.ContainsAny(text, "@_") {
		return true
	}
	for i := strings.IndexByte(text, '.'); i >= 0; i = nextStop(text, i) {
		if i >= 3 && strings.EqualFold(text[i-3:i], "www") {
			return true
		}
		rest := text[i+1 : min(len(text), i+5)]
		for j := 0; j < len(rest); j++ {
			if rest[j] >= utf8.RuneSelf {
				return true
			}
		}
		for _, ext := range addressExtensions {
			if len(rest) >= len(ext) && strings.EqualFold(rest[:len(ext)], ext) {
				return true
			}
		}
	}
	return false
}

// nextStop returns the index of the next full stop of text after i, -1 when
// there is none.
func nextStop(text string, i int) int {
	j := strings.IndexByte(text[i+1:], '.')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// guardedSpans returns the byte ranges of text that repair leaves as
// they are: addresses and foreign phrases.
func guardedSpans(text string) []span {
	var out []span
	if mayHoldAddress(text) {
		for _, m := range addressLike.FindAllStringIndex(text, -1) {
			out = append(out, span{m[0], m[1]})
		}
	}
	// Foreign phrases, word by word.
	type word struct{ start, end int }
	var ws []word
	for i := 0; i < len(text); {
		s, e := nextToken(text, i)
		if s < 0 {
			break
		}
		ws = append(ws, word{s, e})
		i = e
	}
	for k := 0; k < len(ws); k++ {
		first := lowerWord(text[ws[k].start:ws[k].end])
		if singleForeign[first] {
			out = append(out, span{ws[k].start, ws[k].end})
		}
		for _, p := range foreignIndex[first] {
			if k+len(p) > len(ws) || len(p) == 1 && !singleForeign[first] {
				continue
			}
			ok := true
			for j := 1; j < len(p) && ok; j++ {
				ok = lowerWord(text[ws[k+j].start:ws[k+j].end]) == p[j] &&
					!strings.ContainsAny(text[ws[k+j-1].end:ws[k+j].start], ",;:()\n")
			}
			if ok {
				out = append(out, span{ws[k].start, ws[k+len(p)-1].end})
			}
		}
	}
	return out
}

// inSpans reports whether [start, end) overlaps one of spans.
func inSpans(spans []span, start, end int) bool {
	for _, s := range spans {
		if start < s.end && s.start < end {
			return true
		}
	}
	return false
}

// onlyAccentsAdded reports whether to is from with marks of Spanish
// spelling put on some of its unmarked letters and nothing else: "Martin"
// → "Martín", "Nino" → "Niño", "victimas" → "víctimas"; not
// "cooperacién" → "cooperación" (a mark changed: OCR's shape), nor
// "nifias" → "niñas".
func onlyAccentsAdded(from, to string) bool {
	if utf8.RuneCountInString(from) != utf8.RuneCountInString(to) || from == to {
		return false
	}
	tr := []rune(to)
	i := 0
	for _, f := range from {
		t := tr[i]
		i++
		if f == t {
			continue
		}
		if f >= utf8.RuneSelf || spanish.FoldSpanishAccents(string(t)) != string(f) {
			return false
		}
	}
	return true
}

// capitalised reports whether w begins with a capital and is not all
// capitals.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) && !isUpperWord(w)
}

// domainWord reports whether the domain text writes w (in any case) at
// least minDomainCount times: a word of the field ("Comité", "Convención",
// "Haití"), not a person's name ("Martín", "Benjamín", "Carlos").
func (r *Repairer) domainWord(w string) bool {
	return r.ctx != nil && r.ctx.Freq(lowerWord(w)) >= minDomainCount
}

// properNoun reports whether w, capitalised, is a proper noun of the
// lexicon ("Martín", "Álvaro") or has no lower-case form there.
func (r *Repairer) properNoun(w string) bool {
	if _, proper := r.lex.exact(w); proper {
		return true
	}
	c, size := utf8.DecodeRuneInString(w)
	_, common := r.lex.exact(string(unicode.ToLower(c)) + w[size:])
	return !common
}

// nameToken reports whether t is a name: capitalised, rare in the domain
// text, and a proper noun of the lexicon ("Carlos") or a word it does not
// know and repair does not mend ("Ursula", "Leyen").
func (r *Repairer) nameToken(t *token) bool {
	if !capitalised(t.tok) || r.domainWord(t.tok) {
		return false
	}
	if _, proper := r.lex.exact(t.tok); proper {
		return true
	}
	return !t.known && t.word == t.tok
}

// hasDigitInWord reports whether w mixes letters and digits as OCR does
// ("ci6n", "6rganos"), not as a code or an ordinal does ("UN80", "1er").
func hasDigitInWord(w string) bool {
	letters, digits := 0, 0
	for _, c := range w {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case unicode.IsLetter(c):
			if unicode.IsUpper(c) && letters > 0 {
				return false // a code: "A4B"
			}
			letters++
		}
	}
	return digits > 0 && letters >= 3 && digits <= 2 && !isUpperWord(w)
}
