package ingest

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestHTMLEncoding checks that valid UTF-8 is read as UTF-8 whatever the
// page declares or omits, and that Latin-1 pages are still read.
func TestHTMLEncoding(t *testing.T) {
	body := "<p>La jueza Mejías pidió información sobre la detención de las niñas.</p>"
	// The first 1,024 bytes in ASCII: the charset sniffer saw no UTF-8 and
	// chose Windows-1252 ("MejÃ­as").
	pad := "<!-- " + strings.Repeat("x", 1100) + " -->"
	latin, _ := charmap.ISO8859_1.NewEncoder().String(body)
	for _, tt := range []struct{ name, page string }{
		{"no charset, ASCII head", "<html><head><title>T</title>" + pad + "</head><body>" + body + "</body></html>"},
		{"declares ISO-8859-1, is UTF-8", `<html><head><meta charset="iso-8859-1"><title>T</title></head><body>` + body + "</body></html>"},
		{"declares windows-1252, is UTF-8", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>` + body + "</body></html>"},
		{"Latin-1, declared", `<html><head><meta charset="iso-8859-1"></head><body>` + latin + "</body></html>"},
		{"Latin-1, not declared", "<html><head>" + pad + "</head><body>" + latin + "</body></html>"},
		{"declares UTF-8, is Latin-1", `<html><head><meta charset="utf-8"></head><body>` + latin + "</body></html>"},
	} {
		doc, err := Read("p.html", []byte(tt.page), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := doc.Paragraphs[len(doc.Paragraphs)-1].Text; !strings.Contains(got, "Mejías") || !strings.Contains(got, "niñas") {
			t.Errorf("%s: text %q", tt.name, got)
		}
	}
}

// TestPageIdentity checks the headline and date a page gives.
func TestPageIdentity(t *testing.T) {
	for _, tt := range []struct{ name, page, title, date string }{
		{"h1 agreeing with og:title", `<html><head><meta property="og:title" content="La CIDH otorga medidas cautelares | Sitio"><meta property="article:published_time" content="2024-03-05T10:00:00-06:00"></head><body><h2>Publicidad</h2><article><h1>La CIDH otorga medidas cautelares</h1><p>Texto.</p></article></body></html>`,
			"La CIDH otorga medidas cautelares", "2024-03-05"},
		{"section label h1, og:title", `<html><head><meta property="og:title" content="Corte ordena reparar a las víctimas de la masacre"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023-11-02T08:00:00-03:00"}</script></head><body><h1>Nacionales</h1><p>La Corte ordenó…</p></body></html>`,
			"Corte ordena reparar a las víctimas de la masacre", "2023-11-02"},
		{"donation button h1", `<html><head><title>Informe sobre desapariciones en el norte - ONG</title></head><body><div class="donate"><h1>Dona ahora</h1></div><main><h1>Informe sobre desapariciones en el norte</h1><p><time datetime="2022-08-30">30 de agosto de 2022</time></p></main></body></html>`,
			"Informe sobre desapariciones en el norte", "2022-08-30"},
		{"UTC after midnight, printed date", `<html><head><meta property="og:title" content="El Senado aprueba la ley de víctimas"><meta property="article:published_time" content="2022-05-04T00:53:29Z"></head><body><article><h1>El Senado aprueba la ley de víctimas</h1><p class="fecha">3 de mayo de 2022 21:25</p><p>Texto.</p></article></body></html>`,
			"El Senado aprueba la ley de víctimas", "2022-05-03"},
		{"the article's own headline unlike the declared title", `<html><head><meta property="og:title" content="El diario recibirá cartas con las denuncias de los lectores"></head><body><header><h1 class="logo">El Diario</h1></header><article><h1>Carta abierta, un nuevo espacio para las denuncias de los lectores</h1><p>` + lorem + `</p></article></body></html>`,
			"Carta abierta, un nuevo espacio para las denuncias de los lectores", ""},
		{"two headings in the article: the declared title", `<html><head><meta property="og:title" content="El diario recibirá cartas con las denuncias de los lectores"></head><body><article><h1>Opinión</h1><h1>Carta abierta, un nuevo espacio para las denuncias</h1><p>` + lorem + `</p></article></body></html>`,
			"El diario recibirá cartas con las denuncias de los lectores", ""},
		{"a two-word headline, no metadata", `<html><body><main><h1>Informe anual</h1><p>El Comité presentó su informe anual a la Asamblea.</p></main></body></html>`,
			"Informe anual", ""},
		{"dateline", `<html><body><article><h1>La Comisión condena el asesinato de una defensora</h1><p>Washington, D.C., 12 de marzo de 2021.– La Comisión Interamericana de Derechos Humanos condena…</p></article></body></html>`,
			"La Comisión condena el asesinato de una defensora", "2021-03-12"},
		{"date-only line", `<html><body><article><h1>Audiencia pública sobre el caso de la comunidad</h1><p>Lunes 18 Abril, 2022</p><p>Texto de la nota.</p></article></body></html>`,
			"Audiencia pública sobre el caso de la comunidad", "2022-04-18"},
	} {
		doc, err := Read("p.html", []byte(tt.page), Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if doc.Title != tt.title || doc.Adopted.String() != tt.date {
			t.Errorf("%s: title %q, date %q; want %q, %q", tt.name, doc.Title, doc.Adopted, tt.title, tt.date)
		}
	}
}

// TestWebFurniture checks that a page's furniture is dropped and declared
// by kind, and that its article stays whole.
func TestWebFurniture(t *testing.T) {
	article := "La Corte Interamericana de Derechos Humanos ordenó al Estado investigar la desaparición forzada de los dirigentes comunitarios y reparar a sus familias, en una sentencia que la comunidad esperaba desde hacía veinte años."
	page := `<html><body><article>
<div class="section-label">Nacionales</div>
<h1>La Corte ordena investigar la desaparición de los dirigentes</h1>
<div class="c-share-bar"><a>Facebook</a> <a>Twitter</a></div>
<h2>Antecedentes</h2>
<p>` + article + `</p>
<p>Lee también: La CIDH visita la región</p>
<p>El fallo es definitivo.</p>
<div class="newsletter-signup"><p>Suscríbete a nuestro boletín</p></div>
<div class="author-bio"><p>Periodista especializada en justicia.</p></div>
<p>Comparte esta noticia</p>
<div id="comments"><p>Deja tu comentario</p></div>
<section class="related-articles"><h3>Noticias relacionadas</h3><ul><li><a href="/a">Otra nota</a></li></ul></section>
<div class="cookie-banner"><p>Este sitio utiliza cookies para mejorar la experiencia.</p></div>
<h4>Más en Nacionales</h4>
</article></body></html>`
	doc, err := Read("p.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range doc.Paragraphs {
		texts = append(texts, p.Text)
	}
	want := []string{"La Corte ordena investigar la desaparición de los dirigentes", "Antecedentes", article, "El fallo es definitivo."}
	if strings.Join(texts, "\n") != strings.Join(want, "\n") {
		t.Errorf("text:\n%s\nwant:\n%s", strings.Join(texts, "\n"), strings.Join(want, "\n"))
	}
	for _, kind := range []string{"share", "related", "subscription", "author", "comments", "cookie", "section"} {
		if doc.Dropped[kind] == 0 {
			t.Errorf("no %s declared dropped: %v", kind, doc.Dropped)
		}
	}
}

func FuzzPageDate(f *testing.F) {
	for _, s := range []string{"2022-05-04T00:53:29.274Z", "Wed, 04 May 2022 00:25:56 GMT", "jueves, 09 enero 2014 10:21", "2022-5-3T23:57:00", "12/03/2021", "1651626439", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parsePageDate(s)
		if ok && (d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31) {
			t.Fatalf("parsePageDate(%q) = %+v", s, d)
		}
		dateline(s)
		jsonLDObjects(s)
		cleanTitle(s)
	})
}

func FuzzOCRProducer(f *testing.F) {
	for _, s := range []string{"<< /Producer (ABBYY FineReader 12) >>", "/Producer <FEFF004F>", "/Creator (a\\) b", "<pdf:Producer>x", "/Producer ("} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ocrProducer([]byte(s))
	})
}
