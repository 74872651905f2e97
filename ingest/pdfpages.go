package ingest

import (
	"fmt"

	"github.com/ledongthuc/pdf"
)

// The PDF library finds page i by walking the page tree from its root,
// trusting each node's /Count, and finds a page's resources by following
// /Parent until one has them. A tree whose /Kids or /Parent lead back to
// a node loops forever there: the extraction then hits its deadline and
// the goroutine that ran it spins on, a core lost for the rest of a batch.
// So the pages are listed here, by a walk that stops at a loop, and a
// page's /Parent chain is checked before the library follows it.

// maxTreeDepth bounds the depth of the page tree and the length of a
// page's /Parent chain; real trees are a few levels deep.
const maxTreeDepth = 64

// pdfPages returns the pages of r in order. size is the file's length in
// bytes: a walk that visits more nodes than a file that size can hold
// has met a loop. Loops end the walk with an error; the pages found
// before it are returned with it.
func pdfPages(r *pdf.Reader, size int) (pages []pdf.Page, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("el árbol de páginas no se puede leer (%v)", p)
		}
	}()
	budget := size/4 + 64 // a page-tree node takes more than 4 bytes, even compressed
	type node struct {
		v     pdf.Value
		depth int
	}
	root := r.Trailer().Key("Root").Key("Pages")
	if root.Kind() != pdf.Dict {
		return nil, fmt.Errorf("el documento no tiene árbol de páginas (/Root /Pages)")
	}
	stack := []node{{root, 0}}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if budget--; budget < 0 || n.depth > maxTreeDepth {
			if len(pages) == 0 {
				return nil, fmt.Errorf("el árbol de páginas vuelve sobre sí mismo antes de su primera página")
			}
			return pages, fmt.Errorf("el árbol de páginas vuelve sobre sí mismo después de la página %d; las páginas siguientes no se leen", len(pages))
		}
		kids := n.v.Key("Kids")
		switch typ := n.v.Key("Type").Name(); {
		case typ == "Pages" || typ == "" && kids.Kind() == pdf.Array:
			for i := kids.Len() - 1; i >= 0; i-- { // the first kid on top
				stack = append(stack, node{kids.Index(i), n.depth + 1})
			}
		case typ == "Page" || typ == "" && !n.v.Key("Contents").IsNull():
			pages = append(pages, pdf.Page{V: n.v})
		case n.v.Kind() != pdf.Dict:
			pages = append(pages, pdf.Page{}) // a kid that is missing: said page by page
		}
	}
	return pages, nil
}

// parentChainEnds reports whether the /Parent chain of page ends (or
// reaches a node with /Resources, where the library stops) within
// maxTreeDepth steps.
func parentChainEnds(page pdf.Page) bool {
	v := page.V
	for range maxTreeDepth {
		if v.IsNull() || !v.Key("Resources").IsNull() {
			return true
		}
		v = v.Key("Parent")
	}
	return false
}
