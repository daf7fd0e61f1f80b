package httpserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"eventgraph/config"
	"eventgraph/domain"
	"eventgraph/httpserver"
)

// do sends one GraphQL POST and returns the status and the decoded body.
func do(t *testing.T, h http.Handler, query string, header ...string) (int, map[string]any, time.Duration) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(w, req)
	d := time.Since(start)
	var out map[string]any
	_ = json.Unmarshal(w.Body.Bytes(), &out)
	return w.Code, out, d
}

func firstCode(out map[string]any) string {
	errs, _ := out["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
	s, _ := ext["code"].(string)
	return s
}

// Hostile documents are refused quickly with a 4xx, and the server stays
// healthy.
func TestHostileDocumentsAreRefused(t *testing.T) {
	e := seed(t)
	h := e.server(t, nil).Handler()

	deep := strings.Repeat(`related(first: 1) { edges { node { `, 17) + "name" + strings.Repeat(" } } }", 17)
	var aliases strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&aliases, "a%d: __typename ", i)
	}
	directives := "{ __typename " + strings.Repeat("@include(if: true) ", 3000) + "}"
	docs := map[string]string{
		"50-deep nesting":     `{ entity(id: "city:cn:shenyang") { ` + deep + ` } }`,
		"1000 aliases":        "{ " + aliases.String() + "}",
		"1000 costly aliases": "{ " + strings.Repeat(`e: events(first: 100) { edges { node { id } } } `, 1) + costlyAliases(1000) + "}",
		"3000 directives":     directives,
		"first: 1000000000":   `{ events(first: 1000000000) { edges { node { id } } } }`,
		"nested first: 10^9":  `{ entity(id: "city:cn:shenyang") { agencies(first: 1000000000) { totalCount } } }`,
		"complexity":          `{ entities(first: 100) { edges { node { events(first: 100) { edges { node { arguments { entity { name } } } } } } } } }`,
		"fragment bomb":       fragmentBomb(12),
	}
	for name, q := range docs {
		t.Run(name, func(t *testing.T) {
			code, out, d := do(t, h, q)
			if code < 400 || code >= 500 {
				t.Errorf("status %d, want 4xx; %v", code, truncate(out))
			}
			if c := firstCode(out); c != "COMPLEXITY_LIMIT" && c != "BAD_USER_INPUT" {
				t.Errorf("code %q: %v", c, truncate(out))
			}
			if d > time.Second {
				t.Errorf("took %s to refuse", d)
			}
		})
	}
	code, out, _ := do(t, h, `{ events(first: 1) { totalCount } }`)
	if code != http.StatusOK || out["errors"] != nil {
		t.Errorf("after hostile documents: %d %v", code, out)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if w.Code != http.StatusOK {
		t.Errorf("healthz %d", w.Code)
	}
}

func costlyAliases(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "x%d: events(first: 100) { totalCount } ", i)
	}
	return b.String()
}

// fragmentBomb doubles the selection at every level through fragments.
func fragmentBomb(levels int) string {
	var b strings.Builder
	b.WriteString("{ ...F0 }\n")
	for i := range levels {
		fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d }\n", i, i+1, i+1)
	}
	fmt.Fprintf(&b, "fragment F%d on Query { events(first: 1) { totalCount } }\n", levels)
	return b.String()
}

func truncate(v any) string {
	s := fmt.Sprint(v)
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func TestBodyCap(t *testing.T) {
	e := seed(t)
	h := e.server(t, func(_ *config.Config, o *httpserver.Options) { o.MaxBodyBytes = 64 << 10 }).Handler()
	big := strings.Repeat(" ", 100<<10)
	code, _, _ := do(t, h, "{ __typename "+big+"}")
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d, want 413", code)
	}
}

