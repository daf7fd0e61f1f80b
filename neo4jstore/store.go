// Package neo4jstore keeps eventgraph's knowledge graph in Neo4j: schema
// migrations, batched idempotent writes of extracted documents and the reads
// the API serves. It knows nothing of GraphQL.
package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	neo4jconfig "github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"eventgraph/config"
	"eventgraph/domain"
)

// retryTime bounds how long a managed transaction is retried after
// transient errors (deadlocks between concurrent batches, a leader switch,
// a server restart).
const retryTime = 2 * time.Minute

// Store is a connection to the Neo4j database holding the graph. It is safe
// for concurrent use.
type Store struct {
	driver   neo4j.DriverWithContext
	database string
	timeout  time.Duration
	observe  func(query string, d time.Duration, err error)
}

// Option changes how a Store behaves.
type Option func(*Store)

// WithTimeout bounds every transaction the store runs.
func WithTimeout(d time.Duration) Option { return func(s *Store) { s.timeout = d } }

// WithObserver calls fn after every query with its name, duration and error,
// for metrics and for tests that count round trips.
func WithObserver(fn func(query string, d time.Duration, err error)) Option {
	return func(s *Store) { s.observe = fn }
}

// Open connects to Neo4j, checks that it answers and runs the migrations.
func Open(ctx context.Context, cfg config.Neo4j, opts ...Option) (*Store, error) {
	driver, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.Username, cfg.Password, ""),
		func(c *neo4jconfig.Config) { c.MaxTransactionRetryTime = retryTime })
	if err != nil {
		return nil, fmt.Errorf("neo4j driver for %s: %w", cfg.URI, err)
	}
	s := &Store{driver: driver, database: cfg.Database, timeout: config.DefaultQueryTimeout}
	for _, o := range opts {
		o(s)
	}
	if err := s.Ping(ctx); err != nil {
		driver.Close(ctx)
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		driver.Close(ctx)
		return nil, err
	}
	return s, nil
}

// Close releases the driver's connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping reports whether Neo4j answers, as a *domain.Error with code
// EUNAVAILABLE when it does not.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return fmt.Errorf("%w: %v", domain.Errorf(domain.EUNAVAILABLE, "neo4j is not reachable"), err)
	}
	return nil
}

// metaKey is the id of the node that holds the graph's data version.
const metaKey = "graph"

// DataVersion returns a number that changes whenever a write batch commits
// (0 on an empty graph), for caches to notice writes by any process.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	res, err := s.read(ctx, "data version", qDataVersion, map[string]any{"key": metaKey})
	if err != nil {
		return 0, err
	}
	if len(res.Records) == 0 {
		return 0, nil
	}
	v, _ := res.Records[0].Get("version")
	n, _ := v.(int64)
	return n, nil
}

// WrittenArticles returns the ids of the articles written by the batches
// that moved the data version past after and up to upTo, in commit order,
// at most limit of them.
func (s *Store) WrittenArticles(ctx context.Context, after, upTo int64, limit int) ([]string, error) {
	res, err := s.read(ctx, "written articles", qWrittenArticles, map[string]any{"after": after, "upTo": upTo, "limit": limit})
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(res.Records))
	for _, r := range res.Records {
		if v, ok := r.Get("id"); ok {
			if id, ok := v.(string); ok {
				ids = append(ids, id)
			}
		}
	}
	return ids, nil
}

// run executes one query in its own auto-retried transaction and returns
// its records.
func (s *Store) run(ctx context.Context, name, query string, params map[string]any, mode neo4j.ExecuteQueryConfigurationOption) (*neo4j.EagerResult, error) {
	start := time.Now()
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(s.database), mode)
	s.record(name, time.Since(start), err)
	if err != nil {
		return nil, translate(fmt.Errorf("%s: %w", name, err))
	}
	return res, nil
}

// read runs a read-only query, routed to readers in a cluster.
func (s *Store) read(ctx context.Context, name, query string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.run(ctx, name, query, params, neo4j.ExecuteQueryWithReadersRouting())
}

// write runs a single write query.
func (s *Store) write(ctx context.Context, name, query string, params map[string]any) (*neo4j.EagerResult, error) {
	return s.run(ctx, name, query, params, neo4j.ExecuteQueryWithWritersRouting())
}

func (s *Store) record(name string, d time.Duration, err error) {
	if s.observe != nil {
		s.observe(name, d, err)
	}
}

// translate gives errors that callers act on a domain code.
func translate(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: %v", domain.Errorf(domain.EUNAVAILABLE, "query timed out"), err)
	case neo4j.IsConnectivityError(err):
		return fmt.Errorf("%w: %v", domain.Errorf(domain.EUNAVAILABLE, "neo4j is not reachable"), err)
	case errors.As(err, new(*neo4j.TransactionExecutionLimit)):
		return fmt.Errorf("%w: %v", domain.Errorf(domain.EUNAVAILABLE, "the write kept failing on transient errors"), err)
	}
	return err
}
