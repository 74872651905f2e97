package entity

import (
	"io/fs"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/spanish"
)

// TestTokenize checks each token of tokenize against the word at its span
// and fold of that word, on sample text and cases of every path of fold:
// lower-case ASCII, capitals, accents of the table, a combining accent, a
// letter outside the table; and that a reused slice gives the same tokens.
func TestTokenize(t *testing.T) {
	texts := []string{
		"", "de la", "Comisión Interamericana de Mujeres (CIM)", "Belém do Pará, ÑANDÚ",
		"Pará (MESECVI)", "Cafe\u0301 y ñu", "Straße Łódź ΑΘΗΝΑ 2030", "ODS 5.1.1, A/HRC/51/34",
	}
	entries, _ := fs.ReadDir(corpus.Sample, ".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") {
			data, _ := fs.ReadFile(corpus.Sample, e.Name())
			texts = append(texts, string(data))
		}
	}
	var reused []token
	for _, text := range texts {
		toks := tokenize(text, nil)
		reused = tokenize(text, reused)
		if len(reused) != len(toks) {
			t.Fatalf("%.40q: %d tokens into a reused slice, %d into a new one", text, len(reused), len(toks))
		}
		for i, tok := range toks {
			if tok != reused[i] {
				t.Errorf("%.40q: token %d is %+v, %+v into a reused slice", text, i, tok, reused[i])
			}
			if tok.text != text[tok.start:tok.end] || tok.folded != spanish.FoldLower(tok.text) {
				t.Errorf("%.40q: token %+v, want the word at its span and folded %q", text, tok, spanish.FoldLower(tok.text))
			}
			r, _ := utf8.DecodeRuneInString(tok.text)
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				t.Errorf("%.40q: token %q does not begin with a letter or digit", text, tok.text)
			}
		}
	}
	if got := spanish.FoldLower("Cafe\u0301 ÑANDÚ Belém"); got != "cafe nandu belem" {
		t.Errorf("fold = %q, want %q", got, "cafe nandu belem")
	}
}

// BenchmarkEntities measures entity recognition on the sample corpus, one
// paragraph at a time, as ingest runs it.
func BenchmarkEntities(b *testing.B) {
	g := DefaultGazetteer()
	var paras []string
	entries, _ := fs.ReadDir(corpus.Sample, ".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".txt") {
			data, _ := fs.ReadFile(corpus.Sample, e.Name())
			paras = append(paras, strings.Split(string(data), "\n\n")...)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			g.Entities(p, nil)
		}
	}
}

// TestLookupCanonical checks that canonically equivalent spellings of a
// name, and the name without its accents, find the same entry: fold
// removed a combining accent ("Y\u0301") but kept a precomposed letter its
// table lacked ("Ý", "Å"), so "Ýemen" was not Yemen while "Y\u0301emen"
// was, and "Islas Aland", as an analyst types it, was not "Islas Åland".
func TestLookupCanonical(t *testing.T) {
	g := DefaultGazetteer()
	for _, tt := range []struct{ precomposed, decomposed, plain, want string }{
		{"Ýemen", "Y\u0301emen", "Yemen", "Yemen"},
		{"Islas Åland", "Islas A\u030aland", "islas aland", "Islas Åland"},
	} {
		for _, in := range []string{tt.precomposed, tt.decomposed, tt.plain} {
			e, ok := g.Lookup(in)
			if !ok || e.Name != tt.want {
				t.Errorf("Lookup(%q) = %+v, %v; want %q", in, e, ok, tt.want)
			}
		}
	}
}

func TestEntities(t *testing.T) {
	g := DefaultGazetteer()
	text := "con el apoyo del Mecanismo de Seguimiento de la Convención de Belém do Pará (MESECVI) de la Comisión Interamericana de Mujeres (CIM) de la Organización de los Estados Americanos (OEA), ONU Mujeres y ACNUR, la Agencia de la ONU para los Refugiados, en Gwangju (Corea del Sur) y México; ODS 5 y ODS 5.1.1; la CEDAW y el Instituto Nacional de las Mujeres (INMUJERES)."
	defs := Definitions{}
	g.Define(defs, text)
	var got []string
	for _, e := range g.Entities(text, defs) {
		got = append(got, e.Name+"|"+e.Type)
	}
	for _, want := range []string{
		"Mecanismo de Seguimiento de la Convención de Belém do Pará|mechanism",
		"Comisión Interamericana de Mujeres|mechanism",
		"Organización de los Estados Americanos|organization",
		"ONU Mujeres|agency",
		"Alto Comisionado de las Naciones Unidas para los Refugiados|agency",
		"Gwangju|place", "Corea del Sur|place", "México|place",
		"ODS 5|goal", "ODS 5.1.1|goal",
		"Convención sobre la Eliminación de Todas las Formas de Discriminación contra la Mujer|treaty",
		"Instituto Nacional de las Mujeres|organization",
	} {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("Entities: %q missing from %q", want, got)
		}
	}
	// ACNUR and "Agencia de la ONU para los Refugiados" are one entity.
	n := 0
	for _, g := range got {
		if strings.HasPrefix(g, "Alto Comisionado de las Naciones Unidas para los Refugiados") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("ACNUR listed %d times", n)
	}
	if e, ok := g.Lookup("acnur"); !ok || e.Name != "Alto Comisionado de las Naciones Unidas para los Refugiados" {
		t.Errorf("Lookup(acnur) = %v", e)
	}
}

// TestEntityNamesWhole checks names that had been cut or taken too far.
func TestEntityNamesWhole(t *testing.T) {
	g := DefaultGazetteer()
	for _, tt := range []struct{ in, want string }{
		{"1° Informe del Grupo de Trabajo sobre el Estado, Parag. 128.82", "Grupo de Trabajo"},
		{"El Grupo de Trabajo sobre el Examen Periódico Universal celebró su período de sesiones", "Grupo de Trabajo sobre el Examen Periódico Universal"},
		{"recomendación del Comité contra la Eliminación de la Discriminación contra la Mujer", "Comité para la Eliminación de la Discriminación contra la Mujer"},
	} {
		var got []string
		for _, e := range g.Entities(tt.in, nil) {
			got = append(got, e.Name)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("Entities(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
