//go:build unix

package index

import "syscall"

// processAlive reports whether a process with ID pid is running.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}
