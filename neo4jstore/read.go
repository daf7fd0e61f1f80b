package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode"

	"eventgraph/domain"
)

// eventSet is a filtered set of events as Cypher: a start clause, the
// predicates on e and whether rows may repeat an event.
type eventSet struct {
	start    string
	preds    []string
	distinct bool
	params   map[string]any
}

// roleFilters pairs each role-specific filter with its role.
func roleFilters(f EventFilter) []struct {
	role, param string
	ids         []string
} {
	return []struct {
		role, param string
		ids         []string
	}{
		{"AGENT", "agent", f.Agent}, {"PATIENT", "patient", f.Patient}, {"ORIGIN", "origin", f.Origin},
		{"DESTINATION", "destination", f.Destination}, {"LOCATION", "location", f.Location},
	}
}

// buildEventSet turns a filter into Cypher. keyAnchor, when set, is the
// start of a batched list (key bound by UNWIND); otherwise the most
// selective filter picks the start.
func buildEventSet(f EventFilter, keyAnchor string) eventSet {
	s := eventSet{params: map[string]any{}}
	p := s.params
	terms := searchTerms(f.Text)
	switch {
	case keyAnchor != "":
		s.start, s.distinct = keyAnchor, true
		if len(terms) > 0 {
			p["textTerms"] = terms
			s.preds = append(s.preds, predTextTerms)
		}
	case len(terms) > 0:
		s.start = anchorText
		p["textQuery"] = sentenceQuery(terms)
	case len(f.Entities) > 0:
		s.start, s.distinct = anchorEntities, true
		p["anchor"] = f.Entities[:1]
		s.preds = append(s.preds, "x.id IN $anchor")
	case len(f.Agent)+len(f.Patient)+len(f.Origin)+len(f.Destination)+len(f.Location) > 0:
		for _, r := range roleFilters(f) {
			if len(r.ids) > 0 {
				s.start = strings.Replace(anchorEntities, roleTypes, r.role, 1)
				s.distinct = true
				p["anchor"] = r.ids
				s.preds = append(s.preds, "x.id IN $anchor")
				break
			}
		}
	case f.Article != "":
		s.start = anchorArticle
	default:
		s.start = anchorAll
	}
	if len(f.Types) > 0 {
		p["types"] = f.Types
		s.preds = append(s.preds, predTypes)
	}
	if len(f.Modalities) > 0 {
		p["modalities"] = f.Modalities
		s.preds = append(s.preds, predModalities)
	}
	if len(f.Entities) > 0 {
		p["entities"] = f.Entities
		s.preds = append(s.preds, predAllEntities)
	}
	for _, r := range roleFilters(f) {
		if len(r.ids) > 0 {
			p[r.param] = r.ids
			s.preds = append(s.preds, predRole(r.role, r.param))
		}
	}
	if f.Article != "" {
		p["article"] = f.Article
		s.preds = append(s.preds, predArticle)
	}
	if f.From != "" {
		p["from"] = f.From
		s.preds = append(s.preds, predFrom)
	}
	if f.To != "" {
		p["to"] = f.To
		s.preds = append(s.preds, predTo)
	}
	if f.MinConfidence != nil {
		p["minConfidence"] = *f.MinConfidence
		s.preds = append(s.preds, predConfidence)
	}
	return s
}

// match returns the start clause and WHERE with extra predicates.
func (s eventSet) match(extra ...string) string {
	preds := append(append([]string(nil), s.preds...), extra...)
	if len(preds) == 0 {
		return s.start
	}
	return s.start + "\nWHERE " + strings.Join(preds, "\n  AND ")
}

// with returns the projection to e, DISTINCT when rows may repeat.
func (s eventSet) with() string {
	if s.distinct {
		return "WITH DISTINCT e"
	}
	return "WITH e"
}

// orderParts returns the ORDER BY, the keyset predicate and the predicate
// that lets an index provide the order.
func orderParts(o EventOrder) (order, after, notNull string) {
	switch o {
	case DateAsc:
		return orderDateAsc, afterDateAsc, predDateNotNull
	case ConfidenceDesc:
		return orderConfDesc, afterConfDesc, predConfNotNull
	case ConfidenceAsc:
		return orderConfAsc, afterConfAsc, predConfNotNull
	default:
		return orderDateDesc, afterDateDesc, predDateNotNull
	}
}

