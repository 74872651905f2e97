package recurrence

import (
	"context"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// TestCompare holds the order of two documents to the evidence: the dates
// when both are known and do not overlap (a year covers its days), else
// the numbers of two symbols of one series, else nothing.
func TestCompare(t *testing.T) {
	day := func(y, m, d int) corpus.Date { return corpus.Date{Year: y, Month: m, Day: d} }
	for _, tt := range []struct {
		a, b       corpus.Date
		symA, symB corpus.Symbol
		want       Order
	}{
		// By date.
		{day(2020, 5, 1), day(2020, 5, 2), "", "", Before},
		{day(2020, 5, 2), day(2020, 5, 1), "", "", After},
		{corpus.Date{Year: 2019}, corpus.Date{Year: 2020}, "", "", Before},
		{corpus.Date{Year: 2020, Month: 2}, day(2020, 3, 1), "", "", Before}, // 29 February
		{corpus.Date{Year: 2020, Month: 2}, day(2020, 2, 29), "", "", Unknown},
		{day(1948, 12, 10), day(1966, 12, 16), "", "", Before}, // before 1970
		{day(1969, 12, 31), day(1970, 1, 1), "", "", Before},
		// The same day, or a year that covers the day: not known…
		{day(2025, 2, 28), day(2025, 2, 28), "", "", Unknown},
		{corpus.Date{Year: 2020}, day(2020, 5, 2), "", "", Unknown},
		// … unless the symbols say: numbers of one series in order.
		{day(2025, 2, 28), day(2025, 2, 28), "S/RES/2771 (2025)", "S/RES/2772 (2025)", Before},
		{day(2025, 2, 28), day(2025, 2, 28), "S/RES/2772 (2025)", "S/RES/2771 (2025)", After},
		{corpus.Date{}, corpus.Date{}, "A/HRC/RES/50/9", "A/HRC/RES/51/34", Before},
		{corpus.Date{}, corpus.Date{}, "A/HRC/RES/51/34", "A/HRC/RES/51/4", After},
		{corpus.Date{}, day(2022, 10, 7), "CEDAW/C/ARG/CO/7", "CEDAW/C/ARG/CO/6", After},
		// Dates first: a symbol does not overrule them.
		{day(2023, 1, 1), day(2022, 1, 1), "A/HRC/RES/50/9", "A/HRC/RES/51/34", After},
		// Undated, and nothing to compare: of other series, another
		// country, bare numbers, no symbol, the same symbol.
		{corpus.Date{}, day(2020, 1, 1), "", "", Unknown},
		{corpus.Date{}, corpus.Date{}, "A/HRC/RES/50/9", "A/RES/60/251", Unknown},
		{corpus.Date{}, corpus.Date{}, "CEDAW/C/ARG/CO/7", "CEDAW/C/CHL/CO/6", Unknown},
		{corpus.Date{}, corpus.Date{}, "50/9", "51/34", Unknown},
		{corpus.Date{}, corpus.Date{}, "A/HRC/RES/50/9", "", Unknown},
		{corpus.Date{}, corpus.Date{}, "A/HRC/RES/50/9", "A/HRC/RES/50/9", Unknown},
		{corpus.Date{}, corpus.Date{}, "A/HRC/RES/50/9", "A/HRC/RES/50/9/Add.1", Unknown},
	} {
		if got := Compare(tt.a, tt.symA, tt.b, tt.symB); got != tt.want {
			t.Errorf("Compare(%v %q, %v %q) = %v, want %v", tt.a, tt.symA, tt.b, tt.symB, got, tt.want)
		}
		if got, back := Compare(tt.b, tt.symB, tt.a, tt.symA), -tt.want; got != back {
			t.Errorf("Compare(%v %q, %v %q) = %v, want %v", tt.b, tt.symB, tt.a, tt.symA, got, back)
		}
	}
}

// TestLinkerOrders flags a formula and a recommendation the way the issue
// found them wrong, in every order the documents can arrive in: "remain
// seized of the matter" in S/RES/2772 recurs (S/RES/2771, adopted the
// same day, has it: their numbers say which came first), although it is
// under eight words; in S/RES/2771 it is new. An undated compilation that
// quotes a recommendation cannot say whether it came first: its paragraph
// is unknown, and so is the recommendation's (no known-earlier document
// has it, and the compilation's order is not known); the compilation's
// own commentary, found nowhere else, is unknown too.
func TestLinkerOrders(t *testing.T) {
	day := corpus.Date{Year: 2025, Month: 2, Day: 28}
	const (
		seized = "Decides to remain seized of the matter."
		rec    = "El Comité recomienda al Estado parte que adopte medidas eficaces para prevenir la violencia contra las mujeres y las niñas indígenas."
		other  = "El Comité observa con preocupación la falta de datos desglosados sobre la violencia de género en las zonas rurales del país."
		note   = "Esta sistematización reúne las recomendaciones de los órganos de tratados que se refieren a los derechos de las mujeres."
	)
	para := func(n int, text string) corpus.Paragraph {
		return corpus.Paragraph{Ordinal: n, Kind: corpus.Operative, Text: text}
	}
	docs := func() []*corpus.Document {
		return []*corpus.Document{
			{ID: "S/RES/2771 (2025)", Symbol: "S/RES/2771 (2025)", Adopted: day, Paragraphs: []corpus.Paragraph{para(1, seized)}},
			{ID: "S/RES/2772 (2025)", Symbol: "S/RES/2772 (2025)", Adopted: day, Paragraphs: []corpus.Paragraph{para(1, seized)}},
			{ID: "CEDAW/C/ARG/CO/7", Symbol: "CEDAW/C/ARG/CO/7", Adopted: corpus.Date{Year: 2016, Month: 11, Day: 25},
				Paragraphs: []corpus.Paragraph{para(1, rec), para(2, other)}},
			{ID: "doc-0123456789abcdef", Title: "Sistematización por temáticas", Paragraphs: []corpus.Paragraph{para(1, note), para(2, rec)}},
		}
	}
	want := map[string]corpus.Recurs{
		"S/RES/2771 (2025)#1":    corpus.RecursNo,
		"S/RES/2772 (2025)#1":    corpus.RecursYes,
		"CEDAW/C/ARG/CO/7#1":     corpus.RecursUnknown,
		"CEDAW/C/ARG/CO/7#2":     corpus.RecursNo,
		"doc-0123456789abcdef#1": corpus.RecursUnknown,
		"doc-0123456789abcdef#2": corpus.RecursUnknown,
	}
	for _, arrival := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 3, 1}} {
		ix := newMemIndex()
		l := NewLinker(ix, NewMemory())
		all := docs()
		for _, i := range arrival {
			if err := l.Add(context.Background(), all[i]); err != nil {
				t.Fatal(err)
			}
		}
		got := ix.flags()
		for id, w := range want {
			if got[id] != w {
				t.Errorf("arrival %v: %s flagged %q, want %q", arrival, id, got[id], w)
			}
		}
		// The compilation goes: the recommendation is new again.
		if err := l.Delete("doc-0123456789abcdef"); err != nil {
			t.Fatal(err)
		}
		if got := ix.flags()["CEDAW/C/ARG/CO/7#1"]; got != corpus.RecursNo {
			t.Errorf("arrival %v, compilation deleted: the recommendation flagged %q, want no", arrival, got)
		}
	}
}

