// Package cli implements eventgraph's subcommands; server.go only calls Main.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
)

// Exit codes of every subcommand.
const (
	ExitOK      = 0 // everything worked
	ExitFailure = 1 // the command failed
	ExitUsage   = 2 // bad flags or arguments
	ExitPartial = 3 // the command finished but skipped some inputs
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Interactive is true when Stderr is a terminal.
	Interactive bool
}

// command is one subcommand: its name, a one-line summary and its body.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) int
}

// commands lists the subcommands; each lives in a file of its own.
func commands() []command {
	return []command{
		extractCommand(),
		evalCommand(),
		rulesCommand(),
		ingestCommand(),
		serveCommand(),
	}
}

// Main runs the subcommand named by args[0] and returns its exit code.
func Main(ctx context.Context, env *Env, args []string) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr, cmds)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	for _, c := range cmds {
		if c.name == args[0] {
			return c.run(ctx, env, args[1:])
		}
	}
	fmt.Fprintf(env.Stderr, "eventgraph: unknown command %q\n\n", args[0])
	usage(env.Stderr, cmds)
	return ExitUsage
}

func usage(w io.Writer, cmds []command) {
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	fmt.Fprintln(w, "eventgraph turns news articles into a knowledge graph of events.")
	fmt.Fprintln(w, "\nUsage: eventgraph <command> [flags] [args]\n\nCommands:")
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'eventgraph <command> --help' for a command's flags.")
}

// newFlagSet returns a flag set that prints usage to env.Stderr and returns
// errors instead of exiting.
func newFlagSet(env *Env, name, argsUsage, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: eventgraph %s [flags] %s\n\n%s\n\nFlags:\n", name, argsUsage, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and returns an exit code to stop with, or -1 to go on.
func parseFlags(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return ExitOK
		}
		return ExitUsage
	}
	return -1
}

// isTerminal reports whether f is a character device.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// NewEnv returns the process's real environment.
func NewEnv() *Env {
	return &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, Interactive: isTerminal(os.Stderr)}
}
