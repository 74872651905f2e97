//go:build ignore

// gen.go turns a source document of this folder (NAME.src, a small
// markup, below) into the files that make.sh renders with each producer
// and the text they are compared with:
//
//	NAME.txt   the reference: every word the document prints, in
//	           reading order, paragraphs apart (running heads and feet
//	           and page numbers left out, they are furniture, but for the
//	           running head on page 1, which relatoria keeps; each
//	           footnote after the paragraph that cites it, with its
//	           number, 1, 2, … as the producers number them)
//	NAME.fodt  a flat OpenDocument text for LibreOffice Writer: justified,
//	           hyphenated (Spanish), footnotes, running head and foot with
//	           the page number, a table, two columns where asked
//	NAME.tex   LaTeX for pdflatex (T1, Latin Modern) and xelatex
//	           (fontspec), babel Spanish (hyphenation), fancyhdr, footnotes
//	NAME.html  HTML for Chromium: CSS columns, page-margin boxes for the
//	           running head and foot, the notes as endnotes
//
// The markup, one block per paragraph, blocks apart by blank lines:
//
//	%header TEXT      the running head
//	%footer TEXT      the running foot (the page number is added)
//	%columns 2        two columns
//	# TEXT            the title; ## TEXT a heading
//	| a | b | c |     a table row (consecutive rows make one table)
//	[^id]: TEXT       a footnote
//	*italic*, **bold**, [^id] (a note's mark) inside a paragraph
//
// The source is read in Unicode NFC (the SDG targets' text is decomposed,
// "o" and a combining accent, which pdflatex drops).
//
// Usage: go run gen.go [-o DIR] NAME.src… (writes beside each source, or
// in DIR).
package main

import (
	"flag"
	"fmt"
	"html"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"
)

type span struct {
	text         string
	bold, italic bool
	note         string // a note's id: the span is its mark
}

type block struct {
	kind  string // "title", "heading", "para", "table"
	spans []span
	rows  [][]string
}

type doc struct {
	header, footer string
	columns        int
	blocks         []block
	notes          map[string][]span
	order          []string // note ids in the order they are cited
}

var noteDef = regexp.MustCompile(`^\[\^([^\]]+)\]:\s*(.*)$`)

func parse(src string) *doc {
	d := &doc{notes: map[string][]span{}, columns: 1}
	for _, par := range strings.Split(strings.ReplaceAll(src, "\r", ""), "\n\n") {
		var text []string
		var rows [][]string
		for _, l := range strings.Split(par, "\n") {
			l = strings.TrimSpace(l)
			switch {
			case l == "":
			case strings.HasPrefix(l, "%header "):
				d.header = strings.TrimPrefix(l, "%header ")
			case strings.HasPrefix(l, "%footer "):
				d.footer = strings.TrimPrefix(l, "%footer ")
			case strings.HasPrefix(l, "%columns "):
				fmt.Sscan(strings.TrimPrefix(l, "%columns "), &d.columns)
			case noteDef.MatchString(l):
				m := noteDef.FindStringSubmatch(l)
				d.notes[m[1]] = inline(m[2], nil)
			case strings.HasPrefix(l, "|"):
				var cells []string
				for _, c := range strings.Split(strings.Trim(l, "|"), "|") {
					cells = append(cells, strings.TrimSpace(c))
				}
				rows = append(rows, cells)
			default:
				text = append(text, l)
			}
		}
		if len(rows) > 0 {
			d.blocks = append(d.blocks, block{kind: "table", rows: rows})
		}
		if len(text) == 0 {
			continue
		}
		t := strings.Join(text, " ")
		kind := "para"
		switch {
		case strings.HasPrefix(t, "## "):
			kind, t = "heading", t[3:]
		case strings.HasPrefix(t, "# "):
			kind, t = "title", t[2:]
		}
		d.blocks = append(d.blocks, block{kind: kind, spans: inline(t, &d.order)})
	}
	return d
}

