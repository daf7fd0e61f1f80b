package httpserver

import (
	"context"
	"time"
)

// DefaultCachePoll is how often the server asks Neo4j whether the graph
// changed.
const DefaultCachePoll = time.Second

// maxPublish bounds the articles whose events one poll sends to
// subscriptions.
const maxPublish = 500

// graphWatch follows the graph's data version.
type graphWatch struct {
	last     int64
	haveLast bool // last was read at least once
	synced   bool // the caches were marked stale since the last failure
	failing  bool
}

// watchGraph reads the graph's data version every interval until ctx ends.
// When it moves, both caches are marked stale, so that writes by any
// process (eventgraph ingest, another server) show within about one
// interval while unchanged results stay cached, and the events of the
// articles written meanwhile go to the eventIngested subscriptions. The
// first reading, and the first after a failure, also marks the caches
// stale: results cached before it may predate a write it already counts.
func (s *Server) watchGraph(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	w := &graphWatch{}
	for {
		s.pollGraph(ctx, w, every)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// pollGraph reads the data version once and acts on a change.
func (s *Server) pollGraph(ctx context.Context, w *graphWatch, every time.Duration) {
	qctx, cancel := context.WithTimeout(ctx, every+5*time.Second)
	defer cancel()
	v, err := s.opts.Store.DataVersion(qctx)
	if err != nil {
		if !w.failing && ctx.Err() == nil {
			s.logger.Warn("cannot read the graph's data version; cached results may be stale", "err", err)
		}
		w.failing = true
		return
	}
	if w.failing {
		s.logger.Info("reading the graph's data version again")
		w.failing, w.synced = false, false
	}
	changed := w.haveLast && v != w.last
	if w.synced && !changed {
		return
	}
	s.resolver.Cache.MarkStale()
	s.respC.cache.MarkStale()
	if changed {
		s.graphChanges.Add(1)
		if v > w.last && s.resolver.Broker.Subscribers() > 0 {
			pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
			s.publishWritten(pctx, w.last, v)
			cancel()
		}
	}
	w.last, w.haveLast, w.synced = v, true, true
}

// publishWritten sends the events of the articles written between two
// data versions to the subscriptions.
func (s *Server) publishWritten(ctx context.Context, after, upTo int64) {
	ids, err := s.opts.Store.WrittenArticles(ctx, after, upTo, maxPublish+1)
	if err != nil {
		s.logger.Warn("cannot list the articles written; subscriptions miss them", "err", err)
		return
	}
	if len(ids) > maxPublish {
		s.logger.Warn("more articles written than one poll publishes; subscriptions get the first ones", "published", maxPublish)
		ids = ids[:maxPublish]
	}
	s.resolver.Broker.Publish(ctx, ids)
}
