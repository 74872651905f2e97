package ocr

import (
	_ "embed"
	"math"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/spanish"
)

//go:embed data/bigrams.txt.gz
var bigramsGz []byte

// Bigrams is a word bigram model of clean Spanish human-rights text: how
// often each lower-case word, and each pair of adjacent words, occurred.
// It is what lets repair read context: "esta" before "resolución", "está"
// before "comprometido"; "política pública", not "política publica".
//
// It also knows which of its words differ only by accents ("esta",
// "está"; "publica", "pública"), the valid words OCR confuses.
type Bigrams struct {
	ids   map[string]uint32 // word → index into uni
	uni   []float64         // count of each word
	total float64           // words of text
	pairs map[uint64]float64
	// byFold maps an accent-folded form to the words of the model that
	// fold to it.
	byFold map[string][]string
}

// DefaultBigrams returns the embedded bigram model, loading it on first
// use (about 10 ms).
var DefaultBigrams = loadEmbedded(bigramsGz, ParseBigrams)

// ParseBigrams reads a model as internal/cmd/lexgen writes it: "N\ttotal",
// lines "word\tcount", lines "first second\tcount". Malformed lines are
// skipped.
func ParseBigrams(data string) *Bigrams {
	m := &Bigrams{ids: map[string]uint32{}, pairs: map[uint64]float64{}, byFold: map[string][]string{}}
	for line := range strings.SplitSeq(data, "\n") {
		key, count, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(count)
		if err != nil || n < 0 {
			continue
		}
		if key == "N" {
			m.total = float64(n)
			continue
		}
		first, second, pair := strings.Cut(key, " ")
		if !pair {
			if _, dup := m.ids[key]; dup {
				continue
			}
			m.ids[key] = uint32(len(m.uni))
			m.uni = append(m.uni, float64(n))
			f := spanish.FoldSpanishAccents(key)
			m.byFold[f] = append(m.byFold[f], key)
			continue
		}
		a, ok1 := m.ids[first]
		b, ok2 := m.ids[second]
		if ok1 && ok2 {
			m.pairs[uint64(a)<<32|uint64(b)] = float64(n)
		}
	}
	if m.total < 1 {
		m.total = 1
	}
	return m
}

// smoothing is how many words of weight the unigram distribution has
// beside a word's observed followers (additive interpolation).
const smoothing = 2.0

// unigram returns log P(w), with an unseen word given half a count.
func (m *Bigrams) unigram(w string) float64 {
	if id, ok := m.ids[w]; ok {
		return math.Log(m.uni[id] / m.total)
	}
	return math.Log(0.5 / m.total)
}

// LogProb returns log P(w | prev) for lower-case words, interpolated with
// the unigram probability of w; prev "" gives log P(w).
func (m *Bigrams) LogProb(prev, w string) float64 {
	pu := m.unigram(w)
	if prev == "" {
		return pu
	}
	a, ok1 := m.ids[prev]
	b, ok2 := m.ids[w]
	if !ok1 {
		return pu
	}
	c := 0.0
	if ok2 {
		c = m.pairs[uint64(a)<<32|uint64(b)]
	}
	return math.Log((c + smoothing*math.Exp(pu)) / (m.uni[a] + smoothing))
}

// Count returns how often the pair "prev w" occurred.
func (m *Bigrams) Count(prev, w string) float64 {
	a, ok1 := m.ids[prev]
	b, ok2 := m.ids[w]
	if !ok1 || !ok2 {
		return 0
	}
	return m.pairs[uint64(a)<<32|uint64(b)]
}

// Freq returns how often the lower-case word w occurred.
func (m *Bigrams) Freq(w string) float64 {
	if id, ok := m.ids[w]; ok {
		return m.uni[id]
	}
	return 0
}
