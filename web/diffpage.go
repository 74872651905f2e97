package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/lineage"
)

// diffRow is one aligned pair as the diff page shows it.
type diffRow struct {
	Status, Label    string
	OldRef, NewRef   string
	OldLink, NewLink string
	Moved            bool
	Similarity       float64
	Text             string         // unchanged, new or removed paragraph
	Words            []lineage.Span // changed paragraph
}

var statusLabels = map[lineage.Status]string{
	lineage.Unchanged: "Sin cambios",
	lineage.Changed:   "Modificado",
	lineage.New:       "Nuevo",
	lineage.Removed:   "Suprimido",
}

// pageDiff serves /diff?a=OLD&b=NEW: the alignment of two documents, or
// of NEW and its predecessor when a is empty.
func (h *handler) pageDiff(w http.ResponseWriter, r *http.Request) error {
	a, b := strings.TrimSpace(r.URL.Query().Get("a")), strings.TrimSpace(r.URL.Query().Get("b"))
	data := map[string]any{"Title": "Comparar documentos", "Query": "", "Sort": "relevance", "Index": h.s.IndexVersion(), "A": a, "B": b}
	if b == "" {
		if a != "" {
			data["Error"] = "Indique el documento nuevo (b); el anterior (a) puede quedar vacío para compararlo con su predecesor."
		}
		return h.render(w, http.StatusOK, "diff", data)
	}
	d, err := h.s.Diff(r.Context(), a, b)
	if errors.Is(err, context.DeadlineExceeded) {
		return &httpError{http.StatusServiceUnavailable, fmt.Sprintf("la comparación tardó más de %s y se detuvo; compare documentos más cortos", h.opt.Timeout)}
	}
	if err != nil {
		return err
	}
	link := func(doc *corpus.Document, p *corpus.Paragraph) string {
		return docPath(doc.ID) + "#p" + strconv.Itoa(p.Ordinal)
	}
	var rows []diffRow
	for _, p := range d.Pairs {
		row := diffRow{Status: string(p.Status), Label: statusLabels[p.Status], Moved: p.Moved, Similarity: p.Similarity, Words: p.Words}
		if p.A >= 0 {
			op := &d.Old.Paragraphs[p.A]
			row.OldRef, row.OldLink, row.Text = lineage.ParagraphRef(op), link(d.Old, op), op.Text
		}
		if p.B >= 0 {
			np := &d.New.Paragraphs[p.B]
			row.NewRef, row.NewLink, row.Text = lineage.ParagraphRef(np), link(d.New, np), np.Text
		}
		rows = append(rows, row)
	}
	data["Title"] = "Comparación: " + docLabel(d.Old) + " → " + docLabel(d.New)
	data["Diff"] = d
	data["OldName"], data["NewName"] = docLabel(d.Old), docLabel(d.New)
	data["OldDoc"], data["NewDoc"] = docPath(d.Old.ID), docPath(d.New.ID)
	data["OldDate"], data["NewDate"] = d.Old.Adopted.String(), d.New.Adopted.String()
	data["Summary"] = d.SummaryLine()
	data["Rows"] = rows
	return h.render(w, http.StatusOK, "diff", data)
}

// docLabel names a document on a page: its symbol, else its title.
func docLabel(d *corpus.Document) string {
	if d.Symbol != "" {
		return d.Symbol.String()
	}
	if d.Title != "" {
		return d.Title
	}
	return d.ID
}