var inlineRE = regexp.MustCompile(`\*\*(.+?)\*\*|\*(.+?)\*|\[\^([^\]]+)\]`)

func inline(s string, order *[]string) []span {
	var out []span
	for {
		m := inlineRE.FindStringSubmatchIndex(s)
		if m == nil {
			break
		}
		if m[0] > 0 {
			out = append(out, span{text: s[:m[0]]})
		}
		switch {
		case m[2] >= 0:
			out = append(out, span{text: s[m[2]:m[3]], bold: true})
		case m[4] >= 0:
			out = append(out, span{text: s[m[4]:m[5]], italic: true})
		default:
			id := s[m[6]:m[7]]
			out = append(out, span{note: id})
			if order != nil {
				*order = append(*order, id)
			}
		}
		s = s[m[1]:]
	}
	if s != "" {
		out = append(out, span{text: s})
	}
	return out
}

func (d *doc) number(id string) int {
	for i, o := range d.order {
		if o == id {
			return i + 1
		}
	}
	return 0
}

func plain(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.text)
	}
	return b.String()
}

// txt writes the reference text.
func (d *doc) txt() string {
	var out []string
	if d.header != "" {
		// Page 1's running head: relatoria keeps the first page's
		// heading as content (a court's name over its judgment); the
		// other pages' copies are furniture.
		out = append(out, d.header)
	}
	for _, b := range d.blocks {
		switch b.kind {
		case "table":
			for _, r := range b.rows {
				out = append(out, strings.Join(r, " "))
			}
			continue
		}
		out = append(out, plain(b.spans))
		for _, s := range b.spans {
			if s.note != "" {
				out = append(out, fmt.Sprintf("%d %s", d.number(s.note), plain(d.notes[s.note])))
			}
		}
	}
	return strings.Join(out, "\n\n") + "\n"
}

func xmlEsc(s string) string { return html.EscapeString(s) }

func (d *doc) odtSpans(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		switch {
		case s.note != "":
			n := d.number(s.note)
			fmt.Fprintf(&b, `<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d</text:note-citation><text:note-body><text:p text:style-name="Footnote">%s</text:p></text:note-body></text:note>`,
				n, n, d.odtSpans(d.notes[s.note]))
		case s.bold:
			fmt.Fprintf(&b, `<text:span text:style-name="Bold">%s</text:span>`, xmlEsc(s.text))
		case s.italic:
			fmt.Fprintf(&b, `<text:span text:style-name="Italic">%s</text:span>`, xmlEsc(s.text))
		default:
			b.WriteString(xmlEsc(s.text))
		}
	}
	return b.String()
}

