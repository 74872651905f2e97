package lineage

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

func TestWords(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"7. Decide seguir ocupándose de la cuestión;", []string{"decide", "seguir", "ocupandose", "de", "la", "cuestion"}},
		{"a) Adopten medidas;", []string{"adopten", "medidas"}},
		{"(iv) Niñas y NIÑOS", []string{"ninas", "y", "ninos"}},
		{"resolución 2216 (2015),", []string{"resolucion", "2216", "2015"}},
		{"¿Qué?", []string{"que"}},
		{"7.", []string{"7"}},
	} {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	base := "Exhorta a los Estados a que adopten todas las medidas necesarias para prevenir la violencia contra las mujeres y las niñas, investigarla y sancionarla"
	for _, tt := range []struct {
		a, b     string
		min, max float64
		same     bool
	}{
		{base, base, 1, 1, true},
		{base, strings.ToUpper(base) + ".", 1, 1, true},
		{base, strings.NewReplacer("á", "a", "ñ", "n").Replace(base), 1, 1, true},
		{base, strings.Replace(base, "prevenir", "combatir", 1), 0.8, 0.95, false},
		{base, "Decide seguir ocupándose activamente de la cuestión en el marco de su programa de trabajo", 0, 0.1, false},
	} {
		s := Similarity(tt.a, tt.b)
		if s < tt.min || s > tt.max {
			t.Errorf("Similarity(%q, %q) = %.2f, want %.2f..%.2f", tt.a, tt.b, s, tt.min, tt.max)
		}
		if got := Identical(tt.a, tt.b); got != tt.same {
			t.Errorf("Identical(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.same)
		}
	}
}

func TestKeys(t *testing.T) {
	a := "Exhorta a los Estados a que adopten todas las medidas necesarias para prevenir la violencia contra las mujeres"
	if k := Keys("Decide seguir ocupándose de la cuestión."); k != nil {
		t.Errorf("Keys of a short formula = %x, want none", k)
	}
	ka, kb := Keys(a), Keys(strings.ToLower(a)+";")
	if len(ka) != Bands || !reflect.DeepEqual(ka, kb) {
		t.Errorf("Keys differ for the same folded words: %x, %x", ka, kb)
	}
	kc := Keys("Reafirma que todos los Estados tienen la obligación de promover y proteger los derechos humanos de todas las personas")
	for _, k := range kc {
		for _, k2 := range ka {
			if k == k2 {
				t.Errorf("unrelated paragraphs share key %x", k)
			}
		}
	}
}

// TestKeysStable holds keys to the values indexes store (lineage.gob of
// version 2): a change here means rebuilding every index's lineage.
func TestKeysStable(t *testing.T) {
	tests := []struct {
		text string
		want []Key
	}{
		{"Reafirma que todos los Estados tienen la obligación de promover y proteger los derechos humanos de todas las personas",
			[]Key{0xacab2789, 0xf2443835, 0xb21897bc, 0xd3aca214, 0xaf6f44c9, 0x4aa8dab6, 0x1a6d7ac4, 0x895895a6}},
		{"Exhorta a los Estados a que cooperen plenamente con el Relator Especial y a que respondan favorablemente a sus solicitudes de visita",
			[]Key{0xaba228bf, 0xc4a74fcf, 0x4ca65e01, 0x292ff0c9, 0xf84b6c9, 0xa4a12128, 0x48331e09, 0x54cce0cc}},
	}
	for _, tt := range tests {
		if got := Keys(tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Keys(%.30q…) = %#x, want %#x", tt.text, got, tt.want)
		}
	}
}

func TestWordDiff(t *testing.T) {
	for _, tt := range []struct {
		old, new string
		want     string
	}{
		{"Decide prorrogar el mandato hasta el 9 de mayo de 2025;", "Decide prorrogar el mandato hasta el 30 de abril de 2026;",
			"Decide prorrogar el mandato hasta el [-9-] {+30+} de [-mayo-] {+abril+} de [-2025;-] {+2026;+}"},
		{"Pide al Secretario General que informe", "Pide al Secretario General que le informe anualmente",
			"Pide al Secretario General que {+le+} informe {+anualmente+}"},
		{"Acoge con beneplácito el informe;", "acoge con BENEPLACITO el informe.", "acoge con BENEPLACITO el informe."},
		{"", "Nuevo texto", "{+Nuevo texto+}"},
	} {
		if got := Marked(WordDiff(tt.old, tt.new), PlainMarkers); got != tt.want {
			t.Errorf("WordDiff(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}

// FuzzWordDiff checks that a word diff rebuilds both texts' words.
func FuzzWordDiff(f *testing.F) {
	f.Add("Decide prorrogar el mandato hasta 2025;", "Decide prorrogar hasta 2026 el mandato;")
	f.Add("", "a b c")
	f.Fuzz(func(t *testing.T, old, new string) {
		if len(old) > 2000 || len(new) > 2000 {
			return
		}
		var a, b []string
		for _, s := range WordDiff(old, new) {
			if s.Op != Insert {
				a = append(a, strings.Fields(s.Text)...)
			}
			if s.Op != Delete {
				b = append(b, strings.Fields(s.Text)...)
			}
		}
		if !equalFolded(a, strings.Fields(old)) {
			t.Errorf("old words %q not rebuilt: %q", strings.Fields(old), a)
		}
		if !reflect.DeepEqual(b, strings.Fields(new)) && !(len(b) == 0 && len(strings.Fields(new)) == 0) {
			t.Errorf("new words %q not rebuilt: %q", strings.Fields(new), b)
		}
	})
}

// equalFolded compares word lists folded: an equal span shows the new
// text's form of a word.
func equalFolded(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	fa, fb := foldAll(a), foldAll(b)
	return reflect.DeepEqual(fa, fb)
}

func paras(kind corpus.ParagraphKind, texts ...string) []corpus.Paragraph {
	var out []corpus.Paragraph
	for i, t := range texts {
		out = append(out, corpus.Paragraph{Ordinal: i + 1, Number: corpus.NumberOf(i + 1), Kind: kind, Text: t})
	}
	return out
}

func TestAlign(t *testing.T) {
	p1 := "Decide prorrogar hasta el 30 de abril de 2026 el mandato del Grupo de Expertos establecido en la resolución 1591"
	p2 := "Exhorta a todas las partes a que respeten el derecho internacional humanitario y protejan a la población civil"
	p3 := "Pide al Secretario General que le presente un informe sobre la aplicación de la presente resolución"
	p4 := "Condena enérgicamente todos los ataques contra el personal de mantenimiento de la paz de las Naciones Unidas"
	p5 := "Decide seguir ocupándose activamente de la cuestión"
	old := paras(corpus.Operative, p1, p2, p3, p4, p5)
	new := paras(corpus.Operative,
		strings.Replace(p1, "2026", "2027", 1), // changed
		p4,
		p2,
		"Alienta a los Estados Miembros a que aporten contribuciones voluntarias al fondo fiduciario", // new
		p5, // unchanged; p3 removed
	)
	pairs, err := Align(old, new)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range pairs {
		s := string(p.Status)
		if p.A >= 0 {
			s += " " + ParagraphRef(&old[p.A])
		}
		if p.B >= 0 {
			s += " → " + ParagraphRef(&new[p.B])
		}
		if p.Moved {
			s += " moved"
		}
		got = append(got, s)
	}
	// §2 and §4 swapped places: either may be called the one that moved
	// (the in-order pairing of both has the same weight); here §2 did.
	want := []string{"changed §1 → §1", "removed §3", "unchanged §4 → §2", "unchanged §2 → §3 moved", "new → §4", "unchanged §5 → §5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Align = %q, want %q", got, want)
	}
	c := Count(pairs, old, new)
	if len(c) != 1 || c[0].String() != "5 operativos: 3 sin cambios, 1 modificado, 1 nuevo (1 desplazado); 1 suprimido" {
		t.Errorf("Count = %+v, %q", c, c[0].String())
	}
}

// TestWordHashes checks the fast path of sketches against Words.
func TestWordHashes(t *testing.T) {
	for _, text := range []string{
		"7. Decide seguir ocupándose de la cuestión;",
		"(iv) Niñas y NIÑOS — «derechos» 2216 (2015),",
		"7.", "a)", "", "   ", "Ω ß ǅ İstanbul", "a) b) c)",
	} {
		var want []uint64
		for _, w := range Words(text) {
			want = append(want, hashString(w))
		}
		got := wordHashes(text)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("wordHashes(%q) = %x, want %x (Words %q)", text, got, want, Words(text))
		}
	}
}

func FuzzWordHashes(f *testing.F) {
	f.Add("7. Decide seguir ocupándose de la cuestión;")
	f.Add("(iv) Niñas")
	f.Fuzz(func(t *testing.T, text string) {
		var want []uint64
		for _, w := range Words(text) {
			want = append(want, hashString(w))
		}
		got := wordHashes(text)
		if !(len(got) == 0 && len(want) == 0) && !reflect.DeepEqual(got, want) {
			t.Errorf("wordHashes(%q) = %x, want %x (Words %q)", text, got, want, Words(text))
		}
		checkSketch(t, text)
	})
}

// TestSketchAsDefined holds a sketch's word pairs and fingerprint, and
// those of WordPairs, to their definitions from Words.
func TestSketchAsDefined(t *testing.T) {
	for _, text := range []string{
		"7. Exhorta a todos los Estados a que adopten medidas eficaces para prevenir la violencia",
		"Reafirma que todos los Estados tienen la obligación de promover y proteger, y proteger, los derechos humanos",
		"uno dos tres cuatro cinco seis siete ocho",
		"uno dos tres cuatro cinco seis siete",
	} {
		checkSketch(t, text)
	}
}

func checkSketch(t *testing.T, text string) {
	t.Helper()
	words := Words(text)
	var wantPairs []uint64
	var wantFP uint64
	if len(words) >= MinWords {
		wantPairs, wantFP = Shingles(words), Fingerprint(text)
	}
	sk := NewSketch(text)
	pairs, fp := WordPairs(text)
	if !slices.Equal(sk.Shingles, wantPairs) || sk.Fingerprint != wantFP || !slices.Equal(pairs, wantPairs) || fp != wantFP {
		t.Errorf("%q: sketch pairs %x, fingerprint %x; WordPairs %x, %x; want %x, %x", text, sk.Shingles, sk.Fingerprint, pairs, fp, wantPairs, wantFP)
	}
}

func TestParseCompilationRef(t *testing.T) {
	for _, tt := range []struct {
		in    string
		cycle int
		paras string
	}{
		{"5° Observaciones finales sobre el Estado, Parag. 12", 5, "[12]"},
		{"6° Observaciones finales sobre el Estado, Parag. 9; 13; 21; 23; 41; 47", 6, "[9 13 21 23 41 47]"},
		{"2° Informe del Grupo de Trabajo sobre el Estado, Parag. 99.54; 99.56; 99.61", 2, "[99.54 99.56 99.61]"},
		{"1° Informe Final Sobre Argentina; Parag. 4 y 19", 1, "[4 19]"},
		{"6º Observaciones finales sobre el Estado, Parag. 15 Inc. C, D y E", 6, "[15]"},
		{"1º Observaciones finales sobre el Estado Parag. 81 Inc. 6, 22, 48, 49; 50", 1, "[81 50]"},
		{"2° Informe del Grupo de Trabajo sobre el Estado, Parag. 114.76 y 114.97", 2, "[114.76 114.97]"},
		{"El Comité recomienda al Estado parte que adopte medidas", 0, ""},
		{"Comité de Derechos Humanos", 0, ""},
	} {
		ref, ok := ParseCompilationRef(tt.in)
		if ok != (tt.cycle > 0) {
			t.Errorf("ParseCompilationRef(%q) ok = %v", tt.in, ok)
			continue
		}
		var got []string
		for _, p := range ref.Paragraphs {
			got = append(got, p.String())
		}
		if ok && (ref.Cycle != tt.cycle || "["+strings.Join(got, " ")+"]" != tt.paras) {
			t.Errorf("ParseCompilationRef(%q) = %d %v, want %d %s", tt.in, ref.Cycle, got, tt.cycle, tt.paras)
		}
	}
}

func TestNameMatch(t *testing.T) {
	if m := NameMatch("Consejo de Derechos Humanos - Examen Periódico Universal", "Examen Periódico Universal - EPU: Observaciones referidas a las mujeres"); m != 0.5 {
		t.Errorf("EPU match %.2f", m)
	}
	if m := NameMatch("Comité de los Derechos del Niño", "Comité de los Derechos del Niño y la Niña: Observaciones"); m != 1 {
		t.Errorf("CRC match %.2f", m)
	}
	if a, b := NameMatch("Comité de Derechos Humanos", "Comité de Derechos Humanos: Observaciones"), NameMatch("Comité de Derechos Humanos", "Comité de Derechos Económicos, Sociales y Culturales: Observaciones"); a <= b {
		t.Errorf("CCPR %.2f not above CESCR %.2f", a, b)
	}
}

func TestPlausible(t *testing.T) {
	base := "Exhorta a todos los Estados a que adopten medidas eficaces para prevenir y eliminar la violencia contra las mujeres y las niñas en todas sus formas y manifestaciones"
	near := strings.Replace(base, "prevenir y eliminar", "prevenir, investigar y sancionar", 1)
	other := "Pide al Secretario General que le presente en su próximo período de sesiones un informe completo sobre la aplicación de la presente resolución"
	a, b, c := NewSketch(base), NewSketch(near), NewSketch(other)
	if !Plausible(a.Signature, a.Signature) || !Plausible(a.Signature, b.Signature) {
		t.Errorf("identical or near (similarity %.2f) texts not plausible", Similarity(base, near))
	}
	if Plausible(a.Signature, c.Signature) {
		t.Errorf("unrelated texts plausible")
	}
}

// FuzzParseCompilationRef checks that any line parses without panicking
// and that what it yields is well formed.
func FuzzParseCompilationRef(f *testing.F) {
	f.Add("5° Observaciones finales sobre el Estado, Parag. 12; 26")
	f.Add("1º Observaciones finales sobre el Estado Parag. 81 Inc. 6, 22, 48, 49; 50")
	f.Add("2° Informe del Grupo de Trabajo, Parag. 99.54 y 99.56")
	f.Fuzz(func(t *testing.T, line string) {
		ref, ok := ParseCompilationRef(line)
		if !ok {
			return
		}
		if ref.Cycle < 0 || ref.Cycle > 99 || len(ref.Paragraphs) == 0 {
			t.Errorf("ParseCompilationRef(%q) = %+v", line, ref)
		}
		for _, p := range ref.Paragraphs {
			if p.Number < 0 || p.Number > 9999 || p.Sub < 0 || p.Sub > 999 {
				t.Errorf("ParseCompilationRef(%q): paragraph %+v", line, p)
			}
		}
	})
}

// TestMaxJaccard holds the size test to what it bounds: no two sets have
// a Jaccard coefficient above it.
func TestMaxJaccard(t *testing.T) {
	for _, tt := range []struct {
		a, b int
		want float64
	}{{0, 3, 0}, {3, 0, 0}, {2, 4, 0.5}, {4, 2, 0.5}, {3, 3, 1}, {1, 3, 1.0 / 3}} {
		if got := MaxJaccard(tt.a, tt.b); got != tt.want {
			t.Errorf("MaxJaccard(%d, %d) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	sets := [][]uint64{{1, 2, 3}, {1, 2, 3, 4, 5, 6}, {2, 3}, {1, 2, 3, 4}, {9}}
	for _, a := range sets {
		for _, b := range sets {
			if j := Jaccard(a, b); j > MaxJaccard(len(a), len(b)) {
				t.Errorf("Jaccard(%v, %v) = %v above MaxJaccard %v", a, b, j, MaxJaccard(len(a), len(b)))
			}
		}
	}
}
