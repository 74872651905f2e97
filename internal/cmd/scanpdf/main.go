// Command scanpdf writes an image-only PDF (a scan, with no text layer) from
// page images, one page per image, as a scanner's software does: each image
// is stored as a greyscale JPEG and drawn over the whole page.
//
//	go run ./internal/cmd/scanpdf -o scan.pdf -dpi 300 page-001.png page-002.png
//
// An argument ending in .txt is a page with a text layer instead (the text
// set in Helvetica, wrapped), so that a mixed PDF can be made:
//
//	go run ./internal/cmd/scanpdf -o mixed.pdf page-1.txt page-2.png
//
// It makes the scanned-PDF test sets of the ingest tests and of the OCR
// measurements (see README, "Scanned documents").
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	_ "image/png"
	"io"
	"log"
	"os"
	"strings"
)

func main() {
	out := flag.String("o", "scan.pdf", "the PDF to write")
	dpi := flag.Float64("dpi", 300, "resolution of the images, for the page size")
	quality := flag.Int("quality", 75, "JPEG quality of the pages")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("scanpdf: ")
	if flag.NArg() == 0 {
		log.Fatal("usage: scanpdf [-o OUT.pdf] [-dpi 300] IMAGE...")
	}
	var pages []page
	for _, name := range flag.Args() {
		read := func() (page, error) { return readPage(name, *quality) }
		if strings.HasSuffix(name, ".txt") {
			read = func() (page, error) { return readTextPage(name) }
		}
		p, err := read()
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		pages = append(pages, p)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	if err := writePDF(f, pages, *dpi); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// page is one greyscale JPEG image, or lines of text.
type page struct {
	w, h int
	jpeg []byte
	text []string
}

// readTextPage reads a text page: its paragraphs wrapped at 85 characters.
func readTextPage(name string) (page, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return page{}, err
	}
	var lines []string
	for _, para := range strings.Split(string(data), "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > 85 {
				lines = append(lines, line)
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		if line != "" {
			lines = append(lines, line, "")
		}
	}
	return page{text: lines}, nil
}

// latin1 encodes s in WinAnsi (Latin-1 for Spanish), escaped for a PDF
// string.
func latin1(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 128:
			b.WriteRune(r)
		case r < 256:
			fmt.Fprintf(&b, "\\%03o", r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func readPage(name string, quality int) (page, error) {
	f, err := os.Open(name)
	if err != nil {
		return page{}, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		return page{}, err
	}
	gray := image.NewGray(img.Bounds())
	draw.Draw(gray, gray.Bounds(), img, img.Bounds().Min, draw.Src)
	var b bytes.Buffer
	if err := jpeg.Encode(&b, gray, &jpeg.Options{Quality: quality}); err != nil {
		return page{}, err
	}
	return page{w: gray.Bounds().Dx(), h: gray.Bounds().Dy(), jpeg: b.Bytes()}, nil
}

// writePDF writes a PDF 1.4 file: catalog, page tree, and per page a page
// object, its content stream and its image.
func writePDF(w io.Writer, pages []page, dpi float64) error {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string, stream []byte) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s", len(offsets), body)
		if stream != nil {
			b.WriteString("\nstream\n")
			b.Write(stream)
			b.WriteString("\nendstream")
		}
		b.WriteString("\nendobj\n")
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	kids := make([]string, len(pages))
	for i := range pages {
		kids[i] = fmt.Sprintf("%d 0 R", 3+3*i)
	}
	obj("<< /Type /Catalog /Pages 2 0 R >>", nil)
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)), nil)
	for i, p := range pages {
		n := 3 + 3*i
		if p.text != nil {
			var c strings.Builder
			c.WriteString("BT /F1 11 Tf 14 TL 60 780 Td\n")
			for _, l := range p.text {
				fmt.Fprintf(&c, "(%s) Tj T*\n", latin1(l))
			}
			c.WriteString("ET")
			obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", n+2, n+1), nil)
			obj(fmt.Sprintf("<< /Length %d >>", c.Len()), []byte(c.String()))
			// Widths (a space 278, every other glyph 556: Helvetica's
			// digits) let readers place the glyphs and see the spaces.
			widths := make([]string, 224)
			for i := range widths {
				widths[i] = "556"
			}
			widths[0] = "278"
			obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths ["+strings.Join(widths, " ")+"] >>", nil)
			continue
		}
		pw, ph := float64(p.w)*72/dpi, float64(p.h)*72/dpi
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", pw, ph, n+2, n+1), nil)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", pw, ph)
		obj(fmt.Sprintf("<< /Length %d >>", len(content)), []byte(content))
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>", p.w, p.h, len(p.jpeg)), p.jpeg)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	_, err := w.Write(b.Bytes())
	return err
}
