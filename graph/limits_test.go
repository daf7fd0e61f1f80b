package graph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Hostile documents are refused before any resolver runs, so this needs no
// database.
func TestLimitsRefuseHostileDocuments(t *testing.T) {
	srv := NewServer(&Resolver{}, ServerOptions{})
	var aliases strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&aliases, "a%d: __typename ", i)
	}
	deep := strings.Repeat("related { edges { node { ", 17) + "name" + strings.Repeat(" } } }", 17)
	for name, q := range map[string]string{
		"deep":       `{ entity(id: "x") { ` + deep + ` } }`,
		"aliases":    "{ " + aliases.String() + "}",
		"directives": "{ __typename " + strings.Repeat("@include(if: true) ", 3000) + "}",
		"first":      `{ events(first: 1000000000) { totalCount } }`,
		"variable":   `query($n: Int) { events(first: $n) { totalCount } }`,
		"complexity": `{ entities(first: 100) { edges { node { events(first: 100) { edges { node { id } } } } } } }`,
		"maxHops":    `{ connections(from: "a", to: "b", maxHops: 9) { hops } }`,
	} {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"n": 5000}})
		req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		var out struct {
			Errors []struct {
				Message    string
				Extensions map[string]any
			}
		}
		_ = json.Unmarshal(w.Body.Bytes(), &out)
		if w.Code != http.StatusUnprocessableEntity || len(out.Errors) == 0 {
			t.Errorf("%s: status %d, body %.200s", name, w.Code, w.Body.String())
			continue
		}
		if c := out.Errors[0].Extensions["code"]; c != CodeComplexityLimit && c != CodeBadUserInput {
			t.Errorf("%s: code %v (%s)", name, c, out.Errors[0].Message)
		}
	}
}
