package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/relatoria/relatoria/recurrence"
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
	ix, err := openIndex(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer ix.Close()
	linker := newLinker(ix)
	defer linker.Close() // before the index
	res, err := searcher(ix, linker).Show(ctx, refText)
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
