package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// A content stream is tokenised here rather than by the PDF library's
// pdf.Interpret, which panics on what it does not expect and so loses the
// whole page: the binary data of an inline image (the UN emblem a 1994
// resolution draws on its first page, as Acrobat Distiller 2.1 wrote it)
// holds stray ")" and ">" bytes ("unexpected delimiter"). Inline images
// are passed over; a stray delimiter is skipped.

// operand is one operand of a content-stream operator.
type operand struct {
	kind operandKind
	num  float64
	str  string    // a string's bytes; a name without its slash
	arr  []operand // an array's elements
}

type operandKind uint8

const (
	opNumber operandKind = iota
	opString
	opName
	opArray
	opOther // a dictionary, a boolean, null
)

// maxStreamBytes bounds the content read from one stream: a page's text
// takes kilobytes, a dense page with its drawings a few megabytes; more is
// a decompression bomb.
const maxStreamBytes = 8 << 20

// streamBytes returns the decoded bytes of a content stream, or of an
// array of streams joined by spaces. A stream that cannot be decoded (a
// corrupt Flate stream) is an error, with the bytes decoded before it.
func streamBytes(strm pdf.Value) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("el flujo de contenido no se puede leer (%v)", p)
		}
	}()
	if strm.Kind() == pdf.Array {
		var b bytes.Buffer
		for i := 0; i < strm.Len(); i++ {
			part, err := streamBytes(strm.Index(i))
			b.Write(part)
			b.WriteByte(' ')
			if err != nil {
				return b.Bytes(), err
			}
		}
		return b.Bytes(), nil
	}
	if strm.Kind() != pdf.Stream {
		return nil, nil
	}
	data, err = io.ReadAll(io.LimitReader(strm.Reader(), maxStreamBytes+1))
	if err != nil {
		return data, fmt.Errorf("el flujo de contenido no se puede decodificar (%v)", err)
	}
	if len(data) > maxStreamBytes {
		return data[:maxStreamBytes], errStreamTooLarge
	}
	return data, nil
}

// errStreamTooLarge is the error of a content stream larger than
// maxStreamBytes: no other reader is tried on it, pdftotext would spend its
// whole timeout on the same bomb.
var errStreamTooLarge = fmt.Errorf("el flujo de contenido pasa de %d MB", maxStreamBytes>>20)

// lexer reads the tokens of a content stream.
type lexer struct {
	b []byte
	i int
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// interpret calls do for each operator of the stream data with its
// operands.
func interpret(data []byte, do func(op string, args []operand)) {
	lx := &lexer{b: data}
	var args []operand
	for {
		t, op, ok := lx.next()
		if !ok {
			return
		}
		if op == "" {
			args = append(args, t)
			continue
		}
		if op == "BI" {
			lx.skipInlineImage()
			args = args[:0]
			continue
		}
		do(op, args)
		args = args[:0]
	}
}

// next returns the next operand, or the next operator's name; ok is false
// at the end of the data.
func (lx *lexer) next() (t operand, op string, ok bool) {
	for {
		lx.skipSpace()
		if lx.i >= len(lx.b) {
			return operand{}, "", false
		}
		c := lx.b[lx.i]
		switch {
		case c == '(':
			return operand{kind: opString, str: lx.literal()}, "", true
		case c == '<' && lx.peek(1) == '<':
			lx.i += 2
			lx.skipDict()
			return operand{kind: opOther}, "", true
		case c == '<':
			return operand{kind: opString, str: lx.hex()}, "", true
		case c == '/':
			lx.i++
			return operand{kind: opName, str: lx.word()}, "", true
		case c == '[':
			lx.i++
			var arr []operand
			for {
				lx.skipSpace()
				if lx.i >= len(lx.b) {
					return operand{kind: opArray, arr: arr}, "", true
				}
				if lx.b[lx.i] == ']' {
					lx.i++
					return operand{kind: opArray, arr: arr}, "", true
				}
				e, eop, eok := lx.next()
				if !eok {
					return operand{kind: opArray, arr: arr}, "", true
				}
				if eop == "" {
					arr = append(arr, e)
				}
			}
		case isPDFDelim(c):
			lx.i++ // a stray delimiter: ")", "]", ">", "{", "}"
			continue
		}
		w := lx.word()
		if f, err := strconv.ParseFloat(w, 64); err == nil {
			return operand{kind: opNumber, num: f}, "", true
		}
		switch w {
		case "true", "false", "null":
			return operand{kind: opOther}, "", true
		}
		return operand{}, w, true
	}
}

func (lx *lexer) peek(k int) byte {
	if lx.i+k < len(lx.b) {
		return lx.b[lx.i+k]
	}
	return 0
}

func (lx *lexer) skipSpace() {
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		if c == '%' {
			for lx.i < len(lx.b) && lx.b[lx.i] != '\n' && lx.b[lx.i] != '\r' {
				lx.i++
			}
			continue
		}
		if !isPDFSpace(c) {
			return
		}
		lx.i++
	}
}

