package search

import (
	"context"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/recurrence"
)

// renewedPair returns a Human Rights Council resolution and the one that
// renews it a year later, citing it, with one paragraph changed, one new
// and one removed; a paragraph carries markup to be escaped.
func renewedPair() (old, new *corpus.Document) {
	doc := func(sym string, year int, texts ...string) *corpus.Document {
		d := &corpus.Document{ID: sym, Symbol: corpus.Symbol(sym), Kind: corpus.KindResolution, Format: corpus.FormatText,
			Source: sym + ".txt", Title: "Los derechos humanos y el cambio climático", Body: "Consejo de Derechos Humanos",
			Adopted: corpus.Date{Year: year, Month: 7, Day: 10}}
		for i, t := range texts {
			p := corpus.Paragraph{Ordinal: i + 1, Number: corpus.NumberOf(i + 1), Kind: corpus.Operative, Text: t, Original: t}
			if strings.Contains(t, "resolución 50/9") {
				p.Citations = []corpus.Citation{{Symbol: "A/HRC/RES/50/9", Text: "resolución 50/9"}}
			}
			d.Paragraphs = append(d.Paragraphs, p)
		}
		return d
	}
	old = doc("A/HRC/RES/50/9", 2022,
		"Exhorta a los Estados a que adopten medidas para proteger los derechos de las personas afectadas por el cambio climático",
		"Pide a la Alta Comisionada que presente un informe al Consejo en su 52º período de sesiones sobre <script>alert(1)</script>",
		"Alienta a los Estados a que cooperen con los procedimientos especiales del Consejo de Derechos Humanos en esta materia",
		"Decide seguir ocupándose de la cuestión")
	new = doc("A/HRC/RES/53/6", 2023,
		"Recordando su resolución 50/9, exhorta a los Estados a que adopten medidas para proteger los derechos de las personas afectadas por el cambio climático",
		"Pide a la Alta Comisionada que presente un informe al Consejo en su 55º período de sesiones sobre <script>alert(1)</script>",
		"Reconoce la contribución de las defensoras del medio ambiente a la acción climática y pide que se las proteja",
		"Decide seguir ocupándose de la cuestión")
	return old, new
}

// mustIndexDocs returns a Searcher of a temporary index of docs, added
// through a Linker (which it finds recurrences with).
func mustIndexDocs(tb testing.TB, docs ...*corpus.Document) *Searcher {
	tb.Helper()
	ix, err := index.NewTemporary()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	l := mustLinker(tb, ix)
	if err := l.Add(context.Background(), docs...); err != nil {
		tb.Fatal(err)
	}
	s := New(ix)
	s.SetLinker(l)
	return s
}

// mustLinker returns a Linker of ix with its store beside it, closed
// before ix when the test ends (ix's Cleanup must be registered first).
func mustLinker(tb testing.TB, ix *index.Index) *recurrence.Linker {
	tb.Helper()
	l := recurrence.NewLinker(ix, recurrence.Open(ix.Dir()))
	tb.Cleanup(func() {
		if err := l.Close(); err != nil {
			tb.Error(err)
		}
	})
	return l
}
