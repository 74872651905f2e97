package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/relatoria/relatoria/search"
)

var showCommand = &command{
	name:    "show",
	args:    "[-index DIR] [-json] REF",
	summary: "print one paragraph, or a whole document, by reference",
	usage: `Show prints what a reference names: one operative (or numbered) paragraph, or
a whole document with its paragraphs in order. REF is a symbol, optionally
with a paragraph number, written as researchers write it:

	51/34                     the whole resolution
	A/HRC/RES/51/34           the same, by its full symbol
	"51/34 7"  "51/34 §7"  "51/34, párrafo 7"  "A/HRC/RES/51/34, párr. 7 a)"
	"S/RES/2776 (2025) §7"  "S/RES/2776 §7"  "2776 (2025) §7"  "resolución 2776 (2025), párrafo 7"
	"S/RES/2776 (2025), Anexo A §7"          item 7 of annex A (annexes number their own items)
	"Caso Gelman Vs. Uruguay, párr. 193"  "Serie C No. 221, párr. 193"
	"Corte IDH. Caso Trujillo Oroza Vs. Bolivia. Fondo. Sentencia de 26 de enero de 2000. Serie C No. 64, párr. 42"
	"Examen Periódico Universal - EPU: … (Ecuador), 2º §111.122"
	                          the "ref" any output prints: a document without a symbol by its
	                          title (country, date), the part its numbering restarts in
	                          (a report, an annex) and the number, or "¶N" by position
	doc-…                     a document by its ID (the "doc" of a hit in -json)

A reference that names several paragraphs (a number every report of a
compilation has) lists them, each with the reference that names it alone.

Examples:

	relatoria show "51/34 §7"
	relatoria show -json A/HRC/RES/51/34 | jq '.paragraphs | length'`,
	run: runShow,
}

func runShow(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	asJSON := fs.Bool("json", false, "print as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("show needs a REF, such as \"51/34 §7\"")
	}
	refText := strings.Join(pos, " ")
	ix, err := openIndex(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := search.New(ix).Show(ctx, refText)
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
	if h := res.Paragraph; h != nil {
		if *asJSON {
			return writeJSON(e.stdout, h)
		}
		fmt.Fprintf(e.stdout, "%s  [%s]\n%s\n\n%s\n", h.Ref, h.Kind, h.Title, h.Text)
		if len(h.Repairs) > 0 {
			var reps []string
			for _, r := range h.Repairs {
				reps = append(reps, r.From+" → "+r.To)
			}
			fmt.Fprintf(e.stdout, "\nOCR repairs: %s\n", strings.Join(reps, ", "))
		}
		if h.Original != h.Text && h.Original != "" {
			fmt.Fprintf(e.stdout, "\nAs extracted:\n%s\n", h.Original)
		}
		printRecurrences(e.stdout, h.Recurrences)
		return nil
	}
	v := res.Document
	if len(v.Others) > 0 {
		fmt.Fprintf(e.stderr, "relatoria: %d documents carry %s; showing %s (others: %s)\n", len(v.Others)+1, v.Symbol, v.ID, strings.Join(v.Others, ", "))
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
	for _, h := range amb.Candidates {
		fmt.Fprintf(w, "  %s\n      %s\n", h.Ref, search.Truncate(h.Text, 100))
	}
}

func printCitations(w io.Writer, v *search.DocumentView) {
	fmt.Fprintf(w, "Cites (%d):\n", len(v.Cites))
	for _, c := range v.Cites {
		fmt.Fprintf(w, "  %-28s %s  (%s)\n", c.Symbol, c.Ref, c.Text)
	}
	fmt.Fprintf(w, "\nCited by (%d paragraphs in this index):\n", len(v.CitedBy))
	for _, h := range v.CitedBy {
		fmt.Fprintf(w, "  %s  %s\n", h.Ref, search.Truncate(h.Title, 80))
	}
}

// printRecurrences lists where a paragraph's words recur, oldest first.
func printRecurrences(w io.Writer, rs []search.Recurrence) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintf(w, "\nAlso in (%d, oldest first):\n", len(rs))
	for _, r := range rs {
		how := fmt.Sprintf("similarity %.2f", r.Similarity)
		if r.Identical {
			how = "identical"
		}
		first := ""
		if f, ok := search.FirstAppearance(rs); ok && f.Doc == r.Doc && f.Ordinal == r.Ordinal {
			first = "  (first appearance)"
		}
		fmt.Fprintf(w, "  %-30s %-10s %s%s\n", r.Ref, r.Adopted, how, first)
	}
}
