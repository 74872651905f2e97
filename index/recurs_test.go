package index

import (
	"context"
	"reflect"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// TestWriteRecurs: the index stores the flag each paragraph carries,
// rewrites the records of other paragraphs whose flag changes in the same
// call, reads the flags back (Documents), and counts a generation at
// every change.
func TestWriteRecurs(t *testing.T) {
	ctx := context.Background()
	ix := newTestIndex(t, 2)
	a := doc("a", "Primer párrafo del documento a", "Segundo párrafo del documento a")
	a.Paragraphs[0].Recurs = corpus.RecursNo
	b := doc("b", "Primer párrafo del documento b")
	b.Paragraphs[0].Recurs = corpus.RecursYes
	if err := ix.Add(ctx, a, b); err != nil {
		t.Fatal(err)
	}
	g1, err := ix.Generation()
	if err != nil || g1 == 0 {
		t.Fatalf("generation %d, %v after a change", g1, err)
	}
	flags := func() map[string]corpus.Recurs {
		t.Helper()
		out := map[string]corpus.Recurs{}
		for d, err := range ix.Documents(ctx) {
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range d.Paragraphs {
				out[ParagraphID(d.ID, p.Ordinal)] = p.Recurs
			}
		}
		return out
	}
	want := map[string]corpus.Recurs{"a#1": corpus.RecursNo, "a#2": corpus.RecursUnknown, "b#1": corpus.RecursYes}
	if got := flags(); !reflect.DeepEqual(got, want) {
		t.Errorf("flags %v, want %v", got, want)
	}
	// A new document, and the flags of two paragraphs already there.
	c := doc("c", "Primer párrafo del documento c")
	if err := ix.Write(ctx, []*corpus.Document{c}, map[string]corpus.Recurs{"a#1": corpus.RecursYes, "b#1": corpus.RecursUnknown, "gone#1": corpus.RecursYes}); err != nil {
		t.Fatal(err)
	}
	want = map[string]corpus.Recurs{"a#1": corpus.RecursYes, "a#2": corpus.RecursUnknown, "b#1": corpus.RecursUnknown, "c#1": corpus.RecursUnknown}
	if got := flags(); !reflect.DeepEqual(got, want) {
		t.Errorf("flags after Write %v, want %v", got, want)
	}
	if got := hitIDs(t, ix, FilterQuery(FieldRecurs, "unknown").q); !reflect.DeepEqual(got, []string{"a#2", "b#1", "c#1"}) {
		t.Errorf("recurs:unknown %v", got)
	}
	// The rewritten record keeps the paragraph and its document.
	d, err := ix.Document(ctx, "a")
	if err != nil || d.Paragraphs[0].Text != "Primer párrafo del documento a" || d.ID != "a" {
		t.Errorf("document a after its flag was rewritten: %+v, %v", d, err)
	}
	if g2, _ := ix.Generation(); g2 <= g1 {
		t.Errorf("generation %d after another change, was %d", g2, g1)
	}
}
