package ingest_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"eventgraph/config"
	"eventgraph/corpus"
	"eventgraph/extractor"
	"eventgraph/ingest"
	"eventgraph/internal/testenv"
	"eventgraph/neo4jstore"
	"eventgraph/synth"
)

// setup connects to an emptied test graph and builds the extractor.
func setup(t *testing.T) (*neo4jstore.Store, config.Neo4j, *extractor.Extractor) {
	t.Helper()
	cfg := testenv.Neo4jConfig(t)
	testenv.ResetNeo4j(t, cfg)
	s, err := neo4jstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	x, err := extractor.New()
	if err != nil {
		t.Fatalf("extractor: %v", err)
	}
	return s, cfg, x
}

// corpusPaths returns the dev articles and our own test articles.
func corpusPaths(t *testing.T) []string {
	t.Helper()
	return []string{
		filepath.Join(testenv.EvalDir(t), "dev", "articles"),
		filepath.Join(testenv.RepoRoot(), "extractor", "testdata", "articles"),
	}
}

func run(t *testing.T, s *neo4jstore.Store, x *extractor.Extractor, opts ingest.Options, paths ...string) ingest.Stats {
	t.Helper()
	stats, err := ingest.New(x, s, opts).Run(context.Background(), corpus.Items(paths, corpus.Options{}))
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	return stats
}

// size returns the graph's node and relationship counts.
func size(t *testing.T, cfg config.Neo4j) [2]int64 {
	t.Helper()
	return [2]int64{
		testenv.CountQuery(t, cfg, "MATCH (n) RETURN count(n)"),
		testenv.CountQuery(t, cfg, "MATCH ()-[r]->() RETURN count(r)"),
	}
}

func TestIngestCorpusFacts(t *testing.T) {
	s, cfg, x := setup(t)
	stats := run(t, s, x, ingest.Options{}, corpusPaths(t)...)
	if stats.Skipped != 0 || stats.New == 0 {
		t.Fatalf("stats: got %+v, want articles and no skips", stats)
	}
	checks := []struct {
		name  string
		query string
		want  int64
	}{
		{"one article node per article", "MATCH (a:Article) RETURN count(a)", int64(stats.New)},
		{"MSS agents' defection in Shenyang tied to North Korea's MSS",
			`MATCH (ev:Defection)-[:AGENT]->(:Actor)-[:MEMBER_OF]->(:Agency {id: 'agency:kp:ministry-of-state-security'})
			 MATCH (ev)-[:LOCATION]->(:City {name: 'Shenyang'})-[:IN_REGION]->(:Region {name: 'Liaoning Province'})-[:IN_COUNTRY]->(:Country {name: 'China'})
			 RETURN count(DISTINCT ev) > 0`, 1},
		{"quota demand of 700,000 to 1,000,000 USD per year",
			`MATCH (ev:QuotaDemand) WHERE ev.amountMin = 700000 AND ev.amountMax = 1000000 AND ev.currency = 'USD' AND ev.period = 'year'
			 RETURN count(ev) > 0`, 1},
		{"China's MSS and North Korea's MSS are two nodes",
			`MATCH (a:Agency {name: 'Ministry of State Security'}) RETURN count(DISTINCT a.id)`, 2},
		{"the two ministries called MSS (state and social security) are apart",
			`MATCH (a:Agency) WHERE 'MSS' IN a.aliases AND a.id STARTS WITH 'agency:kp:' RETURN count(DISTINCT a.id)`, 2},
		{"every event reported in an article", "MATCH (ev:Event) WHERE NOT (ev)-[:REPORTED_IN]->(:Article) RETURN count(ev)", 0},
	}
	for _, c := range checks {
		got := testenv.CountQuery(t, cfg, "RETURN toInteger(COLLECT { "+c.query+" }[0])")
		if got != c.want {
			t.Errorf("%s: got %d, want %d", c.name, got, c.want)
		}
	}
}

