package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/ingest"
	"github.com/relatoria/relatoria/ingest/audit"
	"github.com/relatoria/relatoria/ingest/ocr"
	"github.com/relatoria/relatoria/search"
)

var extractCommand = &command{
	name:    "extract",
	args:    "[-json] [-check] [-lang spa|eng] ARCHIVO",
	summary: "mostrar el documento estructurado que se lee de un archivo, sin indexarlo",
	usage: `Extract lee un archivo (texto, Markdown, HTML, PDF, o un escaneo: un PDF de
imágenes o una página TIFF, PNG o JPEG, leídos con Tesseract) y escribe lo que
relatoria entiende de él: tipo, signatura, título, órgano, fecha de
aprobación, votación, y cada párrafo con su número y su tipo. Sirve para
revisar un archivo antes de indexarlo.

Ejemplos:

	relatoria extract resolucion.txt
	relatoria extract -json informe.pdf | jq '.paragraphs[] | select(.kind=="operative")'
	relatoria extract -check informe.pdf

-check compara las palabras que lee relatoria (las que escribe "relatoria
normalize") con una referencia independiente: el propio archivo si es texto,
su texto sin marcas si es Markdown o HTML, el de pdftotext (poppler-utils) si
es PDF. Escribe las palabras perdidas y añadidas, las de la referencia que no
están en ninguna parte de lo extraído (aparte de las líneas declaradas
descartadas), las que cambiaron de tilde, la tasa de error por palabra (sin
tildes ni mayúsculas, con los números), las palabras pegadas ("yniñas"), las
partidas, los números de párrafo conservados tal como se escribieron
(contados en la referencia) y las páginas de un PDF leídas de otro modo que
por su capa de texto; con -json, lo mismo en JSON.`,
	run: runExtract,
}

func runExtract(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	asJSON := fs.Bool("json", false, "el documento en JSON")
	noRepair := fs.Bool("no-repair", false, "no reparar los daños del OCR")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxFileSize, "el archivo más grande que se lee, en bytes")
	check := fs.Bool("check", false, "comparar las palabras y los números de párrafo extraídos con una referencia independiente")
	lang := ocrLangFlag(fs)
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("extract lee un ARCHIVO")
	}
	data, err := readFile(pos[0])
	if err != nil {
		return err
	}
	doc, err := ingest.ReadContext(ctx, pos[0], data, ingest.Options{NoRepair: *noRepair, MaxFileSize: *maxSize, OCRLang: *lang, Progress: ocrProgress(e.stderr)})
	if doc == nil {
		return err
	}
	if *check {
		if cerr := runCheck(ctx, e, pos[0], data, doc, *asJSON); cerr != nil {
			return cerr
		}
		return err
	}
	if *asJSON {
		if werr := writeJSON(e.stdout, doc); werr != nil {
			return werr
		}
	} else {
		printDocument(e.stdout, doc)
	}
	return err // pages of a scan that could not be read
}

// ocrLangFlag defines -lang, the OCR language of scanned pages.
func ocrLangFlag(fs *flagSet) *string {
	return fs.String("lang", "", "`modelo` de Tesseract para las páginas escaneadas: spa o eng (por omisión, el idioma del documento)")
}

// ocrProgress returns an ingest.Options.Progress that prints one line per
// scanned page read on w; it may be called from several goroutines.
func ocrProgress(w io.Writer) func(file, msg string) {
	var mu sync.Mutex
	return func(file, msg string) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(w, "relatoria: %s: %s\n", file, msg)
	}
}

