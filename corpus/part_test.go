package corpus

import (
	"fmt"
	"strings"
	"testing"
)

// partDoc builds a document from lines: "# text" a heading written as it
// is (Markdown "## …" keeps its level), "7 text" a paragraph numbered 7,
// "- text" an unnumbered paragraph.
func partDoc(lines ...string) *Document {
	d := &Document{}
	for i, l := range lines {
		p := Paragraph{Ordinal: i + 1, Kind: Plain, Text: l, Original: l}
		switch {
		case strings.HasPrefix(l, "H "):
			p.Kind, p.Text, p.Original = Heading, l[2:], l[2:]
			p.Text = strings.TrimLeft(p.Text, "# ")
		case strings.HasPrefix(l, "- "):
			p.Text = l[2:]
		default:
			num, text, _ := strings.Cut(l, " ")
			p.Number, p.Text = MustParseNumber(num), text
		}
		d.Paragraphs = append(d.Paragraphs, p)
	}
	return d
}

// partsOf returns "number@part" for each numbered paragraph, "!" after
// the repeated ones.
func partsOf(d *Document) string {
	var out []string
	for _, p := range d.Paragraphs {
		if p.Number == "" {
			continue
		}
		s := fmt.Sprintf("%s@%s", p.Number, p.Part)
		if p.Repeated {
			s += "!"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestDocumentNumberParts(t *testing.T) {
	for _, tt := range []struct {
		name  string
		lines []string
		want  string
	}{
		{"one numbering", []string{"H Resolución", "1 a", "2 b", "H A. Sección", "3 c"}, "1@ 2@ 3@"},
		{"annexes number their own items", []string{"1 a", "2 b", "7 c", "H Annex A – Items", "1 x", "7 y", "H Annex B – Components", "H Part I", "1 p", "2 q", "H Part II", "1 r"},
			"1@ 2@ 7@ 1@Anexo A 7@Anexo A 1@Anexo B, Parte I 2@Anexo B, Parte I 1@Anexo B, Parte II"},
		{"reports of a compilation", []string{"H # Comité", "H ## 1º Observaciones finales de 1998", "127 a", "H ## 2º Observaciones finales de 2009", "1 b", "10 c", "H ### C. Principales motivos", "11 d", "H ## 3º Observaciones finales de 2015", "12 e"},
			"127@1º 1@2º 10@2º 11@2º 12@3º"},
		{"a report that starts lower after a heading", []string{"H ## 1º Informe", "351 a", "353 b", "H ## 2º Informe", "268 c", "283 d"},
			"351@1º 353@1º 268@2º 283@2º"},
		{"two excerpts of one paragraph", []string{"H ## 1º Informe", "285 a", "285 b", "287 c"}, "285@ 285@! 287@"},
		{"judgment: operative points after the reasoning", []string{"H I. Introducción", "1 a", "2 b", "3 c", "4 d", "H PUNTOS RESOLUTIVOS", "1 x", "2 y"},
			"1@ 2@ 3@ 4@ 1@PUNTOS RESOLUTIVOS 2@PUNTOS RESOLUTIVOS"},
		{"a list quoted in a paragraph, then the numbering goes on", []string{"1 a", "2 b", "3 c", "4 d", "5 dispuso:", "1 x", "2 y", "6 e", "7 f", "1 z", "8 g"},
			"1@ 2@ 3@ 4@ 5@ 1@párr. 5 2@párr. 5 6@ 7@ 1@párr. 7 8@"},
		{"items of a paragraph without a heading", []string{"3 a", "4 b", "5 las recomendaciones siguientes:", "3 x", "4 y"}, "3@ 4@ 5@ 3@párr. 5 4@párr. 5"},
		{"no main numbering: every part labelled", []string{"H Artículo 11", "1 a", "2 b", "H Artículo 12", "1 c", "2 d"}, "1@Artículo 11 2@Artículo 11 1@Artículo 12 2@Artículo 12"},
		{"labels unique", []string{"H Recomendaciones", "1 a", "H Recomendaciones", "1 b"}, "1@Recomendaciones 1@Recomendaciones (2)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := partDoc(tt.lines...)
			d.NumberParts()
			if got := partsOf(d); got != tt.want {
				t.Errorf("NumberParts:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestPartKey(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Anexo A", "anexo a"},
		{"annex A", "anexo a"},
		{"Anexo B , Parte I", "anexo b, parte i"},
		{"Annex B, Part I", "anexo b, parte i"},
		{"6°", "6º"},
		{"PUNTOS  RESOLUTIVOS", "puntos resolutivos"},
		{"Sección 3", "seccion 3"},
	} {
		if got := PartKey(tt.in); got != tt.want {
			t.Errorf("PartKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnnexLabel(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"Annex A – Items subject to a no-objection process", "Anexo A", true},
		{"ANEXO II", "Anexo II", true},
		{"Anexo", "Anexo", true},
		{"Apéndice 1: Metodología", "Apéndice 1", true},
		{"Anexos de la demanda presentados por la Comisión", "", false},
		{"Annexation of territory", "", false},
	} {
		got, ok := AnnexLabel(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("AnnexLabel(%q) = %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzNumberParts builds documents of headings and numbered paragraphs
// from the fuzzer's bytes and checks NumberParts' promise: among the
// paragraphs not Repeated, a part and a number name one paragraph.
func FuzzNumberParts(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 0, 1, 2, 200, 1, 1})
	f.Add([]byte("annex\x01\x02\x03\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 400 {
			return
		}
		var lines []string
		for i, c := range b {
			switch {
			case c >= 250:
				lines = append(lines, "H Annex "+string(rune('A'+int(c)%3))+" – Items")
			case c >= 240:
				lines = append(lines, fmt.Sprintf("H ## %dº Observaciones", i))
			case c >= 230:
				lines = append(lines, "H PUNTOS RESOLUTIVOS")
			case c >= 220:
				lines = append(lines, "- texto")
			default:
				lines = append(lines, fmt.Sprintf("%d texto", int(c)%40+1))
			}
		}
		d := partDoc(lines...)
		d.NumberParts()
		seen := map[string]bool{}
		for _, p := range d.Paragraphs {
			if p.Number == "" || p.Repeated {
				continue
			}
			k := PartKey(p.Part) + "|" + string(p.Number)
			if seen[k] {
				t.Fatalf("%q names two paragraphs: %s", k, partsOf(d))
			}
			seen[k] = true
		}
	})
}
