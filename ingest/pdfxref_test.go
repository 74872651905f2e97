package ingest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relatoria/relatoria/internal/testpdf"
)

// withTrailerSize returns pdf with its trailer's /Size written as size, as
// pdfunite writes it: smaller than the table it follows.
func withTrailerSize(t *testing.T, pdf []byte, size string) []byte {
	t.Helper()
	re := regexp.MustCompile(`/Size [0-9]+`)
	if !re.Match(pdf) {
		t.Fatal("the test PDF has no /Size")
	}
	return re.ReplaceAll(pdf, []byte("/Size "+size))
}

func TestXrefTableSize(t *testing.T) {
	for _, tc := range []struct {
		table string
		want  int
	}{
		{"\n0 36\n0000000000 65535 f \n", 36},
		{"\n0 1\n0000000000 65535 f \n3 2\n0000000010 00000 n \n0000000020 00000 n \n", 5},
		{"\r\n0 6\r\n", 6},
		{"\n", 0},
		{"\n0 99999999999\n", 0}, // past any real table: not believed
	} {
		if got := xrefTableSize([]byte(tc.table)); got != tc.want {
			t.Errorf("xrefTableSize(%q) = %d, want %d", tc.table, got, tc.want)
		}
	}
}

// TestTrailerSizeFixed: a PDF whose trailer declares fewer objects than
// its cross-reference table lists (every file poppler's pdfunite writes)
// is read whole; the library alone refused it ("no page tree").
func TestTrailerSizeFixed(t *testing.T) {
	good := testpdf.Write("Resolución 51/34", []string{"1. Reafirma el derecho de todos los pueblos a la libre determinación."})
	short := withTrailerSize(t, good, "1") // the catalog is past /Size, as in what pdfunite writes

	fixed := trailerSizeFixed(short)
	if !bytes.Contains(fixed, []byte("/Size 6 ")) {
		t.Errorf("trailer not fixed: %q", fixed[bytes.LastIndex(fixed, []byte("trailer")):])
	}
	if len(fixed) != len(short) {
		t.Errorf("fixed length %d, want %d (one digit for one digit)", len(fixed), len(short))
	}
	if got := trailerSizeFixed(good); !bytes.Equal(got, good) {
		t.Error("a PDF whose /Size is right was changed")
	}
	if got := withTrailerSize(t, good, "60"); !bytes.Equal(trailerSizeFixed(got), got) {
		t.Error("a /Size larger than the table was changed")
	}
	text, _, err := readPDFTest(t, short)
	if err != nil {
		t.Fatalf("short /Size: %v", err)
	}
	if !strings.Contains(text, "libre determinación") {
		t.Errorf("short /Size: text lost:\n%s", text)
	}
}

// TestPDFUnite reads what poppler's pdfunite writes when it joins two
// PDFs: both documents' text, in order.
func TestPDFUnite(t *testing.T) {
	unite, err := exec.LookPath("pdfunite")
	if err != nil {
		t.Skip("pdfunite (poppler-utils) is not installed")
	}
	dir := t.TempDir()
	a := filepath.Join(dir, "a.pdf")
	b := filepath.Join(dir, "b.pdf")
	out := filepath.Join(dir, "ab.pdf")
	if err := os.WriteFile(a, testpdf.Write("Primera parte", []string{"Párrafo de la primera parte sobre la niñez."}), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, testpdf.Write("Segunda parte", []string{"Párrafo de la segunda parte sobre la tortura."}), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg, err := exec.Command(unite, a, b, out).CombinedOutput(); err != nil {
		t.Fatalf("pdfunite: %v: %s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text, _, err := readPDFTest(t, data)
	if err != nil {
		t.Fatalf("pdfunite output: %v", err)
	}
	first, second := strings.Index(text, "niñez"), strings.Index(text, "tortura")
	if first < 0 || second < first {
		t.Errorf("pdfunite output: want both parts in order, got:\n%s", text)
	}
}

func FuzzTrailerSizeFixed(f *testing.F) {
	good := testpdf.Write("T", []string{"Texto."})
	f.Add(good)
	f.Add(bytes.Replace(good, []byte("/Size 6"), []byte("/Size 2"), 1))
	f.Add([]byte("xref\n0 9\ntrailer\n<< /Size 1 >>\nstartxref\n0\n%%EOF"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fixed := trailerSizeFixed(data)
		if bytes.Equal(fixed, data) {
			return
		}
		// Only the /Size digits may change.
		if len(fixed) < len(data) || len(fixed) > len(data)+12 {
			t.Fatalf("length %d → %d", len(data), len(fixed))
		}
	})
}
