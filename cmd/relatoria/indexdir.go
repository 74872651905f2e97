package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/index"
	"github.com/relatoria/relatoria/ingest"
)

// indexFlag registers -index on fs.
func indexFlag(fs *flagSet) *string {
	return fs.String("index", "", "carpeta del índice (por omisión $RELATORIA_INDEX, si no "+defaultIndexHelp+")")
}

const defaultIndexHelp = "$XDG_DATA_HOME/relatoria/index, es decir ~/.local/share/relatoria/index"

// indexDir resolves the index location: -index, else $RELATORIA_INDEX,
// else the per-user default. It reports whether the default was used.
func indexDir(e *env, flagValue string) (dir string, isDefault bool, err error) {
	if flagValue != "" {
		return flagValue, false, nil
	}
	if v := e.getenv("RELATORIA_INDEX"); v != "" {
		return v, false, nil
	}
	if v := e.getenv("XDG_DATA_HOME"); v != "" {
		return filepath.Join(v, "relatoria", "index"), true, nil
	}
	home := e.getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", false, fmt.Errorf("no se sabe dónde está el índice: indíquelo con -index o $RELATORIA_INDEX (%v)", err)
		}
		home = h
	}
	return filepath.Join(home, ".local", "share", "relatoria", "index"), true, nil
}

// openIndex opens the index for reading commands. When the default index
// does not exist yet, it is built from the bundled sample corpus, saying so
// on stderr; an explicitly named index that does not exist is an error.
func openIndex(ctx context.Context, e *env, flagValue string) (*index.Index, error) {
	dir, isDefault, err := indexDir(e, flagValue)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(dir)
	if err == nil {
		sayRecovered(e, ix)
		return ix, nil
	}
	if !errors.Is(err, index.ErrNotExist) {
		return nil, err
	}
	if !isDefault {
		return nil, fmt.Errorf("no hay ningún índice en %s; créelo con: relatoria ingest -index %s RUTA...", dir, dir)
	}
	fmt.Fprintf(e.stderr, "relatoria: aún no hay índice; se construye uno en %s con el corpus de muestra incluido (relatoria ingest añade sus propios documentos)\n", dir)
	ix, err = index.Create(dir, index.Options{})
	if err != nil {
		return nil, err
	}
	var docs []*corpus.Document
	for doc, err := range ingest.Dir(corpus.Sample, ingest.Options{}) {
		if err != nil {
			fmt.Fprintf(e.stderr, "relatoria: muestra: %v\n", err)
			continue
		}
		doc.Source = "sample/" + doc.Source
		docs = append(docs, doc)
	}
	l := newLinker(ix)
	err = l.Add(ctx, docs...)
	if cerr := l.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		ix.Close()
		return nil, err
	}
	return ix, nil
}

// sayRecovered tells, on stderr, that the index's description file had
// been lost and was written again from its shards.
func sayRecovered(e *env, ix *index.Index) {
	if ix.Recovered() {
		fmt.Fprintf(e.stderr, "relatoria: faltaba %s; se rehízo a partir de los %d fragmentos del índice\n", filepath.Join(ix.Dir(), "relatoria.json"), ix.Shards())
	}
}
