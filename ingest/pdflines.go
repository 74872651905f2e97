package ingest

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/spanish"
)

// wordGapEms is the smallest gap between two glyphs, in ems, that stands
// for a space between words: from the end of one glyph (its width, without
// character spacing) to the start of the next. Kerning moves glyphs by
// hundredths of an em; a word space is a quarter of one.
const wordGapEms = 0.2

// notSpaceEms is the advance, in ems, under which a space glyph is no word
// space: word and character spacing have pulled the next glyph back onto
// it (Ghostscript kerns "iv" and "e" of "nivel" apart by a space under
// -2.365 Tw).
const notSpaceEms = 0.08

// lineItem is a glyph's text on a line, with what comes before it.
type lineItem struct {
	s string
	// sep: a word space before it; spaceGlyph: drawn as a space glyph
	// (not inferred from a gap); gap: the gap before it in ems, -1 when
	// unknown.
	sep, spaceGlyph bool
	gap             float64
}

// buildLines turns glyphs in content-stream order into lines: a new line
// where the baseline moves by more than half the font size; a space where
// the PDF draws a space glyph, or where the gap between two glyphs is a
// word gap (wordGapEms); raised small digits (footnote marks) dropped.
// Letters spaced out one by one ("T R I B U N A L") are set together
// again (see joinSpacedLetters).
func buildLines(glyphs []glyph, page int) []pdfLine {
	var lines []pdfLine
	var items []lineItem
	var curY, curX, curSize float64
	var last *glyph
	annot := 0
	marks, markDigit := 0, false // raised marks dropped from the line; the last glyph was one
	pendingSpace := false        // a space glyph was drawn since the last glyph
	sizes := map[float64]int{}
	var mark strings.Builder // the digits of the mark being read
	var notes []int          // the numbers of the line's marks
	endMark := func() {
		if n, err := strconv.Atoi(mark.String()); err == nil && n > 0 && mark.Len() <= 4 {
			notes = append(notes, n)
		}
		mark.Reset()
	}
	flush := func() {
		endMark()
		text := strings.TrimSpace(spanish.CollapseSpace(joinSpacedLetters(items)))
		if text != "" {
			lines = append(lines, pdfLine{text: text, x: curX, y: curY, size: dominant(sizes), page: page, annot: annot > 0, marks: marks, notes: notes})
		}
		marks, markDigit, notes = 0, false, nil
		items = items[:0]
		clear(sizes)
		last, pendingSpace = nil, false
	}
	for k := range glyphs {
		g := &glyphs[k]
		if g.s == "" || g.s == "\uFFFD" || g.s == "\n" || g.rotated || g.size <= 1.5 {
			continue // no text; or invisible layout glyphs
		}
		if last != nil && g.annot != annot {
			flush() // an annotation's text is its own
		}
		annot = g.annot
		if last != nil {
			ref := max(curSize, g.size)
			dy := g.y - curY
			switch {
			case g.size < 0.8*curSize && dy > 0.15*curSize && dy < 0.9*curSize && spanish.IsDigits(g.s):
				if !markDigit {
					marks++
				}
				markDigit = true
				mark.WriteString(g.s)
				continue // a raised footnote mark
			case math.Abs(dy) > 0.5*ref:
				flush()
			}
		}
		if g.space || strings.TrimSpace(g.s) == "" {
			endMark() // "12 13": two marks
			if last != nil && !(g.known && g.adv < notSpaceEms*g.size && g.adv > -g.size) {
				pendingSpace = true
			}
			continue
		}
		it := lineItem{s: g.s, gap: -1}
		if last == nil {
			curY, curX, curSize = g.y, g.x, g.size
		} else if g.size > 1.2*curSize {
			// The line began with smaller type (a footnote mark): its
			// baseline is that of its larger type.
			curY, curSize = g.y, g.size
		}
		if last != nil {
			it.gap = gapEms(last, g)
			switch {
			case pendingSpace:
				it.sep, it.spaceGlyph = true, true
			case it.gap >= 0:
				// A gap measured from widths: a word gap, or a jump
				// back (another column on the same baseline).
				it.sep = it.gap > wordGapEms || g.x < last.x-g.size
			case !g.opStart:
				it.sep = g.move >= wordGapEms // a TJ move, in a font without widths
			}
		}
		markDigit = false
		endMark()
		items = append(items, it)
		sizes[math.Round(g.size*2)/2] += utf8.RuneCountInString(g.s)
		last, pendingSpace = g, false
	}
	flush()
	if len(lines) > 0 {
		top, bot := lines[0].y, lines[0].y
		for _, l := range lines {
			top, bot = max(top, l.y), min(bot, l.y)
		}
		for i := range lines {
			lines[i].pageTop, lines[i].pageBot = top, bot
		}
	}
	return lines
}

// gapEms returns the gap between the end of glyph a and the start of b,
// in ems of b, or -1 when a's width is unknown.
func gapEms(a, b *glyph) float64 {
	if !a.known || b.size <= 0 {
		return -1
	}
	gap := (b.x - (a.x + a.w)) / b.size
	return max(gap, -0.0001) // a glyph drawn over the last: no gap
}

