package ingest

import (
	"bufio"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/relatoria/relatoria/corpus"
)

// PDFs and images are read in worker processes: the binary started again
// with WorkerEnv set, which serves reads on its standard input and output
// (ServeIfWorker). A PDF library that recurses without end (an object
// stream that contains itself), asks for terabytes (a /Columns of
// 70368744177664) or inflates a 10 KB file into gigabytes can kill the
// process it runs in, which no recover catches; in a worker it kills the
// worker, and the file is named with the reason while the batch goes on.
// Each worker is watched while it reads (readWatch): past its memory
// limit, its CPU time or its time without a sign of life it is killed,
// with the processes it started (Tesseract). Workers are kept for the next
// file and end when idle, or with the process that started them.
//
// HTML is read in workers too: a page of 7 million "<p>x</p>" (56 MB) took
// 5 GB to parse. Text and Markdown are read in the process itself: their
// readers take a few times the file, which is at most
// Options.MaxFileSize (a 53 MB line of text, 860 MB).

// WorkerEnv is the environment variable that makes a process started by
// ingest serve reads as a worker (value "1"). Set to "off" in the
// environment of relatoria itself, it makes PDFs be read in process, as
// before there were workers (to measure what workers cost).
const WorkerEnv = "RELATORIA_READER"

// The defaults of ReadLimits.
const (
	// DefaultReadMemory is the resident memory a worker may use: the
	// largest PDF of the test corpora (2.7 MB, 95 pages) peaks at about 60
	// MB, the largest HTML page (480 KB) at 72 MB; two workers at the limit
	// and relatoria itself stay under 1 GB. An HTML page of more than about
	// 4 MB of markup may need more (relatoria ingest -read-memory).
	DefaultReadMemory = 384 << 20
	// DefaultReadCPU is the CPU time a worker may spend on one file (OCR
	// runs in Tesseract, not counted) before the pages it has read earn it
	// more (DefaultReadCPUPerPage): the slowest PDF of the test corpora
	// takes under 5 s.
	DefaultReadCPU = 30 * time.Second
	// DefaultReadCPUPerPage is the CPU time each page of a PDF's text
	// layer read adds to the file's allowance: a 696-page judgment takes
	// about 30 s in all (43 ms a page), and a loop inside one page is
	// still stopped after DefaultReadCPU.
	DefaultReadCPUPerPage = time.Second
	// DefaultReadWall is how long a worker may go without a sign of life
	// (its answer, or the progress of OCR or pdftotext): longer than the
	// reader's own deadlines (the text layer 60 s, a page of pdftotext 60
	// s, a page of OCR 3 minutes), so that they speak first; the CPU limit
	// is what stops a loop.
	DefaultReadWall = 4 * time.Minute
)

// ReadLimits bounds the reading of one PDF or image in a worker process.
// A zero field takes its default.
type ReadLimits struct {
	// Memory is the most resident memory of the worker, in bytes.
	Memory int64
	// CPU is the most CPU time the worker may spend on one file, before
	// the pages it reads add CPUPerPage each.
	CPU time.Duration
	// CPUPerPage is the CPU time each page of a PDF read adds to CPU.
	CPUPerPage time.Duration
	// Wall is the longest the worker may go without a sign of life.
	Wall time.Duration
}

func (l ReadLimits) withDefaults() ReadLimits {
	if l.Memory <= 0 {
		l.Memory = DefaultReadMemory
	}
	if l.CPU <= 0 {
		l.CPU = DefaultReadCPU
	}
	if l.CPUPerPage <= 0 {
		l.CPUPerPage = DefaultReadCPUPerPage
	}
	if l.Wall <= 0 {
		l.Wall = DefaultReadWall
	}
	return l
}

// workerExe is the executable to start as a worker, set by ServeIfWorker
// in a process that may start them; nil means files are read in process.
var workerExe atomic.Pointer[string]

