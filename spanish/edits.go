package spanish

// Distance returns the Levenshtein distance between a and b: the fewest
// insertions, deletions and substitutions of one element that turn a into
// b. Over the words of two texts it is the numerator of a word error rate.
func Distance[T comparable](a, b []T) int {
	d, _ := distance(a, b, max(len(a), len(b)))
	return d
}

// WithinEdits reports whether the words a and b are at most n single-rune
// edits apart (Levenshtein distance), giving up as soon as they cannot be.
func WithinEdits(a, b string, n int) bool {
	_, ok := distance([]rune(a), []rune(b), n)
	return ok
}

// distance returns the distance between a and b and true when it is at
// most n, or false as soon as it must be more.
func distance[T comparable](a, b []T, n int) (int, bool) {
	if d := len(a) - len(b); d > n || -d > n {
		return 0, false
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > n {
			return 0, false
		}
		prev, cur = cur, prev
	}
	d := prev[len(b)]
	return d, d <= n
}
