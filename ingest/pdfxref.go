package ingest

import (
	"bytes"
	"regexp"
	"strconv"
)

// A classic cross-reference table may list more objects than its trailer's
// /Size says. poppler's pdfunite, the usual tool to join PDFs, writes
// "xref 0 36" and then "/Size 24": the objects of the second file it joins
// sit past the size, the catalog among them. Readers of every other kind
// (poppler, qpdf, MuPDF) take the table as written; the PDF library cuts the
// table at /Size and then finds no page tree, so that every file pdfunite
// made was refused ("the document has no page tree"). trailerSizeFixed
// gives the library a copy whose last trailer declares the size its table
// has.

// trailerSize matches a trailer's /Size entry.
var trailerSize = regexp.MustCompile(`/Size[\x00\t\n\f\r ]+([0-9]+)`)

// trailerSizeFixed returns data, or a copy of it whose last trailer's /Size
// covers every object of the cross-reference table that startxref points
// to, when that table is a classic one that lists more objects than /Size.
// Only the bytes of the trailer change (its /Size written anew, the rest of
// the file after it moved by the digits added), and nothing after a trailer
// is found by its offset, so every object stays where the table says.
func trailerSizeFixed(data []byte) []byte {
	tail := data[max(0, len(data)-2048):]
	ms := startxrefEntry.FindAllSubmatch(tail, -1)
	if len(ms) == 0 {
		return data
	}
	off, err := strconv.Atoi(string(ms[len(ms)-1][1]))
	if err != nil || off < 0 || off >= len(data) {
		return data
	}
	table := data[off:]
	if !bytes.HasPrefix(table, []byte("xref")) {
		return data // an xref stream, or an offset the library repairs or refuses
	}
	end := bytes.Index(table, []byte("trailer"))
	if end < 0 {
		return data
	}
	listed := xrefTableSize(table[len("xref"):end])
	trailerAt := off + end
	m := trailerSize.FindSubmatchIndex(data[trailerAt:min(len(data), trailerAt+4096)])
	if m == nil {
		return data
	}
	declared, err := strconv.Atoi(string(data[trailerAt+m[2] : trailerAt+m[3]]))
	if err != nil || declared >= listed || listed > maxPDFObjects+1 {
		return data
	}
	fixed := make([]byte, 0, len(data)+8)
	fixed = append(fixed, data[:trailerAt+m[2]]...)
	fixed = strconv.AppendInt(fixed, int64(listed), 10)
	fixed = append(fixed, data[trailerAt+m[3]:]...)
	return fixed
}

// xrefTableSize returns one more than the highest object number that the
// subsections of a classic cross-reference table cover ("0 36" covers 0 to
// 35), reading only their headers: a subsection is a line of two numbers,
// an entry a line of three fields.
func xrefTableSize(table []byte) int {
	size := 0
	for line := range bytes.Lines(table) {
		f := bytes.Fields(line)
		if len(f) != 2 {
			continue
		}
		start, err1 := strconv.Atoi(string(f[0]))
		n, err2 := strconv.Atoi(string(f[1]))
		if err1 != nil || err2 != nil || start < 0 || n < 0 || start > maxPDFObjects || n > maxPDFObjects {
			continue
		}
		size = max(size, start+n)
	}
	return size
}
