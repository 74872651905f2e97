package ingest

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// A page's text is read here from its content stream, not through the
// PDF library's Page.Content: that call places each glyph by a width looked
// up by byte (so that in a font of two-byte codes, a CID font, every glyph
// has width 0 and its end is unknown), leaves out word spacing (Tw), never
// enters form XObjects (a footer drawn as a form is lost), and decodes a
// simple font with /Encoding /Differences by reading every code not in
// the Differences as Latin-1 (StandardEncoding's "ª", code 0xE3, became
// "ã"; its "º", 0xEB, "ë") and ignores /ToUnicode whenever the font has an
// /Encoding. The library is still used to parse the file, its objects and
// the tokens of content streams (pdf.Interpret).

// glyph is one character drawn on a page, in the page's space (points,
// origin at the bottom left).
type glyph struct {
	s    string  // its text: a rune, or several for a ligature mapped by /ToUnicode
	x, y float64 // origin on the baseline
	// w is the glyph's own width along the baseline, without character
	// and word spacing; 0 when the font gives none (known false).
	w     float64
	adv   float64 // how far the pen moved after it: width, Tc and Tw
	known bool    // the font gives this glyph's width
	size  float64 // font size on the page
	space bool    // a space glyph
	// opStart marks the first glyph of a text-showing operation; move is
	// the pen's move, in ems, between the glyph before it in the same
	// operation and this one beyond that glyph's width (TJ numbers and
	// Tc): what shows a word gap in a font whose widths are unknown.
	opStart bool
	move    float64
	// rotated marks a glyph whose baseline is not horizontal; dir is the
	// direction of its baseline in quarter turns counterclockwise (0:
	// left to right, 1: up the page, 2: upside down, 3: down the page),
	// -1 at another angle.
	rotated bool
	dir     int8
	// annot numbers the annotation whose appearance drew the glyph (a
	// signature stamp), from 1; 0 for the page's own content.
	annot int
}

// maxFormDepth bounds the nesting of form XObjects read.
const maxFormDepth = 8

// maxPageGlyphs bounds the glyphs read from one page: a dense page has
// some thousands; a form drawn again and again, hundreds of thousands.
const maxPageGlyphs = 200_000

// errTooManyGlyphs ends the reading of a page that draws more glyphs than
// maxPageGlyphs.
var errTooManyGlyphs = fmt.Errorf("la página dibuja más de %d caracteres", maxPageGlyphs)

// matrix is a PDF transformation matrix [a b c d e f] as a 3×3 matrix.
type matrix [3][3]float64

var identity = matrix{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}

func (m matrix) mul(n matrix) matrix {
	var out matrix
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				out[i][j] += m[i][k] * n[k][j]
			}
		}
	}
	return out
}

func translate(tx, ty float64) matrix { return matrix{{1, 0, 0}, {0, 1, 0}, {tx, ty, 1}} }

func matrixOf(v pdf.Value) (matrix, bool) {
	if v.Kind() != pdf.Array || v.Len() != 6 {
		return identity, false
	}
	var m matrix
	for i := range 6 {
		m[i/2][i%2] = v.Index(i).Float64()
	}
	m[2][2] = 1
	return m, true
}

// textState is the part of the graphics state that text operators use.
type textState struct {
	ctm                matrix
	tc, tw, th, tl, ts float64
	font               *pdfFont
	size               float64
}

// pageReader reads the glyphs of one page.
type pageReader struct {
	glyphs []glyph
	annot  int // the annotation being read, from 1
	// drawn counts the character codes the page's text operations show,
	// whether or not they decode to text.
	drawn int
	fonts map[pdf.Value]*pdfFont
}

