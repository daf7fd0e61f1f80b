// Package httpserver serves eventgraph's GraphQL API over HTTP: the
// GraphiQL playground at / (not in production), the API at /query (with
// WebSocket subscriptions), /healthz, /readyz and /metrics, with CORS,
// body and time limits, structured logs and graceful shutdown.
package httpserver

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/rs/cors"

	"eventgraph/config"
	"eventgraph/domain"
	"eventgraph/graph"
	"eventgraph/neo4jstore"
)

// Defaults of Options.
const (
	DefaultMaxBodyBytes = 1 << 20
	DefaultCacheSize    = 10000
	DefaultCacheTTL     = 5 * time.Minute
	DefaultCacheHold    = 10 * time.Second
	DefaultMaxSubs      = 1000
)

// Options are what the server needs besides the configuration.
type Options struct {
	Store     *neo4jstore.Store
	Extractor domain.Extractor      // for ingestArticle; nil disables it
	Writer    domain.DocumentWriter // for ingestArticle; nil disables it
	Metrics   *Metrics              // nil creates one
	Logger    *slog.Logger

	// MaxBodyBytes caps a request body (413 beyond).
	MaxBodyBytes int64
	// CacheSize and CacheTTL size the read cache; zero TTL turns it off.
	// CachePoll is how often the graph's data version is read to notice
	// writes, for the caches and the eventIngested subscription
	// (DefaultCachePoll when zero; negative: never).
	// CacheHold keeps each result at least this long after it was computed
	// even when the graph changes (DefaultCacheHold when zero; negative:
	// not at all), so a bulk ingest does not make every request recompute.
	CacheSize int
	CacheTTL  time.Duration
	CachePoll time.Duration
	CacheHold time.Duration
	// Graph holds the GraphQL limits; Production and origins come from
	// the configuration.
	Graph graph.ServerOptions
	// BatchWait is how long dataloaders wait for more keys.
	BatchWait time.Duration
}

// Server is the HTTP server.
type Server struct {
	cfg      config.Config
	opts     Options
	logger   *slog.Logger
	metrics  *Metrics
	resolver *graph.Resolver
	gql      *handler.Server
	respC    *responseCache
	handler  http.Handler
	// graphChanges counts data version changes seen by watchGraph.
	graphChanges atomic.Uint64

	mu      sync.Mutex
	httpSrv *http.Server
	addr    net.Addr

	// wsCtx ends when the server shuts down, ending subscriptions, which
	// http.Server.Shutdown does not track.
	wsCtx  context.Context
	stopWS context.CancelFunc
}

