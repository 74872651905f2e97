package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relatoria/relatoria/corpus"
	"github.com/relatoria/relatoria/internal/testpdf"
)

// requireWorkers skips a test when PDFs are read in process
// (RELATORIA_READER=off).
func requireWorkers(t *testing.T) {
	t.Helper()
	if workerExe.Load() == nil {
		t.Skip("PDFs are read in process (RELATORIA_READER=off)")
	}
}

// slowPDF is a PDF whose one page is 12 million "q Q" operators (48 MB
// inflated, under the stream budget): it keeps the library busy for
// seconds with little memory.
func slowPDF() []byte {
	return pagePDF(nil, "/Filter /FlateDecode", zlibOf(bytes.Repeat([]byte("q Q\n"), 12_000_000)), "")
}

// TestWorkerLimits checks that a worker past each of its limits is killed
// and the file named with that limit, and that a good file read after it
// is read as in process.
func TestWorkerLimits(t *testing.T) {
	requireWorkers(t)
	a85, err := os.ReadFile("testdata/bad/bomb-a85.pdf")
	if err != nil {
		t.Fatal(err)
	}
	slow := slowPDF()
	for _, tt := range []struct {
		name   string
		data   []byte
		limits ReadLimits
		reason []string // any of
	}{
		{"memoria.pdf", a85, ReadLimits{Memory: 128 << 20}, []string{"límite de memoria (128 MiB)", "sin memoria (límite 128 MiB)"}},
		{"cpu.pdf", slow, ReadLimits{CPU: 200 * time.Millisecond}, []string{"límite de tiempo de CPU (200ms, más"}},
		{"silencio.pdf", slow, ReadLimits{Wall: 200 * time.Millisecond}, []string{"no dio señales de vida en 200ms"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadContext(context.Background(), tt.name, tt.data, Options{Limits: tt.limits})
			var e *Error
			if !errors.As(err, &e) || e.Path != tt.name || strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %v, want one line naming %s", err, tt.name)
			}
			found := false
			for _, r := range tt.reason {
				found = found || strings.Contains(err.Error(), r)
			}
			if !found {
				t.Errorf("error %q, want one of %q", err, tt.reason)
			}
		})
	}
	good, _ := fs.ReadFile(corpus.Sample, "004_3bae5674daa3922c.pdf")
	isolatedDoc, err := Read("buena.pdf", good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	inProcess, err := Read("buena.pdf", good, Options{inWorker: true})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := Printed(isolatedDoc), Printed(inProcess); a != b || isolatedDoc.Hash != inProcess.Hash || isolatedDoc.Symbol != inProcess.Symbol {
		t.Errorf("a worker read the sample PDF differently from the process itself")
	}
}

// slowPagesPDF is a PDF of pages whose content streams each keep the
// library busy for a tenth of a second or more ("q Q" operators), with a
// line of text.
func slowPagesPDF(pages int) []byte {
	var d testpdf.Doc
	font := d.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	content := append(bytes.Repeat([]byte("q Q\n"), 200_000), "BT /F1 12 Tf 72 700 Td (Texto de la pagina.) Tj ET\n"...)
	c := d.Stream("/Filter /FlateDecode", string(zlibOf(content)))
	ids := make([]int, pages)
	for i := range ids {
		ids[i] = d.Add(testpdf.Page(fmt.Sprintf("/Font << /F1 %d 0 R >>", font), c))
	}
	return d.Bytes(ids...)
}

// TestWorkerCPUPerPage: a long PDF whose pages are read steadily earns CPU
// time by the page; the same time without pages to show for it stops
// the worker. (A 696-page judgment takes 30 s; it was killed.)
func TestWorkerCPUPerPage(t *testing.T) {
	requireWorkers(t)
	if raceEnabled {
		t.Skip("the race detector's CPU time is not the reader's")
	}
	// Each page takes about 100 ms of CPU here (more on a loaded
	// machine): the allowance after k pages, 600 ms + k × 600 ms, stays
	// well ahead of what k pages take, and 12 pages take more than
	// 600 ms.
	const pages = 12
	limit := 600 * time.Millisecond
	data := slowPagesPDF(pages)
	doc, err := Read("largo.pdf", data, Options{Limits: ReadLimits{CPU: limit, CPUPerPage: limit}})
	if err != nil {
		t.Fatalf("a PDF read page after page was stopped: %v", err)
	}
	if n := strings.Count(Printed(doc), "Texto de la pagina."); n != pages {
		t.Errorf("%d pages of text, want %d", n, pages)
	}
	_, err = Read("largo.pdf", data, Options{Limits: ReadLimits{CPU: limit, CPUPerPage: time.Nanosecond}})
	if err == nil || !strings.Contains(err.Error(), "límite de tiempo de CPU") {
		t.Errorf("without CPU by the page: error %v, want the CPU limit", err)
	}
}

