package ingest_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"eventgraph/corpus"
	"eventgraph/domain"
	"eventgraph/ingest"
)

// sourceExtractor makes a document with no facts, its article id its source.
type sourceExtractor struct{}

func (sourceExtractor) Extract(source, _ string) (domain.Document, error) {
	return domain.Document{Article: domain.Article{ID: source, Source: source}}, nil
}

func (sourceExtractor) Version() string { return "test" }

// contendedWriter fails the first write of the batch holding article
// "a0" as a store does whose retries ran out on deadlocks, and records
// how many writes were in flight when that batch came again.
type contendedWriter struct {
	mu       sync.Mutex
	inflight int
	failed   bool
	retried  int // writes in flight during the retry, itself included
	written  map[string]int
}

func (w *contendedWriter) WriteDocuments(_ context.Context, docs []domain.Document, _ string) (domain.WriteStats, error) {
	w.mu.Lock()
	w.inflight++
	first := docs[0].Article.ID == "a0"
	switch {
	case first && !w.failed:
		w.failed = true
		w.inflight--
		w.mu.Unlock()
		return domain.WriteStats{}, fmt.Errorf("write: %w", domain.Errorf(domain.EUNAVAILABLE, "the write kept failing on transient errors"))
	case first:
		w.retried = w.inflight
	}
	w.mu.Unlock()
	time.Sleep(20 * time.Millisecond) // so that writers overlap
	w.mu.Lock()
	defer w.mu.Unlock()
	w.inflight--
	for _, d := range docs {
		w.written[d.Article.ID]++
	}
	return domain.WriteStats{New: len(docs)}, nil
}

// TestWriteRetriedAlone checks that a batch the store could not write for
// contention is written again while no other batch is in flight, and that
// the run then succeeds with every article written once.
func TestWriteRetriedAlone(t *testing.T) {
	w := &contendedWriter{written: map[string]int{}}
	items := func(yield func(corpus.Item, error) bool) {
		for i := range 40 {
			if !yield(corpus.Item{Source: fmt.Sprintf("a%d", i), Text: "x"}, nil) {
				return
			}
		}
	}
	in := ingest.New(sourceExtractor{}, w, ingest.Options{Extractors: 1, Writers: 4, BatchSize: 2})
	st, err := in.Run(context.Background(), items)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if !w.failed || w.retried != 1 {
		t.Errorf("retry of the failed batch: failed %v, writes in flight %d, want true and 1", w.failed, w.retried)
	}
	if st.New != 40 || len(w.written) != 40 {
		t.Errorf("written: %d new, %d articles, want 40 and 40", st.New, len(w.written))
	}
	for id, n := range w.written {
		if n != 1 {
			t.Errorf("article %s written %d times, want 1", id, n)
		}
	}
}
