package index

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
func (ix *Index) DropResidentPages() error {
	if ix.dir == "" {
		return nil
	}
	return dropResidentPages(ix.dir)
}
