package graph

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/vikstrous/dataloadgen"

	"eventgraph/neo4jstore"
)

// Loaders batch the reads of one request: every Load made while gqlgen
// resolves one level of a response (one per list element) is sent as one
// Cypher query, so nested lists cost a bounded number of round trips
// whatever the page sizes.
type Loaders struct {
	events   *loader[string, *neo4jstore.EventRow]
	entities *loader[string, *neo4jstore.EntityRow]
	articles *loader[string, *neo4jstore.ArticleRow]
	facts    *loader[string, []neo4jstore.Fact]
	eventsOf *loader[listKey, neo4jstore.EventPage]
	related  *loader[listKey, neo4jstore.RelatedPage]
}

// listKey asks for one entity's (or article's) page of a list; Spec is the
// JSON of the list's arguments, the same for every element of a level.
type listKey struct {
	Key  string
	Spec string
}

type eventsOfSpec struct {
	Article bool
	Role    string
	Query   neo4jstore.EventQuery
}

type loadersKey struct{}

// DefaultBatchWait is how long a loader collects keys before it queries.
const DefaultBatchWait = 2 * time.Millisecond

// maxBatch bounds the keys of one query.
const maxBatch = 500

// NewLoaders returns the loaders of one request.
func NewLoaders(store *neo4jstore.Store, cache *Cache, wait time.Duration) *Loaders {
	l := &Loaders{}
	l.events = newLoader(wait, byID(cache, "event", store.EventsByID))
	l.events.peek = peek(cache, func(k string) string { return "event\x00" + k }, one(store.EventsByID))
	l.entities = newLoader(wait, byID(cache, "entity", store.EntitiesByID))
	l.entities.peek = peek(cache, func(k string) string { return "entity\x00" + k }, one(store.EntitiesByID))
	l.articles = newLoader(wait, byID(cache, "article", store.ArticlesByID))
	l.articles.peek = peek(cache, func(k string) string { return "article\x00" + k }, one(store.ArticlesByID))
	l.facts = newLoader(wait, func(ctx context.Context, keys []string) ([][]neo4jstore.Fact, []error) {
		m, st, err := shared(cache, "facts\x00"+specOf(keys), func() (map[string][]neo4jstore.Fact, error) { return store.Facts(ctx, keys) })
		out := make([][]neo4jstore.Fact, len(keys))
		for i, k := range keys {
			out[i] = m[k]
			if err == nil {
				cache.PutAt("facts\x00"+k, out[i], st)
			}
		}
		return out, fill(len(keys), err)
	})
	l.facts.peek = peek(cache, func(k string) string { return "facts\x00" + k }, func(ctx context.Context, k string) ([]neo4jstore.Fact, bool, error) {
		m, err := store.Facts(ctx, []string{k})
		return m[k], err == nil, err
	})
	eventsOf := func(ctx context.Context, spec string, keys []string) (map[string]neo4jstore.EventPage, error) {
		var s eventsOfSpec
		_ = json.Unmarshal([]byte(spec), &s)
		return store.EventsOf(ctx, keys, s.Article, s.Role, s.Query)
	}
	l.eventsOf = newLoader(wait, grouped(cache, "events of", eventsOf))
	l.eventsOf.peek = peek(cache, func(k listKey) string { return "events of\x00" + k.Spec + "\x00" + k.Key }, oneOf(eventsOf))
	related := func(ctx context.Context, spec string, keys []string) (map[string]neo4jstore.RelatedPage, error) {
		var q neo4jstore.RelatedQuery
		_ = json.Unmarshal([]byte(spec), &q)
		return store.Related(ctx, keys, q)
	}
	l.related = newLoader(wait, grouped(cache, "related", related))
	l.related.peek = peek(cache, func(k listKey) string { return "related\x00" + k.Spec + "\x00" + k.Key }, oneOf(related))
	return l
}

// loader is a dataloader that looks in the read cache first. The cache
// outlives the request, so a cached value costs neither a batch wait nor a
// round trip (and a stale one is served while it is refreshed); other keys
// go to a dataloadgen loader, which batches them and memoises the results
// for the request.
type loader[K comparable, V any] struct {
	peek  func(context.Context, K) (V, bool) // nil without a cache
	batch *dataloadgen.Loader[K, V]
}

func newLoader[K comparable, V any](wait time.Duration, fetch func(context.Context, []K) ([]V, []error)) *loader[K, V] {
	// A batch runs with the context of its first key; others share its
	// query, so that caller's cancellation must not end it.
	detached := func(ctx context.Context, keys []K) ([]V, []error) {
		return fetch(context.WithoutCancel(ctx), keys)
	}
	return &loader[K, V]{batch: dataloadgen.NewLoader(detached, dataloadgen.WithWait(wait), dataloadgen.WithBatchCapacity(maxBatch))}
}

// Load returns the value of key.
func (l *loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	return l.thunk(ctx, key)()
}