// fodt writes the document as flat OpenDocument text.
func (d *doc) fodt() string {
	var body strings.Builder
	for _, b := range d.blocks {
		switch b.kind {
		case "title":
			fmt.Fprintf(&body, "<text:p text:style-name=\"Title\">%s</text:p>\n", d.odtSpans(b.spans))
		case "heading":
			fmt.Fprintf(&body, "<text:p text:style-name=\"Heading\">%s</text:p>\n", d.odtSpans(b.spans))
		case "para":
			fmt.Fprintf(&body, "<text:p text:style-name=\"Body\">%s</text:p>\n", d.odtSpans(b.spans))
		case "table":
			fmt.Fprintf(&body, "<table:table table:name=\"Cuadro\" table:style-name=\"Table\"><table:table-column table:number-columns-repeated=\"%d\"/>\n", len(b.rows[0]))
			for i, r := range b.rows {
				body.WriteString("<table:table-row>")
				for _, c := range r {
					style := "Cell"
					if i == 0 {
						style = "CellHead"
					}
					fmt.Fprintf(&body, `<table:table-cell office:value-type="string"><text:p text:style-name="%s">%s</text:p></table:table-cell>`, style, xmlEsc(c))
				}
				body.WriteString("</table:table-row>\n")
			}
			body.WriteString("</table:table>\n")
		}
	}
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="11pt" fo:language="es" fo:country="ES" fo:hyphenate="true" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:default-style>
<style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-top="0cm" fo:margin-bottom="0.2cm"/></style:style>
<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.4cm"/><style:text-properties fo:font-size="14pt" fo:font-weight="bold" fo:hyphenate="false"/></style:style>
<style:style style:name="Heading" style:family="paragraph"><style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/><style:text-properties fo:font-weight="bold" fo:hyphenate="false"/></style:style>
<style:style style:name="Footnote" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:margin-left="0.6cm" fo:text-indent="-0.6cm"/><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Header" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt" fo:font-style="italic"/></style:style>
<style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-size="9pt"/></style:style>
<style:style style:name="Cell" style:family="paragraph"><style:text-properties fo:font-size="10pt"/></style:style>
<style:style style:name="CellHead" style:family="paragraph"><style:text-properties fo:font-size="10pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Bold" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Italic" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"><style:columns fo:column-count="%d" fo:column-gap="0.8cm"/></style:page-layout-properties>
<style:header-style><style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.5cm"/></style:header-style>
<style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.5cm"/></style:footer-style></style:page-layout>
<style:style style:name="Table" style:family="table"><style:table-properties style:width="16cm" table:align="margins"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">
<style:header><text:p text:style-name="Header">%s</text:p></style:header>
<style:footer><text:p text:style-name="Footer">%s — Página <text:page-number text:select-page="current"/></text:p></style:footer>
</style:master-page></office:master-styles>
<office:body><office:text>
%s</office:text></office:body></office:document>
`, d.columns, xmlEsc(d.header), xmlEsc(d.footer), body.String())
}

var texSpecial = strings.NewReplacer(`\`, `\textbackslash{}`, `%`, `\%`, `&`, `\&`, `_`, `\_`, `#`, `\#`, `$`, `\$`, `{`, `\{`, `}`, `\}`, `~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`)

func (d *doc) texSpans(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		switch {
		case s.note != "":
			fmt.Fprintf(&b, `\footnote{%s}`, d.texSpans(d.notes[s.note]))
		case s.bold:
			fmt.Fprintf(&b, `\textbf{%s}`, texSpecial.Replace(s.text))
		case s.italic:
			fmt.Fprintf(&b, `\textit{%s}`, texSpecial.Replace(s.text))
		default:
			b.WriteString(texSpecial.Replace(s.text))
		}
	}
	return b.String()
}

// tex writes the document as LaTeX, for pdflatex and xelatex alike.
func (d *doc) tex() string {
	var body strings.Builder
	for _, b := range d.blocks {
		switch b.kind {
		case "title":
			fmt.Fprintf(&body, "\\begin{center}\\large\\bfseries %s\\end{center}\n\n", d.texSpans(b.spans))
		case "heading":
			fmt.Fprintf(&body, "\\subsection*{%s}\n\n", d.texSpans(b.spans))
		case "para":
			fmt.Fprintf(&body, "%s\n\n", d.texSpans(b.spans))
		case "table":
			width := "\\linewidth"
			if d.columns == 1 {
				width = "\\textwidth"
			}
			fmt.Fprintf(&body, "\\begin{center}\\small\\begin{tabular}{p{0.08%s}p{0.55%s}p{0.25%s}}\n", width, width, width)
			for i, r := range b.rows {
				var cells []string
				for _, c := range r {
					c = texSpecial.Replace(c)
					if i == 0 {
						c = `\textbf{` + c + `}`
					}
					cells = append(cells, c)
				}
				fmt.Fprintf(&body, "%s \\\\\n", strings.Join(cells, " & "))
			}
			body.WriteString("\\end{tabular}\\end{center}\n\n")
		}
	}
	class := "\\documentclass[11pt,a4paper]{article}"
	if d.columns == 2 {
		class = "\\documentclass[11pt,a4paper,twocolumn]{article}"
	}
	return class + `
\usepackage{iftex}
\ifXeTeX
  \usepackage{fontspec}
  \setmainfont{DejaVu Serif}
\else
  \usepackage[T1]{fontenc}
  \usepackage[utf8]{inputenc}
  \usepackage{lmodern}
\fi
\usepackage[spanish,es-noshorthands]{babel}
\usepackage[margin=2.5cm]{geometry}
\usepackage{fancyhdr}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[C]{\small\itshape ` + texSpecial.Replace(d.header) + `}
\fancyfoot[C]{\small ` + texSpecial.Replace(d.footer) + ` --- Página \thepage}
\begin{document}
\thispagestyle{fancy}
` + body.String() + "\\end{document}\n"
}

