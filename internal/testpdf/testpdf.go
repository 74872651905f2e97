// Package testpdf writes small, valid PDFs of Spanish text, for tests and
// the benchmark corpus: what a line of a page says is known exactly, which a
// PDF made by other software does not let a test control.
package testpdf

import (
	"fmt"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// Write returns a minimal PDF: Helvetica in WinAnsi encoding, A4 pages of
// wrapped lines (95 characters, 60 lines a page) of the title and then the
// paragraphs, a blank line between paragraphs, a page number at the foot.
func Write(title string, paras []string) []byte {
	var lines []string
	lines = append(lines, title, "")
	for _, p := range paras {
		lines = append(lines, wrap(p, 95)...)
		lines = append(lines, "")
	}
	const perPage = 60
	var pages [][]string
	for i := 0; i < len(lines); i += perPage {
		pages = append(pages, lines[i:min(len(lines), i+perPage)])
	}
	var objs []string
	nPages := len(pages)
	// 1 catalog, 2 pages, 3 font, then page and content pairs.
	kids := make([]string, nPages)
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 4+2*i)
	}
	objs = append(objs, "<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), nPages),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	enc := charmap.Windows1252.NewEncoder()
	for i, pg := range pages {
		var c strings.Builder
		c.WriteString("BT /F1 10 Tf 12 TL 56 790 Td\n")
		for _, l := range pg {
			b, err := enc.String(l)
			if err != nil {
				b = l
			}
			c.WriteString("(" + pdfEscape(b) + ") Tj T*\n")
		}
		c.WriteString("ET\n")
		fmt.Fprintf(&c, "BT /F1 9 Tf 290 30 Td (%d) Tj ET\n", i+1)
		objs = append(objs, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>", 5+2*i),
			fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// pdfEscape escapes s for a PDF string literal: parentheses, backslashes
// and bytes above ASCII as octal escapes.
func pdfEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x80:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// wrap breaks s into lines of at most width bytes at spaces (a longer
// word gets a line of its own).
func wrap(s string, width int) []string {
	var out []string
	var cur strings.Builder
	for _, w := range strings.Fields(s) {
		if cur.Len() > 0 && cur.Len()+1+len(w) > width {
			out = append(out, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// Doc builds a PDF object by object, for tests that need what Write does
// not give: fonts with their own encodings and widths, several content
// streams, filters, annotations. Objects 1 and 2 are the catalog and the
// page tree; a page dictionary names its parent as "2 0 R".
//
//	var d testpdf.Doc
//	font := d.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
//	content := d.Stream("", "BT /F1 12 Tf 72 700 Td (Hola) Tj ET")
//	page := d.Add(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", font, content))
//	pdf := d.Bytes(page)
type Doc struct {
	objs []string
}

// Add adds an object and returns its number.
func (d *Doc) Add(obj string) int {
	d.objs = append(d.objs, obj)
	return len(d.objs) + 2
}

// Stream adds a stream object with the given dictionary entries (besides
// /Length) and data, and returns its number.
func (d *Doc) Stream(dict, data string) int {
	return d.Add(fmt.Sprintf("<< /Length %d %s >>\nstream\n%s\nendstream", len(data), dict, data))
}

// Bytes returns the PDF whose pages are the given page objects, in order.
func (d *Doc) Bytes(pages ...int) []byte {
	kids := make([]string, len(pages))
	for i, p := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", p)
	}
	objs := append([]string{"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages))}, d.objs...)
	var b strings.Builder
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}

// Page returns a page dictionary for Doc.Add: an A4 page with the given
// resources (the inside of << >>) and content stream object.
func Page(resources string, content int) string {
	return fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << %s >> /Contents %d 0 R >>", resources, content)
}
