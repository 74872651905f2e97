package recurrence

import (
	"cmp"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/relatoria/relatoria/lineage"
)

// maxCandidates bounds the paragraphs of the table one look-up considers
// (at query time the earliest first): a formula recurring in ten thousand
// documents costs as much as one in a thousand.
const maxCandidates = 1000

// waveSizes is how many more candidates each wave of find compares for an
// item whose own flag is still open; after the last, all.
var waveSizes = []int{1, 4}

// gain is a paragraph of the table whose flag an item raises.
type gain struct {
	ref  uint32
	flag flag
}

// candidate is a paragraph of the table whose word pairs must be read and
// compared with an item's.
type candidate struct {
	ref     uint32
	ord     Order // of the candidate's document, relative to the item's
	flag    flag  // the candidate's flag when looked up
	pairsAt pairsAt
	fp      uint64
	sig     lineage.Signature
	matches int  // values of its signature equal to the item's
	theirs  bool // comparing it may raise the candidate's flag
}

// found is what a look-up found for an item: its own flag so far, the
// candidates to read, and the flags it raises by fingerprint alone.
type found struct {
	flag  flag
	reads []candidate
	gains []gain
}

// find works out, for each item, its flag: yes when it recurs in a
// paragraph of a document that came before its own (one of the other
// items that local indexes, or one of the table, except those of the
// documents in skip and of the item's own), else unknown when its own
// document cannot be placed or it recurs in one whose order is not known,
// else no. With later, it also returns the paragraphs of the table whose
// flag an item raises: to yes when the item's document came first, to
// unknown (from no) when their order is not known.
//
// Only comparisons that can change a flag are made: with a paragraph of
// an earlier document while the item's own flag is not yet yes, with one
// of a document of unknown order while it is still no, and with one of
// a later document while that one's flag is not yet yes. The work is
// spread over the cores, item by item, then, for the paragraphs of the
// table whose word pairs must be read, candidate by candidate. The
// caller holds the change lock; find takes the table's read lock.
func (s *Store) find(items []*item, local keyIndex, skip map[string]bool, later bool) ([]flag, []gain, error) {
	flags := make([]flag, len(items))
	founds := make([]found, len(items))
	s.tmu.RLock()
	skipDocs := map[int32]bool{}
	for id := range skip {
		if d, ok := s.t.docOf[id]; ok {
			skipDocs[d] = true
		}
	}
	err := parallel(len(items), "lineage: look up paragraphs", func(i int) error {
		founds[i] = s.candidatesOf(i, items, local, skipDocs, later)
		return nil
	})
	s.tmu.RUnlock()
	if err != nil {
		return nil, nil, err
	}
	// The table's paragraphs to read, each once, with the items to
	// compare it with, in waves: in the first, every candidate whose
	// own flag an item may raise; then, for the items whose own flag is
	// still open, the candidates of earlier documents, most alike by
	// signature first, a few more in each wave (one earlier recurrence
	// decides it: a paragraph that recurs in hundreds of documents is
	// mostly settled by its first candidate instead of hundreds of
	// comparisons), then those of documents of unknown order.
	var gains []gain
	mine := make([][]candidate, len(items))
	nBefore := make([]int, len(items))
	for i := range items {
		flags[i] = founds[i].flag
		gains = append(gains, founds[i].gains...)
		var before, unknown []candidate
		for _, c := range founds[i].reads {
			switch {
			case c.theirs:
			case c.ord == Before:
				before = append(before, c)
			default:
				unknown = append(unknown, c)
			}
		}
		byMatches := func(a, b candidate) int { return cmp.Compare(b.matches, a.matches) }
		slices.SortStableFunc(before, byMatches)
		slices.SortStableFunc(unknown, byMatches)
		mine[i], nBefore[i] = append(before, unknown...), len(before)
	}
	next := make([]int, len(items)) // mine[i][:next[i]] are compared
	for wave := 0; ; wave++ {
		need := map[uint32]*tableRead{}
		add := func(c candidate, i int) {
			r := need[c.ref]
			if r == nil {
				r = &tableRead{candidate: c}
				need[c.ref] = r
			}
			r.items = append(r.items, readItem{item: int32(i), ord: c.ord, theirs: c.theirs})
		}
		for i := range items {
			if wave == 0 {
				for _, c := range founds[i].reads {
					if c.theirs {
						add(c, i)
					}
				}
			}
			n := len(mine[i]) // the last wave takes every one left
			if wave < len(waveSizes) {
				n = min(n, next[i]+waveSizes[wave])
			}
			for ; next[i] < n; next[i]++ {
				if settled(flags[i], next[i], nBefore[i]) {
					next[i] = len(mine[i])
					break
				}
				add(mine[i][next[i]], i)
			}
		}
		if len(need) == 0 {
			break
		}
		g, err := s.compareReads(items, need, flags)
		if err != nil {
			return nil, nil, err
		}
		gains = append(gains, g...)
	}
	return flags, gains, nil
}

