package ingest

import (
	"os"
	"testing"
)

// TestMain lets the test binary serve as the worker process that reads
// PDFs and images (see ServeIfWorker), so that the tests read them as
// relatoria does. RELATORIA_READER=off reads them in process instead.
func TestMain(m *testing.M) {
	ServeIfWorker()
	code := m.Run()
	StopWorkers()
	os.Exit(code)
}
