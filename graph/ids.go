package graph

import (
	"strings"

	"eventgraph/domain"
)

// Global ids are "<Kind>:<key>": readable in a playground, unique across
// kinds, and the key is the natural key in the graph.
const (
	kindArticle = "Article"
	kindEvent   = "Event"
	kindEntity  = "Entity"
)

func globalID(kind, key string) string { return kind + ":" + key }

// parseGlobalID splits a global id; ok is false when id has no known kind.
func parseGlobalID(id string) (kind, key string, ok bool) {
	kind, key, found := strings.Cut(id, ":")
	if !found || key == "" {
		return "", "", false
	}
	switch kind {
	case kindArticle, kindEvent, kindEntity:
		return kind, key, true
	}
	return "", "", false
}

// keyOf returns the natural key of id, which is either a global id of the
// given kind or already a key. A global id of another kind is an error.
func keyOf(kind, id string) (string, error) {
	id = strings.TrimSpace(id)
	if id == "" || len(id) > 500 {
		return "", domain.Errorf(domain.EINVALID, "malformed id %q", id)
	}
	if k, key, ok := parseGlobalID(id); ok {
		if k != kind {
			return "", domain.Errorf(domain.EINVALID, "id %q is an %s id, not an %s id", id, k, kind)
		}
		return key, nil
	}
	return id, nil
}

// keysOf maps keyOf over ids.
func keysOf(kind string, ids []string) ([]string, error) {
	if ids == nil {
		return nil, nil
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		k, err := keyOf(kind, id)
		if err != nil {
			return nil, err
		}
		out[i] = k
	}
	return out, nil
}
