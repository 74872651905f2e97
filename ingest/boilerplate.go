package ingest

import (
	"regexp"
	"strings"
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
	regexp.MustCompile(`(?i)^(foto|imagen|photo|image|crédito|credit)s?\s*:`),
	regexp.MustCompile(`(?i)^.{0,80}\blogo$`),
	regexp.MustCompile(`^(©|\(c\)|copyright\b)`),
	regexp.MustCompile(`(?i)^(compartir|share)( en| on)?( facebook| twitter| x| linkedin| whatsapp)*$`),
	regexp.MustCompile(`(?i)^(leer|ver|read) (más|mas|more)$`),
}

// isBoilerplate reports whether a paragraph's text is web boilerplate.
func isBoilerplate(text string) bool {
	t := strings.TrimSpace(text)
	for _, re := range boilerplate {
		if re.MatchString(t) {
			return true
		}
	}
	return false
}

// isImageLabel reports whether text is a lone image label, after which a
// copied page has the image's alt text ("Image" / "Cover of Goal 5 …").
func isImageLabel(text string) bool {
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "image", "imagen", "foto", "photo", "picture":
		return true
	}
	return false
}
