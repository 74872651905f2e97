package lineage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// Status says what became of a paragraph from one document to the next.
type Status string

// The statuses of an aligned pair.
const (
	Unchanged Status = "unchanged" // the same words (case, accents, punctuation aside)
	Changed   Status = "changed"   // a paragraph of the old document, reworded
	New       Status = "new"       // only in the new document
	Removed   Status = "removed"   // only in the old document
)

// Pair is one step of an alignment: paragraph A of the old document and
// paragraph B of the new one, as indexes into their Paragraphs (-1 when
// there is none: B for a removed paragraph, A for a new one).
type Pair struct {
	Status Status `json:"status"`
	A      int    `json:"-"`
	B      int    `json:"-"`
	// Similarity is how alike the two paragraphs' sets of folded words
	// are (alignSimilarity; 0 for new and removed paragraphs).
	Similarity float64 `json:"similarity"`
	// Moved is set when the paragraph changed its place relative to the
	// paragraphs around it.
	Moved bool `json:"moved,omitempty"`
	// Words is the word diff of a changed paragraph.
	Words []Span `json:"words,omitempty"`
}

// Alignment thresholds: paragraphs pair in order from PairThreshold on,
// out of order (moved) from MoveThreshold on, a stricter bar because a
// move is a stronger claim.
const (
	PairThreshold = 0.5
	MoveThreshold = 0.6
)

// maxAlignCells bounds the table of the in-order alignment (old × new
// paragraphs): two documents of 3,000 paragraphs each. Larger pairs are
// refused by Align with an error.
const maxAlignCells = 9_000_000

// Align pairs the paragraphs of old and new: the in-order pairing of
// greatest total similarity, then, among the paragraphs left, pairs whose
// paragraph moved, most similar first. The pairs follow the new document;
// a removed paragraph comes where it stood, after the pair of the
// paragraph before it. It returns an error when the documents are too long
// to align (over maxAlignCells paragraph pairs).
func Align(old, new []corpus.Paragraph) ([]Pair, error) {
	return AlignContext(context.Background(), old, new)
}

// AlignContext is Align, which stops with ctx's error when ctx is done (a
// request's deadline, a client that went away).
func AlignContext(ctx context.Context, old, new []corpus.Paragraph) ([]Pair, error) {
	n, m := len(old), len(new)
	if n*m > maxAlignCells {
		return nil, fmt.Errorf("documentos demasiado largos para compararlos: %d × %d párrafos (a lo sumo %d pares)", n, m, maxAlignCells)
	}
	sa, sb := wordSets(old), wordSets(new)
	sim := make([]float32, n*m)
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for j := range m {
			sim[i*m+j] = float32(alignSimilarity(sa[i], sb[j]))
		}
	}
	// best[i][j]: the greatest total similarity of an in-order pairing
	// of old[i:] and new[j:].
	best := make([]float32, (n+1)*(m+1))
	at := func(i, j int) float32 { return best[i*(m+1)+j] }
	for i := n - 1; i >= 0; i-- {
		if i%64 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		for j := m - 1; j >= 0; j-- {
			v := max(at(i+1, j), at(i, j+1))
			if s := sim[i*m+j]; s >= PairThreshold {
				v = max(v, at(i+1, j+1)+s)
			}
			best[i*(m+1)+j] = v
		}
	}
	matchA, matchB := make([]int, n), make([]int, m)
	for i := range matchA {
		matchA[i] = -1
	}
	for j := range matchB {
		matchB[j] = -1
	}
	for i, j := 0, 0; i < n && j < m; {
		s := sim[i*m+j]
		switch {
		case s >= PairThreshold && at(i, j) == at(i+1, j+1)+s:
			matchA[i], matchB[j] = j, i
			i++
			j++
		case at(i, j) == at(i+1, j):
			i++
		default:
			j++
		}
	}
	// Moves: the most similar of the paragraphs left, pair by pair.
	type cand struct {
		i, j int
		s    float32
	}
	var cands []cand
	for i := range n {
		if matchA[i] >= 0 {
			continue
		}
		for j := range m {
			if matchB[j] < 0 && sim[i*m+j] >= MoveThreshold {
				cands = append(cands, cand{i, j, sim[i*m+j]})
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y cand) int {
		if x.s != y.s {
			if x.s > y.s {
				return -1
			}
			return 1
		}
		return 0
	})
	moved := make([]bool, n)
	for _, c := range cands {
		if matchA[c.i] < 0 && matchB[c.j] < 0 {
			matchA[c.i], matchB[c.j] = c.j, c.i
			moved[c.i] = true
		}
	}

	pair := func(i, j int) Pair {
		p := Pair{A: i, B: j, Similarity: round2(float64(sim[i*m+j])), Moved: moved[i]}
		if Identical(old[i].Text, new[j].Text) || old[i].Text == new[j].Text {
			p.Status = Unchanged
		} else {
			p.Status = Changed
			p.Words = WordDiff(old[i].Text, new[j].Text)
		}
		return p
	}
	var out []Pair
	i := 0 // the next old paragraph not yet placed
	flushRemoved := func(upTo int) {
		for ; i < upTo; i++ {
			if matchA[i] < 0 {
				out = append(out, Pair{Status: Removed, A: i, B: -1})
			}
		}
	}
	for j := range m {
		if err := ctx.Err(); err != nil {
			return nil, err // before each word diff
		}
		a := matchB[j]
		if a >= 0 && !moved[a] {
			flushRemoved(a)
			i = max(i, a+1)
		}
		if a < 0 {
			out = append(out, Pair{Status: New, A: -1, B: j})
			continue
		}
		out = append(out, pair(a, j))
	}
	flushRemoved(n)
	return out, nil
}

