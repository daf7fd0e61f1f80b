package neo4jstore

import "strconv"

// Cypher for the API's reads. Queries are assembled from the constant
// fragments below, chosen by which filters are set; every value is a
// parameter.

const (
	// qDataVersion reads the number of write batches committed so far.
	qDataVersion = `OPTIONAL MATCH (m:GraphMeta {id: $key}) RETURN coalesce(m.dataVersion, 0) AS version`

	// qWrittenArticles lists the articles written by the batches counted
	// after $after, up to $upTo, in commit order.
	qWrittenArticles = `
MATCH (a:Article)
WHERE a.dataVersion > $after AND a.dataVersion <= $upTo
RETURN a.id AS id
ORDER BY a.dataVersion, a.id
LIMIT $limit`

	roleTypes = `AGENT|PATIENT|ORIGIN|DESTINATION|LOCATION`
	factTypes = `MEMBER_OF|IN_REGION|IN_COUNTRY|OF_COUNTRY`

	entityProjection  = `{.id, .type, .name, .aliases, .country}`
	articleProjection = `{.id, .source, .title, .url, .publishedAt, ingestedAt: toString(a.ingestedAt), .extractorVersion}`

	// eventProjection returns an event with its arguments (and their
	// entities) and its article, so a page of events is one round trip.
	eventProjection = `e {.id, .type, .modality, .trigger, .triggerStart, .triggerEnd, .sentence, .start, .end,
  .rule, .confidence, .articleId, .publishedAt, .amountText, .amountMin, .amountMax, .currency, .period, .time,
  args: COLLECT { MATCH (e)-[r:` + roleTypes + `]->(x:Entity)
    RETURN {role: type(r), text: r.text, start: r.start, end: r.end, count: r.count, entity: x ` + entityProjection + `}
    ORDER BY r.start, type(r) },
  article: COLLECT { MATCH (e)-[:REPORTED_IN]->(a:Article) RETURN a ` + articleProjection + ` }[0]}`

	// Where a list of events starts.
	anchorAll      = `MATCH (e:Event)`
	anchorText     = `CALL db.index.fulltext.queryNodes('event_sentences', $textQuery) YIELD node AS e`
	anchorArticle  = `MATCH (:Article {id: $article})<-[:REPORTED_IN]-(e:Event)`
	anchorEntities = `MATCH (x:Entity)<-[:MEMBER_OF*0..1]-(:Entity)<-[:` + roleTypes + `]-(e:Event)`

	// Per-key anchors of batched lists: key is bound by UNWIND.
	keyAnchorArticle = `MATCH (:Article {id: key})<-[:REPORTED_IN]-(e:Event)`

	// Filter predicates on e.
	predTypes       = `e.type IN $types`
	predModalities  = `e.modality IN $modalities`
	predArticle     = `e.articleId = $article`
	predFrom        = `e.publishedAt >= $from`
	predTo          = `(e.publishedAt <= $to AND e.publishedAt <> '')`
	predConfidence  = `e.confidence >= $minConfidence`
	predTextTerms   = `all(t IN $textTerms WHERE toLower(e.sentence) CONTAINS t)`
	predAllEntities = `all(id IN $entities WHERE EXISTS { MATCH (e)-[:` + roleTypes + `]->(:Entity)-[:MEMBER_OF*0..1]->(y:Entity) WHERE y.id = id })`
	predDateNotNull = `e.publishedAt IS NOT NULL`
	predConfNotNull = `e.confidence IS NOT NULL`

	// Keyset pagination after the cursor's row.
	afterDateDesc = `(e.publishedAt < $cs OR (e.publishedAt = $cs AND e.id > $ci))`
	afterDateAsc  = `(e.publishedAt > $cs OR (e.publishedAt = $cs AND e.id > $ci))`
	afterConfDesc = `(e.confidence < $cf OR (e.confidence = $cf AND e.id > $ci))`
	afterConfAsc  = `(e.confidence > $cf OR (e.confidence = $cf AND e.id > $ci))`

	orderDateDesc = `ORDER BY e.publishedAt DESC, e.id`
	orderDateAsc  = `ORDER BY e.publishedAt, e.id`
	orderConfDesc = `ORDER BY e.confidence DESC, e.id`
	orderConfAsc  = `ORDER BY e.confidence, e.id`

	qEventsByID = `
UNWIND $ids AS id
MATCH (e:Event {id: id})
RETURN ` + eventProjection + ` AS ev`

	qEntitiesByID = `
UNWIND $ids AS id
MATCH (x:Entity {id: id})
RETURN x ` + entityProjection + ` AS x`

	qArticlesByID = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a ` + articleProjection + ` AS a`

	qArticles = `
MATCH (a:Article)
WHERE a.publishedAt IS NOT NULL AND ($cs IS NULL OR a.publishedAt < $cs OR (a.publishedAt = $cs AND a.id > $ci))
WITH a ORDER BY a.publishedAt DESC, a.id LIMIT $limit
RETURN a ` + articleProjection + ` AS a`

	qArticleCount = `MATCH (a:Article) RETURN count(a) AS n`

	qSearchEntities = `
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node, score
WHERE size($types) = 0 OR node.type IN $types
WITH node, score ORDER BY score DESC, node.name, node.id SKIP $skip LIMIT $limit
RETURN node ` + entityProjection + ` AS x, score`

	qSearchEntitiesCount = `
CALL db.index.fulltext.queryNodes('entity_names', $q) YIELD node
WHERE size($types) = 0 OR node.type IN $types
RETURN count(node) AS n`

	qListEntities = `
MATCH (node:Entity)
WHERE node.name IS NOT NULL AND (size($types) = 0 OR node.type IN $types)
WITH node ORDER BY node.name, node.id SKIP $skip LIMIT $limit
RETURN node ` + entityProjection + ` AS x, null AS score`

	qListEntitiesCount = `
MATCH (node:Entity)
WHERE node.name IS NOT NULL AND (size($types) = 0 OR node.type IN $types)
RETURN count(node) AS n`

	// qRelated lists, for each key, the entities that share events with it
	// (through members for agencies, on both sides) or are tied to it by a
	// fact, most shared events first, and cuts the page.
	qRelated = qRelatedHead + `(:Entity)-[:MEMBER_OF*0..1]->(b:Entity)` + qRelatedTail

	// qRelatedDirect is qRelated when no agency is asked for: only agencies
	// have members, so the other side needs no membership step.
	qRelatedDirect = qRelatedHead + `(b:Entity)` + qRelatedTail

	qRelatedHead = `
UNWIND $keys AS key
MATCH (a:Entity {id: key})
CALL {
  WITH a
  MATCH (a)<-[:MEMBER_OF*0..1]-(:Entity)<-[:` + roleTypes + `]-(ev:Event)-[:` + roleTypes + `]->`

	qRelatedTail = `
  WHERE b <> a AND (size($types) = 0 OR b.type IN $types) AND (size($eventTypes) = 0 OR ev.type IN $eventTypes)
  WITH DISTINCT b, ev
  ORDER BY ev.confidence DESC, ev.id
  RETURN b, count(ev) AS shared, collect(ev.id)[..$evidence] AS evidence, [] AS facts
  UNION ALL
  WITH a
  MATCH (a)-[f:` + factTypes + `]-(b:Entity)
  WHERE size($eventTypes) = 0 AND (size($types) = 0 OR b.type IN $types)
  RETURN b, 0 AS shared, [] AS evidence, [type(f)] AS facts
}
WITH key, b, sum(shared) AS shared,
     reduce(acc = [], x IN collect(evidence) | acc + x) AS evidence,
     reduce(acc = [], x IN collect(facts) | acc + x) AS facts
ORDER BY key, shared DESC, size(facts) DESC, b.name, b.id
WITH key, collect({entity: b ` + entityProjection + `, shared: shared, evidence: evidence, facts: facts}) AS items
RETURN key, size(items) AS total, items[$skip..$skip + $limit] AS page`

	qFacts = `
UNWIND $keys AS key
MATCH (a:Entity {id: key})
CALL {
  WITH a
  MATCH (a)-[f:` + factTypes + `]-(b:Entity)
  WITH f, a, b ORDER BY b.name, b.id LIMIT 100
  RETURN type(f) AS type, startNode(f) = a AS out, b ` + entityProjection + ` AS b
}
RETURN key, type, out, b`

	qFactsAmong = `
MATCH (a:Entity)-[f:` + factTypes + `]->(b:Entity)
WHERE a.id IN $ids AND b.id IN $ids
RETURN a.id AS source, type(f) AS type, b.id AS target`

	// connections: the hop bound is spliced in by connectionsQuery.
	qConnectionsHead = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[:` + roleTypes + `|` + factTypes + `*..`
	qConnectionsTail = `]-(b))
WHERE all(n IN nodes(p) WHERE n = a OR n = b OR n:Event OR NOT n.type IN $avoid)
WITH p, size([n IN nodes(p) WHERE n:Entity]) - 1 AS hops
WHERE hops <= $maxHops
WITH p, hops LIMIT 200
WITH p, hops, reduce(s = 0.0, n IN nodes(p) | s + coalesce(n.confidence, 0.0)) AS conf
ORDER BY hops, conf DESC
LIMIT $first
RETURN hops,` + pathProjection

	pathProjection = `
  [n IN nodes(p) | CASE WHEN n:Event
     THEN {kind: 'EVENT', id: n.id, type: n.type, label: n.trigger}
     ELSE {kind: 'ENTITY', id: n.id, type: n.type, label: n.name, entity: n ` + entityProjection + `} END] AS nodes,
  [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id, text: r.text}] AS edges`

	// qDirect finds one-hop connections (a fact, or an event both take part
	// in) lazily, which on two busy entities is far cheaper than a
	// shortest-path search.
	qDirect = `
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CALL {
  WITH a, b
  MATCH p = (a)-[:` + factTypes + `]-(b)
  RETURN p LIMIT 20
  UNION
  WITH a, b
  MATCH p = (a)<-[:` + roleTypes + `]-(:Event)-[:` + roleTypes + `]->(b)
  RETURN p LIMIT 20
}
WITH p, 1 AS hops LIMIT $first
RETURN hops,` + pathProjection

	// Aggregates: a filtered set of events is grouped.
	groupType     = `RETURN e.type AS key, e.type AS label, count(*) AS n, null AS entity ORDER BY n DESC, key LIMIT $limit`
	groupModality = `RETURN e.modality AS key, e.modality AS label, count(*) AS n, null AS entity ORDER BY n DESC, key LIMIT $limit`
	groupMonth    = `WITH e WHERE e.publishedAt <> ''
RETURN substring(e.publishedAt, 0, 7) AS key, substring(e.publishedAt, 0, 7) AS label, count(*) AS n, null AS entity
ORDER BY key DESC LIMIT $limit`
	groupCity = `MATCH (e)-[:` + roleTypes + `]->(g:City)
WITH g, count(DISTINCT e) AS n ORDER BY n DESC, g.name LIMIT $limit
RETURN g.id AS key, g.name AS label, n, g ` + entityProjection + ` AS entity`
	groupAgency = `MATCH (e)-[:` + roleTypes + `]->(:Entity)-[:MEMBER_OF*0..1]->(g:Agency)
WITH g, count(DISTINCT e) AS n ORDER BY n DESC, g.name LIMIT $limit
RETURN g.id AS key, g.name AS label, n, g ` + entityProjection + ` AS entity`
	groupCountry = `MATCH (e)-[:ORIGIN|DESTINATION|LOCATION]->(:Entity)-[:IN_REGION|IN_COUNTRY*0..2]->(g:Country)
WITH g, count(DISTINCT e) AS n ORDER BY n DESC, g.name LIMIT $limit
RETURN g.id AS key, g.name AS label, n, g ` + entityProjection + ` AS entity`

	topEntities = `MATCH (e)-[:` + roleTypes + `]->(:Entity)-[:MEMBER_OF*0..1]->(g:Entity)
WHERE $entityType IS NULL OR g.type = $entityType
WITH g, count(DISTINCT e) AS n ORDER BY n DESC, g.name, g.id LIMIT $limit
RETURN g ` + entityProjection + ` AS entity, n`

	// Unfiltered counts per type come from the label count store.
	qCountByTypeLabels = `
CALL {
  MATCH (e:Defection) RETURN 'DEFECTION' AS key, count(e) AS n
  UNION ALL MATCH (e:Repatriation) RETURN 'REPATRIATION' AS key, count(e) AS n
  UNION ALL MATCH (e:QuotaDemand) RETURN 'QUOTA_DEMAND' AS key, count(e) AS n
  UNION ALL MATCH (e:Surveillance) RETURN 'SURVEILLANCE' AS key, count(e) AS n
  UNION ALL MATCH (e:Arrest) RETURN 'ARREST' AS key, count(e) AS n
  UNION ALL MATCH (e:Punishment) RETURN 'PUNISHMENT' AS key, count(e) AS n
}
WITH key, n WHERE n > 0
RETURN key, key AS label, n, null AS entity ORDER BY n DESC, key LIMIT $limit`
)

// keyAnchorEntity is the per-key anchor of an entity's events, for one
// role or all of them.
func keyAnchorEntity(role string) string {
	rel := roleTypes
	for _, r := range Roles {
		if r == role {
			rel = r
		}
	}
	return `MATCH (x:Entity {id: key})<-[:MEMBER_OF*0..1]-(:Entity)<-[:` + rel + `]-(e:Event)`
}

// predRole is the predicate "an argument of this role is one of $param".
func predRole(role, param string) string {
	return `EXISTS { MATCH (e)-[:` + role + `]->(:Entity)-[:MEMBER_OF*0..1]->(y:Entity) WHERE y.id IN $` + param + ` }`
}

// connectionsQuery returns the shortest-paths query for up to maxHops hops
// (an event step takes two relationships, a fact one).
func connectionsQuery(maxHops int) string {
	return qConnectionsHead + strconv.Itoa(2*maxHops) + qConnectionsTail
}