func TestIngestThreeTimesLeavesGraphUnchanged(t *testing.T) {
	s, cfg, x := setup(t)
	first := run(t, s, x, ingest.Options{}, corpusPaths(t)...)
	want := size(t, cfg)
	for i := range 2 {
		stats := run(t, s, x, ingest.Options{}, corpusPaths(t)...)
		if stats.Unchanged != first.New || stats.New != 0 {
			t.Errorf("run %d: got %+v, want %d unchanged", i+2, stats, first.New)
		}
		if got := size(t, cfg); got != want {
			t.Errorf("run %d: graph size got %v, want %v", i+2, got, want)
		}
	}
}

func TestIngestParallelWorkersNoDuplicates(t *testing.T) {
	s, cfg, x := setup(t)
	dir := writeSynth(t, 400)
	run(t, s, x, ingest.Options{Writers: 8, BatchSize: 10}, append(corpusPaths(t), dir)...)
	if got := testenv.CountQuery(t, cfg, "MATCH (e:Entity) WITH e.id AS id, count(*) AS n WHERE n > 1 RETURN count(id)"); got != 0 {
		t.Errorf("duplicate entities: got %d, want 0", got)
	}
	if got := testenv.CountQuery(t, cfg, "MATCH (a:Article) RETURN count(a)"); got != 400+int64(len(articleFiles(t))) {
		t.Errorf("articles: got %d, want %d", got, 400+len(articleFiles(t)))
	}
}

// writeSynth writes n generated articles into a temporary directory.
func writeSynth(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	for i := range n {
		a := synth.Generate(1, i)
		if err := os.WriteFile(filepath.Join(dir, a.Name), []byte(a.Text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func articleFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, p := range corpusPaths(t) {
		m, _ := filepath.Glob(filepath.Join(p, "*.txt"))
		files = append(files, m...)
	}
	return files
}

// TestIngestSurvivesNeo4jRestart stops the local server in the middle of an
// ingestion, starts it again and reruns: every article is then present
// once, with all its events.
func TestIngestSurvivesNeo4jRestart(t *testing.T) {
	s, cfg, x := setup(t)
	if !cfg.IsLocal() {
		t.Skip("Neo4j is remote; the test stops and starts only the local server")
	}
	const n = 1200
	dir := writeSynth(t, n)
	script := filepath.Join(testenv.RepoRoot(), "scripts", "neo4j.sh")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	var restartErr error
	opts := ingest.Options{Writers: 2, BatchSize: 50, OnProgress: func(st ingest.Stats) {
		if st.New >= 300 {
			once.Do(func() {
				if restartErr = neo4jScript(script, "stop"); restartErr == nil {
					restartErr = neo4jScript(script, "start")
				}
			})
		}
	}}
	// The run may ride out the restart on the driver's retries or fail;
	// either way the rerun must leave every article written once, whole.
	_, err := ingest.New(x, s, opts).Run(ctx, corpus.Items([]string{dir}, corpus.Options{}))
	if restartErr != nil {
		t.Fatalf("restart Neo4j: %v", restartErr)
	}
	t.Logf("ingest across the restart: err = %v", err)
	s2, err := neo4jstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close(context.Background())
	stats := run(t, s2, x, ingest.Options{}, dir)
	if stats.New+stats.Unchanged != n || stats.Unchanged < 300 {
		t.Errorf("rerun: got %+v, want %d articles, at least 300 unchanged", stats, n)
	}
	if got := testenv.CountQuery(t, cfg, "MATCH (a:Article) RETURN count(a)"); got != n {
		t.Errorf("articles: got %d, want %d", got, n)
	}
	// Every article has as many events as the extractor finds in it.
	want := int64(0)
	for i := range n {
		a := synth.Generate(1, i)
		doc, err := x.Extract(a.Name, a.Text)
		if err != nil {
			t.Fatal(err)
		}
		want += int64(len(doc.Events))
	}
	if got := testenv.CountQuery(t, cfg, "MATCH (ev:Event)-[:REPORTED_IN]->(:Article) RETURN count(ev)"); got != want {
		t.Errorf("events: got %d, want %d", got, want)
	}
}

// neo4jScript runs the local server's control script.
func neo4jScript(script, verb string) error {
	out, err := exec.Command("bash", script, verb).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", script, verb, err, out)
	}
	return nil
}
