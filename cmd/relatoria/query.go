package main

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/search"
	"github.com/relatoria/relatoria/web"
)

var queryCommand = &command{
	name:    "query",
	args:    "[-index DIR] [-format text|json|csv] [-n N] [-from K] [-after CURSOR] [-sort relevance|date] [-strict] CONSULTA",
	summary: "buscar párrafos",
	usage: `Query busca los párrafos que responden a CONSULTA, los mejores primero, con
las palabras halladas resaltadas entre « ». Tildes, mayúsculas, singular y
plural dan igual; deben estar todas las palabras. Un elemento de una lista
puede tener alguna solo en su apartado (los títulos de encima, la frase que
abre la lista): esos elementos van después de los párrafos que las tienen
todas (-strict: no se muestran). Cuando ningún párrafo tiene todas las
palabras, se muestran los que tienen todas menos una, luego menos dos, y la
salida lo dice, nombra las palabras que no están en el índice y propone la
consulta corregida; cuando un filtro es lo que deja la búsqueda vacía, dice
cuál y cuántos párrafos hay sin él.

Lenguaje de consulta:

	cooperación técnica          todas las palabras
	"diálogo constructivo"       una frase, las palabras en orden
	'niñas'                      literal: exactamente esta forma (las tildes cuentan)
	mujeres OR niñas             una u otra palabra (AND, implícito, también se puede escribir)
	-pandemia   NOT pandemia     sin la palabra
	(mujeres OR niñas) género    agrupar
	coopera*   didlogo~          prefijo; palabra con tolerancia a errores de OCR
	tipo:operativo               tipo de párrafo (operativo, preambular, encabezado, parrafo, elemento, nota)
	simbolo:51/34                un documento (también A/HRC/RES/51/34)
	organo:"Asamblea General"    órgano que la aprobó (también CDH, AG)
	pais:Guatemala  pais:"Costa Rica"   el Estado al que se refiere el documento (también país:, country:; mayúsculas y tildes dan igual)
	fecha:2022  fecha:2020..2023  desde:2020-01-01  hasta:2023-12-31   fecha de aprobación
	entidad:ACNUR                párrafos que nombran una entidad, por cualquiera de sus nombres o siglas
	cita:60/251                  párrafos que citan un documento, por cualquier forma de su signatura
	                             (cita:1325, cita:S/RES/1325, cita:"1325 (2000)") o una sentencia
	                             (cita:"Serie C No. 64", cita:"Caso Trujillo Oroza"); lo que cita
	                             una nota al pie lo cita también el párrafo que la llama
	                             (cita:"recomendación general 19")
	plazo:..2025-12-31           plazos ("Fecha límite: …", "a más tardar el …"; 2020..2023, 2024..)
	menciona:2024                párrafos que mencionan una fecha del periodo
	formato:pdf                  formato de origen (texto, markdown, html, pdf)
	recurre:no   recurre:si      texto nuevo cuando se aprobó, o que ya estaba en un documento anterior
	recurre:?                    no se sabe: sin fecha ni signatura numerada que diga qué documento es anterior
	ocr:dañado                   párrafos de documentos cuyo OCR parecía dañado
	60/251                       una signatura: el documento, o los párrafos que la mencionan

Las siglas de los comités y mecanismos (CEDAW, CAT, CRC, CERD, CDESC, EPU,
CIDH, MESECVI, …) buscan también los nombres que abrevian, y al revés; la
respuesta lo dice en "applied".

Referencias (saltan al párrafo; también con show):

	51/34 §7   51/34 7   A/HRC/RES/51/34 párr. 7   51/34, párrafo 7
	A/HRC/17/18 84.3             la recomendación 3 del párrafo 84, no el párrafo 84
	A/HRC/17/18, recomendación 84.11
	CEDAW/C/ARG/CO/7 párr. 4 a)  el apartado a) del párrafo 4 ("4.a")
	2776 (2025) §7   S/RES/2776 §7   resolución 2776 (2025), párrafo 7
	S/RES/2776 (2025), Anexo A §7   el punto 7 del anexo A (los anexos numeran sus puntos)
	Caso Gelman Vs. Uruguay, párr. 193   Serie C No. 221, párr. 193
	la referencia ("ref") de cualquier resultado (relatoria help show las lista todas)

Ejemplos:

	relatoria query "cooperación técnica"
	relatoria query -n 20 'tipo:operativo "fomento de la capacidad"'
	relatoria query -json "derechos de las niñas" | jq '.hits[].ref'
	relatoria query -format csv -all "violencia de género" > resultados.csv
	relatoria query -format csv -csv-sep ';' -all "trata de personas" > para-excel-es.csv`,
	run: runQuery,
}

