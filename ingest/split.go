package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxParagraphBytes is the longest paragraph ingest keeps whole. A longer
// block of text (a 53 MB file on one line, a judgment without paragraph
// breaks) is split at sentence ends into pieces of at most this size,
// numbered in corpus.Paragraph.Split and SplitOf: a single paragraph of tens
// of megabytes had taken ingest and the server to 1.9 GB, and each search
// on its index to seconds. The longest paragraph of the 165 files of
// ../shared and the module is 8.3 KB (a judgment of Peru's supreme court).
const MaxParagraphBytes = 16 << 10

// splitLong returns blocks with every block longer than max split into
// parts (blocks itself when none is).
func splitLong(blocks []block, max int) []block {
	long := false
	for _, b := range blocks {
		if blockBytes(b) > max {
			long = true
			break
		}
	}
	if !long {
		return blocks
	}
	var out []block
	for _, b := range blocks {
		if blockBytes(b) <= max {
			out = append(out, b)
			continue
		}
		pieces := splitText(strings.Join(b.lines, "\n"), max)
		for i, p := range pieces {
			part := b
			part.lines = strings.Split(p, "\n")
			part.piece, part.pieces = i+1, len(pieces)
			if i > 0 {
				part.number = 0 // the number is the paragraph's, printed on its first part
			}
			out = append(out, part)
		}
	}
	return out
}

func blockBytes(b block) int {
	n := 0
	for _, l := range b.lines {
		n += len(l) + 1
	}
	return n
}

// splitText cuts text into pieces of at most max bytes: after the last
// sentence end (".", "?", "!" and white space before a capital letter, a
// digit or an opening sign) in the second half of a piece, else after the
// last ";" or ":", else at the last white space, else at a character
// boundary. The white space at a cut is left out.
func splitText(text string, max int) []string {
	var out []string
	for len(text) > max {
		cut := cutPoint(text, max)
		out = append(out, strings.TrimRightFunc(text[:cut], unicode.IsSpace))
		text = strings.TrimLeftFunc(text[cut:], unicode.IsSpace)
	}
	if text != "" {
		out = append(out, text)
	}
	return out
}

// cutPoint returns where the first piece of text (longer than max) ends.
func cutPoint(text string, max int) int {
	window := text[:max+1] // a cut at max leaves a piece of max bytes
	lo := max / 2
	weak, space := -1, -1
	for i := max; i > lo; i-- {
		if !isSpaceByte(window[i]) || isSpaceByte(window[i-1]) {
			continue
		}
		if space < 0 {
			space = i
		}
		switch window[i-1] {
		case '.', '?', '!':
			if r, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(text[i:], unicode.IsSpace)); unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("(«\"“¿¡[", r) {
				return i
			}
		case ';', ':':
			if weak < 0 {
				weak = i
			}
		}
	}
	switch {
	case weak > 0:
		return weak
	case space > 0:
		return space
	}
	for i := max; i > 0; i-- {
		if utf8.RuneStart(text[i]) {
			return i
		}
	}
	return max
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
