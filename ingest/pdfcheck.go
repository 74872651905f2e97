package ingest

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"strconv"
)

// The PDF library sizes some of its buffers from numbers the file
// declares: the object numbers of a cross-reference section, an xref
// stream's /Size, /Index and /W, a predictor's /Columns. A number mutated
// by damage (or by a fuzzer) makes it ask for terabytes, and Go cannot
// recover from an allocation that fails: the whole process, and with it a
// batch of thousands of files, dies ("fatal error: runtime: out of
// memory"). checkDeclaredSizes reads those numbers first and refuses a
// file that declares more than any PDF can hold.

// maxPDFObjects is the most indirect objects a PDF may have (PDF 1.7,
// ISO 32000-1, annex C, "implementation limits": 8,388,607); the library's
// table of them then takes about 270 MB at most.
const maxPDFObjects = 8_388_607

// maxXrefWidth bounds the bytes of one xref stream entry (the sum of /W;
// real files use 1–4 a field, 3 fields).
const maxXrefWidth = 64

// maxColumns bounds a predictor's /Columns (bytes a row): the library
// allocates two rows.
const maxColumns = 1 << 24

var (
	xrefKeyword = regexp.MustCompile(`(?:^|[^A-Za-z])xref\b`)
	xrefStream  = regexp.MustCompile(`/Type[\x00\t\n\f\r ]*/XRef\b`)
	sizeEntry   = regexp.MustCompile(`/Size[\x00\t\n\f\r ]*([0-9]+)`)
	indexEntry  = regexp.MustCompile(`/Index[\x00\t\n\f\r ]*\[([^\]]*)\]`)
	wEntry      = regexp.MustCompile(`/W[\x00\t\n\f\r ]*\[([^\]]*)\]`)
	colsEntry   = regexp.MustCompile(`/Columns[\x00\t\n\f\r ]*([0-9]+)(?:[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+R\b)?`)
)

// checkDeclaredSizes returns an error naming the first number data
// declares that would make the PDF library allocate more than a PDF can
// need, or nil.
func checkDeclaredSizes(data []byte) error {
	raw := data
	data = decodeNames(data)
	for _, loc := range xrefKeyword.FindAllIndex(data, -1) {
		if err := checkXrefSection(data[loc[1]:]); err != nil {
			return err
		}
	}
	for _, loc := range xrefStream.FindAllIndex(data, -1) {
		if err := checkXrefStream(xrefStreamDict(data, loc[0], loc[1])); err != nil {
			return err
		}
	}
	objs := &numberObjects{data: data}
	for _, m := range colsEntry.FindAllSubmatch(data, -1) {
		n, ok := declared(m[1])
		if len(m[2]) > 0 {
			// "/Columns 6 0 R": the number is object 6's.
			v, found := objs.resolve(m[1], m[2])
			if !found {
				continue // not a plain number: the library takes 0
			}
			n = v
			m[1] = []byte(strconv.FormatInt(v, 10))
		}
		if !ok || n > maxColumns {
			return fmt.Errorf("PDF dañado (/Columns %s pasa de %d bytes)", short(m[1]), maxColumns)
		}
	}
	return checkStructure(raw)
}

// xrefStreamDict returns the dictionary around data[start:end], the
// "/Type /XRef" of a cross-reference stream: from the "obj" before it to
// the "stream" after it (a font's /W widths, elsewhere in the file, are
// no business of this check).
func xrefStreamDict(data []byte, start, end int) []byte {
	from := bytes.LastIndex(data[max(0, start-4096):start], []byte("obj"))
	if from < 0 {
		from = 0
	}
	from += max(0, start-4096)
	to := bytes.Index(data[end:min(len(data), end+4096)], []byte("stream"))
	if to < 0 {
		to = min(len(data), end+4096) - end
	}
	return data[from : end+to]
}