// runCheck prints the fidelity audit of doc, read from name.
func runCheck(ctx context.Context, e *env, name string, data []byte, doc *corpus.Document, asJSON bool) error {
	ref, err := audit.Reference(ctx, name, data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	lex, _ := ocr.DefaultLexicon()
	rep := audit.Compare(ref, ingest.Printed(doc), audit.OptionsFor(doc, lex))
	if asJSON {
		return writeJSON(e.stdout, rep)
	}
	w := e.stdout
	fmt.Fprintf(w, "%s\n", name)
	fmt.Fprintf(w, "palabras:     %d en la referencia, %d extraídas\n", rep.RefWords, rep.Words)
	fmt.Fprintf(w, "perdidas:     %d\nañadidas:     %d\n", rep.Lost, rep.Added)
	fmt.Fprintf(w, "ausentes:     %d palabras de la referencia que no están en lo extraído (aparte de %d de líneas declaradas descartadas)%s\n", rep.LostWords, rep.DroppedWords, examples(rep.LostList))
	fmt.Fprintf(w, "tildes:       %d palabras cuya tilde cambió%s\n", rep.Accents, examples(rep.AccentChanges))
	fmt.Fprintf(w, "error:        %.2f%% por palabra (%d errores)\n", 100*rep.WordError(), rep.Errors)
	fmt.Fprintf(w, "no son error: %d palabras de elementos de página declarados, %d números de página, %d reparadas, %d desplazadas, %d mal espaciadas por la referencia\n", rep.Dropped, rep.Furniture, rep.Repaired, rep.Moved, rep.RefSpacing)
	fmt.Fprintf(w, "pegadas:      %d%s\n", len(rep.Glued), examples(rep.Glued))
	fmt.Fprintf(w, "partidas:     %d%s\n", len(rep.Split), examples(rep.Split))
	fmt.Fprintf(w, "números:      %d de %d números de párrafo conservados tal como se escribieron (%.1f%%)%s\n", rep.NumbersKept, rep.Numbers, 100*rep.NumbersRate(), examples(rep.Missing))
	for i, d := range rep.Diffs {
		if i == 10 {
			fmt.Fprintf(w, "  … (-json las lista todas: %d)\n", len(rep.Diffs))
			break
		}
		fmt.Fprintf(w, "  «%s» → «%s»\n", firstWords(d.Reference), firstWords(d.Extracted))
	}
	for _, p := range doc.Pages {
		fmt.Fprintf(w, "página %d:    %s (%s)\n", p.Page, p.How, p.Failed)
	}
	if rep.Approximate {
		fmt.Fprintln(w, "(los textos difieren demasiado para compararlos palabra por palabra: cuentas hechas con las frecuencias de las palabras)")
	}
	return nil
}

// firstWords returns the first twelve words of s.
func firstWords(s string) string {
	f := strings.Fields(s)
	if len(f) > 12 {
		return strings.Join(f[:12], " ") + " …"
	}
	return s
}

// examples lists up to eight items after a colon.
func examples(items []string) string {
	if len(items) == 0 {
		return ""
	}
	more := ""
	if len(items) > 8 {
		items, more = items[:8], ", …"
	}
	return ": " + strings.Join(items, ", ") + more
}

func writeJSON(w io.Writer, v any) error { return search.WriteJSON(w, v) }

// printDocument writes a document as text: a header, then each paragraph.
func printDocument(w io.Writer, doc *corpus.Document) {
	fmt.Fprintf(w, "%s\n", docHeading(doc))
	var meta []string
	if doc.Type != "" {
		meta = append(meta, doc.Type)
	}
	if doc.Body != "" {
		meta = append(meta, doc.Body)
	}
	if doc.Country != "" {
		meta = append(meta, doc.Country)
	}
	if !doc.Adopted.IsZero() {
		if doc.Kind == corpus.KindResolution {
			meta = append(meta, "aprobada "+doc.Adopted.String())
		} else {
			meta = append(meta, "fecha: "+doc.Adopted.String())
		}
	}
	if doc.Session != "" {
		meta = append(meta, doc.Session)
	}
	if doc.Vote != "" {
		meta = append(meta, doc.Vote)
	}
	meta = append(meta, fmt.Sprintf("%s, %s, %d párrafo%s", docKindLabel(doc.Kind), formatLabel(doc.Format), len(doc.Paragraphs), plural(len(doc.Paragraphs))))
	fmt.Fprintf(w, "%s\n%s\n\n", strings.Join(meta, " · "), doc.Source)
	for _, p := range doc.Paragraphs {
		fmt.Fprintf(w, "[%s] %s\n\n", paragraphTag(p), p.Text)
	}
}

func docHeading(doc *corpus.Document) string {
	switch {
	case doc.Symbol != "" && doc.Title != "":
		return doc.Symbol.String() + " — " + doc.Title
	case doc.Symbol != "":
		return doc.Symbol.String()
	case doc.Title != "":
		return doc.Title
	}
	return doc.Source
}

func paragraphTag(p corpus.Paragraph) string {
	if p.Number != "" {
		return fmt.Sprintf("%d %s §%s", p.Ordinal, p.Kind.Spanish(), p.Number)
	}
	return fmt.Sprintf("%d %s", p.Ordinal, p.Kind.Spanish())
}

// docKindLabel names a kind of document in Spanish.
func docKindLabel(k corpus.Kind) string {
	switch k {
	case corpus.KindResolution:
		return "resolución"
	case corpus.KindDraft:
		return "proyecto de resolución"
	case corpus.KindPage:
		return "página"
	case corpus.KindOther:
		return "informe u otro documento"
	}
	return string(k)
}

// readFile reads the file a command names, saying in Spanish why it
// cannot.
func readFile(name string) ([]byte, error) {
	data, err := os.ReadFile(name)
	switch {
	case err == nil:
		return data, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no existe ese archivo", name)
	case errors.Is(err, fs.ErrPermission):
		return nil, fmt.Errorf("%s: permiso denegado", name)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Err != nil && strings.Contains(pe.Err.Error(), "is a directory") {
		return nil, fmt.Errorf("%s: es una carpeta, no un archivo", name)
	}
	return nil, fmt.Errorf("%s: no se puede leer (%v)", name, err)
}

// formatLabel names a file format as a reader says it: "texto",
// "Markdown", "HTML", "PDF", "imagen escaneada".
func formatLabel(f corpus.Format) string {
	switch f {
	case corpus.FormatText:
		return "texto"
	case corpus.FormatMarkdown:
		return "Markdown"
	case corpus.FormatHTML:
		return "HTML"
	case corpus.FormatPDF:
		return "PDF"
	case corpus.FormatImage:
		return "imagen escaneada"
	}
	return string(f)
}
