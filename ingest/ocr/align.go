package ocr

import (
	"strings"
	"unicode"

	"github.com/relatoria/relatoria/spanish"
)

// Words returns the runs of letters in s, as they are written: the tokens
// that frequency counts and the lexicon speak of.
func Words(s string) []string {
	var out []string
	for start, end := range spanish.Spans(s, unicode.IsLetter) {
		out = append(out, s[start:end])
	}
	return out
}

// trimPunct removes punctuation around a whitespace-separated word.
func trimPunct(w string) string {
	return strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) && r != '&' && r != '¢' })
}

// AlignWords aligns two word sequences (a clean text and its OCR) by edit
// distance and returns the aligned pairs, punctuation trimmed: equal pairs
// and substitutions. Insertions and deletions are left out.
func AlignWords(clean, ocr []string) [][2]string {
	n, m := len(clean), len(ocr)
	// Banded dynamic programme: OCR keeps the word order, so the alignment
	// stays near the diagonal.
	band := max(50, abs(n-m)+50)
	const inf = int32(1 << 30)
	width := 2*band + 1
	d := make([]int32, (n+1)*width)
	at := func(i, j int) *int32 { return &d[i*width+(j-i+band)] }
	in := func(i, j int) bool { return j-i >= -band && j-i <= band && j >= 0 && j <= m }
	for i := 0; i <= n; i++ {
		for j := max(0, i-band); j <= min(m, i+band); j++ {
			v := inf
			switch {
			case i == 0:
				v = int32(j)
			case j == 0:
				v = int32(i)
			default:
				cost := int32(1)
				if trimPunct(clean[i-1]) == trimPunct(ocr[j-1]) {
					cost = 0
				}
				if in(i-1, j-1) {
					v = min(v, *at(i-1, j-1)+cost)
				}
				if in(i-1, j) {
					v = min(v, *at(i-1, j)+1)
				}
				if in(i, j-1) {
					v = min(v, *at(i, j-1)+1)
				}
			}
			*at(i, j) = v
		}
	}
	var pairs [][2]string
	i, j := n, m
	for i > 0 && j > 0 {
		cost := int32(1)
		if trimPunct(clean[i-1]) == trimPunct(ocr[j-1]) {
			cost = 0
		}
		switch {
		case in(i-1, j-1) && *at(i, j) == *at(i-1, j-1)+cost:
			pairs = append(pairs, [2]string{trimPunct(clean[i-1]), trimPunct(ocr[j-1])})
			i, j = i-1, j-1
		case in(i-1, j) && *at(i, j) == *at(i-1, j)+1:
			i--
		default:
			j--
		}
	}
	for a, b := 0, len(pairs)-1; a < b; a, b = a+1, b-1 {
		pairs[a], pairs[b] = pairs[b], pairs[a]
	}
	return pairs
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// CharEdits aligns two words by characters and returns the edits that turn
// clean into ocr, each a pair (clean chunk, OCR chunk) of the characters
// between two matching ones: ("ñ", "fi") for niñas/nifias. Words too far
// apart to be one word damaged (more than a third of their letters changed)
// give no edits.
func CharEdits(clean, ocr string) [][2]string {
	a, b := []rune(clean), []rune(ocr)
	n, m := len(a), len(b)
	if n == 0 || m == 0 {
		return nil
	}
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j-1]+cost, d[i-1][j]+1, d[i][j-1]+1)
		}
	}
	if d[n][m] > max(2, n/3) {
		return nil
	}
	// Walk back, grouping runs of non-matching steps into one edit.
	var edits [][2]string
	var ca, cb []rune
	flush := func() {
		if len(ca) > 0 || len(cb) > 0 {
			slicesReverse(ca)
			slicesReverse(cb)
			edits = append(edits, [2]string{string(ca), string(cb)})
			ca, cb = nil, nil
		}
	}
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && a[i-1] == b[j-1] && d[i][j] == d[i-1][j-1]:
			flush()
			i, j = i-1, j-1
		case i > 0 && j > 0 && d[i][j] == d[i-1][j-1]+1:
			ca, cb = append(ca, a[i-1]), append(cb, b[j-1])
			i, j = i-1, j-1
		case i > 0 && d[i][j] == d[i-1][j]+1:
			ca = append(ca, a[i-1])
			i--
		default:
			cb = append(cb, b[j-1])
			j--
		}
	}
	flush()
	return edits
}

func slicesReverse(r []rune) {
	for a, b := 0, len(r)-1; a < b; a, b = a+1, b-1 {
		r[a], r[b] = r[b], r[a]
	}
}

// Confusion is one learned OCR substitution: Clean as printed, OCR as
// read, how often it was seen, and log P(OCR | Clean).
type Confusion struct {
	Clean string
	OCR   string
	Count int
	LogP  float64
}
