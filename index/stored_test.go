package index

import (
	"context"
	jsonv1 "encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
)

// TestPackParagraph checks that a paragraph comes back from its stored form
// as it went in, whatever its original, entities and citations, and that
// the stored form leaves out what it can.
func TestPackParagraph(t *testing.T) {
	base := corpus.Paragraph{Ordinal: 3, Kind: corpus.Operative, Number: "3",
		Entities:  []corpus.Entity{{Name: "Irlanda", Type: "place", Text: "Irlanda"}, {Name: "Oficina del Alto Comisionado", Type: "agency", Text: "OACNUDH"}},
		Citations: []corpus.Citation{{Symbol: "A/RES/60/251", Text: "A/RES/60/251"}, {Symbol: "A/RES/60/251", Text: "resolución 60/251"}},
		Dates:     []corpus.DateMention{{Text: "7 de octubre de 2022", Value: "2022-10-07", Precision: "day"}},
		Repairs:   []corpus.Repair{{From: "Periddico", To: "Periódico"}},
	}
	text := "Exhorta a todos los Estados a que investiguen las violaciones del derecho internacional humanitario, resolución 60/251."
	for _, tt := range []struct {
		name, text, original string
		edits                bool // stored as edits, not in full
	}{
		{"same", text, text, false},
		{"line breaks", text, strings.Replace(strings.Replace(text, " a que ", " a\nque ", 1), "derecho ", "derecho\n", 1), true},
		{"bullet", text, "* " + text, true},
		{"number", text, "3. " + text, true},
		{"hyphenated", text, strings.Replace(text, "investiguen", "inves-\ntiguen", 1), true},
		{"decomposed accent", text, strings.Replace(text, "resolución", "resolucio\u0301n", 1), true},
		{"repaired letter", "año de la niñez", "aüo de la niñez", true},
		{"accent for accent", "está él", "esté él", true},
		{"trailing", text, text + " [^3]", true},
		{"unrelated", text, "Texto completamente distinto sin nada en común con el párrafo, de otra longitud.", false},
		{"empty original", text, "", false},
		{"empty text", "", "x", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			p.Text, p.Original = tt.text, tt.original
			section := []string{"Sección A"}
			data := packParagraph(&p, section)
			var raw map[string]any
			if err := jsonv1.Unmarshal(data, &raw); err != nil {
				t.Fatal(err)
			}
			if _, ok := raw["original_edits"]; ok != tt.edits {
				t.Errorf("stored %s: original as edits %v, want %v", data, ok, tt.edits)
			}
			if strings.Contains(string(data), `"text":"Irlanda"`) || strings.Contains(string(data), `"text":"A/RES/60/251"`) {
				t.Errorf("stored %s: an entity's or citation's text equal to its name is stored", data)
			}
			got, err := unpackParagraph(data, p.Text)
			if err != nil {
				t.Fatal(err)
			}
			want := p
			want.Section = section
			if want.Original == "" {
				want.Original = want.Text // as the index has always read an empty original
			}
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("stored %s\ngot  %+v\nwant %+v", data, *got, want)
			}
		})
	}
}

// TestUnpackOldParagraph checks that a paragraph stored before packing
// (entities and citations with their text, the original in full) reads as
// it did.
func TestUnpackOldParagraph(t *testing.T) {
	old := `{"ordinal":25,"kind":"list-item","text":"","original":"* Irlanda promueve (A/48/18).","entities":[{"name":"Irlanda","type":"place","text":"Irlanda"}],"citations":[{"symbol":"A/48/18","text":"A/48/18"}]}`
	p, err := unpackParagraph([]byte(old), "Irlanda promueve (A/48/18).")
	if err != nil {
		t.Fatal(err)
	}
	if p.Original != "* Irlanda promueve (A/48/18)." || p.Entities[0].Text != "Irlanda" || p.Citations[0].Text != "A/48/18" || p.Text != "Irlanda promueve (A/48/18)." {
		t.Errorf("old stored paragraph read as %+v", p)
	}
}