// checkXrefStream checks the /Size, /Index and /W of a cross-reference
// stream's dictionary.
func checkXrefStream(data []byte) error {
	for _, m := range sizeEntry.FindAllSubmatch(data, -1) {
		if n, ok := declared(m[1]); !ok || n > maxPDFObjects {
			return fmt.Errorf("PDF dañado (/Size %s declara más objetos de los que un PDF puede tener, %d)", short(m[1]), maxPDFObjects)
		}
	}
	for _, m := range indexEntry.FindAllSubmatch(data, -1) {
		ns := bytes.Fields(m[1])
		for i := 0; i+1 < len(ns); i += 2 {
			start, ok1 := declared(ns[i])
			n, ok2 := declared(ns[i+1])
			if !ok1 || !ok2 || start > maxPDFObjects || n > maxPDFObjects || start+n > maxPDFObjects {
				return fmt.Errorf("PDF dañado (/Index [%s %s] numera objetos más allá de los que un PDF puede tener, %d)", short(ns[i]), short(ns[i+1]), maxPDFObjects)
			}
		}
	}
	for _, m := range wEntry.FindAllSubmatch(data, -1) {
		sum := int64(0)
		for _, f := range bytes.Fields(m[1]) {
			n, ok := declared(f)
			if !ok || n > maxXrefWidth {
				sum = maxXrefWidth + 1
				break
			}
			sum += n
		}
		if sum > maxXrefWidth {
			return fmt.Errorf("PDF dañado (/W [%s] hace una entrada de referencias cruzadas de más de %d bytes)", short(m[1]), maxXrefWidth)
		}
	}
	return nil
}

// decodeNames returns data with the #hh escapes of its names decoded
// ("/X#52ef" is "/XRef" to the library), so that the checks see the
// names the library sees; data itself when it has none.
func decodeNames(data []byte) []byte {
	if bytes.IndexByte(data, '#') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	inName := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '/':
			inName = true
		case isPDFSpace(c) || bytes.IndexByte([]byte("()<>[]{}%"), c) >= 0:
			inName = false
		case inName && c == '#' && i+2 < len(data):
			var b [1]byte
			if _, err := hex.Decode(b[:], data[i+1:i+3]); err == nil {
				c = b[0]
				i += 2
			}
		}
		out = append(out, c)
	}
	return out
}

// checkXrefSection checks the subsection headers ("first count") of the
// cross-reference table that data starts with (just after "xref"): the
// library grows its table to the last object a subsection numbers.
func checkXrefSection(data []byte) error {
	toks := pdfTokens{data: data}
	for {
		first, ok1 := declared(toks.next())
		count, ok2 := declared(toks.next())
		if !ok1 || !ok2 {
			return nil // "trailer", or not a table: the library judges it
		}
		if first > maxPDFObjects || count > maxPDFObjects || first+count > maxPDFObjects {
			return fmt.Errorf("PDF dañado (una sección de referencias cruzadas numera objetos desde %d, más allá de los que un PDF puede tener, %d)", first, maxPDFObjects)
		}
		for range min(count, int64(len(data))) * 3 { // offset, generation, f or n
			if toks.next() == nil {
				return nil
			}
		}
	}
}

// pdfTokens splits bytes into runs separated by PDF white space.
type pdfTokens struct {
	data []byte
	pos  int
}

// next returns the next token, or nil at the end.
func (t *pdfTokens) next() []byte {
	for t.pos < len(t.data) && isPDFSpace(t.data[t.pos]) {
		t.pos++
	}
	start := t.pos
	for t.pos < len(t.data) && !isPDFSpace(t.data[t.pos]) {
		t.pos++
	}
	if start == t.pos {
		return nil
	}
	return t.data[start:t.pos]
}

func isPDFSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// declared parses a non-negative decimal number; one too large for an
// int64 is reported as math.MaxInt64, and anything else as not a number.
func declared(b []byte) (int64, bool) {
	if len(b) == 0 {
		return 0, false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(string(b), 10, 64)
	if err != nil {
		return math.MaxInt64, true
	}
	return n, true
}

// short returns b for a message, cut to 40 bytes.
func short(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "…"
	}
	return string(b)
}
