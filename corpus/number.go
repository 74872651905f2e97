package corpus

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Number is a paragraph number as the document prints it, without the
// point that closes it: "7", "84.3" (recommendation 3 of paragraph 84 of a
// Universal Periodic Review report), "102.157", "2.1", "4.a" (item a of
// paragraph 4), "IV.B.3". It is a label, not an integer: "84.3" is not
// paragraph 84, and "84.30" is not "84.3". The zero Number is empty: the
// paragraph is not numbered.
//
// Components are separated by points. A component is a number of up to
// four digits (leading zeros dropped), a lower-case letter, or, first, a
// Roman numeral in capitals; later components may be capital letters
// ("IV.B.3").
type Number string

// NumberOf returns the Number of an integer paragraph number: 7 → "7". It
// returns "" for n ≤ 0.
func NumberOf(n int) Number {
	if n <= 0 {
		return ""
	}
	return Number(strconv.Itoa(n))
}

// ParseNumber parses s as a paragraph number as written or cited: "7",
// "7.", "84.3", "84.3.", "4.a.", "4 a)", "4(a)", "IV.B.3", "§ 12". It
// reports false for anything else: an empty string, "0", a word, a number
// of more than four digits, "26.165.2006" (more than four components).
func ParseNumber(s string) (Number, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "§")
	s = strings.TrimSpace(s)
	// "4 a)", "4(a)", "4.a)" cite item a of paragraph 4.
	if i := strings.IndexAny(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		item := strings.Trim(s[i:], " ()")
		s = strings.TrimRight(s[:i], ".") + "." + item
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, ")"), ".")
	if s == "" {
		return "", false
	}
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return "", false
	}
	for i, p := range parts {
		switch {
		case p == "":
			return "", false
		case isDigits(p):
			n, _ := strconv.Atoi(p)
			if len(p) > 4 || n == 0 && i == 0 {
				return "", false
			}
			parts[i] = strconv.Itoa(n)
		case len(p) == 1 && p[0] >= 'a' && p[0] <= 'z' && i > 0:
		case len(p) == 1 && p[0] >= 'A' && p[0] <= 'Z' && i > 0:
		case i == 0 && romanValue(p) > 0 && len(parts) > 1:
			// "IV.B.3"; a lone "IV" is a word as often as a number.
		default:
			return "", false
		}
	}
	return Number(strings.Join(parts, ".")), true
}

// MustParseNumber is ParseNumber for numbers known to be valid, as in
// tests and tables; it panics on error.
func MustParseNumber(s string) Number {
	n, ok := ParseNumber(s)
	if !ok {
		panic(fmt.Sprintf("corpus: %q is not a paragraph number", s))
	}
	return n
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// romanValue returns the value of a Roman numeral in capitals up to
// XXXIX (a section number), 0 for anything else.
func romanValue(s string) int {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10}
	total := 0
	for i := 0; i < len(s); i++ {
		v, ok := vals[s[i]]
		if !ok {
			return 0
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	if total <= 0 || total > 39 || len(s) > 6 {
		return 0
	}
	return total
}

// String returns the number as written: "84.3".
func (n Number) String() string { return string(n) }

// IsZero reports whether n is empty: no number.
func (n Number) IsZero() bool { return n == "" }

// Int returns the number of a paragraph numbered by one integer ("7" → 7),
// and 0 for every other number ("84.3", "4.a") and for none.
func (n Number) Int() int {
	if !isDigits(string(n)) {
		return 0
	}
	v, _ := strconv.Atoi(string(n))
	return v
}

// Parent returns the number n is an item of: "84" for "84.3", "4" for
// "4.a", "IV.B" for "IV.B.3"; "" for a number of one component.
func (n Number) Parent() Number {
	if i := strings.LastIndexByte(string(n), '.'); i > 0 {
		return n[:i]
	}
	return ""
}

// Key returns a form of n that sorts as the document orders its
// paragraphs: "84.3" before "84.11" before "85.12", "4" before "4.a"
// before "5", "IV.B.3" after "III.C". Numbers become six digits, Roman
// section numbers their value, letters stay: "84.11" → "000084.000011",
// "IV.B.3" → "000004.b.000003". The empty Number's key is "".
func (n Number) Key() string {
	if n == "" {
		return ""
	}
	parts := strings.Split(string(n), ".")
	for i, p := range parts {
		switch {
		case isDigits(p):
			v, _ := strconv.Atoi(p)
			parts[i] = fmt.Sprintf("%06d", v)
		case i == 0 && romanValue(p) > 0:
			parts[i] = fmt.Sprintf("%06d", romanValue(p))
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, ".")
}

// Less reports whether n comes before m in a document's order (by Key).
func (n Number) Less(m Number) bool { return n.Key() < m.Key() }

// itemMarked reports whether text opens with the mark of item letter:
// "(a) ", "a) ".
func itemMarked(text string, letter byte) bool {
	return strings.HasPrefix(text, "("+string(letter)+")") || strings.HasPrefix(text, string(letter)+")")
}

// UnmarshalJSON accepts a number as a JSON string ("84.3") and, as indexes
// and files written before numbers were labels hold it, as a JSON integer
// (7).
func (n *Number) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] != '"' {
		var v int
		if err := json.Unmarshal(b, &v); err != nil {
			return fmt.Errorf("paragraph number %s: %w", b, err)
		}
		*n = NumberOf(v)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	*n = Number(s)
	return nil
}

// Printed returns the paragraph as the document prints it: its number as
// written, then its text ("7. Destaca…", "84.3 Proseguir…", "4.a.
// Considere…"). The number is written as the source wrote it when Original
// opens with it (with or without a closing point), else with a point; an
// unnumbered paragraph is its Text.
func (p *Paragraph) Printed() string {
	if p.Number == "" {
		return p.Text
	}
	n := p.Number.String()
	if p.Kind == ListItem && p.Number.Parent() != "" && itemMarked(p.Text, n[len(n)-1]) {
		return p.Text // "(a) Member States;": its letter is in its text
	}
	o := strings.TrimLeft(p.Original, " \t*_#>")
	switch {
	case strings.HasPrefix(o, n+".") || strings.HasPrefix(o, n+","):
		// "7. Destaca", OCR's "4, Recalca" (the text repairs it to "4.")
		n += "."
	case strings.HasPrefix(o, n+" ") || strings.HasPrefix(o, n+"\t") || strings.HasPrefix(o, n+"*"):
		// "84.3 Proseguir"
	default:
		n += "."
	}
	return n + " " + p.Text
}
