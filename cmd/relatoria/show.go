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
	summary: "print one paragraph, or a whole document, by reference",
	usage: `Show prints what a reference names: one operative (or numbered) paragraph, or
a whole document with its paragraphs in order. REF is a symbol, optionally
with a paragraph number, written as researchers write it:

	51/34                     the whole resolution
	A/HRC/RES/51/34           the same, by its full symbol
	doc-1f5ce00aebb845b8      a document without a symbol, by the "doc" of a query hit
	"51/34 7"  "51/34 §7"  "51/34, párrafo 7"  "A/HRC/RES/51/34 párr. 7"

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
	if _, ok := search.ParseReference(refText); !ok && !strings.HasPrefix(refText, "doc-") {
		return usagef("%q is not a reference; write a symbol such as 51/34 or A/HRC/RES/51/34, optionally with a paragraph: \"51/34 §7\", or a document ID (doc-…)", refText)
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
