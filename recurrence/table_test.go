package recurrence

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

func TestPairFile(t *testing.T) {
	dir := t.TempDir()
	f, err := openPairFile(dir, true)
	if err != nil {
		t.Fatal(err)
	}
	a, b := []uint32{1, 5, 9}, []uint32{2, 3}
	atA, atB := f.append(a), f.append(b)
	if f.append(nil) != 0 || f.append(make([]uint32, maxFilePairs+1)) != 0 {
		t.Error("no pairs, or too many, should not be in the file")
	}
	if err := f.flush(); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		at   pairsAt
		want []uint32
	}{{atA, a}, {atB, b}} {
		if got, err := f.read(tt.at); err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("read(%x) = %v, %v; want %v", tt.at, got, err, tt.want)
		}
	}
	if err := f.close(); err != nil {
		t.Fatal(err)
	}
	// Opened again after a write cut short: appends start at a whole
	// pair, and what was written stays.
	path := filepath.Join(dir, pairsFile)
	if err := os.WriteFile(path, append(mustRead(t, path), 7, 7), 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err = openPairFile(dir, false); err != nil {
		t.Fatal(err)
	}
	defer f.close()
	if !f.holds(atB) || f.holds(atB+1<<16) {
		t.Errorf("holds: the file has %d bytes", f.size)
	}
	atC := f.append([]uint32{4})
	if err := f.flush(); err != nil {
		t.Fatal(err)
	}
	if got, err := f.read(atC); err != nil || !reflect.DeepEqual(got, []uint32{4}) {
		t.Errorf("read after reopening = %v, %v", got, err)
	}
	if got, err := f.read(atA); err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("read of the first paragraph after reopening = %v, %v", got, err)
	}
	// Pairs out of order are damage, named.
	if _, err := f.read(pairsAt(1)<<16 | 3); err == nil {
		t.Error("reading 5, 9, 2 as a paragraph's pairs: no error")
	}
	// A file in memory keeps what is appended.
	m := &pairFile{}
	at := m.append(a)
	if got, err := m.read(at); err != nil || !reflect.DeepEqual(got, a) || m.flush() != nil {
		t.Errorf("in memory: read = %v, %v", got, err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const (
	recText  = "Exhorta a todos los Estados a que adopten medidas eficaces para prevenir y eliminar la violencia contra las mujeres y las niñas en todas sus formas"
	recNear  = "Exhorta a todos los Estados a que adopten medidas eficaces para prevenir y eliminar la violencia contra las mujeres y las niñas en todas sus manifestaciones"
	recOther = "Pide al Secretario General que le presente en su próximo período de sesiones un informe completo sobre la aplicación de la presente resolución"
)

func datedDoc(id string, year int, texts ...string) *corpus.Document {
	d := &corpus.Document{ID: id, Adopted: corpus.Date{Year: year, Month: 6, Day: 30}}
	for i, s := range texts {
		d.Paragraphs = append(d.Paragraphs, corpus.Paragraph{Ordinal: i + 1, Kind: corpus.Operative, Text: s})
	}
	return d
}

// TestStoreSpoiled opens a store whose pair file lost its end, or whose
// table is of another generation, or whose folder holds a folder in
// place of the pair file: the table is not trusted and is built again
// from the index (in memory, when the file cannot be made), and the flags
// come out the same.
func TestStoreSpoiled(t *testing.T) {
	for _, tt := range []struct {
		name  string
		spoil func(t *testing.T, dir string, ix *memIndex)
	}{
		{"pair file cut short", func(t *testing.T, dir string, _ *memIndex) {
			path := filepath.Join(dir, pairsFile)
			data := mustRead(t, path)
			if len(data) == 0 {
				t.Fatal("no pairs written")
			}
			if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"another generation", func(t *testing.T, _ string, ix *memIndex) { ix.generation++ }},
		{"a folder in place of the pair file", func(t *testing.T, dir string, _ *memIndex) {
			path := filepath.Join(dir, pairsFile)
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir, ix := t.TempDir(), newMemIndex()
			l := NewLinker(ix, Open(dir))
			if err := l.Add(ctx, datedDoc("a2020", 2020, recText, recOther)); err != nil {
				t.Fatal(err)
			}
			if err := l.Close(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, tableFile)); err != nil {
				t.Fatalf("table not saved: %v", err)
			}
			tt.spoil(t, dir, ix)
			st := Open(dir)
			if ok, err := st.Load(ix.generation); ok || err != nil {
				t.Errorf("Load = %v, %v; want false, nil", ok, err)
			}
			l = NewLinker(ix, st)
			defer l.Close()
			if err := l.Add(ctx, datedDoc("b2022", 2022, recNear)); err != nil {
				t.Fatal(err)
			}
			want := map[string]corpus.Recurs{"a2020#1": corpus.RecursNo, "a2020#2": corpus.RecursNo, "b2022#1": corpus.RecursYes}
			if got := ix.flags(); !reflect.DeepEqual(got, want) {
				t.Errorf("flags %v, want %v", got, want)
			}
		})
	}
}

func TestPairCache(t *testing.T) {
	c := pairCache{max: 4}
	pairs := func(n int) []uint32 { return make([]uint32, n) }
	c.put(1, pairs(2))
	c.put(2, pairs(2)) // fills the first generation
	c.put(3, pairs(3)) // a new generation: 1 and 2 become the older
	if wp, ok := c.get(1); !ok || len(wp) != 2 {
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

// TestResidentBytes: what a store reports keeping in memory grows with its
// table.
func TestResidentBytes(t *testing.T) {
	texts := func(n int) []string {
		var out []string
		for i := range n {
			out = append(out, fmt.Sprintf("El Consejo de Derechos Humanos exhorta a los Estados a cooperar plenamente con el Relator Especial número %d y a responder a sus comunicaciones.", i))
		}
		return out
	}
	l := NewLinker(newMemIndex(), Open(t.TempDir()))
	defer l.Close()
	var sizes []int64
	for i := range 3 {
		if err := l.Add(context.Background(), datedDoc(fmt.Sprint("d", i), 2000+i, texts(50)...)); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, l.ResidentBytes())
	}
	// 50 paragraphs a document: a table entry, 8 keys and their word
	// pairs each at least.
	if sizes[0] < 50*(48+8*8) || !(sizes[0] < sizes[1] && sizes[1] < sizes[2]) {
		t.Errorf("%v bytes after 1, 2, 3 documents: want more than %d, growing", sizes, 50*(48+8*8))
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

// TestRecurrences checks the links the store finds for a paragraph as
// documents come and go: similarity, identity, and the order of the
// other document, earliest first.
func TestRecurrences(t *testing.T) {
	ctx := context.Background()
	ix := newMemIndex()
	l := NewLinker(ix, Open(t.TempDir()))
	defer l.Close()
	add := func(docs ...*corpus.Document) {
		t.Helper()
		if err := l.Add(ctx, docs...); err != nil {
			t.Fatal(err)
		}
	}
	links := func(id string) map[int][]Match {
		t.Helper()
		rs, err := l.Recurrences(ctx, ix.docs[id])
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	add(datedDoc("a2020", 2020, recText, recOther))
	add(datedDoc("b2022", 2022, "Texto propio de este documento sin relación alguna con los demás textos del índice", recNear))
	if rs := links("b2022")[2]; len(rs) != 1 || rs[0].Doc != "a2020" || rs[0].Ordinal != 1 || rs[0].Identical || rs[0].Similarity < 0.8 || rs[0].Similarity == 1 || rs[0].Order != Before {
		t.Errorf("recurrences of b2022 ¶2: %+v", rs)
	}
	add(datedDoc("c2018", 2018, recText), &corpus.Document{ID: "undated", Paragraphs: []corpus.Paragraph{{Ordinal: 1, Text: recText}}})
	rs := links("a2020")[1]
	if len(rs) != 3 || rs[0].Doc != "c2018" || !rs[0].Identical || rs[0].Similarity != 1 || rs[0].Order != Before ||
		rs[1].Doc != "b2022" || rs[1].Order != After || rs[2].Doc != "undated" || rs[2].Order != Unknown {
		t.Errorf("recurrences of a2020 ¶1, earliest first, the undated last: %+v", rs)
	}
	if err := l.Delete("c2018"); err != nil {
		t.Fatal(err)
	}
	if rs := links("a2020")[1]; len(rs) != 2 || rs[0].Doc != "b2022" {
		t.Errorf("recurrences of a2020 ¶1 after c2018 was deleted: %+v", rs)
	}
}

// TestRecurrencesBesideLink reads links while documents are linked (run it
// with -race): a page of the server while relatoria ingest sends it
// documents.
func TestRecurrencesBesideLink(t *testing.T) {
	ctx := context.Background()
	ix := newMemIndex()
	l := NewLinker(ix, NewMemory())
	if err := l.Add(ctx, datedDoc("first", 2000, recText, recOther)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		for i := range 30 {
			if err := l.Add(ctx, datedDoc(fmt.Sprint("d", i), 2001+i, recNear, recOther)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	doc := datedDoc("reader", 1999, recText)
	for range 30 {
		if _, err := l.Recurrences(ctx, doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	rs, err := l.Recurrences(ctx, doc)
	if err != nil || len(rs[1]) != 31 {
		t.Errorf("recurrences of the reader: %d, %v; want 31", len(rs[1]), err)
	}
}

// TestLinkTwiceInOneCall: two documents of one ID in one call are one
// document, the last, in the store as in the index.
func TestLinkTwiceInOneCall(t *testing.T) {
	ix := newMemIndex()
	l := NewLinker(ix, NewMemory())
	defer l.Close()
	ctx := context.Background()
	if err := l.Add(ctx, datedDoc("a", 2020, recText), datedDoc("a", 2020, recOther), datedDoc("b", 2022, recText, recOther)); err != nil {
		t.Fatal(err)
	}
	want := map[string]corpus.Recurs{"a#1": corpus.RecursNo, "b#1": corpus.RecursNo, "b#2": corpus.RecursYes}
	if got := ix.flags(); !reflect.DeepEqual(got, want) {
		t.Errorf("flags %v, want %v", got, want)
	}
	rs, err := l.Recurrences(ctx, ix.docs["b"])
	if err != nil || len(rs[1]) != 0 || len(rs[2]) != 1 {
		t.Errorf("recurrences of b: %+v, %v; want one, of b ¶2", rs, err)
	}
}