func runQuery(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	asJSON := fs.Bool("json", false, "resultados en JSON (lo mismo que -format json)")
	format := fs.String("format", "text", "salida: text, json o csv (UTF-8 con BOM, una fila por párrafo, para hojas de cálculo)")
	all := fs.Bool("all", false, "con -format csv: todos los párrafos hallados, no una página")
	n := fs.Int("n", search.DefaultPageSize, "cuántos resultados escribir")
	from := fs.Int("from", 0, "resultados que se saltan")
	after := fs.String("after", "", "seguir después de este cursor (el \"next\" de una página anterior de -json)")
	sort := fs.String("sort", "relevance", "orden: relevance, date (los más recientes primero), oldest (los más antiguos), order (el del documento)")
	strict := fs.Bool("strict", false, "solo los párrafos que tienen ellos mismos todas las palabras, no por su apartado")
	csvSep := fs.String("csv-sep", ",", "con -format csv: el separador de celdas, , o ; (para hojas de cálculo configuradas en español)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	sep, err := search.ParseCSVSep(*csvSep)
	if err != nil {
		return usagef("%v", err)
	}
	if len(pos) == 0 {
		return usagef("falta la CONSULTA")
	}
	if *n < 1 || *n > search.MaxPageSize {
		return usagef("-n %d: escriba cuántos resultados, de 1 a %d", *n, search.MaxPageSize)
	}
	if *from < 0 {
		return usagef("-from %d: escriba cuántos resultados saltar, 0 o más", *from)
	}
	if *all && (*format != "csv" || *asJSON) {
		return usagef("-all solo vale con -format csv (todos los párrafos hallados en una hoja)")
	}
	src, err := openSource(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer src.close()
	if *asJSON {
		*format = "json"
	}
	if *format != "text" && *format != "json" && *format != "csv" {
		return usagef("-format %q: use text, json o csv", *format)
	}
	req := search.Request{Query: strings.Join(pos, " "), Size: *n, From: *from, After: *after, Sort: *sort, Facets: *format != "csv", Strict: *strict}
	if src.remote != nil {
		return remoteQuery(ctx, src.remote, e, req, *format, *all, sep)
	}
	if *format == "csv" && *all {
		req.Size, req.From = search.MaxPageSize, 0
	}
	s := src.local
	res, err := s.Search(ctx, req)
	if err != nil {
		return err
	}
	switch *format {
	case "json":
		return writeJSON(e.stdout, res)
	case "csv":
		if err := search.WriteCSV(e.stdout, res.Hits, true, sep); err != nil {
			return err
		}
		for rows := len(res.Hits); *all && res.Next != "" && rows < search.MaxExportRows; rows += len(res.Hits) {
			req.After = res.Next
			if res, err = s.Search(ctx, req); err != nil {
				return err
			}
			if err := search.WriteCSV(e.stdout, res.Hits, false, sep); err != nil {
				return err
			}
		}
		return nil
	case "text":
		search.WriteText(e.stdout, res, *from)
	}
	return nil
}

// remoteQuery asks the server that holds the index for what runQuery
// would print: its text, JSON or CSV (with all, every row) are those of
// the local index.
func remoteQuery(ctx context.Context, c *web.Client, e *env, req search.Request, format string, all bool, sep rune) error {
	v := url.Values{"q": {req.Query}, "format": {format}, "n": {strconv.Itoa(req.Size)}}
	if req.From > 0 {
		v.Set("from", strconv.Itoa(req.From))
	}
	if req.After != "" {
		v.Set("after", req.After)
	}
	if req.Sort != "" {
		v.Set("sort", req.Sort)
	}
	if req.Strict {
		v.Set("strict", "1")
	}
	if format == "csv" {
		if all {
			v.Set("all", "1")
		}
		if sep == ';' {
			v.Set("sep", "semicolon")
		}
	}
	return c.Get(ctx, "/api/search", v, e.stdout)
}
