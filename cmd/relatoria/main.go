// Command relatoria is a search engine for Spanish-language human-rights
// documents: UN resolutions, agency and working-group pages, treaty-body
// findings. It reads text, Markdown, HTML and PDF, repairs OCR damage,
// recognises resolution structure, and answers full-text queries with
// paragraph-level hits.
//
// Usage:
//
//	relatoria query "cooperación técnica"      # search (builds the sample index on first use)
//	relatoria show "51/34 §7"                  # one paragraph, or a whole document
//	relatoria ingest ./documentos              # index files and folders
//	relatoria extract resolucion.pdf           # the structured document, no index
//	relatoria normalize escaneo.txt            # the repaired text of a file
//
// Run "relatoria help COMMAND" for each command's flags and examples.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"
	"syscall"
)

// command is one subcommand: its name, a one-line summary, a usage text
// that teaches by example, and the function that runs it.
type command struct {
	name    string
	args    string
	summary string
	usage   string
	run     func(ctx context.Context, c *command, e *env, args []string) error
}

// env is what a command may touch: its output streams and the environment.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	getenv         func(string) string
}

var commands []*command

func init() {
	commands = []*command{ingestCommand, queryCommand, showCommand, diffCommand, serveCommand, extractCommand, normalizeCommand, compactCommand}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}
	if path := os.Getenv("RELATORIA_CPUPROFILE"); path != "" {
		// For performance work: a CPU profile of the whole command
		// (go tool pprof relatoria FILE).
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			code := run(ctx, e, os.Args[1:])
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(code)
		}
	}
	if path := os.Getenv("RELATORIA_MEMPROFILE"); path != "" {
		// Likewise, what the whole command allocated
		// (go tool pprof -sample_index=alloc_space relatoria FILE).
		runtime.MemProfileRate = 64 << 10
		code := run(ctx, e, os.Args[1:])
		if f, err := os.Create(path); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
		os.Exit(code)
	}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// exitError carries a specific exit status without a message of its own
// (the command has already reported what went wrong).
type exitError struct{ code int }

// Error implements error.
func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// run dispatches args to a command and returns the process exit status: 0
// on success, 1 when the command failed (or, for ingest, when any file
// failed), 2 for a usage error.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		mainUsage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	name := args[0]
	if name == "help" {
		name = args[1]
		args = []string{name, "-h"}
	}
	for _, c := range commands {
		if c.name != name {
			continue
		}
		err := c.run(ctx, c, e, args[1:])
		var ee exitError
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &ee):
			return ee.code
		case errors.As(err, new(usageError)):
			fmt.Fprintf(e.stderr, "relatoria %s: %v\nRun 'relatoria help %s' for usage.\n", name, err, name)
			return 2
		default:
			fmt.Fprintf(e.stderr, "relatoria %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "relatoria: unknown command %q\nRun 'relatoria help' for the list of commands.\n", name)
	return 2
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

// Error implements error.
func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, `relatoria searches Spanish-language human-rights documents: UN resolutions,
agency pages, treaty-body findings. It repairs OCR damage, knows resolution
structure, and finds paragraphs whatever their accents or plurals.

Usage:

	relatoria COMMAND [flags] [arguments]

Commands:

`)
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Start here (the first query builds an index of the bundled sample corpus):

	relatoria query "cooperación técnica"
	relatoria show "51/34 §7"

Run 'relatoria help COMMAND' for a command's flags and examples.
`)
}

// newFlagSet returns a flag set for c whose -h prints c's usage text.
func newFlagSet(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: relatoria %s %s\n\n%s\n\nFlags:\n", c.name, c.args, c.usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, turning flag errors into usage errors. Flags may
// follow positional arguments ("relatoria query derechos -json").
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			msg := err.Error()
			if strings.HasPrefix(msg, "flag provided but not defined: -") {
				msg += " (to exclude a word, put the whole query in quotes: relatoria query \"mujeres -violencia\", or write -- before it)"
			}
			return nil, usageError{msg}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
