package testenv

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"eventgraph/config"
)

// Neo4jConfig returns the settings of the test Neo4j server (the same
// environment variables as the app) after checking that it answers; a
// server that does not answer fails the test under CI and skips it elsewhere.
func Neo4jConfig(t testing.TB) config.Neo4j {
	t.Helper()
	cfg, err := config.Load(os.Getenv)
	if err != nil {
		t.Fatalf("config: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	driver := newDriver(t, cfg.Neo4j)
	defer driver.Close(ctx)
	if err := driver.VerifyConnectivity(ctx); err != nil {
		Unavailable(t, "Neo4j at %s is not reachable (run `make neo4j-start`): %v", cfg.Neo4j.URI, err)
	}
	return cfg.Neo4j
}

// ResetNeo4j deletes every node and relationship of the test database, so a
// test starts from an empty graph. Schema (constraints, indexes) stays.
func ResetNeo4j(t testing.TB, cfg config.Neo4j) {
	t.Helper()
	ctx := context.Background()
	driver := newDriver(t, cfg)
	defer driver.Close(ctx)
	// Relationships first, then nodes, a batch at a time: one transaction
	// per hub node would not fit in memory on a large graph.
	sess := driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: cfg.Database})
	defer sess.Close(ctx)
	for _, wipe := range []string{
		"MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
		"MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
	} {
		res, err := sess.Run(ctx, wipe, nil)
		if err == nil {
			_, err = res.Consume(ctx)
		}
		if err != nil {
			t.Fatalf("reset neo4j: %v", err)
		}
	}
}

// CountQuery runs a query returning one integer and returns it.
func CountQuery(t testing.TB, cfg config.Neo4j, query string) int64 {
	t.Helper()
	ctx := context.Background()
	driver := newDriver(t, cfg)
	defer driver.Close(ctx)
	res, err := neo4j.ExecuteQuery(ctx, driver, query, nil, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if len(res.Records) != 1 || len(res.Records[0].Values) != 1 {
		t.Fatalf("%s: want one value, got %d records", query, len(res.Records))
	}
	n, ok := res.Records[0].Values[0].(int64)
	if !ok {
		t.Fatalf("%s: value %v is not an integer", query, res.Records[0].Values[0])
	}
	return n
}

// newDriver returns a driver for cfg; the caller closes it.
func newDriver(t testing.TB, cfg config.Neo4j) neo4j.DriverWithContext {
	t.Helper()
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""))
	if err != nil {
		t.Fatalf("neo4j driver: %v", err)
	}
	return driver
}