// settled reports whether an item's own flag f can no longer change by
// comparing its candidate at position next of its list, whose first
// nBefore are of earlier documents.
func settled(f flag, next, nBefore int) bool {
	return f == flagYes || f == flagUnknown && next >= nBefore
}

// readItem is an item to compare a candidate with: its position in
// find's items, the candidate's order relative to it, and whether the
// candidate's flag may rise.
type readItem struct {
	item   int32
	ord    Order
	theirs bool
}

// tableRead is a candidate and the items to compare it with.
type tableRead struct {
	candidate
	items []readItem
}

// compareReads reads the word pairs of the table's paragraphs in need
// (from the cache or the pair file) and compares each with its items: an
// item that recurs in an earlier one gets yes, in one of unknown order
// unknown (from no); the flags of the table's paragraphs the items raise
// are returned.
func (s *Store) compareReads(items []*item, need map[uint32]*tableRead, flags []flag) ([]gain, error) {
	reads := make([]*tableRead, 0, len(need))
	for _, r := range need {
		reads = append(reads, r)
	}
	slices.SortFunc(reads, func(a, b *tableRead) int { return cmp.Compare(a.ref, b.ref) })
	var mu sync.Mutex
	var gains []gain
	const chunk = 500
	err := parallel((len(reads)+chunk-1)/chunk, "lineage: compare paragraphs", func(c int) error {
		part := reads[c*chunk : min((c+1)*chunk, len(reads))]
		type raise struct {
			item int32
			flag flag
		}
		var own []raise
		var theirs []gain
		for _, r := range part {
			pairs, err := s.pairsOf(r.ref, r.pairsAt)
			if err != nil {
				return err
			}
			other := item{doc: "\x00table", pairs: pairs, fp: r.fp, sig: r.sig}
			for _, ri := range r.items {
				if _, ok := compare(items[ri.item], &other); !ok {
					continue
				}
				switch ri.ord {
				case Before:
					own = append(own, raise{ri.item, flagYes})
				case Unknown:
					own = append(own, raise{ri.item, flagUnknown})
					if ri.theirs && r.flag == flagNo {
						theirs = append(theirs, gain{r.ref, flagUnknown})
					}
				case After:
					if ri.theirs {
						theirs = append(theirs, gain{r.ref, flagYes})
					}
				}
			}
		}
		mu.Lock()
		defer mu.Unlock()
		for _, o := range own {
			if items[o.item].place.placed() {
				flags[o.item] = max(flags[o.item], o.flag)
			}
		}
		gains = append(gains, theirs...)
		return nil
	})
	return gains, err
}

// pairsOf returns the word pairs of the table's paragraph ref, from the
// cache or the pair file.
func (s *Store) pairsOf(ref uint32, at pairsAt) ([]uint32, error) {
	if p, ok := s.cache.get(ref); ok {
		return p, nil
	}
	p, err := s.file.read(at)
	if err != nil {
		return nil, err
	}
	s.cache.put(ref, p)
	return p, nil
}