// ingestArticle needs the API key when one is set.
func TestIngestArticleNeedsKey(t *testing.T) {
	e := seed(t)
	srv := e.server(t, func(c *config.Config, _ *httpserver.Options) { c.APIKey = "s3cret" })
	h := srv.Handler()
	m := `mutation { ingestArticle(input: {title: "Test", publishedAt: "2026-01-02",
		text: "Two North Korean workers defected in Dandong last week, a source said."}) {
		article { id title publishedAt } eventCount events { type arguments { role entity { key } } } } }`
	for _, hdr := range [][]string{nil, {"Authorization", "Bearer wrong"}, {"Authorization", "s3cret"}} {
		code, out, _ := do(t, h, m, hdr...)
		if code != http.StatusOK || firstCode(out) != "UNAUTHENTICATED" {
			t.Errorf("headers %v: %d %v", hdr, code, out)
		}
	}
	code, out, _ := do(t, h, m, "Authorization", "Bearer s3cret")
	if code != http.StatusOK || out["errors"] != nil {
		t.Fatalf("with key: %d %v", code, out)
	}
	res := out["data"].(map[string]any)["ingestArticle"].(map[string]any)
	if res["eventCount"].(float64) < 1 || res["article"].(map[string]any)["title"] != "Test" {
		t.Errorf("ingest result %v", res)
	}
	// Input limits.
	code, out, _ = do(t, h, `mutation { ingestArticle(input: {text: "x", publishedAt: "tomorrow"}) { eventCount } }`, "Authorization", "Bearer s3cret")
	if firstCode(out) != "BAD_USER_INPUT" {
		t.Errorf("bad date: %d %v", code, out)
	}
}

// A query with nested lists costs the same number of Cypher round trips
// whatever its page sizes.
func TestNoNPlusOne(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, func(_ *config.Config, o *httpserver.Options) {
		// A wide batching window: on a machine busy with Neo4j, the
		// resolvers of one level may start milliseconds apart.
		o.CacheTTL, o.Graph.ComplexityLimit, o.BatchWait = 0, 1<<30, 25*time.Millisecond
	}).Handler())
	q := `query($n: Int) {
		entities(types: [AGENCY, CITY, ACTOR], first: $n) { edges { node {
			name
			events(first: $n) { totalCount edges { node { type arguments { entity { name } } article { title } } } }
			cities(first: $n) { edges { node { name } sharedEvents evidence(first: 3) { sentence { text } article { title } } } }
			... on Agency { country { name } members { name } }
		} } }
		events(first: $n) { edges { node { article { title events(first: 3) { edges { node { type } } } } } } }
	}`
	// The fewest of three runs: a run on a busy machine may split a batch
	// and take a trip more, while an N+1 query would add trips every time.
	trips := func(n int) int64 {
		fewest := int64(-1)
		for range 3 {
			before := e.trips.Load()
			var raw map[string]any
			post(t, c, q, &raw, client.Var("n", n))
			if got := e.trips.Load() - before; fewest < 0 || got < fewest {
				fewest = got
			}
		}
		return fewest
	}
	small, large := trips(10), trips(40)
	t.Logf("round trips: %d at first=10, %d at first=40", small, large)
	if large != small || large > 12 {
		t.Errorf("round trips grow with page size: %d at first=10, %d at first=40", small, large)
	}
}

// A subscription receives the events of an article ingested afterwards.
// The subscription gets the events of articles ingested through the API
// and of articles written by another process.
func TestEventIngestedSubscription(t *testing.T) {
	e := seed(t)
	srv := startServer(t, e, nil)
	c := newClient(srv.Handler())
	sub := c.Websocket(`subscription { eventIngested(filter: {types: [DEFECTION]}) { type sentence { text } article { title } } }`)
	defer sub.Close()
	type msg struct {
		EventIngested struct {
			Type     string
			Sentence struct{ Text string }
			Article  struct{ Title string }
		}
	}
	got := make(chan msg, 4)
	errc := make(chan error, 1)
	go func() {
		for {
			var m msg
			if err := sub.Next(&m); err != nil {
				errc <- err
				return
			}
			got <- m
		}
	}()
	// Wait until the subscription is registered.
	deadline := time.Now().Add(5 * time.Second)
	for srv.Resolver().Broker.Subscribers() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	next := func(wantTitle string) {
		t.Helper()
		select {
		case m := <-got:
			if m.EventIngested.Type != "DEFECTION" || m.EventIngested.Article.Title != wantTitle {
				t.Errorf("received %+v, want a defection of %q", m, wantTitle)
			}
		case err := <-errc:
			t.Fatal(err)
		case <-time.After(10 * time.Second):
			t.Fatalf("no event of %q received", wantTitle)
		}
	}
	var out map[string]any
	post(t, c, `mutation { ingestArticle(input: {title: "Live", text: "Three North Korean diplomats defected in Vladivostok in May, officials said. Police arrested a broker in Hunchun."}) { eventCount } }`, &out)
	next("Live")

	doc, err := e.x.Extract("outside-live.txt", "Two North Korean seamen defected in Nakhodka in June, a source in the port said.")
	if err != nil {
		t.Fatal(err)
	}
	doc.Article.Title = "Outside"
	if _, err := e.store.WriteDocuments(context.Background(), []domain.Document{doc}, e.x.Version()); err != nil {
		t.Fatal(err)
	}
	next("Outside")
}

