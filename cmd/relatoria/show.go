package main

import (
	"context"
	"fmt"
	"io"
	"strings"

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
	"51/34 7"  "51/34 §7"  "51/34, párrafo 7"  "A/HRC/RES/51/34 párr. 7"
	"A/HRC/17/18 84.3"        la recomendación 3 del párrafo 84 (no el párrafo 84)
	"CEDAW/C/ARG/CO/7 párr. 4 a)"   el apartado a) del párrafo 4
	doc-1f5ce00aebb845b8      un documento sin signatura, por el "doc" de un resultado de query -json

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
	if _, ok := search.ParseReference(refText); !ok && !strings.HasPrefix(refText, "doc-") {
		return usagef("%q no es una referencia; escriba una signatura como 51/34 o A/HRC/RES/51/34, con un párrafo si quiere: \"51/34 §7\", o el identificador de un documento (doc-…)", refText)
	}
	src, err := openSource(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer src.close()
	res, raw, err := src.show(ctx, refText)
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

// printRecurrences lists where a paragraph's words recur, oldest first.
func printRecurrences(w io.Writer, rs []search.Recurrence) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\nTambién en (%d, los más antiguos primero):\n", len(rs))
	for _, r := range rs {
		how := fmt.Sprintf("similitud %.2f", r.Similarity)
		if r.Identical {
			how = "idéntico"
		}
		first := ""
		if f, ok := search.FirstAppearance(rs); ok && f.Doc == r.Doc && f.Ordinal == r.Ordinal {
			first = "  (primera aparición)"
		}
		fmt.Fprintf(w, "  %-30s %-10s %s%s\n", r.Ref, r.Adopted, how, first)
	}
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
