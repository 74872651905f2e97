package extract

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/entity"
)

type labelled struct {
	Comment    string `json:"comment"`
	Paragraphs []struct {
		Source    string   `json:"source"`
		Body      string   `json:"body"`
		Text      string   `json:"text"`
		Dates     []string `json:"dates"`
		Entities  []string `json:"entities"`
		Citations []string `json:"citations"`
	} `json:"paragraphs"`
}

type score struct{ tp, fp, fn int }

func (s *score) add(want, got []string) (missed, extra []string) {
	w := map[string]int{}
	for _, x := range want {
		w[x]++
	}
	for _, x := range got {
		if w[x] > 0 {
			w[x]--
			s.tp++
		} else {
			s.fp++
			extra = append(extra, x)
		}
	}
	for x, n := range w {
		for range n {
			s.fn++
			missed = append(missed, x)
		}
	}
	return missed, extra
}

func (s score) precision() float64 { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s score) recall() float64    { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }

// TestLabelled scores the extractors against testdata/labels.json and
// checks the targets: dates ≥ 0.95 precision and ≥ 0.90 recall, entities
// ≥ 0.90 / 0.85, citations ≥ 0.95 / 0.90.
func TestLabelled(t *testing.T) {
	for _, file := range []string{"testdata/labels.json", "testdata/heldout.json"} {
		t.Run(file, func(t *testing.T) { scoreFile(t, file) })
	}
}

// scoreFile scores the extractors on one labelled set.
func scoreFile(t *testing.T, file string) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var set labelled
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	g := entity.DefaultGazetteer()
	var dates, ents, cites score
	for _, p := range set.Paragraphs {
		var gd, ge, gc []string
		for _, d := range Dates(p.Text, "") {
			gd = append(gd, d.Value)
		}
		defs := entity.Definitions{}
		g.Define(defs, p.Text)
		for _, e := range g.Entities(p.Text, defs) {
			ge = append(ge, e.Name)
		}
		for _, c := range Citations(p.Text, Context{Body: p.Body}) {
			gc = append(gc, c.Symbol.String())
		}
		for _, x := range []struct {
			name      string
			s         *score
			want, got []string
		}{{"dates", &dates, p.Dates, gd}, {"entities", &ents, p.Entities, ge}, {"citations", &cites, p.Citations, gc}} {
			if missed, extra := x.s.add(x.want, x.got); len(missed)+len(extra) > 0 {
				t.Logf("%s %s: missed %q, extra %q in %q", p.Source, x.name, missed, extra, short(p.Text))
			}
		}
	}
	t.Logf("%d paragraphs", len(set.Paragraphs))
	for _, x := range []struct {
		name       string
		s          score
		minP, minR float64
	}{{"dates", dates, 0.95, 0.90}, {"entities", ents, 0.90, 0.85}, {"citations", cites, 0.95, 0.90}} {
		t.Logf("%-9s precision %.3f recall %.3f (tp %d, fp %d, fn %d)", x.name, x.s.precision(), x.s.recall(), x.s.tp, x.s.fp, x.s.fn)
		if x.s.precision() < x.minP || x.s.recall() < x.minR {
			t.Errorf("%s: precision %.3f recall %.3f, want at least %.2f and %.2f", x.name, x.s.precision(), x.s.recall(), x.minP, x.minR)
		}
	}
}

func short(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return strings.TrimSpace(s)
}
