package audit

import (
	"slices"
	"testing"
)

// lexicon is a small Lexicon for tests.
type lexicon map[string]bool

func (l lexicon) Lookup(w string) (float64, bool) { return 1, l[w] }

func TestCompare(t *testing.T) {
	lex := lexicon{"y": true, "niñas": true, "niños": true, "derechos": true, "of": true, "society": true}
	for _, tt := range []struct {
		name, ref, got string
		opt            Options
		want           Report
	}{
		{name: "same words, other case, accents and spacing",
			ref: "Los  Niños y\nlas niñas.", got: "los ninos y las NIÑAS",
			want: Report{RefWords: 5, Words: 5}},
		{name: "a word lost, one added, one substituted",
			ref: "a b c d e", got: "a c d x e z",
			want: Report{RefWords: 5, Words: 6, Lost: 1, Added: 2, Errors: 3}},
		{name: "glued",
			ref: "los niños yniñas", got: "los niños yniñas",
			want: Report{RefWords: 3, Words: 3}},
		{name: "glued by the extraction",
			ref: "niños y niñas", got: "niños yniñas", opt: Options{Lexicon: lex},
			want: Report{RefWords: 3, Words: 2, Lost: 2, Added: 1, Errors: 2, Glued: []string{"yniñas"}}},
		{name: "split by the extraction",
			ref: "los derechos", got: "los dere chos",
			want: Report{RefWords: 2, Words: 3, Lost: 1, Added: 2, Errors: 2, Split: []string{"dere chos"}}},
		{name: "glued by the reference",
			ref: "the role ofsociety", got: "the role of society", opt: Options{Lexicon: lex},
			want: Report{RefWords: 3, Words: 4, RefSpacing: 1}},
		{name: "page numbers are furniture",
			ref: "uno dos\n12\ntres", got: "uno dos tres",
			want: Report{RefWords: 3, Words: 3, Furniture: 1}},
		{name: "declared drops and repairs",
			ref: "Naciones Unidas A/HRC/1/2\ntexto cooperacidn", got: "texto cooperación",
			opt:  Options{Dropped: []string{"Naciones Unidas   A/HRC/1/2"}, Repairs: [][2]string{{"cooperacidn", "cooperación"}}},
			want: Report{RefWords: 2, Words: 2, Dropped: 4, Furniture: 2, Repaired: 1}},
		{name: "a footnote moved",
			ref: "uno dos nota al pie tres cuatro cinco seis siete", got: "uno dos tres cuatro cinco seis siete nota al pie",
			want: Report{RefWords: 10, Words: 10, Moved: 3}},
		{name: "paragraph numbers",
			ref: "7. Destaca que\n84.3 Proseguir los\n26.165 de 2006)\n85.12 Despenalizar", got: "7. Destaca que\n\n84.3 Proseguir los 26.165 de 2006)\n\n85. 12 Despenalizar",
			want: Report{RefWords: 14, Words: 14, Numbers: 3, NumbersKept: 2, Missing: []string{"85.12"}}},
		{name: "paragraph numbers alone on their line in pdftotext's reading",
			ref: "10.\nEl 19 de marzo de 2010\n11.\nMediante comunicación\n3\nde la página", got: "10. El 19 de marzo de 2010\n\n11.Mediante comunicación de la página",
			opt:  Options{PDF: true},
			want: Report{RefWords: 13, Words: 13, Furniture: 1, Numbers: 2, NumbersKept: 1, Missing: []string{"11"}}},
		{name: "a note mark glued to a year by the reference",
			ref: "la ley de 199350 sobre", got: "la ley de 1993 sobre",
			want: Report{RefWords: 5, Words: 5, RefSpacing: 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.ref, tt.got, tt.opt)
			got.Diffs = nil
			if !equal(got, tt.want) {
				t.Errorf("Compare(%q, %q) =\n %+v, want\n %+v", tt.ref, tt.got, got, tt.want)
			}
		})
	}
}

func equal(a, b Report) bool {
	return slices.Equal(a.Glued, b.Glued) && slices.Equal(a.Split, b.Split) && slices.Equal(a.Missing, b.Missing) &&
		a.RefWords == b.RefWords && a.Words == b.Words && a.Lost == b.Lost && a.Added == b.Added && a.Errors == b.Errors &&
		a.Furniture == b.Furniture && a.Dropped == b.Dropped && a.Repaired == b.Repaired && a.Moved == b.Moved &&
		a.RefSpacing == b.RefSpacing && a.Numbers == b.Numbers && a.NumbersKept == b.NumbersKept && a.Approximate == b.Approximate
}

// TestDiffLarge checks that texts too different for the bounded diff are
// compared by word frequencies.
func TestDiffLarge(t *testing.T) {
	var a, b []byte
	for i := range 3000 {
		a = append(a, byte('a'+i%26), ' ')
		b = append(b, byte('a'+(i*7)%26), 'x', ' ')
	}
	rep := Compare(string(a), string(b), Options{})
	if !rep.Approximate || rep.Lost != 3000 || rep.Added != 3000 || rep.Errors != 3000 {
		t.Errorf("%+v", rep)
	}
}

func TestMarkdownText(t *testing.T) {
	got := markdownText("---\ntitle: \"X\"\n---\n# Título[^1]\n\n**7.** Destaca la [página](http://x) `y`\n\n[^1]: nota\n")
	if w := Words(got); !slices.Equal(w, []string{"titulo", "7", "destaca", "la", "pagina", "y", "nota"}) {
		t.Errorf("markdownText words = %q", w)
	}
}

func FuzzCompare(f *testing.F) {
	f.Add("7. Destaca la importancia", "7. Destaca la  importancia")
	f.Add("a b c", "c b a")
	f.Fuzz(func(t *testing.T, ref, got string) {
		rep := Compare(ref, got, Options{Lexicon: lexicon{"a": true}})
		if rep.Errors > rep.RefWords+rep.Furniture+rep.Dropped+rep.Words || rep.Errors < 0 || rep.NumbersKept > rep.Numbers {
			t.Fatalf("Compare(%q, %q) = %+v", ref, got, rep)
		}
	})
}

// TestCompareLostAndAccents: words lost are counted as a bag (a table
// read by rows rather than columns loses nothing), besides declared drops
// and short numbers; words that differ only in their accents are counted
// apart.
func TestCompareLostAndAccents(t *testing.T) {
	ref := "Año 2010 2011 Fuente Censo Nacional\nCabecera de página\n7\nel periodo de sesiones inter alia como"
	got := "Año Fuente 2010 Censo 2011 Nacional el período de sesiones ínter alia cómo"
	rep := Compare(ref, got, Options{Dropped: []string{"Cabecera de página"}})
	if rep.LostWords != 0 || len(rep.LostList) != 0 {
		t.Errorf("lost %d %q, want none: the table's words are all there, the running head was declared", rep.LostWords, rep.LostList)
	}
	if want := []string{"periodo → período", "inter → ínter", "como → cómo"}; rep.Accents != 3 || !slices.Equal(rep.AccentChanges, want) {
		t.Errorf("accents %d %q, want %q", rep.Accents, rep.AccentChanges, want)
	}
	rep = Compare("uno dos tres cuatro", "uno tres", Options{})
	if rep.LostWords != 2 || !slices.Equal(rep.LostList, []string{"dos", "cuatro"}) {
		t.Errorf("lost %d %q, want dos and cuatro", rep.LostWords, rep.LostList)
	}
}
