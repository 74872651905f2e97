package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/relatoria/relatoria/index"
)

var compactCommand = &command{
	name:    "compact",
	args:    "[-index DIR] [-quiet]",
	summary: "fusiona los segmentos del índice, para que responda antes",
	usage: `Compact fusiona los segmentos de cada fragmento del índice en tan pocos como su
tamaño permite (uno por fragmento hasta 80.000 párrafos; segmentos de 80.000
más allá), los fragmentos en paralelo. Ingest ya compacta un índice cargado de
una vez, y uno al que se añadió en muchas pasadas cuando sus fragmentos tienen
más segmentos de los que dejaría compactarlo; compact lo hace a petición y dice
cómo fue cada fragmento. Los segmentos ya llenos no se tocan.

El índice no debe estar en uso por "relatoria serve" (deténgalo antes).

Ejemplos:

	relatoria compact
	relatoria compact -index /srv/relatoria`,
	run: runCompact,
}

func runCompact(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	quiet := fs.Bool("quiet", false, "escribir solo los errores y el resumen")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("compact no admite argumentos (%q); el índice se elige con -index", rest[0])
	}
	dir, _, err := indexDir(e, *indexPath)
	if err != nil {
		return err
	}
	if _, ok := runningServer(ctx, dir, e.stderr, "se compacta el índice directamente"); ok {
		return fmt.Errorf("relatoria serve está usando %s; deténgalo antes de compactar el índice", dir)
	}
	tuneIngest(e.getenv)
	ix, err := index.Open(dir)
	if errors.Is(err, index.ErrNotExist) {
		return fmt.Errorf("no hay índice en %s; créelo con: relatoria ingest -index %s RUTA...", dir, dir)
	}
	if err != nil {
		return err
	}
	defer ix.Close()
	// As ingest does: the pages a merge reads stay out of the resident
	// set.
	stop := dropResidentPagesEvery(ix, time.Second, func() {})
	defer stop()
	before, err := ix.Segments()
	if err != nil {
		return err
	}
	sizeBefore := dirBytes(dir)
	start := time.Now()
	if !*quiet {
		fmt.Fprintf(e.stderr, "relatoria: compactando %s: %d fragmentos, %d segmentos…\n", dir, len(before), sum(before))
	}
	err = ix.CompactWith(ctx, index.CompactOptions{Progress: func(done, shards, segBefore, segAfter int) {
		if !*quiet {
			fmt.Fprintf(e.stderr, "relatoria: fragmento %d de %d compactado: %d → %d segmentos (%s)\n", done, shards, segBefore, segAfter, time.Since(start).Round(100*time.Millisecond))
		}
	}})
	if err != nil {
		return err
	}
	after, err := ix.Segments()
	if err != nil {
		return err
	}
	// The summary is the command's result, on stdout; progress is on
	// stderr.
	fmt.Fprintf(e.stdout, "índice compactado en %s: %d → %d segmentos, %.1f → %.1f MB\n",
		time.Since(start).Round(time.Millisecond), sum(before), sum(after), float64(sizeBefore)/1e6, float64(dirBytes(dir))/1e6)
	return nil
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// dirBytes returns the size of the files under dir.
func dirBytes(dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}
