package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"

	"eventgraph/config"
	"eventgraph/graph"
	"eventgraph/httpserver"
	"eventgraph/neo4jstore"
)

const serveSummary = `Serve the GraphQL API over the graph in Neo4j.

The API is at /query (POST or GET; subscriptions over WebSocket), the
GraphiQL playground at / (not with EVENTGRAPH_PRODUCTION=true), health at
/healthz, readiness (Neo4j reachable) at /readyz and Prometheus metrics at
/metrics. Settings come from the environment: EVENTGRAPH_ADDR,
EVENTGRAPH_API_KEY (required by the ingestArticle mutation when set),
EVENTGRAPH_CORS_ORIGINS, EVENTGRAPH_PRODUCTION, EVENTGRAPH_QUERY_TIMEOUT and
the NEO4J_* variables. Ctrl-C or SIGTERM stops it gracefully.`

// serveCommand is "eventgraph serve".
func serveCommand() command {
	return command{name: "serve", summary: "serve the GraphQL API", run: runServe}
}

func runServe(ctx context.Context, env *Env, args []string) int {
	fs := newFlagSet(env, "serve", "", serveSummary)
	addr := fs.String("addr", "", "listen on `HOST:PORT` (overrides EVENTGRAPH_ADDR)")
	rules := fs.String("rules", "", "load rules and gazetteers from `DIR` instead of the built-in ones")
	cacheTTL := fs.Duration("cache-ttl", httpserver.DefaultCacheTTL, "refresh cached read results at least this often; 0 turns the cache off")
	cacheHold := fs.Duration("cache-hold", httpserver.DefaultCacheHold, "keep each cached result at least this long even when the graph changes (bounds recomputation during a bulk ingest); negative: not at all")
	cachePoll := fs.Duration("cache-poll", httpserver.DefaultCachePoll, "check this often whether the graph changed (writes by any process refresh the cache); negative: never")
	cacheSize := fs.Int("cache-size", httpserver.DefaultCacheSize, "read results kept at most")
	maxBody := fs.Int64("max-body", httpserver.DefaultMaxBodyBytes, "largest request body in bytes")
	complexity := fs.Int("max-complexity", graph.DefaultComplexityLimit, "largest operation complexity (lists weighted by first)")
	depth := fs.Int("max-depth", graph.DefaultMaxDepth, "deepest selection nesting")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn, error")
	jsonLogs := fs.Bool("log-json", false, "log JSON lines instead of text")
	debugAddr := fs.String("debug-addr", "", "serve Go profiles (/debug/pprof/) on `HOST:PORT`, for diagnosis; keep it on localhost")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return ExitUsage
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph serve: %v\n", err)
		return ExitUsage
	}
	if *addr != "" {
		cfg.Addr = *addr
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph serve: -log-level: %v\n", err)
		return ExitUsage
	}
	hopts := &slog.HandlerOptions{Level: level}
	logger := slog.New(slog.NewTextHandler(env.Stderr, hopts))
	if *jsonLogs {
		logger = slog.New(slog.NewJSONHandler(env.Stderr, hopts))
	}

	x, code := loadExtractor(env, "serve", *rules)
	if x == nil {
		return code
	}
	metrics := httpserver.NewMetrics()
	store, err := neo4jstore.Open(ctx, cfg.Neo4j, neo4jstore.WithTimeout(cfg.QueryTimeout), neo4jstore.WithObserver(metrics.ObserveCypher))
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph serve: %v\n", err)
		return ExitFailure
	}
	defer store.Close(context.WithoutCancel(ctx))

	srv := httpserver.New(cfg, httpserver.Options{
		Store: store, Extractor: x, Writer: store, Metrics: metrics, Logger: logger,
		MaxBodyBytes: *maxBody, CacheSize: *cacheSize, CacheTTL: *cacheTTL, CachePoll: *cachePoll, CacheHold: *cacheHold,
		Graph: graph.ServerOptions{ComplexityLimit: *complexity, MaxDepth: *depth},
	})
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph serve: %v\n", err)
		return ExitFailure
	}
	base := "http://" + displayAddr(ln.Addr().String())
	fmt.Fprintf(env.Stdout, "eventgraph %s serving\n", x.Version())
	fmt.Fprintf(env.Stdout, "  API:           %s/query\n", base)
	if cfg.Production {
		fmt.Fprintln(env.Stdout, "  Playground:    off (production)")
	} else {
		fmt.Fprintf(env.Stdout, "  Playground:    %s/\n", base)
	}
	fmt.Fprintf(env.Stdout, "  Metrics:       %s/metrics\n", base)
	if cfg.Neo4j.IsLocal() {
		fmt.Fprintln(env.Stdout, "  Neo4j Browser: http://localhost:7474/browser/")
	}
	logger.Info("serving", "addr", ln.Addr().String(), "production", cfg.Production,
		"api_key", cfg.APIKey != "", "cors_origins", strings.Join(cfg.CORSOrigins, ","), "query_timeout", cfg.QueryTimeout.String())
	if *debugAddr != "" {
		go func() {
			mux := http.NewServeMux()
			mux.HandleFunc("/debug/pprof/", pprof.Index)
			mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
			mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
			dbg := &http.Server{Addr: *debugAddr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
			logger.Info("profiles", "addr", *debugAddr)
			if err := dbg.ListenAndServe(); err != nil {
				logger.Warn("profiles", "err", err)
			}
		}()
	}
	start := time.Now()
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(env.Stderr, "eventgraph serve: %v\n", err)
		return ExitFailure
	}
	logger.Info("stopped", "uptime", time.Since(start).Round(time.Second).String())
	return ExitOK
}

// displayAddr makes a listen address clickable: an unspecified host
// becomes localhost.
func displayAddr(a string) string {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return a
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
