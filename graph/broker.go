package graph

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"eventgraph/domain"
	"eventgraph/graph/model"
	"eventgraph/neo4jstore"
)

// Broker fans the events written through ingestArticle out to the
// eventIngested subscriptions whose filters they match. Matching runs the
// subscription's filter in the store restricted to the new article, so it
// means exactly what it means in events(filter).
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

// Publish delivers the events of a newly written article to the matching
// subscriptions. It runs one store query per distinct filter.
func (b *Broker) Publish(articleID string) {
	b.mu.Lock()
	groups := map[string][]*subscriber{}
	filters := map[string]neo4jstore.EventFilter{}
	for _, s := range b.subs {
		k := specOf(s.filter)
		groups[k] = append(groups[k], s)
		filters[k] = s.filter
	}
	b.mu.Unlock()
	if len(groups) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for k, subs := range groups {
		f := filters[k]
		if f.Article != "" && f.Article != articleID {
			continue
		}
		f.Article = articleID
		page, err := b.store.Events(ctx, neo4jstore.EventQuery{Filter: f, Order: neo4jstore.DateDesc,
			Page: neo4jstore.Page{First: neo4jstore.MaxFirst, Rows: true}})
		if err != nil {
			b.logger.Error("subscription match", "article", articleID, "err", err)
			continue
		}
		for _, ev := range page.Events {
			for _, s := range subs {
				b.send(s, toEvent(ev))
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
