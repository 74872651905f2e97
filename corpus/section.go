package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sections returns, for each paragraph of d, its section: the headings
// above it, outermost first, and, for an item of a list, the sentence that
// opens the list ("El Comité recomienda al Estado parte que:"). The
// document's title heading is left out (every paragraph has it), and so is
// a resolution's adopting-body line, which ends in a comma. A
// heading's own section holds the headings it sits under.
//
// Heading levels are read from the paragraph as extracted: a Markdown
// heading's "#"s give its level; a heading that was a list item ("* Comité
// de Derechos Humanos", with its items indented below it) sits under every
// Markdown heading, deeper the more it is indented, and ends where the list
// does; any other heading sits between the two. In a file such as
//
//	## Acceso a la justicia
//	* Comité de Derechos Humanos
//	  * 4º Observaciones finales sobre el Estado, Parag. 9
//
// the item's section is ["Acceso a la justicia", "Comité de Derechos
// Humanos"].
func (d *Document) Sections() [][]string {
	type open struct {
		level int
		text  string
	}
	var stack []open
	out := make([][]string, len(d.Paragraphs))
	lead := "" // the sentence that opens the current list
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		level, item := headingLevel(p.Original)
		switch {
		case p.Kind == Heading:
			for len(stack) > 0 && stack[len(stack)-1].level >= level {
				stack = stack[:len(stack)-1]
			}
		case !item && p.Kind != ListItem:
			// Running text ends the lists, and with them the headings
			// that were list items and the sentence that opened them.
			for len(stack) > 0 && stack[len(stack)-1].level >= listLevel {
				stack = stack[:len(stack)-1]
			}
			lead = ""
		}
		var sec []string
		for _, o := range stack {
			sec = append(sec, o.text)
		}
		if lead != "" && (item || p.Kind == ListItem) {
			sec = append(sec, lead)
		}
		out[i] = sec
		switch {
		case p.Kind == Heading:
			// Not the title, nor a line that opens a resolution's
			// text ("El Consejo de Derechos Humanos,").
			if (p.Text != d.Title || i > 1) && !strings.HasSuffix(p.Text, ",") {
				stack = append(stack, open{level, shorten(p.Text)})
			}
		case strings.HasSuffix(p.Text, ":") && !item && p.Kind != ListItem:
			lead = shorten(p.Text)
		}
	}
	return out
}

// InList reports whether p is an item of a list: of kind ListItem, or
// written as one (a bullet, an indented number). An item seldom stands
// alone: what it is about is said by the heading or sentence above the
// list, which is why the index searches an item's section with it.
func (p *Paragraph) InList() bool {
	_, item := headingLevel(p.Original)
	return item || p.Kind == ListItem
}

// listLevel is the level of a heading that was an item of a list; the
// indentation of the item is added to it.
const listLevel = 10

// otherLevel is the level of a heading neither Markdown nor a list item.
const otherLevel = 7

// headingLevel returns the level a paragraph would have as a heading, read
// from its first line as extracted, and whether that line is an item of a
// list (a bullet or a number, maybe indented).
func headingLevel(original string) (level int, item bool) {
	line, _, _ := strings.Cut(original, "\n")
	trimmed := strings.TrimLeft(line, " \t")
	if n := len(trimmed) - len(strings.TrimLeft(trimmed, "#")); n > 0 && n <= 6 && strings.HasPrefix(trimmed[n:], " ") {
		return n, false
	}
	indent := len(line) - len(trimmed)
	if isListMarker(trimmed, indent > 0) {
		return listLevel + indent, true
	}
	return otherLevel, false
}

// isListMarker reports whether a line opens with a bullet ("*", "-", "+",
// "•") followed by a space, or, when numbers is set (an indented line),
// with a number ("3.", "3)"): a numbered paragraph of a report at the
// margin is running text.
func isListMarker(s string, numbers bool) bool {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '*', '-', '+', '•', '–', '▪', '◦':
		next, _ := utf8.DecodeRuneInString(s[n:])
		return unicode.IsSpace(next)
	}
	if !numbers {
		return false
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && (s[i+1] == ' ' || s[i+1] == '\t')
}

// shorten cuts a long heading or lead sentence to about 200 bytes, at a
// space: the context of a section is its gist, not a whole paragraph.
func shorten(s string) string {
	const n = 200
	if len(s) <= n {
		return s
	}
	if i := strings.LastIndexByte(s[:n], ' '); i > n/2 {
		return s[:i]
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
