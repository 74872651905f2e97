package ocr

import "testing"

// FuzzMayHoldAddress checks that addressLike never matches a text that
// mayHoldAddress says cannot hold an address (guardedSpans then does not
// run it).
func FuzzMayHoldAddress(f *testing.F) {
	for _, s := range []string{"véase www.ohchr.org.", "WWW.UN.ORG", "correo: info@cladem.org", "busqueda_supervision", "http://x", "el documento A/HRC/51/34.", "informe.PDF", "archivo.aſp", "Fin. Nada más.", "a=b/c_d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayHoldAddress(s) && addressLike.MatchString(s) {
			t.Errorf("mayHoldAddress(%q) = false, but addressLike matches %q", s, addressLike.FindString(s))
		}
	})
}
