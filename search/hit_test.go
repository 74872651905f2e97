package search

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// TestHitJSON checks the API's form of a hit: the fields in their order
// (the section after the highlights, as before Hit embedded its
// paragraph), the paragraph's OCR page, confidence and label left out, <
// and & left to the encoder of the whole value, and the JSON read back
// into an equal Hit.
func TestHitJSON(t *testing.T) {
	h := Hit{
		Paragraph: corpus.Paragraph{Ordinal: 3, Number: "7", Kind: corpus.ListItem, Text: "a & b", Original: "a & b",
			Page: 2, Confidence: 91.5, Label: "Hito 1", Section: []string{"Plan"},
			Citations: []corpus.Citation{{Symbol: "A/RES/60/251", Text: "resolución 60/251"}}},
		ID: "d#3", Doc: "d", Ref: "d §7", Title: "T", Adopted: corpus.Date{Year: 2022},
		Source: "d.txt", Highlights: []string{"<mark>a</mark> &amp; b"}, Missing: []string{"c"},
		FromSection: []string{"plan"}, Score: 1.5, Cursor: "x",
	}
	const want = `{"id":"d#3","doc":"d","ref":"d §7","title":"T","adopted":"2022","source":"d.txt","ordinal":3,"number":"7","kind":"list-item","text":"a & b","original":"a & b","citations":[{"symbol":"A/RES/60/251","text":"resolución 60/251"}],"highlights":["<mark>a</mark> &amp; b"],"missing":["c"],"section":["Plan"],"from_section":["plan"],"score":1.5,"cursor":"x"}`
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(h); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != want+"\n" {
		t.Errorf("JSON of a hit:\n%s\nwant\n%s", got, want)
	}
	escaped, err := json.Marshal([]Hit{h})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(escaped, []byte(`"text":"a \u0026 b"`)) {
		t.Errorf("json.Marshal did not escape & in a hit: %s", escaped)
	}
	var back Hit
	if err := json.Unmarshal([]byte(want), &back); err != nil {
		t.Fatal(err)
	}
	h.Page, h.Confidence, h.Label = 0, 0, "" // not in the JSON
	if !reflect.DeepEqual(back, h) {
		t.Errorf("read back:\n%+v\nwant\n%+v", back, h)
	}
}
