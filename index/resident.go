package index

import "path/filepath"

// DropResidentPages takes the pages of the index's files out of this
// process's resident memory (RSS). bleve reads segment files through
// memory maps, and every page a merge or a look-up touches stays counted in
// the process's RSS for as long as the segment lives: loading a million
// paragraphs, these pages grew to 900 MB on top of a heap bounded at
// 600 MB. They are clean page cache, which the kernel can reclaim; after
// this call they are still in the page cache, and reading them again costs
// a minor page fault, not a disk read. relatoria ingest calls it every
// second, so that its RSS says what it needs. It does nothing on systems
// other than Linux.
//
// Only the files of the segments of snapshots it holds open are touched:
// a segment cannot be closed, and its file unmapped, while a snapshot
// holds it, so the memory advised is that file's map and nothing that
// could have been mapped at the same addresses since.
func (ix *Index) DropResidentPages() error {
	paths := map[string]bool{}
	for _, b := range ix.shards {
		snap, err := openSnapshot(b)
		if err != nil {
			return err
		}
		defer snap.Close() // after the advice
		for _, ss := range snap.Segments() {
			if f, ok := ss.Segment().(interface{ Path() string }); ok && f.Path() != "" {
				if abs, err := filepath.Abs(f.Path()); err == nil {
					paths[abs] = true
				}
			}
		}
	}
	return dropResidentPages(paths)
}