func (d *doc) htmlSpans(spans []span) string {
	var b strings.Builder
	for _, s := range spans {
		switch {
		case s.note != "":
			fmt.Fprintf(&b, `<sup>%d</sup>`, d.number(s.note))
		case s.bold:
			fmt.Fprintf(&b, `<b>%s</b>`, html.EscapeString(s.text))
		case s.italic:
			fmt.Fprintf(&b, `<i>%s</i>`, html.EscapeString(s.text))
		default:
			b.WriteString(html.EscapeString(s.text))
		}
	}
	return b.String()
}

// html writes the document as HTML for Chromium's print to PDF.
func (d *doc) html() string {
	var body strings.Builder
	for _, b := range d.blocks {
		switch b.kind {
		case "title":
			fmt.Fprintf(&body, "<h1>%s</h1>\n", d.htmlSpans(b.spans))
		case "heading":
			fmt.Fprintf(&body, "<h2>%s</h2>\n", d.htmlSpans(b.spans))
		case "para":
			fmt.Fprintf(&body, "<p>%s</p>\n", d.htmlSpans(b.spans))
		case "table":
			body.WriteString("<table>\n")
			for i, r := range b.rows {
				cell := "td"
				if i == 0 {
					cell = "th"
				}
				body.WriteString("<tr>")
				for _, c := range r {
					fmt.Fprintf(&body, "<%s>%s</%s>", cell, html.EscapeString(c), cell)
				}
				body.WriteString("</tr>\n")
			}
			body.WriteString("</table>\n")
		}
	}
	if len(d.order) > 0 {
		body.WriteString("<aside>\n")
		for i, id := range d.order {
			fmt.Fprintf(&body, "<p><sup>%d</sup> %s</p>\n", i+1, d.htmlSpans(d.notes[id]))
		}
		body.WriteString("</aside>\n")
	}
	return fmt.Sprintf(`<!doctype html><html lang="es"><meta charset="utf-8"><style>
@page { size: A4; margin: 2.2cm 2cm;
  @top-center { content: %q; font: italic 9pt "DejaVu Serif" }
  @bottom-center { content: %q " — Página " counter(page); font: 9pt "DejaVu Serif" } }
body { font: 11pt/1.35 "DejaVu Serif"; text-align: justify; hyphens: auto; column-count: %d; column-gap: 1cm }
h1 { font-size: 14pt; text-align: center; column-span: all } h2 { font-size: 11pt }
aside p { font-size: 9pt } table { font-size: 10pt; border-collapse: collapse } td, th { vertical-align: top; padding: 2pt 4pt; text-align: left }
</style><body>
%s</body></html>
`, d.header, d.footer, d.columns, body.String())
}

func main() {
	log.SetFlags(0)
	out := flag.String("o", "", "write the files in this folder")
	flag.Parse()
	for _, path := range flag.Args() {
		src, err := os.ReadFile(path)
		if err != nil {
			log.Fatal(err)
		}
		d := parse(norm.NFC.String(string(src)))
		name := strings.TrimSuffix(path, ".src")
		if *out != "" {
			name = filepath.Join(*out, filepath.Base(name))
		}
		for ext, text := range map[string]string{".txt": d.txt(), ".fodt": d.fodt(), ".tex": d.tex(), ".html": d.html()} {
			if err := os.WriteFile(name+ext, []byte(text), 0o644); err != nil {
				log.Fatal(err)
			}
		}
	}
}
