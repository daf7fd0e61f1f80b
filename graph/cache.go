package graph

import (
	"container/list"
	"context"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/singleflight"
)

// Cache is a bounded least-recently-used cache of read results. An entry is
// fresh until its time to live passes or the cache is marked stale (the
// graph changed); after that a read still gets it at once while one
// background query refreshes it (stale-while-revalidate), so aggregates over
// hundreds of thousands of events (relationship counts of a hub entity,
// dashboard counts) cost their Cypher time once per change instead of once
// per request. Entries older than maxStale are gone. A nil *Cache caches
// nothing.
type Cache struct {
	mu       sync.Mutex
	ttl      time.Duration
	maxStale time.Duration
	max      int
	// gen counts MarkStale calls; an entry computed under an older
	// generation is stale.
	gen   uint64
	ll    *list.List
	items map[string]*list.Element
	// Hits and Misses count lookups, for metrics.
	hits, misses uint64
	// flight merges concurrent computations of one key, so an expired
	// entry asked for by many requests at once costs one query.
	flight singleflight.Group
}

type cacheEntry struct {
	key    string
	value  any
	stored time.Time
	gen    uint64
}

// RefreshTimeout bounds a background refresh.
const RefreshTimeout = time.Minute

// NewCache returns a cache of at most max entries, fresh for ttl and kept
// stale up to twice that (at least ten minutes), or nil (no caching) when
// either is zero.
func NewCache(size int, ttl time.Duration) *Cache {
	if size <= 0 || ttl <= 0 {
		return nil
	}
	stale := max(2*ttl, 10*time.Minute)
	return &Cache{ttl: ttl, maxStale: stale, max: size, ll: list.New(), items: map[string]*list.Element{}}
}

// lookup returns the value of key and whether it is still fresh.
func (c *Cache) lookup(key string) (v any, fresh, ok bool) {
	if c == nil {
		return nil, false, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		c.misses++
		return nil, false, false
	}
	ent := el.Value.(*cacheEntry)
	age := time.Since(ent.stored)
	if age > c.maxStale {
		c.ll.Remove(el)
		delete(c.items, key)
		c.misses++
		return nil, false, false
	}
	c.ll.MoveToFront(el)
	c.hits++
	return ent.value, age <= c.ttl && ent.gen == c.gen, true
}

// MarkStale makes every entry stale: each is served once more while it is
// refreshed. Callers use it when the graph changed under the cache.
func (c *Cache) MarkStale() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
}

// Generation returns the current generation, to be passed to PutAt by a
// computation that starts now.
func (c *Cache) Generation() uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// Get returns the fresh value of key.
func (c *Cache) Get(key string) (any, bool) {
	v, fresh, ok := c.lookup(key)
	return v, ok && fresh
}

// refresh recomputes key in the background, once at a time.
func (c *Cache) refresh(key string, compute func() (any, error)) {
	go func() {
		_, _, _ = c.flight.Do("\x02"+key, func() (any, error) {
			gen := c.Generation()
			v, err := compute()
			if err == nil {
				c.PutAt(key, v, gen)
			}
			return nil, nil
		})
	}()
}

// PutAt stores value under key as computed in generation gen (stale at
// once if the cache was marked stale since), evicting the least recently
// used entry when full.
func (c *Cache) PutAt(key string, value any, gen uint64) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if el, ok := c.items[key]; ok {
		ent := el.Value.(*cacheEntry)
		ent.value, ent.stored, ent.gen = value, now, gen
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key: key, value: value, stored: now, gen: gen})
	for c.ll.Len() > c.max {
		last := c.ll.Back()
		c.ll.Remove(last)
		delete(c.items, last.Value.(*cacheEntry).key)
	}
}

// Clear drops every entry.
func (c *Cache) Clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ll.Init()
	c.items = map[string]*list.Element{}
}

// Stats returns the number of entries, hits and misses.
func (c *Cache) Stats() (entries int, hits, misses uint64) {
	if c == nil {
		return 0, 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len(), c.hits, c.misses
}

// cached returns the cached value of key or computes, stores and returns
// it; concurrent callers of one missing key share one computation, and a
// stale value is returned while a background query refreshes it. compute
// gets a context that the caller's cancellation does not end (others may
// wait for the result); the store bounds each query with its own timeout.
func cached[T any](ctx context.Context, c *Cache, key string, compute func(context.Context) (T, error)) (T, error) {
	if c == nil {
		return compute(ctx)
	}
	detached := context.WithoutCancel(ctx)
	if v, fresh, ok := c.lookup(key); ok {
		if !fresh {
			noteStale(ctx)
			c.refresh(key, func() (any, error) {
				rctx, cancel := context.WithTimeout(detached, RefreshTimeout)
				defer cancel()
				return compute(rctx)
			})
		}
		return v.(T), nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		gen := c.Generation()
		v, err := compute(detached)
		if err == nil {
			c.PutAt(key, v, gen)
		}
		return v, err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

type staleFlagKey struct{}

// TrackStale returns ctx carrying a flag that is set when a read made with
// it is answered from a stale entry, so that the caller does not keep the
// answer as fresh.
func TrackStale(ctx context.Context) (context.Context, *atomic.Bool) {
	f := new(atomic.Bool)
	return context.WithValue(ctx, staleFlagKey{}, f), f
}

func noteStale(ctx context.Context) {
	if f, ok := ctx.Value(staleFlagKey{}).(*atomic.Bool); ok {
		f.Store(true)
	}
}

// shared runs compute once for concurrent callers of the same key, without
// storing the result. It also returns the cache generation the computation
// started in, for storing parts of the result with PutAt.
func shared[T any](c *Cache, key string, compute func() (T, error)) (T, uint64, error) {
	if c == nil {
		v, err := compute()
		return v, 0, err
	}
	type result struct {
		v   T
		gen uint64
	}
	r, err, _ := c.flight.Do("\x01"+key, func() (any, error) {
		gen := c.Generation()
		v, err := compute()
		return result{v, gen}, err
	})
	if err != nil {
		var zero T
		return zero, 0, err
	}
	res := r.(result)
	return res.v, res.gen, nil
}