// FuzzCompare: any two symbols and dates compare without panicking, and
// the order of b to a is the reverse of a's to b.
func FuzzCompare(f *testing.F) {
	f.Add("S/RES/2771 (2025)", "S/RES/2772 (2025)", 2025, 2, 28, 0, 0, 0)
	f.Add("A/HRC/RES/50/9", "A/HRC/RES/51/34", 0, 0, 0, 2022, 10, 7)
	f.Add("CEDAW/C/ARG/CO/7", "CEDAW/C/ARG/CO/99999999999999", 2016, 0, 0, 2016, 11, 25)
	f.Fuzz(func(t *testing.T, symA, symB string, ya, ma, da, yb, mb, db int) {
		date := func(y, m, d int) corpus.Date {
			if y < 1 || y > 9999 || m < 0 || m > 12 || d < 0 || d > 28 || m == 0 && d > 0 {
				return corpus.Date{}
			}
			return corpus.Date{Year: y, Month: m, Day: d}
		}
		a, b := date(ya, ma, da), date(yb, mb, db)
		if got, back := Compare(a, corpus.Symbol(symA), b, corpus.Symbol(symB)), Compare(b, corpus.Symbol(symB), a, corpus.Symbol(symA)); got != -back {
			t.Errorf("Compare(%v %q, %v %q) = %v, the other way %v", a, symA, b, symB, got, back)
		}
	})
}