// ServeIfWorker makes a program able to read PDFs and images in worker
// processes. Call it first thing in main (and in TestMain of tests that
// read PDFs): in a process started as a worker (WorkerEnv=1) it serves
// reads until its input ends and exits; in any other it records that this
// executable can be started as one, which turns isolation on. A program
// that does not call it reads every file in process.
func ServeIfWorker() {
	switch os.Getenv(WorkerEnv) {
	case "1":
		// The protocol owns standard output: anything printed goes to
		// standard error.
		out := os.Stdout
		os.Stdout = os.Stderr
		os.Exit(serveWorker(os.Stdin, out))
	case "off":
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	workerExe.Store(&exe)
}

// isolated reports whether files of format are read in a worker: PDFs,
// scans and HTML.
func isolated(format corpus.Format, opt Options) bool {
	return !opt.inWorker && workerExe.Load() != nil && (format == corpus.FormatPDF || format == corpus.FormatImage || format == corpus.FormatHTML)
}

// workRequest is what relatoria sends a worker: a file to read.
type workRequest struct {
	Name     string
	Data     []byte
	NoRepair bool
	OCRLang  string
	MaxSize  int64
	// Grant, instead of a file, gives the worker one of relatoria's
	// places to run Tesseract (see takeOCRSlot).
	Grant bool
}

// workReply is what a worker sends back: progress, a page read, a
// request for a place to run Tesseract, or the document (with the reason
// of an error).
type workReply struct {
	Progress string
	PageRead bool
	WantOCR  bool
	DoneOCR  bool
	Done     bool
	Doc      *corpus.Document
	Failed   bool
	Reason   string
}

// worker is one running worker process.
type worker struct {
	cmd    *exec.Cmd
	in     *os.File // the worker's standard input
	out    *os.File // its standard output
	enc    *gob.Encoder
	dec    *gob.Decoder
	stderr *headBuffer
	limits ReadLimits
	env    string        // the environment it was started with
	exited chan struct{} // closed once the process has been waited for
	idle   *time.Timer   // ends an idle worker
}

// workerPool holds the idle workers and bounds those at work.
type workerPool struct {
	mu    sync.Mutex
	idle  []*worker
	slots chan struct{}
}

// workerIdle is how long an idle worker is kept for the next file.
const workerIdle = 5 * time.Second

var pool = sync.OnceValue(func() *workerPool {
	return &workerPool{slots: make(chan struct{}, readWorkers(DefaultReadMemory))}
})

// readWorkers returns how many workers may read at once: one a core, no
// more than the available memory allows at memory each, at least one.
func readWorkers(memory int64) int {
	n := runtime.GOMAXPROCS(0)
	if avail := memAvailable(); avail > 0 {
		n = min(n, int(avail/memory))
	}
	return max(n, 1)
}

// readIsolated reads a file in a worker. A worker that dies, is killed at
// a limit, or breaks the protocol makes the file's error, with the reason.
func readIsolated(ctx context.Context, name string, data []byte, opt Options) (*corpus.Document, error) {
	p := pool()
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, fail(name, "lectura interrumpida: "+ctx.Err().Error(), ctx.Err())
	}
	defer func() { <-p.slots }()
	limits := opt.Limits.withDefaults()
	w, err := p.get(limits)
	if err != nil {
		return nil, fail(name, "no se pudo iniciar el proceso lector: "+err.Error(), err)
	}
	doc, err, healthy := w.read(ctx, name, data, opt)
	if healthy {
		p.put(w)
	} else {
		w.kill()
	}
	return doc, err
}

// get returns an idle worker started with limits and this process's
// environment (which tests change), or starts one.
func (p *workerPool) get(limits ReadLimits) (*worker, error) {
	env := strings.Join(os.Environ(), "\x00")
	p.mu.Lock()
	for len(p.idle) > 0 {
		w := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		if !w.idle.Stop() {
			continue // being ended by its timer
		}
		if w.limits == limits && w.env == env {
			p.mu.Unlock()
			return w, nil
		}
		go w.close()
	}
	p.mu.Unlock()
	return startWorker(limits, env)
}

