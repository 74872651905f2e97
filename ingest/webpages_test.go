package ingest

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

// webLabel is a page of testdata/web and what a person reads on it.
type webLabel struct {
	file, set, title, date, first, last string
}

func readWebLabels(t *testing.T) []webLabel {
	t.Helper()
	f, err := os.Open("testdata/web/labels.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []webLabel
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			t.Fatalf("labels.tsv: %d columns in %q", len(c), line)
		}
		out = append(out, webLabel{c[0], c[1], c[2], c[3], c[4], c[5]})
	}
	return out
}

func readGz(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// garbled reports whether text has the marks of a wrong decoding: UTF-8
// read as Windows-1252 ("MejÃ­as", "â€œ") or replacement characters.
func garbled(text string) bool {
	return strings.ContainsAny(text, "\uFFFD") || strings.Contains(text, "Ã") || strings.Contains(text, "â€") || strings.Contains(text, "Â")
}

// furnitureWords counts the words of a page's text and those outside its
// article (before the label's first block or after its last).
func furnitureWords(doc *corpus.Document, l webLabel) (furniture, total int, found bool) {
	first, last := -1, -1
	for i, p := range doc.Paragraphs {
		if first < 0 && strings.HasPrefix(p.Text, l.first) {
			first = i
		}
		if first >= 0 && strings.HasPrefix(p.Text, l.last) {
			last = i
		}
	}
	for i, p := range doc.Paragraphs {
		n := len(strings.Fields(p.Text))
		total += n
		if first < 0 || last < 0 || i < first || i > last {
			furniture += n
		}
	}
	return furniture, total, first >= 0 && last >= 0
}

// TestRealWebPages reads 20 real Spanish pages of 20 sites (news on courts
// and human rights, an OHCHR page) and checks what a researcher quoting
// them needs: no garbled character and no changed word on any page; on
// the pages the rules were tuned on, the headline and the date right on
// 90% or more and furniture (words outside the article) 2% or less of the
// text. The held-out pages are reported apart.
func TestRealWebPages(t *testing.T) {
	type score struct{ pages, title, date, furniture, words int }
	scores := map[string]*score{"tune": {}, "heldout": {}}
	for _, l := range readWebLabels(t) {
		data := readGz(t, filepath.Join("testdata/web", l.file))
		doc, err := Read(strings.TrimSuffix(l.file, ".gz"), data, Options{})
		if err != nil {
			t.Errorf("%s: %v", l.file, err)
			continue
		}
		s := scores[l.set]
		s.pages++
		for _, p := range doc.Paragraphs {
			if garbled(p.Text) {
				t.Errorf("%s: garbled text %q", l.file, p.Text)
			}
			if len(p.Repairs) > 0 {
				t.Errorf("%s: words changed %v", l.file, p.Repairs)
			}
		}
		if garbled(doc.Title) {
			t.Errorf("%s: garbled title %q", l.file, doc.Title)
		}
		date := doc.Adopted.String()
		if date == "" {
			date = "-"
		}
		if doc.Title == l.title {
			s.title++
		} else {
			t.Logf("%s (%s): title %q, want %q", l.file, l.set, doc.Title, l.title)
		}
		if date == l.date {
			s.date++
		} else {
			t.Logf("%s (%s): date %s, want %s", l.file, l.set, date, l.date)
		}
		f, n, found := furnitureWords(doc, l)
		if !found {
			t.Logf("%s (%s): article not found between %q and %q", l.file, l.set, l.first, l.last)
		}
		s.furniture += f
		s.words += n
		if f > 0 {
			t.Logf("%s (%s): %d of %d words outside the article; dropped %v", l.file, l.set, f, n, doc.Dropped)
		}
	}
	for _, set := range []string{"tune", "heldout"} {
		s := scores[set]
		t.Logf("%-8s %2d pages: title %d/%d, date %d/%d, furniture %d of %d words (%.1f%%)", set, s.pages, s.title, s.pages, s.date, s.pages, s.furniture, s.words, 100*float64(s.furniture)/float64(max(s.words, 1)))
	}
	if s := scores["tune"]; s.title*10 < s.pages*9 || s.date*10 < s.pages*9 || s.furniture*50 > s.words {
		t.Errorf("tuning pages: title %d/%d, date %d/%d, furniture %d of %d words; want 90%%, 90%%, 2%%", s.title, s.pages, s.date, s.pages, s.furniture, s.words)
	}
}