// candidatesOf compares items[i] with the other items that share a key
// with it (by local, which may be empty) and with the paragraphs of the
// table whose fingerprint is its own, leaving out those of the table's
// documents in skip; it returns its own flag so far, the flags it raises
// by fingerprint, and the other candidates of the table that could
// change a flag (those whose own flag it may raise only with later). At
// most maxCandidates others of each are looked at: a formula that
// recurs in every document costs no more than one in a thousand (its
// flag is then decided by the first thousand). The caller holds the
// table's read lock.
func (s *Store) candidatesOf(i int, items []*item, local keyIndex, skip map[int32]bool, later bool) found {
	it := items[i]
	t := &s.t
	placed := it.place.placed()
	out := found{flag: ownFlag(&it.place)}
	if !placed && (!later || t.noFlags == 0) {
		// Its own flag is unknown whatever it meets, and no flag of the
		// table can be raised by it (only a no can, to unknown).
		return out
	}
	sc := scratchPool.Get().(*lookupScratch)
	defer sc.put()
	sc.begin(len(t.paras))
	own := int32(-1) // the item's own document in the table, if there
	if d, ok := t.docOf[it.doc]; ok {
		own = d
	}
	// Once the item is known to recur, only later paragraphs can change a
	// flag: when every document of the table came before it, the look-up
	// is over.
	done := func() bool { return out.flag == flagYes && (!later || t.allBefore(&it.place)) }
	for _, k := range it.keys {
		if done() {
			break
		}
		if placed {
			for _, e := range local.find(k) {
				j := uint32(e)
				if _, ok := sc.seen[j]; ok || int(j) == i || len(sc.seen) >= maxCandidates {
					continue
				}
				sc.seen[j] = struct{}{}
				o := items[j]
				// Another item of this call can only decide this one's
				// own flag (the other's is its own look-up's business).
				switch order(&o.place, &it.place) {
				case Before:
					if out.flag != flagYes {
						if _, ok := compare(it, o); ok {
							out.flag = flagYes
						}
					}
				case Unknown:
					if out.flag == flagNo {
						if _, ok := compare(it, o); ok {
							out.flag = flagUnknown
						}
					}
				}
			}
		}
		t.lookup(k, func(ref uint32) bool {
			if sc.refs >= maxCandidates || done() {
				return false
			}
			if !sc.firstSight(ref) {
				return true
			}
			p := &t.paras[ref]
			if p.doc == own || skip[p.doc] {
				return true
			}
			ord := order(&t.docs[p.doc].place, &it.place)
			var mineToo, theirs bool
			switch ord {
			case Before:
				mineToo = out.flag != flagYes
			case Unknown:
				mineToo = out.flag == flagNo && placed
				theirs = later && p.flag == flagNo
			case After:
				theirs = later && p.flag != flagYes
			}
			if !mineToo && !theirs {
				return true // no flag can change
			}
			if p.fp == it.fp {
				switch ord {
				case Before:
					out.flag = flagYes
				case Unknown:
					if mineToo {
						out.flag = flagUnknown
					}
					if theirs {
						out.gains = append(out.gains, gain{ref, flagUnknown})
					}
				case After:
					out.gains = append(out.gains, gain{ref, flagYes})
				}
				return true
			}
			if it.pairs == nil || p.exact() {
				return true // compared exactly, and not the same words
			}
			if lineage.MaxJaccard(len(it.pairs), p.pairs.count()) < lineage.Threshold {
				return true // too many more or fewer word pairs to be similar enough
			}
			m := lineage.Matches(it.sig, p.sig)
			if !lineage.PlausibleMatches(m) {
				return true // not similar enough to be worth reading
			}
			out.reads = append(out.reads, candidate{ref: ref, ord: ord, flag: p.flag, pairsAt: p.pairs, fp: p.fp, sig: p.sig, matches: m, theirs: theirs})
			return true
		})
	}
	return out
}

// lookupScratch is the sets candidatesOf keeps of what it has seen,
// reused from item to item (making two maps an item had been a tenth of
// lineage's cost).
type lookupScratch struct {
	seen map[uint32]struct{} // positions in items
	// The table's paragraphs seen for the current item are those whose
	// stamp is gen, refs of them (an array indexed by reference: a map
	// of them had cost a hash and an insertion for each of up to
	// maxCandidates paragraphs an item).
	stamp []uint32
	gen   uint32
	refs  int
}

var scratchPool = sync.Pool{New: func() any {
	return &lookupScratch{seen: map[uint32]struct{}{}}
}}

// begin starts the look-up of an item in a table of n paragraphs.
func (sc *lookupScratch) begin(n int) {
	if len(sc.stamp) < n {
		sc.stamp = make([]uint32, n+n/4) // room to grow with the table
		sc.gen = 0
	}
	sc.gen++
	if sc.gen == 0 { // wrapped around: stamps of old items would match
		clear(sc.stamp)
		sc.gen = 1
	}
	sc.refs = 0
}

// firstSight reports whether the item has not seen ref before, and marks
// it seen.
func (sc *lookupScratch) firstSight(ref uint32) bool {
	if sc.stamp[ref] == sc.gen {
		return false
	}
	sc.stamp[ref] = sc.gen
	sc.refs++
	return true
}

// put empties sc and returns it to the pool.
func (sc *lookupScratch) put() {
	clear(sc.seen)
	scratchPool.Put(sc)
}

// PanicError is a panic recovered in the work of a Store, with what was
// being done.
type PanicError struct {
	What  string
	Value any
}

func (e *PanicError) Error() string { return fmt.Sprintf("%s: panic: %v", e.What, e.Value) }

// parallel calls f(0), …, f(n-1) on as many goroutines as there are
// cores and returns the first error they returned; a panic of f is
// recovered into a *PanicError naming what.
func parallel(n int, what string, f func(i int) error) error {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs <- func() (err error) {
					defer func() {
						if v := recover(); v != nil {
							err = &PanicError{What: what, Value: v}
						}
					}()
					return f(i)
				}()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
