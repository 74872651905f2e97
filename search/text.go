package search

import (
	"fmt"
	"html"
	"io"
	"slices"
	"strings"

	"github.com/relatoria/relatoria/corpus"
)

// WriteText writes results as text for a terminal, in Spanish: a count,
// then each hit with its reference, kind (as tipo: names it), date, title
// and snippet (matches between « »), then the main facets, named as the
// filters they count. from is the rank of the first hit minus one.
func WriteText(w io.Writer, res *Results, from int) {
	switch res.Total {
	case 0:
		fmt.Fprintf(w, "ningún párrafo para «%s»\n\n", res.Query)
	case 1:
		fmt.Fprintf(w, "1 párrafo para «%s»\n\n", res.Query)
	default:
		fmt.Fprintf(w, "%s párrafos para «%s»\n\n", Thousands(res.Total), res.Query)
	}
	if len(res.Applied.Acronyms) > 0 {
		fmt.Fprintf(w, "%s\n\n", AcronymsText(res.Applied.Acronyms))
	}
	if rec := res.Applied.Recovery; rec != nil {
		fmt.Fprintf(w, "%s\n", rec.Message)
		for _, a := range rec.Alternatives {
			fmt.Fprintf(w, "  → relatoria query %s   (%s)\n", shellQuote(a.Query), ParagraphsText(a.Total))
		}
		fmt.Fprintln(w)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(w, "%d. %s  [%s]", from+i+1, h.Ref, h.Kind.Spanish())
		if !h.Adopted.IsZero() {
			fmt.Fprintf(w, "  %s", h.Adopted)
		}
		if h.Type != "" {
			fmt.Fprintf(w, "  %s", h.Type)
		}
		if h.Country != "" {
			fmt.Fprintf(w, "  %s", h.Country)
		}
		fmt.Fprintln(w)
		if h.Title != "" {
			fmt.Fprintf(w, "   %s\n", Truncate(h.Title, 100))
		}
		snippet := Truncate(h.Text, 300)
		if len(h.Highlights) > 0 {
			snippet = PlainHighlight(h.Highlights[0])
		}
		if len(h.Section) > 0 {
			fmt.Fprintf(w, "   [%s]\n", Truncate(strings.Join(h.Section, " › "), 160))
		}
		fmt.Fprintf(w, "   %s\n", snippet)
		if len(h.FromSection) > 0 {
			fmt.Fprintf(w, "   (en el apartado: %s)\n", Guillemets(h.FromSection))
		}
		if len(h.Missing) > 0 {
			fmt.Fprintf(w, "   (le falta: %s)\n", Guillemets(h.Missing))
		}
		fmt.Fprintln(w)
	}
	for _, f := range []struct{ name, filter string }{{"kind", "tipo"}, {"body", "organo"}, {"country", "pais"}, {"entities", "entidad"}, {"cites", "cita"}} {
		counts := res.Facets[f.name]
		if len(counts) == 0 {
			continue
		}
		var parts []string
		for _, c := range counts {
			value := c.Value
			if f.name == "kind" {
				value = corpus.ParagraphKind(value).Spanish()
			}
			parts = append(parts, fmt.Sprintf("%s %d", value, c.Count))
		}
		fmt.Fprintf(w, "%s: %s\n", f.filter, strings.Join(parts, " · "))
	}
	if res.Next != "" {
		fmt.Fprintf(w, "\nmás: -after %s\n", res.Next)
	}
}

// PlainHighlight turns a highlight fragment into plain text with the
// matches between « ».
func PlainHighlight(frag string) string {
	frag = strings.NewReplacer("<mark>", "«", "</mark>", "»").Replace(frag)
	return html.UnescapeString(frag)
}

// Truncate returns s cut to its first n characters (runes), with "…"
// after them when it was longer.
func Truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// shellQuote quotes a query for a shell command line, in single quotes
// unless it is one plain word.
func shellQuote(q string) string {
	if q != "" && !strings.ContainsAny(q, " \t'\"()*~$`\\;&|<>!?[]{}#") {
		return q
	}
	return "'" + strings.ReplaceAll(q, "'", `'\''`) + "'"
}

// AcronymsText says in Spanish what the acronyms of a query were also
// searched as: "CEDAW también busca «Comité para la Eliminación de la
// Discriminación contra la Mujer»…".
func AcronymsText(acronyms map[string][]string) string {
	keys := make([]string, 0, len(acronyms))
	for k := range acronyms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s también busca %s", k, Guillemets(acronyms[k])))
	}
	return strings.Join(parts, "; ") + "."
}

// Thousands writes n with a point between groups of three digits, as
// Spanish does: 3.987, 102.530.
func Thousands(n uint64) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}