// put keeps a worker for the next file, for workerIdle.
func (p *workerPool) put(w *worker) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.idle = append(p.idle, w)
	w.idle = time.AfterFunc(workerIdle, func() {
		p.mu.Lock()
		for i, x := range p.idle {
			if x == w {
				p.idle = append(p.idle[:i], p.idle[i+1:]...)
				break
			}
		}
		p.mu.Unlock()
		w.close()
	})
}

// StopWorkers ends the idle worker processes at once (they also end by
// themselves when idle for a few seconds, or when this process ends).
func StopWorkers() {
	p := pool()
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		if w.idle.Stop() {
			w.close()
		}
	}
}

func startWorker(limits ReadLimits, env string) (*worker, error) {
	exe := workerExe.Load()
	if exe == nil {
		return nil, errors.New("no hay ejecutable que arrancar")
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, err
	}
	cmd := exec.Command(*exe)
	cmd.Env = append(os.Environ(), WorkerEnv+"=1", "RELATORIA_READER_MEMORY="+strconv.FormatInt(limits.Memory, 10))
	cmd.Stdin, cmd.Stdout = inR, outW
	w := &worker{cmd: cmd, in: inW, out: outR, stderr: &headBuffer{max: 8 << 10}, limits: limits, env: env, exited: make(chan struct{})}
	cmd.Stderr = w.stderr
	ownProcessGroup(cmd)
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, err
	}
	go func() {
		cmd.Wait()
		close(w.exited)
	}()
	w.enc = gob.NewEncoder(inW)
	w.dec = gob.NewDecoder(bufio.NewReaderSize(outR, 64<<10))
	return w, nil
}

// close ends an idle worker: its input ends, and it exits.
func (w *worker) close() {
	w.in.Close()
	select {
	case <-w.exited:
	case <-time.After(2 * time.Second):
		w.kill()
		return
	}
	w.out.Close()
}

// kill ends the worker and every process it started, and waits for it.
func (w *worker) kill() {
	killTree(w.cmd.Process)
	w.in.Close()
	<-w.exited
	w.out.Close()
}

// Why a watched worker was killed.
const (
	killedMemory = iota + 1
	killedCPU
	killedWall
	killedCancel
)

// read sends one file to the worker and waits for its document, watching
// it. healthy reports whether the worker can take another file.
func (w *worker) read(ctx context.Context, name string, data []byte, opt Options) (doc *corpus.Document, err error, healthy bool) {
	var (
		lastSign atomic.Int64 // of the worker, in Unix nanoseconds
		pages    atomic.Int64 // of a PDF's text layer read so far
		waiting  atomic.Int32 // requests for Tesseract not yet granted
		why      atomic.Int32 // killed…
	)
	lastSign.Store(time.Now().UnixNano())
	var held []func() // the places to run Tesseract granted
	defer func() {
		for _, release := range held {
			release()
		}
	}()
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		w.watch(ctx, stop, &lastSign, &pages, &waiting, &why)
	}()
	defer func() {
		close(stop)
		<-watched
	}()
	req := workRequest{Name: name, Data: data, NoRepair: opt.NoRepair, OCRLang: opt.OCRLang, MaxSize: opt.maxFileSize()}
	if err := w.enc.Encode(&req); err != nil {
		return nil, w.failure(name, int(why.Load()), err), false
	}
	for {
		var r workReply
		if err := w.dec.Decode(&r); err != nil {
			return nil, w.failure(name, int(why.Load()), err), false
		}
		lastSign.Store(time.Now().UnixNano())
		switch {
		case r.PageRead:
			pages.Add(1)
		case r.Progress != "":
			if opt.Progress != nil {
				opt.Progress(name, r.Progress)
			}
		case r.WantOCR:
			waiting.Add(1)
			release, err := takeOCRSlot(ctx)
			waiting.Add(-1)
			if err != nil {
				return nil, w.failure(name, killedCancel, err), false
			}
			held = append(held, release)
			lastSign.Store(time.Now().UnixNano())
			if err := w.enc.Encode(&workRequest{Grant: true}); err != nil {
				return nil, w.failure(name, int(why.Load()), err), false
			}
		case r.DoneOCR:
			if len(held) > 0 {
				held[0]()
				held = held[1:]
			}
		case r.Done:
			if r.Failed {
				err = fail(name, r.Reason, nil)
			}
			if r.Doc != nil {
				r.Doc.Source = name
			}
			return r.Doc, err, why.Load() == 0
		}
	}
}