// cursorParams decodes an event cursor into the keyset parameters.
func cursorParams(after string, o EventOrder, p map[string]any) error {
	var c keyCursor
	if err := decodeCursor(after, &c); err != nil {
		return err
	}
	if o == ConfidenceDesc || o == ConfidenceAsc {
		if c.F == nil {
			return domain.Errorf(domain.EINVALID, "cursor %q is for another order", after)
		}
		p["cf"] = *c.F
	} else {
		p["cs"] = c.S
	}
	p["ci"] = c.I
	return nil
}

func eventCursor(e EventRow, o EventOrder) string {
	if o == ConfidenceDesc || o == ConfidenceAsc {
		c := e.Confidence
		return encodeCursor(keyCursor{F: &c, I: e.ID})
	}
	return encodeCursor(keyCursor{S: e.PublishedAt, I: e.ID})
}

// lessEvent reports whether a sorts before b in order o.
func lessEvent(a, b EventRow, o EventOrder) bool {
	switch o {
	case DateAsc:
		if a.PublishedAt != b.PublishedAt {
			return a.PublishedAt < b.PublishedAt
		}
	case ConfidenceDesc:
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
	case ConfidenceAsc:
		if a.Confidence != b.Confidence {
			return a.Confidence < b.Confidence
		}
	default:
		if a.PublishedAt != b.PublishedAt {
			return a.PublishedAt > b.PublishedAt
		}
	}
	return a.ID < b.ID
}

func checkEventQuery(q *EventQuery) error {
	if err := checkFirst(q.First); err != nil {
		return err
	}
	if q.Order == "" {
		q.Order = DateDesc
	}
	switch q.Order {
	case DateDesc, DateAsc, ConfidenceDesc, ConfidenceAsc:
	default:
		return domain.Errorf(domain.EINVALID, "unknown order %q", q.Order)
	}
	return q.Filter.Validate()
}

// Events returns one page of the events matching the filter.
func (s *Store) Events(ctx context.Context, q EventQuery) (EventPage, error) {
	if err := checkEventQuery(&q); err != nil {
		return EventPage{}, err
	}
	set := buildEventSet(q.Filter, "")
	var page EventPage
	if q.After != "" {
		if err := cursorParams(q.After, q.Order, map[string]any{}); err != nil {
			return page, err
		}
	}
	if q.Total {
		query := set.match() + "\nRETURN count(DISTINCT e) AS n"
		res, err := s.read(ctx, "events count", query, set.params)
		if err != nil {
			return page, err
		}
		page.Total = recInt(res.Records[0].AsMap(), "n")
	}
	if !q.Rows || q.First == 0 {
		return page, nil
	}
	order, after, notNull := orderParts(q.Order)
	extra := []string{}
	if set.start == anchorAll {
		extra = append(extra, notNull)
	}
	params := copyParams(set.params)
	if q.After != "" {
		if err := cursorParams(q.After, q.Order, params); err != nil {
			return page, err
		}
		extra = append(extra, after)
	}
	params["limit"] = q.First + 1
	query := set.match(extra...) + "\n" + set.with() + " " + order + " LIMIT $limit\nRETURN " + eventProjection + " AS ev"
	res, err := s.read(ctx, "events", query, params)
	if err != nil {
		return page, err
	}
	for _, r := range res.Records {
		v, _ := r.Get("ev")
		page.Events = append(page.Events, toEvent(v))
	}
	page.cut(q.First, q.Order)
	return page, nil
}

func (p *EventPage) cut(first int, o EventOrder) {
	if len(p.Events) > first {
		p.Events, p.HasNext = p.Events[:first], true
	}
	p.Cursors = make([]string, len(p.Events))
	for i, e := range p.Events {
		p.Cursors[i] = eventCursor(e, o)
	}
}

