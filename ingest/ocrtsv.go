package ingest

import (
	"bufio"
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Tesseract's TSV output made into lines and blocks.

// tsvKey identifies a line of Tesseract's TSV.
type tsvKey struct{ page, block, par, line int }

// parseTSV turns Tesseract's TSV output into lines. Each line's position is
// in points from the bottom of its page, as in a PDF; its size is the
// page's usual line height when it is near it (Tesseract's boxes vary with
// ascenders and descenders, and a size change would end a paragraph), its
// own otherwise; par numbers Tesseract's paragraphs from 1 across the
// output; conf is the mean confidence of its words. Malformed rows are
// skipped. page, when not 0, overrides the page numbers of the output.
func parseTSV(tsv []byte, dpi float64, page int) []pdfLine {
	if dpi <= 0 {
		dpi = scanDPI
	}
	pt := 72 / dpi
	heights := map[int]float64{} // page height in pixels, by page
	type acc struct {
		key                      tsvKey
		words                    []string
		conf                     float64
		left, top, bottom, right int
	}
	var lines []*acc
	byKey := map[tsvKey]*acc{}
	sc := bufio.NewScanner(bytes.NewReader(tsv))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 12 {
			continue
		}
		var n [11]int
		ok := true
		for i := 0; i < 10; i++ {
			v, err := strconv.Atoi(f[i])
			if err != nil || v < 0 || v > 1<<24 {
				ok = false
				break
			}
			n[i] = v
		}
		conf, err := strconv.ParseFloat(f[10], 64)
		if !ok || err != nil || math.IsNaN(conf) {
			continue
		}
		level, pg := n[0], n[1]
		if page > 0 {
			pg = page
		}
		left, top, width, height := n[6], n[7], n[8], n[9]
		switch level {
		case 1:
			heights[pg] = float64(top + height)
		case 5:
			text := strings.TrimSpace(strings.Join(f[11:], "\t"))
			if text == "" {
				continue
			}
			k := tsvKey{pg, n[2], n[3], n[4]}
			a := byKey[k]
			if a == nil {
				a = &acc{key: k, left: left, top: top}
				byKey[k] = a
				lines = append(lines, a)
			}
			a.words = append(a.words, text)
			a.conf += max(conf, 0)
			a.left, a.top = min(a.left, left), min(a.top, top)
			a.bottom, a.right = max(a.bottom, top+height), max(a.right, left+width)
		}
	}
	out := make([]pdfLine, 0, len(lines))
	pars := map[[3]int]int{}
	for _, a := range lines {
		pk := [3]int{a.key.page, a.key.block, a.key.par}
		if pars[pk] == 0 {
			pars[pk] = len(pars) + 1
		}
		h := heights[a.key.page]
		if h == 0 {
			h = 3508 * dpi / scanDPI // an A4 page
		}
		out = append(out, pdfLine{
			text:  strings.Join(a.words, " "),
			x:     float64(a.left) * pt,
			y:     (h - float64(a.bottom)) * pt,
			size:  float64(a.bottom-a.top) * pt,
			page:  a.key.page,
			par:   pars[pk],
			conf:  a.conf / float64(len(a.words)),
			words: len(a.words),
		})
	}
	evenSizes(out)
	setPageBounds(out)
	return out
}

// evenSizes gives the lines of each page whose height is within a third of
// the page's median line height that median as their size.
func evenSizes(lines []pdfLine) {
	byPage := map[int][]float64{}
	for _, l := range lines {
		byPage[l.page] = append(byPage[l.page], l.size)
	}
	med := map[int]float64{}
	for p, s := range byPage {
		slices.Sort(s)
		med[p] = s[len(s)/2]
	}
	for i := range lines {
		m := med[lines[i].page]
		if lines[i].size > 0.67*m && lines[i].size < 1.4*m {
			lines[i].size = m
		}
	}
}

// setPageBounds sets each line's pageTop and pageBot: the highest and
// lowest baselines of its page.
func setPageBounds(lines []pdfLine) {
	type bounds struct{ top, bot float64 }
	b := map[int]bounds{}
	for _, l := range lines {
		c, ok := b[l.page]
		if !ok {
			c = bounds{l.y, l.y}
		}
		b[l.page] = bounds{max(c.top, l.y), min(c.bot, l.y)}
	}
	for i := range lines {
		lines[i].pageTop, lines[i].pageBot = b[lines[i].page].top, b[lines[i].page].bot
	}
}

// ocrBlocks groups OCR'd lines into blocks: one per Tesseract paragraph,
// split where a line opens a list item or a numbered paragraph, or follows
// a short line that ends a sentence or is a heading (Tesseract joins a
// heading to the paragraph under it when they are close), each with its
// page and the mean confidence of its words.
func ocrBlocks(lines []pdfLine) []block {
	full := map[int]int{} // a full line's length in runes, by page
	byPage := map[int][]int{}
	for _, l := range lines {
		byPage[l.page] = append(byPage[l.page], utf8.RuneCountInString(l.text))
	}
	for p, n := range byPage {
		slices.Sort(n)
		full[p] = n[len(n)*9/10]
	}
	var out []block
	var cur *block
	var confSum float64
	var words int
	flush := func() {
		if cur != nil {
			if words > 0 {
				cur.conf = confSum / float64(words)
			}
			out = append(out, *cur)
			cur = nil
		}
	}
	for i, l := range lines {
		if cur == nil || lines[i-1].par != l.par || startsItem(l.text) || endsBlock(lines[i-1].text, l.text, full[l.page]) {
			flush()
			cur = &block{page: l.page, ocr: true}
			confSum, words = 0, 0
		}
		cur.lines = append(cur.lines, l.text)
		confSum += l.conf * float64(l.words)
		words += l.words
	}
	flush()
	return out
}

// endsBlock reports whether a line of a paragraph that Tesseract found
// closes it before the next line: it is well short of a full line and ends
// a sentence, or it is a heading (under half a line, not ending open) and
// the next line begins with a capital.
func endsBlock(prev, next string, full int) bool {
	n := utf8.RuneCountInString(prev)
	if full == 0 || n*10 >= full*7 {
		return false
	}
	return sentenceEnd.MatchString(prev) || n*2 < full && startsUpper(next) && !endsOpen(prev)
}

// elisionMark reports whether an OCR'd paragraph is what Tesseract makes
// of "(…)", the mark of omitted text that quotations of UN findings put on
// a line of its own: a lone token of up to four characters closed by a
// parenthesis ("(.)", "E.)", "(...)", "(5)", "Ci)"), 119 of them in the
// cladem-dev pairs. (A list item is never alone on its line.)
func elisionMark(text string) bool {
	if !strings.HasSuffix(text, ")") || strings.ContainsAny(text, " \t") {
		return false
	}
	inner := strings.TrimPrefix(strings.TrimSuffix(text, ")"), "(")
	return utf8.RuneCountInString(inner) <= 4 && !strings.ContainsAny(inner, "()")
}