// watchInterval is how often a worker at work is looked at: a stream
// inflating at 300 MB/s passes its memory limit by at most 15 MB.
const watchInterval = 50 * time.Millisecond

// watch kills the worker when it passes a limit or ctx is done, recording
// why, until stop is closed. Its CPU allowance grows with the pages it
// reports read.
func (w *worker) watch(ctx context.Context, stop <-chan struct{}, lastSign, pages *atomic.Int64, waiting, why *atomic.Int32) {
	t := time.NewTicker(watchInterval)
	defer t.Stop()
	pid := w.cmd.Process.Pid
	cpu0, _ := processCPU(pid)
	kill := func(reason int32) {
		why.CompareAndSwap(0, reason)
		killTree(w.cmd.Process)
	}
	for {
		select {
		case <-stop:
			return
		case <-ctx.Done():
			kill(killedCancel)
			return
		case <-t.C:
		}
		if rss, ok := processRSS(pid); ok && rss > w.limits.Memory*raceFactor {
			kill(killedMemory)
			return
		}
		if cpu, ok := processCPU(pid); ok && cpu-cpu0 > w.limits.CPU+time.Duration(pages.Load())*w.limits.CPUPerPage {
			kill(killedCPU)
			return
		}
		if waiting.Load() == 0 && time.Since(time.Unix(0, lastSign.Load())) > w.limits.Wall {
			kill(killedWall)
			return
		}
	}
}

// failure is the error of a file whose worker stopped before answering:
// killed at a limit (why), or dead of its own (what it said on stderr).
func (w *worker) failure(name string, why int, err error) error {
	killTree(w.cmd.Process)
	select {
	case <-w.exited:
	case <-time.After(5 * time.Second):
	}
	mib := w.limits.Memory >> 20
	var reason string
	switch why {
	case killedMemory:
		reason = fmt.Sprintf("el lector pasó del límite de memoria (%d MiB) y se detuvo; el archivo está dañado o hecho para agotar la memoria", mib)
	case killedCPU:
		reason = fmt.Sprintf("el lector pasó del límite de tiempo de CPU (%s, más %s por página leída) y se detuvo; el archivo está dañado o hecho para no terminar", w.limits.CPU, w.limits.CPUPerPage)
	case killedWall:
		reason = fmt.Sprintf("el lector no dio señales de vida en %s y se detuvo; el archivo está dañado o hecho para no terminar", w.limits.Wall)
	case killedCancel:
		return fail(name, "lectura interrumpida", err)
	default:
		reason = crashReason(w.stderr.String(), w.cmd.ProcessState, mib)
	}
	return fail(name, reason, nil)
}

// crashReason describes how a worker died from what it wrote on stderr.
func crashReason(stderr string, st *os.ProcessState, mib int64) string {
	first := ""
	for line := range strings.SplitSeq(stderr, "\n") {
		if line = strings.TrimSpace(line); strings.HasPrefix(line, "fatal error:") || strings.HasPrefix(line, "panic:") || strings.HasPrefix(line, "runtime:") && first == "" {
			first = line
			if !strings.HasPrefix(line, "runtime:") {
				break
			}
		}
	}
	switch {
	case strings.Contains(stderr, "stack overflow"), strings.Contains(stderr, "stack exceeds"):
		return "el lector agotó su pila y se detuvo (una estructura del archivo se contiene a sí misma)"
	case strings.Contains(stderr, "out of memory"), strings.Contains(stderr, "cannot allocate memory"):
		return fmt.Sprintf("el lector se quedó sin memoria (límite %d MiB) y se detuvo; el archivo está dañado o hecho para agotar la memoria", mib)
	case first != "":
		return "el lector terminó de forma anormal (" + first + ")"
	case st != nil:
		return "el lector terminó de forma anormal (" + st.String() + ")"
	}
	return "el lector terminó de forma anormal"
}

