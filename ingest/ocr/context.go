package ocr

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context: a word-by-word corrector cannot tell "esta resolución" from
// "está comprometido", nor see that "sobre vivientes" is one word. With a
// bigram model of clean domain text, repair reads each word between its
// neighbours:
//
//   - Valid words that differ by accents ("esta"/"está", "publica"/
//     "pública", "mas"/"más", "dialogo"/"diálogo"): the variant that the
//     neighbours make far more probable (by ContextThreshold, in natural
//     log) replaces the word. P(w | previous) · P(next | w) is compared, so
//     a frequent word gains nothing where neither neighbour was seen with
//     it. A name the domain text never writes is replaced by its accented
//     variant when that is frequent there ("Panama" → "Panamá").
//   - Split words: two words that the model has only ever seen as one
//     ("sobre vivientes" → "sobrevivientes").
//   - Merged words: an unknown word that is a chain of words the model has
//     seen in that order ("delaComisión" → "de la Comisión"), see split.

// join is a word that OCR may have split in two: whole = first + second.
type join struct{ second, whole string }

// ctxEntry is what context may do with a lower-case word: rejoin it with
// the word after (joins), or replace it by an accent variant (alts, the
// variants and the word, when it has no accent).
type ctxEntry struct {
	joins []join
	alts  []string
}

// minJoinCount is how often a word must occur in the domain text for two
// words to be rejoined into it.
const minJoinCount = 2

// minDomainCount is how often in the domain text an accent variant must
// occur to replace a word the domain text never writes.
const minDomainCount = 20

// SetContext makes r read context with m (see context.go); nil turns it
// off.
func (r *Repairer) SetContext(m *Bigrams) {
	r.ctx = m
	r.ContextThreshold = 2.5
	r.ctxWords = nil
	if m == nil {
		return
	}
	r.ctxWords = map[string]ctxEntry{}
	for w, id := range m.ids {
		if m.uni[id] < minJoinCount {
			continue
		}
		rs := []rune(w)
		for k := 3; k <= len(rs)-3; k++ {
			a, b := string(rs[:k]), string(rs[k:])
			if _, ok := r.lex.Lookup(a); !ok {
				continue
			}
			if _, ok := r.lex.Lookup(b); !ok || m.Count(a, b) > 0 {
				continue
			}
			e := r.ctxWords[a]
			e.joins = append(e.joins, join{b, w})
			r.ctxWords[a] = e
		}
	}
	// One look-up a word: alternatives are listed under the form without
	// accents, which is the only form they replace (see choose).
	for f, g := range m.byFold {
		if len(g) > 1 || g[0] != f {
			e := r.ctxWords[f]
			e.alts = g
			r.ctxWords[f] = e
		}
	}
	// And under the capitalised form, so that a word is looked up as it is
	// written, without lowering it first.
	for w, e := range r.ctxWords {
		if c := matchCase(w, "A"); c != w {
			if _, ok := r.ctxWords[c]; !ok {
				r.ctxWords[c] = e
			}
		}
	}
}

// breaksContext reports whether the text between two words ends the
// context of the first: sentence punctuation, brackets, quotes, a line
// break.
func breaksContext(sep string) bool {
	return strings.ContainsAny(sep, ".;:!?()[]\"«»“”\n")
}

// lowerWord returns w in lower case, without allocating when it is.
func lowerWord(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return lowerSlow(w)
		}
	}
	return w
}

func lowerSlow(w string) string {
	for _, c := range w {
		if unicode.IsUpper(c) {
			return strings.ToLower(w)
		}
	}
	return w
}

// matchCase gives word (lower case) the case of model: capitalised or in
// capitals.
func matchCase(word, model string) string {
	first, _ := utf8.DecodeRuneInString(model)
	switch {
	case !unicode.IsUpper(first):
		return word
	case isUpperWord(model):
		return strings.ToUpper(word)
	}
	r, size := utf8.DecodeRuneInString(word)
	return string(unicode.ToUpper(r)) + word[size:]
}

// joinNext returns the word that t and the token after it, next, make
// when the domain text has only ever written them as one ("sobre
// vivientes" → "sobrevivientes"), and whether there is one.
func (r *Repairer) joinNext(text string, t, next *token) (string, bool) {
	e, ok := r.ctxWords[t.out]
	if !ok || len(e.joins) == 0 || text[t.end:next.start] != " " {
		return "", false
	}
	n := lowerWord(next.tok)
	for _, j := range e.joins {
		if j.second == n {
			return matchCase(j.whole, t.out), true
		}
	}
	return "", false
}

