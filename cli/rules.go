package cli

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"eventgraph/extractor"
)

// rulesCommand is "eventgraph rules".
func rulesCommand() command {
	return command{name: "rules", summary: "test or list the extraction rules", run: runRules}
}

const rulesUsage = `Usage: eventgraph rules <test|list> [DIR]

  test [DIR]   run every rule's examples and print the failures; exit 1 if any
  list [DIR]   print every rule: id, event type, file and description

DIR holds rules/, gazetteer/ and lexicon/ laid out as the built-in data; the
built-in rules are used without it.
`

func runRules(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(env.Stderr, rulesUsage)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	switch args[0] {
	case "test":
		return runRulesSub(env, "test", args[1:], "Runs every rule's examples (the built-in rules, or those under DIR) and\nprints each failure with its rule, file and example.", testRules)
	case "list":
		return runRulesSub(env, "list", args[1:], "Prints every rule (the built-in rules, or those under DIR): id, event type,\nfile and description.", listRules)
	}
	fmt.Fprintf(env.Stderr, "eventgraph rules: unknown subcommand %q\n\n%s", args[0], rulesUsage)
	return ExitUsage
}

// runRulesSub parses a subcommand's flags, loads the rules and runs body.
func runRulesSub(env *Env, name string, args []string, help string, body func(*Env, *extractor.Extractor) int) int {
	fs := newFlagSet(env, "rules "+name, "[DIR]", help)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(env.Stderr, "eventgraph rules %s: at most one DIR\n", name)
		return ExitUsage
	}
	x, code := loadExtractor(env, "rules "+name, fs.Arg(0))
	if x == nil {
		return code
	}
	return body(env, x)
}

// testRules prints the rules' failing examples and a summary.
func testRules(env *Env, x *extractor.Extractor) int {
	rules := x.Rules()
	examples := 0
	for _, r := range rules {
		examples += len(r.Examples.Match) + len(r.Examples.NoMatch)
	}
	failures := x.TestRules()
	w := bufio.NewWriter(env.Stdout)
	for _, f := range failures {
		fmt.Fprintf(w, "FAIL %s (%s)\n  example: %s\n  %s\n", f.Rule, f.File, oneLine(f.Example), f.Message)
	}
	status, code := "ok", ExitOK
	if len(failures) > 0 {
		status, code = "FAIL", ExitFailure
	}
	fmt.Fprintf(w, "%s: %d rules, %d examples, %d failures\n", status, len(rules), examples, len(failures))
	if err := w.Flush(); err != nil {
		return ExitFailure
	}
	return code
}

// listRules prints one line per rule.
func listRules(env *Env, x *extractor.Extractor) int {
	w := bufio.NewWriter(env.Stdout)
	for _, r := range x.Rules() {
		fmt.Fprintf(w, "%-40s %-13s %s  %s\n", r.ID, r.Type, r.File, oneLine(r.Description))
	}
	if err := w.Flush(); err != nil {
		return ExitFailure
	}
	return ExitOK
}

// oneLine collapses white space so that a text fits on one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
