package httpserver_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"eventgraph/config"
	"eventgraph/corpus"
	"eventgraph/domain"
	"eventgraph/extractor"
	"eventgraph/httpserver"
	"eventgraph/internal/testenv"
	"eventgraph/neo4jstore"
	"eventgraph/synth"
)

// env is the seeded graph every test of the package reads: the shared dev
// articles, the repository's samples and 60 generated articles.
type env struct {
	cfg     config.Config
	store   *neo4jstore.Store
	x       *extractor.Extractor
	trips   atomic.Int64 // Cypher round trips so far
	metrics *httpserver.Metrics
	docs    []domain.Document
	synth   int // generated articles
	events  int // events written
}

var (
	seedOnce sync.Once
	seeded   *env
	seedErr  string
)

// seed resets Neo4j and writes the test corpus once for the package.
func seed(t *testing.T) *env {
	t.Helper()
	ncfg := testenv.Neo4jConfig(t)
	evalDir := testenv.EvalDir(t)
	seedOnce.Do(func() {
		e, msg := buildEnv(t, ncfg, evalDir)
		seeded, seedErr = e, msg
	})
	if seeded == nil {
		t.Fatalf("seeding failed: %s", seedErr)
	}
	return seeded
}

func buildEnv(t *testing.T, ncfg config.Neo4j, evalDir string) (*env, string) {
	ctx := context.Background()
	testenv.ResetNeo4j(t, ncfg)
	e := &env{metrics: httpserver.NewMetrics()}
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		return nil, err.Error()
	}
	cfg.Neo4j = ncfg
	cfg.QueryTimeout = 20 * time.Second
	e.cfg = cfg
	e.store, err = neo4jstore.Open(ctx, ncfg, neo4jstore.WithTimeout(cfg.QueryTimeout),
		neo4jstore.WithObserver(func(q string, d time.Duration, err error) {
			e.trips.Add(1)
			if os.Getenv("EVENTGRAPH_TEST_TRIPS") != "" {
				println("cypher:", q, d.String())
			}
			e.metrics.ObserveCypher(q, d, err)
		}))
	if err != nil {
		return nil, err.Error()
	}
	if e.x, err = extractor.New(); err != nil {
		return nil, err.Error()
	}
	paths, _ := filepath.Glob(filepath.Join(evalDir, "dev", "articles", "*.txt"))
	sort.Strings(paths)
	paths = append(paths, filepath.Join(testenv.RepoRoot(), "samples"))
	for it, err := range corpus.Items(paths, corpus.Options{}) {
		if err != nil {
			return nil, err.Error()
		}
		doc, err := e.x.Extract(filepath.Base(it.Source), it.Text)
		if err != nil {
			return nil, err.Error()
		}
		it.Annotate(&doc)
		e.docs = append(e.docs, doc)
	}
	e.synth = 60
	for i := range e.synth {
		a := synth.Generate(7, i)
		doc, err := e.x.Extract(a.Name, a.Text)
		if err != nil {
			return nil, err.Error()
		}
		doc.Article.Title, doc.Article.PublishedAt = a.Title, a.PublishedAt
		e.docs = append(e.docs, doc)
	}
	if _, err := e.store.WriteDocuments(ctx, e.docs, e.x.Version()); err != nil {
		return nil, err.Error()
	}
	for _, d := range e.docs {
		e.events += len(d.Events)
	}
	return e, ""
}

// server returns a fresh server over the seeded graph; change sets
// configuration and options for the test.
func (e *env) server(t *testing.T, change func(*config.Config, *httpserver.Options)) *httpserver.Server {
	t.Helper()
	cfg := e.cfg
	o := httpserver.Options{Store: e.store, Extractor: e.x, Writer: e.store, Logger: quietLogger(), Metrics: e.metrics}
	if change != nil {
		change(&cfg, &o)
	}
	return httpserver.New(cfg, o)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if seeded != nil && seeded.store != nil {
		seeded.store.Close(context.Background())
	}
	os.Exit(code)
}
