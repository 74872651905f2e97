//go:build race

package web

// raceDetector is set when the tests run with the race detector, which
// makes the PDF library several times slower: reading a judgment of 49
// pages then outlasts ingest's 60-second deadline on a loaded machine, so
// the tests that need the judgments of testdata/refs leave them out.
const raceDetector = true
