package httpserver

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Metrics are the server's Prometheus metrics, in a registry of their own.
type Metrics struct {
	Registry *prometheus.Registry

	httpRequests *prometheus.CounterVec
	httpDuration *prometheus.HistogramVec
	operations   *prometheus.CounterVec
	opDuration   *prometheus.HistogramVec
	cypher       *prometheus.HistogramVec
	cypherErrors *prometheus.CounterVec
	ingested     *prometheus.CounterVec
	ingestEvents prometheus.Counter
}

// NewMetrics registers the metrics, plus the Go runtime and process ones.
func NewMetrics() *Metrics {
	reg := prometheus.NewRegistry()
	buckets := []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
	m := &Metrics{
		Registry: reg,
		httpRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "eventgraph_http_requests_total", Help: "HTTP requests by route, method and status code.",
		}, []string{"route", "method", "code"}),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "eventgraph_http_request_duration_seconds", Help: "HTTP request latency by route.", Buckets: buckets,
		}, []string{"route"}),
		operations: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "eventgraph_graphql_operations_total", Help: "GraphQL operations by type, name and result (ok, error).",
		}, []string{"type", "operation", "result"}),
		opDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "eventgraph_graphql_operation_duration_seconds", Help: "GraphQL operation latency by type.", Buckets: buckets,
		}, []string{"type"}),
		cypher: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "eventgraph_cypher_query_duration_seconds", Help: "Cypher round trips by query name.", Buckets: buckets,
		}, []string{"query"}),
		cypherErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "eventgraph_cypher_errors_total", Help: "Failed Cypher round trips by query name.",
		}, []string{"query"}),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "eventgraph_ingest_articles_total", Help: "Articles ingested through the API by result (ok, error).",
		}, []string{"result"}),
		ingestEvents: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "eventgraph_ingest_events_total", Help: "Events extracted from articles ingested through the API.",
		}),
	}
	reg.MustRegister(m.httpRequests, m.httpDuration, m.operations, m.opDuration, m.cypher, m.cypherErrors,
		m.ingested, m.ingestEvents,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.ingested.WithLabelValues("ok")
	m.ingested.WithLabelValues("error")
	return m
}

// ObserveCypher records one Cypher round trip; pass it to
// neo4jstore.WithObserver.
func (m *Metrics) ObserveCypher(query string, d time.Duration, err error) {
	m.cypher.WithLabelValues(query).Observe(d.Seconds())
	if err != nil {
		m.cypherErrors.WithLabelValues(query).Inc()
	}
}

// ObserveIngest records one article ingested through the API.
func (m *Metrics) ObserveIngest(events int, err error) {
	if err != nil {
		m.ingested.WithLabelValues("error").Inc()
		return
	}
	m.ingested.WithLabelValues("ok").Inc()
	m.ingestEvents.Add(float64(events))
}

// GaugeFunc registers a gauge read at scrape time; the first server to
// register a name keeps it.
func (m *Metrics) GaugeFunc(name, help string, f func() float64) {
	_ = m.Registry.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f))
}

// CounterFunc registers a counter read at scrape time; the first server
// to register a name keeps it.
func (m *Metrics) CounterFunc(name, help string, f func() float64) {
	_ = m.Registry.Register(prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, f))
}
