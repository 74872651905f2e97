package main

import (
	"context"
	"io"
	"net/url"
	"os"

	"github.com/relatoria/relatoria/lineage"
	"github.com/relatoria/relatoria/query"
)

var diffCommand = &command{
	name:    "diff",
	args:    "[-index DIR] [-json] [-color auto|always|never] [ANTERIOR] NUEVO",
	summary: "comparar dos documentos párrafo por párrafo",
	usage: `Diff alinea los párrafos de dos documentos del índice, en orden y teniendo en
cuenta los párrafos desplazados, y marca cada uno sin cambios (=), modificado
(~, con las palabras suprimidas y añadidas), nuevo (+) o suprimido (-).
Empieza con un resumen por tipo de párrafo:

	64 operativos: 1 sin cambios, 1 modificado, 62 nuevos · 26 preambulares: …

Las palabras se comparan sin mayúsculas, tildes ni puntuación. En una
terminal lo suprimido sale en rojo y lo añadido en verde; si no, se escribe
[-suprimido-] y {+añadido+}. ANTERIOR y NUEVO son referencias como las de
show. Con solo NUEVO, ANTERIOR es su predecesor: el documento anterior más
parecido del mismo órgano que NUEVO cita o cuyo título comparte.

Ejemplos:

	relatoria diff "S/RES/2775 (2025)" "S/RES/2776 (2025)"
	relatoria diff A/HRC/RES/53/6                  # con la que renueva
	relatoria diff -json 48/3 51/34 | jq '.pairs[] | select(.status == "changed")'`,
	run: runDiff,
}

func runDiff(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	asJSON := fs.Bool("json", false, "la alineación en JSON")
	color := fs.String("color", "auto", "colorear los cambios: auto (en una terminal), always (siempre), never (nunca)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	var oldRef, newRef string
	switch len(pos) {
	case 1:
		newRef = pos[0]
	case 2:
		oldRef, newRef = pos[0], pos[1]
	default:
		return usagef("diff necesita una o dos referencias de documento, como \"S/RES/2775 (2025)\" \"S/RES/2776 (2025)\" (ponga entre comillas una referencia con espacios)")
	}
	if *color != "auto" && *color != "always" && *color != "never" {
		return usagef("-color debe ser auto, always o never, no %q", *color)
	}
	for _, ref := range pos {
		if _, ok := query.ParseReference(ref); !ok && !isDocID(ref) {
			return usagef("%q no es la referencia de un documento; escriba una signatura como 51/34 o A/HRC/RES/51/34, o el identificador de un documento (doc-…)", ref)
		}
	}
	src, err := openSource(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer src.close()
	colored := *color == "always" || *color == "auto" && isTerminal(e.stdout)
	if src.remote != nil {
		v := url.Values{"a": {oldRef}, "b": {newRef}, "format": {"text"}}
		if *asJSON {
			v.Set("format", "json")
		} else if colored {
			v.Set("color", "1")
		}
		return src.remote.Get(ctx, "/api/diff", v, e.stdout)
	}
	d, err := src.local.Diff(ctx, oldRef, newRef)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, d)
	}
	m := lineage.PlainMarkers
	if colored {
		m = lineage.ColorMarkers
	}
	return d.WriteText(e.stdout, m)
}

// isDocID reports whether s looks like the ID of a document without a
// symbol ("doc-1f5ce00aebb845b8").
func isDocID(s string) bool { return len(s) > 4 && s[:4] == "doc-" }

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
