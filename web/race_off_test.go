//go:build !race

package web

// raceDetector is set when the tests run with the race detector (see
// race_on_test.go).
const raceDetector = false
