package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"eventgraph/domain"
	"eventgraph/graph/model"
	"eventgraph/neo4jstore"
)

// page reads first/after and which parts of a connection the query selects.
func page(ctx context.Context, first *int, after *string) neo4jstore.Page {
	p := neo4jstore.Page{First: intOr(first, 20), After: strOr(after, "")}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		switch f.Name {
		case "edges", "pageInfo":
			p.Rows = true
		case "totalCount":
			p.Total = true
		}
	}
	return p
}

func (r *Resolver) entityEvents(ctx context.Context, b *model.EntityBase, role *string, filter *model.EventFilter, orderBy *string, first *int, after *string) (*model.EventConnection, error) {
	f, err := toFilter(filter)
	if err != nil {
		return nil, err
	}
	q := neo4jstore.EventQuery{Filter: f, Order: neo4jstore.EventOrder(strOr(orderBy, string(neo4jstore.DateDesc))), Page: page(ctx, first, after)}
	if err := checkPage(q.Page); err != nil {
		return nil, err
	}
	spec := specOf(eventsOfSpec{Role: strOr(role, ""), Query: q})
	p, err := r.loaders(ctx).eventsOf.Load(ctx, listKey{Key: b.Key, Spec: spec})
	if err != nil {
		return nil, err
	}
	return toEventConnection(p), nil
}

func (r *Resolver) related(ctx context.Context, b *model.EntityBase, types, eventTypes []string, first *int, after *string) (*model.RelatedConnection, error) {
	pg := page(ctx, first, after)
	if err := checkPage(pg); err != nil {
		return nil, err
	}
	q := neo4jstore.RelatedQuery{Types: types, EventTypes: eventTypes, Page: neo4jstore.Page{First: pg.First, After: pg.After}}
	p, err := r.loaders(ctx).related.Load(ctx, listKey{Key: b.Key, Spec: specOf(q)})
	if err != nil {
		return nil, err
	}
	return toRelatedConnection(p), nil
}

func checkPage(p neo4jstore.Page) error {
	if p.First < 0 || p.First > neo4jstore.MaxFirst {
		return domain.Errorf(domain.EINVALID, "first must be between 0 and %d, got %d", neo4jstore.MaxFirst, p.First)
	}
	return nil
}

// facts returns the entities tied to b by a fact of this type and direction.
func (r *Resolver) facts(ctx context.Context, b *model.EntityBase, typ string, out bool) ([]model.Entity, error) {
	fs, err := r.loaders(ctx).facts.Load(ctx, b.Key)
	if err != nil {
		return nil, err
	}
	var res []model.Entity
	for _, f := range fs {
		if f.Type == typ && f.Out == out {
			res = append(res, toEntity(f.Entity))
		}
	}
	return res, nil
}

func firstOf[T any](xs []model.Entity) *T {
	for _, x := range xs {
		if t, ok := any(x).(*T); ok {
			return t
		}
	}
	return nil
}

func allOf[T any](xs []model.Entity) []*T {
	out := []*T{}
	for _, x := range xs {
		if t, ok := any(x).(*T); ok {
			out = append(out, t)
		}
	}
	return out
}

func (r *Resolver) eventByKey(ctx context.Context, key string) (*model.Event, error) {
	row, err := r.loaders(ctx).events.Load(ctx, key)
	if err != nil || row == nil {
		return nil, err
	}
	return toEvent(*row), nil
}

func (r *Resolver) entityByKey(ctx context.Context, key string) (model.Entity, error) {
	row, err := r.loaders(ctx).entities.Load(ctx, key)
	if err != nil || row == nil {
		return nil, err
	}
	return toEntity(*row), nil
}

func (r *Resolver) articleByKey(ctx context.Context, key string) (*model.Article, error) {
	row, err := r.loaders(ctx).articles.Load(ctx, key)
	if err != nil || row == nil {
		return nil, err
	}
	return toArticle(*row), nil
}

// node resolves a global id; unknown ids give nil.
func (r *Resolver) node(ctx context.Context, id string) (model.Node, error) {
	kind, key, ok := parseGlobalID(id)
	if !ok {
		return nil, domain.Errorf(domain.EINVALID, "%q is not a global id (Article:…, Event:…, Entity:…)", id)
	}
	switch kind {
	case kindArticle:
		a, err := r.articleByKey(ctx, key)
		if a == nil {
			return nil, err
		}
		return a, err
	case kindEvent:
		e, err := r.eventByKey(ctx, key)
		if e == nil {
			return nil, err
		}
		return e, err
	default:
		return r.entityByKey(ctx, key)
	}
}

func notFound(kind, id string) error {
	return domain.Errorf(domain.ENOTFOUND, "no %s with id %q", strings.ToLower(kind), id)
}

// pathSummary writes a path as text: names, and event steps in brackets.
func pathSummary(p neo4jstore.Path) string {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 {
			e := p.Edges[i-1]
			if e.Source == p.Nodes[i-1].ID {
				fmt.Fprintf(&b, " -%s-> ", e.Type)
			} else {
				fmt.Fprintf(&b, " <-%s- ", e.Type)
			}
		}
		if n.Kind == "EVENT" {
			fmt.Fprintf(&b, "[%s: %s]", n.Type, n.Label)
		} else {
			b.WriteString(n.Label)
		}
	}
	return b.String()
}

// connections finds the shortest paths between two entities.
func (r *Resolver) connections(ctx context.Context, fromID, toID string, maxHops int, avoid []string, first int) (*model.Connections, error) {
	from, err := keyOf(kindEntity, fromID)
	if err != nil {
		return nil, err
	}
	to, err := keyOf(kindEntity, toID)
	if err != nil {
		return nil, err
	}
	ents, err := r.loaders(ctx).entities.LoadAll(ctx, []string{from, to})
	if err != nil {
		return nil, err
	}
	if ents[0] == nil {
		return nil, notFound(kindEntity, fromID)
	}
	if ents[1] == nil {
		return nil, notFound(kindEntity, toID)
	}
	paths, err := cached(ctx, r.Cache, "connections\x00"+specOf([]any{from, to, maxHops, avoid, first}), func(ctx context.Context) ([]neo4jstore.Path, error) {
		return r.Store.Connections(ctx, from, to, maxHops, avoid, first)
	})
	if err != nil {
		return nil, err
	}
	c := &model.Connections{From: toEntity(*ents[0]), To: toEntity(*ents[1]), Paths: []*model.Path{}}
	var allNodes []neo4jstore.GraphNode
	var allEdges []neo4jstore.GraphEdge
	seen := map[string]bool{}
	for i, p := range paths {
		if i == 0 {
			h := p.Hops
			c.Hops = &h
		}
		g := toGraph(p.Nodes, p.Edges)
		c.Paths = append(c.Paths, &model.Path{Hops: p.Hops, Summary: pathSummary(p), Nodes: g.Nodes, Edges: g.Edges})
		for _, n := range p.Nodes {
			if k := n.Kind + n.ID; !seen[k] {
				seen[k] = true
				allNodes = append(allNodes, n)
			}
		}
		for _, e := range p.Edges {
			if k := "e" + e.Source + e.Type + e.Target; !seen[k] {
				seen[k] = true
				allEdges = append(allEdges, e)
			}
		}
	}
	c.Graph = toGraph(allNodes, allEdges)
	return c, nil
}
