package graph

import (
	"context"
	"sync"
	"time"
)

// loader is a dataloader: Loads of one request made close together are
// fetched in one call. The batch waits until no key has arrived for wait
// (a debounce, so a level of a response whose resolvers start late on a
// busy machine still ends up in one batch), at most maxWait, or until it
// holds max keys. Results are memoised for the request. peek, when set,
// answers from a cache without waiting.
type loader[K comparable, V any] struct {
	fetch   func(ctx context.Context, keys []K) ([]V, []error)
	peek    func(K) (V, bool)
	wait    time.Duration
	maxWait time.Duration
	max     int

	mu   sync.Mutex
	cur  *batch[K, V]
	memo map[K]*batch[K, V]
}

type batch[K comparable, V any] struct {
	ctx      context.Context
	keys     []K
	pos      map[K]int
	deadline time.Time
	timer    *time.Timer
	fired    bool
	done     chan struct{}
	vals     []V
	errs     []error
}

func newLoader[K comparable, V any](wait time.Duration, fetch func(context.Context, []K) ([]V, []error)) *loader[K, V] {
	return &loader[K, V]{fetch: fetch, wait: wait, maxWait: 10 * wait, max: 500, memo: map[K]*batch[K, V]{}}
}

// Load returns the value of key, fetched in a batch.
func (l *loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	if l.peek != nil {
		if v, ok := l.peek(key); ok {
			return v, nil
		}
	}
	l.mu.Lock()
	b, ok := l.memo[key]
	if !ok {
		b = l.add(ctx, key)
	}
	l.mu.Unlock()
	select {
	case <-b.done:
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
	i := b.pos[key]
	var v V
	if i < len(b.vals) {
		v = b.vals[i]
	}
	if len(b.errs) == 1 && len(b.keys) != 1 {
		return v, b.errs[0]
	}
	if i < len(b.errs) {
		return v, b.errs[i]
	}
	return v, nil
}

// LoadAll loads keys in one batch, in order.
func (l *loader[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	out := make([]V, len(keys))
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], errs[i] = l.Load(ctx, k)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// add puts key into the open batch, opening one if needed. l.mu is held.
func (l *loader[K, V]) add(ctx context.Context, key K) *batch[K, V] {
	now := time.Now()
	b := l.cur
	if b == nil {
		b = &batch[K, V]{ctx: ctx, pos: map[K]int{}, deadline: now.Add(l.maxWait), done: make(chan struct{})}
		l.cur = b
		b.timer = time.AfterFunc(l.wait, func() { l.fire(b) })
	} else if b.timer.Stop() {
		d := l.wait
		if left := b.deadline.Sub(now); left < d {
			d = left
		}
		b.timer = time.AfterFunc(max(d, 0), func() { l.fire(b) })
	}
	b.pos[key] = len(b.keys)
	b.keys = append(b.keys, key)
	l.memo[key] = b
	if len(b.keys) >= l.max {
		b.timer.Stop()
		go l.fire(b)
	}
	return b
}

// fire fetches a batch once.
func (l *loader[K, V]) fire(b *batch[K, V]) {
	l.mu.Lock()
	if b.fired {
		l.mu.Unlock()
		return
	}
	b.fired = true
	if l.cur == b {
		l.cur = nil
	}
	keys := b.keys
	l.mu.Unlock()
	func() {
		defer func() {
			if v := recover(); v != nil {
				b.errs = []error{errPanic{v}}
			}
		}()
		b.vals, b.errs = l.fetch(context.WithoutCancel(b.ctx), keys)
	}()
	close(b.done)
}

type errPanic struct{ v any }

func (e errPanic) Error() string { return "panic while loading" }
