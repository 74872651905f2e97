package ocr

import (
	"math"
	"testing"
)

func TestParseBigrams(t *testing.T) {
	m := ParseBigrams("N\t100\nde\t10\nla\t8\nesta\t4\nestá\t2\nde la\t6\nla de\t1\nmal formed\nx\ty\nno\tpair\tcount\nde nada\t3\n")
	for _, tt := range []struct {
		prev, w string
		count   float64
	}{{"de", "la", 6}, {"la", "de", 1}, {"de", "nada", 0}, {"la", "la", 0}} {
		if got := m.Count(tt.prev, tt.w); got != tt.count {
			t.Errorf("Count(%q, %q) = %v, want %v", tt.prev, tt.w, got, tt.count)
		}
	}
	if got, want := m.Freq("esta"), 4.0; got != want {
		t.Errorf("Freq(esta) = %v, want %v", got, want)
	}
	// Seen pairs are likelier than the unigram; unseen ones less likely.
	if m.LogProb("de", "la") <= m.LogProb("", "la") || m.LogProb("la", "la") >= m.LogProb("", "la") {
		t.Errorf("LogProb: de la %.2f, la la %.2f, la %.2f", m.LogProb("de", "la"), m.LogProb("la", "la"), m.LogProb("", "la"))
	}
	if lp := m.LogProb("de", "desconocida"); math.IsInf(lp, 0) || math.IsNaN(lp) {
		t.Errorf("LogProb of an unseen word = %v", lp)
	}
	if g := m.byFold["esta"]; len(g) != 2 {
		t.Errorf("accent variants of esta = %v, want esta and está", g)
	}
}

func TestDefaultBigrams(t *testing.T) {
	m, err := DefaultBigrams()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.uni) < 5000 || len(m.pairs) < 20000 || m.Count("derechos", "humanos") < 100 {
		t.Errorf("embedded model: %d words, %d pairs, derechos humanos %v", len(m.uni), len(m.pairs), m.Count("derechos", "humanos"))
	}
}
