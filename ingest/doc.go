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
// ingest knows nothing of the index: it produces *corpus.Document values and
// cmd hands them to package index.
package ingest
