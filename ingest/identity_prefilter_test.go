package ingest

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/relatoria/relatoria/spanish"
)

// stateAdjective is the pattern stateAdjectives stands for: "el Estado
// argentino", "al Estado Boliviano".
var stateAdjective = regexp.MustCompile(`\b(?:Estado|estado|Gobierno)\s+(\p{L}+)`)

// FuzzStateAdjectives checks that stateAdjectives finds the words that
// stateAdjective's matches capture, in the same order.
func FuzzStateAdjectives(f *testing.F) {
	for _, s := range []string{
		"el Estado argentino y el Gobierno chileno", "al estado Boliviano", "Estado", "Estado ", "Estado  \t\nperuano.",
		"elEstado argentino", "_Estado argentino", "éEstado argentino", "Estado Estado argentino", "EEstado parte",
		"Gobierno\fmexicano", "Estado\vmexicano", "estadoestado uruguayo", "Estado ñandú", "Estado \xffx", "Gobiernostado parte",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want []string
		for _, m := range stateAdjective.FindAllStringSubmatch(s, -1) {
			want = append(want, m[1])
		}
		if got := stateAdjectives(s); !slices.Equal(got, want) {
			t.Errorf("stateAdjectives(%q) = %q, the pattern gives %q", s, got, want)
		}
	})
}

// FuzzIdentityNeeds checks that each test identify runs before a pattern
// says no only where the pattern cannot match, and that foldOffsets folds
// as spanish.FoldLower does rune by rune.
func FuzzIdentityNeeds(f *testing.F) {
	for _, s := range []string{
		"Página 3 de 12", "PÁGINA 3 | 12", "Firmado el 16/06/2026 06:51:47", "Fecha Promulgación: 22-ENE-2018",
		"PROMULGACIÓN : 06-MAR-2022", "Fecha de sentencia: 20/09/2022", "FECHA: 14/05/2025",
		"adoptadas el 9 de marzo de 2006", "[Aprobada sin votación.] 6 de octubre de 2020", "APPROVED on 3 May 2001",
		"la Comisión Interamericana de Derechos Humanos (en adelante “la Comisión”) recibió", "Adoptada y proclamada por la",
		"ECLI:ES:TS:2022:3378", "Roj: STS 3378/2022 - ECLI:ES:TS:2022:3378", "İSTANBUL Ǆ ß ﬁ \xff", "DICTADA POR EL", "PÁGİNA 2 DE 9", "FİRMA DIGITAL", "WWW.OAS.ORG", "Notificaciones Electronicas",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 400 {
			return
		}
		l := strings.ToLower(s)
		if !mayBeFurniture(s) && (strings.Contains(l, "www.") || strings.Contains(l, "http") || pageCount.MatchString(l) ||
			strings.Contains(l, "firma digital") || strings.Contains(l, "notificaciones electronicas") || timestamp.MatchString(l)) {
			t.Errorf("mayBeFurniture(%q) = false, but it is furniture", s)
		}
		if !mayHoldTimestamp(l) && timestamp.MatchString(l) {
			t.Errorf("mayHoldTimestamp(%q) = false, but timestamp matches", l)
		}
		if !strings.Contains(l, "gina") && pageCount.MatchString(l) {
			t.Errorf("%q holds no \"gina\", but pageCount matches", l)
		}
		if !containsFoldASCII(s, "promulgaci") && promulgated.MatchString(s) {
			t.Errorf("%q holds no \"promulgaci\", but promulgated matches", s)
		}
		if !hasPrefixFoldASCII(s, "fecha") && datedLabel.MatchString(s) {
			t.Errorf("%q does not begin with \"fecha\", but datedLabel matches", s)
		}
		if !mayCueAdoption(s) && (adoptedCue.MatchString(s) || voteLine.MatchString(s)) {
			t.Errorf("mayCueAdoption(%q) = false, but adoptedCue or voteLine matches", s)
		}
		if !strings.Contains(s, "ECLI:") && ecli.MatchString(s) {
			t.Errorf("%q holds no \"ECLI:\", but ecli matches", s)
		}
		if !mayDefine(s) {
			for i := 0; i <= len(s); i++ {
				if definedHere.MatchString(s[i:]) || issuedBy.MatchString(s[:i]) {
					t.Errorf("mayDefine(%q) = false, but definedHere or issuedBy matches at %d", s, i)
					break
				}
			}
		}
		if !containsFoldASCII(s, "interamericana") && courtName.MatchString(s) {
			t.Errorf("%q holds no \"interamericana\", but courtName matches", s)
		}
		folded, at := foldOffsetsByRune(s)
		if got := foldRunes(s); got != folded {
			t.Errorf("foldRunes(%q) = %q, rune by rune %q", s, got, folded)
		}
		for j := range at {
			if got := foldedOffset(s, j); got != at[j] {
				t.Errorf("foldedOffset(%q, %d) = %d, want %d", s, j, got, at[j])
				break
			}
		}
	})
}

