package httpserver_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"eventgraph/internal/testenv"
)

// quietLogger discards logs unless EVENTGRAPH_TEST_LOG is set.
func quietLogger() *slog.Logger {
	if os.Getenv("EVENTGRAPH_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.DiscardHandler)
}

// gqlError is one error of a response.
type gqlError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

func (e gqlError) code() string { s, _ := e.Extensions["code"].(string); return s }

// post runs query and decodes its data into out, failing on any error.
func post(t *testing.T, c *client.Client, query string, out any, opts ...client.Option) {
	t.Helper()
	errs := postErrs(t, c, query, out, opts...)
	if len(errs) > 0 {
		t.Fatalf("query failed: %+v\n%s", errs, query)
	}
}

// postErrs runs query, decodes its data into out and returns its errors.
func postErrs(t *testing.T, c *client.Client, query string, out any, opts ...client.Option) []gqlError {
	t.Helper()
	resp, err := c.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("post: %v\n%s", err, query)
	}
	if out != nil && resp.Data != nil {
		b, _ := json.Marshal(resp.Data)
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	return errs
}

var readmeBlock = regexp.MustCompile("(?s)```graphql\n(.*?)```")

// readmeQuery returns the operation named name from graph/README-queries.md,
// so the tests run exactly what the README shows.
func readmeQuery(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(), "graph", "README-queries.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range readmeBlock.FindAllStringSubmatch(string(b), -1) {
		q := m[1]
		for _, kw := range []string{"query ", "mutation ", "subscription "} {
			if strings.HasPrefix(q, kw+name+" ") || strings.HasPrefix(q, kw+name+"(") || strings.HasPrefix(q, kw+name+"{") {
				return q
			}
		}
	}
	t.Fatalf("README-queries.md has no operation %s", name)
	return ""
}

// newClient returns a gqlgen test client posting to /query.
func newClient(h http.Handler) *client.Client { return client.New(h, client.Path("/query")) }
