package ingest

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Web pages copied as text, and HTML that escapes the extractor's element
// rules, carry lines that are no part of the content: the JavaScript notice,
// skip links, lone "Image" labels and the alt text that follows them, logo
// captions, photo credits, copyright lines.

var boilerplate = []*regexp.Regexp{
	regexp.MustCompile(`(?i)^(sorry, )?you need to enable javascript`),
	regexp.MustCompile(`(?i)^(es necesario|debe|necesita) (habilitar|activar) javascript`),
	regexp.MustCompile(`(?i)^(pasar|saltar|ir) al contenido( principal)?\.?$`),
	regexp.MustCompile(`(?i)^skip to (the )?(main )?content\.?$`),
	regexp.MustCompile(`(?i)^(image|imagen|foto|photo|picture)$`),
	regexp.MustCompile(`(?i)^(foto|imagen|photo|image|crédito|credit|ilustración|infografía|fotografía)s?\s*:`),
	regexp.MustCompile(`(?i)^(compartir|share)( en| on)?( facebook| twitter| x| linkedin| whatsapp)*$`),
	regexp.MustCompile(`(?i)^(leer|ver|read) (más|mas|more)$`),
}

// copyrightNotice matches the start of a copyright line: "© ONU Mujeres
// 2024", "(c) 2023 UNFPA", "Copyright 2024 …". "(c)" alone is not one: it
// begins the third item of a list in UN resolutions ("(c) non-lethal
// military equipment …"), which were dropped as copyright lines.
var copyrightNotice = regexp.MustCompile(`(?i)^(©|\(c\)\s*(©|(19|20)[0-9]{2}\b)|copyright\b)`)

// maxCopyrightNotice is the longest line, in characters, taken for a
// copyright notice: a paragraph of content may begin with "Copyright".
const maxCopyrightNotice = 200

