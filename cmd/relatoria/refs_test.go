package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestReferenceFormsCLI reads the forms of reference people write from
// relatoria show and relatoria query, on a resolution with annexes, a
// compilation whose reports number from 1 and two judgments of the
// Inter-American Court (search/testdata/refs; the same forms are read from
// the API and the page in package search).
func TestReferenceFormsCLI(t *testing.T) {
	if raceDetector {
		t.Skip("the judgments' PDFs outlast ingest's deadline with the race detector (see raceDetector)")
	}
	idx := filepath.Join(t.TempDir(), "idx")
	vars := map[string]string{"RELATORIA_INDEX": idx}
	files := []string{
		"../../ingest/testdata/docs/S_RES_2776__2025_.en.pdf",
		"../../search/testdata/cladem/2001-01-05-Comite_para_la_Eliminacion_de_la_Discriminacion_contra_la_Mujer_Conclusiones_y_recomendaciones_para_Argentina.md",
		"../../search/testdata/refs/corteidh_1988_velasquezrodriguez_sentencia.pdf",
		"../../search/testdata/refs/corteidh_2021_corderobernal_sentencia.pdf",
	}
	if code, _, errs := runCLI(t, vars, append([]string{"ingest"}, files...)...); code != 0 {
		t.Fatalf("ingest: exit %d\n%s", code, errs)
	}
	for _, tt := range []struct{ form, ref string }{
		{"2776 (2025) §7", "S/RES/2776 (2025) §7"},
		{"S/RES/2776 §7", "S/RES/2776 (2025) §7"},
		{"resolución 2776 (2025), párrafo 7", "S/RES/2776 (2025) §7"},
		{"S/RES/2776 (2025), Anexo A §7", "S/RES/2776 (2025), Anexo A §7"},
		{"Caso Velásquez Rodríguez Vs. Honduras, párr. 166", "Caso Velásquez Rodríguez Vs. Honduras (1988-07-29) §166"},
		{"Serie C No. 4, párr. 166", "Caso Velásquez Rodríguez Vs. Honduras (1988-07-29) §166"},
		{"Corte IDH. Caso Velásquez Rodríguez Vs. Honduras. Fondo. Sentencia de 29 de julio de 1988. Serie C No. 4, párr. 166", "Caso Velásquez Rodríguez Vs. Honduras (1988-07-29) §166"},
		{"Caso Cordero Bernal Vs. Perú, párr. 72", "Caso Cordero Bernal Vs. Perú (2021-02-16) §72"},
	} {
		code, out, errs := runCLI(t, vars, "show", "-json", tt.form)
		var hit struct{ Ref string }
		if json.Unmarshal([]byte(out), &hit); code != 0 || hit.Ref != tt.ref {
			t.Errorf("show %q: exit %d, ref %q, want %q\n%s", tt.form, code, hit.Ref, tt.ref, errs)
			continue
		}
		// The ref it prints is accepted back, by show and query.
		if code, out, _ := runCLI(t, vars, "show", "-json", hit.Ref); code != 0 || !strings.Contains(out, `"ref": "`+tt.ref+`"`) {
			t.Errorf("show %q (its own ref): exit %d", hit.Ref, code)
		}
		code, out, _ = runCLI(t, vars, "query", "-json", tt.form)
		var res struct{ Hits []struct{ Ref string } }
		if json.Unmarshal([]byte(out), &res); code != 0 || len(res.Hits) == 0 || res.Hits[0].Ref != tt.ref {
			t.Errorf("query %q: exit %d, %+v, want %q first", tt.form, code, res.Hits, tt.ref)
		}
	}
	// cita: by every form of what is cited.
	var totals []int
	for _, q := range []string{`cita:"S/RES/2713 (2023)"`, "cita:S/RES/2713", `cita:"2713 (2023)"`, "cita:2713"} {
		code, out, _ := runCLI(t, vars, "query", "-json", q)
		var res struct{ Total int }
		if json.Unmarshal([]byte(out), &res); code != 0 || res.Total == 0 {
			t.Errorf("query %s: exit %d, %d paragraphs", q, code, res.Total)
		}
		totals = append(totals, res.Total)
	}
	for _, n := range totals {
		if n != totals[0] {
			t.Errorf("the cita: forms of S/RES/2713 (2023) find %v paragraphs", totals)
			break
		}
	}
	code, out, _ := runCLI(t, vars, "query", `cita:"Serie C No. 4"`)
	if code != 0 || !strings.Contains(out, "Caso Cordero Bernal Vs. Perú (2021-02-16) §") {
		t.Errorf(`query cita:"Serie C No. 4": exit %d, no numbered paragraph of Cordero Bernal:\n%s`, code, out)
	}
	// Text that names nothing is no reference.
	if code, _, errs := runCLI(t, vars, "show", "hola"); code != 1 || !strings.Contains(errs, "no es una referencia") {
		t.Errorf("show hola: exit %d %q", code, errs)
	}
	// An ambiguous reference lists its candidates.
	code, out, errs := runCLI(t, vars, "show", "Comité para la Eliminación de la Discriminación contra la Mujer: Conclusiones y recomendaciones para Argentina §1")
	if code == 0 || !strings.Contains(out, ", 5º §1") || !strings.Contains(out, ", 6º §1") || !strings.Contains(errs, "ambigua") {
		t.Errorf("show of an ambiguous reference: exit %d\n%s\n%s", code, out, errs)
	}
}
