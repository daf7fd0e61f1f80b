package graph

import (
	"context"
	"log/slog"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"eventgraph/domain"
	"eventgraph/graph/model"
	"eventgraph/neo4jstore"
)

// Broker fans the events of newly written articles (through ingestArticle
// or by any other process; the server learns of them from the graph's data
// version) out to the eventIngested subscriptions whose filters they match.
// Matching runs the subscription's filter in the store restricted to the
// new articles, so it means exactly what it means in events(filter).
type Broker struct {
	store  *neo4jstore.Store
	logger *slog.Logger
	max    int

	mu   sync.Mutex
	next int
	subs map[int]*subscriber
	// Dropped counts events not delivered because a subscriber was slow.
	Dropped atomic.Int64
}

type subscriber struct {
	filter neo4jstore.EventFilter
	ch     chan *model.Event
}

// NewBroker returns a broker for at most max subscriptions at once.
func NewBroker(store *neo4jstore.Store, max int, logger *slog.Logger) *Broker {
	if logger == nil {
		logger = slog.Default()
	}
	return &Broker{store: store, logger: logger, max: max, subs: map[int]*subscriber{}}
}

// Subscribers returns the number of live subscriptions.
func (b *Broker) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Subscribe registers a subscription until ctx ends.
func (b *Broker) Subscribe(ctx context.Context, f neo4jstore.EventFilter) (<-chan *model.Event, error) {
	b.mu.Lock()
	if len(b.subs) >= b.max {
		b.mu.Unlock()
		return nil, domain.Errorf(domain.EUNAVAILABLE, "too many subscriptions, try again later")
	}
	id := b.next
	b.next++
	s := &subscriber{filter: f, ch: make(chan *model.Event, 64)}
	b.subs[id] = s
	b.mu.Unlock()
	go func() {
		<-ctx.Done()
		b.mu.Lock()
		delete(b.subs, id)
		b.mu.Unlock()
		close(s.ch)
	}()
	return s.ch, nil
}

// Publish delivers the events of newly written articles, article by
// article in the order given and in text order within each, to the
// matching subscriptions. It runs one store query per distinct filter.
func (b *Broker) Publish(ctx context.Context, articleIDs []string) {
	b.mu.Lock()
	groups := map[string][]*subscriber{}
	filters := map[string]neo4jstore.EventFilter{}
	for _, s := range b.subs {
		k := specOf(s.filter)
		groups[k] = append(groups[k], s)
		filters[k] = s.filter
	}
	b.mu.Unlock()
	for k, subs := range groups {
		f, ids := filters[k], articleIDs
		if f.Article != "" {
			if !slices.Contains(ids, f.Article) {
				continue
			}
			ids, f.Article = []string{f.Article}, ""
		}
		pages, err := b.store.EventsOf(ctx, ids, true, "", neo4jstore.EventQuery{Filter: f, Order: neo4jstore.DateDesc,
			Page: neo4jstore.Page{First: neo4jstore.MaxFirst, Rows: true}})
		if err != nil {
			b.logger.Error("subscription match", "articles", len(ids), "err", err)
			continue
		}
		for _, id := range ids {
			evs := pages[id].Events
			sort.SliceStable(evs, func(i, j int) bool { return evs[i].TriggerStart < evs[j].TriggerStart })
			for _, ev := range evs {
				for _, s := range subs {
					b.send(s, toEvent(ev))
				}
			}
		}
	}
}

// send delivers without blocking; a subscriber that does not keep up
// loses events rather than stalling the others.
func (b *Broker) send(s *subscriber, ev *model.Event) {
	defer func() { _ = recover() }() // the channel closed meanwhile
	select {
	case s.ch <- ev:
	default:
		b.Dropped.Add(1)
	}
}
