package spanish

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// latin1 maps the precomposed letters of Latin-1 (U+00C0 to U+00FF) that
// Spanish, Portuguese and French text uses to their base letters, indexed
// by rune - 0xC0; 0 where a letter does not fold (Æ, Ð, Ø, Þ, ß, ×, ÷).
// It is the fast path of every fold: the common case, answered without
// the Unicode decomposition machinery. An array, not a map: over the words
// of the sample corpus Fold takes about 15% less time than with the map
// index.Fold had (interleaved in one process, min 74 µs against 88 µs).
var latin1 = func() (t [0x40]byte) {
	for r, f := range map[rune]byte{
		'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a', 'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
		'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i', 'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
		'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u', 'ñ': 'n', 'ç': 'c', 'ý': 'y', 'ÿ': 'y',
		'Á': 'A', 'À': 'A', 'Â': 'A', 'Ä': 'A', 'Ã': 'A', 'É': 'E', 'È': 'E', 'Ê': 'E', 'Ë': 'E',
		'Í': 'I', 'Ì': 'I', 'Î': 'I', 'Ï': 'I', 'Ó': 'O', 'Ò': 'O', 'Ô': 'O', 'Ö': 'O', 'Õ': 'O',
		'Ú': 'U', 'Ù': 'U', 'Û': 'U', 'Ü': 'U', 'Ñ': 'N', 'Ç': 'C',
	} {
		t[r-0xC0] = f
	}
	return t
}()

// foldLatin1 returns the base letter of r from the latin1 table, or 0.
func foldLatin1(r rune) byte {
	if r >= 0xC0 && r <= 0xFF {
		return latin1[r-0xC0]
	}
	return 0
}

// FoldRune returns the base letter of a precomposed Latin-1 letter of the
// table ("á" → "a", "Ñ" → "N", "ÿ" → "y"), and any other rune as it is:
// "ś", "й" and a combining accent stay. It is the narrow fold of lineage,
// whose word hashes are stored in indexes: use Fold unless a stored form
// depends on it.
func FoldRune(r rune) rune {
	if f := foldLatin1(r); f != 0 {
		return rune(f)
	}
	return r
}

// WordRune returns r as a folded word holds it: lower-cased and folded by
// FoldRune, with ok false when r is neither a letter nor a digit (a
// combining mark, punctuation, a space).
func WordRune(r rune) (folded rune, ok bool) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A', true
		}
		return r, 'a' <= r && r <= 'z' || '0' <= r && r <= '9'
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return r, false
	}
	return FoldRune(unicode.ToLower(r)), true
}

// Fold removes the diacritics from b, keeping its case: "Periódico" →
// "Periodico", "niñas" → "ninas", "Gdańsk" → "Gdansk", "e\u0301" → "e",
// "й" → "и". Letters without a decomposition stay ("ß", "æ", "ø", "ł"). It
// returns b itself when b is ASCII and allocates otherwise; text of
// precomposed Latin-1 letters is folded by table, anything else by Unicode
// decomposition (NFD, combining marks removed, NFC) of the whole of b.
// Invalid UTF-8 comes out as U+FFFD. The index's Spanish terms are folded
// by Fold: changing what it returns changes the index format.
func Fold(b []byte) []byte {
	if isASCII(b) {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
		} else if f := foldLatin1(r); f != 0 {
			out = append(out, f)
		} else {
			return foldSlow(b)
		}
		i += size
	}
	return out
}

// FoldLower returns s lower-cased and folded: Fold of strings.ToLower(s)
// ("Belém" → "belem", "ÑANDÚ" → "nandu").
func FoldLower(s string) string {
	if IsFolded(s) {
		return s // lower-case ASCII, the common case
	}
	return string(AppendFoldLower(nil, s))
}

// AppendFoldLower appends FoldLower(s) to dst.
func AppendFoldLower(dst []byte, s string) []byte {
	from := len(dst)
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		if f := foldLatin1(unicode.ToLower(r)); f != 0 {
			dst = append(dst, f)
			continue
		}
		// A letter the table lacks may decompose ("ś", "ά") or be a
		// combining mark: fold the whole string as Fold does.
		return append(dst[:from], foldSlow([]byte(strings.ToLower(s)))...)
	}
	return dst
}

// FoldSpanishAccents removes only the marks of Spanish spelling: the acute
// accent of á é í ó ú, the diaeresis of ü and the tilde of ñ, in either
// case. Everything else stays, "à", "ç" and "ã" among them. It is the OCR
// repairer's notion of "the same word but for its accents": a grave accent
// read for an acute is damage it must see, not a spelling variant. A
// switch, not a map lookup per rune: three to four times faster than the
// repairer's fold was.
func FoldSpanishAccents(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'á', 'é', 'í', 'ó', 'ú', 'ü', 'ñ', 'Á', 'É', 'Í', 'Ó', 'Ú', 'Ü', 'Ñ':
			return FoldRune(r)
		}
		return r
	}, s)
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// IsFolded reports whether s is lower-case ASCII, which FoldLower returns
// as it is.
func IsFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || 'A' <= s[i] && s[i] <= 'Z' {
			return false
		}
	}
	return true
}

// foldChains are decompose-strip-recompose transformers, kept for reuse:
// making one allocates several kilobytes, and OCR text has many words with
// letters the table does not know.
var foldChains = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

func foldSlow(b []byte) []byte {
	t := foldChains.Get().(transform.Transformer)
	defer foldChains.Put(t)
	out, _, err := transform.Bytes(t, b) // resets t first
	if err != nil {
		return b
	}
	return out
}
