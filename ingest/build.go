package ingest

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/entity"
	"github.com/relatoria/relatoria/ingest/extract"
	"github.com/relatoria/relatoria/ingest/ocr"
	"github.com/relatoria/relatoria/spanish"
)

// build turns a reader's extraction into a Document: it normalises each
// block into a paragraph, drops boilerplate and repeated headings,
// recognises the document's structure, and repairs OCR damage.
func build(name string, format corpus.Format, ex *extraction, opt Options) *corpus.Document {
	doc := &corpus.Document{Source: name, Format: format, Pages: ex.pages}
	for _, d := range ex.dropped {
		doc.Drop(d.Kind, d.Text)
	}
	keep := hyphenRule(ex)
	seen := map[string]bool{}
	afterImage := false
	var ocrPara []bool // by paragraph: read by Tesseract
	for _, b := range splitLong(ex.blocks, MaxParagraphBytes) {
		original := strings.Join(b.lines, "\n")
		lines := b.lines
		if format == corpus.FormatMarkdown {
			lines = make([]string, len(b.lines))
			for i, l := range b.lines {
				lines[i] = stripMarkdown(l)
			}
		}
		text := spanish.Normalize(joinLines(lines, keep))
		if text == "" {
			continue
		}
		var mended []corpus.Repair
		if b.ocr && !opt.NoRepair && elisionMark(text) {
			// "(…)" alone on its line, read by OCR as "(.)", "E.)", "(5)".
			mended = []corpus.Repair{{From: text, To: "(…)"}}
			text = "(…)"
		}
		if isImageLabel(text) {
			afterImage = true
			doc.Drop("image", original)
			continue
		}
		if afterImage && len(text) < 120 {
			afterImage = false // the image's alt text or caption
			doc.Drop("image", original)
			continue
		}
		afterImage = false
		if isBoilerplate(text) {
			doc.Drop("boilerplate", original)
			continue
		}
		short := len(text) < 120
		if short && seen[text] && !mayRecur(b, text) {
			doc.Drop("repeated", original) // a repeated heading, logo line or running title
			continue
		}
		seen[text] = true
		if prev := continued(doc.Paragraphs, b.kind, text); prev != nil && !subBullet(b.lines[0]) && b.piece <= 1 {
			// The paragraph goes on after a page break (and the footnotes
			// of the page before).
			if b.page > 0 {
				// Confidence over the whole, weighted by length.
				n, m := float64(len(prev.Text)), float64(len(text))
				prev.Confidence = roundConf((prev.Confidence*n + b.conf*m) / (n + m))
			}
			prev.Text = joinLines([]string{prev.Text, text}, keep)
			prev.Original += "\n" + original
			prev.Notes = append(prev.Notes, b.notes...)
			ocrPara[len(ocrPara)-1] = ocrPara[len(ocrPara)-1] || b.ocr
			continue
		}
		ocrPara = append(ocrPara, b.ocr)
		doc.Paragraphs = append(doc.Paragraphs, corpus.Paragraph{
			Kind:       b.kind,
			Number:     corpus.NumberOf(b.number),
			Text:       text,
			Original:   original,
			Repairs:    mended,
			Page:       b.page,
			Confidence: roundConf(b.conf),
			Split:      b.piece,
			SplitOf:    b.pieces,
			Notes:      b.notes,
		})
	}
	for i := range doc.Paragraphs {
		doc.Paragraphs[i].Ordinal = i + 1
	}
	if !opt.NoRepair {
		repair(doc, ocrPara, ex.ocrProducer)
	}
	structure(doc, ex)
	if format == corpus.FormatHTML {
		// A page's own headline and date, not a section label.
		if ex.headline != "" {
			doc.Title = ex.headline
		}
		if !ex.published.IsZero() {
			doc.Adopted = ex.published
		}
	}
	annotate(doc)
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

// roundConf rounds an OCR confidence to one decimal.
func roundConf(c float64) float64 { return math.Round(c*10) / 10 }

// mayRecur reports whether a short block whose text the document has had
// already is content in its own right rather than a line repeated on every
// page: any block of a PDF (whose running lines were told by their place),
// an item of a list ("(a) Member States;", "* Comité contra la
// Tortura" under each topic), a Markdown heading (a report's "C. Motivos
// de preocupación" in a file of several reports), or a sentence ("No se
// observan recomendaciones con perspectiva de género." under each report),
// or an elision "(…)".
func mayRecur(b block, text string) bool {
	first := text
	if len(b.lines) > 0 {
		first = strings.TrimSpace(b.lines[0])
	}
	return b.placed || b.kind == corpus.ListItem || startsItem(text) || startsItem(first) || len(b.lines) > 0 && subBullet(b.lines[0]) || strings.HasPrefix(first, "#") || isElision(text) ||
		strings.HasSuffix(text, ".") && len(strings.Fields(text)) >= 5
}

// isElision reports whether a paragraph is an elision mark, "(…)",
// "(...)", "[…]": a quotation's cut, as often as the text was cut.
func isElision(text string) bool {
	switch strings.TrimSpace(text) {
	case "(…)", "(...)", "[…]", "[...]", "…", "...":
		return true
	}
	return false
}

// continued returns the paragraph that a block starting in lower case
// continues: the last body paragraph, when it ends mid-sentence (a
// paragraph broken by a page break and the footnotes of the page before,
// which are passed over), or when it is the last item of a list and the
// block goes on with the sentence that opened the list ("(c) a final report
// by 13 November 2025;" then "and urges the Panel to seek feedback …").
func continued(ps []corpus.Paragraph, kind corpus.ParagraphKind, text string) *corpus.Paragraph {
	if kind != "" || !startsLower(text) || startsItem(text) || subItem.MatchString(text) {
		return nil
	}
	for i := len(ps) - 1; i >= 0; i-- {
		p := &ps[i]
		if p.Kind == corpus.Footnote {
			continue
		}
		if p.Kind != "" || sentenceEnd.MatchString(p.Text) && !endsListItem(p.Text) {
			return nil
		}
		return p
	}
	return nil
}

// endsListItem reports whether text is an item of a list that the sentence
// around it may go on after: "(c) …;" or "b) …,".
func endsListItem(text string) bool {
	return startsItem(text) && (strings.HasSuffix(text, ";") || strings.HasSuffix(text, ","))
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// maxUnknownForRepair is the share of unknown words above which a document
// is taken not to be Spanish (an English resolution, a table of names) and
// is left unrepaired: a Spanish lexicon would "correct" its words into
// Spanish ones. OCR-damaged Spanish runs at 8–15% unknown words.
const maxUnknownForRepair = 0.35

// Damage signatures. Text not known to be OCR output is repaired only
// when its unknown words have OCR's shapes (ocr.Stats.Shaped: "nifias",
// "cooperacidon", "6rganos", "cooperacién"), which born-digital text does
// not have: a writer leaves accents out ("Martin", "periodo", a URL's
// "busqueda"), OCR changes letters. A document shows the signature with
// at least minShaped such words and one in shapedPerMille thousand of its
// words (English-model OCR of Spanish has 50 to 120, the real scan of seed
// 003 has 32; the born-digital files of ../shared at most 0.5); a paragraph
// of an otherwise clean document (a page of OCR pasted in) with at least
// minShapedParagraph and one in ten of its words.
const (
	minShaped          = 5
	shapedPerMille     = 10
	minShapedParagraph = 3
)

// repair repairs OCR damage where the text is OCR output and records on
// the document how damaged it looked and why it was taken for OCR output.
// Born-digital text (a PDF with fonts, HTML, clean text) is left exactly
// as it is. ocrPara marks the paragraphs Tesseract read; producer is the
// OCR engine a PDF's metadata names, or "". Original is never changed.
func repair(doc *corpus.Document, ocrPara []bool, producer string) {
	r, err := ocr.Default()
	if err != nil {
		return // the embedded data is broken: a build problem, caught by tests
	}
	type fixed struct {
		text    string
		repairs []corpus.Repair
		st      ocr.Stats
	}
	var total ocr.Stats
	out := make([]fixed, len(doc.Paragraphs))
	for i, p := range doc.Paragraphs {
		text, reps, st := r.Repair(p.Text)
		out[i] = fixed{text, reps, st}
		total.Add(st)
	}
	report := &corpus.OCRReport{Words: total.Words, Unknown: total.Unknown, Shaped: total.Shaped}
	doc.OCR = report
	if total.Words > 0 && float64(total.Unknown) > maxUnknownForRepair*float64(total.Words) {
		return
	}
	isOCR := make([]bool, len(doc.Paragraphs))
	switch {
	case producer != "":
		report.Source = "producer"
		for i := range isOCR {
			isOCR[i] = true
		}
	case slices.Contains(ocrPara, true):
		// Pages read by Tesseract; the text pages of a mixed PDF are
		// born-digital.
		report.Source = "tesseract"
		copy(isOCR, ocrPara)
	case doc.Format == corpus.FormatHTML:
		return // a web page is born-digital
	case total.Shaped >= minShaped && total.Shaped*1000 >= total.Words*shapedPerMille:
		report.Source = "damage"
		for i := range isOCR {
			isOCR[i] = true
		}
	default:
		for i, f := range out {
			if f.st.Shaped >= minShapedParagraph && f.st.Shaped*10 >= f.st.Words {
				isOCR[i] = true
				report.Source = "damage"
			}
		}
	}
	if report.Source == "" {
		return
	}
	var seen ocr.Stats
	for i, f := range out {
		if isOCR[i] {
			seen.Add(f.st)
		}
	}
	report.Damaged = seen.Damaged() || report.Source == "damage"
	for i := range doc.Paragraphs {
		if !isOCR[i] {
			continue
		}
		if seen.Damaged() {
			// Degree signs after numbers are ordinals misread (see
			// ocr.MendDegrees), in short paragraphs too.
			text, reps := ocr.MendDegrees(out[i].text)
			out[i].text, out[i].repairs = text, append(out[i].repairs, reps...)
		}
		if len(out[i].repairs) > 0 {
			doc.Paragraphs[i].Text = out[i].text
			doc.Paragraphs[i].Repairs = append(doc.Paragraphs[i].Repairs, out[i].repairs...)
			report.Repairs += len(out[i].repairs)
		}
	}
}

// annotate extracts the dates, entities and citations of every paragraph.
func annotate(doc *corpus.Document) {
	g := entity.DefaultGazetteer()
	defs := entity.Definitions{}
	for _, p := range doc.Paragraphs {
		g.Define(defs, p.Text)
	}
	ctx := extract.Context{Body: doc.Body}
	// After each paragraph's citations: the judgments cited (which need
	// the notes that cite them in full), what a paragraph cites through
	// its footnotes, and no citation of the document itself.
	defer func() {
		extract.CaseCitations(doc)
		extract.NoteCitations(doc)
		ownCitations(doc)
	}()
	for i := range doc.Paragraphs {
		p := &doc.Paragraphs[i]
		p.Dates = extract.Dates(p.Text, p.Label)
		p.Entities = g.Entities(p.Text, defs)
		p.Citations = extract.Citations(p.Text, ctx)
		if doc.Kind == corpus.KindResolution && !doc.Adopted.IsZero() {
			for j := range p.Dates {
				if p.Dates[j].Start == doc.Adopted && (p.Kind == corpus.Plain || p.Kind == corpus.Heading) {
					p.Dates[j].Role = corpus.RoleAdoption
				}
			}
		}
	}
}

// hyphenRule decides, for a word broken at a line end, whether the hyphen
// is part of a compound and stays. A Spanish word is rejoined when the
// lexicon knows the whole ("vio-lencia"); two known words keep their hyphen
// ("público-privadas"); a word the lexicon does not know is rejoined in a
// Spanish document (where line-end hyphens split syllables) and kept in
// another (English UN documents hyphenate compounds, "gender-related", not
// syllables).
func hyphenRule(ex *extraction) func(first, second string) bool {
	lex, err := ocr.DefaultLexicon()
	if err != nil {
		return nil
	}
	// The document's language is looked at only when a hyphen has to be
	// decided, and on its first 300 words.
	decided, spanish := false, true
	isSpanish := func() bool {
		if decided {
			return spanish
		}
		decided = true
		known, words := 0, 0
	scan:
		for _, b := range ex.blocks {
			for _, l := range b.lines {
				for _, w := range strings.Fields(l) {
					w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
					if utf8.RuneCountInString(w) < 3 {
						continue
					}
					words++
					if _, ok := lex.Lookup(w); ok {
						known++
					}
					if words == 300 {
						break scan
					}
				}
			}
		}
		spanish = words == 0 || known*100 >= words*65
		return spanish
	}
	return func(first, second string) bool {
		if _, ok := lex.Lookup(first + second); ok {
			return false
		}
		_, ok1 := lex.Lookup(first)
		_, ok2 := lex.Lookup(second)
		if ok1 && ok2 && utf8.RuneCountInString(first) > 2 && utf8.RuneCountInString(second) > 2 {
			return true
		}
		return !isSpanish()
	}
}
