package graph

import (
	"context"
	"log/slog"
	"time"

	"eventgraph/domain"
	"eventgraph/neo4jstore"
)

// Resolver holds the API's dependencies. Resolvers stay thin: they turn
// arguments into store queries and rows into GraphQL types.
type Resolver struct {
	Store *neo4jstore.Store
	// Extractor and Writer serve ingestArticle; without them the mutation
	// answers that ingestion is not available.
	Extractor domain.Extractor
	Writer    domain.DocumentWriter
	// APIKey, when set, is required as a bearer token by ingestArticle.
	APIKey string
	// MaxArticleBytes bounds the text ingestArticle accepts.
	MaxArticleBytes int
	// Cache holds read results for a short time; nil caches nothing.
	Cache *Cache
	// Broker feeds the eventIngested subscription.
	Broker *Broker
	// BatchWait is how long dataloaders wait for more keys.
	BatchWait time.Duration
	// OnIngest is called after each ingested article (metrics).
	OnIngest func(events int, err error)
	// OnWrite is called after the API wrote to the graph, to drop caches
	// kept outside the resolver.
	OnWrite func()
	Logger  *slog.Logger
}

// DefaultMaxArticleBytes is the default size limit of an ingested text.
const DefaultMaxArticleBytes = 512 << 10

// loaders returns the request's loaders, or fresh ones outside a request
// (tests, subscriptions).
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l := loadersFrom(ctx); l != nil {
		return l
	}
	return NewLoaders(r.Store, r.Cache, r.BatchWait)
}

type apiKeyCtx struct{}

// WithBearerToken returns ctx carrying the request's bearer token, for
// ingestArticle to check.
func WithBearerToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, apiKeyCtx{}, token)
}

func bearerToken(ctx context.Context) string {
	s, _ := ctx.Value(apiKeyCtx{}).(string)
	return s
}
