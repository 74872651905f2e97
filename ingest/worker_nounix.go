//go:build !unix

package ingest

import (
	"os"
	"os/exec"
)

func ownProcessGroup(*exec.Cmd) {}

// killTree kills p (the processes it started end with their work).
func killTree(p *os.Process) {
	if p != nil {
		p.Kill()
	}
}
