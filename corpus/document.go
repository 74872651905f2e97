package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"
)

// Kind says what sort of document a Document is.
type Kind string

// The document kinds.
const (
	KindResolution Kind = "resolution" // a numbered resolution with preamble and operative part
	KindDraft      Kind = "draft"      // a draft resolution, not adopted: an L document (A/HRC/59/L.17)
	KindPage       Kind = "page"       // a web or programme page
	KindOther      Kind = "other"      // anything else: reports, findings, declarations
)

// Format names the file format a Document was read from.
type Format string

// The input formats ingest understands.
const (
	FormatText     Format = "text"
	FormatMarkdown Format = "markdown"
	FormatHTML     Format = "html"
	FormatPDF      Format = "pdf"
	// FormatImage is a scanned page (TIFF, PNG or JPEG) read by OCR.
	FormatImage Format = "image"
)

// ParagraphKind says what role a Paragraph plays in its document.
type ParagraphKind string

// The paragraph kinds. Their Spanish names, used in queries, are given by
// ParagraphKind.Spanish.
const (
	Preambular ParagraphKind = "preambular" // "Reafirmando …," in a resolution's preamble
	Operative  ParagraphKind = "operative"  // "7. Destaca …;" in a resolution's operative part
	Heading    ParagraphKind = "heading"    // a title or section heading
	Plain      ParagraphKind = "paragraph"  // ordinary running text (numbered or not)
	ListItem   ParagraphKind = "list-item"  // a bullet or enumerated item
	Footnote   ParagraphKind = "footnote"   // a note at the foot of a page or document
)

// ParagraphKinds lists every ParagraphKind, in a stable order.
var ParagraphKinds = []ParagraphKind{Preambular, Operative, Heading, Plain, ListItem, Footnote}

var spanishKinds = map[ParagraphKind]string{
	Preambular: "preambular",
	Operative:  "operativo",
	Heading:    "encabezado",
	Plain:      "parrafo",
	ListItem:   "elemento",
	Footnote:   "nota",
}

// Spanish returns the Spanish name of k, as analysts type it in queries
// ("operativo", "preambular", "encabezado", "parrafo", "elemento", "nota").
func (k ParagraphKind) Spanish() string { return spanishKinds[k] }

// ParseParagraphKind accepts a kind by its English or Spanish name, ignoring
// case and accents in the common spellings ("operativo", "Operative",
// "párrafo"). It reports false for an unknown name.
func ParseParagraphKind(s string) (ParagraphKind, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u").Replace(s)
	for _, k := range ParagraphKinds {
		if s == string(k) || s == spanishKinds[k] {
			return k, true
		}
	}
	switch s {
	case "operativa", "operativos", "dispositivo":
		return Operative, true
	case "preambulo", "preambulares":
		return Preambular, true
	case "titulo":
		return Heading, true
	case "lista", "item":
		return ListItem, true
	}
	return "", false
}

