package ingest

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
)

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

// webScore sums what TestRealWebPages measures over a set of pages.
type webScore struct {
	pages, title, date int
	out, furniture     int // words of the output; those that are no article's
	article, lost      int // words of the articles; those the output lacks
	garbled, changed   int // paragraphs with garbled text; words changed
	with, withHit      int // go-trafilatura's "with" snippets; those found
	without, withoutIn int // its "without" snippets; those found (wrongly)
}

func (s *webScore) String() string {
	return fmt.Sprintf("%2d pages: title %d/%d, date %d/%d, furniture %d of %d words (%.1f%%), article words lost %d of %d (%.2f%%), garbled %d, changed %d; trafilatura's snippets: with %d/%d, without %d/%d kept",
		s.pages, s.title, s.pages, s.date, s.pages, s.furniture, s.out, pct(s.furniture, s.out), s.lost, s.article, pct(s.lost, s.article), s.garbled, s.changed, s.withHit, s.with, s.withoutIn, s.without)
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }

// TestRealWebPages reads the real Spanish pages of testdata/web (news on
// courts, human rights and justice of 55 sites, an OHCHR page) and
// measures, against what a person reads on each (labels.txt), what a
// researcher quoting them needs: the headline and the date; the words of
// the output that are no part of the article, wherever they sit
// (furniture); the article's words the output lacks (lost); garbled
// characters and changed words, which no page may have. It reports every
// page and each set, the held-out pages apart, and requires of the
// tuning pages titles and dates right on 90% or more, furniture 2% or less
// and lost words 0.5% or less:
//
//	go test ./ingest -run TestRealWebPages -v
func TestRealWebPages(t *testing.T) {
	scores := map[string]*webScore{"tune": {}, "heldout": {}, "fresh": {}}
	for _, l := range readPageLabels(t) {
		data := readGz(t, filepath.Join("testdata/web", l.file))
		s := scores[l.set]
		s.pages++
		var notes []string
		doc, err := Read(strings.TrimSuffix(l.file, ".gz"), data, Options{})
		if err != nil {
			// A page read as empty has lost its whole article.
			notes = append(notes, err.Error())
			doc = &corpus.Document{}
		}
		var text []string
		for _, p := range doc.Paragraphs {
			text = append(text, p.Text)
			if garbled(p.Text) {
				s.garbled++
				t.Errorf("%s: garbled text %q", l.file, p.Text)
			}
			if len(p.Repairs) > 0 {
				s.changed += len(p.Repairs)
				t.Errorf("%s: words changed %v", l.file, p.Repairs)
			}
		}
		if garbled(doc.Title) {
			t.Errorf("%s: garbled title %q", l.file, doc.Title)
		}
		if doc.Title == l.title {
			s.title++
		} else {
			notes = append(notes, fmt.Sprintf("title %q, want %q", doc.Title, l.title))
		}
		date := doc.Adopted.String()
		if date == "" {
			date = "-"
		}
		if dateOK(date, l.date) {
			s.date++
		} else {
			notes = append(notes, fmt.Sprintf("date %s, want %s", date, l.date))
		}
		blocks := renderPage(data)
		article, _, _, lenient, _, ok := spanParts(blocks, l)
		if !ok {
			t.Errorf("%s: no article from %q to %q in the page", l.file, l.first, l.last)
			continue
		}
		out := evalWords(strings.Join(pageText(doc), " "))
		art := evalWords(strings.Join(article, " "))
		withEither := evalWords(strings.Join(lenient, " "))
		lost := len(art) - commonWords(out, art)
		furniture := len(out) - commonWords(out, withEither)
		s.out += len(out)
		s.furniture += furniture
		s.article += len(art)
		s.lost += lost
		joined := strings.Join(text, "\n")
		for _, w := range l.with {
			s.with++
			if strings.Contains(joined, w) {
				s.withHit++
			} else {
				notes = append(notes, fmt.Sprintf("lacks trafilatura's %q", w))
			}
		}
		for _, w := range l.without {
			s.without++
			if strings.Contains(joined, w) {
				s.withoutIn++
				notes = append(notes, fmt.Sprintf("keeps trafilatura's %q", w))
			}
		}
		t.Logf("%-7s %-42s furniture %4d of %5d words, lost %3d of %5d; %s", l.set, l.file, furniture, len(out), lost, len(art), strings.Join(notes, "; "))
	}
	for _, set := range []string{"tune", "heldout", "fresh"} {
		t.Logf("%-7s %v", set, scores[set])
	}
	if s := scores["tune"]; s.title*10 < s.pages*9 || s.date*10 < s.pages*9 || s.furniture*50 > s.out || s.lost*200 > s.article {
		t.Errorf("tuning pages: %v; want titles and dates 90%%, furniture 2%%, lost 0.5%%", s)
	}
}

// pageText returns the text of a page as a reader gets it: its title
// when no paragraph is the title (the headline shown as the document's
// title is not lost), then its paragraphs.
func pageText(doc *corpus.Document) []string {
	var text []string
	hasTitle := false
	for _, p := range doc.Paragraphs {
		text = append(text, p.Text)
		hasTitle = hasTitle || p.Text == doc.Title
	}
	if !hasTitle && doc.Title != "" {
		text = append([]string{doc.Title}, text...)
	}
	return text
}

// dateOK reports whether date is one of the labelled dates ("A|B").
func dateOK(date, label string) bool {
	for _, d := range strings.Split(label, "|") {
		if date == d {
			return true
		}
	}
	return false
}