// joinSpacedLetters writes a line's items as text. A run of four or more
// single letters each set apart by a gap (letter-spaced type: "T R I B U N
// A L S U P R E M O"), or of three capitals, is one or more words: its
// letters are joined, and a space is kept only where the gap is clearly
// wider than between its letters, or a space glyph was drawn.
func joinSpacedLetters(items []lineItem) string {
	join := make([]bool, len(items)) // join[i]: no space before item i after all
	for i := 0; i < len(items); {
		j := i
		// items[i..j] are single letters, each after a gap.
		for (i == 0 || items[i].sep) && j+1 < len(items) && items[j+1].sep && single(items[j+1].s) && single(items[j].s) && (j+2 >= len(items) || items[j+2].sep) {
			j++
		}
		n := j - i + 1
		if n >= 4 || n >= 3 && allUpper(items[i:j+1]) {
			var gaps []float64
			for k := i + 1; k <= j; k++ {
				if !items[k].spaceGlyph && items[k].gap >= 0 {
					gaps = append(gaps, items[k].gap)
				}
			}
			if len(gaps) > 0 {
				slices.Sort(gaps)
				med := gaps[len(gaps)/2]
				for k := i + 1; k <= j; k++ {
					wide := items[k].gap > 1.6*med+0.05 || items[k].spaceGlyph && items[k].gap > 1.3*med
					join[k] = !wide
				}
			}
		}
		i = j + 1
	}
	var b strings.Builder
	for i, it := range items {
		if i > 0 && it.sep && !join[i] {
			b.WriteByte(' ')
		}
		b.WriteString(it.s)
	}
	return b.String()
}

func single(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsLetter(r)
}

func allUpper(items []lineItem) bool {
	for _, it := range items {
		r, _ := utf8.DecodeRuneInString(it.s)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// readingOrder puts a page's lines top to bottom when the page's content
// stream draws some of them out of place (a word processor that draws a
// section heading after the paragraphs around it, a footer drawn first,
// the end of a line drawn after the lines below it), and joins the parts
// of one line drawn apart. A page in columns (see columns) keeps the
// order drawn. A footnote mark drawn on its own, raised above a line of
// larger type, is dropped as the marks inside lines are.
func readingOrder(lines []pdfLine) []pdfLine {
	var annots []pdfLine // annotations' text goes after the page's
	for i := 0; i < len(lines); i++ {
		if lines[i].annot {
			annots = append(annots, lines[i])
			lines = slices.Delete(lines, i, i+1)
			i--
		}
	}
	return append(pageOrder(lines), annots...)
}

// pageOrder is readingOrder for the lines of the page's own content.
func pageOrder(lines []pdfLine) []pdfLine {
	lines = dropLoneMarks(lines)
	sorted := true
	for i := 1; i < len(lines); i++ {
		if lines[i].y > lines[i-1].y+0.5*lines[i].size {
			sorted = false
			break
		}
	}
	if sorted {
		return lines
	}
	if columns(lines) {
		return lines
	}
	slices.SortStableFunc(lines, func(a, b pdfLine) int {
		switch {
		case a.y > b.y:
			return -1
		case a.y < b.y:
			return 1
		}
		return 0
	})
	out := lines[:0]
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && sameBaseline(lines[i], lines[j]) {
			j++
		}
		if j == i+1 {
			out = append(out, lines[i])
			i = j
			continue
		}
		group := slices.Clone(lines[i:j])
		slices.SortStableFunc(group, func(a, b pdfLine) int { return cmpFloat(a.x, b.x) })
		l := group[0]
		for _, g := range group[1:] {
			l.text += " " + g.text
			if utf8.RuneCountInString(g.text) > utf8.RuneCountInString(l.text)/2 {
				l.size = max(l.size, g.size)
			}
		}
		out = append(out, l)
		i = j
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// columns reports whether a page's lines are laid out in columns (or a
// table drawn column by column): lines drawn apart that share a baseline,
// the one on the right starting at the same place three times or more.
// The pieces of a line that a word processor draws out of order (its end
// after a footnote mark) start wherever the mark left off.
func columns(lines []pdfLine) bool {
	starts := map[float64]int{}
	for i := range lines {
		for j := i + 2; j < len(lines); j++ {
			if !sameBaseline(lines[i], lines[j]) {
				continue
			}
			right := max(lines[i].x, lines[j].x)
			if starts[math.Round(right/4)]++; starts[math.Round(right/4)] >= 3 {
				return true
			}
		}
	}
	return false
}

// sameBaseline reports whether two lines sit on one baseline.
func sameBaseline(a, b pdfLine) bool {
	return math.Abs(a.y-b.y) < 0.3*max(a.size, b.size)
}

// dropLoneMarks removes lines that are a footnote mark alone (one to three
// digits), in type smaller than a line whose baseline is just below it
// and which it stands over.
func dropLoneMarks(lines []pdfLine) []pdfLine {
	var out []pdfLine
	dropped := 0
	for _, l := range lines {
		if len(l.text) <= 3 && spanish.IsDigits(l.text) && raisedOver(l, lines) {
			dropped++
			continue
		}
		out = append(out, l)
	}
	if dropped > 0 && len(out) > 0 {
		out[0].marks += dropped // the page's count is what matters
	}
	return out
}

func raisedOver(m pdfLine, lines []pdfLine) bool {
	for _, l := range lines {
		if m.size < 0.8*l.size && m.y-l.y > 0.15*l.size && m.y-l.y < 0.9*l.size &&
			m.x >= l.x && m.x <= l.x+0.6*l.size*float64(utf8.RuneCountInString(l.text)) {
			return true
		}
	}
	return false
}
