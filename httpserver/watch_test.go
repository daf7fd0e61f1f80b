package httpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"eventgraph/config"
	"eventgraph/domain"
	"eventgraph/httpserver"
)

// startServer runs a server that reads the graph's data version every 50
// ms, until the test ends.
func startServer(t *testing.T, e *env, change func(*config.Config, *httpserver.Options)) *httpserver.Server {
	t.Helper()
	srv := e.server(t, func(c *config.Config, o *httpserver.Options) {
		c.Addr = "127.0.0.1:0"
		o.CachePoll = 50 * time.Millisecond
		if change != nil {
			change(c, o)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return srv
}

// Articles written by another process (here the store, as eventgraph ingest
// writes them) show in cached answers once the server sees the graph's data
// version move; until then a repeated query is answered from the cache.
func TestCachedAnswersFollowOutsideWrites(t *testing.T) {
	e := seed(t)
	srv := startServer(t, e, func(_ *config.Config, o *httpserver.Options) {
		o.CacheSize, o.CacheTTL, o.CacheHold = 100, time.Hour, -1
	})

	const q = `{ articles(first: 1) { totalCount } }`
	count := func() (int, string) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"query": q})
		req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		srv.Handler().ServeHTTP(w, req)
		var out struct {
			Data struct{ Articles struct{ TotalCount int } }
		}
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatalf("decode %s: %v", w.Body.Bytes(), err)
		}
		return out.Data.Articles.TotalCount, w.Header().Get("X-Cache")
	}
	// The first answers may be recomputed (the first reading of the data
	// version marks the caches stale); then the answer comes from the cache.
	before, hit := count()
	for deadline := time.Now().Add(5 * time.Second); hit != "hit" && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		before, hit = count()
	}
	if hit != "hit" {
		t.Fatalf("repeated query: got X-Cache %q, want an answer from the cache", hit)
	}

	doc, err := e.x.Extract("outside-write.txt", "A North Korean timber trader defected in Khabarovsk in April, a source in the region said.")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.WriteDocuments(context.Background(), []domain.Document{doc}, e.x.Version()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	got := before
	for got == before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		got, _ = count()
	}
	if got != before+1 {
		t.Errorf("after an outside write: got %d articles, want %d", got, before+1)
	}
}
