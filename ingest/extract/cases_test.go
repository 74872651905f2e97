package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// casesOf returns the case citations of each paragraph as
// "symbol|case|paragraph", one paragraph per element.
func casesOf(doc *corpus.Document) []string {
	var out []string
	for _, p := range doc.Paragraphs {
		var cs []string
		for _, c := range p.Citations {
			if c.Case != "" {
				cs = append(cs, fmt.Sprintf("%s|%s|%s", c.Symbol, c.Case, c.Paragraph))
			}
		}
		out = append(out, strings.Join(cs, "; "))
	}
	return out
}

func TestCaseCitations(t *testing.T) {
	// Notes as the Court writes them (Caso Gelman Vs. Uruguay, notes 9,
	// 10, 12 and 20, shortened).
	note := func(text string) corpus.Paragraph { return corpus.Paragraph{Kind: corpus.Footnote, Text: text} }
	doc := &corpus.Document{Paragraphs: []corpus.Paragraph{
		{Kind: corpus.Plain, Number: "26", Text: "La Corte puede determinar si el reconocimiento de responsabilidad ofrece una base suficiente."},
		note("9 Cfr. Caso Myrna Mack Chang Vs. Guatemala. Fondo, Reparaciones y Costas. Sentencia de 25 de noviembre de 2003. Serie C No. 101, párr. 105; Caso Rosendo Cantú y otra Vs. México. Excepción Preliminar, Fondo, Reparaciones y Costas. Sentencia de 31 de agosto de 2010 Serie C No. 216, párr. 21, y Caso Ibsen Cárdenas e Ibsen Peña Vs. Bolivia. Fondo, Reparaciones y Costas. Sentencia de 1 de septiembre de 2010. Serie C No. 217, párr. 33."),
		note("10 Cfr. Caso Kimel Vs. Argentina. Fondo, Reparaciones y Costas. Sentencia de 2 de mayo de 2008. Serie C No. 177, párr. 24; Caso Rosendo Cantú y otra, supra nota 9, párr. 22, y Caso Ibsen Cárdenas e Ibsen Peña, supra nota 9, párr. 34."),
		note("12 Cfr. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de enero de 2000. Serie C No. 64, párr. 42; Caso Rosendo Cantú y otra, supra nota 9, párr. 25. 13 Cfr. Caso Kimel, supra nota 10, párrs. 23 a 25."),
		{Kind: corpus.Plain, Number: "81", Text: "Como la Corte lo señaló en el caso Casa Niña Vs. Perú, la destitución debe motivarse."},
		note("20 Cfr. Caso Velásquez Rodríguez Vs. Honduras. Fondo. Sentencia de 29 de julio de 1988. Serie C No. 4, párr. 140; Caso Caso Chitay Nech y otros Vs. Guatemala, supra, párr. 87."),
	}}
	CaseCitations(doc)
	want := []string{
		"",
		"Serie C No. 101|Caso Myrna Mack Chang Vs. Guatemala|105; Serie C No. 216|Caso Rosendo Cantú y otra Vs. México|21; Serie C No. 217|Caso Ibsen Cárdenas e Ibsen Peña Vs. Bolivia|33",
		"Serie C No. 177|Caso Kimel Vs. Argentina|24; Serie C No. 216|Caso Rosendo Cantú y otra Vs. México|22; Serie C No. 217|Caso Ibsen Cárdenas e Ibsen Peña Vs. Bolivia|34",
		"Serie C No. 64|Caso Trujillo Oroza Vs. Bolivia|42; Serie C No. 216|Caso Rosendo Cantú y otra Vs. México|25; Serie C No. 177|Caso Kimel Vs. Argentina|23",
		"Caso Casa Niña Vs. Perú|Caso Casa Niña Vs. Perú|",
		"Serie C No. 4|Caso Velásquez Rodríguez Vs. Honduras|140; Caso Chitay Nech y otros Vs. Guatemala|Caso Chitay Nech y otros Vs. Guatemala|87",
	}
	got := casesOf(doc)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d: got\n  %s\nwant\n  %s", i, got[i], want[i])
		}
	}
}

