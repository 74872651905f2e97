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
	"time"

	"github.com/relatoria/relatoria/internal/testpdf"
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
// With dated, each document opens as a resolution adopted on a date that
// runs forward two days a document, one document in four on a date drawn
// from the whole range instead (files are not always read in the order
// they were adopted).
func writeCorpus(dir string, n int, sents []string, seed uint64, dated bool) (docs int, err error) {
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
	dateRng := rand.New(rand.NewPCG(seed+1, seed)) // apart, so that dated and undated corpora have the same paragraphs
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
		if dated {
			paras = append(resolutionOpening(d, n/perDoc, dateRng), paras...)
		}
		name := filepath.Join(dir, "docs", fmt.Sprintf("doc%06d", d))
		switch {
		case d%20 == 7:
			err = os.WriteFile(name+".pdf", testpdf.Write(title, paras), 0o644)
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

// resolutionOpening returns the paragraphs that open document d of docs
// as a resolution of the Human Rights Council with an adoption date.
func resolutionOpening(d, docs int, rng *rand.Rand) []string {
	day := d * 2
	if rng.IntN(4) == 0 {
		day = rng.IntN(docs*2 + 1)
	}
	t := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	return []string{
		fmt.Sprintf("Resolución aprobada por el Consejo de Derechos Humanos el %d de %s de %d", t.Day(), meses[t.Month()-1], t.Year()),
		"El Consejo de Derechos Humanos,",
	}
}

var meses = []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"}

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
