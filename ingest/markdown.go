package ingest

import (
	"regexp"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// Markdown is read as text with its markup understood: YAML front matter
// gives the title, "#" lines are headings, "[^n]: …" lines are footnotes,
// list markers start items, and inline markup (emphasis, links, footnote
// references) is dropped from Text while Original keeps it.

var (
	mdHeading  = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	mdFootnote = regexp.MustCompile(`^\[\^[^\]]+\]:\s*`)
	mdTitle    = regexp.MustCompile(`^title:\s*"?(.*?)"?\s*$`)
	mdListKey  = regexp.MustCompile(`^(categories|tags):\s*$`)
	mdListItem = regexp.MustCompile(`^\s*-\s*"?(.*?)"?\s*$`)
)

func readMarkdown(data []byte) (*extraction, error) {
	s, err := decode(data)
	if err != nil {
		return nil, err
	}
	lines := splitLines(s)
	ex := &extraction{}
	// Front matter.
	if len(lines) > 0 && strings.TrimSpace(lines[0]) == "---" {
		for i := 1; i < len(lines); i++ {
			if strings.TrimSpace(lines[i]) == "---" {
				list := false // inside a "categories:" or "tags:" list
				for _, fm := range lines[1:i] {
					if m := mdTitle.FindStringSubmatch(fm); m != nil {
						ex.title = m[1]
					}
					if m := mdListItem.FindStringSubmatch(fm); list && m != nil {
						ex.categories = append(ex.categories, m[1])
						continue
					}
					list = mdListKey.MatchString(fm)
				}
				lines = lines[i+1:]
				break
			}
		}
	}
	lines, symbols := dropFurniture(lines, ex)
	if len(symbols) > 0 {
		ex.symbol = symbols[0]
	}
	var cur []string
	var kind corpus.ParagraphKind
	flush := func() {
		if len(cur) > 0 {
			ex.blocks = append(ex.blocks, block{lines: cur, kind: kind})
		}
		cur, kind = nil, ""
	}
	inFence, inQuote := false, false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if !inFence && strings.HasPrefix(t, ">") {
			// A block quote: its text without the markers ("> «Nadie…»",
			// "> > nested"), a paragraph of its own; "> " alone
			// separates its paragraphs.
			if !inQuote {
				flush()
				inQuote = true
			}
			if q := strings.TrimLeft(t, "> \t"); q != "" {
				cur = append(cur, q)
			} else {
				flush()
			}
			continue
		}
		if t == "" {
			inQuote = false
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			flush()
			continue
		}
		switch {
		case t == "":
			flush()
		case inFence:
			cur = append(cur, l)
		case mdHeading.MatchString(t):
			flush()
			cur, kind = []string{l}, corpus.Heading
			flush()
		case mdFootnote.MatchString(t):
			flush()
			cur, kind = []string{l}, corpus.Footnote
		case strings.HasPrefix(t, "|") || isRule(t):
			flush()
			if !isRule(t) && !isTableRule(t) {
				ex.blocks = append(ex.blocks, block{lines: []string{l}})
			}
		case len(cur) > 0 && startsItem(t):
			flush()
			cur = []string{l}
		default:
			cur = append(cur, l)
		}
	}
	flush()
	return ex, nil
}

func isRule(t string) bool {
	t = strings.ReplaceAll(t, " ", "")
	return len(t) >= 3 && (strings.Trim(t, "-") == "" || strings.Trim(t, "*") == "" || strings.Trim(t, "_") == "")
}

func isTableRule(t string) bool { return strings.Trim(t, "|-: ") == "" }

var (
	mdInlineLink = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdFootRef    = regexp.MustCompile(`\[\^[^\]]+\]`)
)

// stripEmphasis removes Markdown emphasis as the regular expression
// (\*\*|\b__|__\b|\*|\b_|_\b|~~|`) replaced by nothing did, without it
// (FuzzStripMarkdown holds the two equal): it removes
// "**", "*", "~~", "`", and "_" or "__" where a word boundary (of ASCII
// letters, digits and "_", as regexp's \b) stands before it or, failing
// that, after it ("__" inside a word, "S_RES_2770__2025_", is no
// emphasis).
func stripEmphasis(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '*' && i+1 < len(s) && s[i+1] == '*':
			i += 2
			continue
		case c == '*' || c == '`':
			i++
			continue
		case c == '~' && i+1 < len(s) && s[i+1] == '~':
			i += 2
			continue
		case c == '_':
			boundaryBefore := i == 0 || !isWordByte(s[i-1])
			if i+1 < len(s) && s[i+1] == '_' {
				if boundaryBefore || i+2 == len(s) || !isWordByte(s[i+2]) {
					i += 2
					continue
				}
			}
			if boundaryBefore || i+1 == len(s) || !isWordByte(s[i+1]) {
				i++
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// stripMarkdown removes inline markup from a line of Markdown text. Each
// pattern runs only
// when the line holds what it cannot match without: identify strips every
// line of a document's front this way, Markdown or not, and the patterns
// had been a tenth of an ingest of the bench corpus.
func stripMarkdown(s string) string {
	if strings.HasPrefix(s, "[^") {
		s = mdFootnote.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "](") {
		s = mdInlineLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "[^") {
		s = mdFootRef.ReplaceAllString(s, "")
	}
	if strings.ContainsAny(s, "*_~`") {
		s = stripEmphasis(s)
	}
	if t := strings.TrimSpace(s); strings.HasPrefix(t, "#") {
		if m := mdHeading.FindStringSubmatch(t); m != nil {
			s = m[2]
		}
	}
	return s
}