// New builds the server; Serve or ListenAndServe runs it.
func New(cfg config.Config, o Options) *Server {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Metrics == nil {
		o.Metrics = NewMetrics()
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.CachePoll == 0 {
		o.CachePoll = DefaultCachePoll
	}
	if o.CacheHold == 0 {
		o.CacheHold = DefaultCacheHold
	}
	if o.BatchWait <= 0 {
		o.BatchWait = graph.DefaultBatchWait
	}
	s := &Server{cfg: cfg, opts: o, logger: o.Logger, metrics: o.Metrics}
	s.wsCtx, s.stopWS = context.WithCancel(context.Background())
	hold := max(o.CacheHold, 0)
	cache := graph.NewCache(o.CacheSize, o.CacheTTL, hold)
	s.respC = &responseCache{cache: graph.NewCache(o.CacheSize/4+1, o.CacheTTL, hold)}
	s.resolver = &graph.Resolver{
		Store: o.Store, Extractor: o.Extractor, Writer: o.Writer, APIKey: cfg.APIKey,
		Cache: cache, Broker: graph.NewBroker(o.Store, DefaultMaxSubs, o.Logger),
		BatchWait: o.BatchWait, OnIngest: o.Metrics.ObserveIngest, Logger: o.Logger,
		OnWrite: s.respC.cache.Clear,
	}
	gopts := o.Graph
	gopts.Production = cfg.Production
	gopts.OriginPatterns = originHosts(cfg.CORSOrigins)
	s.gql = graph.NewServer(s.resolver, gopts)
	s.gql.AroundOperations(s.observeOperation)
	s.registerGauges(cache)
	s.handler = s.routes()
	return s
}

// Handler returns the server's routes with their middleware.
func (s *Server) Handler() http.Handler { return s.handler }

// Resolver returns the GraphQL resolver, for tests.
func (s *Server) Resolver() *graph.Resolver { return s.resolver }

func (s *Server) registerGauges(cache *graph.Cache) {
	s.metrics.GaugeFunc("eventgraph_subscriptions", "Live eventIngested subscriptions.", func() float64 {
		return float64(s.resolver.Broker.Subscribers())
	})
	s.metrics.CounterFunc("eventgraph_subscription_dropped_total", "Events not delivered to slow subscribers.", func() float64 {
		return float64(s.resolver.Broker.Dropped.Load())
	})
	s.metrics.CounterFunc("eventgraph_graph_changes_total", "Changes of the graph's data version seen by the server (each marks the caches stale).", func() float64 {
		return float64(s.graphChanges.Load())
	})
	s.metrics.GaugeFunc("eventgraph_read_cache_entries", "Entries in the read cache.", func() float64 {
		n, _, _ := cache.Stats()
		return float64(n)
	})
	s.metrics.CounterFunc("eventgraph_read_cache_hits_total", "Read cache hits.", func() float64 {
		_, h, _ := cache.Stats()
		return float64(h)
	})
	s.metrics.CounterFunc("eventgraph_read_cache_misses_total", "Read cache misses.", func() float64 {
		_, _, m := cache.Stats()
		return float64(m)
	})
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	api := s.limitBody(s.withTimeout(s.withToken(s.respC.wrap(s.gql))))
	if len(s.cfg.CORSOrigins) > 0 {
		api = cors.New(cors.Options{
			AllowedOrigins: s.cfg.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{"Content-Type", "Authorization"},
			MaxAge:         600,
		}).Handler(api)
	}
	mux.Handle("/query", s.instrument("/query", api))
	mux.Handle("GET /healthz", s.instrument("/healthz", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})))
	mux.Handle("GET /readyz", s.instrument("/readyz", http.HandlerFunc(s.ready)))
	mux.Handle("GET /metrics", promhttp.HandlerFor(s.metrics.Registry, promhttp.HandlerOpts{}))
	if !s.cfg.Production {
		mux.Handle("GET /{$}", s.instrument("/", playground.Handler("eventgraph", "/query")))
	}
	mux.Handle("/", s.instrument("other", http.NotFoundHandler()))
	return s.recoverPanics(mux)
}

// ready answers 200 when Neo4j answers, 503 otherwise.
func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.opts.Store.Ping(ctx); err != nil {
		s.logger.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "neo4j is not reachable")
		return
	}
	fmt.Fprintln(w, "ready")
}

// isUpgrade reports whether r opens a WebSocket.
func isUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

// limitBody refuses bodies over the cap with 413, before gqlgen reads them.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.opts.MaxBodyBytes {
			http.Error(w, "request body too large", http.StatusRequestEntityTooLarge)
			return
		}
		if len(r.URL.RawQuery) > 64<<10 {
			http.Error(w, "query string too long", http.StatusRequestURITooLong)
			return
		}
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		}
		next.ServeHTTP(w, r)
	})
}

// withTimeout bounds each HTTP request (not WebSocket connections, whose
// operations run as long as the client stays).
func (s *Server) withTimeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isUpgrade(r) {
			ctx, cancel := context.WithCancel(r.Context())
			defer cancel()
			stop := context.AfterFunc(s.wsCtx, cancel)
			defer stop()
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if s.cfg.QueryTimeout <= 0 {
			next.ServeHTTP(w, r)
			return
		}
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.QueryTimeout + 5*time.Second))
		ctx, cancel := context.WithTimeout(r.Context(), s.cfg.QueryTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// withToken passes the bearer token to the resolvers.
func (s *Server) withToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
			r = r.WithContext(graph.WithBearerToken(r.Context(), strings.TrimSpace(h[7:])))
		}
		next.ServeHTTP(w, r)
	})
}

