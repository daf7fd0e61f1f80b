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
	hold     time.Duration
	maxStale time.Duration
	max      int
	// now counts MarkStale and Clear calls; see Stamp.
	now   Stamp
	ll    *list.List
	items map[string]*list.Element
	// refreshing holds the keys being recomputed in the background.
	refreshing map[string]bool
	// Hits and Misses count lookups, for metrics.
	hits, misses uint64
	// flight merges concurrent computations of one key, so an expired
	// entry asked for by many requests at once costs one query.
	flight singleflight.Group
}

type cacheEntry struct {
	key      string
	value    any
	stored   time.Time
	soft     uint64
	outdated bool          // built from stale values
	hold     time.Duration // fresh this long whatever the marks
}

// Stamp identifies the state of a cache when a computation starts: a value
// whose computation started before a MarkStale is stale once its hold has
// passed, and one that started before a Clear is not stored at all.
type Stamp struct {
	soft, hard uint64
	at         time.Time
}

// holdFactor scales the hold of an entry with the time its computation
// took, so that under constant change no result is recomputed more than a
// tenth of the time.
const holdFactor = 10

// RefreshTimeout bounds a background refresh.
const RefreshTimeout = time.Minute

// NewCache returns a cache of at most max entries, fresh for ttl and kept
// stale up to twice that (at least ten minutes), or nil (no caching) when
// size or ttl is zero. An entry stays fresh for hold (or ten times what it
// took to compute, if longer) after it was stored even if the cache is
// marked stale, which bounds how often each result is recomputed while the
// graph changes all the time (a bulk ingest); zero hold turns that off.
func NewCache(size int, ttl, hold time.Duration) *Cache {
	if size <= 0 || ttl <= 0 {
		return nil
	}
	stale := max(2*ttl, 10*time.Minute)
	return &Cache{ttl: ttl, hold: hold, maxStale: stale, max: size, ll: list.New(),
		items: map[string]*list.Element{}, refreshing: map[string]bool{}}
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
	current := !ent.outdated && ent.soft == c.now.soft
	return ent.value, age <= c.ttl && (current || age <= ent.hold), true
}

// MarkStale makes every entry stale: each is served once more while it is
// refreshed. Callers use it when the graph changed under the cache.
func (c *Cache) MarkStale() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now.soft++
}

// Stamp returns the cache's state, to be passed to PutAt by a computation
// that starts now.
func (c *Cache) Stamp() Stamp {
	if c == nil {
		return Stamp{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.now
	st.at = time.Now()
	return st
}

// Get returns the fresh value of key.
func (c *Cache) Get(key string) (any, bool) {
	v, fresh, ok := c.lookup(key)
	return v, ok && fresh
}

// refresh recomputes key in the background unless that is under way.
func (c *Cache) refresh(key string, compute func() (any, error)) {
	c.mu.Lock()
	if c.refreshing[key] {
		c.mu.Unlock()
		return
	}
	c.refreshing[key] = true
	st := c.now
	st.at = time.Now()
	c.mu.Unlock()
	go func() {
		v, err := compute()
		if err == nil {
			c.PutAt(key, v, st)
		}
		c.mu.Lock()
		delete(c.refreshing, key)
		c.mu.Unlock()
	}()
}

// PutAt stores value under key as computed from st (stale after its hold
// if the cache was marked stale since), evicting the least recently used
// entry when full.
func (c *Cache) PutAt(key string, value any, st Stamp) { c.put(key, value, st, false) }

// PutOutdated stores value under key as built from stale values: fresh
// within its hold only.
func (c *Cache) PutOutdated(key string, value any, st Stamp) { c.put(key, value, st, true) }

func (c *Cache) put(key string, value any, st Stamp, outdated bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st.hard != c.now.hard {
		return
	}
	now := time.Now()
	ent := &cacheEntry{key: key, value: value, stored: now, soft: st.soft, outdated: outdated}
	if c.hold > 0 {
		ent.hold = max(c.hold, holdFactor*now.Sub(st.at))
	}
	if el, ok := c.items[key]; ok {
		el.Value = ent
		c.ll.MoveToFront(el)
		return
	}
	c.items[key] = c.ll.PushFront(ent)
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
	c.now.hard++
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
		st := c.Stamp()
		v, err := compute(detached)
		if err == nil {
			c.PutAt(key, v, st)
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
// storing the result. It also returns the cache's stamp from when the
// computation started, for storing parts of the result with PutAt.
func shared[T any](c *Cache, key string, compute func() (T, error)) (T, Stamp, error) {
	if c == nil {
		v, err := compute()
		return v, Stamp{}, err
	}
	type result struct {
		v  T
		st Stamp
	}
	r, err, _ := c.flight.Do("\x01"+key, func() (any, error) {
		st := c.Stamp()
		v, err := compute()
		return result{v, st}, err
	})
	if err != nil {
		var zero T
		return zero, Stamp{}, err
	}
	res := r.(result)
	return res.v, res.st, nil
}