// LoadAll returns the values of keys, in order, fetched in one batch.
func (l *loader[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	thunks := make([]func() (V, error), len(keys))
	for i, k := range keys {
		thunks[i] = l.thunk(ctx, k)
	}
	out := make([]V, len(keys))
	for i, th := range thunks {
		v, err := th()
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// thunk returns a function that returns the value of key: at once when it
// is cached, else when its batch has been fetched.
func (l *loader[K, V]) thunk(ctx context.Context, key K) func() (V, error) {
	if l.peek != nil {
		if v, ok := l.peek(ctx, key); ok {
			return func() (V, error) { return v, nil }
		}
	}
	return l.batch.LoadThunk(ctx, key)
}

// WithLoaders returns ctx carrying l.
func WithLoaders(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, loadersKey{}, l)
}

func loadersFrom(ctx context.Context) *Loaders {
	l, _ := ctx.Value(loadersKey{}).(*Loaders)
	return l
}

// byID adapts a store read by ids to a loader; unknown ids give nil.
// Found rows are cached under name and id.
func byID[T any](cache *Cache, name string, read func(context.Context, []string) (map[string]T, error)) func(context.Context, []string) ([]*T, []error) {
	return func(ctx context.Context, ids []string) ([]*T, []error) {
		m, st, err := shared(cache, name+"\x00"+specOf(ids), func() (map[string]T, error) { return read(ctx, ids) })
		out := make([]*T, len(ids))
		for i, id := range ids {
			if v, ok := m[id]; ok {
				out[i] = &v
				cache.PutAt(name+"\x00"+id, out[i], st)
			}
		}
		return out, fill(len(ids), err)
	}
}

// grouped adapts a batched list read to a loader: keys are grouped by
// spec, each group is one query, and each (spec, key) page is cached.
func grouped[T any](cache *Cache, name string, read func(ctx context.Context, spec string, keys []string) (map[string]T, error)) func(context.Context, []listKey) ([]T, []error) {
	return func(ctx context.Context, keys []listKey) ([]T, []error) {
		out := make([]T, len(keys))
		errs := make([]error, len(keys))
		bySpec := map[string][]int{}
		var specs []string
		for i, k := range keys {
			ck := name + "\x00" + k.Spec + "\x00" + k.Key
			if v, ok := cache.Get(ck); ok {
				out[i] = v.(T)
				continue
			}
			if _, ok := bySpec[k.Spec]; !ok {
				specs = append(specs, k.Spec)
			}
			bySpec[k.Spec] = append(bySpec[k.Spec], i)
		}
		for _, spec := range specs {
			idx := bySpec[spec]
			ids := make([]string, 0, len(idx))
			seen := map[string]bool{}
			for _, i := range idx {
				if !seen[keys[i].Key] {
					seen[keys[i].Key] = true
					ids = append(ids, keys[i].Key)
				}
			}
			m, st, err := shared(cache, name+"\x00"+spec+"\x00"+specOf(ids), func() (map[string]T, error) { return read(ctx, spec, ids) })
			for _, i := range idx {
				if err != nil {
					errs[i] = err
					continue
				}
				out[i] = m[keys[i].Key]
				cache.PutAt(name+"\x00"+spec+"\x00"+keys[i].Key, out[i], st)
			}
		}
		return out, errs
	}
}

// peek answers a loader from the read cache; a stale entry is returned
// while load refreshes it in the background.
func peek[K comparable, V any](cache *Cache, key func(K) string, load func(context.Context, K) (V, bool, error)) func(context.Context, K) (V, bool) {
	if cache == nil {
		return nil
	}
	return func(ctx context.Context, k K) (V, bool) {
		ck := key(k)
		v, fresh, ok := cache.lookup(ck)
		if !ok {
			var zero V
			return zero, false
		}
		if !fresh {
			noteStale(ctx)
			cache.refresh(ck, func() (any, error) {
				ctx, cancel := context.WithTimeout(context.Background(), RefreshTimeout)
				defer cancel()
				nv, found, err := load(ctx, k)
				if err == nil && !found {
					err = errGone
				}
				return nv, err
			})
		}
		return v.(V), true
	}
}

var errGone = errors.New("gone")

// one adapts a read by ids to a refresher of one id.
func one[T any](read func(context.Context, []string) (map[string]T, error)) func(context.Context, string) (*T, bool, error) {
	return func(ctx context.Context, id string) (*T, bool, error) {
		m, err := read(ctx, []string{id})
		if err != nil {
			return nil, false, err
		}
		v, ok := m[id]
		return &v, ok, nil
	}
}

// oneOf adapts a batched list read to a refresher of one list.
func oneOf[T any](read func(context.Context, string, []string) (map[string]T, error)) func(context.Context, listKey) (T, bool, error) {
	return func(ctx context.Context, k listKey) (T, bool, error) {
		m, err := read(ctx, k.Spec, []string{k.Key})
		v, ok := m[k.Key]
		return v, ok || err == nil, err
	}
}

func fill(n int, err error) []error {
	if err == nil {
		return nil
	}
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

func specOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
