package index

import (
	jsonv1 "encoding/json"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// storedParagraph is the stored form of an OCR-repaired paragraph from the
// benchmark corpus, as record writes it: without its text, with its
// original, repairs and entities.
func storedParagraph(tb testing.TB) map[string]any {
	tb.Helper()
	p := corpus.Paragraph{
		Ordinal:  8,
		Kind:     corpus.Plain,
		Original: "Observando con aprecio las contribuciones que aportan la Junta de Sindicos del Fondo de Contribuciones Voluntarias de las Naciones Unidas para la Cooperacion Técnica en Materia de Derechos Humanos\ny el Fondo de Contribuciones Voluntarias para la Asistencia Financiera y Técnica en la Aplicacion del Examen Periddico Universal,",
		Repairs: []corpus.Repair{
			{From: "Cooperacion", To: "Cooperación"}, {From: "Aplicacion", To: "Aplicación"}, {From: "Periddico", To: "Periódico"},
		},
		Entities: []corpus.Entity{
			{Name: "Consejo de Derechos Humanos", Type: "organ", Text: "Consejo de Derechos Humanos"},
			{Name: "Argentina", Type: "place", Text: "Argentina"},
		},
		Dates: []corpus.DateMention{{Text: "18 de septiembre de 2020", Value: "2020-09-18", Precision: "day",
			Start: corpus.Date{Year: 2020, Month: 9, Day: 18}, End: corpus.Date{Year: 2020, Month: 9, Day: 18}}},
	}
	pj, err := jsonv1.Marshal(p)
	if err != nil {
		tb.Fatal(err)
	}
	return map[string]any{FieldParaJSON: string(pj), FieldText: "Observando con aprecio las contribuciones que aportan la Junta de Síndicos…"}
}

func TestDecodeParagraph(t *testing.T) {
	fields := storedParagraph(t)
	p, err := decodeParagraph(fields)
	if err != nil {
		t.Fatal(err)
	}
	var want corpus.Paragraph
	if err := jsonv1.Unmarshal([]byte(fields[FieldParaJSON].(string)), &want); err != nil {
		t.Fatal(err)
	}
	want.Text = fields[FieldText].(string)
	got, _ := jsonv1.Marshal(p)
	wantJSON, _ := jsonv1.Marshal(want)
	if string(got) != string(wantJSON) {
		t.Errorf("decoded\n%s\nwant (encoding/json)\n%s", got, wantJSON)
	}
	if _, err := decodeParagraph(map[string]any{FieldParaJSON: `{"ordinal": "eight"}`}); err == nil {
		t.Error("a stored paragraph of the wrong shape decoded without error")
	}
}

// BenchmarkDecodeParagraph measures decoding one hit's stored paragraph,
// done for every hit of a page.
func BenchmarkDecodeParagraph(b *testing.B) {
	fields := storedParagraph(b)
	for b.Loop() {
		if _, err := decodeParagraph(fields); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDecodeIntegerNumber checks that a paragraph stored when numbers were
// integers ("number": 7) still reads, as "7".
func TestDecodeIntegerNumber(t *testing.T) {
	for _, tt := range []struct{ stored, want string }{
		{`{"ordinal":3,"number":7,"kind":"operative"}`, "7"},
		{`{"ordinal":3,"number":"84.3","kind":"paragraph"}`, "84.3"},
		{`{"ordinal":3,"kind":"paragraph"}`, ""},
	} {
		p, err := decodeParagraph(map[string]any{FieldParaJSON: tt.stored, FieldText: "x"})
		if err != nil || p.Number.String() != tt.want {
			t.Errorf("decodeParagraph(%s) = %v, %v; want number %q", tt.stored, p, err, tt.want)
		}
	}
}
