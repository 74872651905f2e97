//go:build race

package ingest

// raceEnabled is set in a binary built with the race detector, whose
// workers need room for its shadow memory: the data limit is left off and
// the watched memory limit multiplied by raceFactor.
const (
	raceEnabled = true
	raceFactor  = 4
)
