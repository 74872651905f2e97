package ingest

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
)

// More of what the PDF library trusts and a file can abuse, checked before
// the library sees the file (checkStructure):
//   - a chain of cross-reference sections (/Prev) that comes back to a
//     section already read: the library reads it again for ever;
//   - object streams that /Extends one another in a circle: the library
//     looks for a missing object round the circle for ever;
//   - a stream that inflates past maxDecodedStream (a Flate stream
//     compressed twice turns 2 KB into 1 GB of "q" operators, which the
//     library holds in memory as it reads them);
//   - a number given as an indirect object (/Columns 6 0 R) is resolved
//     before it is trusted (see resolveNumber).
// A file the checks cannot make sense of is left to the library: they
// refuse only what they have understood.

// maxDecodedStream is the most bytes a stream may inflate to: a dense page's
// content stream is under 1 MB.
const maxDecodedStream = 64 << 20

// maxXrefChain bounds the cross-reference sections followed through /Prev
// (a file updated a thousand times is already extraordinary).
const maxXrefChain = 4096

var (
	startxrefEntry = regexp.MustCompile(`startxref[\x00\t\n\f\r ]+([0-9]+)`)
	prevEntry      = regexp.MustCompile(`/Prev[\x00\t\n\f\r ]+([0-9]+)`)
	objHeader      = regexp.MustCompile(`^[\x00\t\n\f\r ]*([0-9]+)[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+obj\b`)
	objStmType     = regexp.MustCompile(`/Type[\x00\t\n\f\r ]*/ObjStm\b`)
	extendsEntry   = regexp.MustCompile(`/Extends[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+R\b`)
	objNumberAtEnd = regexp.MustCompile(`([0-9]+)[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+obj[\x00\t\n\f\r ]*$`)
	streamKeyword  = regexp.MustCompile(`stream(?:\r\n|\n|\r)`)
	lengthEntry    = regexp.MustCompile(`/Length[\x00\t\n\f\r ]+([0-9]+)(?:[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+R\b)?`)
	flateName      = regexp.MustCompile(`/FlateDecode\b`)
	filterEntry    = regexp.MustCompile(`/Filter[\x00\t\n\f\r ]*(\[[^\]]*\]|/[A-Za-z0-9]+)`)
	notContent     = regexp.MustCompile(`/Subtype[\x00\t\n\f\r ]*/Image\b|/Length[123]\b|/Type[\x00\t\n\f\r ]*/Metadata\b`)
)

// checkStructure returns an error naming the first loop or bomb of data
// (the raw file), or nil.
func checkStructure(data []byte) error {
	if err := checkXrefChain(data); err != nil {
		return err
	}
	if err := checkExtends(data); err != nil {
		return err
	}
	return checkStreams(data)
}

// checkXrefChain follows the cross-reference sections from the last
// startxref through their /Prev entries.
func checkXrefChain(data []byte) error {
	tail := data[max(0, len(data)-1024):]
	ms := startxrefEntry.FindAllSubmatch(tail, -1)
	if len(ms) == 0 {
		return nil
	}
	off, ok := declared(ms[len(ms)-1][1])
	seen := map[int64]bool{}
	for hop := 0; ok && hop < maxXrefChain; hop++ {
		if off < 0 || off >= int64(len(data)) {
			return nil
		}
		if seen[off] {
			return fmt.Errorf("PDF dañado (sus secciones de referencias cruzadas forman un ciclo: /Prev vuelve a la sección del byte %d)", off)
		}
		seen[off] = true
		dict := sectionDict(data, int(off))
		m := prevEntry.FindSubmatch(dict)
		if m == nil {
			return nil
		}
		off, ok = declared(m[1])
	}
	return nil
}

// sectionDict returns the dictionary of the cross-reference section at
// off: a table's trailer, or an xref stream's dictionary; nil when there
// is neither.
func sectionDict(data []byte, off int) []byte {
	rest := data[off:]
	trimmed := bytes.TrimLeft(rest, "\x00\t\n\f\r ")
	switch {
	case bytes.HasPrefix(trimmed, []byte("xref")):
		i := bytes.Index(rest, []byte("trailer"))
		if i < 0 {
			return nil
		}
		dict := rest[i:]
		if j := bytes.Index(dict, []byte("startxref")); j >= 0 {
			dict = dict[:j]
		}
		return dict[:min(len(dict), 4096)]
	case objHeader.Match(rest[:min(len(rest), 64)]):
		dict := rest[:min(len(rest), 4096)]
		if j := bytes.Index(dict, []byte("stream")); j >= 0 {
			dict = dict[:j]
		}
		return dict
	}
	return nil
}

