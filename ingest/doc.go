// Package ingest turns files into structured documents: it reads plain text,
// Markdown, HTML and PDF, decodes legacy encodings, normalises Spanish text,
// drops page furniture and web boilerplate, rejoins hard-wrapped lines and
// hyphenated words into paragraphs, and recognises the structure of UN
// resolutions (title, adopting body, preambular and numbered operative
// paragraphs, meeting, adoption date, vote) and of web and programme pages
// (headings, list items, labelled lines).
//
// Every Paragraph keeps Original, the text exactly as extracted, beside Text.
//
// The entry points are Read (bytes in, document out), File (one file of an
// fs.FS) and Walk (files and folders on disk, recursively). A file that
// cannot be read yields an *Error naming the file and the reason; it never
// stops a batch and never panics, even when the PDF library does.
//
// Sync keeps an index up to date with files: it walks them, passes over
// those its Manifest (DIR/manifest.json) knows unchanged, and hands the
// documents of the others to a Writer, removing the documents of files
// that changed their ID or (with Prune) are gone.
//
// ingest knows nothing of the index: it produces *corpus.Document values
// and declares Writer, which the local index (*index.Index) and a running
// server's client (*web.Client) satisfy without importing this package.
package ingest
