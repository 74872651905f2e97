package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/relatoria/relatoria/ingest"
)

// progress reports ingest progress on stderr: a bar redrawn in place on a
// terminal, a plain line every 10 s otherwise, nothing with -quiet. Its
// methods may be called from several goroutines (the files are read in
// parallel, and each says what it skipped or read by OCR): every write to
// w goes through it, under mu.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	quiet    bool
	terminal bool
	total    int // files expected; 0 when unknown
	start    time.Time
	last     time.Time
	drawn    bool
}

func newProgress(w io.Writer, quiet bool, total int) *progress {
	p := &progress{w: w, quiet: quiet, total: total, start: time.Now(), last: time.Now()}
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	return p
}

func (p *progress) elapsed() time.Duration { return time.Since(p.start) }

func (p *progress) update(st ingest.Stats) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	interval := 10 * time.Second
	if p.terminal {
		interval = 200 * time.Millisecond
	}
	if time.Since(p.last) < interval {
		return
	}
	p.last = time.Now()
	secs := time.Since(p.start).Seconds()
	rate := float64(st.Paragraphs) / secs
	line := fmt.Sprintf("%d archivos, %d párrafos, %.0f párrafos/s", st.Files, st.Paragraphs, rate)
	if p.total > 0 && st.Files > 0 {
		eta := time.Duration(float64(p.total-st.Files) * secs / float64(st.Files) * float64(time.Second))
		line = fmt.Sprintf("%s %d/%d archivos · %d párrafos · %.0f párrafos/s · faltan %s",
			bar(st.Files, p.total, 24), st.Files, p.total, st.Paragraphs, rate, eta.Round(time.Second))
	}
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "relatoria: %s\n", line)
}

// note says what a long step after the files are read is doing
// ("compacting the index"), unless quiet.
func (p *progress) note(what string) {
	if p.quiet {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s…", what)
		p.drawn = true
		return
	}
	fmt.Fprintf(p.w, "relatoria: %s\n", what)
}

// say prints a line of its own ("relatoria: " and msg), the bar removed
// first; -quiet does not silence it (warnings, the summary).
func (p *progress) say(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clearLocked()
	fmt.Fprintf(p.w, "relatoria: %s\n", msg)
}

// clearLocked removes the bar before other output; p.mu is held.
func (p *progress) clearLocked() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

func bar(done, total, width int) string {
	n := min(width, done*width/max(total, 1))
	return "[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "]"
}

// countFiles counts the files under paths, for the ETA; it stops counting
// (returning 0, unknown) past a million or after two seconds.
func countFiles(paths []string) int {
	n := 0
	deadline := time.Now().Add(2 * time.Second)
	for _, root := range paths {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() {
				n++
			}
			if n > 1_000_000 || time.Now().After(deadline) {
				n = 0
				return filepath.SkipAll
			}
			return nil
		})
	}
	return n
}
