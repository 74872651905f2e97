package search

import (
	"strconv"
	"strings"
)

// recurPanel is the "También en" panel of a paragraph on the document and
// paragraph pages.
type recurPanel struct {
	Items []recurItem
	// First says where the words first appear ("Aparece por primera vez
	// en 45/21, 2020"); empty when no document in the index is earlier.
	First string
}

type recurItem struct {
	Ref, Link, Date, Likeness string
	First                     bool
}

// newRecurPanel builds the panel of a paragraph's recurrences, oldest
// first; nil when there are none.
func newRecurPanel(rs []Recurrence) *recurPanel {
	if len(rs) == 0 {
		return nil
	}
	p := &recurPanel{}
	first, ok := FirstAppearance(rs)
	if ok {
		name := first.Symbol.Short()
		if name == "" {
			name = first.Symbol.String()
		}
		if name == "" {
			name = first.Title
		}
		if name == "" {
			name = first.Doc
		}
		p.First = "Aparece por primera vez en " + name + ", " + strconv.Itoa(first.Adopted.Year)
	}
	for _, r := range rs {
		item := recurItem{Ref: r.Ref, Date: r.Adopted.String(), First: ok && r.Doc == first.Doc && r.Ordinal == first.Ordinal,
			Link: Permalink(&Hit{Doc: r.Doc, Ref: r.Ref, Symbol: r.Symbol, Ordinal: r.Ordinal, Number: r.Number})}
		if r.Identical {
			item.Likeness = "texto idéntico"
		} else {
			item.Likeness = "similitud " + strings.Replace(strconv.FormatFloat(r.Similarity, 'f', 2, 64), ".", ",", 1)
		}
		p.Items = append(p.Items, item)
	}
	return p
}