// pageGlyphs reads the glyphs page draws, in content-stream order, its
// forms' glyphs where the forms are drawn. drawn counts the character
// codes shown. A stream the library cannot tokenise ends the reading with
// an error; the glyphs read before it are returned with it.
func pageGlyphs(page pdf.Page) (glyphs []glyph, drawn int, err error) {
	r := &pageReader{}
	defer func() {
		if p := recover(); p != nil {
			glyphs, drawn, err = r.glyphs, r.drawn, fmt.Errorf("%v", p)
			if e, ok := p.(error); ok && errors.Is(e, errTooManyGlyphs) {
				err = e
			}
		}
	}()
	strm := page.V.Key("Contents")
	if strm.Kind() == pdf.Null {
		return nil, 0, nil
	}
	if err := r.run(strm, page.Resources(), identity, 0); err != nil {
		return r.glyphs, r.drawn, err
	}
	r.annotations(page)
	return r.glyphs, r.drawn, nil
}

// annotations reads the text of the annotations a reader shows on the
// page (a digital-signature stamp, a form field, a text box): each one's
// normal appearance, a form drawn in the annotation's rectangle. Links,
// pop-ups and hidden annotations show no text.
func (r *pageReader) annotations(page pdf.Page) {
	annots := page.V.Key("Annots")
	for i := 0; i < annots.Len() && i < 1000; i++ {
		a := annots.Index(i)
		switch a.Key("Subtype").Name() {
		case "Link", "Popup":
			continue
		}
		if f := a.Key("F").Int64(); f&2 != 0 || f&32 != 0 {
			continue // hidden, or not shown on screen
		}
		ap := a.Key("AP").Key("N")
		if ap.Kind() == pdf.Dict && ap.Key("BBox").IsNull() {
			ap = ap.Key(a.Key("AS").Name()) // an appearance per state
		}
		if ap.Kind() != pdf.Stream {
			continue
		}
		m, ok := matrixOf(ap.Key("Matrix"))
		if !ok {
			m = identity
		}
		rect, bbox := a.Key("Rect"), ap.Key("BBox")
		if rect.Len() != 4 || bbox.Len() != 4 {
			continue
		}
		// The appearance's box, transformed by its matrix, is fitted to
		// the annotation's rectangle.
		x0, y0 := applyPoint(m, bbox.Index(0).Float64(), bbox.Index(1).Float64())
		x1, y1 := applyPoint(m, bbox.Index(2).Float64(), bbox.Index(3).Float64())
		bx0, bx1, by0, by1 := min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
		rx0, rx1 := min(rect.Index(0).Float64(), rect.Index(2).Float64()), max(rect.Index(0).Float64(), rect.Index(2).Float64())
		ry0, ry1 := min(rect.Index(1).Float64(), rect.Index(3).Float64()), max(rect.Index(1).Float64(), rect.Index(3).Float64())
		if bx1-bx0 <= 0 || by1-by0 <= 0 {
			continue
		}
		sx, sy := (rx1-rx0)/(bx1-bx0), (ry1-ry0)/(by1-by0)
		fit := matrix{{sx, 0, 0}, {0, sy, 0}, {rx0 - bx0*sx, ry0 - by0*sy, 1}}
		res := ap.Key("Resources")
		if res.Kind() != pdf.Dict {
			res = page.Resources()
		}
		r.annot++
		r.run(ap, res, m.mul(fit), 1)
	}
	r.annot = 0
}

// applyPoint transforms the point (x, y) by m.
func applyPoint(m matrix, x, y float64) (float64, float64) {
	return x*m[0][0] + y*m[1][0] + m[2][0], x*m[0][1] + y*m[1][1] + m[2][1]
}

