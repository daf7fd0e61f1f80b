package httpserver_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"eventgraph/config"
	"eventgraph/httpserver"
)

type pageInfo struct {
	HasNextPage bool
	EndCursor   *string
}

// Walking every page of a list gives each item once, as many as totalCount,
// in every order.
func TestEventPaginationIsStableAndComplete(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, func(_ *config.Config, o *httpserver.Options) { o.CacheTTL = 0 }).Handler())
	for _, order := range []string{"DATE_DESC", "DATE_ASC", "CONFIDENCE_DESC", "CONFIDENCE_ASC"} {
		t.Run(order, func(t *testing.T) {
			seen := map[string]bool{}
			after, total, pages := "", -1, 0
			for {
				q := fmt.Sprintf(`query($after: String) { events(orderBy: %s, first: 37, after: $after) {
					totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, order)
				var resp struct {
					Events struct {
						TotalCount int
						Edges      []struct{ Node struct{ ID string } }
						PageInfo   pageInfo
					}
				}
				var opts []client.Option
				if after != "" {
					opts = append(opts, client.Var("after", after))
				}
				post(t, c, q, &resp, opts...)
				pages++
				if total < 0 {
					total = resp.Events.TotalCount
				}
				for _, ed := range resp.Events.Edges {
					if seen[ed.Node.ID] {
						t.Fatalf("page %d repeats %s", pages, ed.Node.ID)
					}
					seen[ed.Node.ID] = true
				}
				if !resp.Events.PageInfo.HasNextPage {
					break
				}
				after = *resp.Events.PageInfo.EndCursor
				if pages > 1000 {
					t.Fatal("endless pagination")
				}
			}
			if len(seen) != total || total != e.events {
				t.Errorf("walked %d events in %d pages, totalCount %d, written %d", len(seen), pages, total, e.events)
			}
		})
	}
}

func TestEntityAndRelatedPagination(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, func(_ *config.Config, o *httpserver.Options) { o.CacheTTL = 0 }).Handler())
	walk := func(t *testing.T, q string, get func(raw map[string]any) (ids []string, total int, next *string)) {
		seen := map[string]bool{}
		after, total := "", -1
		for pages := 0; ; pages++ {
			var raw map[string]any
			var opts []client.Option
			if after != "" {
				opts = append(opts, client.Var("after", after))
			}
			post(t, c, q, &raw, opts...)
			ids, n, next := get(raw)
			if total < 0 {
				total = n
			}
			for _, id := range ids {
				if seen[id] {
					t.Fatalf("repeated %s", id)
				}
				seen[id] = true
			}
			if next == nil {
				break
			}
			after = *next
			if pages > 1000 {
				t.Fatal("endless pagination")
			}
		}
		if len(seen) != total || total == 0 {
			t.Errorf("walked %d, totalCount %d", len(seen), total)
		}
	}
	conn := func(m map[string]any) ([]string, int, *string) {
		var ids []string
		for _, ed := range m["edges"].([]any) {
			ids = append(ids, ed.(map[string]any)["node"].(map[string]any)["id"].(string))
		}
		pi := m["pageInfo"].(map[string]any)
		var next *string
		if pi["hasNextPage"].(bool) {
			s := pi["endCursor"].(string)
			next = &s
		}
		return ids, int(m["totalCount"].(float64)), next
	}
	t.Run("entities", func(t *testing.T) {
		walk(t, `query($after: String) { entities(first: 7, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
			func(raw map[string]any) ([]string, int, *string) { return conn(raw["entities"].(map[string]any)) })
	})
	t.Run("search", func(t *testing.T) {
		walk(t, `query($after: String) { entities(search: "north korean", first: 3, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
			func(raw map[string]any) ([]string, int, *string) { return conn(raw["entities"].(map[string]any)) })
	})
	t.Run("related", func(t *testing.T) {
		walk(t, `query($after: String) { entity(id: "country:kp") { related(first: 4, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
			func(raw map[string]any) ([]string, int, *string) {
				return conn(raw["entity"].(map[string]any)["related"].(map[string]any))
			})
	})
	t.Run("entity events", func(t *testing.T) {
		walk(t, `query($after: String) { entity(id: "agency:kp:ministry-of-state-security") { events(first: 5, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
			func(raw map[string]any) ([]string, int, *string) {
				return conn(raw["entity"].(map[string]any)["events"].(map[string]any))
			})
	})
}

// Filters combine: every event returned satisfies every filter, and adding
// a filter never adds events.
func TestFiltersCombine(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	type ev struct {
		Type, Modality, PublishedAt string
		Confidence                  float64
		Sentence                    struct{ Text string }
		Arguments                   []argument
	}
	var resp struct {
		All, Typed, Combined, Dated, Text struct {
			TotalCount int
			Edges      []struct{ Node ev }
		}
	}
	post(t, c, `{
		all: events(first: 0) { totalCount }
		typed: events(filter: {types: [DEFECTION, ARREST]}, first: 100) { totalCount edges { node { type } } }
		combined: events(filter: {types: [DEFECTION, ARREST], modalities: [ASSERTED], entities: ["agency:kp:ministry-of-state-security"], minConfidence: 0.1}, first: 100) {
			totalCount edges { node { type modality confidence arguments { role entity { key } } } } }
		dated: events(filter: {from: "2024-01-01", to: "2024-12-31", types: [QUOTA_DEMAND]}, first: 100) { totalCount edges { node { type publishedAt } } }
		text: events(filter: {text: "defected"}, first: 100) { totalCount edges { node { sentence { text } } } }
	}`, &resp)
	if !(resp.All.TotalCount > resp.Typed.TotalCount && resp.Typed.TotalCount >= resp.Combined.TotalCount && resp.Combined.TotalCount > 0) {
		t.Errorf("counts all %d, typed %d, combined %d", resp.All.TotalCount, resp.Typed.TotalCount, resp.Combined.TotalCount)
	}
	for _, ed := range resp.Typed.Edges {
		if ed.Node.Type != "DEFECTION" && ed.Node.Type != "ARREST" {
			t.Errorf("typed filter returned %s", ed.Node.Type)
		}
	}
	for _, ed := range resp.Combined.Edges {
		n := ed.Node
		if (n.Type != "DEFECTION" && n.Type != "ARREST") || n.Modality != "ASSERTED" {
			t.Errorf("combined filter returned %s %s", n.Type, n.Modality)
		}
	}
	if resp.Dated.TotalCount == 0 {
		t.Error("no quota demand published in 2024")
	}
	for _, ed := range resp.Dated.Edges {
		if ed.Node.Type != "QUOTA_DEMAND" || ed.Node.PublishedAt < "2024-01-01" || ed.Node.PublishedAt > "2024-12-31" {
			t.Errorf("date filter returned %+v", ed.Node)
		}
	}
	if resp.Text.TotalCount == 0 {
		t.Error("full-text filter found nothing")
	}
	for _, ed := range resp.Text.Edges {
		if !strings.Contains(strings.ToLower(ed.Node.Sentence.Text), "defected") {
			t.Errorf("text filter returned %q", ed.Node.Sentence.Text)
		}
	}
}

// The full-text entity search forgives typos and knows aliases.
func TestEntitySearchIsFuzzyAndAliasAware(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	for search, want := range map[string]string{
		"Ministry of State Securty": "agency:kp:ministry-of-state-security",
		"MSS":                       "agency:kp:ministry-of-state-security",
		"Shenyng":                   "city:cn:shenyang",
	} {
		var resp struct {
			Entities struct{ Edges []struct{ Node entityRef } }
		}
		post(t, c, `query($s: String) { entities(search: $s, first: 5) { edges { node { key name } } } }`, &resp, client.Var("s", search))
		found := false
		for _, ed := range resp.Entities.Edges {
			found = found || ed.Node.Key == want
		}
		if !found {
			t.Errorf("search %q: %v, want %s", search, resp.Entities.Edges, want)
		}
	}
}

// Errors carry the API's codes.
func TestErrorCodes(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	cases := map[string]string{
		`{ entity(id: "agency:xx:nobody") { name } }`:                                "NOT_FOUND",
		`{ event(id: "Event:nope") { id } }`:                                         "NOT_FOUND",
		`{ events(after: "not a cursor") { totalCount } }`:                           "BAD_USER_INPUT",
		`{ events(filter: {from: "March 2024"}) { totalCount } }`:                    "BAD_USER_INPUT",
		`{ entity(id: "Event:abc") { name } }`:                                       "BAD_USER_INPUT",
		`{ connections(from: "city:cn:shenyang", to: "city:cn:shenyang") { hops } }`: "BAD_USER_INPUT",
	}
	for q, want := range cases {
		errs := postErrs(t, c, q, nil)
		if len(errs) == 0 || errs[0].code() != want {
			t.Errorf("%s: errors %+v, want code %s", q, errs, want)
		}
	}
}

// Every object is reachable again by its global id.
func TestNodeByGlobalID(t *testing.T) {
	e := seed(t)
	c := newClient(e.server(t, nil).Handler())
	var resp struct {
		Events struct {
			Edges []struct {
				Node struct {
					ID        string
					Article   struct{ ID string }
					Arguments []struct{ Entity struct{ ID string } }
				}
			}
		}
	}
	post(t, c, `{ events(first: 5, filter: {types: [DEFECTION]}) { edges { node { id article { id } arguments { entity { id } } } } } }`, &resp)
	if len(resp.Events.Edges) == 0 {
		t.Fatal("no events")
	}
	var ids []string
	for _, ed := range resp.Events.Edges {
		ids = append(ids, ed.Node.ID, ed.Node.Article.ID)
		for _, a := range ed.Node.Arguments {
			ids = append(ids, a.Entity.ID)
		}
	}
	var back struct {
		Nodes []struct {
			ID       string
			Typename string `json:"__typename"`
		}
	}
	post(t, c, `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, &back, client.Var("ids", ids))
	for i, n := range back.Nodes {
		if n.ID != ids[i] || n.Typename == "" {
			t.Errorf("nodes[%d] = %+v, want id %s", i, n, ids[i])
		}
	}
	var one struct{ Node *struct{ Name string } }
	post(t, c, `{ node(id: "Entity:city:cn:shenyang") { ... on City { name } } }`, &one)
	if one.Node == nil || one.Node.Name != "Shenyang" {
		t.Errorf("node(Entity:city:cn:shenyang) = %+v", one.Node)
	}
	post(t, c, `{ node(id: "Entity:city:xx:nowhere") { id } }`, &one)
	if one.Node != nil {
		t.Errorf("unknown id gave %+v", one.Node)
	}
}
