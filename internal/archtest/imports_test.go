package archtest

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/relatoria/relatoria"

// guarded are the standard library packages a package may import only
// when its row lists them beside the other modules: the web is served
// from web and cmd/relatoria only.
var guarded = []string{"net/http"}

// rule is one row of the table in docs/architecture.md.
type rule struct {
	relatoria []string // relatoria packages, relative to the module
	modules   []string // module path prefixes of other modules
}

// moduleRoot is the directory of go.mod, two levels above this package.
func moduleRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return root
}

// readRules parses the table between the archtest markers.
func readRules(t *testing.T, path string) map[string]rule {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rules := map[string]rule{}
	inside := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "<!-- archtest:begin -->":
			inside = true
			continue
		case line == "<!-- archtest:end -->":
			inside = false
			continue
		}
		if !inside || !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) != 3 {
			t.Fatalf("%s: a row of the table needs 3 cells: %q", path, line)
		}
		name := strings.TrimSpace(cells[0])
		if name == "package" || strings.HasPrefix(name, "---") {
			continue
		}
		rules[name] = rule{relatoria: list(cells[1]), modules: list(cells[2])}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatalf("%s: no table between the archtest markers", path)
	}
	return rules
}

func list(cell string) []string {
	var out []string
	for _, s := range strings.Split(cell, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// TestImports fails when an import breaks docs/architecture.md: a package
// missing from its table, a relatoria import its row does not list, a
// module outside its row's list, or a guarded package of the standard
// library (net/http) its row does not list. Test files are not checked.
func TestImports(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command on PATH")
	}
	root := moduleRoot(t)
	rules := readRules(t, filepath.Join(root, "docs", "architecture.md"))

	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := strings.TrimPrefix(strings.TrimPrefix(fields[0], module), "/")
		seen[pkg] = true
		r, ok := rules[pkg]
		if !ok {
			t.Errorf("package %s is not in docs/architecture.md's table: add its row", pkg)
			continue
		}
		for _, imp := range fields[1:] {
			switch {
			case strings.HasPrefix(imp, module+"/"):
				if dep := strings.TrimPrefix(imp, module+"/"); !slices.Contains(r.relatoria, dep) {
					t.Errorf("%s imports %s, which docs/architecture.md does not allow", pkg, dep)
				}
			case slices.Contains(guarded, imp):
				if !slices.Contains(r.modules, imp) {
					t.Errorf("%s imports %s, which docs/architecture.md does not allow it", pkg, imp)
				}
			case strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
				if !slices.ContainsFunc(r.modules, func(m string) bool { return imp == m || strings.HasPrefix(imp, m+"/") }) {
					t.Errorf("%s imports %s, a module docs/architecture.md does not allow it", pkg, imp)
				}
			}
		}
	}
	for pkg := range rules {
		if !seen[pkg] {
			t.Errorf("docs/architecture.md lists %s, which is not a package of the module", pkg)
		}
	}
}
