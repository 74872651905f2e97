package web

import (
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/recurrence"
	"github.com/relatoria/relatoria/search"
)

// recurPanel is the "También en" panel of a paragraph on the document and
// paragraph pages: the documents its words recur in, each once, with its
// name, date and country and the paragraphs of it that have them.
type recurPanel struct {
	// Summary is the panel's one line: how many documents and
	// paragraphs, and where the words first appear (or that they appear
	// here first, or that the order is not known).
	Summary string
	// Formula is set for a formula repeated word for word in many
	// documents, or a short one ("No se observan recomendaciones…",
	// "Decide seguir ocupándose de la cuestión."): the panel lists only
	// where it first appears, and says how many more.
	Formula bool
	Groups  []recurGroup
	// More counts the documents a formula's panel leaves out.
	More int
}

// recurGroup is one document of a recurPanel.
type recurGroup struct {
	Name, Link, Date, Country string
	// Order is said when it is not known ("orden desconocido"), or when
	// the document came after the paragraph's ("posterior").
	Order string
	First bool // where the words first appear
	// Paras are its paragraphs that have the words, the first
	// maxGroupParas of them; MoreParas counts the others.
	Paras     []recurItem
	MoreParas int
	// Likeness is "texto idéntico" when every paragraph is, else the
	// greatest similarity.
	Likeness string
	best     float64
	worst    float64
	allSame  bool
}

// recurItem is one paragraph of a recurGroup.
type recurItem struct {
	Label, Link, Likeness string
}

// maxGroupParas is how many paragraphs of one document a panel lists.
const maxGroupParas = 6

// formulaDocs is how many documents a paragraph must recur in, word for
// word, for its panel to list it as a formula.
const formulaDocs = 10

// newRecurPanel builds the panel of a paragraph's recurrences (earliest
// document first, as Searcher.recurrences gives them); nil when there are
// none.
func newRecurPanel(rs []search.Recurrence) *recurPanel {
	if len(rs) == 0 {
		return nil
	}
	p := &recurPanel{}
	first, hasFirst := search.FirstAppearance(rs)
	byDoc := map[string]int{} // position in p.Groups
	identical, unknown := true, false
	for _, r := range rs {
		identical = identical && r.Identical
		unknown = unknown || r.Order == recurrence.Unknown
		gi, ok := byDoc[r.Doc]
		if !ok {
			gi = len(p.Groups)
			byDoc[r.Doc] = gi
			g := recurGroup{Name: r.Name, Link: docPath(r.Doc), Date: r.Adopted.String(), Country: r.Country,
				First: hasFirst && r.Doc == first.Doc, allSame: true}
			switch r.Order {
			case recurrence.Unknown:
				g.Order = "orden desconocido"
			case recurrence.After:
				g.Order = "posterior"
			}
			p.Groups = append(p.Groups, g)
		}
		item := recurItem{Label: "¶" + strconv.Itoa(r.Ordinal), Link: Permalink(&search.Hit{Doc: r.Doc, Ref: r.Ref, Symbol: r.Symbol, Paragraph: corpus.Paragraph{Ordinal: r.Ordinal, Number: r.Number}})}
		if r.Number != "" {
			item.Label = "§" + r.Number.String()
		}
		if r.Identical {
			item.Likeness = "texto idéntico"
		} else {
			item.Likeness = "similitud " + strings.Replace(strconv.FormatFloat(r.Similarity, 'f', 2, 64), ".", ",", 1)
		}
		g := &p.Groups[gi]
		g.Paras = append(g.Paras, item)
		g.allSame = g.allSame && r.Identical
		if len(g.Paras) == 1 {
			g.worst = r.Similarity
		}
		g.best, g.worst = max(g.best, r.Similarity), min(g.worst, r.Similarity)
	}
	for i := range p.Groups {
		g := &p.Groups[i]
		if n := len(g.Paras); n > maxGroupParas {
			g.Paras, g.MoreParas = g.Paras[:maxGroupParas], n-maxGroupParas
		}
		if g.allSame {
			g.Likeness = "texto idéntico"
		} else {
			g.Likeness = "similitud " + strings.Replace(strconv.FormatFloat(g.best, 'f', 2, 64), ".", ",", 1)
			if g.worst < g.best {
				g.Likeness = "similitud de hasta " + strings.TrimPrefix(g.Likeness, "similitud ")
			}
		}
	}
	docs := len(p.Groups)
	var b strings.Builder
	p.Formula = identical && (rs[0].Exact || docs >= formulaDocs)
	if p.Formula {
		b.WriteString("Fórmula repetida: idéntica en ")
	} else {
		b.WriteString("También en ")
	}
	b.WriteString(count(docs, "documento", "documentos"))
	if len(rs) != docs {
		b.WriteString(" (" + count(len(rs), "párrafo", "párrafos") + ")")
	}
	switch {
	case hasFirst:
		b.WriteString(" · aparece por primera vez en " + first.Name)
		if first.Adopted.Year > 0 {
			b.WriteString(", " + strconv.Itoa(first.Adopted.Year))
		}
	case unknown:
		b.WriteString(" · orden desconocido: ni las fechas ni las signaturas dicen cuál es anterior")
	default:
		b.WriteString(" · primera aparición en el índice")
	}
	p.Summary = b.String()
	if p.Formula && docs > 1 {
		keep := 0
		for i, g := range p.Groups {
			if g.First {
				keep = i
			}
		}
		p.Groups, p.More = []recurGroup{p.Groups[keep]}, docs-1
	}
	return p
}

// count writes n with the singular or plural noun.
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
