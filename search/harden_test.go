package search

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
)

// TestPrefixExpansionCap checks that a prefix standing for more than
// index.MaxExpansions terms is refused with the word named, before bleve
// walks them.
func TestPrefixExpansionCap(t *testing.T) {
	ix, err := index.NewTemporary(1)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Words zzbbb, zzbbc, …: more distinct terms with the prefix "zz"
	// than a query may expand (consonants only, which no stemmer cuts).
	const consonants = "bcdfghjklmnpqrtvwxyz"
	var words []string
	for i := range index.MaxExpansions + 100 {
		words = append(words, fmt.Sprintf("zz%c%c%c", consonants[i/400%20], consonants[i/20%20], consonants[i%20]))
	}
	doc := &corpus.Document{ID: "doc-zz", Source: "zz.txt", Format: corpus.FormatText, Kind: corpus.KindPage}
	for i := 0; i < len(words); i += 100 {
		text := strings.Join(words[i:min(i+100, len(words))], " ")
		doc.Paragraphs = append(doc.Paragraphs, corpus.Paragraph{Ordinal: len(doc.Paragraphs) + 1, Kind: corpus.Plain, Text: text, Original: text})
	}
	if err := ix.Add(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	s := New(ix)
	_, err = s.Search(t.Context(), Request{Query: "zz*"})
	var bad *BadQueryError
	if !asBadQuery(err, &bad) || !strings.Contains(bad.Msg, "«zz*»") {
		t.Errorf("zz*: %v, want a BadQueryError naming the word", err)
	}
	res, err := s.Search(t.Context(), Request{Query: "zzbc*"})
	if err != nil || res.Total == 0 {
		t.Errorf("zzbc*: %v, %v; want hits", res, err)
	}
}

func asBadQuery(err error, target **BadQueryError) bool {
	b, ok := err.(*BadQueryError)
	*target = b
	return ok
}

func TestNeutralize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{" =1+1", "' =1+1"},
		{"\u00a0\u00a0+SUM(A1)", "'\u00a0\u00a0+SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"\n@cmd", "'\n@cmd"},
		{"-2+3", "'-2+3"},
		{"＝1+1", "'＝1+1"},
		{"Derechos humanos = dignidad", "Derechos humanos = dignidad"},
		{"A/HRC/RES/51/34", "A/HRC/RES/51/34"},
		{"   ", "   "},
		{"", ""},
	} {
		if got := neutralize(tt.in); got != tt.want {
			t.Errorf("neutralize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCSVCellsQuoted checks that every cell is quoted, so that text with
// the other separator stays one cell ("a;=1+1" read by a spreadsheet that
// splits on ";").
func TestCSVCellsQuoted(t *testing.T) {
	var b strings.Builder
	hit := Hit{}
	hit.Text = "cooperar;=1+1"
	hit.Title = `dice "hola"`
	for _, sep := range []rune{',', ';'} {
		b.Reset()
		if err := WriteCSV(&b, []Hit{hit}, false, sep); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `"cooperar;=1+1"`) || !strings.Contains(b.String(), `"dice ""hola"""`) {
			t.Errorf("sep %q: %q", sep, b.String())
		}
	}
}

// TestFuzzyExpansionCap checks that a fuzzy word standing for more than
// index.MaxExpansions terms, which bleve refuses, is a BadQueryError
// that says so, found through index.ErrTooManyTerms and not through the
// text of bleve's error.
func TestFuzzyExpansionCap(t *testing.T) {
	ix, err := index.NewTemporary(1)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	// Every word is "bcdfghj" with two of its letters after the first
	// changed: more than index.MaxExpansions terms within two edits of it
	// and with its first letter (consonants only, which no stemmer cuts).
	const consonants = "bcdfghjklmnpqrtvwxyz"
	base := []byte("bcdfghj")
	seen := map[string]bool{}
	var words []string
	for i := 1; i < len(base); i++ {
		for j := i + 1; j < len(base); j++ {
			for _, a := range []byte(consonants) {
				for _, b := range []byte(consonants) {
					w := append([]byte(nil), base...)
					w[i], w[j] = a, b
					if !seen[string(w)] {
						seen[string(w)] = true
						words = append(words, string(w))
					}
				}
			}
		}
	}
	if len(words) <= index.MaxExpansions {
		t.Fatalf("%d words, want more than %d", len(words), index.MaxExpansions)
	}
	doc := &corpus.Document{ID: "doc-fz", Source: "fz.txt", Format: corpus.FormatText, Kind: corpus.KindPage}
	for i := 0; i < len(words); i += 100 {
		text := strings.Join(words[i:min(i+100, len(words))], " ")
		doc.Paragraphs = append(doc.Paragraphs, corpus.Paragraph{Ordinal: len(doc.Paragraphs) + 1, Kind: corpus.Plain, Text: text, Original: text})
	}
	if err := ix.Add(t.Context(), doc); err != nil {
		t.Fatal(err)
	}
	_, err = New(ix).Search(t.Context(), Request{Query: "bcdfghj~"})
	var bad *BadQueryError
	if !errors.As(err, &bad) || !strings.Contains(bad.Msg, "abarca demasiadas palabras") {
		t.Errorf("bcdfghj~: %v, want a BadQueryError saying it stands for too many words", err)
	}
}
