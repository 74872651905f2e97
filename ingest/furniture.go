package ingest

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/relatoria/relatoria/corpus"
)

// Page furniture is what a printed page repeats around its text: job
// numbers ("GE.22-16568"), page numbers, the document symbol in the running
// header, barcodes, and the bookmark outline that some PDF-to-text tools
// append after the last page. None of it is content.

var (
	// furnitureToken matches each word of a furniture line: a job number
	// ("GE.22-16568", "24-14711", "25-03579*" when reissued), its language
	// mark ("(E)", "(S)"), the dates of its processing ("171022"), a page
	// number ("5", "2/3", "- 5 -"), a barcode ("*2216568*"), a rule.
	furnitureToken = regexp.MustCompile(`^(?:(?:GE\.)?[0-9]{2}-[0-9]{4,6}\*?|\([A-Z]\)|[0-9]{6}|[0-9]{1,4}(?:/[0-9]{1,4})?|\*[0-9]{6,10}\*|[-–]|_{3,}|[Pp]ágina|[Pp]age|[Pp]\.|de|of)$`)
	// pageWords are the words that alone do not make a line content.
	jobOrPage = regexp.MustCompile(`(?:GE\.)?[0-9]{2}-[0-9]{4,6}\*?|^[0-9]{1,4}(?:/[0-9]{1,4})?$|_{3,}|^\*[0-9]+\*$`)
)

// isFurniture reports whether a whole line is page furniture: made only of
// job numbers, page numbers, barcodes and rules.
func isFurniture(line string) bool {
	var buf [7]string
	f := fieldsUpTo(line, buf[:0])
	if len(f) == 0 || len(f) > 6 {
		return false
	}
	for _, w := range f {
		if !furnitureToken.MatchString(w) {
			return false
		}
	}
	return jobOrPage.MatchString(strings.Join(f, " ")) || len(f) == 1
}

// fieldsUpTo appends to f the white-space separated words of s, as
// strings.Fields finds them, but no more than cap(f): isFurniture looks at
// lines of six words at most, and splitting every line of a document into
// all its words was 5% of what ingest allocated.
func fieldsUpTo(s string, f []string) []string {
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				f = append(f, s[start:i])
				start = -1
				if len(f) == cap(f) {
					return f
				}
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		f = append(f, s[start:])
	}
	return f
}

// headerSymbol returns the symbol when a whole line is nothing but a full
// document symbol, as in a running header ("A/HRC/RES/51/34").
func headerSymbol(line string) (corpus.Symbol, bool) {
	t := strings.TrimSpace(line)
	if strings.HasSuffix(t, ".") || strings.HasSuffix(t, ",") {
		return "", false // a reference in running text or a footnote
	}
	if !strings.Contains(t, "/") || strings.Contains(t, " ") && !strings.HasSuffix(t, ")") {
		return "", false
	}
	s, err := corpus.ParseSymbol(t)
	if err != nil || !s.IsFull() {
		return "", false
	}
	return s, true
}

// dropFurniture removes furniture lines from lines, replacing each with a
// blank line so paragraph breaks survive. Form feeds become blank lines.
// A trailing run of tab-indented lines after the last page (a PDF outline
// dumped as text) is dropped. Lines that are only a document symbol are
// dropped too and returned, most frequent first, as symbol candidates.
// Each line dropped is recorded on ex.
func dropFurniture(lines []string, ex *extraction) (kept []string, symbols []corpus.Symbol) {
	count := map[corpus.Symbol]int{}
	var order []corpus.Symbol
	for _, l := range lines {
		for part := range strings.SplitSeq(l, "\f") {
			switch s, ok := headerSymbol(part); {
			case ok:
				if count[s] == 0 {
					order = append(order, s)
				}
				count[s]++
				kept = append(kept, "")
				ex.drop("furniture", part)
			case isFurniture(part):
				kept = append(kept, "")
				ex.drop("furniture", part)
			default:
				kept = append(kept, part)
			}
		}
	}
	before := len(kept)
	kept = dropOutline(kept)
	for _, l := range kept[len(kept):before] {
		ex.drop("furniture", l) // the outline after the last page
	}
	for _, s := range order {
		symbols = append(symbols, s)
	}
	return kept, symbols
}

