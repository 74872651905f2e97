package recurrence

import (
	"hash/fnv"

	"github.com/relatoria/relatoria/corpus"
)

// Order says which of two documents came first.
type Order int8

// The values of Order, of a document relative to another.
const (
	// Unknown: neither the dates nor the symbols say.
	Unknown Order = 0
	// Before: it came first.
	Before Order = -1
	// After: the other came first.
	After Order = 1
)

// String returns the order as JSON and the page write it.
func (o Order) String() string {
	switch o {
	case Before:
		return "before"
	case After:
		return "after"
	}
	return "unknown"
}

// MarshalText writes the order as String does.
func (o Order) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// days is a document's adoption as the first and last day it covers
// (days since 1970), which look-ups compare without converting Dates;
// known is false for an undated document.
type days struct {
	first, last int64
	known       bool
}

func daysOf(d corpus.Date) days {
	if d.IsZero() {
		return days{}
	}
	const day = 24 * 60 * 60
	return days{first: d.Time().Unix() / day, last: d.Last().Time().Unix() / day, known: true}
}

// maxSeq is the most numbers of a symbol that place it in its series.
const maxSeq = 4

// place is what the store knows of when a document came: its adoption
// days, and the position its symbol implies in the symbol's series (the
// symbol's numbers, in order, when other symbols of the same shape have
// them: A/HRC/RES/50/9 is (50, 9) of "A/HRC/RES/#/#", S/RES/2776 (2025)
// is (2776, 2025) of "S/RES/# (#)", CEDAW/C/ARG/CO/7 is (7) of
// "CEDAW/C/ARG/CO/#").
type place struct {
	days   days
	series uint64 // FNV-1a of the symbol's shape; 0 without one
	seq    [maxSeq]int32
	n      uint8 // numbers in seq
}

// placeOf returns where a document adopted on adopted, with symbol sym,
// comes.
func placeOf(adopted corpus.Date, sym corpus.Symbol) place {
	p := place{days: daysOf(adopted)}
	if !sym.IsFull() {
		return p // a bare number ("51/34") does not say its series
	}
	h := fnv.New64a()
	s := sym.String()
	for i := 0; i < len(s); {
		if c := s[i]; c < '0' || c > '9' {
			h.Write([]byte{c})
			i++
			continue
		}
		var v int64
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			v = v*10 + int64(s[i]-'0')
			if v > 1<<30 {
				return place{days: p.days} // not a sequence number
			}
		}
		if p.n == maxSeq {
			return place{days: p.days}
		}
		p.seq[p.n] = int32(v)
		p.n++
		h.Write([]byte{'#'})
	}
	if p.n > 0 {
		p.series = h.Sum64() | 1
	}
	return p
}

// placed reports whether anything says when the document came.
func (p *place) placed() bool { return p.days.known || p.series != 0 }

// order returns whether a came before or after b: by their dates when both
// are known and do not overlap (a year covers its days), else by their
// symbols when both are of one series (its numbers compared in order);
// else Unknown.
func order(a, b *place) Order {
	if a.days.known && b.days.known {
		if a.days.last < b.days.first {
			return Before
		}
		if b.days.last < a.days.first {
			return After
		}
	}
	if a.series == 0 || a.series != b.series || a.n != b.n {
		return Unknown
	}
	for i := range a.n {
		switch {
		case a.seq[i] < b.seq[i]:
			return Before
		case a.seq[i] > b.seq[i]:
			return After
		}
	}
	return Unknown
}

// Compare returns the order of a document adopted on adoptedA with symbol
// symA relative to one adopted on adoptedB with symB: Before when the
// first came before the second, by the best evidence there is (the dates,
// then the symbols' numbers), Unknown when nothing says.
func Compare(adoptedA corpus.Date, symA corpus.Symbol, adoptedB corpus.Date, symB corpus.Symbol) Order {
	a, b := placeOf(adoptedA, symA), placeOf(adoptedB, symB)
	return order(&a, &b)
}