// Document is one source file turned into structured text.
type Document struct {
	// ID is stable across runs: a resolution is identified by its full symbol
	// when it has one, anything else by a hash of its source path.
	ID     string `json:"id"`
	Source string `json:"source"` // the path it was read from
	Format Format `json:"format"`
	Kind   Kind   `json:"kind"`

	Symbol  Symbol `json:"symbol,omitempty"`  // "A/HRC/RES/51/34"; empty when unknown
	Title   string `json:"title,omitempty"`   // "Fortalecimiento de la cooperación técnica…"
	Body    string `json:"body,omitempty"`    // adopting body: "Consejo de Derechos Humanos"
	Session string `json:"session,omitempty"` // the meeting that adopted it: "44ª sesión"
	Adopted Date   `json:"adopted,omitzero"`  // adoption date, day precision when known
	Vote    string `json:"vote,omitempty"`    // "Aprobada sin votación."
	// Type is what the document is, finer than Kind, in the controlled
	// Spanish vocabulary of DocumentTypes ("sentencia", "medidas
	// provisionales", "observaciones finales"); empty when unknown.
	Type string `json:"type,omitempty"`
	// Country is the State the document concerns, in its Spanish short
	// name ("Guatemala", "Haití"): "respecto de Haití", "Caso … Vs.
	// Guatemala", a country report's heading. Empty when the document
	// names none or concerns several.
	Country string `json:"country,omitempty"`
	// Case identifies a judgment of the Inter-American Court: its name
	// and, when the document gives them, its series number and date
	// (ingest's judgment.go). Nil for any other document.
	Case *Case `json:"case,omitempty"`
	// Categories are those the source declares (a Markdown file's front
	// matter "categories:" or "tags:" list): "Argentina".
	Categories []string `json:"categories,omitempty"`

	// Hash is the SHA-256 of the file's bytes, so unchanged files can be
	// recognised.
	Hash string `json:"hash,omitempty"`

	// OCR reports how damaged the text looked and what repair did; nil when
	// the repair stage did not run.
	OCR *OCRReport `json:"ocr,omitempty"`

	Paragraphs []Paragraph `json:"paragraphs"`

	// Dropped counts the lines of the source left out of the text, by
	// kind: "masthead" (a UN document's first-page masthead), "furniture"
	// (running heads and feet, page and job numbers, symbol lines),
	// "boilerplate" (site chrome: "Pasar al contenido principal", ©),
	// "chrome" (an HTML page's navigation, forms, menus, skip links),
	// "image" (image labels and their captions), "repeated" (a short line
	// the document had already: a logo caption, a running title); on a web
	// page, its furniture: "cookie", "subscription", "author", "share",
	// "comments", "related", "advertising", "donation", "section" (a label
	// above the headline).
	// Nothing else is left out.
	Dropped map[string]int `json:"dropped,omitempty"`
	// DroppedLines holds the lines Dropped counts, for audits
	// (relatoria extract -check); it is not stored.
	DroppedLines []Drop `json:"-"`
	// Pages lists the pages of a PDF that its text layer could not give,
	// and how each was read instead; empty when every page was read from
	// it (or by OCR, as a scan).
	Pages []PageRead `json:"pages,omitempty"`
}

// PageRead says how a page of a PDF that its text layer could not give
// was read.
type PageRead struct {
	Page int `json:"page"` // from 1
	// How is "pdftotext" (read by poppler's pdftotext), "partial" (only
	// what the text layer gave before it failed) or "unread".
	How string `json:"how"`
	// Failed says what failed, in Spanish: "la biblioteca PDF falló
	// (…)", "dibuja texto pero no se leyó ninguno".
	Failed string `json:"failed"`
}

// Drop is a line of the source left out of a Document's text.
type Drop struct {
	Kind string // as in Document.Dropped
	Text string
}

// Drop records a line left out of the text.
func (d *Document) Drop(kind, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	if d.Dropped == nil {
		d.Dropped = map[string]int{}
	}
	d.Dropped[kind]++
	d.DroppedLines = append(d.DroppedLines, Drop{kind, text})
}

