package search

import (
	"html"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/query"
	"github.com/relatoria/relatoria/spanish"
)

// Highlighting is done here, on the page of hits only, rather than by
// bleve: bleve's highlighter needs the term locations of every matching
// paragraph, which the searchers then read and keep for all of them (a
// tenth of the time of a typical query). Marking the few paragraphs shown
// costs a re-analysis of each.

// fragmentSize is about the length in bytes of a highlight fragment.
const fragmentSize = 240

// marker knows the words a query looks for, as the index analyses them.
type marker struct {
	stems    map[string]bool // Spanish terms (stemmed, folded)
	exact    map[string]bool // lower-cased exact forms (literal words)
	prefixes []string        // folded prefixes (coopera*)
	fuzzy    []fuzzyTerm     // stems with the edits they allow (didlogo~)
	// firsts holds the first letters of the stems, exact forms and
	// prefixes (fuzzy terms may differ in any letter).
	firsts index.FirstLetters
}

type fuzzyTerm struct {
	stem  string
	edits int
}

// newMarker collects the words q requires or offers (not those it
// excludes).
func newMarker(q query.Query) *marker {
	m := &marker{stems: map[string]bool{}, exact: map[string]bool{}}
	visitPositive(q, func(q query.Query) {
		switch q := q.(type) {
		case *query.Term:
			text := q.Normalized()
			switch {
			case q.Literal:
				for _, w := range index.ExactTerms(text) {
					m.exact[w] = true
				}
			case q.Prefix:
				m.prefixes = append(m.prefixes, strings.ToLower(string(spanish.Fold([]byte(text)))))
			case q.Fuzzy:
				for _, s := range index.Terms(text) {
					m.fuzzy = append(m.fuzzy, fuzzyTerm{s, fuzziness(text)})
				}
			default:
				for _, s := range index.Terms(text) {
					m.stems[s] = true
				}
			}
		case *query.Phrase:
			text := q.Normalized()
			if q.Literal {
				for _, w := range index.ExactTerms(text) {
					m.exact[w] = true
				}
				return
			}
			for _, s := range index.Terms(text) {
				m.stems[s] = true
			}
		}
	})
	for s := range m.stems {
		m.firsts.Add(s)
	}
	for e := range m.exact {
		m.firsts.Add(e)
	}
	for _, p := range m.prefixes {
		m.firsts.Add(p)
	}
	return m
}

func (m *marker) empty() bool {
	return len(m.stems) == 0 && len(m.exact) == 0 && len(m.prefixes) == 0 && len(m.fuzzy) == 0
}

// matches reports whether the word with Spanish term stem and exact form
// exact is one the query looks for.
func (m *marker) matches(stem, exact string) bool {
	if m.stems[stem] || m.exact[exact] {
		return true
	}
	folded := string(spanish.Fold([]byte(exact)))
	for _, p := range m.prefixes {
		if strings.HasPrefix(folded, p) || strings.HasPrefix(stem, p) {
			return true
		}
	}
	for _, f := range m.fuzzy {
		if spanish.WithinEdits(stem, f.stem, f.edits) {
			return true
		}
	}
	return false
}

// matchesBytes is matches for the reused buffers of index.VisitWords: the
// common lookups convert nothing.
func (m *marker) matchesBytes(stem, exact []byte) bool {
	if m.stems[string(stem)] || m.exact[string(exact)] {
		return true
	}
	if len(m.prefixes) == 0 && len(m.fuzzy) == 0 {
		return false
	}
	return m.matches(string(stem), string(exact))
}

// highlightHits sets the highlights of hits, half of them in another
// goroutine when there are enough to share: marking re-analyses each text,
// a quarter of the time of a query with few hits.
func (m *marker) highlightHits(hits []Hit) {
	mark := func(hs []Hit) {
		for i := range hs {
			p := corpus.Paragraph{Text: hs[i].Text, Repairs: hs[i].Repairs}
			if frag := m.highlight(&p); frag != "" {
				hs[i].Highlights = []string{frag}
			}
		}
	}
	if len(hits) < 4 {
		mark(hits)
		return
	}
	half := len(hits) / 2
	done := make(chan struct{})
	var panicked any
	go func() {
		defer close(done)
		// A panic goes on in the caller's goroutine (an HTTP request's,
		// which the server recovers), not in this one, which would end
		// the process.
		defer func() { panicked = recover() }()
		mark(hits[:half])
	}()
	mark(hits[half:])
	<-done
	if panicked != nil {
		panic(panicked)
	}
}

// highlight returns a fragment of p's text around the words the query looks
// for, HTML-escaped, each such word in <mark>…</mark>, or "" when none is
// there. A word that OCR repair changed is marked when the query looked for
// its form before repair.
func (m *marker) highlight(p *corpus.Paragraph) string {
	if m.empty() {
		return ""
	}
	text := p.Text
	repairedTo := map[string]bool{}
	for _, r := range p.Repairs {
		for _, s := range index.Terms(r.From) {
			if m.matches(s, strings.ToLower(r.From)) {
				repairedTo[strings.ToLower(r.To)] = true
			}
		}
	}
	var spans [][2]int
	// Only words that begin as a looked-for form does are analysed.
	var firsts *index.FirstLetters
	if len(m.fuzzy) == 0 {
		f := m.firsts
		for to := range repairedTo {
			f.Add(to)
		}
		firsts = &f
	}
	index.VisitWordsStarting(text, firsts, func(start, end int, exact, stem []byte) {
		if stem == nil && !m.exact[string(exact)] {
			return // a stop word, unless written literally
		}
		if m.matchesBytes(stem, exact) || repairedTo[string(exact)] {
			spans = append(spans, [2]int{start, end})
		}
	})
	if len(spans) == 0 {
		return ""
	}
	from, to := fragmentAround(text, spans)
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	at := from
	for _, s := range spans {
		if s[0] < from || s[1] > to {
			continue
		}
		b.WriteString(html.EscapeString(text[at:s[0]]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s[0]:s[1]]))
		b.WriteString("</mark>")
		at = s[1]
	}
	b.WriteString(html.EscapeString(text[at:to]))
	if to < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// fragmentAround returns the bounds of the part of text, about
// fragmentSize bytes long and cut at spaces, that holds the most spans.
func fragmentAround(text string, spans [][2]int) (int, int) {
	if len(text) <= fragmentSize+fragmentSize/4 {
		return 0, len(text)
	}
	best, bestCount := 0, 0
	for i, s := range spans {
		n := 0
		for _, t := range spans[i:] {
			if t[1]-s[0] > fragmentSize {
				break
			}
			n++
		}
		if n > bestCount {
			best, bestCount = i, n
		}
	}
	// Start a little before the first marked word, at a space.
	from := spans[best][0] - fragmentSize/6
	if from <= 0 {
		from = 0
	} else if i := strings.IndexByte(text[from:spans[best][0]], ' '); i >= 0 {
		from += i + 1
	} else {
		from = spans[best][0]
	}
	to := from + fragmentSize
	if to >= len(text) {
		return from, len(text)
	}
	if i := strings.LastIndexByte(text[spans[best][1]:to], ' '); i >= 0 {
		to = spans[best][1] + i
	}
	return from, to
}
