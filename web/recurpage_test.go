package web

import (
	"fmt"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/recurrence"
	"github.com/relatoria/relatoria/search"
)

// TestRecurPanel: the panel counts documents and paragraphs apart, lists a
// document once with at most six of its paragraphs, says where the words
// first appear or that the order is not known, and folds a formula into
// one line.
func TestRecurPanel(t *testing.T) {
	rec := func(doc, name string, year, ordinal int, sim float64, ord recurrence.Order) search.Recurrence {
		r := search.Recurrence{Doc: doc, Name: name, Ordinal: ordinal, Similarity: sim, Identical: sim == 1, Order: ord}
		if year > 0 {
			r.Adopted = corpus.Date{Year: year}
		}
		return r
	}
	// A report that repeats a paragraph 67 times (the case).
	var many []search.Recurrence
	many = append(many, rec("A/HRC/RES/50/9", "A/HRC/RES/50/9", 2022, 1, 0.8, recurrence.Before))
	for i := range 67 {
		many = append(many, rec("doc-1cc14b834dc23633", "Examen Periódico Universal", 0, 4+i, 1, recurrence.Unknown))
	}
	var formula []search.Recurrence
	for i := range 16 {
		formula = append(formula, rec(fmt.Sprintf("doc-%016x", i), fmt.Sprintf("Informe %d", i), 0, 2, 1, recurrence.Unknown))
	}
	formula[0].Exact = true
	for _, tt := range []struct {
		name    string
		rs      []search.Recurrence
		summary string
		groups  int
		more    int
		first   string // the text of the first group's paragraphs
	}{
		{"one earlier", []search.Recurrence{rec("A/HRC/RES/50/9", "A/HRC/RES/50/9", 2022, 2, 0.83, recurrence.Before)},
			"También en 1 documento · aparece por primera vez en A/HRC/RES/50/9, 2022", 1, 0, "¶2"},
		{"only later", []search.Recurrence{rec("A/HRC/RES/53/6", "A/HRC/RES/53/6", 2023, 2, 0.83, recurrence.After)},
			"También en 1 documento · primera aparición en el índice", 1, 0, "¶2"},
		{"grouped", many,
			"También en 2 documentos (68 párrafos) · aparece por primera vez en A/HRC/RES/50/9, 2022", 2, 0, "¶1"},
		{"formula", formula,
			"Fórmula repetida: idéntica en 16 documentos · orden desconocido: ni las fechas ni las signaturas dicen cuál es anterior", 1, 15, "¶2"},
	} {
		p := newRecurPanel(tt.rs)
		if p.Summary != tt.summary || len(p.Groups) != tt.groups || p.More != tt.more {
			t.Errorf("%s: summary %q, %d groups, %d more; want %q, %d, %d", tt.name, p.Summary, len(p.Groups), p.More, tt.summary, tt.groups, tt.more)
			continue
		}
		var labels []string
		for _, it := range p.Groups[0].Paras {
			labels = append(labels, it.Label)
		}
		if got := strings.Join(labels, ", "); got != tt.first {
			t.Errorf("%s: first group's paragraphs %q, want %q", tt.name, got, tt.first)
		}
	}
	g := newRecurPanel(many).Groups[1]
	if len(g.Paras) != maxGroupParas || g.MoreParas != 67-maxGroupParas || g.Likeness != "texto idéntico" || g.Order != "orden desconocido" || g.Name != "Examen Periódico Universal" {
		t.Errorf("the report's line: %+v", g)
	}
	if newRecurPanel(nil) != nil {
		t.Error("a panel for no recurrences")
	}
}
