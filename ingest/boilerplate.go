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
	regexp.MustCompile(`(?i)^(foto|imagen|photo|image|crédito|credit)s?\s*:`),
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
