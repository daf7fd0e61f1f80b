package graph

import (
	"container/list"
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// Cache is a bounded least-recently-used cache of read results. An entry is
// fresh for a time to live; after that it is stale: a read still gets it at
// once while one background query refreshes it (stale-while-revalidate), so
// aggregates over hundreds of thousands of events (relationship counts of a
// hub entity, dashboard counts) cost their Cypher time once per TTL instead
// of once per request. Entries older than maxStale are gone. Writes through
// the API clear the cache; writes by other processes show after about a TTL.
// A nil *Cache caches nothing.
type Cache struct {
	mu       sync.Mutex
	ttl      time.Duration
	maxStale time.Duration
	max      int
	ll       *list.List
	items    map[string]*list.Element
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
}

// RefreshTimeout bounds a background refresh.
const RefreshTimeout = time.Minute

// NewCache returns a cache of at most max entries, fresh for ttl and kept
// stale up to 60 TTLs (at least a minute, at most 10), or nil (no caching)
// when either is zero.
func NewCache(size int, ttl time.Duration) *Cache {
	if size <= 0 || ttl <= 0 {
		return nil
	}
	stale := min(max(60*ttl, time.Minute), 10*time.Minute)
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
	return ent.value, age <= c.ttl, true
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
			v, err := compute()
			if err == nil {
				c.Put(key, v)
			}
			return nil, nil
		})
	}()
}

// Put stores value under key, evicting the least recently used entry when
// full.
func (c *Cache) Put(key string, value any) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	if el, ok := c.items[key]; ok {
		ent := el.Value.(*cacheEntry)
		ent.value, ent.stored = value, now
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key: key, value: value, stored: now})
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
			c.refresh(key, func() (any, error) {
				rctx, cancel := context.WithTimeout(detached, RefreshTimeout)
				defer cancel()
				return compute(rctx)
			})
		}
		return v.(T), nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		v, err := compute(detached)
		if err == nil {
			c.Put(key, v)
		}
		return v, err
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

// shared runs compute once for concurrent callers of the same key, without
// storing the result.
func shared[T any](c *Cache, key string, compute func() (T, error)) (T, error) {
	if c == nil {
		return compute()
	}
	v, err, _ := c.flight.Do("\x01"+key, func() (any, error) { return compute() })
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}
