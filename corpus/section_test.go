package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSections checks the sections of a Markdown list of topics (the
// CLADEM "Sistematización por temáticas" shape), of a recommendation that
// opens a list, and of headings without Markdown levels.
func TestSections(t *testing.T) {
	para := func(kind ParagraphKind, original string) Paragraph {
		text := strings.TrimLeft(original, "#*- \t")
		return Paragraph{Kind: kind, Text: text, Original: original}
	}
	d := &Document{Title: "Sistematización", Paragraphs: []Paragraph{
		para(Heading, "# Sistematización"),
		para(Heading, "## Acceso a la justicia"),
		para(Heading, "* Comité de Derechos Humanos"),
		para(Plain, "  * 4º Observaciones finales sobre el Estado, Parag. 9"),
		para(Plain, "  * 5° Observaciones finales sobre el Estado, Parag. 10"),
		para(Heading, "* Comité contra la Tortura"),
		para(Plain, "  * 1° Observaciones finales sobre el Estado, Parag. 40"),
		para(Plain, "El Comité recomienda al Estado parte que:"),
		para(ListItem, "a) Garantice el acceso;"),
		para(ListItem, "b) Vele por la reparación."),
		para(Plain, "Un párrafo sin lista."),
		para(Heading, "## Derecho a la salud"),
		para(Heading, "El Consejo de Derechos Humanos,"),
		para(Heading, "Observaciones"),
		para(Plain, "Texto."),
		para(Heading, "Recomendaciones"),
		para(Plain, "Más texto."),
	}}
	want := [][]string{
		nil,
		nil,
		{"Acceso a la justicia"},
		{"Acceso a la justicia", "Comité de Derechos Humanos"},
		{"Acceso a la justicia", "Comité de Derechos Humanos"},
		{"Acceso a la justicia"},
		{"Acceso a la justicia", "Comité contra la Tortura"},
		{"Acceso a la justicia"},
		{"Acceso a la justicia", "El Comité recomienda al Estado parte que:"},
		{"Acceso a la justicia", "El Comité recomienda al Estado parte que:"},
		{"Acceso a la justicia"},
		nil,
		{"Derecho a la salud"},
		{"Derecho a la salud"},
		{"Derecho a la salud", "Observaciones"},
		{"Derecho a la salud"},
		{"Derecho a la salud", "Recomendaciones"},
	}
	got := d.Sections()
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("Sections()[%d] (%q) = %q, want %q", i, d.Paragraphs[i].Text, got[i], want[i])
		}
	}
}

