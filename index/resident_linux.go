package index

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// dropResidentPages advises the kernel that the read-only maps of the
// segment files (*.zap) under dir are not needed: for a file map,
// MADV_DONTNEED unmaps the pages from the process and later reads fill
// them again from the file (never zeros, as for anonymous memory, which is
// why only maps of .zap files under dir are touched).
func dropResidentPages(dir string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		start, end, ok := segmentMap(sc.Text(), abs)
		if !ok {
			continue
		}
		if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, syscall.MADV_DONTNEED); errno != 0 {
			return fmt.Errorf("madvise %s: %w", abs, errno)
		}
	}
	return sc.Err()
}

// segmentMap parses a line of /proc/self/maps ("7f12…-7f13… r--s 00000000
// 08:01 1234 /idx/shard-00/store/00000000001e.zap") and reports the
// address range of a read-only map of a segment file under dir.
func segmentMap(line, dir string) (start, end uintptr, ok bool) {
	fields := strings.Fields(line)
	if len(fields) < 6 || !strings.HasPrefix(fields[1], "r-") {
		return 0, 0, false
	}
	path := strings.Join(fields[5:], " ")
	if !strings.HasSuffix(path, ".zap") || !strings.HasPrefix(path, dir+string(filepath.Separator)) {
		return 0, 0, false
	}
	from, to, found := strings.Cut(fields[0], "-")
	if !found {
		return 0, 0, false
	}
	s, err1 := strconv.ParseUint(from, 16, 64)
	e, err2 := strconv.ParseUint(to, 16, 64)
	if err1 != nil || err2 != nil || e <= s {
		return 0, 0, false
	}
	return uintptr(s), uintptr(e), true
}
