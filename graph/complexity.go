package graph

import "eventgraph/graph/model"

// maxComplexity saturates complexity arithmetic, so a huge `first` cannot
// overflow into a small number.
const maxComplexity = 1 << 30

// weigh returns the cost of a list of n elements each costing child, plus
// extra for the field's own work.
func weigh(n, child, extra int) int {
	if n < 1 {
		n = 1
	}
	if child < 1 {
		child = 1
	}
	c := int64(n)*int64(child) + int64(extra)
	if c > maxComplexity {
		return maxComplexity
	}
	return int(c)
}

func firstOr(p *int, def int) int {
	if p == nil {
		return def
	}
	return *p
}

// complexityRoot weighs every list by its `first` (or `limit`), so a query's
// cost grows with what it can return.
func complexityRoot() ComplexityRoot {
	var c ComplexityRoot
	entityEvents := func(child int, _ *string, _ *model.EventFilter, _ *string, first *int, _ *string) int {
		return weigh(firstOr(first, 20), child, 2)
	}
	relatedList := func(child int, _ []string, first *int, _ *string) int {
		return weigh(firstOr(first, 20), child, 5)
	}
	related := func(child int, _, _ []string, first *int, _ *string) int {
		return weigh(firstOr(first, 20), child, 5)
	}
	facts := func(child int) int { return weigh(10, child, 1) }

	c.Agency.Events, c.Agency.Agencies, c.Agency.Cities, c.Agency.Actors, c.Agency.Related = entityEvents, relatedList, relatedList, relatedList, related
	c.Organization.Events, c.Organization.Agencies, c.Organization.Cities, c.Organization.Actors, c.Organization.Related = entityEvents, relatedList, relatedList, relatedList, related
	c.Actor.Events, c.Actor.Agencies, c.Actor.Cities, c.Actor.Actors, c.Actor.Related = entityEvents, relatedList, relatedList, relatedList, related
	c.City.Events, c.City.Agencies, c.City.Cities, c.City.Actors, c.City.Related = entityEvents, relatedList, relatedList, relatedList, related
	c.Region.Events, c.Region.Agencies, c.Region.Cities, c.Region.Actors, c.Region.Related = entityEvents, relatedList, relatedList, relatedList, related
	c.Country.Events, c.Country.Agencies, c.Country.Cities, c.Country.Actors, c.Country.Related = entityEvents, relatedList, relatedList, relatedList, related
	c.Agency.Members, c.Actor.MemberOf = facts, facts

	c.Article.Events = func(child int, first *int, _ *string) int { return weigh(firstOr(first, 20), child, 2) }
	c.Event.Arguments = func(child int, _ []string) int { return weigh(5, child, 0) }
	c.RelatedEdge.Evidence = func(child int, first *int) int { return weigh(firstOr(first, 3), child, 0) }

	c.Query.Events = func(child int, _ *model.EventFilter, _ *string, first *int, _ *string) int {
		return weigh(firstOr(first, 20), child, 2)
	}
	c.Query.Entities = func(child int, _ *string, _ []string, first *int, _ *string) int {
		return weigh(firstOr(first, 20), child, 2)
	}
	c.Query.Articles = func(child int, first *int, _ *string) int { return weigh(firstOr(first, 20), child, 2) }
	c.Query.Nodes = func(child int, ids []string) int { return weigh(len(ids), child, 0) }
	c.Query.Connections = func(child int, _, _ string, maxHops *int, _ []string, first *int) int {
		return weigh(firstOr(first, 5)*2*firstOr(maxHops, 4), child, 50)
	}
	c.Query.Neighborhood = func(child int, _ string, depth, limit *int, _ *model.EventFilter) int {
		return weigh(firstOr(limit, 25)*firstOr(depth, 1)*4, child, 20)
	}
	c.Query.EventCounts = func(child int, _ string, _ *model.EventFilter, first *int) int {
		return weigh(firstOr(first, 20), child, 20)
	}
	c.Query.TopEntities = func(child int, _, _ *string, _ *model.EventFilter, limit *int) int {
		return weigh(firstOr(limit, 10), child, 20)
	}
	return c
}