// run interprets one content stream (a page's, or a form's) with the
// given resources, starting from ctm.
func (r *pageReader) run(strm, res pdf.Value, ctm matrix, depth int) error {
	data, err := streamBytes(strm)
	g := textState{ctm: ctm, th: 1}
	var stack []textState
	var tm, tlm matrix
	fonts := map[string]*pdfFont{}
	opStart := false
	// show draws a string of codes; move is the pen's move since the last
	// glyph of the same operation (TJ numbers), in text space units.
	show := func(raw string, move float64) {
		f := g.font
		if f == nil {
			f = noFont
		}
		for _, c := range f.codes(raw) {
			r.drawn++
			if r.drawn > maxPageGlyphs {
				panic(errTooManyGlyphs)
			}
			text := f.decode(c)
			w0, known := f.width(c, text)
			tx := (w0*g.size + g.tc) * g.th
			if c.oneByte && c.code == 32 {
				tx += g.tw * g.th
			}
			trm := matrix{{g.size * g.th, 0, 0}, {0, g.size, 0}, {0, g.ts, 1}}.mul(tm).mul(g.ctm)
			end := translate(tx, 0).mul(tm).mul(g.ctm)
			wEnd := translate(w0*g.size*g.th, 0).mul(tm).mul(g.ctm)
			x, y := trm[2][0], trm[2][1]
			size := math.Hypot(trm[1][0], trm[1][1])
			horiz := math.Hypot(trm[0][0], trm[0][1])
			ux, uy := 1.0, 0.0 // the baseline's direction
			if horiz > 0 {
				ux, uy = trm[0][0]/horiz, trm[0][1]/horiz
			}
			origin := tm.mul(g.ctm)
			gl := glyph{
				s: text, x: x, y: y, size: size, known: known,
				w:       math.Hypot(wEnd[2][0]-origin[2][0], wEnd[2][1]-origin[2][1]),
				adv:     (end[2][0]-origin[2][0])*ux + (end[2][1]-origin[2][1])*uy,
				space:   text == " " || text == "\u00a0",
				opStart: opStart,
				annot:   r.annot,
				rotated: horiz > 0 && math.Abs(trm[0][1]) > 0.1*horiz || trm[0][0] < 0,
				dir:     quarterTurns(ux, uy),
			}
			if !opStart && g.size > 0 {
				gl.move = (move + g.tc) / g.size
			}
			r.glyphs = append(r.glyphs, gl)
			opStart, move = false, 0
			tm = translate(tx, 0).mul(tm)
		}
	}
	interpret(data, func(op string, args []operand) {
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].num
			}
			return 0
		}
		switch op {
		case "q":
			stack = append(stack, g)
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			if m, ok := matrixArgs(args); ok {
				g.ctm = m.mul(g.ctm)
			}
		case "BT":
			tm, tlm = identity, identity
		case "Tm":
			if m, ok := matrixArgs(args); ok {
				tm, tlm = m, m
			}
		case "Td", "TD":
			if op == "TD" {
				g.tl = -num(1)
			}
			tlm = translate(num(0), num(1)).mul(tlm)
			tm = tlm
		case "T*":
			tlm = translate(0, -g.tl).mul(tlm)
			tm = tlm
		case "TL":
			g.tl = num(0)
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "Ts":
			g.ts = num(0)
		case "Tf":
			if len(args) == 2 {
				name := args[0].str
				f, ok := fonts[name]
				if !ok {
					f = r.font(res.Key("Font").Key(name))
					fonts[name] = f
				}
				g.font, g.size = f, args[1].num
			}
		case "Tj":
			if len(args) == 1 {
				opStart = true
				show(args[0].str, 0)
			}
		case "'", "\"":
			if op == "\"" && len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				args = args[2:]
			}
			tlm = translate(0, -g.tl).mul(tlm)
			tm = tlm
			if len(args) == 1 {
				opStart = true
				show(args[0].str, 0)
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			opStart = true
			move := 0.0
			for _, x := range args[0].arr {
				switch x.kind {
				case opString:
					before := len(r.glyphs)
					show(x.str, move)
					if len(r.glyphs) > before {
						move = 0
					}
				case opNumber:
					// Negative numbers move the pen to the right, in
					// thousandths of an em.
					d := -x.num / 1000 * g.size
					move += d
					tm = translate(d*g.th, 0).mul(tm)
				}
			}
		case "Do":
			if len(args) == 1 && depth < maxFormDepth {
				xo := res.Key("XObject").Key(args[0].str)
				if xo.Key("Subtype").Name() == "Form" {
					m, ok := matrixOf(xo.Key("Matrix"))
					if !ok {
						m = identity
					}
					fres := xo.Key("Resources")
					if fres.Kind() != pdf.Dict {
						fres = res
					}
					r.run(xo, fres, m.mul(g.ctm), depth+1) // a form that fails loses its own text only
				}
			}
		}
	})
	return err
}

