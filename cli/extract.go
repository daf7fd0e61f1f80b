package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"runtime"
	"sync"

	"eventgraph/corpus"
	"eventgraph/domain"
	"eventgraph/extractor"
)

// extractCommand is "eventgraph extract".
func extractCommand() command {
	return command{name: "extract", summary: "extract events and entities from articles as JSON Lines", run: runExtract}
}

const extractHelp = `Reads articles and writes one JSON document per article per line to standard
output (the format of OUTPUT.md), in input order. PATH is a file, a directory
(walked recursively for .txt, .md, .html, .htm and .jsonl files) or "-" for
standard input, the default. JSON Lines inputs hold documents extracted
before; they are passed through. An input that is unreadable, empty, binary,
not UTF-8 or too large is reported on standard error and skipped; the exit
code is then 3.`

// extractFlags are the flags extract and eval share.
type extractFlags struct {
	rules    string
	workers  int
	maxBytes int64
}

// addExtractFlags declares the shared flags on fs.
func addExtractFlags(fs interface {
	StringVar(*string, string, string, string)
	IntVar(*int, string, int, string)
	Int64Var(*int64, string, int64, string)
}, f *extractFlags) {
	fs.StringVar(&f.rules, "rules", "", "load rules, gazetteers and lexicons from `DIR` (laid out as the built-in rules/, gazetteer/, lexicon/) instead of the built-in ones")
	fs.IntVar(&f.workers, "workers", runtime.GOMAXPROCS(0), "extract with `N` workers in parallel")
	fs.Int64Var(&f.maxBytes, "max-bytes", extractor.MaxTextBytes, "skip articles larger than `N` bytes")
}

func runExtract(ctx context.Context, env *Env, args []string) int {
	fs := newFlagSet(env, "extract", "[PATH|-]...", extractHelp)
	var f extractFlags
	addExtractFlags(fs, &f)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	x, code := loadExtractor(env, "extract", f.rules)
	if x == nil {
		return code
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{corpus.Stdin}
	}
	items := corpus.Items(paths, corpus.Options{MaxBytes: f.maxBytes, Stdin: env.Stdin})
	out := bufio.NewWriterSize(env.Stdout, 256<<10)
	stats, err := extractOrdered(ctx, x, items, f.workers, func(r extracted) error {
		_, err := out.Write(r.line)
		return err
	}, skipReporter(env, "extract"))
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	return finish(env, "extract", stats, err)
}

// loadExtractor builds the extractor from the embedded data or from dir; on
// failure it reports the error and returns a nil extractor and the exit
// code.
func loadExtractor(env *Env, cmd, dir string) (*extractor.Extractor, int) {
	var x *extractor.Extractor
	var err error
	if dir == "" {
		x, err = extractor.New()
	} else if st, serr := os.Stat(dir); serr != nil || !st.IsDir() {
		err = fmt.Errorf("rules directory %s: not a readable directory", dir)
	} else {
		x, err = extractor.NewFromFS(os.DirFS(dir))
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph %s: %v\n", cmd, err)
		return nil, ExitFailure
	}
	return x, ExitOK
}

// extracted is one input's outcome: its JSON line (with the newline), or
// the error that made it skipped.
type extracted struct {
	item corpus.Item
	line []byte
	err  error
}

// runStats counts what a run did.
type runStats struct {
	written, skipped int
}

// skipReporter returns a function that reports a skipped input.
func skipReporter(env *Env, cmd string) func(error) {
	return func(err error) {
		fmt.Fprintf(env.Stderr, "eventgraph %s: skipped %v\n", cmd, err)
	}
}

// finish reports the end of a run and returns its exit code.
func finish(env *Env, cmd string, stats runStats, err error) int {
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(env.Stderr, "eventgraph %s: interrupted after %d articles\n", cmd, stats.written)
		return ExitFailure
	case err != nil:
		fmt.Fprintf(env.Stderr, "eventgraph %s: %v\n", cmd, err)
		return ExitFailure
	case stats.skipped > 0:
		fmt.Fprintf(env.Stderr, "eventgraph %s: %d articles written, %d skipped\n", cmd, stats.written, stats.skipped)
		return ExitPartial
	}
	return ExitOK
}

// job is one input numbered in input order.
type job struct {
	seq  int
	item corpus.Item
	err  error
}

// numbered is an outcome with its input's number.
type numbered struct {
	seq int
	extracted
}

// extractOrdered extracts every item with workers goroutines and calls
// emit for each document, and skip for each bad input, in input order. At
// most a few inputs per worker are in flight, so memory stays bounded
// whatever the number of inputs. It stops at the first emit error or when
// ctx is done.
func extractOrdered(ctx context.Context, x *extractor.Extractor, items iter.Seq2[corpus.Item, error], workers int, emit func(extracted) error, skip func(error)) (runStats, error) {
	workers = max(workers, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	tokens := make(chan struct{}, 4*workers)
	jobs := make(chan job, workers)
	results := make(chan numbered, workers)
	go produce(ctx, items, tokens, jobs)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() { work(x, jobs, results) })
	}
	go func() { wg.Wait(); close(results) }()
	stats, err := reorder(results, tokens, emit, skip, cancel)
	if err == nil {
		err = ctx.Err()
	}
	return stats, err
}

// produce numbers the items and hands them to the workers, waiting for a
// token before each so that no more than cap(tokens) are in flight.
func produce(ctx context.Context, items iter.Seq2[corpus.Item, error], tokens chan struct{}, jobs chan<- job) {
	defer close(jobs)
	seq := 0
	for it, err := range items {
		select {
		case tokens <- struct{}{}:
		case <-ctx.Done():
			return
		}
		jobs <- job{seq: seq, item: it, err: err}
		seq++
	}
}

// work extracts the jobs' items.
// Each document is encoded before the next is extracted, so a worker
// reuses one output for all of them.
func work(x *extractor.Extractor, jobs <-chan job, results chan<- numbered) {
	var buf bytes.Buffer
	var out extractor.Output
	for j := range jobs {
		r := numbered{seq: j.seq, extracted: extracted{item: j.item, err: j.err}}
		if r.err == nil {
			r.line, r.err = extractLine(x, j.item, &buf, &out)
		}
		results <- r
	}
}

// extractLine returns the JSON line of an item: its extracted document, or
// the document it already holds.
func extractLine(x *extractor.Extractor, it corpus.Item, buf *bytes.Buffer, out *extractor.Output) ([]byte, error) {
	doc := it.Doc
	if doc == nil {
		d, err := x.ExtractInto(out, it.Source, it.Text)
		if err != nil {
			return nil, domain.Errorf(domain.EINVALID, "%s: extraction failed: %v", it.Source, err)
		}
		it.Annotate(&d)
		doc = &d
	}
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return nil, domain.Errorf(domain.EINTERNAL, "%s: encoding: %v", it.Source, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// reorder passes the results on in input order, giving a token back for
// each. After an emit error it drains the rest without emitting.
func reorder(results <-chan numbered, tokens <-chan struct{}, emit func(extracted) error, skip func(error), cancel func()) (runStats, error) {
	var stats runStats
	var failed error
	pending := map[int]numbered{}
	next := 0
	for r := range results {
		pending[r.seq] = r
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-tokens
			if failed != nil {
				continue
			}
			if p.err != nil {
				stats.skipped++
				skip(p.err)
				continue
			}
			if failed = emit(p.extracted); failed != nil {
				cancel()
				continue
			}
			stats.written++
		}
	}
	return stats, failed
}
