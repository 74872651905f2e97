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

	"github.com/relatoria/relatoria/ingest"
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
	// PDFs and images are read in worker processes: this binary, started
	// again (see ingest.ServeIfWorker).
	ingest.ServeIfWorker()
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
func (e exitError) Error() string { return fmt.Sprintf("estado de salida %d", e.code) }

// run dispatches args to a command and returns the process exit status: 0
// on success, 1 when the command failed (or, for ingest, when any file
// failed), 2 for a usage error.
func run(ctx context.Context, e *env, args []string) int {
	// The workers that read files end with the command, and are waited for
	// (their CPU time is the command's).
	defer ingest.StopWorkers()
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
			fmt.Fprintf(e.stderr, "relatoria %s: %v\nEscriba 'relatoria help %s' para ver cómo se usa.\n", name, err, name)
			return 2
		default:
			fmt.Fprintf(e.stderr, "relatoria %s: %v\n", name, err)
			return 1
		}
	}
	fmt.Fprintf(e.stderr, "relatoria: no existe la orden %q\nEscriba 'relatoria help' para ver la lista de órdenes.\n", name)
	return 2
}

// usageError is a mistake in the command line.
type usageError struct{ msg string }

// Error implements error.
func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, `relatoria busca en documentos de derechos humanos en español: resoluciones de
las Naciones Unidas, páginas de sus organismos, observaciones de los comités de
tratados. Repara los daños del OCR, conoce la estructura de una resolución y
encuentra párrafos con o sin tildes, en singular o en plural.

Uso:

	relatoria ORDEN [opciones] [argumentos]

Órdenes:

`)
	for _, c := range commands {
		fmt.Fprintf(w, "\t%-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Para empezar (la primera consulta construye un índice con el corpus de muestra
incluido en el programa):

	relatoria query "cooperación técnica"
	relatoria show "51/34 §7"

'relatoria help ORDEN' explica las opciones de cada orden, con ejemplos.
`)
}

// flagSet is a command's flags and the help it prints for -h.
type flagSet struct {
	*flag.FlagSet
	help func()
}

// newFlagSet returns a flag set for c whose -h (and "relatoria help c")
// prints c's usage text and flags, in Spanish, on stdout. The flag
// package's own messages, in English, are not printed: parseFlags says
// what was wrong.
func newFlagSet(c *command, e *env) *flagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return &flagSet{FlagSet: fs, help: func() {
		fmt.Fprintf(e.stdout, "Uso: relatoria %s %s\n\n%s\n\nOpciones:\n", c.name, c.args, c.usage)
		printFlags(e.stdout, fs)
	}}
}

// printFlags lists the flags of fs as flag.PrintDefaults does, in Spanish.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		switch name {
		case "string":
			name = "texto"
		case "int", "int64", "uint", "float":
			name = "número"
		case "value":
			name = "valor"
		}
		fmt.Fprintf(w, "  -%s", f.Name)
		if name != "" {
			fmt.Fprintf(w, " %s", name)
		}
		fmt.Fprintf(w, "\n    \t%s", strings.ReplaceAll(usage, "\n", "\n    \t"))
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			if name == "texto" {
				fmt.Fprintf(w, " (por omisión %q)", f.DefValue)
			} else {
				fmt.Fprintf(w, " (por omisión %s)", f.DefValue)
			}
		}
		fmt.Fprintln(w)
	})
}

// parseFlags parses args, turning flag errors into usage errors. Flags may
// follow positional arguments ("relatoria query derechos -json").
func parseFlags(fs *flagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.help()
				return nil, err
			}
			msg := flagError(err.Error())
			if strings.HasPrefix(msg, "la opción -") && strings.Contains(msg, "no existe") {
				msg += " (para excluir una palabra, ponga toda la consulta entre comillas: relatoria query \"mujeres -violencia\", o escriba -- delante)"
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

// flagError says in Spanish what the flag package said in English about a
// command line.
func flagError(msg string) string {
	var name, value string
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "la opción " + strings.TrimPrefix(msg, "flag provided but not defined: ") + " no existe"
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "la opción " + strings.TrimPrefix(msg, "flag needs an argument: ") + " necesita un valor"
	case strings.HasPrefix(msg, "invalid value "):
		// invalid value "x" for flag -n: parse error
		if _, err := fmt.Sscanf(msg, "invalid value %q for flag %s", &value, &name); err == nil {
			return fmt.Sprintf("valor no válido %q para la opción %s", value, strings.TrimSuffix(name, ":"))
		}
	case strings.HasPrefix(msg, "invalid boolean value "):
		if _, err := fmt.Sscanf(msg, "invalid boolean value %q for %s", &value, &name); err == nil {
			return fmt.Sprintf("valor no válido %q para la opción %s (escriba %s=true o %s=false)", value, strings.TrimSuffix(name, ":"), strings.TrimSuffix(name, ":"), strings.TrimSuffix(name, ":"))
		}
	}
	return msg
}