// Paragraph is one block of a Document's text.
type Paragraph struct {
	Ordinal int `json:"ordinal"` // 1-based position in the document
	// Number is the printed number as written: "7" for "7. Destaca…",
	// "84.3" for recommendation "84.3 Proseguir…", "4.a" for "4.a.
	// Considere…"; empty when unnumbered.
	Number Number        `json:"number,omitempty"`
	Kind   ParagraphKind `json:"kind"`
	// Text is normalised (NFC, joined lines, no page furniture) and, where
	// the repair stage ran, with OCR damage repaired.
	Text string `json:"text"`
	// Original is the paragraph exactly as extracted, before any change.
	Original string `json:"original"`
	// Repairs lists each word the OCR repair stage changed.
	Repairs []Repair `json:"repairs,omitempty"`
	// Page is the page an OCR'd paragraph was read from (1-based), and
	// Confidence Tesseract's mean word confidence over it (0–100); both
	// are 0 for text that did not come through OCR.
	Page       int     `json:"page,omitempty"`
	Confidence float64 `json:"ocr_confidence,omitempty"`
	// Split numbers the pieces of a paragraph that the source wrote as one
	// and ingest split at sentence ends because it was too long (over
	// ingest.MaxParagraphBytes): 1 to SplitOf. Both are 0 for a paragraph
	// kept whole.
	Split   int `json:"split,omitempty"`
	SplitOf int `json:"split_of,omitempty"`
	// Notes are the footnotes the paragraph calls, by the raised marks
	// its text leaves out (PDF): [12, 13]; a footnote printed with its
	// number raised has that number. A citation made in a note is the
	// calling paragraph's too (Citation.Note).
	Notes []int `json:"notes,omitempty"`
	// Label is a line label such as "Hito 1" or "Fecha límite", when the
	// source wrote the paragraph as "Label: value".
	Label string `json:"label,omitempty"`
	// Part is the part of the document the paragraph's number counts in,
	// when the document numbers several parts from 1: "Anexo A", "Anexo
	// B, Parte I", "6º" (the sixth report of a compilation); "" in the
	// document's main numbering (see Document.NumberParts).
	Part string `json:"part,omitempty"`
	// Repeated is set on a numbered paragraph whose number the paragraph
	// before it in its part has too: a second excerpt of one paragraph
	// ("285. (...) El Comité…"). It is cited by its position (¶), its
	// number naming the first.
	Repeated bool `json:"repeated,omitempty"`
	// Section holds the headings above the paragraph, outermost first,
	// and for a list item the sentence that opens its list (see
	// Document.Sections). The index sets it when it adds the document.
	Section []string `json:"section,omitempty"`
	// Recurs says whether the paragraph's words appeared before, in
	// another document of the index (package recurrence works it out,
	// the index stores it for the recurre: filter).
	Recurs Recurs `json:"recurs,omitempty"`

	Dates     []DateMention `json:"dates,omitempty"`
	Entities  []Entity      `json:"entities,omitempty"`
	Citations []Citation    `json:"citations,omitempty"`
}

// Recurs is whether a paragraph's words (the same, or nearly the same)
// appeared before, in another document of an index. Whether a document
// came before another is read from their adoption dates, then from the
// order their symbols imply (A/HRC/RES/50/9 before A/HRC/RES/51/34); when
// neither says, it is not known.
type Recurs string

// The values of Paragraph.Recurs.
const (
	// RecursUnknown: the order is not known, of the paragraph's own
	// document (undated, without a numbered symbol) or of a document it
	// recurs in and of none known to be earlier; or it was not worked
	// out (lineage off).
	RecursUnknown Recurs = ""
	// RecursNo: every document it recurs in, if any, came after its own.
	RecursNo Recurs = "no"
	// RecursYes: a document that came before its own has it.
	RecursYes Recurs = "yes"
)

// Repair records one OCR correction: From as found in the source, To as
// stored in Text.
type Repair struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// OCRReport says whether a document looks like damaged OCR output.
type OCRReport struct {
	Damaged bool `json:"damaged"` // true when the unknown-word rate is typical of OCR
	// Source says why the text was taken for OCR output, which alone
	// repair changes: "tesseract" (pages read here by Tesseract),
	// "producer" (a PDF whose producer or text layer is an OCR engine's),
	// "damage" (text whose unknown words have OCR's shapes); "" for
	// born-digital text, which repair leaves as it is.
	Source string `json:"source,omitempty"`
	// Words is the number of alphabetic words checked; Unknown how many of
	// them were not in the lexicon before repair.
	Words   int `json:"words"`
	Unknown int `json:"unknown"`
	Repairs int `json:"repairs"` // words changed by repair
	// Shaped counts the unknown words whose repair changes more than
	// accents ("cooperacidon", "nifias", "6rganos"): the damage signature
	// of OCR, which a writer who leaves accents out does not make.
	Shaped int `json:"shaped,omitempty"`
}

// Entity is a named thing mentioned in a paragraph: an organ, agency,
// treaty, goal, place.
type Entity struct {
	Name string `json:"name"` // canonical name: "Oficina del Alto Comisionado…"
	Type string `json:"type"` // "organ", "agency", "treaty", "goal", "place", …
	Text string `json:"text"` // as written: "OACNUDH"
}

