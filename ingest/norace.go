//go:build !race

package ingest

const (
	raceEnabled = false
	raceFactor  = 1
)