// word reads a run of regular characters.
func (lx *lexer) word() string {
	start := lx.i
	for lx.i < len(lx.b) && !isPDFSpace(lx.b[lx.i]) && !isPDFDelim(lx.b[lx.i]) {
		lx.i++
	}
	if lx.i == start && lx.i < len(lx.b) {
		lx.i++ // never stand still
	}
	return string(lx.b[start:lx.i])
}

// literal reads a string in parentheses, with its escapes.
func (lx *lexer) literal() string {
	lx.i++ // (
	var out []byte
	depth := 1
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		lx.i++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(out)
			}
		case '\\':
			if lx.i >= len(lx.b) {
				return string(out)
			}
			e := lx.b[lx.i]
			lx.i++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if lx.i < len(lx.b) && lx.b[lx.i] == '\n' {
					lx.i++
				}
				continue // a line continued
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && lx.i < len(lx.b) && lx.b[lx.i] >= '0' && lx.b[lx.i] <= '7'; k++ {
						v = v*8 + int(lx.b[lx.i]-'0')
						lx.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// hex reads a string in angle brackets.
func (lx *lexer) hex() string {
	lx.i++ // <
	var out []byte
	hi, half := byte(0), false
	for lx.i < len(lx.b) {
		c := lx.b[lx.i]
		lx.i++
		var v byte
		switch {
		case c == '>':
			if half {
				out = append(out, hi<<4)
			}
			return string(out)
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return string(out)
}

// skipDict passes over a dictionary after its "<<", nested ones included.
func (lx *lexer) skipDict() {
	for depth := 1; lx.i < len(lx.b) && depth > 0; {
		lx.skipSpace()
		switch {
		case lx.i >= len(lx.b):
			return
		case lx.b[lx.i] == '>' && lx.peek(1) == '>':
			lx.i += 2
			depth--
		case lx.b[lx.i] == '<' && lx.peek(1) == '<':
			lx.i += 2
			depth++
		case lx.b[lx.i] == '(':
			lx.literal()
		case lx.b[lx.i] == '<':
			lx.hex()
		default:
			lx.i++
		}
	}
}

// skipInlineImage passes over an inline image after its "BI": its
// parameters up to "ID", then its data up to "EI" between white space.
func (lx *lexer) skipInlineImage() {
	for {
		_, op, ok := lx.next()
		if !ok {
			return
		}
		if op == "ID" {
			break
		}
	}
	if lx.i < len(lx.b) {
		lx.i++ // the one white-space byte after ID
	}
	for j := lx.i; j+1 < len(lx.b); j++ {
		if lx.b[j] == 'E' && lx.b[j+1] == 'I' && (j == 0 || isPDFSpace(lx.b[j-1])) && (j+2 >= len(lx.b) || isPDFSpace(lx.b[j+2]) || isPDFDelim(lx.b[j+2])) {
			lx.i = j + 2
			return
		}
	}
	lx.i = len(lx.b)
}
