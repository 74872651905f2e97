package ingest

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckDeclaredSizes(t *testing.T) {
	tests := []struct {
		name, pdf, want string // want: a phrase of the error; "" for none
	}{
		{"plain table", "xref\n0 3\n0000000000 65535 f \n0000000015 00000 n \n0000000064 00000 n \ntrailer\n<< /Size 3 >>", ""},
		{"second subsection", "xref\n0 1\n0000000000 65535 f \n7 2\n0000000015 00000 n \n0000000064 00000 n \ntrailer", ""},
		{"table at the limit", "xref\n8388605 2\n0000000015 00000 n \n0000000064 00000 n \ntrailer", ""},
		{"table past the limit", "xref\n8388607 2\n0000000015 00000 n \n0000000064 00000 n \ntrailer", "numera objetos desde 8388607"},
		{"huge subsection after a good one", "xref\n0 1\n0000000000 65535 f \n99999999999 1\n0000000015 00000 n \ntrailer", "desde 99999999999"},
		{"number beyond int64", "xref\n0 99999999999999999999999\n", "más allá de los que un PDF puede tener"},
		{"startxref is not a table", "startxref\n99999999999 5\n%%EOF", ""},
		{"xref stream", "<< /Type /XRef /Size 68 /W [1 4 2] /Index [0 68] >>", ""},
		{"xref stream, no spaces", "<</Type/XRef/Size 68/W[ 1 4 2]/Index[0 10 20 48]>>", ""},
		{"huge /Size", "<</Type/XRef/Size 99999999999/W[1 2 1]>>", "/Size 99999999999"},
		{"huge /Index", "<</Type/XRef/Size 10/Index[0 10 2147483647 3]/W[1 2 1]>>", "/Index [2147483647 3]"},
		{"wide /W", "<</Type/XRef/Size 10/W[1 2000000000 2]>>", "/W [1 2000000000 2]"},
		{"/Columns", "<</DecodeParms<</Predictor 12/Columns 5>>>>", ""},
		{"huge /Columns", "<</DecodeParms<</Predictor 12/Columns 4294967296>>>>", "/Columns 4294967296"},
		{"a function's /Size array", "<</FunctionType 0/Size [256 256]/BitsPerSample 8>>", ""},
		{"a CID font's /W widths", "5 0 obj\n<</Type/Font/Subtype/CIDFontType2/W [0 [600.09766] 3 [ 600 666 666 ]]>>\nendobj", ""},
		{"a classic trailer's /Size (the library only cuts its table to it)", "trailer\n<< /Size 99999999999 /Root 1 0 R >>", ""},
		{"names written with #hh escapes", "<</Type/X#52ef/S#69ze 99999999999/W[1 2 1]>>", "/Size 99999999999"},
		{"a # in a string is no escape", "<</Type/XRef/Size 10/W[1 2 1]>> (#52#53)", ""},
		{"xref stream, /W before /Type", "7 0 obj\n<</W[1 2000000000 2]/Size 10/Type/XRef/Length 9>>\nstream\n", "/W [1 2000000000 2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkDeclaredSizes([]byte(tt.pdf))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// TestCheckDeclaredSizesReal holds the check to every PDF of the module
// but the broken ones of testdata/bad: real UN files, the sample, the
// scans and the same texts printed by Chromium, Pango, groff and others
// (ingest/audit/testdata/producers): none is refused.
func TestCheckDeclaredSizesReal(t *testing.T) {
	var files []string
	filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".pdf") && !strings.Contains(path, filepath.Join("testdata", "bad")) {
			files = append(files, path)
		}
		return nil
	})
	if len(files) < 15 {
		t.Fatalf("found %d PDFs: %v", len(files), files)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkDeclaredSizes(data); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
