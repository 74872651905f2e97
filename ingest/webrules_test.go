package ingest

import (
	"strings"
	"testing"
)

// The rules of the web reader, one case each, on small pages shaped as
// the real ones of testdata/web are: what must go and what must stay.

const lorem = "La Comisión Interamericana de Derechos Humanos recibió ayer la denuncia de las familias de los desaparecidos, que reclaman desde hace años una investigación independiente sobre los hechos ocurridos en la región."

func readPage(t *testing.T, page string) (text string, title, date string) {
	t.Helper()
	doc, err := Read("p.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ps []string
	for _, p := range doc.Paragraphs {
		ps = append(ps, p.Text)
	}
	return strings.Join(ps, "\n"), doc.Title, doc.Adopted.String()
}

// TestWebFurnitureRules checks each kind of furniture the reader drops
// and the content beside it that it keeps.
func TestWebFurnitureRules(t *testing.T) {
	card := func(i string) string {
		return `<div class="views-row views-row-` + i + `"><a href="/otra/noticia-` + i + `"><img src="/f` + i + `.jpg"></a><h3><a href="/otra/noticia-` + i + `">Otra noticia ` + i + `</a></h3><div class="sumario">El resumen de otra noticia que se corta a la mitad de una frase para...</div></div>`
	}
	for _, tt := range []struct {
		name       string
		body       string
		keep, drop []string
	}{
		{"a list of teaser cards (picture, link, summary) after the article",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><div class="view-content">` + card("1") + card("2") + card("3") + `</div></article>`,
			[]string{lorem}, []string{"El resumen de otra noticia", "Otra noticia 2"}},
		{"two teaser cards alone",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><div class="view-content">` + card("1") + card("2") + `</div></article>`,
			[]string{lorem}, []string{"El resumen de otra noticia"}},
		{"paragraphs with links and no pictures are the article",
			`<article><h1>La CIDH recibe la denuncia</h1><div class="body"><p>Primero, <a href="/a">la Corte</a> dijo que el Estado debe investigar.</p><p>Segundo, <a href="/b">la Comisión</a> pidió medidas cautelares urgentes.</p><p>Tercero, <a href="/c">las familias</a> esperan una respuesta.</p></div></article>`,
			[]string{"Primero, la Corte", "Segundo, la Comisión", "Tercero, las familias"}, nil},
		{"a gallery whose pictures link to their files is the article's",
			`<article><h1>La CIDH recibe la denuncia</h1><div class="gallery"><div class="g"><a href="/f1.jpg"><img src="/f1.jpg"></a><p>Las familias frente a la sede.</p></div><div class="g"><a href="/f2.jpg"><img src="/f2.jpg"></a><p>La audiencia pública.</p></div><div class="g"><a href="/f3.jpg"><img src="/f3.jpg"></a><p>La marcha del jueves.</p></div></div><p>` + lorem + `</p></article>`,
			[]string{"Las familias frente a la sede.", "La marcha del jueves."}, nil},
		{"a box asking for support",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><div class="foot_note"><div><strong>Apoya el periodismo incómodo</strong></div>Si te parece valioso nuestro trabajo, apóyanos para seguir. Únete a nuestra comunidad de lectores que con su membresía garantizan nuestra sostenibilidad.<div>Te necesitamos para seguir incomodando al poder.</div><div><a href="/apoyo">Apoya a El Diario</a></div></div></article>`,
			[]string{lorem}, []string{"Apoya el periodismo", "Te necesitamos", "Apoya a El Diario"}},
		{"a paragraph reporting an appeal is the article's",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>Los organizadores pidieron a la población: «Únete a la marcha por el derecho a la información».</p></article>`,
			[]string{"Únete a la marcha"}, nil},
		{"a report of support in the third person is the article's",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>La ONU apoya la investigación y la policía colabora con la fiscalía, que pidió información a las familias.</p></article>`,
			[]string{"La ONU apoya la investigación"}, nil},
		{"sentences that open as prompts do are the article's",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>Ya tiene una cuenta bancaria en el extranjero, según la fiscalía.</p><p>Importante: los usuarios del transporte deberán usar mascarilla.</p><p>El acceso será exclusivo para socios del colegio de abogados.</p></article>`,
			[]string{"Ya tiene una cuenta bancaria", "Importante: los usuarios", "exclusivo para socios"}, nil},
		{"a notice of the site to its readers",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>AVISO IMPORTANTE: Cualquier comunicación que tenga El Diario con sus lectores será iniciada de un correo oficial.</p></article>`,
			[]string{lorem}, []string{"AVISO IMPORTANTE"}},
		{"the links under a 'Lee también' label",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><div class="lee">Lee también...</div><p><a href="/otra">Camionero baleado sigue en riesgo vital</a></p><p>Según el dirigente, el acuerdo fue insistir en una nueva ley. ` + lorem + `</p></article>`,
			[]string{lorem, "Según el dirigente"}, []string{"Camionero baleado"}},
		{"inline links to other stories",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>VEA TAMBIÉN: Estrella de la educación no brilla</p><p>Nota relacionada: La secretaria que tumbó al contralor</p><p>También lea: ¿Beneficia a Guatemala una mejor calificación?</p><p>(Le puede interesar: Buscan responsables de bus quemado)</p></article>`,
			[]string{lorem}, []string{"Estrella de la educación", "La secretaria que tumbó", "Beneficia a Guatemala", "bus quemado"}},
		{"reading and listening aids, paywall and newsletter prompts",
			`<article><h1>La CIDH recibe la denuncia</h1><p>8 minutos de lectura</p><p>Escucha esta noticia</p><p>Si ya tenés una cuenta</p><p>` + lorem + `</p><p>Puede escribirnos a redaccion@diario.com o suscribirse aquí a nuestra newsletter.</p><p>Los comentarios están inhabilitados.</p></article>`,
			[]string{lorem}, []string{"minutos de lectura", "Escucha esta", "ya tenés", "escribirnos", "comentarios"}},
		{"a comment thread of long comments below the article",
			`<div class="post"><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>Segundo párrafo. ` + lorem + `</p><p>Tercer párrafo. ` + lorem + `</p></div><section id="comments"><ul class="commentlist"><li class="comment"><div class="commentmetadata">Ramón dijo:</div><p>Estoy convencido de que no son pocos los lectores a los que les gustaría conocer el contenido del programa, sobre todo a aquellos que de una forma u otra intervienen en su desarrollo con la población en general y con los jóvenes en particular, pero igual interés se tiene por conocer los detalles del presupuesto.</p></li></ul></section>`,
			[]string{lorem, "Segundo párrafo", "Tercer párrafo"}, []string{"Ramón dijo", "Estoy convencido"}},
		{"an article marked as having share bars or comments is the article",
			`<div class="entry has-share-bar with-comments"><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>Segundo párrafo. ` + lorem + `</p></div><div class="comments"><p>Un lector comenta que la denuncia llega tarde y que las familias esperaron demasiado tiempo una respuesta de las autoridades del Estado, que durante años no contestaron ni una sola de las cartas que les enviaron desde la región.</p></div>`,
			[]string{lorem, "Segundo párrafo"}, []string{"Un lector comenta"}},
		{"a sign-in box",
			`<article><div class="user-login-box"><div>Registrarse</div><div>¡Bienvenido! Ingresa en tu cuenta</div><div>Recupera tu contraseña</div></div><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p></article>`,
			[]string{lorem}, []string{"Bienvenido", "Recupera tu contraseña"}},
		{"a paragraph that is a link to another story of the site, between the article's paragraphs",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p class="enlace"><span>[ </span><a href="https://www.diario.com/pais/otra-noticia/">Aduanas detenidas por hackeo mantienen a importadores con problemas</a><span> ]</span></p><p><a href="/pais/otra-mas/">La Corte ordena reabrir el caso de los desaparecidos</a></p><p>Segundo párrafo. ` + lorem + `</p></article>`,
			[]string{lorem, "Segundo párrafo"}, []string{"Aduanas detenidas", "La Corte ordena reabrir"}},
		{"a paragraph that is a link to a document or to another site is the article's",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p><a href="https://www.diario.com/docs/informe-anual-2021.pdf">Informe anual de la Comisión sobre la situación en la región</a></p><p><a href="https://www.oas.org/es/cidh/prensa/comunicados/2022/090.asp">Comunicado de prensa de la CIDH del 26 de abril</a></p><p>Segundo párrafo. ` + lorem + `</p></article>`,
			[]string{lorem, "Informe anual de la Comisión", "Comunicado de prensa", "Segundo párrafo"}, nil},
		{"a subheading near the end over sentences is the article's; a label after it is not",
			`<article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><h3>LA AGENDA DEL DÍA</h3><p>A las 10:00 horas, reunión con el gobernador regional.</p><p>A las 15:00 horas, visita al hospital.</p><h2><a href="/otra">El nuevo parque de la ciudad</a></h2><p>Conoce más del nuevo parque que se encuentra dentro de la ciudad.</p><h3>Más en Nación</h3></article>`,
			[]string{lorem, "LA AGENDA DEL DÍA", "A las 15:00 horas"}, []string{"Más en Nación", "El nuevo parque de la ciudad"}},
		{"a link to the section above the headline",
			`<main><div class="kicker"><a href="/honduras">Honduras</a></div><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p></main>`,
			[]string{lorem}, []string{"Honduras"}},
	} {
		text, _, _ := readPage(t, `<html><head><title>La CIDH recibe la denuncia</title><meta property="og:url" content="https://www.diario.com/pais/la-cidh-recibe/"></head><body>`+tt.body+`</body></html>`)
		for _, k := range tt.keep {
			if !strings.Contains(text, k) {
				t.Errorf("%s: lost %q; text:\n%s", tt.name, k, text)
			}
		}
		for _, d := range tt.drop {
			if strings.Contains(text, d) {
				t.Errorf("%s: kept %q; text:\n%s", tt.name, d, text)
			}
		}
	}
}

// TestWebHeadlineHeader checks that the header a page prints above its
// <article> (the headline and the deck under it) is read with it.
func TestWebHeadlineHeader(t *testing.T) {
	for _, tt := range []struct{ name, body string }{
		{"header beside the article",
			`<div class="story"><header><h1>Kenji Fujimori: juicio continuará el 18 de mayo</h1><h2 class="summary">La fiscalía pidió 12 años de prisión contra el excongresista.</h2></header><article><p>` + lorem + `</p></article></div><aside><p>` + strings.Repeat("Otra cosa. ", 50) + `</p></aside>`},
		{"headline in the picture's caption",
			`<div class="item"><div class="media"><figure><img src="/a.jpg"><figcaption><h1>Kenji Fujimori: juicio continuará el 18 de mayo</h1></figcaption></figure><div class="caption"><p class="lead">La fiscalía pidió 12 años de prisión contra el excongresista.</p></div></div><article><p>` + lorem + `</p></article></div>`},
	} {
		text, title, _ := readPage(t, `<html><head><meta property="og:title" content="Kenji Fujimori: juicio continuará el 18 de mayo"></head><body>`+tt.body+`</body></html>`)
		if title != "Kenji Fujimori: juicio continuará el 18 de mayo" {
			t.Errorf("%s: title %q", tt.name, title)
		}
		for _, k := range []string{"Kenji Fujimori: juicio continuará", "La fiscalía pidió 12 años", lorem} {
			if !strings.Contains(text, k) {
				t.Errorf("%s: lost %q; text:\n%s", tt.name, k, text)
			}
		}
		if strings.Contains(text, "Otra cosa") {
			t.Errorf("%s: kept the aside; text:\n%s", tt.name, text)
		}
	}
}

// TestWebPrintedDate checks the date a page prints against the one it
// declares.
func TestWebPrintedDate(t *testing.T) {
	for _, tt := range []struct{ name, head, body, date string }{
		{"a wrong offset one day off the printed date",
			`<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-04-27T02:10:00-05:00"}</script>`,
			`<article><h1>Continúan las protestas</h1><div class="byline"><span>EFE</span> <span class="fecha">martes 26 de abril de 2022 - 9:10 p.m.</span></div><p>` + lorem + `</p></article>`,
			"2022-04-26"},
		{"UTC after midnight",
			`<meta property="article:published_time" content="2022-04-22T04:04:54+00:00">`,
			`<article><h1>Tendencia de precios</h1><p>por Henry Montenegro</p><p>Publicado el 21 de abril de 2022 a las 22:04h</p><p>` + lorem + `</p></article>`,
			"2022-04-21"},
		{"a printed date far from the declared one is another date",
			`<meta property="article:published_time" content="2022-05-03T10:00:00-05:00">`,
			`<article><h1>Juicio continuará</h1><p class="kicker">Audiencia del 18 de mayo de 2022</p><p>` + lorem + `</p></article>`,
			"2022-05-03"},
		{"the date line a link to the day's archive, the site's date of today above the headline",
			`<meta property="article:published_time" content="2022-04-27T02:10:09+00:00">`,
			`<div class="wrap"><div class="top"><span>27 abril, 2022</span></div><h1>Alertan contra fraudes con falsos envíos</h1><div class="meta"><div class="author"><a href="/author/ma/">MA</a></div><div class="date"><a href="/2022/04/26/">26 abril, 2022 - 8:10 pm</a></div></div><p>` + lorem + `</p></div>`,
			"2022-04-26"},
		{"day, month and year between commas",
			``,
			`<article><h1>Nicaragua cerró 2021 con deuda externa</h1><p>Managua, Nicaragua 26, Abril, 2022 7:43 p.m.</p><p>` + lorem + `</p></article>`,
			"2022-04-26"},
		{"a date line above the headline",
			``,
			`<article><div class="meta">Redacción Central | 26 de abril de 2022</div><h1>Nicaragua cerró 2021 con deuda externa</h1><p>` + lorem + `</p></article>`,
			"2022-04-26"},
		{"spans side by side",
			``,
			`<article><h1>Tras una semana de acoso a la prensa</h1><div class="date"><span>Jueves, 21 de Abril de 2022</span><span>21/04/2022</span></div><p>` + lorem + `</p></article>`,
			"2022-04-21"},
		{"the month first",
			``,
			`<article><h1>La FAO advierte de una escalada</h1><p>Santo Domingo - abr. 22, 2022 | 12:01 a. m.</p><p>` + lorem + `</p></article>`,
			"2022-04-22"},
		{"day first with slashes, after the author",
			``,
			`<article><h1>Investigador chileno asegura</h1><p>Ariel Melgar Cabrera 3/5/2022 22:41</p><p>` + lorem + `</p></article>`,
			"2022-05-03"},
	} {
		_, _, date := readPage(t, `<html><head>`+tt.head+`</head><body>`+tt.body+`</body></html>`)
		if date != tt.date {
			t.Errorf("%s: date %q, want %s", tt.name, date, tt.date)
		}
	}
}

// TestWebContentRoot checks the choice of the element holding the
// article: of the page's <main> and <article> elements, the one holding
// the prose, never the first or the only one by position.
func TestWebContentRoot(t *testing.T) {
	teaser := func(i string) string {
		return `<article class="teaser"><h3><a href="/otra-` + i + `">Otra noticia ` + i + `</a></h3></article>`
	}
	widget := `<div role="main" class="widget"><div>Pico y placa hoy</div><div>Lunes 6 y 9</div></div>`
	for _, tt := range []struct {
		name, body string
		keep, drop []string
	}{
		{"two elements marked main: a widget in the header, the article below",
			`<header>` + widget + `</header><div role="main"><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>Segundo párrafo. ` + lorem + `</p></div>`,
			[]string{lorem, "Segundo párrafo"}, []string{"Pico y placa"}},
		{"a <main> holding no prose beside the article",
			`<main><p>Bienvenido</p></main><div class="story"><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>Segundo párrafo. ` + lorem + `</p></div>`,
			[]string{lorem, "Segundo párrafo"}, nil},
		{"teasers printed as <article> beside the article",
			`<div class="rail">` + teaser("1") + teaser("2") + `</div><article class="full"><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>Segundo párrafo. ` + lorem + `</p></article>` + teaser("3") + `<div class="mas"><p>Una columna de opinión sin relación con la noticia, que ocupa su propio recuadro al pie de la página y no es parte del artículo.</p></div>`,
			[]string{lorem, "Segundo párrafo"}, []string{"Otra noticia", "columna de opinión"}},
		{"the <article> within <main> holding part of the article: the <main>",
			`<main><article><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p></article><div class="sigue"><p>Segundo párrafo. ` + lorem + `</p><p>Tercer párrafo. ` + lorem + `</p></div></main>`,
			[]string{lorem, "Segundo párrafo", "Tercer párrafo"}, nil},
		{"no <main> nor <article>: the container holding the prose, not the biography in the sidebar",
			`<div id="wrap"><div id="col-izq"><h1>La CIDH recibe la denuncia</h1><div class="txt"><p>` + lorem + `</p><p>Segundo párrafo. ` + lorem + `</p><p>Tercer párrafo. ` + lorem + `</p><p>Cuarto párrafo. ` + lorem + `</p><p>Quinto párrafo. ` + lorem + `</p><p>Sexto párrafo. ` + lorem + `</p></div></div><div id="col-der"><div class="perfil"><img src="/a.jpg"><p>Periodista. Graduada en la Universidad de Oriente en 2007, reportera desde entonces; trabaja hoy en el diario de la capital.</p></div></div></div>`,
			[]string{lorem, "Segundo párrafo", "Sexto párrafo"}, []string{"Graduada en la Universidad"}},
		{"no <main> nor <article>, one paragraph of prose: its container, with the headline above it",
			`<div class="wrap"><h1>Alertan contra fraudes con falsos envíos</h1><p>` + lorem + `</p></div>`,
			[]string{"Alertan contra fraudes", lorem}, nil},
		{"a page of short lines only: the element marked main",
			`<div class="top"><p>Buscar en el sitio</p><p>Idioma: español</p></div><main><h1>Calendario de sesiones</h1><p>Lunes 6: Comité contra la Tortura.</p><p>Martes 7: Comité de Derechos Humanos.</p></main><div class="pie"><p>Ginebra, Suiza</p></div>`,
			[]string{"Lunes 6", "Martes 7"}, []string{"Buscar en el sitio", "Ginebra"}},
	} {
		text, _, _ := readPage(t, `<html><head><title>La CIDH recibe la denuncia</title></head><body>`+tt.body+`</body></html>`)
		for _, k := range tt.keep {
			if !strings.Contains(text, k) {
				t.Errorf("%s: lost %q; text:\n%s", tt.name, k, text)
			}
		}
		for _, d := range tt.drop {
			if strings.Contains(text, d) {
				t.Errorf("%s: kept %q; text:\n%s", tt.name, d, text)
			}
		}
	}
}

// TestWebRepeatedBlocks checks that a paragraph a page prints twice (laid
// out once for narrow screens and once for wide ones) is kept once, and
// that short lines an article repeats stay.
func TestWebRepeatedBlocks(t *testing.T) {
	second := "Es importante resaltar que a simple vista no se observa documento alguno, ya que la revisión se hizo con instrumentos especiales."
	body := `<div class="movil"><h1>La CIDH recibe la denuncia</h1><p>` + lorem + `</p><p>` + second + `</p></div>` +
		`<div class="escritorio"><p>` + lorem + `</p><p>` + second + `</p></div>` +
		`<div class="preguntas"><p>¿Quién responde?</p><p>El Estado no respondió a la pregunta.</p><p>¿Cuándo?</p><p>El Estado no respondió a la pregunta.</p></div>`
	text, _, _ := readPage(t, `<html><head><title>La CIDH recibe la denuncia</title></head><body>`+body+`</body></html>`)
	for s, want := range map[string]int{lorem: 1, second: 1, "El Estado no respondió": 2} {
		if n := strings.Count(text, s); n != want {
			t.Errorf("%.30q printed %d times, want %d; text:\n%s", s, n, want, text)
		}
	}
}
