package main

import (
	"context"
	"io"
	"net/url"
	"os"

	"github.com/relatoria/relatoria/lineage"
	"github.com/relatoria/relatoria/search"
)

var diffCommand = &command{
	name:    "diff",
	args:    "[-index DIR] [-json] [-color auto|always|never] [OLD] NEW",
	summary: "compare two documents paragraph by paragraph",
	usage: `Diff aligns the paragraphs of two documents of the index, in order and
allowing for paragraphs that moved, and marks each one unchanged (=),
changed (~, with its words deleted and inserted), new (+) or removed (-).
It starts with a summary by kind of paragraph:

	64 operativos: 1 sin cambios, 1 modificado, 62 nuevos · 26 preambulares: …

Words are compared without case, accents or punctuation. On a terminal
deletions are red and insertions green; otherwise they are written
[-deleted-] and {+inserted+}. OLD and NEW are references as show takes
them. With only NEW, OLD is its predecessor: the most similar earlier
document of the same body that NEW cites or whose title it shares.

Examples:

	relatoria diff "S/RES/2775 (2025)" "S/RES/2776 (2025)"
	relatoria diff A/HRC/RES/51/34                 # against the one it renews
	relatoria diff -json 48/3 51/34 | jq '.pairs[] | select(.status == "changed")'`,
	run: runDiff,
}

func runDiff(ctx context.Context, c *command, e *env, args []string) error {
	fs := newFlagSet(c, e)
	indexPath := indexFlag(fs)
	asJSON := fs.Bool("json", false, "print the alignment as JSON")
	color := fs.String("color", "auto", "colour changes: auto (on a terminal), always, never")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	var oldRef, newRef string
	switch len(pos) {
	case 1:
		newRef = pos[0]
	case 2:
		oldRef, newRef = pos[0], pos[1]
	default:
		return usagef("diff needs one or two document references, such as \"S/RES/2775 (2025)\" \"S/RES/2776 (2025)\" (quote a reference that has spaces)")
	}
	if *color != "auto" && *color != "always" && *color != "never" {
		return usagef("-color must be auto, always or never, not %q", *color)
	}
	for _, ref := range pos {
		if _, ok := search.ParseReference(ref); !ok && !isDocID(ref) {
			return usagef("%q is not a document reference; write a symbol such as 51/34 or A/HRC/RES/51/34, or a document ID (doc-…)", ref)
		}
	}
	src, err := openSource(ctx, e, *indexPath)
	if err != nil {
		return err
	}
	defer src.close()
	colored := *color == "always" || *color == "auto" && isTerminal(e.stdout)
	if src.remote != nil {
		v := url.Values{"a": {oldRef}, "b": {newRef}, "format": {"text"}}
		if *asJSON {
			v.Set("format", "json")
		} else if colored {
			v.Set("color", "1")
		}
		return src.remote.Get(ctx, "/api/diff", v, e.stdout)
	}
	d, err := src.local.Diff(ctx, oldRef, newRef)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(e.stdout, d)
	}
	m := lineage.PlainMarkers
	if colored {
		m = lineage.ColorMarkers
	}
	return d.WriteText(e.stdout, m)
}

// isDocID reports whether s looks like the ID of a document without a
// symbol ("doc-1f5ce00aebb845b8").
func isDocID(s string) bool { return len(s) > 4 && s[:4] == "doc-" }

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
