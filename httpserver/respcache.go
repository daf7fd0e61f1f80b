package httpserver

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"
	"strings"

	"eventgraph/graph"
)

// maxCachedResponse is the largest response body the response cache keeps.
const maxCachedResponse = 256 << 10

// responseCache answers a repeated read-only GraphQL request (the same
// body, or the same GET query string) from the response it got, without
// executing it again, until the graph changes or a TTL passes: dashboards
// and scripts that poll the same queries cost one execution per change.
// Only successful queries (no errors, not mutations or subscriptions) are
// kept; one built from stale reads is kept only for the cache's hold.
type responseCache struct {
	cache *graph.Cache
}

type cachedResponse struct {
	contentType string
	body        []byte
}

// wrap serves cached responses and stores new ones.
func (rc *responseCache) wrap(next http.Handler) http.Handler {
	if rc == nil || rc.cache == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if isUpgrade(r) || (r.Method != http.MethodPost && r.Method != http.MethodGet) {
			next.ServeHTTP(w, r)
			return
		}
		var key string
		if r.Method == http.MethodGet {
			key = "GET " + r.URL.RawQuery
		} else {
			if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
				next.ServeHTTP(w, r)
				return
			}
			body, err := io.ReadAll(r.Body)
			if err != nil {
				// Too large or cut off: let gqlgen answer as it does.
				r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), r.Body))
				next.ServeHTTP(w, r)
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			sum := sha256.Sum256(body)
			key = "POST " + string(sum[:])
		}
		if v, ok := rc.cache.Get(key); ok {
			c := v.(cachedResponse)
			w.Header().Set("Content-Type", c.contentType)
			w.Header().Set("X-Cache", "hit")
			_, _ = w.Write(c.body)
			return
		}
		st := rc.cache.Stamp()
		ctx, servedStale := graph.TrackStale(r.Context())
		r = r.WithContext(ctx)
		cw := &captureWriter{ResponseWriter: w}
		next.ServeHTTP(cw, r)
		info, _ := r.Context().Value(opInfoKey{}).(*opInfo)
		if info == nil || cw.code != http.StatusOK || cw.overflow {
			return
		}
		info.mu.Lock()
		typ := info.typ
		info.mu.Unlock()
		if typ != "query" || bytes.Contains(cw.buf.Bytes(), []byte(`"errors":`)) {
			return
		}
		resp := cachedResponse{contentType: cw.Header().Get("Content-Type"), body: bytes.Clone(cw.buf.Bytes())}
		if servedStale.Load() {
			rc.cache.PutOutdated(key, resp, st)
		} else {
			rc.cache.PutAt(key, resp, st)
		}
	})
}

// captureWriter copies what it writes, up to maxCachedResponse.
type captureWriter struct {
	http.ResponseWriter
	code     int
	buf      bytes.Buffer
	overflow bool
}

func (w *captureWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *captureWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	if !w.overflow {
		if w.buf.Len()+len(b) > maxCachedResponse {
			w.overflow = true
			w.buf.Reset()
		} else {
			w.buf.Write(b)
		}
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *captureWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
