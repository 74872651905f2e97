package index

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

const (
	recText  = "Exhorta a todos los Estados a que adopten medidas eficaces para prevenir y eliminar la violencia contra las mujeres y las niñas en todas sus formas"
	recNear  = "Exhorta a todos los Estados a que adopten medidas eficaces para prevenir y eliminar la violencia contra las mujeres y las niñas en todas sus manifestaciones"
	recOther = "Pide al Secretario General que le presente en su próximo período de sesiones un informe completo sobre la aplicación de la presente resolución"
)

func datedDoc(id string, year int, texts ...string) *corpus.Document {
	d := doc(id, texts...)
	d.Adopted = corpus.Date{Year: year, Month: 6, Day: 30}
	return d
}

// recurring returns the IDs of the paragraphs flagged recurs:yes.
func recurring(t *testing.T, ix *Index) []string {
	t.Helper()
	return hitIDs(t, ix, FilterQuery(FieldRecurs, "yes").q)
}

func recurrencesOf(t *testing.T, ix *Index, id string) map[int][]Recurrence {
	t.Helper()
	d, err := ix.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ix.Recurrences(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// TestLineageKeptUpToDate adds, replaces and deletes documents in every
// order that changes which paragraph came first, in an index this process
// created and in one it opened, and checks the recurs flag and the links.
func TestLineageKeptUpToDate(t *testing.T) {
	for _, lose := range []bool{false, true} {
		name := "table saved"
		if lose {
			name = "table lost and rebuilt"
		}
		t.Run(name, func(t *testing.T) { testLineage(t, lose) })
	}
}

func testLineage(t *testing.T, loseTable bool) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	check := func(step string, want ...string) {
		t.Helper()
		if got := recurring(t, ix); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("%s: recurring %q, want %q", step, got, want)
		}
	}
	add := func(docs ...*corpus.Document) {
		t.Helper()
		if err := ix.Add(ctx, docs...); err != nil {
			t.Fatal(err)
		}
	}
	// 2020 first, then 2022: the later one recurs.
	add(datedDoc("a2020", 2020, recText, recOther))
	add(datedDoc("b2022", 2022, "Texto propio de este documento sin relación alguna con los demás textos del índice", recNear))
	check("2022 after 2020", "b2022#2")
	rs := recurrencesOf(t, ix, "b2022")[2]
	if len(rs) != 1 || rs[0].Doc != "a2020" || rs[0].Ordinal != 1 || rs[0].Identical || rs[0].Similarity < 0.8 || rs[0].Similarity == 1 || !rs[0].Earlier {
		t.Errorf("recurrences of b2022 §2: %+v", rs)
	}
	// An older document arrives: the 2020 paragraph recurs now too.
	add(datedDoc("c2018", 2018, recText))
	check("2018 added", "a2020#1", "b2022#2")
	rs = recurrencesOf(t, ix, "a2020")[1]
	if len(rs) != 2 || rs[0].Doc != "c2018" || !rs[0].Identical || rs[0].Similarity != 1 || rs[1].Doc != "b2022" || rs[1].Earlier {
		t.Errorf("recurrences of a2020 §1, oldest first: %+v", rs)
	}
	// Two documents in one call, and an undated one (never earlier).
	add(datedDoc("d2024", 2024, recOther), doc("undated", recOther))
	check("2024 and undated added", "a2020#1", "b2022#2", "d2024#1")
	// Deleting the oldest: the 2020 paragraph is first again.
	if err := ix.Delete("c2018"); err != nil {
		t.Fatal(err)
	}
	check("2018 deleted", "b2022#2", "d2024#1")
	// Replacing 2020 without the paragraph: 2022 no longer recurs.
	add(datedDoc("a2020", 2020, "Un texto enteramente distinto que ya no repite nada de lo que decían los otros documentos", recOther))
	check("2020 replaced", "d2024#1")
	if rs := recurrencesOf(t, ix, "b2022")[2]; len(rs) != 0 {
		t.Errorf("b2022 §2 still linked after a2020 was replaced: %+v", rs)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// An index opened again: the table is read back, or rebuilt from
	// the paragraphs when its file is gone.
	if _, err := os.Stat(filepath.Join(dir, lineageFile)); err != nil {
		t.Fatalf("table not saved: %v", err)
	}
	if loseTable {
		os.Remove(filepath.Join(dir, lineageFile))
	}
	if ix, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	add(datedDoc("e2019", 2019, recNear))
	check("2019 added to the opened index", "b2022#2", "d2024#1")
	add(datedDoc("f2025", 2025, recText))
	check("2025 added to the opened index", "b2022#2", "d2024#1", "f2025#1")
	if err := ix.Delete("e2019"); err != nil {
		t.Fatal(err)
	}
	check("2019 deleted from the opened index", "d2024#1", "f2025#1")
}

func TestLineageOff(t *testing.T) {
	ix := newTestIndex(t, 1)
	ix.SetLineage(false)
	if err := ix.Add(context.Background(), datedDoc("a", 2020, recText), datedDoc("b", 2021, recText)); err != nil {
		t.Fatal(err)
	}
	if got := recurring(t, ix); len(got) != 0 {
		t.Errorf("lineage off: %q recur", got)
	}
}

func TestEarlier(t *testing.T) {
	for _, tt := range []struct {
		a, b corpus.Date
		want bool
	}{
		{corpus.Date{Year: 2020, Month: 5, Day: 1}, corpus.Date{Year: 2020, Month: 5, Day: 2}, true},
		{corpus.Date{Year: 2020}, corpus.Date{Year: 2020, Month: 5, Day: 2}, false}, // the year covers the day
		{corpus.Date{Year: 2019}, corpus.Date{Year: 2020}, true},
		{corpus.Date{}, corpus.Date{Year: 2020}, false},
		{corpus.Date{Year: 2020}, corpus.Date{}, false},
		{corpus.Date{Year: 2020, Month: 2}, corpus.Date{Year: 2020, Month: 3, Day: 1}, true}, // 29 February
		{corpus.Date{Year: 2020, Month: 2}, corpus.Date{Year: 2020, Month: 2, Day: 29}, false},
		{corpus.Date{Year: 1948, Month: 12, Day: 10}, corpus.Date{Year: 1966, Month: 12, Day: 16}, true}, // before 1970
		{corpus.Date{Year: 1969, Month: 12, Day: 31}, corpus.Date{Year: 1970, Month: 1, Day: 1}, true},
		{corpus.Date{Year: 1969, Month: 12, Day: 31}, corpus.Date{Year: 1969, Month: 12, Day: 31}, false},
	} {
		if got := Earlier(tt.a, tt.b); got != tt.want {
			t.Errorf("Earlier(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		// The day numbers the look-ups compare agree.
		if got := daysOf(tt.a).before(daysOf(tt.b)); got != tt.want {
			t.Errorf("daysOf(%v).before(daysOf(%v)) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestLineageFlagsMatchDefinition adds documents made of recurring
// sentences (so that many paragraphs share a key and only some are
// similar enough), dated, undated and of the same date, in random calls
// and orders, with replacements and deletions, and checks every flag
// against the definition worked out by brute force: a paragraph recurs
// when a paragraph of another document adopted earlier shares a key with
// it and compares as a recurrence.
func TestLineageFlagsMatchDefinition(t *testing.T) {
	for seed := range uint64(4) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { testLineageDefinition(t, seed) })
	}
}

func testLineageDefinition(t *testing.T, seed uint64) {
	sentences := []string{
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
	rng := rand.New(rand.NewPCG(seed, 2))
	paragraph := func() string {
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
		return strings.Join(ps, " ")
	}
	newDoc := func(i int) *corpus.Document {
		texts := make([]string, 2+rng.IntN(4))
		for j := range texts {
			texts[j] = paragraph()
		}
		d := doc(fmt.Sprintf("d%02d", i), texts...)
		if y := rng.IntN(8); y > 0 { // one in eight undated; years repeat
			d.Adopted = corpus.Date{Year: 2010 + y, Month: 1 + rng.IntN(2), Day: 1}
		}
		return d
	}
	dir := filepath.Join(t.TempDir(), "idx")
	ix, err := Create(dir, Options{Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { ix.Close() }()
	ctx := context.Background()
	live := map[string]*corpus.Document{}
	for step := range 12 {
		if step == 4 || step == 8 { // the table read back from its file
			if err := ix.Close(); err != nil {
				t.Fatal(err)
			}
			if ix, err = Open(dir); err != nil {
				t.Fatal(err)
			}
		}
		var docs []*corpus.Document
		for range 1 + rng.IntN(6) {
			d := newDoc(rng.IntN(40)) // IDs repeat: replacements
			if slices.ContainsFunc(docs, func(o *corpus.Document) bool { return o.ID == d.ID }) {
				continue
			}
			docs = append(docs, d)
			live[d.ID] = d
		}
		if err := ix.Add(ctx, docs...); err != nil {
			t.Fatal(err)
		}
		if step%4 == 3 {
			for id := range live {
				if err := ix.Delete(id); err != nil {
					t.Fatal(err)
				}
				delete(live, id)
				break
			}
		}
		var want []string
		for _, d := range live {
			for i := range d.Paragraphs {
				it := newLineItem(d, &d.Paragraphs[i])
				if it.keys == nil {
					continue
				}
			others:
				for _, o := range live {
					if !Earlier(o.Adopted, d.Adopted) {
						continue
					}
					for j := range o.Paragraphs {
						ot := newLineItem(o, &o.Paragraphs[j])
						if _, ok := compare(&it, &ot); ok && sharesKey(it.keys, ot.keys) {
							want = append(want, ParagraphID(d.ID, d.Paragraphs[i].Ordinal))
							break others
						}
					}
				}
			}
		}
		slices.Sort(want)
		if got := recurring(t, ix); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("step %d: recurring\n%q\nwant\n%q", step, got, want)
		}
		if step == 11 && len(want) < 5 {
			t.Errorf("only %d recurring paragraphs: the test does not exercise lineage", len(want))
		}
	}
}

func TestPairCache(t *testing.T) {
	c := pairCache{max: 4}
	pairs := func(n int) wordPairs { return wordPairs{pairs: make([]uint32, n), fp: uint64(n)} }
	c.put(1, pairs(2))
	c.put(2, pairs(2)) // fills the first generation
	c.put(3, pairs(3)) // a new generation: 1 and 2 become the older
	if wp, ok := c.get(1); !ok || wp.fp != 2 {
		t.Errorf("1 from the older generation: %v %v", wp, ok)
	}
	// 1 moved to the newer generation (3 + 2 > 4: a new one again, with
	// 1 in it; 3 is in the older).
	c.put(4, pairs(1))
	if _, ok := c.get(2); ok {
		t.Error("2 survived two generations without being asked for")
	}
	for _, ref := range []uint32{1, 3, 4} {
		if _, ok := c.get(ref); !ok {
			t.Errorf("%d lost", ref)
		}
	}
}

// TestResidentBytes: what an index reports keeping in memory grows with
// its lineage table, and is nothing with lineage off.
func TestResidentBytes(t *testing.T) {
	texts := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("El Consejo de Derechos Humanos exhorta a los Estados a cooperar plenamente con el Relator Especial número %d y a responder a sus comunicaciones.", i))
		}
		return out
	}
	ctx := context.Background()
	var sizes []int64
	for _, on := range []bool{false, true} {
		ix, err := Create(filepath.Join(t.TempDir(), "idx"), Options{Shards: 1})
		if err != nil {
			t.Fatal(err)
		}
		ix.SetLineage(on)
		for i := range 3 {
			if err := ix.Add(ctx, doc(fmt.Sprint("d", i), texts(50)...)); err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, ix.ResidentBytes())
		}
		ix.Close()
	}
	if sizes[2] != 0 {
		t.Errorf("lineage off: %d bytes, want 0", sizes[2])
	}
	// 50 paragraphs a document: a table entry, 8 keys and their word
	// pairs each at least.
	if sizes[3] < 50*(56+8*8) || !(sizes[3] < sizes[4] && sizes[4] < sizes[5]) {
		t.Errorf("lineage on: %v bytes after 1, 2, 3 documents: want more than %d, growing", sizes[3:], 50*(56+8*8))
	}
}

// TestKeyRunFind holds a long run's directory to a binary search over the
// whole run, for keys present and absent, at the ends of the range too.
func TestKeyRunFind(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var r keyRun
	for range 3 * minDirRun {
		k := rng.Uint32()
		if rng.IntN(50) == 0 {
			k = k>>16<<16 | 0xffff // keys at the end of a directory bucket
		}
		r.keys = append(r.keys, k)
		r.refs = append(r.refs, 0)
	}
	r.keys = append(r.keys, 0, 0, math.MaxUint32, math.MaxUint32)
	r.refs = append(r.refs, 0, 0, 0, 0)
	sort.Sort(&r)
	r = indexRun(r)
	if r.dir == nil {
		t.Fatal("no directory for a long run")
	}
	probes := []uint32{0, 1, math.MaxUint32, math.MaxUint32 - 1, 0xffff, 0x10000}
	for range 20000 {
		probes = append(probes, r.keys[rng.IntN(len(r.keys))], rng.Uint32())
	}
	for _, h := range probes {
		want := sort.Search(len(r.keys), func(i int) bool { return r.keys[i] >= h })
		if got := r.find(h); got != want {
			t.Fatalf("find(%#x) = %d, want %d", h, got, want)
		}
	}
}
