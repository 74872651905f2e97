package index

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"

	"github.com/relatoria/relatoria/corpus"
)

// The stored paragraph (FieldParaJSON) is a corpus.Paragraph in JSON
// without what the record holds elsewhere or what follows from the rest:
// its text (stored in FieldText); its original, when it differs from the
// text only here and there (a line break for a space, a list's bullet, a
// word cut at a line end: most paragraphs of text files and PDFs), as the
// edits that make it from the text; an entity's or a citation's text when
// it is written as the name or symbol. At 20,000 paragraphs of the bench
// corpus these were 60% of the stored paragraph's bytes (entities 33%,
// originals 39% of it) and 14% of the index.

// packedParagraph is a corpus.Paragraph as stored: fields declared here
// take the place of the paragraph's own of the same JSON name, and every
// other field of corpus.Paragraph is stored as it is.
type packedParagraph struct {
	corpus.Paragraph
	Text      string           `json:"text,omitempty"`
	Original  string           `json:"original,omitempty"`
	Edits     string           `json:"original_edits,omitempty"`
	Entities  []packedEntity   `json:"entities,omitempty"`
	Citations []packedCitation `json:"citations,omitempty"`
}

// packedEntity is an entity whose Text is left out when it is its Name.
type packedEntity struct {
	corpus.Entity
	Text string `json:"text,omitempty"`
}

// packedCitation is a citation whose Text is left out when it is its
// Symbol.
type packedCitation struct {
	corpus.Citation
	Text string `json:"text,omitempty"`
}

// packParagraph returns the stored JSON of p in section.
func packParagraph(p *corpus.Paragraph, section []string) []byte {
	sp := packedParagraph{Paragraph: *p}
	sp.Paragraph.Section = section
	sp.Paragraph.Text, sp.Paragraph.Original = "", ""
	sp.Paragraph.Entities, sp.Paragraph.Citations = nil, nil
	if p.Original != p.Text {
		if edits, ok := editsFrom(p.Text, p.Original); ok && len(edits) < len(p.Original) && utf8.ValidString(edits) {
			sp.Edits = edits
		} else {
			sp.Original = p.Original
		}
	}
	for _, e := range p.Entities {
		se := packedEntity{Entity: e}
		se.Entity.Text = ""
		if e.Text != e.Name {
			se.Text = e.Text
		}
		sp.Entities = append(sp.Entities, se)
	}
	for _, c := range p.Citations {
		sc := packedCitation{Citation: c}
		sc.Citation.Text = ""
		if c.Text != c.Symbol.String() {
			sc.Text = c.Text
		}
		sp.Citations = append(sp.Citations, sc)
	}
	data, _ := json.Marshal(sp)
	return data
}

// unpackParagraph decodes a stored paragraph whose text is text. It reads
// what packParagraph writes and what earlier versions wrote (the whole
// paragraph but its text and, when equal to the text, its original).
func unpackParagraph(data []byte, text string) (*corpus.Paragraph, error) {
	var sp packedParagraph
	if err := jsonv2.Unmarshal(data, &sp); err != nil {
		return nil, err
	}
	p := sp.Paragraph
	p.Text = text
	switch {
	case sp.Edits != "":
		o, err := applyEdits(text, sp.Edits)
		if err != nil {
			return nil, err
		}
		p.Original = o
	case sp.Original != "":
		p.Original = sp.Original
	default:
		p.Original = text
	}
	p.Entities = nil
	for _, se := range sp.Entities {
		e := se.Entity
		e.Text = se.Text
		if e.Text == "" {
			e.Text = e.Name
		}
		p.Entities = append(p.Entities, e)
	}
	p.Citations = nil
	for _, sc := range sp.Citations {
		c := sc.Citation
		c.Text = sc.Text
		if c.Text == "" {
			c.Text = c.Symbol.String()
		}
		p.Citations = append(p.Citations, c)
	}
	return &p, nil
}

// Edits turn a paragraph's text into its original. They are written as a
// string: for each edit, the bytes of the text kept since the last one,
// the bytes of the text it removes and the length of what it inserts, in
// decimal, each followed by a comma, then the inserted bytes
// ("12,1,1,\n" puts a line break for the space after twelve bytes). What
// follows the last edit is kept.

// maxResync bounds how far, in bytes of the text and of the original
// together, editsFrom looks past a difference for where the two agree
// again.
const maxResync = 48

// resyncRun is how many bytes the text and the original must agree on for
// editsFrom to take a difference as ended.
const resyncRun = 4

// editsFrom returns the edits that make orig from text, and false when
// the two differ too much for edits to be shorter.
func editsFrom(text, orig string) (string, bool) {
	var b strings.Builder
	i, j, last := 0, 0, 0
	for i < len(text) || j < len(orig) {
		if i < len(text) && j < len(orig) && text[i] == orig[j] {
			i, j = i+1, j+1
			continue
		}
		// Edits begin and end between characters, so that what they
		// insert is valid UTF-8 (JSON would spoil a broken character).
		for i > last && i < len(text) && j < len(orig) && !utf8.RuneStart(text[i]) {
			i, j = i-1, j-1
		}
		del, ins, ok := resync(text[i:], orig[j:])
		if !ok {
			return "", false
		}
		b.WriteString(strconv.Itoa(i - last))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(del))
		b.WriteByte(',')
		b.WriteString(strconv.Itoa(ins))
		b.WriteByte(',')
		b.WriteString(orig[j : j+ins])
		i, j = i+del, j+ins
		last = i
		if b.Len() >= len(orig) {
			return "", false
		}
	}
	return b.String(), true
}

// resync returns the fewest bytes to skip in t (del) and o (ins), together
// at most maxResync, after which both agree on resyncRun bytes or both
// end.
func resync(t, o string) (del, ins int, ok bool) {
	for k := 1; k <= maxResync; k++ {
		for del = 0; del <= k; del++ {
			ins = k - del
			if del > len(t) || ins > len(o) {
				continue
			}
			rt, ro := t[del:], o[ins:]
			if rt != "" && !utf8.RuneStart(rt[0]) || ro != "" && !utf8.RuneStart(ro[0]) {
				continue
			}
			n := min(resyncRun, len(rt), len(ro))
			if rt[:n] == ro[:n] && (n == resyncRun || len(rt) == len(ro)) {
				return del, ins, true
			}
		}
	}
	return 0, 0, false
}

// errBadEdits is returned for edits that do not fit the text.
var errBadEdits = errors.New("stored paragraph: its original's edits do not fit its text")

// applyEdits returns the original that edits make from text.
func applyEdits(text, edits string) (string, error) {
	var b strings.Builder
	b.Grow(len(text) + len(edits))
	i := 0
	num := func() (int, bool) {
		k := strings.IndexByte(edits, ',')
		if k < 0 {
			return 0, false
		}
		n, err := strconv.Atoi(edits[:k])
		edits = edits[k+1:]
		return n, err == nil && n >= 0
	}
	for edits != "" {
		keep, ok1 := num()
		del, ok2 := num()
		ins, ok3 := num()
		if !ok1 || !ok2 || !ok3 || i+keep+del > len(text) || ins > len(edits) {
			return "", errBadEdits
		}
		b.WriteString(text[i : i+keep])
		b.WriteString(edits[:ins])
		edits = edits[ins:]
		i += keep + del
	}
	b.WriteString(text[i:])
	return b.String(), nil
}
