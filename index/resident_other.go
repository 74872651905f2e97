//go:build !linux

package index

func dropResidentPages(string) error { return nil }
