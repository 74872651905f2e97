package index

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// dropResidentPages advises the kernel that the read-only maps of the
// segment files in paths are not needed: for a file map, MADV_DONTNEED
// unmaps the pages from the process and later reads fill them again from
// the file (never zeros, as for anonymous memory, which is why only maps
// of files the caller holds open are touched).
func dropResidentPages(paths map[string]bool) error {
	if len(paths) == 0 {
		return nil
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		start, end, path, ok := segmentMap(sc.Text())
		if !ok || !paths[path] {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, syscall.MADV_DONTNEED); errno != 0 {
			return fmt.Errorf("madvise %s: %w", path, errno)
		}
	}
	return sc.Err()
}

// segmentMap parses a line of /proc/self/maps ("7f12…-7f13… r--s 00000000
// 08:01 1234 /idx/shard-00/store/00000000001e.zap") and reports the
// address range and path of a read-only map of a segment file.
func segmentMap(line string) (start, end uintptr, path string, ok bool) {
	fields := strings.Fields(line)
	if len(fields) < 6 || !strings.HasPrefix(fields[1], "r-") {
		return 0, 0, "", false
	}
	path = strings.Join(fields[5:], " ")
	if !strings.HasSuffix(path, ".zap") {
		return 0, 0, "", false
	}
	from, to, found := strings.Cut(fields[0], "-")
	if !found {
		return 0, 0, "", false
	}
	s, err1 := strconv.ParseUint(from, 16, 64)
	e, err2 := strconv.ParseUint(to, 16, 64)
	if err1 != nil || err2 != nil || e <= s {
		return 0, 0, "", false
	}
	return uintptr(s), uintptr(e), path, true
}
