package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/query"
)

// The README's examples run on the bundled sample, as on a fresh clone:
// the default index is built from it on the first query (HOME is a new
// folder). The file names the examples stand for are files of the
// module: placeholders maps them.
var placeholders = map[string]string{
	"~/resoluciones": "", // a copy of the sample, made by the test
	"informe.pdf":    "../../corpus/sample/004_3bae5674daa3922c.pdf",
	"escaneo.txt":    "../../corpus/sample/003_458e2a76d7cd54dd.txt",
	"escaneo.pdf":    "../../ingest/testdata/scans/ecuador-mesecvi.pdf",
}

// shellWords splits a command line as a shell does, for the quoting the
// README uses: '…', "…", and words. A "#" that starts a word starts a
// comment, and "> file" is dropped.
func shellWords(line string) []string {
	var out []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '\'' || c == '"':
			j := strings.IndexByte(line[i+1:], c)
			if j < 0 {
				j = len(line) - i - 1
			}
			cur.WriteString(line[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '#' && !inWord:
			i = len(line)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	for i, w := range out {
		if w == ">" {
			return out[:i]
		}
	}
	return out
}

// TestREADMEExamples runs every relatoria command line of the README's
// quick start and "Using it", and every example of its query-language
// table, on the bundled sample: each must succeed, and each query find
// something (a reference to a report the sample lacks must be read as the
// reference it is).
func TestREADMEExamples(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	home := t.TempDir()
	vars := map[string]string{"HOME": home}
	docs := filepath.Join(t.TempDir(), "resoluciones")
	if err := os.CopyFS(docs, corpus.Sample); err != nil {
		t.Fatal(err)
	}
	placeholders["~/resoluciones"] = docs
	end := strings.Index(readme, "### Query language")
	var lines []string
	for _, l := range strings.Split(readme[:end], "\n") {
		l = strings.TrimPrefix(l, "    ")
		if c, ok := strings.CutPrefix(l, "go run ./cmd/relatoria "); ok {
			lines = append(lines, "relatoria "+c)
		} else if strings.HasPrefix(l, "relatoria ") {
			lines = append(lines, l)
		}
	}
	if len(lines) < 15 {
		t.Fatalf("found %d command lines in the README", len(lines))
	}
	first := true
	for _, line := range lines {
		args := shellWords(line)[1:]
		for i, a := range args {
			if p, ok := placeholders[a]; ok {
				args[i] = p
			}
		}
		switch {
		case args[0] == "serve":
			continue // TestServeAndIngest and TestReadWhileServing run it
		case args[0] == "ingest":
			// Into an index of its own: the default one is the sample's.
			args = append([]string{"ingest", "-index", filepath.Join(t.TempDir(), "idx")}, args[1:]...)
		case strings.Contains(strings.Join(args, " "), "scans/"):
			if _, err := exec.LookPath("tesseract"); err != nil {
				t.Logf("%s: skipped, Tesseract is not installed", line)
				continue
			}
		}
		code, out, errs := runCLI(t, vars, args...)
		if code != 0 || strings.TrimSpace(out) == "" && args[0] != "ingest" {
			t.Errorf("README: %s\nexit %d, stderr %q, stdout %.300q", line, code, errs, out)
			continue
		}
		if first && !strings.Contains(errs, "corpus de muestra") {
			t.Errorf("README: %s: the first query did not say it built the sample index: %q", line, errs)
		}
		first = false
		if args[0] == "query" && strings.HasPrefix(out, "ningún párrafo") {
			t.Errorf("README: %s finds nothing on the sample", line)
		}
	}
	// The query-language table: each example in its first column.
	table := readme[end:]
	table = table[:strings.Index(table, "\n\n")+2+strings.Index(table[strings.Index(table, "\n\n")+2:], "\n\n")]
	example := regexp.MustCompile("`([^`]+)`")
	n := 0
	for _, row := range strings.Split(table, "\n") {
		if !strings.HasPrefix(row, "| `") {
			continue
		}
		cell := strings.SplitN(row, " | ", 2)[0]
		for _, m := range example.FindAllStringSubmatch(cell, -1) {
			q := m[1]
			n++
			// "--": a query that opens with "-" is no flag.
			code, out, errs := runCLI(t, vars, "query", "-json", "-n", "1", "--", q)
			var res struct {
				Total uint64
			}
			json.Unmarshal([]byte(out), &res)
			if code == 0 && res.Total > 0 {
				continue
			}
			// A reference to a report the sample lacks: read as one.
			if ref, ok := query.ParseReference(q); ok && ref.Paragraph != "" && strings.Contains(errs, "no está en el índice") {
				continue
			}
			t.Errorf("README query example %q: exit %d, %d paragraphs, stderr %q", q, code, res.Total, errs)
		}
	}
	if n < 30 {
		t.Errorf("found %d examples in the query-language table", n)
	}
}
