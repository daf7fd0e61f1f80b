package httpserver

import (
	"context"
	"time"
)

// DefaultCachePoll is how often the server asks Neo4j whether the graph
// changed.
const DefaultCachePoll = time.Second

// watchGraph reads the graph's data version every interval until ctx ends
// and marks both caches stale when it moves, so that writes by any process
// (eventgraph ingest, another server) show within about one interval while
// unchanged results stay cached. The first reading (and the first after a
// failure) also marks them stale: results cached before it may predate a
// write it already counts.
func (s *Server) watchGraph(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	var last int64
	known, failing := false, false
	for {
		qctx, cancel := context.WithTimeout(ctx, every+5*time.Second)
		v, err := s.opts.Store.DataVersion(qctx)
		cancel()
		switch {
		case err != nil && ctx.Err() != nil:
			return
		case err != nil:
			if !failing {
				s.logger.Warn("cannot read the graph's data version; cached results may be stale", "err", err)
			}
			failing = true
		default:
			if failing {
				s.logger.Info("reading the graph's data version again")
			}
			known = known && !failing
			failing = false
			if known && v != last {
				s.graphChanges.Add(1)
			}
			if !known || v != last {
				s.resolver.Cache.MarkStale()
				s.respC.cache.MarkStale()
			}
			last, known = v, true
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