// inContext rereads out, the repair of toks[k], between prev (the word
// before, "" at a sentence break) and the next word, and returns the
// accent variant its neighbours make far more probable, or out.
func (r *Repairer) inContext(toks []token, k int, out, prev string) string {
	e, ok := r.ctxWords[out]
	if !ok || e.alts == nil || isUpperWord(out) {
		return out
	}
	next := ""
	if k+1 < len(toks) && !toks[k+1].breakBefore {
		next = lowerWord(toks[k+1].tok)
	}
	first, _ := utf8.DecodeRuneInString(out)
	lw := lowerWord(out)
	if best := r.choose(lowerWord(prev), lw, next, e.alts, unicode.IsUpper(first)); best != lw {
		return matchCase(best, out)
	}
	return out
}

// choose returns the word of alts (accent variants of w, a word without
// accents) that its neighbours prev and next make most probable, when it
// beats w by ContextThreshold with the neighbours seen beside it, or w is
// a capitalised word (a name: "Panama") that the domain text never writes
// and its variant is frequent there; else w. Lower-case words the domain
// never writes are left to overrideKnown ("periodo" is a valid spelling).
func (r *Repairer) choose(prev, w, next string, alts []string, capitalised bool) string {
	m := r.ctx
	// Cheap test first: most words (que, el, como, si…) have variants
	// that the neighbours were never seen with.
	// (The ids of the neighbours are looked up once: this runs for most
	// words of any text.)
	pid, pok := m.ids[prev]
	nid, nok := m.ids[next]
	evidence := false
	for _, a := range alts {
		if a == w || !pok && !nok {
			continue
		}
		aid, ok := m.ids[a]
		if !ok {
			continue
		}
		c := 0.0
		if pok {
			c += m.pairs[uint64(pid)<<32|uint64(aid)]
		}
		if nok {
			c += m.pairs[uint64(aid)<<32|uint64(nid)]
		}
		if c >= 2 {
			evidence = true
			break
		}
	}
	if !evidence && !(capitalised && m.Freq(w) == 0) {
		return w
	}
	score := func(x string) float64 {
		s := m.LogProb(prev, x)
		if next != "" {
			s += m.LogProb(x, next)
		}
		return s
	}
	best, bestScore := w, score(w)
	base := bestScore
	// w has no accent: alts are listed under such forms only. A word
	// written with one is left as written (English-model OCR drops
	// accents; the sources' own spellings, "genéro", are not for repair to
	// change).
	for _, a := range alts {
		if a == w {
			continue
		}
		if s := score(a); best == w || s > bestScore {
			best, bestScore = a, s
		}
	}
	if best == w {
		return w
	}
	// The neighbours must have been seen with the variant: without that,
	// the scores differ only by the words' frequencies, and a valid
	// spelling ("periodo" beside "período") is not for repair to change.
	if bestScore-base > r.ContextThreshold && m.Count(prev, best)+m.Count(best, next) >= 2 {
		return best
	}
	if capitalised && m.Freq(w) == 0 && m.Freq(best) >= minDomainCount {
		fw, _ := r.lex.Lookup(w)
		fb, _ := r.lex.Lookup(best)
		if fb > 10*fw {
			return best
		}
	}
	return w
}

// split returns tok, a word neither the lexicon nor the corrector knows,
// cut into two or three words that the domain text has in that order
// ("delaComisión" → "de la Comisión", "losderechos" → "los derechos"), the
// most probable cut; or tok when there is none.
func (r *Repairer) split(tok string) string {
	if r.ctx == nil || !isLetters(tok) {
		return tok
	}
	rs := []rune(tok)
	if len(rs) < 5 || len(rs) > 40 {
		return tok
	}
	best, bestScore := tok, math.Inf(-1)
	try := func(parts ...string) {
		if s, ok := r.splitScore(parts); ok && s > bestScore {
			best, bestScore = strings.Join(parts, " "), s
		}
	}
	for i := 1; i < len(rs); i++ {
		try(string(rs[:i]), string(rs[i:]))
		for j := i + 1; j < len(rs); j++ {
			try(string(rs[:i]), string(rs[i:j]), string(rs[j:]))
		}
	}
	return best
}

// splitScore returns the log probability of parts as a word sequence, and
// whether each is a word the domain text has (a one-letter word only if it
// is a conjunction or a preposition) and each pair of neighbours occurs
// there at least twice. A capital is allowed only at a part's start.
func (r *Repairer) splitScore(parts []string) (float64, bool) {
	m := r.ctx
	score, prev := 0.0, ""
	for i, p := range parts {
		lp := lowerWord(p)
		if m.Freq(lp) < 2 || utf8.RuneCountInString(p) == 1 && !strings.Contains("aeouy", lp) {
			return 0, false
		}
		if _, ok := r.lex.Lookup(p); !ok {
			return 0, false
		}
		if i > 0 && m.Count(prev, lp) < 2 {
			return 0, false
		}
		score += m.LogProb(prev, lp)
		prev = lp
	}
	return score, true
}
