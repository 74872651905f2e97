package search

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
)

// stdJSON is WriteJSON's encoding made with encoding/json, which calls
// Hit.MarshalJSON where WriteJSON calls Hit.MarshalJSONTo.
func stdJSON(t *testing.T, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWriteJSONIsEncodingJSON checks that WriteJSON (encoding/json/v2's
// implementation of v1) writes what encoding/json writes, byte for byte,
// for results, shown paragraphs and documents, document views, diffs and
// the API's maps; and that a Hit read back from its JSON is the Hit.
func TestWriteJSONIsEncodingJSON(t *testing.T) {
	ix := mustSampleIndex(t)
	data, err := os.ReadFile("../ingest/testdata/docs/upr-A_HRC_17_18.txt")
	if err != nil {
		t.Fatal(err)
	}
	upr, err := ingest.Read("upr-A_HRC_17_18.txt", data, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(t.Context(), upr); err != nil {
		t.Fatal(err)
	}
	s := New(ix)
	var values []any
	for _, q := range []string{"derechos humanos", "niñas", "51/34 §7", "coopera*", "didlogo~", "recurre:si", "xqzzy", "A/HRC/17/18 84.3", `"diálogo constructivo" <b>&`} {
		res, err := s.Search(t.Context(), Request{Query: q, Size: 20, Facets: true})
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		values = append(values, res)
	}
	for _, ref := range []string{"51/34 §7", "A/HRC/17/18 84.3", "A/HRC/17/18"} {
		res, err := s.Show(t.Context(), ref)
		if err != nil {
			t.Fatalf("Show(%q): %v", ref, err)
		}
		values = append(values, res)
		if res.Paragraph != nil {
			values = append(values, res.Paragraph)
		} else {
			values = append(values, res.Document)
		}
	}
	values = append(values, upr, map[string]any{"error": "a <b> & c", "status": 400, "position": 3, "code": "syntax"},
		[]Hit{{ID: "x#1", Paragraph: corpus.Paragraph{Ordinal: 1, Text: "\u2028<mark>\x01</mark>", Page: 3, Label: "Hito"}}})
	for i, v := range values {
		var b bytes.Buffer
		if err := WriteJSON(&b, v); err != nil {
			t.Fatal(err)
		}
		if want := stdJSON(t, v); !bytes.Equal(b.Bytes(), want) {
			t.Errorf("value %d (%T): WriteJSON differs from encoding/json:\n%.600s\nwant\n%.600s", i, v, b.Bytes(), want)
		}
	}
	res := values[0].(*Results)
	for _, h := range res.Hits {
		data, err := json.Marshal(h)
		if err != nil {
			t.Fatal(err)
		}
		var back Hit
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		// The paragraph's fields a hit's JSON leaves out are not read back.
		h.Paragraph = corpus.Paragraph{Ordinal: h.Ordinal, Number: h.Number, Part: h.Part, Kind: h.Kind, Text: h.Text, Original: h.Original,
			Repairs: h.Repairs, Dates: h.Dates, Entities: h.Entities, Citations: h.Citations, Section: h.Section}
		if !reflect.DeepEqual(back, h) {
			t.Errorf("Hit %s read back from its JSON:\n%+v\nwant\n%+v", h.ID, back, h)
		}
	}
}
