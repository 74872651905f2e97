// Package worddiff compares two texts word by word: the hunks of a
// shortest edit script (Myers' O(ND) algorithm, bounded in edits), and for
// texts too different for that, the same cut at anchors (the words found
// once in each, in the same order). The fidelity audit and the diff of two
// versions of a document both use it.
package worddiff

import "slices"

// Hunk is a run of differences: words A0:A1 of the first text replaced
// by words B0:B1 of the second.
type Hunk struct{ A0, A1, B0, B1 int }

// MaxEdits bounds the word diff: Myers' algorithm keeps a frontier per
// edit, so memory grows with the square of the edits (2,000 edits: 32 MB).
const MaxEdits = 2000

// Diff returns the hunks of a shortest edit script from a to b (Myers'
// O(ND) algorithm), and false when they differ by more than MaxEdits.
func Diff(a, b []string) ([]Hunk, bool) {
	// Common prefix and suffix cost nothing.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	a, b = a[pre:len(a)-suf], b[pre:len(b)-suf]
	// Words as numbers, so that comparisons are cheap.
	ids := map[string]int32{}
	id := func(ws []string) []int32 {
		out := make([]int32, len(ws))
		for i, w := range ws {
			v, ok := ids[w]
			if !ok {
				v = int32(len(ids))
				ids[w] = v
			}
			out[i] = v
		}
		return out
	}
	x, y := id(a), id(b)
	n, m := len(x), len(y)
	limit := min(n+m, MaxEdits)
	off := limit + 1
	v := make([]int32, 2*limit+3)
	var trace [][]int32
	found := -1
	for d := 0; d <= limit && found < 0; d++ {
		trace = append(trace, slices.Clone(v[off-d-1:off+d+2]))
		for k := -d; k <= d; k += 2 {
			var i int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				i = int(v[off+k+1])
			} else {
				i = int(v[off+k-1]) + 1
			}
			j := i - k
			for i < n && j < m && x[i] == y[j] {
				i++
				j++
			}
			v[off+k] = int32(i)
			if i >= n && j >= m {
				found = d
				break
			}
		}
	}
	if found < 0 {
		return nil, false
	}
	// Walk back through the frontiers, collecting the edits: a deletion
	// of a[i] or an insertion of b[j], at positions i, j of the two texts.
	type edit struct {
		del  bool
		i, j int
	}
	var edits []edit
	i, j := n, m
	for d := found; d > 0; d-- {
		prev := trace[d] // the frontier before step d, from k = -d-1
		at := func(k int) int { return int(prev[k+d+1]) }
		k := i - j
		pk := k - 1
		if k == -d || k != d && at(k-1) < at(k+1) {
			pk = k + 1
		}
		pi := at(pk)
		pj := pi - pk
		edits = append(edits, edit{del: pk == k-1, i: pi, j: pj})
		i, j = pi, pj
	}
	slices.Reverse(edits)
	// Group adjacent edits into hunks.
	var out []Hunk
	for _, e := range edits {
		ai, bj := e.i+pre, e.j+pre
		if len(out) > 0 {
			h := &out[len(out)-1]
			if e.del && ai == h.A1 && bj == h.B1 {
				h.A1++
				continue
			}
			if !e.del && bj == h.B1 && ai == h.A1 {
				h.B1++
				continue
			}
		}
		if e.del {
			out = append(out, Hunk{ai, ai + 1, bj, bj})
		} else {
			out = append(out, Hunk{ai, ai, bj, bj + 1})
		}
	}
	return out, true
}

// maxAnchorDepth bounds the recursion of Anchored.
const maxAnchorDepth = 4

// anchored is Diff for texts that differ in more places than diff
// allows (a long judgment whose footnotes the extraction places after
// their paragraphs): the words found once in each text and in the same
// order in both (patience diff's anchors) cut the texts into stretches,
// each compared by diff, or cut again by its own anchors. It reports
// false only when a stretch without anchors is still too different.
func anchored(a, b []string, depth int) ([]Hunk, bool) {
	if h, ok := Diff(a, b); ok {
		return h, true
	}
	if depth >= maxAnchorDepth {
		return nil, false
	}
	anchors := uniqueAnchors(a, b)
	if len(anchors) == 0 {
		return nil, false
	}
	var out []Hunk
	i0, j0 := 0, 0
	for _, an := range append(anchors, [2]int{len(a), len(b)}) {
		sub, ok := anchored(a[i0:an[0]], b[j0:an[1]], depth+1)
		if !ok {
			// Too different even so: the whole stretch is lost and
			// added.
			sub = nil
			if an[0] > i0 || an[1] > j0 {
				sub = []Hunk{{0, an[0] - i0, 0, an[1] - j0}}
			}
		}
		for _, h := range sub {
			out = append(out, Hunk{h.A0 + i0, h.A1 + i0, h.B0 + j0, h.B1 + j0})
		}
		i0, j0 = an[0]+1, an[1]+1
	}
	return out, true
}

// uniqueAnchors returns the positions (in a, in b) of the words that occur
// once in a and once in b, the longest run of them in the same order in
// both.
func uniqueAnchors(a, b []string) [][2]int {
	type seen struct{ na, nb, ia, ib int }
	count := map[string]*seen{}
	for i, w := range a {
		s := count[w]
		if s == nil {
			s = &seen{}
			count[w] = s
		}
		s.na++
		s.ia = i
	}
	for j, w := range b {
		if s := count[w]; s != nil {
			s.nb++
			s.ib = j
		}
	}
	var pairs [][2]int
	for i, w := range a {
		if s := count[w]; s.na == 1 && s.nb == 1 {
			pairs = append(pairs, [2]int{i, s.ib})
		}
	}
	// The longest increasing run of b positions (patience sorting).
	var tails []int // index into pairs of the smallest tail of each length
	prev := make([]int, len(pairs))
	for k, p := range pairs {
		lo, hi := 0, len(tails)
		for lo < hi {
			m := (lo + hi) / 2
			if pairs[tails[m]][1] < p[1] {
				lo = m + 1
			} else {
				hi = m
			}
		}
		prev[k] = -1
		if lo > 0 {
			prev[k] = tails[lo-1]
		}
		if lo == len(tails) {
			tails = append(tails, k)
		} else {
			tails[lo] = k
		}
	}
	if len(tails) == 0 {
		return nil
	}
	out := make([][2]int, len(tails))
	for k, i := tails[len(tails)-1], len(tails)-1; k >= 0; k, i = prev[k], i-1 {
		out[i] = pairs[k]
	}
	return out
}

// Anchored returns the hunks of an edit script from a to b: Diff's, or,
// for texts that differ in more places than Diff allows (a long judgment
// whose footnotes an extraction places after their paragraphs), Diff's on
// the stretches between the words found once in each text and in the same
// order in both (patience diff's anchors), cut again by their own anchors
// up to a few levels. It reports false only when a stretch without anchors
// is still too different.
func Anchored(a, b []string) ([]Hunk, bool) { return anchored(a, b, 0) }
