package ingest

import (
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// wordGapEms is the smallest move of the pen inside a TJ array, in ems, that
// stands for a space between words. Kerning moves it by hundredths of an
// em; a word space is a quarter of one.
const wordGapEms = 0.2

// tjWordGaps returns the glyphs of page's Content().Text, by index, before
// which the page's content stream moves the pen by a word space inside a
// TJ array instead of drawing a space glyph. Some producers lay out
// justified text that way ("buscará" and "promover" as two strings of one
// array, 0.3 em apart); ledongthuc/pdf applies the move to the glyphs'
// positions but, looking glyph widths up by byte in fonts of two-byte codes,
// not to where a glyph seems to end, so the gap cannot be read from the
// positions. The glyphs are counted as Content emits them: each rune of
// each decoded string, and a newline after each TJ array. nil when the
// count does not come out as Content's (glyphs is its length) or the
// stream cannot be read.
func tjWordGaps(page pdf.Page, glyphs int) (gaps map[int]bool) {
	defer func() {
		if recover() != nil {
			gaps = nil // the page's glyphs are read anyway, without gaps
		}
	}()
	strm := page.V.Key("Contents")
	if strm.Kind() == pdf.Null {
		return nil
	}
	var enc pdf.TextEncoding
	count := func(s string) int {
		if enc != nil {
			s = enc.Decode(s)
		}
		return utf8.RuneCountInString(s)
	}
	n := 0
	gaps = map[int]bool{}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "Tf":
			if len(args) == 2 {
				f := page.Font(args[0].Name())
				enc = f.Encoder()
			}
		case "Tj", "'":
			if len(args) == 1 {
				n += count(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				n += count(args[2].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			gap := false
			for i := 0; i < args[0].Len(); i++ {
				x := args[0].Index(i)
				if x.Kind() != pdf.String {
					// Negative numbers move the pen to the right.
					if -x.Float64()/1000 >= wordGapEms {
						gap = true
					}
					continue
				}
				k := count(x.RawString())
				if gap && k > 0 && n > 0 {
					gaps[n] = true
				}
				gap = false
				n += k
			}
			n += count("\n")
		}
	})
	if n != glyphs {
		return nil
	}
	return gaps
}
