package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// sentences collects the distinct real Spanish sentences of 40 to 600
// characters under the source folders (.txt, .md, .es files; OCR output
// excluded), sorted, so that a seed gives the same corpus everywhere.
func sentences(srcs []string) ([]string, error) {
	split := regexp.MustCompile(`([.;:])\s+([A-ZÁÉÍÓÚÑ¿¡])`)
	front := regexp.MustCompile(`(?s)\A---\n.*?\n---\n`)
	set := map[string]bool{}
	for _, src := range srcs {
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			ext := filepath.Ext(p)
			if ext != ".txt" && ext != ".md" && ext != ".es" || strings.Contains(p, "ocr-") {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			text := front.ReplaceAllString(string(data), "")
			for _, block := range regexp.MustCompile(`\n\s*\n`).Split(text, -1) {
				par := strings.Join(strings.Fields(block), " ")
				par = split.ReplaceAllString(par, "$1\n$2")
				for _, s := range strings.Split(par, "\n") {
					if len(s) >= 40 && len(s) <= 600 && !strings.HasPrefix(s, "#") && !strings.HasPrefix(s, "[^") && !strings.HasPrefix(s, "---") {
						set[s] = true
					}
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	slices.Sort(out)
	return out, nil
}

// writeCorpus writes n paragraphs of 1–5 real sentences, 40 to a document:
// most documents as text, one in ten as HTML and one in twenty as PDF, in
// dir/docs; and dir/corpus.jsonl with the same paragraphs for the peers.
func writeCorpus(dir string, n int, sents []string, seed uint64) (docs int, err error) {
	if err := os.MkdirAll(filepath.Join(dir, "docs"), 0o755); err != nil {
		return 0, err
	}
	jf, err := os.Create(filepath.Join(dir, "corpus.jsonl"))
	if err != nil {
		return 0, err
	}
	defer jf.Close()
	jw := bufio.NewWriter(jf)
	defer jw.Flush()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	const perDoc = 40
	for d := 0; d*perDoc < n; d++ {
		var paras []string
		for i := d * perDoc; i < min(n, (d+1)*perDoc); i++ {
			k := 1 + rng.IntN(5)
			var p []string
			for range k {
				p = append(p, sents[rng.IntN(len(sents))])
			}
			text := strings.Join(p, " ")
			paras = append(paras, text)
			line, _ := json.Marshal(map[string]string{"id": fmt.Sprintf("d%06d-p%02d", d, i%perDoc), "doc": fmt.Sprintf("doc%06d", d), "text": text})
			jw.Write(append(line, '\n'))
		}
		title := fmt.Sprintf("Documento de prueba %d", d)
		name := filepath.Join(dir, "docs", fmt.Sprintf("doc%06d", d))
		switch {
		case d%20 == 7:
			err = os.WriteFile(name+".pdf", makePDF(title, paras), 0o644)
		case d%10 == 3:
			err = os.WriteFile(name+".html", makeHTML(title, paras), 0o644)
		default:
			err = os.WriteFile(name+".txt", []byte(title+"\n\n"+strings.Join(paras, "\n\n")+"\n"), 0o644)
		}
		if err != nil {
			return d, err
		}
		docs = d + 1
	}
	return docs, nil
}

func makeHTML(title string, paras []string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>%s | Naciones Unidas</title></head><body>\n", html.EscapeString(title))
	b.WriteString(`<a class="skip-link" href="#main">Pasar al contenido principal</a><nav><ul><li><a href="/">Inicio</a></li><li><a href="/temas">Temas</a></li><li><a href="/contacto">Contacto</a></li></ul></nav>`)
	fmt.Fprintf(&b, "<main id=\"main\"><h1>%s</h1>\n", html.EscapeString(title))
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	b.WriteString("</main><footer><p>© Naciones Unidas</p></footer></body></html>\n")
	return []byte(b.String())
}

// makePDF writes a minimal PDF: Helvetica in WinAnsi encoding, A4 pages of
// wrapped lines, a blank line between paragraphs, a page number at the foot.
func makePDF(title string, paras []string) []byte {
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
