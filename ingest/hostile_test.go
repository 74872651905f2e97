package ingest

import (
	"bytes"
	"compress/zlib"
	"encoding/ascii85"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The hostile PDFs of testdata/bad are made by this file, not by hand:
//
//	go test ./ingest -run TestHostilePDFs -gen-hostile
//
// writes them again (they are committed, a few KB each).
var genHostile = flag.Bool("gen-hostile", false, "write the hostile PDFs of testdata/bad")

// hostilePDFs returns each hostile PDF by file name: files under 70 KB
// that, read in process, killed relatoria or kept a core busy.
func hostilePDFs() map[string][]byte {
	if !*genHostile {
		return map[string][]byte{
			"objstm-self.pdf":      objStmPDF("", 5),
			"extends-self.pdf":     objStmPDF("/Extends 5 0 R", 0),
			"columns-indirect.pdf": pagePDF(nil, "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 6 0 R >>", zlibOf([]byte("BT /F1 12 Tf 72 712 Td (Hola) Tj ET")), "6 0 obj\n70368744177664\nendobj\n"),
			"prev-self.pdf":        prevSelfPDF(),
		}
	}
	return map[string][]byte{
		// An object stream that contains itself: the library resolves the
		// stream to find the object, and the stream is that object
		// (fatal error: stack overflow).
		"objstm-self.pdf": objStmPDF("", 5),
		// An object stream that /Extends itself and lacks the object:
		// the library looks for it in the same stream for ever.
		"extends-self.pdf": objStmPDF("/Extends 5 0 R", 0),
		// A predictor of 70,368,744,177,664 columns named through an
		// indirect object: a check that read "/Columns 6" saw 6.
		"columns-indirect.pdf": pagePDF(nil, "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 6 0 R >>", zlibOf([]byte("BT /F1 12 Tf 72 712 Td (Hola) Tj ET")), "6 0 obj\n70368744177664\nendobj\n"),
		// Content streams filtered twice that inflate to 1 GB.
		"bomb-q.pdf":       pagePDF(nil, "/Filter [/FlateDecode /FlateDecode]", bomb("q\n", 1<<30), ""),
		"bomb-tj.pdf":      pagePDF(nil, "/Filter [/FlateDecode /FlateDecode]", bomb("BT /F1 12 Tf (AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj ET\n", 1<<30), ""),
		"bomb-numbers.pdf": pagePDF(nil, "/Filter [/FlateDecode /FlateDecode]", bomb("1 2 3 4 5 6 7 8 9 ", 1<<30), ""),
		// The same behind ASCII85, which checkStreams leaves to the
		// worker's memory limit.
		"bomb-a85.pdf": pagePDF(nil, "/Filter [/ASCII85Decode /FlateDecode /FlateDecode]", ascii85Of(bomb("q\n", 1<<30)), ""),
		// A cross-reference table whose /Prev names itself.
		"prev-self.pdf": prevSelfPDF(),
	}
}

// TestHostilePDFs writes the hostile PDFs with -gen-hostile, and otherwise
// checks that the committed ones are those this file makes (but for the
// bombs, which take seconds each to compress).
func TestHostilePDFs(t *testing.T) {
	for name, data := range hostilePDFs() {
		path := filepath.Join("testdata", "bad", name)
		if *genHostile {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (make it with -gen-hostile)", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s differs from what hostile_test.go makes (run with -gen-hostile)", name)
		}
	}
}

// pdfWriter assembles a PDF object by object, recording offsets.
type pdfWriter struct {
	b       bytes.Buffer
	offsets map[int]int
}

func newPDFWriter() *pdfWriter {
	w := &pdfWriter{offsets: map[int]int{}}
	w.b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	return w
}

