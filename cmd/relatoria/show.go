package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/relatoria/relatoria/recurrence"
	"github.com/relatoria/relatoria/search"
)

var showCommand = &command{
	name:    "show",
	args:    "[-index DIR] [-json] REF",
	summary: "mostrar un párrafo, o un documento entero, por su referencia",
	usage: `Show muestra lo que nombra una referencia: un párrafo dispositivo (u otro
párrafo numerado), o un documento entero con sus párrafos en orden, lo que
cita y lo que lo cita en el índice. REF es una signatura, con o sin número
de párrafo, escrita como la escriben los investigadores:

	51/34                     la resolución entera
	A/HRC/RES/51/34           la misma, por su signatura completa
	"51/34 7"  "51/34 §7"  "51/34, párrafo 7"  "A/HRC/RES/51/34, párr. 7 a)"
	"A/HRC/17/18 84.3"        la recomendación 3 del párrafo 84 (no el párrafo 84)
	"CEDAW/C/ARG/CO/7 párr. 4 a)"   el apartado a) del párrafo 4
	"S/RES/2776 (2025) §7"  "S/RES/2776 §7"  "2776 (2025) §7"  "resolución 2776 (2025), párrafo 7"
	"S/RES/2776 (2025), Anexo A §7"          el punto 7 del anexo A (los anexos numeran sus puntos)
	"Caso Gelman Vs. Uruguay, párr. 193"  "Serie C No. 221, párr. 193"
	"Corte IDH. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de enero de 2000. Serie C No. 64, párr. 42"
	"Examen Periódico Universal - EPU: … (Ecuador), 2º §111.122"
	                          la referencia ("ref") que muestra cualquier resultado: un documento
	                          sin signatura por su título (país, fecha), la parte en que vuelve a
	                          numerar (un informe, un anexo) y el número, o "¶N" por su posición
	doc-…                     un documento por su identificador (el "doc" de un resultado de query -json)

Una referencia que nombra varios párrafos (un número que tiene cada informe de
una recopilación) los lista, cada uno con la referencia que lo nombra solo.

Ejemplos:

	relatoria show "51/34 §7"
	relatoria show -json A/HRC/RES/51/34 | jq '.paragraphs | length'`,
	run: runShow,
}

func runShow(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	asJSON := fs.Bool("json", false, "en JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("falta la REF, por ejemplo \"51/34 §7\"")
	}
	refText := strings.Join(pos, " ")
	src, err := openSource(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer src.close()
	res, raw, err := src.show(ctx, refText)
	var amb *search.AmbiguousError
	if errors.As(err, &amb) {
		if *asJSON {
			writeJSON(e.stdout, amb.Candidates)
		} else {
			printCandidates(e.stdout, amb)
		}
		return fmt.Errorf("«%s» es ambigua: nombra %d párrafos o documentos; escriba la referencia de uno de ellos", amb.Ref, len(amb.Candidates))
	}
	if err != nil {
		return err
	}
	if *asJSON && raw != nil {
		_, err := e.stdout.Write(raw)
		return err
	}
	if h := res.Paragraph; h != nil {
		if *asJSON {
			return writeJSON(e.stdout, h)
		}
		fmt.Fprintf(e.stdout, "%s  [%s]\n%s\n", h.Ref, h.Kind.Spanish(), h.Title)
		if id := identityLine(h); id != "" {
			fmt.Fprintln(e.stdout, id)
		}
		fmt.Fprintf(e.stdout, "\n%s\n", h.Text)
		if len(h.Repairs) > 0 {
			var reps []string
			for _, r := range h.Repairs {
				reps = append(reps, r.From+" → "+r.To)
			}
			fmt.Fprintf(e.stdout, "\nReparaciones de OCR: %s\n", strings.Join(reps, ", "))
		}
		if h.Original != h.Text && h.Original != "" {
			fmt.Fprintf(e.stdout, "\nTal como se extrajo:\n%s\n", h.Original)
		}
		printRecurrences(e.stdout, h.Recurrences)
		return nil
	}
	v := res.Document
	if len(v.Others) > 0 {
		fmt.Fprintf(e.stderr, "relatoria: %d documentos llevan la signatura %s; se muestra %s (los otros: %s)\n", len(v.Others)+1, v.Symbol, v.ID, strings.Join(v.Others, ", "))
	}
	if *asJSON {
		return writeJSON(e.stdout, v)
	}
	printDocument(e.stdout, v.Document)
	printCitations(e.stdout, v)
	return nil
}