// checkExtends refuses object streams whose /Extends lead round in a
// circle.
func checkExtends(data []byte) error {
	extends := map[int64]int64{}
	for _, loc := range objStmType.FindAllIndex(data, -1) {
		dict := decodeNames(xrefStreamDict(data, loc[0], loc[1]))
		head := data[max(0, loc[0]-4096):loc[0]]
		i := bytes.LastIndex(head, []byte("obj"))
		if i < 0 {
			continue
		}
		m := objNumberAtEnd.FindSubmatch(head[max(0, i-32) : i+3])
		e := extendsEntry.FindSubmatch(dict)
		if m == nil || e == nil {
			continue
		}
		id, ok1 := declared(m[1])
		to, ok2 := declared(e[1])
		if ok1 && ok2 {
			extends[id] = to
		}
	}
	for start := range extends {
		id := start
		for range len(extends) {
			next, ok := extends[id]
			if !ok {
				break
			}
			if next == start {
				return fmt.Errorf("PDF dañado (el flujo de objetos %d se extiende a sí mismo, por /Extends)", start)
			}
			id = next
		}
	}
	return nil
}

// checkStreams refuses a stream that inflates past maxDecodedStream. Only
// streams the library may read are looked at (not images, font programs or
// metadata), and a stream compressed once is inflated only when it is
// large enough to pass the bound (Flate inflates at most 1032 to 1).
func checkStreams(data []byte) error {
	objs := &numberObjects{data: data}
	for _, loc := range streamKeyword.FindAllIndex(data, -1) {
		if loc[0] > 0 && isNameChar(data[loc[0]-1]) {
			continue // "endstream", "/XStream"
		}
		head := data[max(0, loc[0]-4096):loc[0]]
		i := bytes.LastIndex(head, []byte("obj"))
		if i < 0 || !bytes.Contains(head[i:], []byte(">>")) {
			continue
		}
		dict := decodeNames(head[i:])
		if notContent.Match(dict) {
			continue
		}
		f := filterEntry.FindSubmatch(dict)
		if f == nil {
			continue
		}
		filters := flateName.FindAll(f[1], -1)
		if len(filters) == 0 || len(bytes.Fields(bytes.Trim(f[1], "[]"))) != len(filters) {
			continue // no Flate, or other filters too: left to the memory limit
		}
		body := data[loc[1]:]
		if l := lengthEntry.FindSubmatch(dict); l != nil {
			n, ok := declared(l[1])
			if len(l[2]) > 0 {
				n, ok = objs.resolve(l[1], l[2])
			}
			if ok && n >= 0 && n <= int64(len(body)) {
				body = body[:n]
			}
		} else if j := bytes.Index(body, []byte("endstream")); j >= 0 {
			body = body[:j]
		}
		if len(filters) == 1 && int64(len(body))*1032 <= maxDecodedStream {
			continue
		}
		if n, err := inflatedSize(body, len(filters), maxDecodedStream); err == nil && n > maxDecodedStream {
			return fmt.Errorf("PDF dañado (un flujo de %d bytes se descomprime en más de %d MiB)", len(body), maxDecodedStream>>20)
		}
	}
	return nil
}

// inflatedSize inflates data depth times, and returns how many bytes come
// out, up to limit+1.
func inflatedSize(data []byte, depth int, limit int64) (int64, error) {
	var r io.Reader = bytes.NewReader(data)
	for range depth {
		z, err := zlib.NewReader(r)
		if err != nil {
			return 0, err
		}
		defer z.Close()
		r = z
	}
	n, err := io.CopyN(io.Discard, r, limit+1)
	if errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// numberObject matches an indirect object that holds a plain number:
// "6 0 obj 70368744177664 endobj".
var numberObject = regexp.MustCompile(`(?:^|[^0-9])([0-9]+)[\x00\t\n\f\r ]+([0-9]+)[\x00\t\n\f\r ]+obj[\x00\t\n\f\r ]*([0-9]+)[\x00\t\n\f\r ]+endobj`)

// numberObjects finds the indirect objects of a PDF that hold a plain
// number, once: a file's streams each name their /Length by reference, and
// looking each up with a pattern of its own read the whole file once a
// stream (a 700-page PDF: 43 CPU-seconds).
type numberObjects struct {
	data []byte
	objs map[string][]byte // "id gen" → the number, as written; nil until asked
}

// resolve returns the number that the indirect object "id gen R" holds,
// and false when data has no such object or it is not a number. The first
// such object in the file counts.
func (o *numberObjects) resolve(id, gen []byte) (int64, bool) {
	if o.objs == nil {
		o.objs = map[string][]byte{}
		for _, m := range numberObject.FindAllSubmatch(o.data, -1) {
			key := string(m[1]) + " " + string(m[2])
			if _, ok := o.objs[key]; !ok {
				o.objs[key] = m[3]
			}
		}
	}
	v, ok := o.objs[string(id)+" "+string(gen)]
	if !ok {
		return 0, false
	}
	return declared(v)
}

// isNameChar reports whether c may be part of a PDF name or keyword.
func isNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