// TestApplyEditsRefusesBadEdits checks that edits that do not fit the text
// are an error, not a panic.
func TestApplyEditsRefusesBadEdits(t *testing.T) {
	for _, e := range []string{"5,0,0,", "0,9,0,", "0,0,9,ab", "x,0,0,", "1,1", "-1,0,0,"} {
		if _, err := applyEdits("abc", e); err == nil {
			t.Errorf("applyEdits(abc, %q) did not fail", e)
		}
	}
}

// FuzzEdits checks that the edits editsFrom makes turn the text back into
// the original, byte for byte, and are valid UTF-8 when both are.
func FuzzEdits(f *testing.F) {
	f.Add("Exhorta a todos los Estados", "Exhorta a\ntodos los Estados")
	f.Add("año", "aüo")
	f.Add("resolución", "resolucio\u0301n")
	f.Add("abc", "* abc [^1]")
	f.Fuzz(func(t *testing.T, text, orig string) {
		edits, ok := editsFrom(text, orig)
		if !ok {
			return
		}
		got, err := applyEdits(text, edits)
		if err != nil || got != orig {
			t.Fatalf("editsFrom(%q, %q) = %q, which makes %q (%v)", text, orig, edits, got, err)
		}
		if utf8.ValidString(text) && utf8.ValidString(orig) && !utf8.ValidString(edits) {
			t.Fatalf("editsFrom(%q, %q) = %q: not valid UTF-8", text, orig, edits)
		}
	})
}

// BenchmarkPackParagraph measures the stored form of a paragraph whose
// original differs from its text by line breaks, made for every paragraph
// indexed.
func BenchmarkPackParagraph(b *testing.B) {
	text := "Exhorta a todos los Estados a que investiguen las violaciones del derecho internacional humanitario y que lleven ante la justicia a los responsables, de conformidad con la resolución 60/251."
	p := corpus.Paragraph{Ordinal: 3, Kind: corpus.Operative, Text: text, Original: strings.ReplaceAll(text, " la ", "\nla "),
		Entities: []corpus.Entity{{Name: "Irlanda", Type: "place", Text: "Irlanda"}}}
	for b.Loop() {
		packParagraph(&p, nil)
	}
}

// BenchmarkDecodePackedParagraph is BenchmarkDecodeParagraph on the
// paragraph as packParagraph stores it.
func BenchmarkDecodePackedParagraph(b *testing.B) {
	fields := storedParagraph(b)
	p, err := decodeParagraph(fields)
	if err != nil {
		b.Fatal(err)
	}
	p.Text = fields[FieldText].(string)
	packed := map[string]any{FieldParaJSON: string(packParagraph(p, nil)), FieldText: p.Text}
	for b.Loop() {
		if _, err := decodeParagraph(packed); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHitsWhenMetadataCacheFills checks that the documents of a page of
// hits are found when loading their metadata fills the cache of documents
// (which then starts afresh): an ingest of a million paragraphs had stopped
// on "the index holds no metadata" for a document the index held.
func TestHitsWhenMetadataCacheFills(t *testing.T) {
	ix, err := NewTemporary(1)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	if err := ix.Add(ctx, doc("a", "Título", "Cooperación técnica en derechos humanos."), doc("b", "Título", "Cooperación técnica y paz.")); err != nil {
		t.Fatal(err)
	}
	for i := range metaCacheSize - 1 {
		ix.docs.put(&corpus.Document{ID: fmt.Sprintf("filler-%d", i)})
	}
	page, err := ix.Search(ctx, Request{Query: Match(FieldText, "cooperación técnica"), Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || len(page.Hits) != 2 {
		t.Fatalf("%d hits (%d in all), want 2", len(page.Hits), page.Total)
	}
	for _, h := range page.Hits {
		if h.Doc == nil || h.Doc.Title != "T" {
			t.Errorf("hit %s: document %+v", h.ID, h.Doc)
		}
	}
}
