package recurrence

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// memIndex is an index in memory: what a Linker writes, kept as given.
type memIndex struct {
	docs       map[string]*corpus.Document
	generation uint64
}

func newMemIndex() *memIndex { return &memIndex{docs: map[string]*corpus.Document{}} }

func clone(d *corpus.Document) *corpus.Document {
	c := *d
	c.Paragraphs = slices.Clone(d.Paragraphs)
	return &c
}

func (m *memIndex) Write(ctx context.Context, docs []*corpus.Document, recurs map[string]corpus.Recurs) error {
	for _, d := range docs {
		m.docs[d.ID] = clone(d)
	}
	for id, r := range recurs {
		for _, d := range m.docs {
			for i := range d.Paragraphs {
				if paragraphID(d.ID, d.Paragraphs[i].Ordinal) == id {
					d.Paragraphs[i].Recurs = r
				}
			}
		}
	}
	m.generation++
	return nil
}

func (m *memIndex) Delete(ids ...string) error {
	for _, id := range ids {
		delete(m.docs, id)
	}
	m.generation++
	return nil
}

func (m *memIndex) Generation() (uint64, error) { return m.generation, nil }

func (m *memIndex) Documents(ctx context.Context) iter.Seq2[*corpus.Document, error] {
	return func(yield func(*corpus.Document, error) bool) {
		for _, id := range slices.Sorted(maps.Keys(m.docs)) {
			if !yield(clone(m.docs[id]), nil) {
				return
			}
		}
	}
}

// flags returns every paragraph's flag in the index, by paragraph ID.
func (m *memIndex) flags() map[string]corpus.Recurs {
	out := map[string]corpus.Recurs{}
	for _, d := range m.docs {
		for _, p := range d.Paragraphs {
			out[paragraphID(d.ID, p.Ordinal)] = p.Recurs
		}
	}
	return out
}

// definition works out every paragraph's flag by brute force, from the
// definition: yes when a paragraph of another document that came before
// its own shares a key with it and compares as a recurrence; else unknown
// when its own document cannot be placed or one it recurs in is of
// unknown order; else no.
func definition(docs map[string]*corpus.Document) map[string]corpus.Recurs {
	items := map[string][]item{}
	for _, d := range docs {
		pd := placeOf(d.Adopted, d.Symbol)
		for i := range d.Paragraphs {
			items[d.ID] = append(items[d.ID], newItem(d.ID, pd, &d.Paragraphs[i]))
		}
	}
	out := map[string]corpus.Recurs{}
	for _, d := range docs {
		for i := range items[d.ID] {
			it := &items[d.ID][i]
			f := ownFlag(&it.place)
			if it.keys != nil {
				for _, o := range docs {
					for j := range items[o.ID] {
						ot := &items[o.ID][j]
						if _, ok := compare(it, ot); !ok || !sharesKey(it.keys, ot.keys) {
							continue
						}
						switch order(&ot.place, &it.place) {
						case Before:
							f = flagYes
						case Unknown:
							f = max(f, flagUnknown)
						}
					}
				}
			}
			out[paragraphID(d.ID, it.ordinal)] = f.recurs()
		}
	}
	return out
}

var sentences = []string{
	"Exhorta a todos los Estados a que adopten medidas eficaces para prevenir la violencia contra las mujeres y las niñas.",
	"Pide al Secretario General que le presente en su próximo período de sesiones un informe sobre la aplicación de la presente resolución.",
	"Reconoce la importante función que desempeñan los defensores de los derechos humanos en la promoción del estado de derecho.",
	"Expresa profunda preocupación por las denuncias de detenciones arbitrarias y desapariciones forzadas en la región.",
	"Alienta a los Estados a cooperar con los procedimientos especiales y a responder con prontitud a sus comunicaciones.",
	"Decide proseguir el examen de esta cuestión en relación con el mismo tema de la agenda en su período de sesiones siguiente.",
	"Insta a los Gobiernos a garantizar el acceso a la justicia de las víctimas y a una reparación efectiva y adecuada.",
	"Observa con aprecio la labor de la Oficina del Alto Comisionado en la prestación de asistencia técnica y creación de capacidad.",
	"Subraya que la educación en derechos humanos contribuye a prevenir las violaciones y los abusos de los derechos humanos.",
	"Solicita al Comité que examine los informes periódicos de los Estados partes con arreglo a su programa de trabajo.",
}

