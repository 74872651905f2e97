package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
)

var ingestCommand = &command{
	name:    "ingest",
	args:    "[-index DIR] [-quiet] [-prune] [-force] [-lang spa|eng] [-follow-links] RUTA...",
	summary: "añadir archivos y carpetas (texto, Markdown, HTML, PDF, escaneos) al índice",
	usage: `Ingest lee cada RUTA (un archivo, o una carpeta recorrida con sus
subcarpetas), extrae sus párrafos, repara los daños del OCR y los añade al
índice, que crea si hace falta. Los archivos se leen con todos los núcleos.

Los documentos escaneados (PDF cuyas páginas son imágenes, y escaneos TIFF,
PNG o JPEG del tamaño de una página) se leen con Tesseract, página a página
en paralelo, en el idioma del documento o en el que diga -lang; hacen falta
los paquetes de Debian tesseract-ocr, tesseract-ocr-spa (y -eng) y
poppler-utils. Una página que no se puede leer se nombra en la salida de
errores y las demás se indexan.

Volver a ejecutarlo cuesta poco: los archivos cuyo tamaño, fecha de
modificación o contenido no cambiaron desde la última vez se pasan por alto;
un archivo modificado sustituye a su documento. -prune quita además los
documentos de los archivos que ya no están en las RUTAS dadas. Mientras
"relatoria serve" se ejecuta sobre el índice, los documentos se envían al
servidor, que los muestra en el acto.

Un archivo que no se puede leer se nombra en la salida de errores con el
motivo, y los demás se indexan igual; el estado de salida es entonces 1. Los
PDF, los escaneos y las páginas HTML se leen en procesos aparte, con un
límite de memoria (-read-memory) y plazos: un archivo dañado o hecho para
agotar al lector se nombra, y el lote sigue. Un enlace simbólico de una
carpeta a un archivo de fuera se nombra y no se sigue (-follow-links lo
sigue). Los archivos ocultos y los de otros tipos (imágenes, archivos comprimidos) de
las carpetas se pasan por alto. En una terminal se muestra el avance (si no,
una línea cada 10 s; -quiet para nada).

Ejemplos:

	relatoria ingest ~/resoluciones
	relatoria ingest -prune ~/resoluciones          # después de borrar archivos
	relatoria ingest -index /srv/relatoria informe.pdf pagina.html notas.md
	RELATORIA_INDEX=/srv/relatoria relatoria ingest .`,
	run: runIngest,
}

func runIngest(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	quiet := fs.Bool("quiet", false, "escribir solo los errores y el resumen")
	prune := fs.Bool("prune", false, "quitar los documentos cuyos archivos ya no están en las RUTAS")
	force := fs.Bool("force", false, "leer todos los archivos, también los que no cambiaron")
	noRepair := fs.Bool("no-repair", false, "no reparar los daños del OCR")
	maxSize := fs.Int64("max-size", ingest.DefaultMaxFileSize, "el archivo más grande que se lee, en bytes")
	followLinks := fs.Bool("follow-links", false, "seguir los enlaces simbólicos de las carpetas a archivos de fuera")
	readMemory := fs.Int64("read-memory", ingest.DefaultReadMemory>>20, "la memoria que puede usar un proceso que lee un PDF, un escaneo o una página HTML, en MiB")
	lang := ocrLangFlag(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("ingest necesita al menos una RUTA")
	}
	dir, _, err := indexDir(e, *indexPath)
	if err != nil {
		return err
	}
	tuneIngest(e.getenv)
	// A running "relatoria serve" holds the index: send the documents
	// through it, so that it shows them at once.
	var w ingest.Writer
	if remote, ok := runningServer(ctx, dir, e.stderr, "los documentos van directamente al índice"); ok {
		fmt.Fprintf(e.stderr, "relatoria: un servidor está usando %s; los documentos se añaden a través de él (http://%s)\n", dir, remote.Addr)
		w = remote
	} else {
		ix, err := index.Open(dir)
		if errors.Is(err, index.ErrNotExist) {
			ix, err = index.Create(dir, index.Options{})
		}
		if err != nil {
			return err
		}
		defer ix.Close()
		sayRecovered(e, ix)
		removeStaleServeFile(dir)
		w = ix
		resident := func() int64 { return 0 }
		if e.getenv("RELATORIA_LINEAGE") != "off" {
			// Off is for measuring what lineage costs
			// (internal/cmd/bench): the index's recurs flags are then
			// all unknown, and the next ingest with lineage on works
			// them out.
			l := newLinker(ix)
			defer l.Close() // before the index
			w, resident = linkedIndex{l, ix}, l.ResidentBytes
		}
		// Keep the index files' pages out of the resident set while
		// loading and compacting (see DropResidentPages): a million
		// paragraphs took 1.3 GB of RSS without, under 1 GB with. And
		// keep the garbage's memory limit above what the lineage store
		// holds as it grows (see resizeIngestLimit).
		stopDropping := dropResidentPagesEvery(ix, time.Second, func() {
			resizeIngestLimit(e.getenv, resident())
		})
		defer stopDropping()
	}
	prog := newProgress(e.stderr, *quiet, countFiles(paths))
	s := &ingest.Sync{
		Writer:          w,
		Manifest:        ingest.LoadManifest(dir),
		Options:         ingest.Options{NoRepair: *noRepair, MaxFileSize: *maxSize, OCRLang: *lang, FollowLinks: *followLinks, Limits: ingest.ReadLimits{Memory: *readMemory << 20}},
		Force:           *force,
		Prune:           *prune,
		BatchParagraphs: 2 * index.BatchSize,
		Progress:        prog.update,
		Warn:            prog.say,
		Note:            prog.note,
	}
	if !*quiet {
		s.Options.Progress = func(file, msg string) { prog.say(file + ": " + msg) }
	}
	st, err := s.Run(ctx, paths)
	if err != nil {
		return err
	}
	prog.say(fmt.Sprintf("%s; índice: %s", summary(st, prog.elapsed()), dir))
	if st.Failed > 0 {
		return exitError{1}
	}
	return nil
}

// The local index takes documents and is compacted after a bulk load: a
// change to its methods must not silently stop either.
var (
	_ ingest.Writer    = (*index.Index)(nil)
	_ ingest.Compacter = (*index.Index)(nil)
	_ ingest.Writer    = linkedIndex{}
	_ ingest.Compacter = linkedIndex{}
)

// dropResidentPagesEvery calls ix.DropResidentPages, then also, every
// interval until the returned function is called.
func dropResidentPagesEvery(ix *index.Index, interval time.Duration, also func()) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				ix.DropResidentPages() // advice only: an error changes nothing
				also()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// summary is the line that ends an ingest.
func summary(st ingest.Stats, elapsed time.Duration) string {
	s := fmt.Sprintf("documentos indexados: %d (%d párrafo%s), de %d archivo%s, en %s", st.Docs, st.Paragraphs, plural(st.Paragraphs), st.Files, plural(st.Files), elapsed.Round(time.Millisecond))
	if st.Unchanged > 0 {
		s += fmt.Sprintf("; archivos sin cambios pasados por alto: %d", st.Unchanged)
	}
	if st.Skipped > 0 {
		s += fmt.Sprintf("; archivos de otros tipos pasados por alto: %d", st.Skipped)
	}
	if st.Pruned > 0 {
		s += fmt.Sprintf("; documentos de archivos borrados quitados: %d", st.Pruned)
	}
	if st.Failed > 0 {
		s += fmt.Sprintf("; archivos que fallaron (véase arriba): %d", st.Failed)
	}
	return s
}