func TestHTTPEndpoints(t *testing.T) {
	e := seed(t)
	get := func(h http.Handler, path string, hdr ...string) (int, string, http.Header) {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		for i := 0; i+1 < len(hdr); i += 2 {
			req.Header.Set(hdr[i], hdr[i+1])
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		b, _ := io.ReadAll(w.Body)
		return w.Code, string(b), w.Header()
	}
	dev := e.server(t, func(c *config.Config, _ *httpserver.Options) { c.CORSOrigins = []string{"https://dash.example.org"} }).Handler()
	if code, body, _ := get(dev, "/"); code != 200 || !strings.Contains(body, "graphiql") {
		t.Errorf("playground: %d", code)
	}
	if code, _, _ := get(dev, "/healthz"); code != 200 {
		t.Errorf("healthz %d", code)
	}
	if code, body, _ := get(dev, "/readyz"); code != 200 {
		t.Errorf("readyz %d %s", code, body)
	}
	do(t, dev, `{ events(first: 1) { totalCount } }`)
	code, body, _ := get(dev, "/metrics")
	for _, m := range []string{"eventgraph_http_requests_total", "eventgraph_cypher_query_duration_seconds", "eventgraph_graphql_operations_total", "eventgraph_ingest_articles_total", "go_goroutines"} {
		if code != 200 || !strings.Contains(body, m) {
			t.Errorf("metrics lack %s", m)
		}
	}
	if _, _, h := get(dev, "/query?query=%7B__typename%7D", "Origin", "https://dash.example.org"); h.Get("Access-Control-Allow-Origin") != "https://dash.example.org" {
		t.Errorf("CORS: allowed origin not echoed: %v", h)
	}
	if _, _, h := get(dev, "/query?query=%7B__typename%7D", "Origin", "https://evil.example.com"); h.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("CORS: other origin allowed: %v", h)
	}
	code, out, _ := do(t, dev, `{ __schema { queryType { name } } }`)
	if code != 200 || out["errors"] != nil {
		t.Errorf("introspection in development: %d %v", code, out)
	}
	code, out, _ = do(t, dev, `{ evnts { totalCount } }`)
	if !strings.Contains(fmt.Sprint(out), "Did you mean") {
		t.Errorf("suggestions in development: %d %v", code, out)
	}

	prod := e.server(t, func(c *config.Config, _ *httpserver.Options) { c.Production = true }).Handler()
	if code, _, _ := get(prod, "/"); code != 404 {
		t.Errorf("playground in production: %d", code)
	}
	code, out, _ = do(t, prod, `{ __schema { queryType { name } } }`)
	if out["errors"] == nil {
		t.Errorf("introspection in production: %d %v", code, out)
	}
	code, out, _ = do(t, prod, `{ evnts { totalCount } }`)
	if strings.Contains(fmt.Sprint(out), "Did you mean") || code < 400 {
		t.Errorf("suggestions in production: %d %v", code, out)
	}
}

// Serve shuts down gracefully when its context ends.
func TestGracefulShutdown(t *testing.T) {
	e := seed(t)
	srv := e.server(t, func(c *config.Config, _ *httpserver.Options) { c.Addr = "127.0.0.1:0" })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.ListenAndServe(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for srv.Addr() == nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	resp, err := http.Get("http://" + srv.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shutdown: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not stop")
	}
}
