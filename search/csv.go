package search

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// MaxExportRows is the most rows a CSV export of all results writes.
const MaxExportRows = 100_000

// CSVHeader is the header row of a CSV export, in Spanish as the page and
// the CLI (the JSON keys are English: ref, symbol, title, …, in this order).
var CSVHeader = []string{"referencia", "signatura", "título", "órgano", "aprobado", "tipo de documento", "país", "tipo", "número", "ordinal", "texto", "original", "entidades", "cita", "fechas", "puntuación", "archivo", "id"}

// WriteCSV writes hits as CSV for a spreadsheet: UTF-8 with a byte-order
// mark (so Excel reads the accents), one row per paragraph, a citable
// reference first. A cell that a spreadsheet would take for a formula
// (starting with = + - @, a tab or a carriage return, also after spaces)
// is prefixed with an apostrophe, so that no document can run a formula
// on an analyst's machine. sep separates the cells: ',' or, for
// spreadsheets set to Spanish, which split on it, ';'.
func WriteCSV(w io.Writer, hits []Hit, header bool, sep rune) error {
	bw := bufio.NewWriter(w)
	if header {
		bw.WriteString("\uFEFF")
		writeCSVRow(bw, sep, CSVHeader)
	}
	for _, h := range hits {
		var ents, cites, dates []string
		for _, e := range h.Entities {
			ents = append(ents, e.Name)
		}
		for _, c := range h.Citations {
			cites = append(cites, c.Symbol.String())
		}
		for _, d := range h.Dates {
			dates = append(dates, d.Value)
		}
		row := []string{h.Ref, h.Symbol.String(), h.Title, h.Body, h.Adopted.String(), h.Type, h.Country, h.Kind.Spanish(), h.Number.String(),
			strconv.Itoa(h.Ordinal), h.Text, h.Original, strings.Join(ents, "; "), strings.Join(cites, "; "),
			strings.Join(dates, "; "), strconv.FormatFloat(h.Score, 'f', 4, 64), h.Source, h.ID}
		for i := range row {
			row[i] = neutralize(row[i])
		}
		writeCSVRow(bw, sep, row)
	}
	return bw.Flush()
}

// writeCSVRow writes one row with every cell quoted, so that a cell is one
// cell whichever separator a spreadsheet splits on (Go's csv.Writer quotes
// only cells with its own separator: "a;=1+1" exported with "," became two
// cells, the second a formula, in a spreadsheet that splits on ";").
func writeCSVRow(w *bufio.Writer, sep rune, row []string) {
	for i, cell := range row {
		if i > 0 {
			w.WriteRune(sep)
		}
		w.WriteByte('"')
		w.WriteString(strings.ReplaceAll(cell, `"`, `""`))
		w.WriteByte('"')
	}
	w.WriteString("\r\n")
}

// WriteCSVNote ends an export with a row that explains it (an export
// that stopped early).
func WriteCSVNote(w io.Writer, sep rune, note string) error {
	bw := bufio.NewWriter(w)
	writeCSVRow(bw, sep, []string{note})
	return bw.Flush()
}

// neutralize keeps a spreadsheet from reading a cell as a formula: one
// that begins with = + - @, a tab or a carriage return, also after white
// space (spreadsheets pass over leading spaces: " =1+1" is a formula).
func neutralize(s string) string {
	t := strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != '\t' && r != '\r' })
	if t != "" && strings.ContainsRune("=+-@\t\r＝＋－＠", []rune(t)[0]) {
		return "'" + s
	}
	return s
}

// ParseCSVSep reads the name of a CSV separator: "," (also "comma",
// "coma") or ";" ("semicolon", "puntoycoma"); "" means ",".
func ParseCSVSep(s string) (rune, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", ",", "comma", "coma":
		return ',', nil
	case ";", "semicolon", "puntoycoma", "punto-y-coma":
		return ';', nil
	}
	return 0, badf("separador CSV %q: use , o ;", s)
}