func wordSets(ps []corpus.Paragraph) [][]uint64 {
	out := make([][]uint64, len(ps))
	for i, p := range ps {
		out[i] = WordSet(Words(p.Text))
	}
	return out
}

// alignSimilarity is how alike two paragraphs are for the alignment: the
// Dice coefficient of their word sets, or, when it is higher, three
// quarters of the share of the shorter paragraph's words found in the
// longer (a paragraph cut down to its first clause is still that
// paragraph), counted only from 6 distinct words on so that a short
// formula is not found inside every long paragraph.
func alignSimilarity(a, b []uint64) float64 {
	s := Dice(a, b)
	if short := min(len(a), len(b)); short >= 6 {
		s = max(s, 0.75*float64(intersect(a, b))/float64(short))
	}
	return s
}

func round2(x float64) float64 { return float64(int(x*100+0.5)) / 100 }

// KindCount counts what an alignment did to the paragraphs of one kind:
// Total paragraphs of the kind in the new document, of which Unchanged,
// Changed and New; Removed from the old one.
type KindCount struct {
	Kind      corpus.ParagraphKind `json:"kind"`
	Total     int                  `json:"total"`
	Unchanged int                  `json:"unchanged"`
	Changed   int                  `json:"changed"`
	New       int                  `json:"new"`
	Removed   int                  `json:"removed"`
	Moved     int                  `json:"moved"`
}

// Count sums pairs by paragraph kind (the new paragraph's kind, the old
// one's for a removed paragraph), in the order of corpus.ParagraphKinds,
// operative first; kinds with no paragraph are left out.
func Count(pairs []Pair, old, new []corpus.Paragraph) []KindCount {
	by := map[corpus.ParagraphKind]*KindCount{}
	get := func(k corpus.ParagraphKind) *KindCount {
		if by[k] == nil {
			by[k] = &KindCount{Kind: k}
		}
		return by[k]
	}
	for _, p := range pairs {
		if p.Status == Removed {
			get(old[p.A].Kind).Removed++
			continue
		}
		c := get(new[p.B].Kind)
		c.Total++
		switch p.Status {
		case Unchanged:
			c.Unchanged++
		case Changed:
			c.Changed++
		case New:
			c.New++
		}
		if p.Moved {
			c.Moved++
		}
	}
	order := append([]corpus.ParagraphKind{corpus.Operative, corpus.Preambular}, corpus.ParagraphKinds...)
	var out []KindCount
	for _, k := range order {
		if c := by[k]; c != nil {
			out = append(out, *c)
			delete(by, k)
		}
	}
	return out
}

// spanishPlural names paragraph kinds in the plural, as the summary line
// counts them.
// Notes are feminine ("3 notas nuevas").
var spanishPlural = map[corpus.ParagraphKind][2]string{
	corpus.Operative:  {"operativo", "operativos"},
	corpus.Preambular: {"preambular", "preambulares"},
	corpus.Heading:    {"encabezado", "encabezados"},
	corpus.Plain:      {"párrafo", "párrafos"},
	corpus.ListItem:   {"elemento de lista", "elementos de lista"},
	corpus.Footnote:   {"nota", "notas"},
}

// String gives the count in Spanish, as the summary line prints it: "14
// operativos: 9 sin cambios, 3 modificados, 2 nuevos; 1 suprimido".
func (c KindCount) String() string {
	names := spanishPlural[c.Kind]
	if names[0] == "" {
		names = [2]string{string(c.Kind), string(c.Kind)}
	}
	var parts []string
	add := func(n int, one, many string) {
		if n == 1 {
			parts = append(parts, "1 "+one)
		} else if n > 1 {
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(c.Unchanged, "sin cambios", "sin cambios")
	fem := c.Kind == corpus.Footnote
	add(c.Changed, gender("modificado", fem), gender("modificados", fem))
	add(c.New, gender("nuevo", fem), gender("nuevos", fem))
	noun := names[1]
	if c.Total == 1 {
		noun = names[0]
	}
	s := fmt.Sprintf("%d %s", c.Total, noun)
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	if c.Moved > 0 {
		s += fmt.Sprintf(" (%d %s%s)", c.Moved, gender("desplazado", fem), plural(c.Moved))
	}
	if c.Removed > 0 {
		s += fmt.Sprintf("; %d %s%s", c.Removed, gender("suprimido", fem), plural(c.Removed))
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// gender turns a masculine Spanish participle or adjective ("nuevo",
// "modificados") feminine when fem is set.
func gender(w string, fem bool) string {
	if !fem {
		return w
	}
	if strings.HasSuffix(w, "os") {
		return strings.TrimSuffix(w, "os") + "as"
	}
	return strings.TrimSuffix(w, "o") + "a"
}
