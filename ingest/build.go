package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
)

// build turns a reader's extraction into a Document: it normalises each
// block into a paragraph, drops boilerplate and repeated headings,
// recognises the document's structure, and repairs OCR damage.
func build(name string, format corpus.Format, ex *extraction, opt Options) *corpus.Document {
	doc := &corpus.Document{Source: name, Format: format}
	seen := map[string]bool{}
	afterImage := false
	for _, b := range ex.blocks {
		original := strings.Join(b.lines, "\n")
		lines := b.lines
		if format == corpus.FormatMarkdown {
			lines = make([]string, len(b.lines))
			for i, l := range b.lines {
				lines[i] = stripMarkdown(l)
			}
		}
		text := Normalize(joinLines(lines))
		if text == "" {
			continue
		}
		if isImageLabel(text) {
			afterImage = true
			continue
		}
		if afterImage && len(text) < 120 {
			afterImage = false // the image's alt text or caption
			continue
		}
		afterImage = false
		if isBoilerplate(text) {
			continue
		}
		short := len(text) < 120
		if short && seen[text] && b.kind != corpus.ListItem {
			continue // a repeated heading, logo line or running title
		}
		seen[text] = true
		if prev := continued(doc.Paragraphs, b.kind, text); prev != nil {
			// The paragraph goes on after a page break (and the footnotes
			// of the page before).
			prev.Text = joinLines([]string{prev.Text, text})
			prev.Original += "\n" + original
			continue
		}
		doc.Paragraphs = append(doc.Paragraphs, corpus.Paragraph{
			Kind:     b.kind,
			Number:   b.number,
			Text:     text,
			Original: original,
		})
	}
	for i := range doc.Paragraphs {
		doc.Paragraphs[i].Ordinal = i + 1
	}
	structure(doc, ex)
	// Structure may leave a paragraph empty (a lone bullet, a bare number).
	kept := doc.Paragraphs[:0]
	for _, p := range doc.Paragraphs {
		if p.Text != "" {
			p.Ordinal = len(kept) + 1
			kept = append(kept, p)
		}
	}
	doc.Paragraphs = kept
	doc.ID = corpus.DocumentID(name, doc.Symbol)
	return doc
}

// continued returns the paragraph that a block starting in lower case
// continues: the last body paragraph, when it ends mid-sentence. Footnotes
// between the two are passed over.
func continued(ps []corpus.Paragraph, kind corpus.ParagraphKind, text string) *corpus.Paragraph {
	if kind != "" || !startsLower(text) {
		return nil
	}
	for i := len(ps) - 1; i >= 0; i-- {
		p := &ps[i]
		if p.Kind == corpus.Footnote {
			continue
		}
		if p.Kind != "" || sentenceEnd.MatchString(p.Text) {
			return nil
		}
		return p
	}
	return nil
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
