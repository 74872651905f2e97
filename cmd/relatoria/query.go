package main

import (
	"context"
	"strings"

	"github.com/relatoria/relatoria/search"
)

var queryCommand = &command{
	name:    "query",
	args:    "[-index DIR] [-format text|json|csv] [-n N] [-from K] [-after CURSOR] [-sort relevance|date] [-strict] QUERY",
	summary: "find paragraphs",
	usage: `Query finds the paragraphs that match QUERY, best first, with the matching
words highlighted. Accents, case, and singular or plural do not matter; all
words must match. An item of a list may have some of them only in its
section (the headings above it, the sentence that opens the list): such
items come after the paragraphs that have every word (-strict: not at all).
When no paragraph has every word, the paragraphs with all but one are
shown, then all but two, and the output says so and names the words that
are nowhere in the index, with close forms.

Query language:

	cooperación técnica          all the words
	"diálogo constructivo"       a phrase
	'niñas'                      literal: exactly this form (accents count)
	mujeres OR niñas             either word
	-pandemia                    without the word
	coopera*   didlogo~          prefix; OCR-tolerant fuzzy word
	tipo:operativo               paragraph kind (operativo, preambular, encabezado, parrafo, elemento, nota)
	simbolo:51/34                one document (also A/HRC/RES/51/34)
	organo:"Asamblea General"    adopting body
	fecha:2022  desde:2020-01-01  hasta:2023-12-31   adoption date
	entidad:ACNUR                an entity, by any of its names or acronyms
	cita:60/251                  paragraphs that cite a document, by any form of its symbol
	                             (cita:1325, cita:S/RES/1325, cita:"1325 (2000)") or a judgment
	                             (cita:"Serie C No. 64", cita:"Caso Trujillo Oroza"); a judgment's
	                             citations made in a footnote are its calling paragraph's too
	plazo:..2025-12-31           deadlines (ranges: 2020..2023, ..2025-12-31, 2024..)
	menciona:2024                paragraphs that mention a date in the range
	formato:pdf                  source format
	51/34 §7                     a reference: jumps to operative paragraph 7 (see relatoria help show
	                             for every form: "2776 (2025) §7", "S/RES/2776 (2025), Anexo A §7",
	                             "Caso Gelman Vs. Uruguay, párr. 193", "Serie C No. 221, párr. 193",
	                             the ref any hit prints)

Examples:

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
	asJSON := fs.Bool("json", false, "print results as JSON (same as -format json)")
	format := fs.String("format", "text", "output: text, json, or csv (UTF-8 with BOM, one row per paragraph, for spreadsheets)")
	all := fs.Bool("all", false, "with -format csv: every matching paragraph, not one page")
	n := fs.Int("n", search.DefaultPageSize, "number of hits to print")
	from := fs.Int("from", 0, "hits to skip")
	after := fs.String("after", "", "continue after this cursor (the \"next\" of a previous -json page)")
	sort := fs.String("sort", "relevance", "order: relevance, date (newest first), oldest, order (document order)")
	strict := fs.Bool("strict", false, "only paragraphs that have every word themselves, not through their section")
	csvSep := fs.String("csv-sep", ",", "with -format csv: the cell separator, , or ; (for spreadsheets set to Spanish)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	sep, err := search.ParseCSVSep(*csvSep)
	if err != nil {
		return usagef("%v", err)
	}
	if len(pos) == 0 {
		return usagef("query needs a QUERY")
	}
	ix, err := openIndex(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer ix.Close()
	if *asJSON {
		*format = "json"
	}
	req := search.Request{Query: strings.Join(pos, " "), Size: *n, From: *from, After: *after, Sort: *sort, Facets: *format != "csv", Strict: *strict}
	if *format == "csv" && *all {
		req.Size, req.From = search.MaxPageSize, 0
	}
	s := search.New(ix)
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
		return nil
	}
	return usagef("-format %q: use text, json or csv", *format)
}
