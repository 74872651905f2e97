package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runCLI runs the real command line with the given environment and returns
// its exit status, stdout and stderr.
func runCLI(t *testing.T, vars map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(k string) string { return vars[k] }}
	code := run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestSampleIndexOnFirstQuery(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"HOME": home}
	code, out, errs := runCLI(t, vars, "query", "cooperacion tecnica")
	if code != 0 || !strings.Contains(errs, "corpus de muestra incluido") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	first := strings.SplitN(out, "\n\n", 3)[1]
	if !strings.Contains(first, "A/HRC/RES/51/34") {
		t.Errorf("first hit %q, want 51/34", first)
	}
	// The second run reuses the index silently.
	code, _, errs = runCLI(t, vars, "show", "51/34 §7")
	if code != 0 || strings.Contains(errs, "sample") {
		t.Errorf("show: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(home, ".local/share/relatoria/index/relatoria.json")); err != nil {
		t.Errorf("default index not created: %v", err)
	}
}

func TestIngestQueryShow(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	seed, _ := os.ReadFile("../../corpus/sample/003_458e2a76d7cd54dd.txt")
	os.WriteFile(filepath.Join(docs, "51-34.txt"), seed, 0o644)
	os.WriteFile(filepath.Join(docs, "vacío.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(docs, "roto.pdf"), []byte("%PDF-1.7\ntruncated"), 0o644)
	idx := filepath.Join(dir, "idx")
	vars := map[string]string{"RELATORIA_INDEX": idx}

	code, _, errs := runCLI(t, vars, "ingest", docs)
	if code != 1 {
		t.Errorf("ingest with bad files: exit %d, want 1", code)
	}
	for _, want := range []string{"vacío.txt: archivo vacío", "roto.pdf: PDF truncado", "documentos indexados: 1"} {
		if !strings.Contains(errs, want) {
			t.Errorf("ingest stderr lacks %q:\n%s", want, errs)
		}
	}
	code, out, errs := runCLI(t, vars, "show", "-json", "51/34 7")
	if code != 0 {
		t.Fatalf("show: exit %d %s", code, errs)
	}
	var hit struct {
		Symbol, Kind, Text string
		Number             string
	}
	if err := json.Unmarshal([]byte(out), &hit); err != nil {
		t.Fatal(err)
	}
	if hit.Symbol != "A/HRC/RES/51/34" || hit.Number != "7" || hit.Kind != "operative" || !strings.HasPrefix(hit.Text, "Destaca la importancia") {
		t.Errorf("show 51/34 7 = %+v", hit)
	}
	code, out, _ = runCLI(t, vars, "show", "-json", "A/HRC/RES/51/34")
	var doc struct {
		Symbol, Body, Adopted string
		Paragraphs            []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 0 {
		t.Fatalf("show doc: %v %d", err, code)
	}
	if doc.Body != "Consejo de Derechos Humanos" || doc.Adopted != "2022-10-07" || len(doc.Paragraphs) < 30 {
		t.Errorf("show document = %s %s %d paragraphs", doc.Body, doc.Adopted, len(doc.Paragraphs))
	}
	code, out, _ = runCLI(t, vars, "query", "-json", "-n", "3", "fomento de la capacidad")
	var res struct {
		Total uint64
		Hits  []struct{ ID, Doc, Symbol, Kind, Text, Original string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || res.Total < 10 || len(res.Hits) != 3 {
		t.Errorf("query -json: %v exit %d total %d hits %d", err, code, res.Total, len(res.Hits))
	}
	// Re-ingesting replaces, never duplicates.
	runCLI(t, vars, "ingest", filepath.Join(docs, "51-34.txt"))
	_, out2, _ := runCLI(t, vars, "query", "-json", "-n", "3", "fomento de la capacidad")
	var res2 struct{ Total uint64 }
	json.Unmarshal([]byte(out2), &res2)
	if res2.Total != res.Total {
		t.Errorf("after re-ingest total %d, before %d", res2.Total, res.Total)
	}
}

func TestErrors(t *testing.T) {
	vars := map[string]string{"RELATORIA_INDEX": filepath.Join(t.TempDir(), "none")}
	for _, tt := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"nope"}, 2, "no existe la orden"},
		{[]string{"query"}, 2, "falta la CONSULTA"},
		{[]string{"query", "x"}, 1, "no hay ningún índice en"},
		// Any text may be a document's name: the index tells.
		{[]string{"show", "hola"}, 1, "no hay ningún índice en"},
		{[]string{"extract", "/no/such/file.txt"}, 1, "no existe ese archivo"},
		{[]string{"query", "-bogus", "x"}, 2, "la opción -bogus no existe"},
		// Flags are checked before the index: the same answer with a
		// server running or without.
		{[]string{"query", "-n", "-1", "x"}, 2, "-n -1: escriba cuántos resultados, de 1 a 1000"},
		{[]string{"query", "-n", "0", "x"}, 2, "-n 0: escriba cuántos resultados"},
		{[]string{"query", "-from", "-3", "x"}, 2, "-from -3"},
		{[]string{"query", "-all", "x"}, 2, "-all solo vale con -format csv"},
	} {
		code, _, errs := runCLI(t, vars, tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.msg) {
			t.Errorf("relatoria %v: exit %d %q, want %d %q", tt.args, code, errs, tt.code, tt.msg)
		}
	}
}

func TestHelp(t *testing.T) {
	for _, c := range commands {
		for _, args := range [][]string{{c.name, "-h"}, {"help", c.name}} {
			code, out, errs := runCLI(t, nil, args...)
			if code != 0 || !strings.HasPrefix(out, "Uso: relatoria "+c.name) || errs != "" {
				t.Errorf("%s: exit %d, stdout %.80q, stderr %q; want the usage on stdout", args, code, out, errs)
			}
		}
	}
}

func TestQueryCSV(t *testing.T) {
	vars := map[string]string{"HOME": t.TempDir()}
	code, out, errs := runCLI(t, vars, "query", "-format", "csv", "-all", "derechos")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, js, _ := runCLI(t, vars, "query", "-json", "-n", "1", "derechos")
	var res struct{ Total int }
	json.Unmarshal([]byte(js), &res)
	if !strings.HasPrefix(out, "\uFEFF\"referencia\",") || res.Total < 20 {
		t.Fatalf("csv starts %q; total %d", truncateTest(out, 20), res.Total)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != res.Total+1 {
		t.Errorf("CSV has %d rows (%v), want %d hits + header", len(rows), err, res.Total)
	}
}

func truncateTest(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// TestIncrementalIngest checks that a second run passes over unchanged
// files, replaces a changed one, and with -prune removes the documents of
// deleted files.
func TestIncrementalIngest(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	for _, f := range []string{"000_1d19a80b84d8d935.txt", "002_8e8be2aad0c5172a.txt", "004_3bae5674daa3922c.txt"} {
		data, _ := os.ReadFile("../../corpus/sample/" + f)
		os.WriteFile(filepath.Join(docs, f), data, 0o644)
	}
	vars := map[string]string{"RELATORIA_INDEX": filepath.Join(dir, "idx")}
	total := func(q string) int {
		_, out, _ := runCLI(t, vars, "query", "-json", q)
		var res struct{ Total int }
		json.Unmarshal([]byte(out), &res)
		return res.Total
	}
	if code, _, errs := runCLI(t, vars, "ingest", docs); code != 0 || !strings.Contains(errs, "documentos indexados: 3") {
		t.Fatalf("first ingest: %d %s", code, errs)
	}
	before := total("derechos")
	_, _, errs := runCLI(t, vars, "ingest", docs)
	if !strings.Contains(errs, "documentos indexados: 0") || !strings.Contains(errs, "archivos sin cambios pasados por alto: 3") {
		t.Errorf("second ingest: %s", errs)
	}
	// Same content, new modification time: still unchanged (by hash).
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(docs, "002_8e8be2aad0c5172a.txt"), later, later)
	_, _, errs = runCLI(t, vars, "ingest", docs)
	if !strings.Contains(errs, "sin cambios pasados por alto: 3") {
		t.Errorf("after touch: %s", errs)
	}
	// A changed file replaces its document.
	os.WriteFile(filepath.Join(docs, "004_3bae5674daa3922c.txt"), []byte("Un solo párrafo sobre la zarzamora y los derechos."), 0o644)
	_, _, errs = runCLI(t, vars, "ingest", docs)
	if !strings.Contains(errs, "documentos indexados: 1 (1 párrafo)") || total("zarzamora") != 1 || total("MESECVI") != 0 {
		t.Errorf("after change: %s; zarzamora %d, MESECVI %d", errs, total("zarzamora"), total("MESECVI"))
	}
	// A deleted file is pruned.
	os.Remove(filepath.Join(docs, "000_1d19a80b84d8d935.txt"))
	_, _, errs = runCLI(t, vars, "ingest", "-prune", docs)
	if !strings.Contains(errs, "documentos de archivos borrados quitados: 1") || total("UN80") != 0 {
		t.Errorf("after prune: %s; UN80 %d", errs, total("UN80"))
	}
	if after := total("derechos"); after >= before {
		t.Errorf("derechos: %d paragraphs before, %d after removing a document", before, after)
	}
}

// TestIngestSameDocumentTwice checks that a file whose document has the ID
// of another file's (the same resolution twice) replaces it and says so,
// naming both files.
func TestIngestSameDocumentTwice(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	data, err := os.ReadFile("../../corpus/sample/003_458e2a76d7cd54dd.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(docs, "a.txt"), data, 0o644)
	os.WriteFile(filepath.Join(docs, "b.txt"), data, 0o644)
	vars := map[string]string{"RELATORIA_INDEX": filepath.Join(dir, "idx")}
	code, _, errs := runCLI(t, vars, "ingest", docs)
	if code != 0 || !strings.Contains(errs, "b.txt: el documento A/HRC/RES/51/34 se había leído de") || !strings.Contains(errs, "a.txt; este archivo lo sustituye") {
		t.Errorf("ingest: exit %d, stderr:\n%s", code, errs)
	}
	// Read again, unchanged: nothing said.
	if _, _, errs := runCLI(t, vars, "ingest", docs); strings.Contains(errs, "sustituye") {
		t.Errorf("second ingest: %s", errs)
	}
	// The first file gone: -prune keeps the document, which b.txt holds too;
	// both gone: it goes.
	total := func() int {
		_, out, _ := runCLI(t, vars, "query", "-json", "simbolo:A/HRC/RES/51/34")
		var res struct{ Total int }
		json.Unmarshal([]byte(out), &res)
		return res.Total
	}
	before := total()
	os.Remove(filepath.Join(docs, "a.txt"))
	runCLI(t, vars, "ingest", "-prune", docs)
	if got := total(); got != before || before == 0 {
		t.Errorf("after pruning a.txt: %d paragraphs of 51/34, want %d", got, before)
	}
	os.Remove(filepath.Join(docs, "b.txt"))
	runCLI(t, vars, "ingest", "-prune", docs)
	if got := total(); got != 0 {
		t.Errorf("after pruning both: %d paragraphs of 51/34, want 0", got)
	}
}

// TestIngestCountsSkippedFiles ingests a folder where files of other
// types are mixed with documents, so that the walk counts skipped files
// while the ingest loop reads the count for its progress: under -race it
// checks that the two goroutines share the counter safely.
func TestIngestCountsSkippedFiles(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.MkdirAll(docs, 0o755)
	for i := range 300 {
		os.WriteFile(filepath.Join(docs, fmt.Sprintf("%03d.bin", i)), []byte{0, 1, 2}, 0o644)
		if i%15 == 0 {
			os.WriteFile(filepath.Join(docs, fmt.Sprintf("%03d.txt", i)), []byte(fmt.Sprintf("Párrafo %d sobre los derechos de las personas.", i)), 0o644)
		}
	}
	vars := map[string]string{"RELATORIA_INDEX": filepath.Join(dir, "idx")}
	code, _, errs := runCLI(t, vars, "ingest", docs)
	if code != 0 || !strings.Contains(errs, "documentos indexados: 20") || !strings.Contains(errs, "archivos de otros tipos pasados por alto: 300") {
		t.Errorf("ingest: %d %s", code, errs)
	}
}

// TestUPRParagraphNumbers runs extract -json and show on a Universal
// Periodic Review report whose recommendations are numbered "84.3",
// "84.11" and "85.12": each keeps its number as written and its text.
func TestUPRParagraphNumbers(t *testing.T) {
	upr := "../../ingest/testdata/docs/upr-A_HRC_17_18.txt"
	code, out, errs := runCLI(t, nil, "extract", "-json", upr)
	if code != 0 {
		t.Fatalf("extract: exit %d %s", code, errs)
	}
	var doc struct {
		Symbol     string
		Paragraphs []struct{ Number, Text string }
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	texts := map[string]string{}
	for _, p := range doc.Paragraphs {
		texts[p.Number] = p.Text
	}
	for number, text := range map[string]string{
		"84.3":  "Proseguir los esfuerzos para combatir la violencia",
		"84.11": "Seguir fortaleciendo las políticas de igualdad",
		"85.12": "Despenalizar el aborto en los casos de violación",
		"4.a":   "Considere la creación de una institución nacional",
	} {
		if !strings.HasPrefix(texts[number], text) {
			t.Errorf("extract -json: paragraph %s = %q, want %q…", number, texts[number], text)
		}
	}
	if doc.Symbol != "A/HRC/17/18" {
		t.Errorf("symbol %q, want A/HRC/17/18", doc.Symbol)
	}
	if _, ok := texts["26"]; ok {
		t.Error(`the law number "26.165 de 2006)" became paragraph 26`)
	}

	vars := map[string]string{"RELATORIA_INDEX": filepath.Join(t.TempDir(), "idx")}
	if code, _, errs := runCLI(t, vars, "ingest", "-quiet", upr); code != 0 {
		t.Fatalf("ingest: exit %d %s", code, errs)
	}
	for _, ref := range []string{"A/HRC/17/18 84.3", "A/HRC/17/18 párr. 84.3", "A/HRC/17/18 §84.3"} {
		code, out, errs := runCLI(t, vars, "show", ref)
		if code != 0 || !strings.HasPrefix(out, "A/HRC/17/18 §84.3") || !strings.Contains(out, "Proseguir los esfuerzos") {
			t.Errorf("show %q: exit %d %s\n%s", ref, code, errs, out)
		}
	}
}

// TestExtractCheck runs the fidelity audit from the command line on a
// test document: every word and paragraph number kept.
func TestExtractCheck(t *testing.T) {
	code, out, errs := runCLI(t, nil, "extract", "-check", "../../ingest/testdata/docs/upr-A_HRC_17_18.txt")
	if code != 0 {
		t.Fatalf("extract -check: exit %d %s", code, errs)
	}
	for _, want := range []string{"error:        0.00% por palabra (0 errores)", "16 de 16 números de párrafo conservados", "elementos de página declarados"} {
		if !strings.Contains(out, want) {
			t.Errorf("extract -check output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = runCLI(t, nil, "extract", "-check", "-json", "../../ingest/testdata/docs/upr-A_HRC_17_18.txt")
	var rep struct {
		RefWords    int `json:"ref_words"`
		Errors      int `json:"errors"`
		NumbersKept int `json:"numbers_kept"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 || rep.RefWords < 400 || rep.Errors != 0 || rep.NumbersKept != 16 {
		t.Errorf("extract -check -json: %v exit %d %+v", err, code, rep)
	}
}