// quarterTurns returns the direction (ux, uy) in quarter turns
// counterclockwise from left to right, 0 to 3, or -1 when it is more than
// about 6° from any.
func quarterTurns(ux, uy float64) int8 {
	switch {
	case ux > 0.995:
		return 0
	case uy > 0.995:
		return 1
	case ux < -0.995:
		return 2
	case uy < -0.995:
		return 3
	}
	return -1
}

// upright turns a page whose text runs mostly at a right angle (a
// landscape page drawn on a portrait one, as a2ps prints two pages on a
// sheet) so that its text runs left to right: the glyphs are placed in
// the frame their baselines give, and those of other directions count as
// rotated there. A page mostly of horizontal text is left as it is (its
// rotated glyphs, a margin's vertical note, are passed over).
func upright(glyphs []glyph) {
	var n [4]int
	for _, g := range glyphs {
		if g.dir >= 0 && !g.space {
			n[g.dir]++
		}
	}
	dom := 0
	for d := 1; d < 4; d++ {
		if n[d] > n[dom] {
			dom = d
		}
	}
	if dom == 0 {
		return
	}
	for i := range glyphs {
		g := &glyphs[i]
		switch dom {
		case 1: // up the page: turn a quarter clockwise
			g.x, g.y = g.y, -g.x
		case 2:
			g.x, g.y = -g.x, -g.y
		case 3: // down the page: turn a quarter counterclockwise
			g.x, g.y = -g.y, g.x
		}
		g.rotated = g.dir != int8(dom)
		if g.dir >= 0 {
			g.dir = (g.dir - int8(dom) + 4) % 4
		}
	}
}

// matrixArgs reads the six operands of cm or Tm.
func matrixArgs(args []operand) (matrix, bool) {
	if len(args) != 6 {
		return identity, false
	}
	var m matrix
	for i := range 6 {
		m[i/2][i%2] = args[i].num
	}
	m[2][2] = 1
	return m, true
}

// charCode is one character code of a shown string.
type charCode struct {
	code    int
	raw     string // its bytes
	oneByte bool
}

// pdfFont is what reading text needs from a font: how its strings split
// into codes, what text each code stands for, and its widths.
type pdfFont struct {
	twoByte bool
	lib     pdf.Font // the library's font, for the decodings it gets right
	enc     pdf.TextEncoding
	// toUnicode maps codes to text from the font's /ToUnicode CMap.
	toUnicode map[int]string
	// base gives the text of one-byte codes the library misreads: those
	// outside /Differences, by the base encoding.
	base *[256]rune
	// differences marks the codes /Differences names.
	differences map[int]bool
	// widths: a simple font's /Widths from first, or a CID font's /W;
	// dw the width of any other code (0: unknown).
	first  int
	widths []float64
	cidW   map[int]float64
	dw     float64
	scale  float64 // glyph space to text space (1/1000, or a Type3 font's matrix)
	// std names the standard font a simple font without /Widths is
	// (see standardFont), whose widths are known.
	std string
}

// noFont stands for a font the page does not define: codes are read as
// bytes, without widths.
var noFont = &pdfFont{scale: 0.001}

func (f *pdfFont) codes(raw string) []charCode {
	var out []charCode
	if f.twoByte {
		for i := 0; i+1 < len(raw); i += 2 {
			out = append(out, charCode{code: int(raw[i])<<8 | int(raw[i+1]), raw: raw[i : i+2]})
		}
		return out
	}
	for i := 0; i < len(raw); i++ {
		out = append(out, charCode{code: int(raw[i]), raw: raw[i : i+1], oneByte: true})
	}
	return out
}

func (f *pdfFont) decode(c charCode) string {
	if s, ok := f.toUnicode[c.code]; ok {
		return s
	}
	if c.oneByte && f.base != nil && !f.differences[c.code] {
		if r := f.base[c.code]; r != 0 {
			return string(r)
		}
		return ""
	}
	if f.enc != nil {
		return f.enc.Decode(c.raw)
	}
	if c.oneByte {
		return string(rune(c.code))
	}
	return ""
}

