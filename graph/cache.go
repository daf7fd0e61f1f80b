package graph

import (
	"container/list"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// Cache is a bounded least-recently-used cache of read results whose
// entries expire after a time to live. Reads that aggregate many events
// (relationship lists, dashboard counts, paths) go through it, so a burst
// of identical queries costs one Cypher run. Writes through the API clear
// it; writes by other processes show after at most the TTL. A nil *Cache
// caches nothing.
type Cache struct {
	mu    sync.Mutex
	ttl   time.Duration
	max   int
	ll    *list.List
	items map[string]*list.Element
	// Hits and Misses count lookups, for metrics.
	hits, misses uint64
	// flight merges concurrent computations of one key, so an expired
	// entry asked for by many requests at once costs one query.
	flight singleflight.Group
}

type cacheEntry struct {
	key     string
	value   any
	expires time.Time
}

// NewCache returns a cache of at most max entries living ttl, or nil (no
// caching) when either is zero.
func NewCache(max int, ttl time.Duration) *Cache {
	if max <= 0 || ttl <= 0 {
		return nil
	}
	return &Cache{ttl: ttl, max: max, ll: list.New(), items: map[string]*list.Element{}}
}

// Get returns the live value of key.
func (c *Cache) Get(key string) (any, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		c.misses++
		return nil, false
	}
	ent := el.Value.(*cacheEntry)
	if time.Now().After(ent.expires) {
		c.ll.Remove(el)
		delete(c.items, key)
		c.misses++
		return nil, false
	}
	c.ll.MoveToFront(el)
	c.hits++
	return ent.value, true
}

// Put stores value under key, evicting the least recently used entry when
// full.
func (c *Cache) Put(key string, value any) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	exp := time.Now().Add(c.ttl)
	if el, ok := c.items[key]; ok {
		ent := el.Value.(*cacheEntry)
		ent.value, ent.expires = value, exp
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(&cacheEntry{key: key, value: value, expires: exp})
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
// it; concurrent callers of one missing key share one computation.
func cached[T any](c *Cache, key string, compute func() (T, error)) (T, error) {
	if c == nil {
		return compute()
	}
	if v, ok := c.Get(key); ok {
		return v.(T), nil
	}
	v, err, _ := c.flight.Do(key, func() (any, error) {
		v, err := compute()
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
