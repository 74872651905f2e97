package search

import (
	"bytes"
	"encoding/json"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/relatoria/relatoria/corpus"
)

// hitJSON is a Hit's JSON form, the API's and the CLI's -json since their
// first version: the paragraph's fields a hit shows, in this order, among
// the document's and the search's. A paragraph's own JSON has fields a hit
// never showed (page, ocr_confidence, label, recurs…) and puts part and
// section elsewhere.
type hitJSON struct {
	ID          string               `json:"id"`
	Doc         string               `json:"doc"`
	Ref         string               `json:"ref"`
	Symbol      corpus.Symbol        `json:"symbol,omitempty"`
	Title       string               `json:"title,omitempty"`
	Body        string               `json:"body,omitempty"`
	Adopted     corpus.Date          `json:"adopted,omitzero"`
	Type        string               `json:"type,omitempty"`
	Country     string               `json:"country,omitempty"`
	Source      string               `json:"source"`
	Ordinal     int                  `json:"ordinal"`
	Number      corpus.Number        `json:"number,omitempty"` // as printed: "7", "84.3", "4.a"
	Part        string               `json:"part,omitempty"`   // the part its number counts in: "Anexo A", "6º"
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

// wire returns h's JSON form.
func (h *Hit) wire() *hitJSON {
	p := &h.Paragraph
	return &hitJSON{
		ID: h.ID, Doc: h.Doc, Ref: h.Ref, Symbol: h.Symbol, Title: h.Title, Body: h.Body, Adopted: h.Adopted,
		Type: h.Type, Country: h.Country, Source: h.Source,
		Ordinal: p.Ordinal, Number: p.Number, Part: p.Part, Kind: p.Kind, Text: p.Text, Original: p.Original,
		Repairs: p.Repairs, Dates: p.Dates, Entities: p.Entities, Citations: p.Citations,
		Highlights: h.Highlights, Missing: h.Missing, Section: p.Section, FromSection: h.FromSection,
		Score: h.Score, Cursor: h.Cursor, Recurrences: h.Recurrences,
	}
}

// MarshalJSONTo writes h as hitJSON into enc, with enc's options: WriteJSON
// calls it (see there), without the copy and second pass that encoding/json
// gives a MarshalJSON.
func (h *Hit) MarshalJSONTo(enc *jsontext.Encoder) error {
	return jsonv2.MarshalEncode(enc, h.wire())
}

// MarshalJSON writes h as hitJSON, for encoding/json (json.Marshal
// escapes <, > and & around it as it does everywhere).
func (h Hit) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	err := enc.Encode(h.wire())
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), err
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (h *Hit) UnmarshalJSON(data []byte) error {
	var j hitJSON
	if err := json.Unmarshal(data, &j); err != nil {
		return err
	}
	*h = Hit{
		ID: j.ID, Doc: j.Doc, Ref: j.Ref, Symbol: j.Symbol, Title: j.Title, Body: j.Body, Adopted: j.Adopted,
		Type: j.Type, Country: j.Country, Source: j.Source,
		Paragraph: corpus.Paragraph{Ordinal: j.Ordinal, Number: j.Number, Part: j.Part, Kind: j.Kind, Text: j.Text,
			Original: j.Original, Repairs: j.Repairs, Dates: j.Dates, Entities: j.Entities, Citations: j.Citations,
			Section: j.Section},
		Highlights: j.Highlights, Missing: j.Missing, FromSection: j.FromSection,
		Score: j.Score, Cursor: j.Cursor, Recurrences: j.Recurrences,
	}
	return nil
}