// TestBadPDFsLeaveNothingRunning reads each bad PDF, and checks after each
// that no goroutine and no process is left behind: a looping file is
// stopped, not abandoned to spin.
func TestBadPDFsLeaveNothingRunning(t *testing.T) {
	requireWorkers(t)
	good, _ := fs.ReadFile(corpus.Sample, "004_3bae5674daa3922c.pdf")
	if _, err := Read("buena.pdf", good, Options{}); err != nil {
		t.Fatal(err)
	}
	StopWorkers()
	settle := func(want int) int {
		n := runtime.NumGoroutine()
		for deadline := time.Now().Add(3 * time.Second); n > want && time.Now().Before(deadline); n = runtime.NumGoroutine() {
			time.Sleep(20 * time.Millisecond)
		}
		return n
	}
	base := settle(0)
	bad, _ := filepath.Glob("testdata/bad/*.pdf")
	bad = append(bad, "lento.pdf")
	for _, path := range bad {
		data, err := os.ReadFile(path)
		limits := ReadLimits{}
		if path == "lento.pdf" {
			data, limits.CPU = slowPDF(), 300*time.Millisecond
		} else if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = ReadContext(context.Background(), path, data, Options{Limits: limits})
		if err == nil {
			t.Errorf("%s: read without an error", path)
		}
		took := time.Since(start)
		if n := len(childProcesses()); n > cap(pool().slots) {
			t.Errorf("%s: %d processes started and not ended (at most %d workers)", path, n, cap(pool().slots))
		}
		StopWorkers()
		if n := settle(base); n > base {
			t.Errorf("%s: %d goroutines after it, %d before", path, n, base)
		}
		if n := len(childProcesses()); n > 0 {
			t.Errorf("%s: %d processes left once the workers were stopped", path, n)
		}
		t.Logf("%-36s %6.2f s  %v", filepath.Base(path), took.Seconds(), err)
	}
}

// childProcesses returns the IDs of this process's children (Linux only;
// none elsewhere).
func childProcesses() []int {
	entries, _ := os.ReadDir("/proc")
	self := os.Getpid()
	var kids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		i := bytes.LastIndexByte(stat, ')')
		if i < 0 {
			continue
		}
		f := bytes.Fields(stat[i+1:])
		// f[0] is the state: a zombie is not running.
		if len(f) > 1 && string(f[0]) != "Z" && string(f[1]) == strconv.Itoa(self) {
			kids = append(kids, pid)
		}
	}
	return kids
}

// TestChecksInProcess checks that the loops and bombs the checks know are
// refused at once in process too (where a worker cannot save the batch).
func TestChecksInProcess(t *testing.T) {
	for name, reason := range map[string]string{
		"extends-self.pdf":     "se extiende a sí mismo",
		"prev-self.pdf":        "forman un ciclo",
		"columns-indirect.pdf": "pasa de",
		"bomb-q.pdf":           "se descomprime en más de",
		"bomb-tj.pdf":          "se descomprime en más de",
		"bomb-numbers.pdf":     "se descomprime en más de",
	} {
		data, err := os.ReadFile(filepath.Join("testdata/bad", name))
		if err != nil {
			t.Fatal(err)
		}
		before := runtime.NumGoroutine()
		_, err = Read(name, data, Options{inWorker: true})
		if err == nil || !strings.Contains(err.Error(), reason) {
			t.Errorf("%s: error %v, want %q", name, err, reason)
		}
		// The reader's goroutine may still be on its way out.
		after := runtime.NumGoroutine()
		for deadline := time.Now().Add(time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
			time.Sleep(10 * time.Millisecond)
		}
		if after > before {
			t.Errorf("%s: %d goroutines after, %d before", name, after, before)
		}
	}
}

// FuzzCheckStructure checks that the checks of the PDF structure end on any
// input without a panic.
func FuzzCheckStructure(f *testing.F) {
	bad, _ := filepath.Glob("testdata/bad/*.pdf")
	for _, name := range bad {
		// Not the bombs: each run would inflate 64 MiB.
		if b, err := os.ReadFile(name); err == nil && len(b) < 16<<10 && !strings.HasPrefix(filepath.Base(name), "bomb-") {
			f.Add(b)
		}
	}
	f.Add(pagePDF(nil, "/Filter [/FlateDecode /FlateDecode]", zlibOf(zlibOf([]byte("q Q\n"))), ""))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDeclaredSizes(data)
	})
}
