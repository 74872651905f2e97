package ingest

import (
	"strings"
	"testing"
)

func TestSplitText(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		max        int
		want       []string
	}{
		{"short", "Una frase.", 20, []string{"Una frase."}},
		{"sentence", "Primera frase aquí. Segunda frase aquí. Tercera.", 30, []string{"Primera frase aquí.", "Segunda frase aquí. Tercera."}},
		{"not before lower case", "Art. uno dice algo; sigue otra cosa más larga aquí", 30, []string{"Art. uno dice algo;", "sigue otra cosa más larga", "aquí"}},
		{"space", "palabras sin ningún signo de puntuación en todo el texto", 20, []string{"palabras sin ningún", "signo de puntuación", "en todo el texto"}},
		{"no space, runes kept whole", "ñññññññññññ", 5, []string{"ññ", "ññ", "ññ", "ññ", "ññ", "ñ"}},
		{"line break", "Primera frase.\nSegunda frase larga.", 20, []string{"Primera frase.", "Segunda frase larga."}},
	} {
		got := splitText(tt.text, tt.max)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		for _, p := range got {
			if len(p) > tt.max {
				t.Errorf("%s: part of %d bytes, over %d", tt.name, len(p), tt.max)
			}
		}
	}
}

// TestLongParagraphSplit checks that a file of one 2 MB line is read into
// parts of at most MaxParagraphBytes, split at sentence ends and numbered,
// whose originals together are the file's text.
func TestLongParagraphSplit(t *testing.T) {
	var b strings.Builder
	for i := 0; b.Len() < 2<<20; i++ {
		b.WriteString("La cooperación técnica fortalece los derechos humanos en el país número ")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(". ")
	}
	text := strings.TrimSpace(b.String())
	doc, err := Read("larga.txt", []byte(text), Options{NoRepair: true})
	if err != nil {
		t.Fatal(err)
	}
	n := len(doc.Paragraphs)
	if n < (2<<20)/MaxParagraphBytes {
		t.Fatalf("%d paragraphs, want the line split in parts of at most %d bytes", n, MaxParagraphBytes)
	}
	var originals []string
	for i, p := range doc.Paragraphs {
		if len(p.Original) > MaxParagraphBytes || p.Split != i+1 || p.SplitOf != n {
			t.Fatalf("paragraph %d: %d bytes, piece %d of %d; want at most %d bytes, piece %d of %d", i+1, len(p.Original), p.Split, p.SplitOf, MaxParagraphBytes, i+1, n)
		}
		if !strings.HasSuffix(p.Text, ".") {
			t.Errorf("piece %d does not end a sentence: …%q", p.Split, p.Text[len(p.Text)-20:])
		}
		originals = append(originals, p.Original)
	}
	if strings.Join(originals, " ") != text {
		t.Errorf("the parts' originals do not make the file's text")
	}
}
