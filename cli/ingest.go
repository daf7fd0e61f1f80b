package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"eventgraph/config"
	"eventgraph/corpus"
	"eventgraph/ingest"
	"eventgraph/neo4jstore"
)

const ingestSummary = `Extract articles and write their events and entities into Neo4j.

PATH is a file, a directory (walked recursively: .txt, .md, .html, .jsonl),
or - for standard input. JSON Lines from 'eventgraph extract' are written as
they are. Articles already written by the same rules are left unchanged;
articles written by older rules are replaced. Bad inputs are reported and
skipped; the exit code is 3 when any was skipped. Ctrl-C stops after the
batches in flight; a rerun picks up where it stopped.`

// ingestCommand is "eventgraph ingest".
func ingestCommand() command {
	return command{name: "ingest", summary: "extract articles and write them into Neo4j", run: runIngest}
}

func runIngest(ctx context.Context, env *Env, args []string) int {
	fs := newFlagSet(env, "ingest", "PATH|-...", ingestSummary)
	rules := fs.String("rules", "", "load rules and gazetteers from `DIR` instead of the built-in ones")
	writers := fs.Int("workers", 4, "concurrent write transactions")
	batch := fs.Int("batch", 200, "articles per write transaction")
	maxBytes := fs.Int64("max-bytes", corpus.DefaultMaxBytes, "largest article in bytes")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph ingest: %v\n", err)
		return ExitUsage
	}
	x, code := loadExtractor(env, "ingest", *rules)
	if x == nil {
		return code
	}
	store, err := neo4jstore.Open(ctx, cfg.Neo4j, neo4jstore.WithTimeout(cfg.QueryTimeout))
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph ingest: %v\n", err)
		return ExitFailure
	}
	defer store.Close(context.WithoutCancel(ctx))

	p := newProgress(env, fs.Args())
	in := ingest.New(x, store, ingest.Options{Writers: *writers, BatchSize: *batch, OnSkip: p.skip, OnProgress: p.update})
	stats, err := in.Run(ctx, corpus.Items(fs.Args(), corpus.Options{MaxBytes: *maxBytes, Stdin: env.Stdin}))
	p.finish()
	printSummary(env.Stdout, stats)
	switch {
	case err != nil:
		fmt.Fprintf(env.Stderr, "eventgraph ingest: %v (finished articles are kept; rerun to continue)\n", err)
		return ExitFailure
	case stats.Skipped > 0:
		return ExitPartial
	}
	return ExitOK
}

// progress shows how an ingestion goes: a bar on a terminal, log lines
// every few seconds otherwise.
type progress struct {
	env  *Env
	bar  *progressbar.ProgressBar
	mu   sync.Mutex
	last time.Time
	log  *slog.Logger
}

// newProgress sizes the bar by the inputs' count when it is known in
// advance, so that it shows an ETA.
func newProgress(env *Env, paths []string) *progress {
	p := &progress{env: env, last: time.Now(), log: slog.New(slog.NewTextHandler(env.Stderr, nil))}
	if env.Interactive {
		total := -1
		if n, exact := corpus.Count(paths); exact {
			total = n
		}
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWriter(env.Stderr),
			progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish())
	}
	return p
}

func (p *progress) skip(s ingest.Skip) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Clear()
	}
	fmt.Fprintf(p.env.Stderr, "skipped %s: %v\n", s.Source, s.Err)
}

func (p *progress) update(s ingest.Stats) {
	p.mu.Lock()
	defer p.mu.Unlock()
	done := s.New + s.Unchanged + s.Replaced
	if p.bar != nil {
		p.bar.Set(done + s.Skipped)
		return
	}
	if time.Since(p.last) >= 5*time.Second {
		p.last = time.Now()
		p.log.Info("ingest progress", "articles", done, "events", s.Events, "skipped", s.Skipped)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// printSummary writes the totals of an ingestion.
func printSummary(w io.Writer, s ingest.Stats) {
	secs := s.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(s.New+s.Unchanged+s.Replaced) / secs
	}
	fmt.Fprintf(w, "articles read %d: new %d, unchanged %d, replaced %d, skipped %d\n",
		s.Read, s.New, s.Unchanged, s.Replaced, s.Skipped)
	reasons := make([]string, 0, len(s.Reasons))
	for r := range s.Reasons {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(w, "  skipped as %s: %d\n", r, s.Reasons[r])
	}
	fmt.Fprintf(w, "events %d, entities %d, graph writes %d\n", s.Events, s.Entities, s.Writes)
	fmt.Fprintf(w, "elapsed %s, %.0f articles/s\n", s.Elapsed.Round(time.Millisecond), rate)
}
