//go:build !unix

package index

import "os"

// processAlive reports whether a process with ID pid is running.
func processAlive(pid int) bool {
	_, err := os.FindProcess(pid)
	return err == nil
}