// dropTextMasthead removes the masthead a UN document's text begins with when
// it was taken from the printed page (pdftotext, OCR): the lines up to the
// one with "Distr." ("Naciones Unidas   A/HRC/51/7", "Asamblea General
// Distr. general") and, after it, the date, language and "Original:"
// lines. It returns the symbol the masthead gives, if any. Text without
// "Distr." among its first lines is returned as it is.
func dropTextMasthead(lines []string) (kept []string, symbol corpus.Symbol) {
	distr, seen := -1, 0
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if strings.Contains(l, "Distr.") {
			distr = i
			break
		}
		if seen++; seen == 8 {
			break
		}
	}
	if distr < 0 {
		return unMastheadLine(lines)
	}
	end := distr + 1
	for end < len(lines) {
		t := strings.TrimSpace(lines[end])
		if t != "" && !mastheadTail(t) {
			break
		}
		end++
	}
	for _, l := range lines[:end] {
		if s, ok := pdfHeaderSymbol(strings.Join(strings.Fields(l), " ")); ok && symbol == "" {
			symbol = s
		}
	}
	kept = make([]string, end, len(lines)) // blank: the line numbers stay those of the text
	return append(kept, lines[end:]...), symbol
}

// unMastheadLine handles a text without "Distr." whose first line is the
// UN's name and a symbol ("Naciones Unidas        A/HRC/99/7"): that line
// is the masthead, and gives the symbol. Other texts are returned as they
// are.
func unMastheadLine(lines []string) ([]string, corpus.Symbol) {
	for i, l := range lines {
		t := strings.Join(strings.Fields(l), " ")
		if t == "" {
			continue
		}
		rest, ok := strings.CutPrefix(t, "Naciones Unidas ")
		if !ok {
			rest, ok = strings.CutPrefix(t, "United Nations ")
		}
		if !ok {
			return lines, ""
		}
		// The symbol alone, with its year for the Security Council's
		// ("S/RES/2776 (2025)"), not a sentence that names one.
		f := strings.Fields(rest)
		year := len(f) == 2 && len(f[1]) == 6 && f[1][0] == '(' && f[1][5] == ')' && strings.Trim(f[1][1:5], "0123456789") == ""
		s, ok := pdfHeaderSymbol(rest)
		if !ok || len(f) > 1 && !year {
			return lines, ""
		}
		kept := make([]string, i+1, len(lines)) // blank: the line numbers stay those of the text
		return append(kept, lines[i+1:]...), s
	}
	return lines, ""
}

// mastheadTail reports whether a line is one that follows "Distr." in a
// masthead: the date, the language of the version, "Original: inglés".
func mastheadTail(line string) bool {
	t := strings.TrimSpace(line)
	return looksLikeDateLine(t) || originalLanguage.MatchString(t) || languageName[strings.ToLower(t)]
}

// languageName holds the names of the UN's languages as a masthead prints
// the language of a version ("Español", "Spanish"), lower-cased.
var languageName = map[string]bool{
	"español": true, "inglés": true, "francés": true, "árabe": true, "chino": true, "ruso": true,
	"spanish": true, "english": true, "french": true, "arabic": true, "chinese": true, "russian": true,
}

// dropOutline removes the bookmark residue that pdftotext and some OCR tools
// leave after the last page: a final run of lines that each begin with a tab.
func dropOutline(lines []string) []string {
	end := len(lines)
	for end > 0 && strings.TrimSpace(lines[end-1]) == "" {
		end--
	}
	i := end
	for i > 0 && (strings.HasPrefix(lines[i-1], "\t") || strings.TrimSpace(lines[i-1]) == "") {
		i--
	}
	tabbed := 0
	for _, l := range lines[i:end] {
		if strings.HasPrefix(l, "\t") {
			tabbed++
		}
	}
	if tabbed == 0 || i == 0 {
		return lines
	}
	return lines[:i]
}