// isBoilerplate reports whether a paragraph's text is web boilerplate.
func isBoilerplate(text string) bool {
	t := strings.TrimSpace(text)
	if isLogoCaption(t) {
		return true
	}
	if copyrightNotice.MatchString(t) && utf8.RuneCountInString(t) <= maxCopyrightNotice {
		return true
	}
	for _, re := range boilerplate {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

// isLogoCaption reports whether t is a logo's caption: at most 80
// characters and the word "logo" ("Logo de ONU Mujeres" is not; "ONU
// Mujeres logo" is). A function rather than the regular expression
// `(?i)^.{0,80}\blogo$`, which tried 80 starts on every paragraph.
func isLogoCaption(t string) bool {
	const logo = "logo"
	if len(t) < len(logo) || !strings.EqualFold(t[len(t)-len(logo):], logo) {
		return false
	}
	before := t[:len(t)-len(logo)]
	if n := len(before); n > 0 && isWordByte(before[n-1]) {
		return false
	}
	return utf8.RuneCountInString(before) <= 80
}

// isWordByte reports whether c is an ASCII letter, digit or underscore:
// what \b of a regular expression counts as a word.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// isImageLabel reports whether text is a lone image label, after which a
// copied page has the image's alt text ("Image" / "Cover of Goal 5 …").
func isImageLabel(text string) bool {
	t := strings.TrimSpace(text)
	if len(t) > len("picture") {
		return false // longer than any label: no need to lower it
	}
	switch strings.ToLower(t) {
	case "image", "imagen", "foto", "photo", "picture":
		return true
	}
	return false
}

// Web page furniture: what a news or agency page prints around the
// article and is no part of it. Each kind is dropped and declared in
// Document.Dropped under its name.
const (
	furnCookie       = "cookie"       // cookie and consent notices
	furnSubscription = "subscription" // newsletter and subscription prompts, paywalls
	furnAuthor       = "author"       // author bios
	furnShare        = "share"        // share buttons and prompts
	furnComments     = "comments"     // comment prompts and threads
	furnRelated      = "related"      // related-article lists, recommendations
	furnAdvertising  = "advertising"  // advertisements and their labels
	furnDonation     = "donation"     // donation buttons and appeals
	furnTools        = "tools"        // reading and listening aids: reading time, listen buttons
	furnNotice       = "notice"       // the site's notices to its readers
)

// furnitureParts maps the parts of class names and ids (split at spaces,
// "-" and "_") that mark an element as furniture to its kind.
var furnitureParts = map[string]string{
	"cookie": furnCookie, "cookies": furnCookie, "gdpr": furnCookie, "consent": furnCookie, "cmp": furnCookie,
	"newsletter": furnSubscription, "newsletters": furnSubscription, "subscribe": furnSubscription,
	"subscription": furnSubscription, "suscripcion": furnSubscription, "suscribete": furnSubscription,
	"paywall": furnSubscription, "registerwall": furnSubscription, "login": furnSubscription, "signin": furnSubscription, "signup": furnSubscription,
	"bio": furnAuthor, "author": furnAuthor, "autor": furnAuthor, "authors": furnAuthor, "byline": furnAuthor,
	"share": furnShare, "sharing": furnShare, "sharebar": furnShare, "social": furnShare, "compartir": furnShare,
	"rrss": furnShare, "addthis": furnShare, "sharethis": furnShare,
	"comment": furnComments, "comments": furnComments, "comentarios": furnComments, "disqus": furnComments,
	"related": furnRelated, "relacionadas": furnRelated, "relacionados": furnRelated, "recommended": furnRelated,
	"recomendados": furnRelated, "outbrain": furnRelated, "taboola": furnRelated, "readmore": furnRelated,
	"publicidad": furnAdvertising, "advertisement": furnAdvertising, "advert": furnAdvertising, "ads": furnAdvertising,
	"ad": furnAdvertising, "banner": furnAdvertising, "dfp": furnAdvertising, "adunit": furnAdvertising,
	"skyscraper": furnAdvertising, "sponsored": furnAdvertising,
	"donate": furnDonation, "donation": furnDonation, "dona": furnDonation, "donativo": furnDonation,
}

// furniturePrompts are the openings of short blocks that are furniture
// whatever their markup, by kind.
var furniturePrompts = []struct {
	kind string
	re   *regexp.Regexp
}{
	{furnCookie, regexp.MustCompile(`(?i)^(este (sitio|portal|sitio web|web)|esta (web|página)|utilizamos|usamos|we use) .{0,60}\bcookies\b|^(aceptar|acepto|configurar|rechazar)( todas)?( las)? cookies|^pol[ií]tica de cookies$`)},
	{furnSubscription, regexp.MustCompile(`(?i)^(suscr[ií]b(ete|ite|irse|ase)|rec[ií]b[ea] (nuestro|el|las|los) (bolet[ií]n|newsletter|noticias)|reg[ií]strate (gratis|para)|inicia sesi[oó]n para|hazte (socio|socia|miembro|suscriptor)|ya eres suscriptor|contenido exclusivo para suscriptores)`)},
	// Paywalls and sign-in prompts: "Este audio es una característica
	// exclusiva para suscripciones", "Si ya tenés una cuenta", "Debe
	// iniciar sesión para poder guardar artículos", "Para suscriptores".
	{furnSubscription, regexp.MustCompile(`(?i)exclusiv[ao]s? para (suscriptor(es|as)|suscripciones)|^¿?(si )?ya (ten[eé]s|tienes|tiene|eres|sos) (una )?(cuenta|suscripci[oó]n|suscriptora?)[?,.]*( (ingres[aá]|inici[aá] sesi[oó]n|entr[aá])\b.*)?$|^debes? (iniciar sesi[oó]n|registrarte|estar registrado)|^(lock)?para suscriptores$|^(ingres[aá]|inici[aá] sesi[oó]n|reg[ií]strate|suscr[ií]bete|suscribite)( gratis)?$`)},
	// Newsletter and contact prompts: "Puede escribirnos a … o suscribirse
	// aquí a nuestra newsletter", "Suscríbete y recibe en tu correo…".
	{furnSubscription, regexp.MustCompile(`(?i)^puedes? escribirnos\b|\bsuscr[ií]b(irse|ete|ite|ase)\b.{0,60}\b(nuestr[oa] (newsletter|bolet[ií]n)|newsletter)|^newsletters?$|^bolet[ií]n( de noticias)?$`)},
	{furnShare, regexp.MustCompile(`(?i)^(comparte|compartir|comp[aá]rtelo|share)( (esta|este|la|el) (noticia|nota|art[ií]culo|publicaci[oó]n))?( en| on)?( (facebook|twitter|x|linkedin|whatsapp|telegram|e-?mail|correo))*[:.]?$`)},
	{furnComments, regexp.MustCompile(`(?i)^((deja|escribe|a[ñn]ade) (tu|un) comentario|comentarios( \([0-9]+\))?|[0-9]+ comentarios|s[eé] el primero en comentar|(ahora )?para comentar,? (debes|deb[eé]s|inicia|ten[eé]s)|comentar$|ver [0-9]+ comentarios$|los comentarios (est[aá]n|han sido) (inhabilitados|deshabilitados|cerrados))`)},
	{"chrome", regexp.MustCompile(`(?i)^(loading|cargando)\.{0,3}$`)},
	{"boilerplate", regexp.MustCompile(`(?i)todos los derechos reservados`)},
	// A label over links to other stories: "Te puede interesar", "Lee
	// también...", "TAMBIÉN LEA", "Por si no lo viste", "Notas relacionadas".
	{furnRelated, regexp.MustCompile(`(?i)^(te (puede|podr[ií]a) interesar|tambi[eé]n te (puede|podr[ií]a) interesar|le (puede|podr[ií]a) interesar|(lee|le[eé]|lea|leer|vea|ver|mira|mir[aá]|mire) (tambi[eé]n|adem[aá]s|m[aá]s)|tambi[eé]n (lea|lee|le[eé]|leer|vea|mira|puede leer|puedes leer)|noticias relacionadas|notas? relacionadas?|art[ií]culos relacionados|contenidos? relacionados?|relacionad[ao]s|m[aá]s noticias( de [^.]{1,30})?|lo m[aá]s le[ií]do|m[aá]s le[ií]das|m[aá]s en [^.]{1,30}|saber m[aá]s|por si no lo viste|te recomendamos|recomendad[ao]s( para ti)?|sobre el mismo tema|otras noticias|[uú]ltimas noticias|temas relacionados|informate m[aá]s|sigue leyendo|seguir leyendo)[:.…]*$`)},
	// An inline link to another article: "LEE MÁS | …", "Lea aquí: …",
	// "VEA TAMBIÉN: …", "También lea: …", "Nota relacionada: …", "(Le puede
	// interesar: …)".
	{furnRelated, regexp.MustCompile(`(?i)^\(?\s*(mira|mir[aá]|mire|vea|lee|le[eé]|lea|leer)( (aqu[ií]|tambi[eé]n|adem[aá]s|m[aá]s))?\s*[:|»]\s*\S|^\(?\s*(te (puede|podr[ií]a) interesar|le (puede|podr[ií]a) interesar|tambi[eé]n (lee|lea|le[eé]|leer|vea|mira|puedes leer|puede leer)|tambi[eé]n|ver m[aá]s|notas? relacionadas?|noticias? relacionadas?|relacionad[ao]s?|en contexto|recomendad[ao]|por si no lo viste)\s*[:|»]\s*\S`)},
	{furnShare, regexp.MustCompile(`(?i)^(twittear|tuitear|imprimir|enviar por (e-?mail|mail|correo)|copiar (enlace|link)|enlace copiado|rectificar|facebook|twitter|whatsapp|telegram|linkedin|pinterest|e-?mail|guardar|seguir|versi[oó]n impresa|reportar( un)? error|shares?|visto|vistas|visitas|aa)$`)},
	// Reading and listening aids: "8 minutos de lectura", "Tiempo de
	// lectura: 8 minutos", "Escucha esta noticia", "Escuchar artículo",
	// "Leído por …".
	{furnTools, regexp.MustCompile(`(?i)^(tiempo de lectura:?\s*)?[0-9]+ ?(min|minutos?)\.?( de lectura)?$|^tiempo de lectura\b|^(escucha|escuchar|escuch[aá])( (esta|la|el|este))? (noticia|nota|art[ií]culo|audio)( aqu[ií])?[.:]?$|^le[ií]do por [^.]{1,40}\.?$|^tu navegador no soporta`)},
	{furnSubscription, regexp.MustCompile(`(?i)^(recibe (alertas|notificaciones)|s[ií]guenos en|[uú]nete a nuestro canal)`)},
	{furnAdvertising, regexp.MustCompile(`(?i)^(publicidad|anuncio|advertisement|contenido patrocinado|espacio publicitario)$`)},
	{furnAuthor, regexp.MustCompile(`(?i)^(periodista|autor|autora|email|e-mail|correo|hora|cr[eé]ditos|fotos?|por):?$|^redacci[oó]n( [\p{Lu}]{1,4})?$`)},
	{furnRelated, regexp.MustCompile(`(?i)^(siguiente noticia|noticia anterior|nota anterior|siguiente nota|art[ií]culo (anterior|siguiente))$`)},
	{furnDonation, regexp.MustCompile(`(?i)^(dona( ahora| hoy| aqu[ií])?|donar|haz (un donativo|una donaci[oó]n)|apoya (nuestro|el) (trabajo|periodismo)|colabora con una donaci[oó]n)[.!]?$`)},
}

// readerNotice matches a notice of the site to its readers, printed with
// articles: "AVISO IMPORTANTE: Cualquier comunicación que tenga Página
// Siete con sus lectores será iniciada de un correo oficial…".
var readerNotice = regexp.MustCompile(`(?i)^(aviso importante|aviso a (nuestros )?(lectores|usuarios|suscriptores)|nota a (nuestros )?lectores)\s*[:.!-]\s*.{0,300}\b(lectores|suscriptores|audiencia)\b.{0,200}\b(correos?|mensajes?|comunicaci[oó]n|cuentas?|redes sociales|sitio|p[aá]gina)\b|^(aviso importante|aviso a (nuestros )?(lectores|usuarios|suscriptores)|nota a (nuestros )?lectores)\s*[:.!-]\s*.{0,300}\b(correos?|mensajes?|comunicaci[oó]n|cuentas?|redes sociales|sitio|p[aá]gina)\b.{0,200}\b(lectores|suscriptores|audiencia)\b`)

// maxNotice is the longest block, in characters, taken for a notice.
const maxNotice = 600

// appealAsk and appealAbout match the two halves of an appeal of a news
// site to its readers: a request in the second person ("apóyanos",
// "únete", "suscríbete", "doná", "te necesitamos", "no sería posible sin
// tu apoyo", "depende de vos", "Apoya el periodismo…") and what it is for
// ("periodismo", "información", "membresía", "suscripción"). A block is an
// appeal when it has both. Forms a report uses in the third person ("la
// ONU apoya…", "colabora con la fiscalía") are no request.
var (
	appealAsk   = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(ap[oó]y(anos|enos)|apoy[aá] (el|al|a este|nuestro|nuestra) (periodismo|medio|trabajo|diario)|apoy[aá] a [\p{Lu}]|ay[uú]d(anos|enos)|[uú]n[ei]te|s[uú]mate|hazte|hacete|suscr[ií]b(ete|ite|ase)|don[aá]|dona (aqu[ií]|ahora|hoy)|colabor[aá] con (nosotros|una donaci[oó]n)|contribu[ií] con|te necesita(mos)?|necesitamos (tu|su) apoyo|depende de (vos|ti|usted|ustedes|nuestros lectores|sus lectores)|no ser[ií]a posible sin (tu|su)|con (tu|su) suscripci[oó]n|cuenta con vos)(?:[^\p{L}]|$)`)
	appealAbout = regexp.MustCompile(`(?i)(?:^|[^\p{L}])(periodismo|periodistas|informaci[oó]n|informando|informar|nuestro (trabajo|equipo|medio)|nuestra comunidad|membres[ií]as?|suscripci[oó]n|donaci[oó]n|sostenibilidad|lectores)(?:[^\p{L}]|$)`)
	quoted      = regexp.MustCompile(`[«“"]`)
)

// isAppeal reports whether text is an appeal for support or a
// subscription (see appealAsk): both halves, and no quotation, so that a
// paragraph reporting what someone asked for stays.
func isAppeal(text string) bool {
	return appealAsk.MatchString(text) && appealAbout.MatchString(text) && !quoted.MatchString(text)
}

// maxAppeal is the longest block, in characters, taken for an appeal.
const maxAppeal = 600

// maxPrompt is the longest block, in characters, taken for a furniture
// prompt: an article's paragraph may well begin "Este sitio…".
const maxPrompt = 220

// furniturePrompt returns the kind of furniture a short block of a web
// page is by its text ("Suscríbete a nuestro boletín", "Comparte esta
// noticia", "Este sitio utiliza cookies…"), or "".
func furniturePrompt(text string) string {
	t := strings.TrimSpace(text)
	if t == "" || utf8.RuneCountInString(t) > maxPrompt {
		return ""
	}
	for _, p := range furniturePrompts {
		if p.re.MatchString(t) {
			return p.kind
		}
	}
	return ""
}

// furnitureAppeal returns furnDonation when text is a donation or
// subscription appeal, "notice" when it is a notice of the site to its
// readers, else "".
func furnitureAppeal(text string) string {
	t := strings.TrimSpace(text)
	n := utf8.RuneCountInString(t)
	switch {
	case n <= maxAppeal && isAppeal(t):
		return furnDonation
	case n <= maxNotice && readerNotice.MatchString(t):
		return furnNotice
	}
	return ""
}
