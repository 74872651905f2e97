package ingest

import (
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// wordGapEms is the smallest move of the pen inside a TJ array, in ems, that
// stands for a space between words. Kerning moves it by hundredths of an
// em; a word space is a quarter of one.
const wordGapEms = 0.2

// notSpaceEms is the advance, in ems, under which a space glyph is no word
// space: word and character spacing have pulled the next glyph back onto
// it.
const notSpaceEms = 0.08

// glyphMark says what the content stream shows about one glyph of a page's
// Content().Text that its position alone does not.
type glyphMark uint8

const (
	// gapBefore: the pen moved by a word space before the glyph without a
	// space glyph being drawn.
	gapBefore glyphMark = 1 + iota
	// notDrawn: the glyph is a space glyph that word spacing (Tw) and
	// character spacing (Tc) bring to nothing (Ghostscript kerns "iv" and
	// "e" of "nivel" apart by a space under -2.365 Tw), or the newline
	// ledongthuc/pdf emits after each TJ array, decoded through the font's
	// encoding: a font whose Differences give code 10 a glyph (gropdf's
	// do) made it "…" or an accent in the middle of a word.
	notDrawn
)

// glyphInfo is what the content stream says about one glyph.
type glyphInfo struct {
	mark glyphMark
	// runStart: the glyph opens a text-showing operation (Tj, TJ, ', ")
	// of one-byte codes after another of one-byte codes, so that the gap
	// between them can be read from their positions.
	runStart bool
	// shift is how far, in ems of the glyph's font size, the library
	// placed the glyph left of where it is drawn: it ignores Tw, which
	// widens each space glyph of the line before it.
	shift float64
}

// defaultSpaceWidth is the width, in thousandths of an em, taken for a
// space glyph whose font gives none.
const defaultSpaceWidth = 250

// tjWordGaps describes the glyphs of page's Content().Text, by index, with
// what the positions the library computes do not show. Producers lay out
// justified text in ways those positions miss:
//
//   - a move inside a TJ array ("buscará" and "promover" as two strings
//     of one array, 0.3 em apart); ledongthuc/pdf applies the move to the
//     glyphs' positions but, looking glyph widths up by byte in fonts of
//     two-byte codes, not to where a glyph seems to end;
//   - character spacing (Tc) wide enough to be a word space, between the
//     glyphs of one string: Ghostscript writes groff's "e el E" as the
//     string "ee" under 2.75 Tc, then "lE" pulled back by the kerning;
//   - word spacing (Tw), which the library does not apply: it widens a
//     space glyph, which is read as a space anyway, and moves what follows
//     on the line (glyphInfo.shift); or it narrows a space glyph to
//     nothing, when it is no space but kerning (marked notDrawn);
//   - a new text-showing operation placed by Td after a word gap ("de"
//     … 319.806 0 Td (trato …)): glyphInfo.runStart.
//
// The glyphs are counted as Content emits them: each rune of each decoded
// string, and a decoded newline after each TJ array. nil when the count
// does not come out as Content's (glyphs is its length) or the stream
// cannot be read.
func tjWordGaps(page pdf.Page, glyphs int) (info []glyphInfo) {
	defer func() {
		if recover() != nil {
			info = nil // the page's glyphs are read anyway, without marks
		}
	}()
	strm := page.V.Key("Contents")
	if strm.Kind() == pdf.Null {
		return nil
	}
	var enc pdf.TextEncoding
	decode := func(s string) string {
		if enc != nil {
			s = enc.Decode(s)
		}
		return s
	}
	info = make([]glyphInfo, 0, glyphs)
	tc, tw, tfs := 0.0, 0.0, 1.0 // character and word spacing, font size
	spaceWidth := 0.0            // of the current font's code 32, in thousandths of an em
	shift := 0.0                 // ems of Tw the line's spaces have added so far
	lastOneByte := false         // the operation before showed one-byte codes
	var prev rune
	// show adds the glyphs of one string; move is the pen's move, in text
	// space units, since the glyph before it in the same text run
	// (follows false when there is none); start marks an operation's
	// first string.
	show := func(raw string, move float64, follows, start bool) {
		text := decode(raw)
		oneByte := len(raw) == utf8.RuneCountInString(text)
		for _, r := range text {
			g := glyphInfo{shift: shift, runStart: start && oneByte && lastOneByte}
			start = false
			switch {
			case r == ' ' && oneByte && spaceWidth/1000*tfs+tc+tw < notSpaceEms*tfs:
				g.mark = notDrawn
				r = 0
			case follows && len(info) > 0 && tc+move >= wordGapEms*tfs && r != ' ' && prev != ' ':
				g.mark = gapBefore
			}
			if r == ' ' && oneByte {
				shift += tw / tfs
			}
			info = append(info, g)
			prev, follows, move = r, true, 0
		}
		if text != "" {
			lastOneByte = oneByte
		}
	}
	pdf.Interpret(strm, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BT", "Td", "TD", "Tm", "T*":
			shift = 0 // the pen is placed anew
		case "Tf":
			if len(args) == 2 {
				font := page.Font(args[0].Name())
				enc = font.Encoder()
				spaceWidth = font.Width(32)
				if spaceWidth <= 0 {
					// No width for the space (a standard font without
					// /Widths: the library knows none of its widths):
					// take a usual one (Times 250, Helvetica 278), so
					// that a space glyph stays a space.
					spaceWidth = defaultSpaceWidth
				}
				if size := args[1].Float64(); size > 0 {
					tfs = size
				}
			}
		case "Tc":
			if len(args) == 1 {
				tc = args[0].Float64()
			}
		case "Tw":
			if len(args) == 1 {
				tw = args[0].Float64()
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString(), 0, false, true)
			}
		case "'":
			if len(args) == 1 {
				shift = 0
				show(args[0].RawString(), 0, false, true)
			}
		case "\"":
			if len(args) == 3 {
				tw, tc, shift = args[0].Float64(), args[1].Float64(), 0
				show(args[2].RawString(), 0, false, true)
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			move, follows, start := 0.0, false, true
			for i := 0; i < args[0].Len(); i++ {
				x := args[0].Index(i)
				if x.Kind() != pdf.String {
					// Negative numbers move the pen to the right, in
					// thousandths of an em.
					move += -x.Float64() / 1000 * tfs
					continue
				}
				before := len(info)
				show(x.RawString(), move, follows, start)
				if len(info) > before {
					move, follows, start = 0, true, false
				}
			}
			for range decode("\n") {
				info = append(info, glyphInfo{mark: notDrawn, shift: shift})
			}
		}
	})
	if len(info) != glyphs {
		return nil
	}
	return info
}
