package corpus

import (
	"embed"
	"io/fs"
)

//go:embed sample/*.txt sample/*.html sample/*.pdf
var sampleFS embed.FS

// Sample is the sample corpus bundled in the binary: the five seed
// documents (a Human Rights Council resolution as OCR output, and four
// agency and programme pages), an HTML and a PDF rendering of two of them,
// and three UN resolutions as the UN publishes them (PDF, English): the
// Security Council's 2775 and 2776 (2025), which the README compares, and
// the General Assembly's 78/323. Its files sit at its root, so ingest
// reads it like any folder.
var Sample fs.FS = mustSub(sampleFS, "sample")

func mustSub(f fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(f, dir)
	if err != nil {
		panic(err) // the directory is embedded at build time
	}
	return sub
}
