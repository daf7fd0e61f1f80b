package graph

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestGlobalIDs(t *testing.T) {
	for in, want := range map[string]string{
		"Entity:agency:kp:ministry-of-state-security": "agency:kp:ministry-of-state-security",
		"agency:kp:ministry-of-state-security":        "agency:kp:ministry-of-state-security",
		" city:cn:shenyang ":                          "city:cn:shenyang",
	} {
		got, err := keyOf(kindEntity, in)
		if err != nil || got != want {
			t.Errorf("keyOf(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := keyOf(kindEntity, "Event:x"); err == nil {
		t.Error("an event id was accepted as an entity id")
	}
	if _, err := keyOf(kindEntity, ""); err == nil {
		t.Error("an empty id was accepted")
	}
}

func TestCacheIsBoundedAndExpires(t *testing.T) {
	c := NewCache(3, 50*time.Millisecond, 0)
	for _, k := range []string{"a", "b", "c", "d"} {
		c.PutAt(k, k, Stamp{})
	}
	if _, ok := c.Get("a"); ok {
		t.Error("least recently used entry kept beyond the bound")
	}
	if v, ok := c.Get("d"); !ok || v != "d" {
		t.Error("newest entry missing")
	}
	time.Sleep(60 * time.Millisecond)
	if _, ok := c.Get("d"); ok {
		t.Error("expired entry returned")
	}
	if NewCache(0, time.Second, 0) != nil || NewCache(10, 0, 0) != nil {
		t.Error("a zero size or TTL should disable the cache")
	}
	var nilCache *Cache
	nilCache.PutAt("x", 1, Stamp{})
	if _, ok := nilCache.Get("x"); ok {
		t.Error("nil cache cached")
	}
}

func TestCachedMergesConcurrentMisses(t *testing.T) {
	c := NewCache(10, time.Minute, 0)
	var calls atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := cached(context.Background(), c, "k", func(context.Context) (int, error) {
				calls.Add(1)
				time.Sleep(20 * time.Millisecond)
				return 42, nil
			})
			if err != nil || v != 42 {
				t.Errorf("cached = %d, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Errorf("computed %d times, want 1", n)
	}
}

// Loads made close together are fetched in one batch of distinct keys,
// even when the callers start a few milliseconds apart.
func TestLoaderBatches(t *testing.T) {
	var batches [][]int
	var mu sync.Mutex
	l := newLoader(20*time.Millisecond, func(_ context.Context, keys []int) ([]int, []error) {
		mu.Lock()
		batches = append(batches, append([]int(nil), keys...))
		mu.Unlock()
		out := make([]int, len(keys))
		for i, k := range keys {
			out[i] = k * 10
		}
		return out, nil
	})
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(time.Duration(i%4) * time.Millisecond)
			v, err := l.Load(context.Background(), i%25)
			if err != nil || v != (i%25)*10 {
				t.Errorf("Load(%d) = %d, %v", i%25, v, err)
			}
		}()
	}
	wg.Wait()
	if len(batches) != 1 || len(batches[0]) != 25 {
		t.Errorf("batches %v, want one of 25 distinct keys", batches)
	}
}

// A loader answers cached keys from the read cache and fetches only the
// others.
func TestLoaderPeeksAtCache(t *testing.T) {
	c := NewCache(10, time.Minute, 0)
	c.PutAt("n\x001", 100, Stamp{})
	var fetched []int
	l := newLoader(time.Millisecond, func(_ context.Context, keys []int) ([]int, []error) {
		fetched = append(fetched, keys...)
		out := make([]int, len(keys))
		for i, k := range keys {
			out[i] = k * 10
		}
		return out, nil
	})
	l.peek = peek(c, func(k int) string { return fmt.Sprint("n\x00", k) }, func(context.Context, int) (int, bool, error) { return 0, false, nil })
	got, err := l.LoadAll(context.Background(), []int{1, 2, 3})
	if err != nil || !slices.Equal(got, []int{100, 20, 30}) {
		t.Errorf("LoadAll = %v, %v; want [100 20 30]", got, err)
	}
	if !slices.Equal(fetched, []int{2, 3}) {
		t.Errorf("fetched %v, want [2 3]", fetched)
	}
}

// A stale entry is served at once and refreshed in the background.
func TestCacheServesStaleWhileRefreshing(t *testing.T) {
	c := NewCache(10, 20*time.Millisecond, 0)
	var calls atomic.Int32
	compute := func(context.Context) (int32, error) { return calls.Add(1), nil }
	ctx := context.Background()
	if v, _ := cached(ctx, c, "k", compute); v != 1 {
		t.Fatalf("first = %d", v)
	}
	time.Sleep(30 * time.Millisecond)
	if v, _ := cached(ctx, c, "k", compute); v != 1 {
		t.Errorf("stale read = %d, want the old value at once", v)
	}
	deadline := time.Now().Add(time.Second)
	for calls.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(5 * time.Millisecond)
	if v, _ := cached(ctx, c, "k", compute); v != 2 {
		t.Errorf("after refresh = %d, want 2", v)
	}
}

// MarkStale makes every entry stale: it is served once more, the read is
// flagged as stale, and a value computed before the mark is not fresh.
func TestCacheMarkStale(t *testing.T) {
	c := NewCache(10, time.Hour, 0)
	var calls atomic.Int32
	compute := func(context.Context) (int32, error) { return calls.Add(1), nil }
	if v, _ := cached(context.Background(), c, "k", compute); v != 1 {
		t.Fatalf("first = %d", v)
	}
	ctx, stale := TrackStale(context.Background())
	if v, _ := cached(ctx, c, "k", compute); v != 1 || stale.Load() {
		t.Fatalf("fresh read = %d, stale flag %v; want 1, false", v, stale.Load())
	}
	c.MarkStale()
	if v, _ := cached(ctx, c, "k", compute); v != 1 || !stale.Load() {
		t.Errorf("read after MarkStale = %d, stale flag %v; want 1, true", v, stale.Load())
	}
	deadline := time.Now().Add(time.Second)
	for time.Now().Before(deadline) {
		if v, ok := c.Get("k"); ok && v == int32(2) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if v, ok := c.Get("k"); !ok || v != int32(2) {
		t.Errorf("after refresh: got %v, %v; want 2, fresh", v, ok)
	}
	st := c.Stamp()
	c.MarkStale()
	c.PutAt("late", 1, st)
	if _, ok := c.Get("late"); ok {
		t.Error("a value computed before MarkStale was stored as fresh")
	}
}

// Within its hold an entry stays fresh when the cache is marked stale, and
// a value computed before a Clear is not stored.
func TestCacheHoldAndClear(t *testing.T) {
	c := NewCache(10, time.Hour, 50*time.Millisecond)
	c.PutAt("k", 1, c.Stamp())
	c.MarkStale()
	if _, ok := c.Get("k"); !ok {
		t.Error("entry within its hold: got stale, want fresh")
	}
	time.Sleep(60 * time.Millisecond)
	if _, ok := c.Get("k"); ok {
		t.Error("entry past its hold after MarkStale: got fresh, want stale")
	}
	c.PutOutdated("o", 1, c.Stamp())
	if _, ok := c.Get("o"); !ok {
		t.Error("outdated entry within its hold: got stale, want fresh")
	}
	time.Sleep(60 * time.Millisecond)
	if _, ok := c.Get("o"); ok {
		t.Error("outdated entry past its hold: got fresh, want stale")
	}
	st := c.Stamp()
	c.Clear()
	c.PutAt("k", 2, st)
	if _, _, ok := c.lookup("k"); ok {
		t.Error("a value computed before Clear was stored")
	}
}
