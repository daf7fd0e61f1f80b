package graph

import (
	"strings"

	"eventgraph/graph/model"
	"eventgraph/neo4jstore"
)

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func entityBase(e neo4jstore.EntityRow) model.EntityBase {
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return model.EntityBase{ID: globalID(kindEntity, e.ID), Key: e.ID, Type: e.Type, Name: e.Name,
		Aliases: aliases, CountryName: strPtr(e.Country)}
}

// toEntity returns the GraphQL type of an entity row.
func toEntity(e neo4jstore.EntityRow) model.Entity {
	b := entityBase(e)
	switch e.Type {
	case "AGENCY":
		return &model.Agency{EntityBase: b}
	case "ORGANIZATION":
		return &model.Organization{EntityBase: b}
	case "CITY":
		return &model.City{EntityBase: b}
	case "REGION":
		return &model.Region{EntityBase: b}
	case "COUNTRY":
		return &model.Country{EntityBase: b}
	default:
		b.Type = "ACTOR"
		return &model.Actor{EntityBase: b}
	}
}

func toArticle(a neo4jstore.ArticleRow) *model.Article {
	return &model.Article{ID: globalID(kindArticle, a.ID), Key: a.ID, Source: a.Source, Title: a.Title,
		URL: strPtr(a.URL), PublishedAt: strPtr(a.PublishedAt), IngestedAt: strPtr(a.IngestedAt),
		ExtractorVersion: strPtr(a.ExtractorVersion)}
}

func toEvent(e neo4jstore.EventRow) *model.Event {
	row := e
	ev := &model.Event{
		ID: globalID(kindEvent, e.ID), Key: e.ID, Type: e.Type, Modality: strings.ToUpper(e.Modality),
		Trigger:  &model.Span{Text: e.Trigger, Start: e.TriggerStart, End: e.TriggerEnd},
		Sentence: &model.Span{Text: e.Sentence, Start: e.Start, End: e.End},
		Rule:     e.Rule, Confidence: e.Confidence, Time: strPtr(e.Time), PublishedAt: strPtr(e.PublishedAt),
		Row: &row,
	}
	if e.AmountText != "" || e.AmountMin != nil || e.AmountMax != nil {
		ev.Amount = &model.Amount{Text: strPtr(e.AmountText), Min: e.AmountMin, Max: e.AmountMax,
			Currency: strPtr(e.Currency), Period: strPtr(e.Period)}
	}
	return ev
}

func toArguments(args []neo4jstore.ArgumentRow, roles []string) []*model.Argument {
	out := make([]*model.Argument, 0, len(args))
	for _, a := range args {
		if len(roles) > 0 && !contains(roles, a.Role) {
			continue
		}
		arg := &model.Argument{Role: a.Role, Text: a.Text, Start: a.Start, End: a.End, Entity: toEntity(a.Entity)}
		if a.Count > 0 {
			c := a.Count
			arg.Count = &c
		}
		out = append(out, arg)
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func pageInfo(hasNext bool, cursors []string) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext}
	if n := len(cursors); n > 0 {
		pi.EndCursor = &cursors[n-1]
	}
	return pi
}

func toEventConnection(p neo4jstore.EventPage) *model.EventConnection {
	c := &model.EventConnection{Edges: make([]*model.EventEdge, len(p.Events)), TotalCount: p.Total,
		PageInfo: pageInfo(p.HasNext, p.Cursors)}
	for i, e := range p.Events {
		c.Edges[i] = &model.EventEdge{Cursor: p.Cursors[i], Node: toEvent(e)}
	}
	return c
}

func toRelatedConnection(p neo4jstore.RelatedPage) *model.RelatedConnection {
	c := &model.RelatedConnection{Edges: make([]*model.RelatedEdge, len(p.Items)), TotalCount: p.Total,
		PageInfo: pageInfo(p.HasNext, p.Cursors)}
	for i, it := range p.Items {
		facts := it.Facts
		if facts == nil {
			facts = []string{}
		}
		c.Edges[i] = &model.RelatedEdge{Cursor: p.Cursors[i], Node: toEntity(it.Entity), SharedEvents: it.Shared,
			Facts: facts, EvidenceIDs: it.Evidence}
	}
	return c
}

func toGraphNode(n neo4jstore.GraphNode) *model.GraphNode {
	g := &model.GraphNode{Kind: n.Kind, Type: n.Type, Label: n.Label}
	if n.Kind == "EVENT" {
		g.ID, g.EventKey = globalID(kindEvent, n.ID), n.ID
	} else {
		g.ID = globalID(kindEntity, n.ID)
		if n.Entity != nil {
			g.Entity = toEntity(*n.Entity)
		}
	}
	return g
}

// nodeGlobalID returns the global id of a graph node key, knowing the
// kinds of the nodes around.
func toGraphEdge(e neo4jstore.GraphEdge, kinds map[string]string) *model.GraphEdge {
	src, dst := globalID(kinds[e.Source], e.Source), globalID(kinds[e.Target], e.Target)
	return &model.GraphEdge{ID: src + "|" + e.Type + "|" + dst, Source: src, Target: dst, Type: e.Type, Text: strPtr(e.Text)}
}

func toGraph(nodes []neo4jstore.GraphNode, edges []neo4jstore.GraphEdge) *model.Graph {
	kinds := make(map[string]string, len(nodes))
	g := &model.Graph{Nodes: make([]*model.GraphNode, 0, len(nodes)), Edges: make([]*model.GraphEdge, 0, len(edges))}
	for _, n := range nodes {
		if n.Kind == "EVENT" {
			kinds[n.ID] = kindEvent
		} else {
			kinds[n.ID] = kindEntity
		}
		g.Nodes = append(g.Nodes, toGraphNode(n))
	}
	for _, e := range edges {
		g.Edges = append(g.Edges, toGraphEdge(e, kinds))
	}
	return g
}

// toFilter converts the GraphQL filter, turning global ids into keys and
// enum names into stored values.
func toFilter(f *model.EventFilter) (neo4jstore.EventFilter, error) {
	var out neo4jstore.EventFilter
	if f == nil {
		return out, nil
	}
	var err error
	out.Types = f.Types
	for _, m := range f.Modalities {
		out.Modalities = append(out.Modalities, strings.ToLower(m))
	}
	lists := []struct {
		in  []string
		out *[]string
	}{
		{f.Entities, &out.Entities}, {f.Agent, &out.Agent}, {f.Patient, &out.Patient},
		{f.Origin, &out.Origin}, {f.Destination, &out.Destination}, {f.Location, &out.Location},
	}
	for _, l := range lists {
		if *l.out, err = keysOf(kindEntity, l.in); err != nil {
			return out, err
		}
	}
	if f.Article != nil {
		if out.Article, err = keyOf(kindArticle, *f.Article); err != nil {
			return out, err
		}
	}
	if f.From != nil {
		out.From = *f.From
	}
	if f.To != nil {
		out.To = *f.To
	}
	if f.Text != nil {
		out.Text = *f.Text
	}
	out.MinConfidence = f.MinConfidence
	return out, out.Validate()
}

func intOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

func strOr(p *string, def string) string {
	if p == nil {
		return def
	}
	return *p
}