type opInfoKey struct{}

// opInfo carries the GraphQL operation's name to the access log.
type opInfo struct {
	mu   sync.Mutex
	name string
	typ  string
}

// observeOperation counts and times GraphQL operations.
func (s *Server) observeOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	typ, name := "unknown", oc.OperationName
	if oc.Operation != nil {
		typ = string(oc.Operation.Operation)
	}
	if name == "" {
		name = "anonymous"
	}
	if len(name) > 64 {
		name = name[:64]
	}
	if info, ok := ctx.Value(opInfoKey{}).(*opInfo); ok {
		info.mu.Lock()
		info.name, info.typ = name, typ
		info.mu.Unlock()
	}
	start := time.Now()
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		if resp == nil {
			return nil
		}
		result := "ok"
		if len(resp.Errors) > 0 {
			result = "error"
		}
		if typ != "subscription" {
			s.metrics.opDuration.WithLabelValues(typ).Observe(time.Since(start).Seconds())
		}
		s.metrics.operations.WithLabelValues(typ, name, result).Inc()
		return resp
	}
}

// statusWriter records the status code and size of a response.
type statusWriter struct {
	http.ResponseWriter
	code  int
	bytes int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController and WebSocket hijacking reach the
// underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// instrument logs and measures each request of a route.
func (s *Server) instrument(route string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		info := &opInfo{}
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), opInfoKey{}, info)))
		code := sw.code
		if code == 0 {
			code = http.StatusOK
		}
		d := time.Since(start)
		if !isUpgrade(r) {
			s.metrics.httpDuration.WithLabelValues(route).Observe(d.Seconds())
		}
		s.metrics.httpRequests.WithLabelValues(route, r.Method, fmt.Sprint(code)).Inc()
		info.mu.Lock()
		op := info.name
		info.mu.Unlock()
		level := slog.LevelDebug
		if route == "/query" || code >= 400 {
			level = slog.LevelInfo
		}
		if code >= 500 {
			level = slog.LevelWarn
		}
		s.logger.Log(r.Context(), level, "http", "method", r.Method, "path", r.URL.Path, "status", code,
			"bytes", sw.bytes, "duration_ms", float64(d.Microseconds())/1000, "operation", op, "remote", r.RemoteAddr)
	})
}

// recoverPanics turns a panic outside gqlgen into a 500 and a log line.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.logger.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(v))
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// originHosts turns CORS origins ("https://dash.example.org") into the
// host patterns the WebSocket origin check takes.
func originHosts(origins []string) []string {
	var out []string
	for _, o := range origins {
		if o == "*" {
			out = append(out, "*")
			continue
		}
		if u, err := url.Parse(o); err == nil && u.Host != "" {
			out = append(out, u.Host)
		} else {
			out = append(out, o)
		}
	}
	return out
}

// ListenAndServe listens on the configured address and serves until ctx
// ends, then shuts down gracefully.
func (s *Server) ListenAndServe(ctx context.Context) error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Addr returns the address the server listens on, once it does.
func (s *Server) Addr() net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Serve serves on ln until ctx ends, then stops accepting, lets requests
// in flight finish (up to 10 seconds) and closes subscriptions.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	stopWS := s.stopWS
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.logger.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(stopWS)
	if s.opts.CachePoll > 0 {
		go s.watchGraph(s.wsCtx, s.opts.CachePoll)
	}
	s.mu.Lock()
	s.httpSrv, s.addr = srv, ln.Addr()
	s.mu.Unlock()

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		stopWS()
		return err
	case <-ctx.Done():
	}
	s.logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	stopWS()
	if e := <-errc; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}