// width returns the width of code in text space units per unit of font
// size, and whether the font gives it.
func (f *pdfFont) width(c charCode, text string) (float64, bool) {
	if f.twoByte {
		if w, ok := f.cidW[c.code]; ok {
			return w * f.scale, true
		}
		return f.dw * f.scale, f.dw > 0
	}
	if i := c.code - f.first; i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
		return f.widths[i] * f.scale, true
	}
	if f.std != "" && len(f.widths) == 0 {
		if w, ok := stdWidth(f.std, text); ok {
			return w * f.scale, true
		}
	}
	return f.dw * f.scale, f.dw > 0
}

// font reads a font dictionary.
func (r *pageReader) font(v pdf.Value) *pdfFont {
	if v.Kind() != pdf.Dict {
		return noFont
	}
	lib := pdf.Font{V: v}
	f := &pdfFont{lib: lib, scale: 0.001, enc: lib.Encoder()}
	if tu := v.Key("ToUnicode"); tu.Kind() == pdf.Stream {
		f.toUnicode = readToUnicode(tu)
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.twoByte = true
		d := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if dw := d.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.cidW = cidWidths(d.Key("W"))
		return f
	case "Type3":
		if m, ok := matrixOf(v.Key("FontMatrix")); ok && m[0][0] > 0 {
			f.scale = m[0][0]
		}
	}
	f.first = int(v.Key("FirstChar").Int64())
	f.std = standardFont(v.Key("BaseFont").Name())
	ws := v.Key("Widths")
	for i := 0; i < ws.Len(); i++ {
		f.widths = append(f.widths, ws.Index(i).Float64())
	}
	if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == pdf.Integer || mw.Kind() == pdf.Real {
		f.dw = mw.Float64()
	}
	enc := v.Key("Encoding")
	switch enc.Kind() {
	case pdf.Name:
		if enc.Name() == "StandardEncoding" {
			f.base = &standardEncoding
		}
	case pdf.Dict:
		f.differences = map[int]bool{}
		diffs := enc.Key("Differences")
		n := -1
		for i := 0; i < diffs.Len(); i++ {
			x := diffs.Index(i)
			if x.Kind() == pdf.Integer {
				n = int(x.Int64())
				continue
			}
			if n >= 0 {
				f.differences[n] = true
				n++
			}
		}
		switch enc.Key("BaseEncoding").Name() {
		case "WinAnsiEncoding":
			f.base = &winAnsiEncoding
		case "MacRomanEncoding":
			f.base = &macRomanEncoding
		case "StandardEncoding":
			f.base = &standardEncoding
		case "":
			// The font's built-in encoding: StandardEncoding for a
			// text font; a symbolic font's codes are its own.
			if v.Key("FontDescriptor").Key("Flags").Int64()&4 == 0 {
				f.base = &standardEncoding
			}
		}
	}
	return f
}

