package main

import (
	"strings"
	"testing"
)

// TestQueryRecovery checks that the CLI says, in its text output, that no
// paragraph had every word, which word is nowhere, and what each hit
// lacks; and that -strict is accepted.
func TestQueryRecovery(t *testing.T) {
	vars := map[string]string{"HOME": t.TempDir()}
	code, out, errs := runCLI(t, vars, "query", "cooperación técnica Ginebra")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	for _, want := range []string{
		"Ningún párrafo contiene todas las palabras; se muestran los que contienen 2 de 3 (falta: «Ginebra»)",
		"«Ginebra» no aparece en ningún párrafo del índice",
		"(le falta: «Ginebra»)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("query output lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runCLI(t, vars, "query", "-strict", "cooperación técnica")
	if code != 0 || !strings.Contains(out, "A/HRC/RES/51/34") {
		t.Errorf("query -strict: exit %d, stderr %q, output %q", code, errs, out)
	}
}
