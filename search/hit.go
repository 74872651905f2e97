package search

import (
	"bytes"
	"encoding/json"

	"github.com/relatoria/relatoria/corpus"
)

// hitJSON is the JSON form of a Hit, the API's: its fields in this order,
// and of the paragraph those a hit has always shown (not the OCR page,
// confidence or label). A Hit embeds its corpus.Paragraph, whose fields
// encoding/json would write in their own order, all of them.
type hitJSON struct {
	ID          string               `json:"id"`
	Doc         string               `json:"doc"`
	Ref         string               `json:"ref"`
	Symbol      corpus.Symbol        `json:"symbol,omitempty"`
	Title       string               `json:"title,omitempty"`
	Body        string               `json:"body,omitempty"`
	Adopted     corpus.Date          `json:"adopted,omitzero"`
	Source      string               `json:"source"`
	Ordinal     int                  `json:"ordinal"`
	Number      corpus.Number        `json:"number,omitempty"` // as printed: "7", "84.3", "4.a"
	Kind        corpus.ParagraphKind `json:"kind"`
	Text        string               `json:"text"`
	Original    string               `json:"original"`
	Repairs     []corpus.Repair      `json:"repairs,omitempty"`
	Dates       []corpus.DateMention `json:"dates,omitempty"`
	Entities    []corpus.Entity      `json:"entities,omitempty"`
	Citations   []corpus.Citation    `json:"citations,omitempty"`
	Highlights  []string             `json:"highlights,omitempty"`
	Missing     []string             `json:"missing,omitempty"`
	Section     []string             `json:"section,omitempty"`
	FromSection []string             `json:"from_section,omitempty"`
	Score       float64              `json:"score"`
	Cursor      string               `json:"cursor,omitempty"`
	Recurrences []Recurrence         `json:"recurrences,omitempty"`
}

// MarshalJSON writes h as hitJSON, without escaping <, > and & (the
// encoder of the whole value escapes them, or not, as it is set to).
func (h Hit) MarshalJSON() ([]byte, error) {
	p := &h.Paragraph
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(hitJSON{ID: h.ID, Doc: h.Doc, Ref: h.Ref, Symbol: h.Symbol, Title: h.Title, Body: h.Body,
		Adopted: h.Adopted, Source: h.Source, Ordinal: p.Ordinal, Number: p.Number, Kind: p.Kind, Text: p.Text,
		Original: p.Original, Repairs: p.Repairs, Dates: p.Dates, Entities: p.Entities, Citations: p.Citations,
		Highlights: h.Highlights, Missing: h.Missing, Section: p.Section, FromSection: h.FromSection,
		Score: h.Score, Cursor: h.Cursor, Recurrences: h.Recurrences})
	return b.Bytes(), err
}
