package ingest

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// Provenance: OCR repair changes only OCR output. A block read here by
// Tesseract is OCR output (block.ocr); a PDF's text layer is when the
// document says an OCR engine or a scanner made it; any other text only
// when its unknown words have OCR's shapes (see repair in build.go).

// ocrEngines are the names, in lower case, that a PDF's /Producer,
// /Creator or XMP CreatorTool gives when its text layer was made by OCR:
// OCR engines, Acrobat's OCR plug-ins, and the scanners that write a
// searchable PDF. "glyphlessfont" is the invisible font Tesseract and
// OCRmyPDF draw their text layer with.
var ocrEngines = []string{
	"abbyy", "finereader", "ocrmypdf", "tesseract", "paper capture", "clearscan", "omnipage",
	"scansoft", "readiris", "iris ocr", "kofax", "nitro ocr", "image conversion plug-in",
	"canon ir", "canon mf", "ricoh", "xerox", "konica minolta", "kyocera", "sharp mx",
	"hp digital sending", "epson scan", "scansnap", "naps2", "simple scan", "glyphlessfont",
}

// ocrProducer returns the OCR engine or scanner a PDF's metadata names,
// read from the raw bytes (the Info dictionary and XMP packet are stored
// uncompressed by the producers that matter here), or "" when none does.
func ocrProducer(data []byte) string {
	if i := bytes.Index(data, []byte("/GlyphLessFont")); i >= 0 {
		return "GlyphLessFont"
	}
	for _, key := range []string{"/Producer", "/Creator", "<pdf:Producer>", "<xmp:CreatorTool>", "pdf:Producer=\"", "xmp:CreatorTool=\""} {
		for rest := data; ; {
			i := bytes.Index(rest, []byte(key))
			if i < 0 {
				break
			}
			rest = rest[i+len(key):]
			v := metadataValue(rest[:min(len(rest), 300)])
			lv := strings.ToLower(v)
			for _, e := range ocrEngines {
				if strings.Contains(lv, e) {
					return v
				}
			}
		}
	}
	return ""
}

// metadataValue reads the value after a metadata key: a PDF literal
// string "(…)" (in PDFDocEncoding or UTF-16BE), a hex string "<…>", or XML
// text up to the next "<" or quote.
func metadataValue(b []byte) string {
	b = bytes.TrimLeft(b, " \t\r\n")
	var raw []byte
	switch {
	case len(b) > 0 && b[0] == '(':
		depth := 0
		for i := 0; i < len(b); i++ {
			c := b[i]
			switch {
			case c == '\\' && i+1 < len(b):
				i++
				raw = append(raw, b[i])
				continue
			case c == '(':
				depth++
				if depth == 1 {
					continue
				}
			case c == ')':
				depth--
				if depth == 0 {
					return printable(raw)
				}
			}
			raw = append(raw, c)
		}
	case len(b) > 0 && b[0] == '<':
		end := bytes.IndexByte(b, '>')
		if end < 0 {
			return ""
		}
		for i := 1; i+1 < end; i += 2 {
			raw = append(raw, unhex(b[i])<<4|unhex(b[i+1]))
		}
	default:
		end := bytes.IndexAny(b, "<\"")
		if end < 0 {
			end = len(b)
		}
		raw = b[:end]
	}
	return printable(raw)
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 0
}

// printable keeps the printable ASCII of b (UTF-16BE strings lose their
// zero bytes and byte-order mark), trimmed.
func printable(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		if c >= ' ' && c < utf8.RuneSelf {
			s.WriteByte(c)
		}
	}
	return strings.TrimSpace(s.String())
}
