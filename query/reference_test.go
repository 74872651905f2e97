package query

import (
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

func TestParseReferenceForms(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want string // Reference.String, "" when not a reference
	}{
		// UN symbols with or without year, prefix or organ.
		{"2776 (2025) §7", "S/RES/2776 (2025) §7"},
		{"S/RES/2776 §7", "S/RES/2776 §7"},
		{"S/RES/2776 (2025) §7", "S/RES/2776 (2025) §7"},
		{"resolución 2776 (2025), párrafo 7", "S/RES/2776 (2025) §7"},
		{"Resolution 2776 (2025), paragraph 7", "S/RES/2776 (2025) §7"},
		{"A/HRC/RES/51/34, párr. 7 a)", "A/HRC/RES/51/34 §7.a"},
		{"51/34, párrafo 7", "51/34 §7"},
		{"la resolución 51/34, párrafo 7", "51/34 §7"},
		{"A/HRC/RES/51/34 §7", "A/HRC/RES/51/34 §7"},
		{"51/34 7", "51/34 §7"},
		// Parts.
		{"S/RES/2776 (2025), Anexo A §7", "S/RES/2776 (2025), Anexo A §7"},
		{"S/RES/2776 (2025), annex A, paragraph 7", "S/RES/2776 (2025), annex A §7"},
		{"S/RES/2776 (2025) Anexo B, Parte I §1", "S/RES/2776 (2025), Anexo B, Parte I §1"},
		// Judgments as the Court cites them.
		{"Caso Gelman Vs. Uruguay, párr. 193", "Caso Gelman Vs. Uruguay §193"},
		{"Serie C No. 221, párr. 193", "Serie C No. 221 §193"},
		{"Corte IDH. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de enero de 2000. Serie C No. 64, párr. 42", "Caso Trujillo Oroza Vs. Bolivia (2000-01-26), Serie C No. 64 §42"},
		{"Caso Gelman Vs. Uruguay (2011-02-24) §193", "Caso Gelman Vs. Uruguay (2011-02-24) §193"},
		{"Caso Gelman Vs. Uruguay, LA CORTE §1", "Caso Gelman Vs. Uruguay, LA CORTE §1"},
		{"Caso Gelman Vs. Uruguay", "Caso Gelman Vs. Uruguay"},
		// The ref of a document without a symbol, as hits print it.
		{"Examen Periódico Universal - EPU: Observaciones referidas a las mujeres y las niñas (Ecuador), 2º §111.122",
			"Examen Periódico Universal - EPU: Observaciones referidas a las mujeres y las niñas (Ecuador), 2º §111.122"},
		{"Informe sobre la violencia ¶3", "Informe sobre la violencia ¶3"},
		{"Id Cendoj:28079140012022100647 ¶20", "Id Cendoj:28079140012022100647 ¶20"},
		// Not references: ordinary queries.
		{"cooperación técnica", ""},
		{"violencia contra la mujer", ""},
		{"tipo:operativo §7", ""},
		{`"trata de personas" §4`, ""},
		{"Serie de televisión", ""},
		{"51/34 §0", ""},
		{"§7", ""},
	} {
		ref, ok := ParseReference(tt.in)
		got := ""
		if ok {
			got = ref.String()
		}
		if got != tt.want {
			t.Errorf("ParseReference(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseReferenceJudgment(t *testing.T) {
	ref, ok := ParseReference("Corte IDH. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de enero de 2000. Serie C No. 64, párr. 42")
	want := Reference{Series: "Serie C No. 64", Case: "Caso Trujillo Oroza Vs. Bolivia", Date: corpus.Date{Year: 2000, Month: 1, Day: 26}, Paragraph: "42"}
	if !ok || ref != want {
		t.Errorf("ParseReference = %+v, %v; want %+v", ref, ok, want)
	}
}

func TestRefOfReadsBack(t *testing.T) {
	for _, tt := range []struct {
		doc  corpus.Document
		p    corpus.Paragraph
		want string
	}{
		{corpus.Document{Symbol: "S/RES/2776 (2025)"}, corpus.Paragraph{Ordinal: 42, Number: "7"}, "S/RES/2776 (2025) §7"},
		{corpus.Document{Symbol: "S/RES/2776 (2025)"}, corpus.Paragraph{Ordinal: 157, Number: "7", Part: "Anexo A"}, "S/RES/2776 (2025), Anexo A §7"},
		{corpus.Document{Title: "Comité de Derechos Humanos: Observaciones", Country: "Ecuador"}, corpus.Paragraph{Ordinal: 9, Number: "1", Part: "6º"}, "Comité de Derechos Humanos: Observaciones (Ecuador), 6º §1"},
		{corpus.Document{Title: "Informe"}, corpus.Paragraph{Ordinal: 30, Number: "285", Repeated: true}, "Informe ¶30"},
		{corpus.Document{Title: "CORTE", Case: &corpus.Case{Name: "Caso Gelman Vs. Uruguay", Date: corpus.Date{Year: 2011, Month: 2, Day: 24}}}, corpus.Paragraph{Ordinal: 300, Number: "193"}, "Caso Gelman Vs. Uruguay (2011-02-24) §193"},
	} {
		got := RefOf(&tt.doc, &tt.p)
		if got != tt.want {
			t.Errorf("RefOf = %q, want %q", got, tt.want)
		}
		if _, ok := ParseReference(got); !ok {
			t.Errorf("ParseReference(%q) does not read RefOf's reference back", got)
		}
	}
}

// FuzzParseReference checks that no text makes ParseReference panic, and
// that what it parses it writes as a reference it parses again.
func FuzzParseReference(f *testing.F) {
	for _, s := range []string{"51/34 §7", "2776 (2025) §7", "resolución 2776 (2025), párrafo 7", "A/HRC/RES/51/34, párr. 7 a)",
		"S/RES/2776 (2025), Anexo A §7", "Caso Gelman Vs. Uruguay, párr. 193", "Serie C No. 221, párr. 193",
		"Corte IDH. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de enero de 2000. Serie C No. 64, párr. 42",
		"Informe ¶3", "Título (Ecuador), 6º §1", "§§§", "Caso Vs. Vs. (", "( ) ¶0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ref, ok := ParseReference(s)
		if !ok {
			return
		}
		again, ok := ParseReference(ref.String())
		if !ok {
			t.Fatalf("ParseReference(%q) = %q, which does not parse", s, ref.String())
		}
		if again.Paragraph != ref.Paragraph || again.Ordinal != ref.Ordinal {
			t.Fatalf("ParseReference(%q) = %q, read back as %q", s, ref.String(), again.String())
		}
	})
}