// headBuffer keeps the first max bytes written to it and counts the rest.
type headBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

// Write implements io.Writer.
func (h *headBuffer) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if room := h.max - len(h.b); room > 0 {
		h.b = append(h.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (h *headBuffer) String() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return string(h.b)
}

// takeOCRSlot waits for a place to run Tesseract (see ocrSlot) and
// returns the function that gives it back. A worker asks relatoria for
// one, so that all the workers together run no more Tesseracts than one
// process did.
var takeOCRSlot = func(ctx context.Context) (release func(), err error) {
	select {
	case ocrSlot() <- struct{}{}:
		return func() { <-ocrSlot() }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// workerStackLimit bounds a worker's goroutine stacks: a PDF library that
// recurses without end fails in a fraction of a second, not after 1 GB.
const workerStackLimit = 64 << 20

// serveWorker is a worker's main loop: it reads files from in and writes
// their documents to out until in ends, and returns the exit status.
func serveWorker(in io.Reader, out io.Writer) int {
	memory, _ := strconv.ParseInt(os.Getenv("RELATORIA_READER_MEMORY"), 10, 64)
	if memory <= 0 {
		memory = DefaultReadMemory
	}
	runtime.GOMAXPROCS(1)
	debug.SetMaxStack(workerStackLimit)
	debug.SetMemoryLimit(memory * 3 / 4)
	// As relatoria ingest itself (cmd/relatoria/gc.go): at Go's default 100, the workers
	// spent 40% more CPU on the 15 PDFs of un-pdfs-en; the memory limit
	// above still bounds the heap.
	debug.SetGCPercent(400)
	if !raceEnabled { // the race detector's shadow memory is data too
		limitData(memory + 256<<20) // beyond the watch: an allocation too fast to see
	}
	go exitWhenOrphaned()

	var sendMu sync.Mutex
	enc := gob.NewEncoder(out)
	send := func(r *workReply) error {
		sendMu.Lock()
		defer sendMu.Unlock()
		return enc.Encode(r)
	}
	jobs := make(chan workRequest)
	grants := make(chan struct{}, 1024)
	go func() {
		defer close(jobs)
		dec := gob.NewDecoder(bufio.NewReaderSize(in, 64<<10))
		for {
			var req workRequest
			if err := dec.Decode(&req); err != nil {
				return
			}
			if req.Grant {
				grants <- struct{}{}
				continue
			}
			jobs <- req
		}
	}()
	takeOCRSlot = func(ctx context.Context) (func(), error) {
		if err := send(&workReply{WantOCR: true}); err != nil {
			return nil, err
		}
		select {
		case <-grants:
			return func() { send(&workReply{DoneOCR: true}) }, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	for req := range jobs {
		opt := Options{NoRepair: req.NoRepair, OCRLang: req.OCRLang, MaxFileSize: req.MaxSize, inWorker: true}
		opt.Progress = func(_, msg string) { send(&workReply{Progress: msg}) }
		opt.pageRead = func() { send(&workReply{PageRead: true}) }
		doc, err := ReadContext(context.Background(), req.Name, req.Data, opt)
		reply := workReply{Done: true, Doc: doc}
		if err != nil {
			reply.Failed = true
			reply.Reason = err.Error()
			var e *Error
			if errors.As(err, &e) {
				reply.Reason = e.Reason
				if reply.Reason == "" && e.Err != nil {
					reply.Reason = e.Err.Error()
				}
			}
		}
		if send(&reply) != nil {
			return 1
		}
		for len(grants) > 0 { // a grant that came after its page gave up
			<-grants
			send(&workReply{DoneOCR: true})
		}
	}
	return 0
}

// exitWhenOrphaned ends a worker whose relatoria has died (it is then
// adopted by another process), even in the middle of a file.
func exitWhenOrphaned() {
	parent := os.Getppid()
	for {
		time.Sleep(500 * time.Millisecond)
		if os.Getppid() != parent {
			os.Exit(3)
		}
	}
}
