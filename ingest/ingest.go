// Package ingest runs articles through the extractor and writes the
// documents into the graph in batches, with several workers, counting what
// happened to every input.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"time"

	"eventgraph/corpus"
	"eventgraph/domain"
)

// Options tune an ingestion; the zero value is usable.
type Options struct {
	// Extractors is the number of extraction workers; 0 means GOMAXPROCS.
	Extractors int
	// Writers is the number of concurrent write transactions; 0 means 4.
	Writers int
	// BatchSize is the number of articles per write transaction; 0 means 200.
	BatchSize int
	// OnSkip is called, from one goroutine at a time, for every input skipped.
	OnSkip func(Skip)
	// OnProgress is called after every written batch with the totals so far.
	OnProgress func(Stats)
}

// Skip is one input that was not ingested, and why.
type Skip struct {
	Source string
	Err    error
}

// Stats are the totals of an ingestion.
type Stats struct {
	domain.WriteStats
	Read    int            // inputs read, skipped ones included
	Skipped int            // inputs skipped
	Reasons map[string]int // skipped inputs by reason
	Elapsed time.Duration
}

// Ingester extracts and writes articles.
type Ingester struct {
	x    domain.Extractor
	w    domain.DocumentWriter
	opts Options
}

// New returns an ingester that extracts with x and writes with w.
func New(x domain.Extractor, w domain.DocumentWriter, opts Options) *Ingester {
	if opts.Extractors <= 0 {
		opts.Extractors = runtime.GOMAXPROCS(0)
	}
	if opts.Writers <= 0 {
		opts.Writers = 4
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 200
	}
	return &Ingester{x: x, w: w, opts: opts}
}

// Run ingests every item. When ctx is cancelled it stops reading and lets the
// batches already in flight finish, so that a rerun picks up where it
// stopped. The error is non-nil when a batch could not be written or the run
// was interrupted; bad inputs are skipped and counted, not errors.
func (in *Ingester) Run(ctx context.Context, items iter.Seq2[corpus.Item, error]) (Stats, error) {
	start := time.Now()
	t := &tally{stats: Stats{Reasons: map[string]int{}}, opts: in.opts}
	jobs := make(chan corpus.Item, 4*in.opts.Extractors)
	docs := make(chan domain.Document, in.opts.BatchSize)
	batches := make(chan []domain.Document, in.opts.Writers)

	go func() {
		defer close(jobs)
		in.read(ctx, items, jobs, t)
	}()
	var xwg sync.WaitGroup
	for range in.opts.Extractors {
		xwg.Add(1)
		go func() {
			defer xwg.Done()
			in.extract(jobs, docs, t)
		}()
	}
	go func() { xwg.Wait(); close(docs) }()
	go func() { defer close(batches); batchDocs(docs, batches, in.opts.BatchSize) }()

	// Writes outlive cancellation so the batch in flight lands whole.
	wctx := context.WithoutCancel(ctx)
	var wwg sync.WaitGroup
	var alone sync.RWMutex // held for writing by a batch written alone
	for range in.opts.Writers {
		wwg.Add(1)
		go func() {
			defer wwg.Done()
			for b := range batches {
				if t.failed() {
					continue // drain: the run already failed
				}
				t.written(in.write(wctx, b, &alone))
			}
		}()
	}
	wwg.Wait()
	t.stats.Elapsed = time.Since(start)
	err := t.err
	if err == nil && ctx.Err() != nil {
		err = fmt.Errorf("ingest interrupted: %w", ctx.Err())
	}
	return t.stats, err
}

// write writes a batch alongside the other writers. Should it fail for
// want of the database (concurrent batches that keep deadlocking on shared
// entities until the store's retries run out, say), it is written once more
// while the other writers wait, when nothing can lock against it.
func (in *Ingester) write(ctx context.Context, b []domain.Document, alone *sync.RWMutex) (domain.WriteStats, error) {
	alone.RLock()
	st, err := in.w.WriteDocuments(ctx, b, in.x.Version())
	alone.RUnlock()
	if domain.ErrorCode(err) != domain.EUNAVAILABLE {
		return st, err
	}
	alone.Lock()
	defer alone.Unlock()
	return in.w.WriteDocuments(ctx, b, in.x.Version())
}

func (in *Ingester) read(ctx context.Context, items iter.Seq2[corpus.Item, error], jobs chan<- corpus.Item, t *tally) {
	for it, err := range items {
		if ctx.Err() != nil || t.failed() {
			return
		}
		if err != nil {
			t.skip(Skip{Source: it.Source, Err: err})
			continue
		}
		select {
		case jobs <- it:
		case <-ctx.Done():
			return
		}
	}
}

func (in *Ingester) extract(jobs <-chan corpus.Item, docs chan<- domain.Document, t *tally) {
	for it := range jobs {
		if it.Doc != nil {
			t.read()
			docs <- *it.Doc
			continue
		}
		doc, err := in.x.Extract(it.Source, it.Text)
		if err != nil {
			t.skip(Skip{Source: it.Source, Err: fmt.Errorf("extract %s: %w", it.Source, err)})
			continue
		}
		it.Annotate(&doc)
		t.read()
		docs <- doc
	}
}

func batchDocs(docs <-chan domain.Document, out chan<- []domain.Document, size int) {
	b := make([]domain.Document, 0, size)
	for d := range docs {
		b = append(b, d)
		if len(b) == size {
			out <- b
			b = make([]domain.Document, 0, size)
		}
	}
	if len(b) > 0 {
		out <- b
	}
}

// tally gathers the counts of concurrent workers.
type tally struct {
	mu    sync.Mutex
	stats Stats
	err   error
	opts  Options
}

func (t *tally) read() {
	t.mu.Lock()
	t.stats.Read++
	t.mu.Unlock()
}

func (t *tally) skip(s Skip) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.stats.Read++
	t.stats.Skipped++
	t.stats.Reasons[reason(s.Err)]++
	if t.opts.OnSkip != nil {
		t.opts.OnSkip(s)
	}
}

func (t *tally) written(ws domain.WriteStats, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if err != nil {
		if t.err == nil {
			t.err = err
		}
		return
	}
	t.stats.WriteStats.Add(ws)
	if t.opts.OnProgress != nil {
		t.opts.OnProgress(t.stats)
	}
}

func (t *tally) failed() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.err != nil
}

// reason names why an input was skipped, for the summary.
func reason(err error) string {
	var ie *corpus.InputError
	if errors.As(err, &ie) {
		return string(ie.Reason)
	}
	return "extraction failed"
}
