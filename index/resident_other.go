//go:build !linux

package index

func dropResidentPages(map[string]bool) error { return nil }
