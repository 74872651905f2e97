package ingest

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTesseractMissingModel checks that Tesseract without the model asked
// for is said in Spanish, with the package to install: Tesseract says so
// on a line of its standard error before its last ("Failed loading
// language 'xyz'" … "Could not initialize tesseract."), which the error's
// text, made of the last line only, never showed.
func TestTesseractMissingModel(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("no tesseract")
	}
	img := image.NewGray(image.Rect(0, 0, 100, 30))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "blank.png")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := tesseract(t.Context(), path, "xyz")
	if err == nil || !strings.Contains(err.Error(), `Tesseract no tiene el modelo "xyz"; instale el paquete de Debian tesseract-ocr-xyz`) {
		t.Errorf("tesseract -l xyz: %v, want the model named", err)
	}
}

// TestToolError checks the text of a failed program's error: its name and
// the last line of what it wrote, else how it ended.
func TestToolError(t *testing.T) {
	for _, tt := range []struct {
		stderr string
		want   string
	}{
		{"Error opening data file\nFailed loading language 'xyz'\nCould not initialize tesseract.\n", "tesseract falló: Could not initialize tesseract."},
		{"", "tesseract falló: exit status 1"},
	} {
		err := &toolError{name: "tesseract", stderr: tt.stderr, err: exitStatus1()}
		if got := err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

// exitStatus1 is the error of a program that exited with status 1.
func exitStatus1() error {
	return exec.Command("sh", "-c", "exit 1").Run()
}
