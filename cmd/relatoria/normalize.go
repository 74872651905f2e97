package main

import (
	"context"
	"io"

	"github.com/relatoria/relatoria/ingest"
)

var normalizeCommand = &command{
	name:    "normalize",
	args:    "[ARCHIVO]",
	summary: "escribir el texto normalizado y reparado de un archivo (la entrada estándar si no hay ARCHIVO)",
	usage: `Normalize lee un archivo (o la entrada estándar) y escribe sus párrafos tal
como relatoria los guarda: decodificados, normalizados, sin los elementos
de página, con las líneas unidas y los daños del OCR reparados. Un párrafo
por línea, con una línea en blanco entre dos, cada uno con su número tal
como lo escribió el documento ("7. Destaca…", "84.3 Proseguir…"); los
títulos y las elisiones "(…)" también son párrafos. Solo se dejan fuera los
elementos de página (encabezados repetidos, números de página y de
trabajo, el menú de un sitio): "relatoria extract -json" los cuenta en
"dropped", y "relatoria extract -check" compara las palabras con el origen.

Ejemplos:

	relatoria normalize escaneo.txt
	pdftotext resolucion.pdf - | relatoria normalize`,
	run: runNormalize,
}

func runNormalize(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	noRepair := fs.Bool("no-repair", false, "no reparar los daños del OCR")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	name, data := "entrada estándar", []byte(nil)
	switch len(pos) {
	case 0:
		data, err = io.ReadAll(io.LimitReader(e.stdin, ingest.DefaultMaxFileSize+1))
	case 1:
		name = pos[0]
		data, err = readFile(name)
	default:
		return usagef("normalize lee como mucho un ARCHIVO")
	}
	if err != nil {
		return err
	}
	doc, err := ingest.Read(name, data, ingest.Options{NoRepair: *noRepair})
	if err != nil {
		return err
	}
	_, err = io.WriteString(e.stdout, ingest.Printed(doc))
	return err
}
