package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sections returns, for each paragraph of d, its section: the headings
// above it, outermost first, and, for an item of a list, the sentence that
// opens the list ("El Comité recomienda al Estado parte que:") and the
// items it is nested under. The document's title heading is left out
// (every paragraph has it), and so is a resolution's adopting-body line,
// which ends in a comma. A heading's own section holds the headings it
// sits under.
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
//
// Items nest as Markdown lists do, in Markdown and in plain text alike: an
// item is under the item before it that is less indented, or, at the same
// indentation, that has another kind of marker not seen above it ("•"
// over "o", "1." over "a)", as word processors export lists to text); an
// item whose marker is one of an item above it is that item's sibling. So
// in the text file
//
//	Acceso a la justicia
//	• Comité contra la Tortura
//	    * 1° Observaciones finales sobre el Estado, Parag. 46
//
// the item's section is ["Acceso a la justicia", "Comité contra la
// Tortura"], as in its Markdown.
func (d *Document) Sections() [][]string {
	type open struct {
		level int
		text  string
	}
	var stack []open
	var items []listItem // the items the next one may be nested under
	out := make([][]string, len(d.Paragraphs))
	lead := "" // the sentence that opens the current list
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		level, item := headingLevel(p.Original)
		inList := item || p.Kind == ListItem
		switch {
		case p.Kind == Heading:
			for len(stack) > 0 && stack[len(stack)-1].level >= level {
				stack = stack[:len(stack)-1]
			}
			items = nil
		case !inList:
			// Running text ends the lists, and with them the headings
			// that were list items and the sentence that opened them.
			for len(stack) > 0 && stack[len(stack)-1].level >= listLevel {
				stack = stack[:len(stack)-1]
			}
			lead = ""
			items = nil
		case item:
			// An item ends the headings that were items as indented as
			// it or more: it is their sibling, not their child.
			for len(stack) > 0 && stack[len(stack)-1].level >= max(level, listLevel) {
				stack = stack[:len(stack)-1]
			}
		}
		var sec []string
		for _, o := range stack {
			sec = append(sec, o.text)
		}
		if lead != "" && inList {
			sec = append(sec, lead)
		}
		if inList && p.Kind != Heading {
			it := newListItem(p)
			items = it.under(items)
			for _, parent := range items {
				sec = append(sec, parent.text)
			}
			items = append(items, it)
		}
		out[i] = sec
		switch {
		case p.Kind == Heading:
			// Not the title, nor a line that opens a resolution's
			// text ("El Consejo de Derechos Humanos,").
			if (p.Text != d.Title || i > 1) && !strings.HasSuffix(p.Text, ",") {
				stack = append(stack, open{level, shorten(p.Text)})
			}
		case strings.HasSuffix(p.Text, ":") && !inList:
			lead = shorten(p.Text)
		}
	}
	return out
}

// listItem is an item of a list as Sections nests it: its indentation (a
// tab counts four spaces), the kind of its marker, and its text.
type listItem struct {
	indent int
	marker string
	text   string
}

// newListItem reads the indentation and marker of an item from the first
// line of its paragraph as extracted.
func newListItem(p *Paragraph) listItem {
	line, _, _ := strings.Cut(p.Original, "\n")
	indent := 0
	for _, r := range line {
		if r == ' ' {
			indent++
		} else if r == '\t' {
			indent += 4
		} else {
			break
		}
	}
	return listItem{indent: indent, marker: markerKind(strings.TrimLeft(line, " \t")), text: shorten(p.Text)}
}

// under returns those of open, the items before it outermost first, that
// it is nested under.
func (it listItem) under(open []listItem) []listItem {
	for len(open) > 0 {
		top := open[len(open)-1]
		switch {
		case top.indent > it.indent:
			open = open[:len(open)-1] // a deeper list has ended
			continue
		case top.indent < it.indent:
			return open // a deeper item: a child of top
		}
		// The same indentation: a sibling of the item with its marker,
		// else a child of top.
		for j := len(open) - 1; j >= 0 && open[j].indent == it.indent; j-- {
			if open[j].marker == it.marker {
				return open[:j]
			}
		}
		if it.marker == "" || top.marker == "" {
			return open[:len(open)-1]
		}
		return open
	}
	return open
}

// markerKind names the kind of marker a line opens with: the bullet
// itself ("•", "*", "-", "o", "◦"), "1." or "1)" for numbers, "a)" or
// "a." for letters, "(a)", "i)" for Roman numerals; "" for none.
func markerKind(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("*-+•–▪◦●·o", r) {
		if next, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsSpace(next) {
			return string(r)
		}
		return ""
	}
	paren := strings.HasPrefix(s, "(")
	t := strings.TrimPrefix(s, "(")
	i := 0
	for i < len(t) && i < 4 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	kind := "1"
	if i == 0 {
		for i < len(t) && i < 5 && strings.IndexByte("ivx", t[i]) >= 0 {
			i++
		}
		kind = "i"
		if i == 0 || i > 1 && i < len(t) && t[i] >= 'a' && t[i] <= 'z' {
			i, kind = 0, "a"
			if len(t) > 0 && t[0] >= 'a' && t[0] <= 'z' {
				i = 1
			}
		}
	}
	if i == 0 || i >= len(t) || t[i] != '.' && t[i] != ')' {
		return ""
	}
	if paren {
		return "(" + kind + t[i:i+1]
	}
	return kind + t[i:i+1]
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
// with a number ("3.", "3)"), a letter ("a)", "(b)"), a Roman numeral or
// the bullet "o": a numbered paragraph of a report at the margin is
// running text, and "o" there is a word.
func isListMarker(s string, numbers bool) bool {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '*', '-', '+', '•', '–', '▪', '◦', '●':
		next, _ := utf8.DecodeRuneInString(s[n:])
		return unicode.IsSpace(next)
	}
	if !numbers {
		return false
	}
	if r == 'o' || markerKind(s) != "" {
		// Indented, "o" is the bullet word processors give a second
		// level, and "a)", "(a)", "ii." are items.
		return markerKind(s) != ""
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