// FuzzFoldLowerLines checks that folding line by line gives what folding
// the whole text does.
func FuzzFoldLowerLines(f *testing.F) {
	for _, s := range []string{"12º Observaciones\nEl Comité “expresa”", "e\u0301\nÁ", "a\n\u0301b", "ÑANDÚ\n", "\n\n", "Gdańsk\nniños \xff", "ᄀ\n\u1161", "ᄀ\u1161"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldLowerLines(s), spanish.FoldLower(s); got != want {
			t.Errorf("foldLowerLines(%q) = %q, FoldLower gives %q", s, got, want)
		}
	})
}

// foldOffsetsByRune folds text rune by rune (spanish.FoldLower of each)
// and maps each byte of the result to its offset in text: what findBody
// had done before foldRunes and foldedOffset.
func foldOffsetsByRune(text string) (string, []int) {
	var b strings.Builder
	var at []int
	for i, r := range text {
		f := spanish.FoldLower(string(r))
		b.WriteString(f)
		for range len(f) {
			at = append(at, i)
		}
	}
	at = append(at, len(text))
	return b.String(), at
}

// TestFoldNeedles checks that the needles containsFoldASCII and
// hasPrefixFoldASCII are given are lower-case ASCII letters that (?i)
// matches in no form beyond ASCII ("k" matches the Kelvin sign, "s" the
// long s): otherwise a text the pattern matches could hold no needle.
func TestFoldNeedles(t *testing.T) {
	// mayBeFurniture looks for its needles in text not lower-cased: a
	// rune beyond ASCII that strings.ToLower makes one of their letters
	// must be looked for apart, as "İ" is.
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if l := unicode.ToLower(r); l < utf8.RuneSelf && r != 'İ' {
			for _, n := range furnitureNeedles.needles {
				if strings.ContainsRune(n, l) {
					t.Errorf("furniture needle %q: strings.ToLower makes %q a %q, and mayBeFurniture does not look for it", n, r, l)
				}
			}
		}
	}
	needles := append(append([]string{"promulgaci", "fecha", "interamericana"}, adoptionStems...), issuedStems...)
	for _, n := range needles {
		for _, c := range []byte(n) {
			if c < 'a' || c > 'z' {
				t.Errorf("needle %q: %q is not a lower-case ASCII letter", n, c)
				continue
			}
			for r := unicode.SimpleFold(rune(c)); r != rune(c); r = unicode.SimpleFold(r) {
				if r >= utf8.RuneSelf {
					t.Errorf("needle %q: (?i) matches %q as %q, which containsFoldASCII does not", n, c, r)
				}
			}
		}
	}
}

// FuzzFirstNational checks that firstNational finds the body that running
// each pattern of nationalBodies over the folded text, and keeping the
// earliest match in the text, found.
func FuzzFirstNational(f *testing.F) {
	for _, s := range []string{
		"LA CORTE SUPREMA DE JUSTICIA DE LA REPÚBLICA", "la Corte Suprema y el Tribunal Constitucional", "T.S.J. de Madrid",
		"xcorte suprema", "corte supremas", "Asamblea Legislativa Plurinacional", "Comisión Interamericana de Derechos Humanos",
		"Corte IDH.", "cortes generales", "ǅcorte suprema", "\u0301corte suprema", "Tribunal Superior de Justicia.", "t.s.j.x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded, offsets := foldOffsetsByRune(s)
		want, wantAt := "", len(s)+1
		for _, b := range nationalBodies {
			if loc := b.re.FindStringIndex(folded); loc != nil && offsets[loc[0]] < wantAt {
				want, wantAt = b.name, offsets[loc[0]]
			}
		}
		got, gotAt := "", len(s)+1
		if k, j := firstNational(foldRunes(s)); k >= 0 {
			got, gotAt = nationalBodies[k].name, foldedOffset(s, j)
		}
		if got != want || gotAt != wantAt {
			t.Errorf("firstNational(%q) = %q at %d, the patterns give %q at %d", s, got, gotAt, want, wantAt)
		}
	})
}

// FuzzSuffixPattern checks that stateCue, run as its reverse over the text
// reversed, matches where the pattern itself does.
func FuzzSuffixPattern(f *testing.F) {
	for _, s := range []string{
		"el caso contra el Estado de ", "al Estado ", "del estado del ", "Caso Gelman Vs. ", "CASO X VS ", "versus ",
		"Poder Judicial del ", "la Constitución Política de la República de ", "respecto de la ", "situation in the ",
		"Situación en el ", "concerning ", "Biblioteca del Congreso Nacional de ", "República ", "REPÚBLICA DEL ",
		"ciudadanos de ", "y ", "", " ", "éV. ", "aV. ", "contra\tla\n", "ESTADO DE\r", "eſtado de ", "\xffVs. ", "Vſ ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stateCue.MatchString(s), stateCue.re.MatchString(s); got != want {
			t.Errorf("stateCue reversed on %q: %v, the pattern: %v", s, got, want)
		}
	})
}