// cidWidths reads a CID font's /W array: "c [w1 w2 …]" gives the widths
// of c, c+1, …; "c1 c2 w" gives all of c1…c2 the width w.
func cidWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	for i := 0; i < w.Len(); {
		c := int(w.Index(i).Int64())
		if i+1 >= w.Len() {
			break
		}
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := 0; j < next.Len() && j < 1<<16; j++ {
				out[c+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= w.Len() {
			break
		}
		last, width := int(next.Int64()), w.Index(i+2).Float64()
		for k := c; k <= last && k-c < 1<<16; k++ {
			out[k] = width
		}
		i += 3
	}
	return out
}

// readToUnicode reads a /ToUnicode CMap: its bfchar and bfrange mappings
// of codes to UTF-16BE text. The CMap is tokenised here (hex strings,
// arrays, numbers, names and operators are all a CMap holds): the PDF
// library's PostScript interpreter stops at the dictionary operators a
// CMap begins with. A CMap that cannot be read gives no mappings.
func readToUnicode(strm pdf.Value) (m map[int]string) {
	m = map[int]string{}
	defer func() {
		if recover() != nil {
			m = map[int]string{}
		}
	}()
	data, err := io.ReadAll(io.LimitReader(strm.Reader(), 4<<20))
	if err != nil && len(data) == 0 {
		return m
	}
	var operands []cmapToken
	for _, t := range cmapTokens(data) {
		if t.kind != cmapOp {
			operands = append(operands, t)
			continue
		}
		switch t.text {
		case "endbfchar":
			for i := 0; i+1 < len(operands); i += 2 {
				if operands[i].kind == cmapHex && operands[i+1].kind == cmapHex {
					m[codeOf(operands[i].text)] = utf16Text(operands[i+1].text)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(operands); {
				lo, hi, dst := operands[i], operands[i+1], operands[i+2]
				i += 3
				if lo.kind != cmapHex || hi.kind != cmapHex {
					continue
				}
				a, b := codeOf(lo.text), codeOf(hi.text)
				if b < a || b-a > 1<<16 {
					continue
				}
				if dst.kind == cmapArrayStart {
					j := i
					for ; j < len(operands) && operands[j].kind == cmapHex; j++ {
						if c := a + j - i; c <= b {
							m[c] = utf16Text(operands[j].text)
						}
					}
					i = j + 1 // past "]"
					continue
				}
				base := []rune(utf16Text(dst.text))
				if dst.kind != cmapHex || len(base) == 0 {
					continue
				}
				for c := a; c <= b; c++ {
					out := slices.Clone(base)
					out[len(out)-1] += rune(c - a)
					m[c] = string(out)
				}
			}
		}
		operands = operands[:0]
	}
	return m
}

type cmapKind uint8

const (
	cmapOp cmapKind = iota
	cmapHex
	cmapOther // a number, a name, a literal string
	cmapArrayStart
	cmapArrayEnd
)

type cmapToken struct {
	kind cmapKind
	text string // an operator's name; a hex string's bytes
}

// cmapTokens splits a CMap into tokens. Dictionaries "<< >>" are passed
// over.
func cmapTokens(b []byte) []cmapToken {
	var out []cmapToken
	isDelim := func(c byte) bool { return strings.IndexByte("()<>[]{}/% \t\r\n\f\x00", c) >= 0 }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0:
			i++
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			i += 2
		case c == '<':
			j := bytes.IndexByte(b[i:], '>')
			if j < 0 {
				return out
			}
			h := strings.Map(func(r rune) rune {
				if strings.ContainsRune("0123456789abcdefABCDEF", r) {
					return r
				}
				return -1
			}, string(b[i+1:i+j]))
			if len(h)%2 == 1 {
				h += "0"
			}
			raw, _ := hex.DecodeString(h)
			out = append(out, cmapToken{cmapHex, string(raw)})
			i += j + 1
		case c == '[':
			out = append(out, cmapToken{kind: cmapArrayStart})
			i++
		case c == ']':
			out = append(out, cmapToken{kind: cmapArrayEnd})
			i++
		case c == '(':
			depth := 0
			for ; i < len(b); i++ {
				if b[i] == '\\' {
					i++
					continue
				}
				if b[i] == '(' {
					depth++
				} else if b[i] == ')' {
					if depth--; depth == 0 {
						i++
						break
					}
				}
			}
			out = append(out, cmapToken{kind: cmapOther})
		default:
			j := i + 1
			for j < len(b) && !isDelim(b[j]) {
				j++
			}
			word := string(b[i:j])
			kind := cmapOther
			if c != '/' && (c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != '{' && c != '}' && c != ')' {
				kind = cmapOp
			}
			out = append(out, cmapToken{kind, word})
			i = j
		}
	}
	return out
}

func codeOf(s string) int {
	c := 0
	for i := 0; i < len(s); i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

// utf16Text decodes a CMap destination, UTF-16BE; a NUL is no text.
func utf16Text(s string) string {
	if len(s) == 1 {
		return string(rune(s[0]))
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	out := string(utf16.Decode(u))
	if out == "\x00" || !utf8.ValidString(out) {
		return ""
	}
	return out
}