// printCandidates lists what an ambiguous reference names, each with the
// reference that names it alone.
func printCandidates(w io.Writer, amb *search.AmbiguousError) {
	fmt.Fprintf(w, "«%s» nombra %d párrafos o documentos:\n", amb.Ref, len(amb.Candidates))
	refs := map[string]int{}
	for _, h := range amb.Candidates {
		refs[h.Ref]++
	}
	for _, h := range amb.Candidates {
		ref := h.Ref
		if refs[h.Ref] > 1 {
			// Documents that share a name (two files of one text) are
			// told apart by their file and ID.
			ref = fmt.Sprintf("%s  (%s: relatoria show '%s')", h.Ref, h.Source, h.ID)
		}
		fmt.Fprintf(w, "  %s\n      %s\n", ref, search.Truncate(h.Text, 100))
	}
}

func printCitations(w io.Writer, v *search.DocumentView) {
	fmt.Fprintf(w, "Cita (%d):\n", len(v.Cites))
	for _, c := range v.Cites {
		fmt.Fprintf(w, "  %-28s %s  (%s)\n", c.Symbol, c.Ref, c.Text)
	}
	fmt.Fprintf(w, "\nCitada por (%d párrafos de este índice):\n", len(v.CitedBy))
	for _, h := range v.CitedBy {
		fmt.Fprintf(w, "  %s  %s\n", h.Ref, search.Truncate(h.Title, 80))
	}
}

// printRecurrences lists where a paragraph's words recur, one line a
// document, earliest first.
func printRecurrences(w io.Writer, rs []search.Recurrence) {
	if len(rs) == 0 {
		return
	}
	var docs []string
	byDoc := map[string][]search.Recurrence{}
	for _, r := range rs {
		if byDoc[r.Doc] == nil {
			docs = append(docs, r.Doc)
		}
		byDoc[r.Doc] = append(byDoc[r.Doc], r)
	}
	first, hasFirst := search.FirstAppearance(rs)
	fmt.Fprintf(w, "\nTambién en %d documento%s (%d párrafo%s), del más antiguo al más reciente:\n", len(docs), plural(len(docs)), len(rs), plural(len(rs)))
	for _, id := range docs {
		group := byDoc[id]
		r := group[0]
		var refs []string
		identical := true
		for _, g := range group {
			refs = append(refs, strings.TrimPrefix(g.Ref, g.Name+" "))
			identical = identical && g.Identical
		}
		how := fmt.Sprintf("similitud %.2f", r.Similarity)
		if identical {
			how = "idéntico"
		}
		when := r.Adopted.String()
		if r.Country != "" {
			when = strings.TrimPrefix(when+", "+r.Country, ", ")
		}
		note := ""
		switch {
		case hasFirst && r.Doc == first.Doc:
			note = "  (primera aparición)"
		case r.Order == recurrence.Unknown:
			note = "  (orden desconocido)"
		}
		fmt.Fprintf(w, "  %s %s  %s  %s%s\n", r.Name, strings.Join(refs, ", "), when, how, note)
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// identityLine says what a hit's document is, where it says: its type,
// body, country and date ("sentencia · Corte Interamericana de Derechos
// Humanos · Uruguay · 2011-02-24").
func identityLine(h *search.Hit) string {
	var parts []string
	for _, s := range []string{h.Type, h.Body, h.Country, h.Adopted.String()} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}
