package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"eventgraph/corpus"
	"eventgraph/eval"
)

// evalCommand is "eventgraph eval".
func evalCommand() command {
	return command{name: "eval", summary: "score the extractor against gold annotations", run: runEval}
}

const evalHelp = `Runs the extractor on the articles that the gold files (*.json, in the
GUIDELINES.md format) name and prints event, argument, modality and entity
scores exactly as score.py prints them. With --output, scores JSON Lines
extracted before ("-" for standard input) instead of running the extractor.`

func runEval(ctx context.Context, env *Env, args []string) int {
	fs := newFlagSet(env, "eval", "", evalHelp)
	var f extractFlags
	addExtractFlags(fs, &f)
	gold := fs.String("gold", "", "the gold files' `DIR` (required)")
	articles := fs.String("articles", "", "the articles' `DIR` (required)")
	output := fs.String("output", "", "score the JSON Lines in `FILE` instead of running the extractor")
	var opts eval.PrintOptions
	fs.BoolVar(&opts.Verbose, "verbose", false, "list every miss and spurious find")
	fs.BoolVar(&opts.JSON, "json", false, "also print the scores as JSON, as score.py --json does")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if *gold == "" || *articles == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "eventgraph eval: --gold and --articles are required and no argument is taken")
		fs.Usage()
		return ExitUsage
	}
	lines, stats, code := evalInput(ctx, env, f, *gold, *articles, *output)
	if lines == nil {
		return code
	}
	r, err := eval.Score(*gold, *articles, lines)
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph eval: %v\n", err)
		return ExitFailure
	}
	if err := r.Print(env.Stdout, opts); err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph eval: %v\n", err)
		return ExitFailure
	}
	return finish(env, "eval", stats, nil)
}

// evalInput returns the JSON Lines to score: read from output, or made by
// extracting the gold files' articles. A nil reader comes with the exit
// code to stop with.
func evalInput(ctx context.Context, env *Env, f extractFlags, gold, articles, output string) (*bytes.Buffer, runStats, int) {
	if output != "" {
		data, err := readOutput(env, output)
		if err != nil {
			fmt.Fprintf(env.Stderr, "eventgraph eval: %v\n", err)
			return nil, runStats{}, ExitFailure
		}
		return bytes.NewBuffer(data), runStats{}, ExitOK
	}
	names, err := eval.GoldArticles(gold)
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph eval: %v\n", err)
		return nil, runStats{}, ExitFailure
	}
	x, code := loadExtractor(env, "eval", f.rules)
	if x == nil {
		return nil, runStats{}, code
	}
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join(articles, n)
	}
	var buf bytes.Buffer
	items := corpus.Items(paths, corpus.Options{MaxBytes: f.maxBytes})
	stats, err := extractOrdered(ctx, x, items, f.workers, func(r extracted) error {
		buf.Write(r.line)
		return nil
	}, skipReporter(env, "eval"))
	if err != nil {
		return nil, stats, finish(env, "eval", stats, err)
	}
	return &buf, stats, ExitOK
}

// readOutput reads a JSON Lines file, or standard input for "-".
func readOutput(env *Env, path string) ([]byte, error) {
	if path == corpus.Stdin {
		var b bytes.Buffer
		_, err := b.ReadFrom(env.Stdin)
		return b.Bytes(), err
	}
	return os.ReadFile(path)
}
