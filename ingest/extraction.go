package ingest

import (
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// block is one paragraph-to-be as a reader found it: its lines exactly as
// extracted, and what the markup said it is.
type block struct {
	lines []string
	// kind is what the markup or layout says (a <h2>, a <li>, a Markdown
	// footnote); "" leaves the decision to the structure stage.
	kind   corpus.ParagraphKind
	number int // a number the markup gave (an <ol> item); 0 otherwise
	start  int // index of the block's first line in the reader's line list
	// page and conf are set for a block read by OCR: its page and
	// Tesseract's mean word confidence over it.
	page int
	conf float64
	// notes are the footnotes the block calls by raised marks that its
	// text leaves out (a PDF's).
	notes []int
	// placed marks a block read from a page where each line has its
	// place (a PDF): what recurs there is furniture by its place (see
	// dropRunningLines), and a short line the document has had already
	// is content (a signature, a repeated label), never dropped as
	// repeated.
	placed bool
	// ocr is set for a block read by Tesseract: OCR output, which repair
	// mends; every other block is born-digital unless the document says
	// otherwise (extraction.ocrProducer, or its damage).
	ocr bool
	// linked marks a block of a web page whose text is mostly links (a
	// teaser's headline, a menu's line).
	linked bool
	// piece and pieces number the pieces of a block split because it was
	// too long (see splitLong); 0 otherwise.
	piece, pieces int
}

// extraction is what a reader hands to the pipeline: the document's blocks
// in reading order and whatever metadata the format carried.
type extraction struct {
	title  string        // <title>, front matter; "" when none
	symbol corpus.Symbol // a symbol printed in a running header
	// categories are those the front matter declares (categories:, tags:).
	categories []string
	blocks     []block
	// dropped holds the lines a reader left out as furniture.
	dropped []corpus.Drop
	// headline and published are a web page's headline and publication
	// date as the page gives them (see readIdentity); empty otherwise.
	headline  string
	published corpus.Date
	// ocrProducer, when not "", names the OCR engine a PDF's producer or
	// creator names ("ABBYY FineReader 12"): its text layer is OCR output.
	ocrProducer string
	// partial, when not "", says which pages could not be read while the
	// others were (scanned pages whose OCR failed).
	partial string
	// pages says how the pages of a PDF that its text layer could not
	// give were read (corpus.Document.Pages).
	pages []corpus.PageRead
}

// drop records a line the reader left out, of a kind of corpus.Document.Dropped.
func (ex *extraction) drop(kind, text string) {
	if ex != nil && strings.TrimSpace(text) != "" {
		ex.dropped = append(ex.dropped, corpus.Drop{Kind: kind, Text: text})
	}
}