// shortTexts are paragraphs compared exactly.
var shortTexts = []string{"Decide seguir ocupándose de la cuestión.", "Remain seized of the matter.", "No se observan recomendaciones.", "Recomendaciones"}

// TestLinkerFlagsMatchDefinition adds documents made of recurring
// sentences (so that many paragraphs share a key and only some are similar
// enough) and short formulas, dated, undated, of the same date, with and
// without numbered symbols, in random calls and orders, with replacements
// and deletions, the table saved and read back, or lost and rebuilt from
// the index, and checks every flag the index was given against the
// definition worked out by brute force.
func TestLinkerFlagsMatchDefinition(t *testing.T) {
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { testDefinition(t, seed) })
	}
}

func testDefinition(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 2))
	paragraph := func() (string, corpus.ParagraphKind) {
		switch rng.IntN(10) {
		case 0:
			return shortTexts[rng.IntN(len(shortTexts))], corpus.Preambular
		case 1:
			return sentences[rng.IntN(len(sentences))], corpus.Heading // long, yet compared exactly
		}
		var ps []string
		for range 1 + rng.IntN(3) {
			s := sentences[rng.IntN(len(sentences))]
			if rng.IntN(3) == 0 { // a changed word now and then
				ws := strings.Fields(s)
				ws[rng.IntN(len(ws))] = "modificado"
				s = strings.Join(ws, " ")
			}
			ps = append(ps, s)
		}
		return strings.Join(ps, " "), corpus.Operative
	}
	newDoc := func(i int) *corpus.Document {
		d := &corpus.Document{ID: fmt.Sprintf("d%02d", i)}
		for j := range 2 + rng.IntN(4) {
			text, kind := paragraph()
			d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: j + 1, Kind: kind, Text: text})
		}
		if rng.IntN(5) == 0 {
			d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: len(d.Paragraphs) + 1, Kind: corpus.Operative, Text: "—"}) // no words
		}
		if y := rng.IntN(8); y > 0 { // one in eight undated; years repeat
			d.Adopted = corpus.Date{Year: 2010 + y, Month: 1 + rng.IntN(2), Day: 1}
			if rng.IntN(6) == 0 {
				d.Adopted = corpus.Date{Year: 2010 + y} // a year covers its days
			}
		}
		if rng.IntN(3) == 0 { // a numbered symbol: its session places it
			d.Symbol = corpus.Symbol(fmt.Sprintf("A/HRC/RES/%d/%d", 40+rng.IntN(4), 1+rng.IntN(3)))
		}
		return d
	}
	dir := t.TempDir()
	ix := newMemIndex()
	l := NewLinker(ix, Open(dir))
	defer func() { l.Close() }()
	ctx := context.Background()
	exercised := map[corpus.Recurs]int{}
	for step := range 16 {
		if step%4 == 0 && step > 0 { // the table saved and read back, or lost
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			switch step {
			case 8:
				os.Remove(filepath.Join(dir, tableFile))
			case 12: // a document added without lineage: its flags and those it changes are worked out by the rebuild
				if err := ix.Write(ctx, []*corpus.Document{newDoc(40 + rng.IntN(5))}, nil); err != nil {
					t.Fatal(err)
				}
			}
			l = NewLinker(ix, Open(dir))
		}
		var docs []*corpus.Document
		for range 1 + rng.IntN(6) {
			d := newDoc(rng.IntN(40)) // IDs repeat: replacements
			if slices.ContainsFunc(docs, func(o *corpus.Document) bool { return o.ID == d.ID }) {
				continue
			}
			docs = append(docs, d)
		}
		if err := l.Add(ctx, docs...); err != nil {
			t.Fatal(err)
		}
		if step%4 == 3 {
			for id := range ix.docs {
				if err := l.Delete(id); err != nil {
					t.Fatal(err)
				}
				break
			}
		}
		want, got := definition(ix.docs), ix.flags()
		if !reflect.DeepEqual(got, want) {
			for id := range want {
				if got[id] != want[id] {
					t.Errorf("step %d: %s flagged %q, want %q", step, id, got[id], want[id])
				}
			}
			t.FailNow()
		}
		for _, f := range got {
			exercised[f]++
		}
	}
	for _, f := range []corpus.Recurs{corpus.RecursYes, corpus.RecursNo, corpus.RecursUnknown} {
		if exercised[f] < 5 {
			t.Errorf("flag %q only %d times: the test does not exercise it", f, exercised[f])
		}
	}
}
