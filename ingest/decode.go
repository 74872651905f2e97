package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// utf16Kind reports whether data is UTF-16, by its byte-order mark or, with
// no mark, by the pattern of zero bytes that Latin text leaves in every other
// position. It returns the decoder to use, or nil.
func utf16Kind(data []byte) encoding.Encoding {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM)
	}
	if len(data) < 8 || len(data)%2 != 0 {
		return nil
	}
	n := min(len(data), 4096) &^ 1
	var evenZero, oddZero int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			evenZero++
		}
		if data[i+1] == 0 {
			oddZero++
		}
	}
	half := n / 2
	switch {
	case oddZero > half*8/10 && evenZero < half/10:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM)
	case evenZero > half*8/10 && oddZero < half/10:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM)
	}
	return nil
}

// isBinary reports whether data looks like a binary file rather than text in
// some encoding: NUL bytes (outside UTF-16) or many control characters.
func isBinary(data []byte) bool {
	if utf16Kind(data) != nil {
		return false
	}
	sample := data[:min(len(data), 8192)]
	if bytes.IndexByte(sample, 0) >= 0 {
		return true
	}
	control := 0
	for _, b := range sample {
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b {
			control++
		}
	}
	return control*100 > len(sample) // more than 1%
}

// decode returns data as UTF-8 text. It honours a UTF-8 or UTF-16 byte-order
// mark, detects UTF-16 without one, accepts valid UTF-8, and otherwise reads
// the bytes as Windows-1252 (the superset of Latin-1 that WHATWG maps
// "iso-8859-1" to) when the result is plausible Latin text. Text that is
// neither is an error: "invalid UTF-8 (byte 0x… at offset …)".
func decode(data []byte) (string, error) {
	if enc := utf16Kind(data); enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", fmt.Errorf("UTF-16 no válido: %v", err)
		}
		return string(out), nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	bad := firstInvalid(data)
	if hasMultibyteUTF8(data) {
		// Real UTF-8 with corrupt bytes in it: not a legacy encoding.
		return "", fmt.Errorf("UTF-8 no válido (byte 0x%02X en la posición %d)", data[bad], bad)
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil || !plausibleLatin(data) {
		return "", fmt.Errorf("UTF-8 no válido (byte 0x%02X en la posición %d) y tampoco es texto Latin-1", data[bad], bad)
	}
	return string(out), nil
}

func firstInvalid(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

func hasMultibyteUTF8(data []byte) bool {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if size > 1 && r != utf8.RuneError {
			return true
		}
		i += max(size, 1)
	}
	return false
}

// plausibleLatin reports whether the high bytes of data, read as
// Windows-1252, are mostly letters and Spanish punctuation (á ñ ¿ º « …),
// as in a Latin-1 document, rather than random bytes.
func plausibleLatin(data []byte) bool {
	dec := charmap.Windows1252.NewDecoder()
	high, good := 0, 0
	for i, b := range data {
		if b < 0x80 {
			continue
		}
		high++
		out, err := dec.Bytes(data[i : i+1])
		if err != nil {
			continue
		}
		r, _ := utf8.DecodeRune(out)
		if unicode.IsLetter(r) || strings.ContainsRune("¿¡ºª«»€–—‘’“”•…°·", r) {
			good++
		}
	}
	return high > 0 && good*10 >= high*9
}