// Citation is a reference from a paragraph to another document.
type Citation struct {
	Symbol Symbol `json:"symbol"` // resolved when the body is clear: "A/RES/60/251"
	Text   string `json:"text"`   // as written: "resolución 60/251"
	// Case is set for a citation of a court's judgment: the case's name,
	// "Caso Velásquez Rodríguez Vs. Honduras" (for "Caso Velásquez
	// Rodríguez, supra nota 9", the name the note gives). Symbol is then
	// the judgment's series number, "Serie C No. 4", or, when the
	// citation gives none, the case's name.
	Case string `json:"case,omitempty"`
	// Date is the day of the judgment cited, when the citation gives it
	// ("Sentencia de 29 de julio de 1988").
	Date Date `json:"date,omitzero"`
	// Paragraph is the paragraph cited, "166" for "párr. 166"; empty
	// when the citation names none.
	Paragraph Number `json:"paragraph,omitempty"`
	// Note is the footnote the citation is made in, for a paragraph
	// that calls the note (Paragraph.Notes); 0 when made in the
	// paragraph's own text.
	Note int `json:"note,omitempty"`
}

// DateMention is a date written in a paragraph.
type DateMention struct {
	Text      string   `json:"text"`           // as written: "7 de octubre de 2022"
	Value     string   `json:"value"`          // ISO 8601: "2022-10-07", "2024-05/2024-10"
	Precision string   `json:"precision"`      // "day", "month", "year"
	Role      DateRole `json:"role,omitempty"` // RoleDeadline, RoleAdoption or none
	Start     Date     `json:"-"`              // first day covered
	End       Date     `json:"-"`              // last day covered
}

// DateRole is what a date mentioned in a paragraph is, when the text says:
// a deadline or the day of adoption. It is written to JSON as its string.
type DateRole string

// The roles of DateMention.Role.
const (
	// RoleDeadline is a date something falls due by: "a más tardar el
	// 31 de diciembre de 2025", a "plazo".
	RoleDeadline DateRole = "deadline"
	// RoleAdoption is the day a resolution was adopted, mentioned in
	// one of its paragraphs.
	RoleAdoption DateRole = "adoption"
)

// DocumentID returns the ID for a document read from source with the given
// symbol: the symbol's canonical form when it is a full symbol, otherwise
// "doc-" and 16 hex digits of the SHA-256 of source.
func DocumentID(source string, sym Symbol) string {
	if sym.IsFull() {
		return sym.String()
	}
	h := sha256.Sum256([]byte(source))
	return "doc-" + hex.EncodeToString(h[:8])
}

// Name returns the name a person knows d by: its symbol; else its title,
// the lines of a long heading block (" / ") that fit in 120 characters
// and "…" (ShortTitle); else its file's name. Never its ID, which for a
// document without a symbol is a hash.
func (d *Document) Name() string {
	switch {
	case d.Symbol != "":
		return d.Symbol.String()
	case strings.TrimSpace(d.Title) != "":
		return ShortTitle(strings.TrimSpace(d.Title), 120)
	}
	name := d.Source
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if name == "" {
		return d.ID
	}
	return name
}

// Paragraph returns the operative or numbered paragraph with number n, and
// whether there is one. Operative paragraphs win over other numbered ones.
func (d *Document) Paragraph(n Number) (*Paragraph, bool) {
	var found *Paragraph
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		if p.Number != n {
			continue
		}
		if p.Kind == Operative {
			return p, true
		}
		if found == nil {
			found = p
		}
	}
	return found, found != nil
}

// ShortTitle returns title, a heading block whose lines are joined by " /
// " ("CORTE INTERAMERICANA DE DERECHOS HUMANOS / CASO GELMAN VS. URUGUAY /
// SENTENCIA DE 24 DE FEBRERO DE 2011 / …"), cut to the lines that fit in n
// characters (runes), with " …" after them; the first line is always
// kept whole. A title that fits is returned as it is.
func ShortTitle(title string, n int) string {
	if utf8.RuneCountInString(title) <= n {
		return title
	}
	parts := strings.Split(title, " / ")
	out := parts[0]
	for _, p := range parts[1:] {
		if utf8.RuneCountInString(out+" / "+p) > n {
			break
		}
		out += " / " + p
	}
	if out == title {
		return title
	}
	return out + " …"
}