// TestSectionsOfTextLists checks that lists of plain text nest as
// Markdown lists do: by indentation (spaces or tabs) and, at the same
// indentation, by marker ("•" over "o", "1." over "a)"), a parent item
// being part of its children's section, and an item being the sibling of
// the one above with its marker.
func TestSectionsOfTextLists(t *testing.T) {
	para := func(kind ParagraphKind, original string) Paragraph {
		text := strings.TrimLeft(original, "•*-o◦ \t")
		return Paragraph{Kind: kind, Text: text, Original: original}
	}
	d := &Document{Title: "Sistematización", Paragraphs: []Paragraph{
		para(Heading, "Sistematización"),
		para(Heading, "Acceso a la justicia"),
		para(ListItem, "• Comité contra la Tortura"),
		para(ListItem, "    * 1° Observaciones finales sobre el Estado, Parag. 46"),
		para(ListItem, "    * 2° Observaciones finales sobre el Estado, Parag. 12"),
		para(ListItem, "• Comité de Derechos Humanos"),
		para(ListItem, "\to 5° Observaciones finales sobre el Estado, Parag. 10"),
		para(ListItem, "\t\t▪ inciso b"),
		para(ListItem, "\to 6° Observaciones finales sobre el Estado, Parag. 3"),
		para(Heading, "Salud"),
		para(ListItem, "• Comité de los Derechos del Niño"),
		para(ListItem, "o 4° Observaciones finales, Parag. 7"), // by marker, not indentation
		para(ListItem, "• Consejo de Derechos Humanos - Examen Periódico Universal"),
		para(Plain, "El Comité recomienda al Estado parte que:"),
		para(ListItem, "1. Adopte una ley;"),
		para(ListItem, "a) con plazos;"),
		para(ListItem, "b) con presupuesto;"),
		para(ListItem, "2. Informe."),
	}}
	want := [][]string{
		nil,
		nil,
		{"Acceso a la justicia"},
		{"Acceso a la justicia", "Comité contra la Tortura"},
		{"Acceso a la justicia", "Comité contra la Tortura"},
		{"Acceso a la justicia"},
		{"Acceso a la justicia", "Comité de Derechos Humanos"},
		{"Acceso a la justicia", "Comité de Derechos Humanos", "5° Observaciones finales sobre el Estado, Parag. 10"},
		{"Acceso a la justicia", "Comité de Derechos Humanos"},
		nil,
		{"Salud"},
		{"Salud", "Comité de los Derechos del Niño"},
		{"Salud"},
		{"Salud"},
		{"Salud", "El Comité recomienda al Estado parte que:"},
		{"Salud", "El Comité recomienda al Estado parte que:", "Adopte una ley;"},
		{"Salud", "El Comité recomienda al Estado parte que:", "Adopte una ley;"},
		{"Salud", "El Comité recomienda al Estado parte que:"},
	}
	d.Paragraphs[14].Text, d.Paragraphs[17].Text = "Adopte una ley;", "Informe."
	got := d.Sections()
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("Sections()[%d] (%q) = %q, want %q", i, d.Paragraphs[i].Original, got[i], want[i])
		}
	}
	// In Markdown, an item that is no heading ("* Comité …:") is the
	// sibling of a heading item above it, not its child.
	md := &Document{Paragraphs: []Paragraph{
		para(Heading, "## Acceso a la justicia"),
		para(Heading, "* Comité de Derechos Humanos"),
		para(Plain, "  * 2° Observaciones finales, Parag. 8"),
		para(Plain, "* Comité para la Eliminación de la Discriminación contra la Mujer:"),
		para(Plain, "  * 2º Observaciones finales, Parag. 17"),
	}}
	md.Paragraphs[0].Text = "Acceso a la justicia"
	if got := md.Sections()[4]; !slices.Equal(got, []string{"Acceso a la justicia", "Comité para la Eliminación de la Discriminación contra la Mujer:"}) {
		t.Errorf("Markdown item under a sibling of a heading item: section %q", got)
	}
}

// FuzzSections checks that any paragraphs, as extracted, give one section
// each without a panic, none holding an empty heading.
func FuzzSections(f *testing.F) {
	f.Add("# Título\n## Tema\n* Comité\n  * 4º Observaciones, Parag. 9\nEl Comité recomienda:\n  1. Algo;")
	f.Add("  \t*\n-\n1)\n#######\n#")
	f.Fuzz(func(t *testing.T, s string) {
		d := &Document{}
		for i, line := range strings.Split(s, "\n") {
			kind := Plain
			if strings.HasPrefix(strings.TrimSpace(line), "#") || i%3 == 0 {
				kind = Heading
			}
			d.Paragraphs = append(d.Paragraphs, Paragraph{Ordinal: i + 1, Kind: kind, Text: strings.Trim(line, "#* \t"), Original: line})
		}
		secs := d.Sections()
		if len(secs) != len(d.Paragraphs) {
			t.Fatalf("%d sections for %d paragraphs", len(secs), len(d.Paragraphs))
		}
		for _, sec := range secs {
			for _, h := range sec {
				if len(h) > 200 || utf8.ValidString(s) && !utf8.ValidString(h) {
					t.Fatalf("a heading of %d bytes in a section: %q", len(h), h)
				}
			}
		}
	})
}