// EventsOf returns, for each key, one page of the events of that entity
// (in the given role, all roles when empty) or, with article set, of that
// article: one round trip for all keys, two with totals.
func (s *Store) EventsOf(ctx context.Context, keys []string, article bool, role string, q EventQuery) (map[string]EventPage, error) {
	out := make(map[string]EventPage, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	if err := checkEventQuery(&q); err != nil {
		return nil, err
	}
	anchor := keyAnchorArticle
	if !article {
		anchor = keyAnchorEntity(role)
	}
	set := buildEventSet(q.Filter, anchor)
	if q.After != "" {
		if err := cursorParams(q.After, q.Order, map[string]any{}); err != nil {
			return nil, err
		}
	}
	if q.Total {
		params := copyParams(set.params)
		params["keys"] = keys
		query := "UNWIND $keys AS key\nCALL {\nWITH key\n" + set.match() + "\nRETURN count(DISTINCT e) AS n\n}\nRETURN key, n"
		res, err := s.read(ctx, "events of count", query, params)
		if err != nil {
			return nil, err
		}
		for _, r := range res.Records {
			m := r.AsMap()
			k, _ := m["key"].(string)
			p := out[k]
			p.Total = recInt(m, "n")
			out[k] = p
		}
	}
	if !q.Rows || q.First == 0 {
		return out, nil
	}
	order, after, _ := orderParts(q.Order)
	params := copyParams(set.params)
	var extra []string
	if q.After != "" {
		if err := cursorParams(q.After, q.Order, params); err != nil {
			return nil, err
		}
		extra = append(extra, after)
	}
	params["keys"] = keys
	params["limit"] = q.First + 1
	query := "UNWIND $keys AS key\nCALL {\nWITH key\n" + set.match(extra...) + "\n" + set.with() + " " + order +
		" LIMIT $limit\nRETURN e\n}\nRETURN key, " + eventProjection + " AS ev"
	res, err := s.read(ctx, "events of", query, params)
	if err != nil {
		return nil, err
	}
	rows := map[string][]EventRow{}
	for _, r := range res.Records {
		m := r.AsMap()
		k, _ := m["key"].(string)
		rows[k] = append(rows[k], toEvent(m["ev"]))
	}
	for _, k := range keys {
		evs := rows[k]
		sort.SliceStable(evs, func(i, j int) bool { return lessEvent(evs[i], evs[j], q.Order) })
		p := out[k]
		p.Events = evs
		p.cut(q.First, q.Order)
		out[k] = p
	}
	return out, nil
}

// EventsByID returns the events with these ids, with arguments and article.
func (s *Store) EventsByID(ctx context.Context, ids []string) (map[string]EventRow, error) {
	out := make(map[string]EventRow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, "events by id", qEventsByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range res.Records {
		v, _ := r.Get("ev")
		e := toEvent(v)
		out[e.ID] = e
	}
	return out, nil
}

// EntitiesByID returns the entities with these ids.
func (s *Store) EntitiesByID(ctx context.Context, ids []string) (map[string]EntityRow, error) {
	out := make(map[string]EntityRow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, "entities by id", qEntitiesByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range res.Records {
		v, _ := r.Get("x")
		e := toEntity(v)
		out[e.ID] = e
	}
	return out, nil
}

// ArticlesByID returns the articles with these ids.
func (s *Store) ArticlesByID(ctx context.Context, ids []string) (map[string]ArticleRow, error) {
	out := make(map[string]ArticleRow, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, "articles by id", qArticlesByID, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range res.Records {
		v, _ := r.Get("a")
		a := toArticle(v)
		out[a.ID] = a
	}
	return out, nil
}

// Articles returns one page of articles, newest first.
func (s *Store) Articles(ctx context.Context, pg Page) (ArticlePage, error) {
	var page ArticlePage
	if err := checkFirst(pg.First); err != nil {
		return page, err
	}
	if pg.Total {
		res, err := s.read(ctx, "articles count", qArticleCount, nil)
		if err != nil {
			return page, err
		}
		page.Total = recInt(res.Records[0].AsMap(), "n")
	}
	if !pg.Rows || pg.First == 0 {
		return page, nil
	}
	params := map[string]any{"cs": nil, "ci": nil, "limit": pg.First + 1}
	if pg.After != "" {
		var c keyCursor
		if err := decodeCursor(pg.After, &c); err != nil {
			return page, err
		}
		params["cs"], params["ci"] = c.S, c.I
	}
	res, err := s.read(ctx, "articles", qArticles, params)
	if err != nil {
		return page, err
	}
	for _, r := range res.Records {
		v, _ := r.Get("a")
		page.Articles = append(page.Articles, toArticle(v))
	}
	if len(page.Articles) > pg.First {
		page.Articles, page.HasNext = page.Articles[:pg.First], true
	}
	for _, a := range page.Articles {
		page.Cursors = append(page.Cursors, encodeCursor(keyCursor{S: a.PublishedAt, I: a.ID}))
	}
	return page, nil
}

// SearchEntities finds entities whose name or aliases match search,
// forgiving typos and partial words, best first; with an empty search it
// lists entities by name.
func (s *Store) SearchEntities(ctx context.Context, search string, types []string, pg Page) (EntityPage, error) {
	var page EntityPage
	if err := checkFirst(pg.First); err != nil {
		return page, err
	}
	if len(search) > 200 {
		return page, domain.Errorf(domain.EINVALID, "search is at most 200 characters")
	}
	for _, t := range types {
		if !validEntityType(t) {
			return page, domain.Errorf(domain.EINVALID, "unknown entity type %q", t)
		}
	}
	skip, err := decodeOffset(pg.After)
	if err != nil {
		return page, err
	}
	if types == nil {
		types = []string{}
	}
	params := map[string]any{"types": types, "skip": skip, "limit": pg.First + 1}
	list, count := qListEntities, qListEntitiesCount
	if terms := searchTerms(search); len(terms) > 0 {
		params["q"] = entityQuery(terms)
		list, count = qSearchEntities, qSearchEntitiesCount
	}
	if pg.Total {
		res, err := s.read(ctx, "entities count", count, params)
		if err != nil {
			return page, err
		}
		page.Total = recInt(res.Records[0].AsMap(), "n")
	}
	if !pg.Rows || pg.First == 0 {
		return page, nil
	}
	res, err := s.read(ctx, "entities", list, params)
	if err != nil {
		return page, err
	}
	for _, r := range res.Records {
		m := r.AsMap()
		h := EntityHit{Entity: toEntity(m["x"])}
		if f, ok := m["score"].(float64); ok {
			h.Score = &f
		}
		page.Hits = append(page.Hits, h)
	}
	if len(page.Hits) > pg.First {
		page.Hits, page.HasNext = page.Hits[:pg.First], true
	}
	for i := range page.Hits {
		page.Cursors = append(page.Cursors, offsetCursor(skip+i+1))
	}
	return page, nil
}

// Related returns, for each key, one page of the entities tied to it by
// shared events or facts: one round trip for all keys.
func (s *Store) Related(ctx context.Context, keys []string, q RelatedQuery) (map[string]RelatedPage, error) {
	out := make(map[string]RelatedPage, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	if err := checkFirst(q.First); err != nil {
		return nil, err
	}
	for _, t := range q.Types {
		if !validEntityType(t) {
			return nil, domain.Errorf(domain.EINVALID, "unknown entity type %q", t)
		}
	}
	for _, t := range q.EventTypes {
		if !validEventType(t) {
			return nil, domain.Errorf(domain.EINVALID, "unknown event type %q", t)
		}
	}
	skip, err := decodeOffset(q.After)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"keys": keys, "types": orEmpty(q.Types), "eventTypes": orEmpty(q.EventTypes),
		"evidence": MaxEvidence, "skip": skip, "limit": q.First + 1}
	query := qRelated
	if len(q.Types) > 0 && !contains(q.Types, "AGENCY") {
		query = qRelatedDirect
	}
	res, err := s.read(ctx, "related", query, params)
	if err != nil {
		return nil, err
	}
	for _, r := range res.Records {
		m := r.AsMap()
		k, _ := m["key"].(string)
		page := RelatedPage{Total: recInt(m, "total")}
		list, _ := m["page"].([]any)
		for _, x := range list {
			xm, _ := x.(map[string]any)
			page.Items = append(page.Items, Related{
				Entity: toEntity(xm["entity"]), Shared: recInt(xm, "shared"),
				Facts: dedupe(toStrings(xm["facts"])), Evidence: dedupe(toStrings(xm["evidence"])),
			})
		}
		if len(page.Items) > q.First {
			page.Items, page.HasNext = page.Items[:q.First], true
		}
		for i := range page.Items {
			page.Cursors = append(page.Cursors, offsetCursor(skip+i+1))
		}
		out[k] = page
	}
	return out, nil
}

// Facts returns, for each key, the facts that tie it to other entities
// (at most 100 each).
func (s *Store) Facts(ctx context.Context, keys []string) (map[string][]Fact, error) {
	out := make(map[string][]Fact, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	res, err := s.read(ctx, "facts", qFacts, map[string]any{"keys": keys})
	if err != nil {
		return nil, err
	}
	for _, r := range res.Records {
		m := r.AsMap()
		k, _ := m["key"].(string)
		t, _ := m["type"].(string)
		o, _ := m["out"].(bool)
		out[k] = append(out[k], Fact{Type: t, Out: o, Entity: toEntity(m["b"])})
	}
	return out, nil
}

// Connections returns up to first shortest paths of at most maxHops hops
// between two entities, not crossing entities of the avoided types.
func (s *Store) Connections(ctx context.Context, from, to string, maxHops int, avoid []string, first int) ([]Path, error) {
	if maxHops < 1 || maxHops > 4 {
		return nil, domain.Errorf(domain.EINVALID, "maxHops must be between 1 and 4, got %d", maxHops)
	}
	if first < 1 || first > 20 {
		return nil, domain.Errorf(domain.EINVALID, "first must be between 1 and 20, got %d", first)
	}
	for _, t := range avoid {
		if !validEntityType(t) {
			return nil, domain.Errorf(domain.EINVALID, "unknown entity type %q", t)
		}
	}
	if from == to {
		return nil, domain.Errorf(domain.EINVALID, "from and to are the same entity")
	}
	params := map[string]any{"from": from, "to": to, "maxHops": maxHops, "avoid": orEmpty(avoid), "first": first}
	res, err := s.read(ctx, "connections direct", qDirect, params)
	if err != nil {
		return nil, err
	}
	if len(res.Records) == 0 {
		if res, err = s.read(ctx, "connections", connectionsQuery(maxHops), params); err != nil {
			return nil, err
		}
	}
	var out []Path
	for _, r := range res.Records {
		m := r.AsMap()
		p := Path{Hops: recInt(m, "hops")}
		nodes, _ := m["nodes"].([]any)
		for _, n := range nodes {
			p.Nodes = append(p.Nodes, toGraphNode(n))
		}
		edges, _ := m["edges"].([]any)
		for _, e := range edges {
			p.Edges = append(p.Edges, toGraphEdge(e))
		}
		out = append(out, p)
	}
	return out, nil
}

// Neighborhood returns the events around an entity and their other
// participants; at depth 2 the same again from each participant. limit
// bounds the events of each step.
func (s *Store) Neighborhood(ctx context.Context, id string, depth, limit int, f EventFilter) (Graph, error) {
	if depth < 1 || depth > 2 {
		return Graph{}, domain.Errorf(domain.EINVALID, "depth must be 1 or 2, got %d", depth)
	}
	if limit < 1 || limit > MaxFirst {
		return Graph{}, domain.Errorf(domain.EINVALID, "limit must be between 1 and %d, got %d", MaxFirst, limit)
	}
	ents, err := s.EntitiesByID(ctx, []string{id})
	if err != nil {
		return Graph{}, err
	}
	root, ok := ents[id]
	if !ok {
		return Graph{}, domain.Errorf(domain.ENOTFOUND, "no entity %q", id)
	}
	g := &graphBuilder{seen: map[string]bool{}}
	g.entity(root)
	frontier := []string{id}
	for step := 0; step < depth && len(frontier) > 0; step++ {
		per := limit / len(frontier)
		if per < 1 {
			per = 1
		}
		if len(frontier) > limit {
			frontier = frontier[:limit]
		}
		pages, err := s.EventsOf(ctx, frontier, false, "", EventQuery{Filter: f, Order: ConfidenceDesc, Page: Page{First: per, Rows: true}})
		if err != nil {
			return Graph{}, err
		}
		var next []string
		for _, k := range frontier {
			for _, ev := range pages[k].Events {
				if !g.event(ev) {
					continue
				}
				for _, a := range ev.Args {
					if g.entity(a.Entity) {
						next = append(next, a.Entity.ID)
					}
					g.edge(GraphEdge{Type: a.Role, Source: ev.ID, Target: a.Entity.ID, Text: a.Text})
				}
			}
		}
		frontier = next
	}
	var ids []string
	for _, n := range g.nodes {
		if n.Kind == "ENTITY" {
			ids = append(ids, n.ID)
		}
	}
	res, err := s.read(ctx, "facts among", qFactsAmong, map[string]any{"ids": ids})
	if err != nil {
		return Graph{}, err
	}
	for _, r := range res.Records {
		m := r.AsMap()
		g.edge(GraphEdge{Type: recStr(m, "type"), Source: recStr(m, "source"), Target: recStr(m, "target")})
	}
	return Graph{Nodes: g.nodes, Edges: g.edges}, nil
}

type graphBuilder struct {
	seen  map[string]bool
	nodes []GraphNode
	edges []GraphEdge
}

// entity adds an entity node and reports whether it is new.
func (g *graphBuilder) entity(e EntityRow) bool {
	k := "n:" + e.ID
	if g.seen[k] {
		return false
	}
	g.seen[k] = true
	ent := e
	g.nodes = append(g.nodes, GraphNode{Kind: "ENTITY", ID: e.ID, Type: e.Type, Label: e.Name, Entity: &ent})
	return true
}

// event adds an event node and reports whether it is new.
func (g *graphBuilder) event(e EventRow) bool {
	k := "v:" + e.ID
	if g.seen[k] {
		return false
	}
	g.seen[k] = true
	g.nodes = append(g.nodes, GraphNode{Kind: "EVENT", ID: e.ID, Type: e.Type, Label: e.Trigger})
	return true
}

func (g *graphBuilder) edge(e GraphEdge) {
	k := "e:" + e.Source + "\x00" + e.Type + "\x00" + e.Target
	if g.seen[k] {
		return
	}
	g.seen[k] = true
	g.edges = append(g.edges, e)
}

// EventCounts counts the events matching the filter by one dimension.
func (s *Store) EventCounts(ctx context.Context, groupBy string, f EventFilter, limit int) ([]CountRow, error) {
	if limit < 1 || limit > MaxFirst {
		return nil, domain.Errorf(domain.EINVALID, "first must be between 1 and %d, got %d", MaxFirst, limit)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	var tail string
	switch groupBy {
	case GroupType:
		tail = groupType
	case GroupModality:
		tail = groupModality
	case GroupMonth:
		tail = groupMonth
	case GroupCity:
		tail = groupCity
	case GroupAgency:
		tail = groupAgency
	case GroupCountry:
		tail = groupCountry
	default:
		return nil, domain.Errorf(domain.EINVALID, "unknown groupBy %q", groupBy)
	}
	set := buildEventSet(f, "")
	query := set.match() + "\n" + set.with() + "\n" + tail
	if groupBy == GroupType && set.start == anchorAll && len(set.preds) == 0 {
		query = qCountByTypeLabels
	}
	params := copyParams(set.params)
	params["limit"] = limit
	res, err := s.read(ctx, "event counts", query, params)
	if err != nil {
		return nil, err
	}
	out := make([]CountRow, 0, len(res.Records))
	for _, r := range res.Records {
		m := r.AsMap()
		c := CountRow{Key: recStr(m, "key"), Label: recStr(m, "label"), Count: recInt(m, "n")}
		if m["entity"] != nil {
			e := toEntity(m["entity"])
			c.Entity = &e
		}
		out = append(out, c)
	}
	if groupBy == GroupMonth {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out, nil
}

// TopEntities returns the entities taking part in the most events matching
// the filter, of one type when entityType is set.
func (s *Store) TopEntities(ctx context.Context, entityType string, f EventFilter, limit int) ([]EntityCount, error) {
	if limit < 1 || limit > MaxFirst {
		return nil, domain.Errorf(domain.EINVALID, "limit must be between 1 and %d, got %d", MaxFirst, limit)
	}
	if entityType != "" && !validEntityType(entityType) {
		return nil, domain.Errorf(domain.EINVALID, "unknown entity type %q", entityType)
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	set := buildEventSet(f, "")
	params := copyParams(set.params)
	params["limit"] = limit
	params["entityType"] = nil
	if entityType != "" {
		params["entityType"] = entityType
	}
	query := set.match() + "\n" + set.with() + "\n" + topEntities
	res, err := s.read(ctx, "top entities", query, params)
	if err != nil {
		return nil, err
	}
	out := make([]EntityCount, 0, len(res.Records))
	for _, r := range res.Records {
		m := r.AsMap()
		out = append(out, EntityCount{Entity: toEntity(m["entity"]), Count: recInt(m, "n")})
	}
	return out, nil
}

// searchTerms splits a search into lower-case words of letters and digits
// (at most 10), so no query syntax reaches the full-text index.
func searchTerms(s string) []string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	if len(words) > 10 {
		words = words[:10]
	}
	return words
}

// entityQuery is a Lucene query where every word must match exactly
// (boosted), as a prefix, or within one or two edits for longer words.
func entityQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		alts := []string{t + "^3", t + "*"}
		switch n := len([]rune(t)); {
		case n >= 7:
			alts = append(alts, t+"~2")
		case n >= 4:
			alts = append(alts, t+"~1")
		}
		parts[i] = "(" + strings.Join(alts, " OR ") + ")"
	}
	return strings.Join(parts, " AND ")
}

// sentenceQuery is a Lucene query where every word must appear, the last
// one possibly as a prefix.
func sentenceQuery(terms []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t
		if i == len(terms)-1 {
			parts[i] = "(" + t + " OR " + t + "*)"
		}
	}
	return strings.Join(parts, " AND ")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func copyParams(p map[string]any) map[string]any {
	out := make(map[string]any, len(p)+4)
	for k, v := range p {
		out[k] = v
	}
	return out
}

func orEmpty(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func dedupe(xs []string) []string {
	seen := make(map[string]bool, len(xs))
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// Record decoding.

func recStr(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

func recInt(m map[string]any, k string) int {
	switch v := m[k].(type) {
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}

func recFloatPtr(m map[string]any, k string) *float64 {
	switch v := m[k].(type) {
	case float64:
		return &v
	case int64:
		f := float64(v)
		return &f
	}
	return nil
}

func toEntity(v any) EntityRow {
	m, _ := v.(map[string]any)
	return EntityRow{ID: recStr(m, "id"), Type: recStr(m, "type"), Name: recStr(m, "name"),
		Aliases: toStrings(m["aliases"]), Country: recStr(m, "country")}
}

func toArticle(v any) ArticleRow {
	m, _ := v.(map[string]any)
	return ArticleRow{ID: recStr(m, "id"), Source: recStr(m, "source"), Title: recStr(m, "title"), URL: recStr(m, "url"),
		PublishedAt: recStr(m, "publishedAt"), IngestedAt: recStr(m, "ingestedAt"), ExtractorVersion: recStr(m, "extractorVersion")}
}

func toEvent(v any) EventRow {
	m, _ := v.(map[string]any)
	e := EventRow{
		ID: recStr(m, "id"), Type: recStr(m, "type"), Modality: recStr(m, "modality"),
		Trigger: recStr(m, "trigger"), TriggerStart: recInt(m, "triggerStart"), TriggerEnd: recInt(m, "triggerEnd"),
		Sentence: recStr(m, "sentence"), Start: recInt(m, "start"), End: recInt(m, "end"),
		Rule: recStr(m, "rule"), ArticleID: recStr(m, "articleId"), PublishedAt: recStr(m, "publishedAt"),
		AmountText: recStr(m, "amountText"), AmountMin: recFloatPtr(m, "amountMin"), AmountMax: recFloatPtr(m, "amountMax"),
		Currency: recStr(m, "currency"), Period: recStr(m, "period"), Time: recStr(m, "time"),
	}
	if c := recFloatPtr(m, "confidence"); c != nil {
		e.Confidence = *c
	}
	if args, ok := m["args"].([]any); ok {
		e.Args = make([]ArgumentRow, 0, len(args))
		for _, a := range args {
			am, _ := a.(map[string]any)
			e.Args = append(e.Args, ArgumentRow{Role: recStr(am, "role"), Text: recStr(am, "text"),
				Start: recInt(am, "start"), End: recInt(am, "end"), Count: recInt(am, "count"), Entity: toEntity(am["entity"])})
		}
	}
	if m["article"] != nil {
		a := toArticle(m["article"])
		e.Article = &a
	}
	return e
}

func toGraphNode(v any) GraphNode {
	m, _ := v.(map[string]any)
	n := GraphNode{Kind: recStr(m, "kind"), ID: recStr(m, "id"), Type: recStr(m, "type"), Label: recStr(m, "label")}
	if m["entity"] != nil {
		e := toEntity(m["entity"])
		n.Entity = &e
	}
	return n
}

func toGraphEdge(v any) GraphEdge {
	m, _ := v.(map[string]any)
	return GraphEdge{Type: recStr(m, "type"), Source: recStr(m, "source"), Target: recStr(m, "target"), Text: recStr(m, "text")}
}

// String helps debugging.
func (p Path) String() string {
	var b strings.Builder
	for i, n := range p.Nodes {
		if i > 0 {
			fmt.Fprintf(&b, " -%s- ", p.Edges[i-1].Type)
		}
		b.WriteString(n.Label)
	}
	return b.String()
}