func (w *pdfWriter) obj(n int, body string) {
	w.offsets[n] = w.b.Len()
	fmt.Fprintf(&w.b, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (w *pdfWriter) stream(n int, dict string, data []byte) {
	w.offsets[n] = w.b.Len()
	fmt.Fprintf(&w.b, "%d 0 obj\n<< %s /Length %d >>\nstream\n", n, dict, len(data))
	w.b.Write(data)
	w.b.WriteString("\nendstream\nendobj\n")
}

// xrefTable writes a classic cross-reference table of objects 0..size-1
// and its trailer, and returns the table's offset.
func (w *pdfWriter) xrefTable(size int, trailer string) int {
	at := w.b.Len()
	fmt.Fprintf(&w.b, "xref\n0 %d\n0000000000 65535 f \n", size)
	for i := 1; i < size; i++ {
		if off, ok := w.offsets[i]; ok {
			fmt.Fprintf(&w.b, "%010d 00000 n \n", off)
		} else {
			w.b.WriteString("0000000000 00000 f \n")
		}
	}
	fmt.Fprintf(&w.b, "trailer\n<< /Size %d %s >>\n", size, trailer)
	return at
}

func (w *pdfWriter) end(startxref int) []byte {
	fmt.Fprintf(&w.b, "startxref\n%d\n%%%%EOF\n", startxref)
	return w.b.Bytes()
}

// pagePDF is a one-page PDF whose content stream (object 4) has the given
// filter entries and data; extra objects are written after it.
func pagePDF(_ []byte, filter string, content []byte, extra string) []byte {
	w := newPDFWriter()
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	w.obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	w.obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>")
	w.stream(4, filter, content)
	w.obj(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	if extra != "" {
		w.offsets[6] = w.b.Len()
		w.b.WriteString(extra)
	}
	return w.end(w.xrefTable(7, "/Root 1 0 R"))
}

// objStmPDF is a PDF whose catalog (object 1) is said to be in object
// stream 5; the xref stream (object 6) says where. With inside > 0, object
// 5 itself is said to be in stream 5 at that index; extends is put in
// stream 5's dictionary.
func objStmPDF(extends string, inside int) []byte {
	w := newPDFWriter()
	// The object stream holds object 2 only (not the catalog).
	body := "2 0 << /Type /Pages /Kids [] /Count 0 >>"
	w.stream(5, fmt.Sprintf("/Type /ObjStm /N 1 /First 4 %s", extends), []byte(body))
	// Xref stream: /W [1 4 2]: type, field 2, field 3.
	var rows bytes.Buffer
	row := func(typ byte, f2 uint32, f3 uint16) {
		rows.WriteByte(typ)
		binary.Write(&rows, binary.BigEndian, f2)
		binary.Write(&rows, binary.BigEndian, f3)
	}
	row(0, 0, 65535)
	row(2, 5, 0) // 1: the catalog, "in stream 5"
	row(2, 5, 0) // 2: in stream 5
	row(0, 0, 0)
	row(0, 0, 0)
	if inside > 0 {
		row(2, 5, uint16(inside)) // 5: in itself
	} else {
		row(1, uint32(w.offsets[5]), 0)
	}
	at := w.b.Len()
	row(1, uint32(at), 0) // 6: the xref stream
	w.stream(6, "/Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R", rows.Bytes())
	return w.end(at)
}

// prevSelfPDF is a PDF whose only cross-reference table names itself as
// the previous one.
func prevSelfPDF() []byte {
	w := newPDFWriter()
	w.obj(1, "<< /Type /Catalog /Pages 2 0 R >>")
	w.obj(2, "<< /Type /Pages /Kids [] /Count 0 >>")
	at := w.b.Len()
	// The table's own offset, written with the width it will have.
	return w.end(w.xrefTable(3, fmt.Sprintf("/Root 1 0 R /Prev %d", at)))
}

// zlibOf compresses data with zlib.
func zlibOf(data []byte) []byte {
	var b bytes.Buffer
	z, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	z.Write(data)
	z.Close()
	return b.Bytes()
}

// ascii85Of encodes data in ASCII85, with its end-of-data mark.
func ascii85Of(data []byte) []byte {
	out := make([]byte, ascii85.MaxEncodedLen(len(data)))
	return append(out[:ascii85.Encode(out, data)], "~>"...)
}

// bomb returns unit repeated to size bytes, compressed twice.
func bomb(unit string, size int) []byte {
	var inner bytes.Buffer
	z, _ := zlib.NewWriterLevel(&inner, zlib.BestCompression)
	chunk := []byte(strings.Repeat(unit, (1<<20)/len(unit)))
	for n := 0; n < size; n += len(chunk) {
		z.Write(chunk)
	}
	z.Close()
	return zlibOf(inner.Bytes())
}