func TestCaseKeyAndSeries(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Caso López Lone y otros Vs. Honduras", "lopez lone"},
		{"CASO GELMAN VS. URUGUAY", "gelman"},
		{"Caso V.R.P., V.P.C. y otros Vs. Nicaragua", "vrp vpc"},
		{"Corte IDH. Caso Trujillo Oroza Vs. Bolivia", "trujillo oroza"},
		{"Caso Ibsen Cárdenas e Ibsen Peña", "ibsen cardenas e ibsen pena"},
	} {
		if got := corpus.CaseKey(tt.in); got != tt.want {
			t.Errorf("CaseKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"Serie C No. 64", "Serie C No. 64"},
		{"serie c nº 72", "Serie C No. 72"},
		{"Serie C N° 63, párr. 1", "Serie C No. 63"},
		{"Serie C 221", "Serie C No. 221"},
		{"Serie C No. 0", ""},
		{"la serie de televisión", ""},
	} {
		if got, _ := corpus.ParseSeries(tt.in); got != tt.want {
			t.Errorf("ParseSeries(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzCaseCitations checks that no text makes CaseCitations panic, and
// that every citation it finds names a case.
func FuzzCaseCitations(f *testing.F) {
	for _, s := range []string{
		"9 Cfr. Caso Myrna Mack Chang Vs. Guatemala. Fondo. Sentencia de 25 de noviembre de 2003. Serie C No. 101, párr. 105",
		"Caso Rosendo Cantú y otra, supra nota 9, párr. 22",
		"caso caso Caso Vs. Vs. supra nota 99999",
		"12 Caso X Vs. Y, párrs. 1 a 3; 13 Caso X, supra nota 12",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc := &corpus.Document{Paragraphs: []corpus.Paragraph{{Kind: corpus.Footnote, Text: text}, {Kind: corpus.Plain, Text: text}}}
		CaseCitations(doc)
		for _, p := range doc.Paragraphs {
			for _, c := range p.Citations {
				if c.Case == "" || c.Symbol == "" {
					t.Fatalf("citation without a case: %+v", c)
				}
			}
		}
	})
}

func TestNoteCitations(t *testing.T) {
	doc := &corpus.Document{Paragraphs: []corpus.Paragraph{
		{Kind: corpus.Plain, Number: "29", Notes: []int{12}, Text: "La Corte ha establecido que los hechos son los del sometimiento."},
		{Kind: corpus.Plain, Number: "30", Notes: []int{13}, Text: "Sobre el alcance del reconocimiento."},
		{Kind: corpus.Footnote, Text: "12 Cfr. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de enero de 2000. Serie C No. 64, párr. 42. 13 Cfr. Caso Kimel Vs. Argentina. Fondo. Sentencia de 2 de mayo de 2008. Serie C No. 177, párr. 24."},
		// A UN document prints the note's number raised: the footnote's Notes.
		{Kind: corpus.Plain, Notes: []int{3}, Text: "Recordando su resolución."},
		{Kind: corpus.Footnote, Notes: []int{3}, Text: "Véase A/HRC/51/7.", Citations: []corpus.Citation{{Symbol: "A/HRC/51/7", Text: "A/HRC/51/7"}}},
	}}
	CaseCitations(doc)
	NoteCitations(doc)
	for _, tt := range []struct {
		i    int
		want string
	}{
		{0, "Serie C No. 64 note 12"},
		{1, "Serie C No. 177 note 13"},
		{3, "A/HRC/51/7 note 3"},
	} {
		var got []string
		for _, c := range doc.Paragraphs[tt.i].Citations {
			got = append(got, fmt.Sprintf("%s note %d", c.Symbol, c.Note))
		}
		if strings.Join(got, "; ") != tt.want {
			t.Errorf("paragraph %d cites %q, want %q", tt.i, strings.Join(got, "; "), tt.want)
		}
	}
}

// TestCaseCitationsOldStyle reads citations as the Court wrote them
// before 2007, without the State (Caso Almonacid Arellano y otros Vs.
// Chile, 2006; found on that held-out judgment).
func TestCaseCitationsOldStyle(t *testing.T) {
	doc := &corpus.Document{Paragraphs: []corpus.Paragraph{
		{Kind: corpus.Footnote, Text: "5 Cfr. Caso Tibi. Sentencia de 7 de septiembre de 2004. Serie C No. 114, párr. 145; Caso Cayara. Excepciones Preliminares. Sentencia de 3 de febrero de 1993. Serie C No. 14, párr. 63."},
		{Kind: corpus.Footnote, Text: "6 Cfr. Caso Tibi, supra nota 5, párr. 146; Caso 19 Comerciantes, Sentencia de 5 de julio de 2004. Serie C No. 109, párr. 2; Caso Baena Ricardo y otros. Sentencia del 2 de febrero de 2001. Serie C Nº 72."},
	}}
	CaseCitations(doc)
	got := casesOf(doc)
	want := []string{"Serie C No. 114|Caso Tibi|145; Serie C No. 14|Caso Cayara|63",
		"Serie C No. 114|Caso Tibi|146; Serie C No. 109|Caso 19 Comerciantes|2; Serie C No. 72|Caso Baena Ricardo y otros|"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("paragraph %d: got %s, want %s", i, got[i], want[i])
		}
	}
}
