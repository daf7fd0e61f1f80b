package neo4jstore

// Cypher for writing documents. Labels and relationship types come from the
// closed sets of domain types through FOREACH switches; every value is a
// parameter.
const (
	qArticleVersions = `
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.extractorVersion AS version`

	qDeleteOldEvents = `
UNWIND $ids AS id
MATCH (:Article {id: id})<-[:REPORTED_IN]-(ev:Event)
DETACH DELETE ev`

	qDeleteOldMentions = `
UNWIND $ids AS id
MATCH (:Article {id: id})<-[m:MENTIONED_IN]-(e:Entity)
DELETE m
RETURN collect(DISTINCT e.id) AS ids`

	qMergeArticles = `
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
ON CREATE SET a.ingestedAt = datetime()
SET a.source = row.source, a.title = row.title, a.url = row.url,
    a.publishedAt = row.publishedAt, a.extractorVersion = row.version`

	// qMergeEntities writes an entity only when it is new, a placeholder, or
	// brings new aliases: entities shared by many articles are then read,
	// not locked, by concurrent batches.
	qMergeEntities = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
WITH e, row
WHERE e.type IS NULL OR e.placeholder OR any(x IN row.aliases WHERE NOT x IN e.aliases)
SET e.type = row.type, e.country = row.country,
    e.name = CASE WHEN e.name IS NULL OR e.placeholder THEN row.name ELSE e.name END,
    e.aliases = reduce(acc = coalesce(e.aliases, []), x IN row.aliases | CASE WHEN x IN acc THEN acc ELSE acc + x END)
SET e.aliasText = reduce(s = e.name, x IN e.aliases | s + ' | ' + x)
REMOVE e.placeholder
FOREACH (_ IN CASE row.type WHEN 'AGENCY' THEN [1] ELSE [] END | SET e:Agency)
FOREACH (_ IN CASE row.type WHEN 'ORGANIZATION' THEN [1] ELSE [] END | SET e:Organization)
FOREACH (_ IN CASE row.type WHEN 'ACTOR' THEN [1] ELSE [] END | SET e:Actor)
FOREACH (_ IN CASE row.type WHEN 'CITY' THEN [1] ELSE [] END | SET e:City)
FOREACH (_ IN CASE row.type WHEN 'REGION' THEN [1] ELSE [] END | SET e:Region)
FOREACH (_ IN CASE row.type WHEN 'COUNTRY' THEN [1] ELSE [] END | SET e:Country)`

	qMergeMentions = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity})
MATCH (a:Article {id: row.article})
MERGE (e)-[m:MENTIONED_IN]->(a)
SET m.count = row.count`

	// Links tie an entity to a parent the gazetteer or the text names; a
	// parent no article mentioned yet is created as a placeholder (named from its id).
	linkHead = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.from})
`
	linkPlaceholder = `, p.name = row.toName, p.type = row.toType, p.placeholder = true, p.aliases = [], p.aliasText = row.toName
`
	qLinkInRegion  = linkHead + `MERGE (p:Entity {id: row.to}) ON CREATE SET p:Region` + linkPlaceholder + `MERGE (e)-[:IN_REGION]->(p)`
	qLinkInCountry = linkHead + `MERGE (p:Entity {id: row.to}) ON CREATE SET p:Country` + linkPlaceholder + `MERGE (e)-[:IN_COUNTRY]->(p)`
	qLinkOfCountry = linkHead + `MERGE (p:Entity {id: row.to}) ON CREATE SET p:Country` + linkPlaceholder + `MERGE (e)-[:OF_COUNTRY]->(p)`
	qLinkMemberOf  = linkHead + `MERGE (p:Entity {id: row.to}) ON CREATE SET p:Agency` + linkPlaceholder + `MERGE (e)-[:MEMBER_OF]->(p)`

	qMergeEvents = `
UNWIND $rows AS row
MATCH (a:Article {id: row.articleId})
MERGE (ev:Event {id: row.id})
SET ev += row.props
FOREACH (_ IN CASE row.props.type WHEN 'DEFECTION' THEN [1] ELSE [] END | SET ev:Defection)
FOREACH (_ IN CASE row.props.type WHEN 'REPATRIATION' THEN [1] ELSE [] END | SET ev:Repatriation)
FOREACH (_ IN CASE row.props.type WHEN 'QUOTA_DEMAND' THEN [1] ELSE [] END | SET ev:QuotaDemand)
FOREACH (_ IN CASE row.props.type WHEN 'SURVEILLANCE' THEN [1] ELSE [] END | SET ev:Surveillance)
FOREACH (_ IN CASE row.props.type WHEN 'ARREST' THEN [1] ELSE [] END | SET ev:Arrest)
FOREACH (_ IN CASE row.props.type WHEN 'PUNISHMENT' THEN [1] ELSE [] END | SET ev:Punishment)
MERGE (ev)-[:REPORTED_IN]->(a)`

	qMergeArguments = `
UNWIND $rows AS row
MATCH (ev:Event {id: row.event})
MATCH (e:Entity {id: row.entity})
FOREACH (_ IN CASE row.role WHEN 'agent' THEN [1] ELSE [] END |
  MERGE (ev)-[r:AGENT {start: row.start}]->(e) SET r.text = row.text, r.end = row.end, r.count = row.count)
FOREACH (_ IN CASE row.role WHEN 'patient' THEN [1] ELSE [] END |
  MERGE (ev)-[r:PATIENT {start: row.start}]->(e) SET r.text = row.text, r.end = row.end, r.count = row.count)
FOREACH (_ IN CASE row.role WHEN 'origin' THEN [1] ELSE [] END |
  MERGE (ev)-[r:ORIGIN {start: row.start}]->(e) SET r.text = row.text, r.end = row.end, r.count = row.count)
FOREACH (_ IN CASE row.role WHEN 'destination' THEN [1] ELSE [] END |
  MERGE (ev)-[r:DESTINATION {start: row.start}]->(e) SET r.text = row.text, r.end = row.end, r.count = row.count)
FOREACH (_ IN CASE row.role WHEN 'location' THEN [1] ELSE [] END |
  MERGE (ev)-[r:LOCATION {start: row.start}]->(e) SET r.text = row.text, r.end = row.end, r.count = row.count)`

	// qDeleteOrphans removes candidate entities that no article mentions and
	// nothing points to, and returns the entities they pointed to, which
	// may have become orphans in turn.
	qDeleteOrphans = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT (e)-[:MENTIONED_IN]->() AND NOT ()-->(e)
OPTIONAL MATCH (e)-->(p:Entity)
WITH e, collect(p.id) AS parents
DETACH DELETE e
RETURN parents`

	// qBumpDataVersion counts committed write batches on one meta node, as
	// the last statement of each batch, and stamps the batch's articles with
	// the new count: readers poll it to learn that the graph changed and
	// which articles were written since. Its lock is taken last and held
	// until commit, so counts follow commit order, and concurrent batches
	// queue briefly on it without deadlocking.
	qBumpDataVersion = `
MERGE (m:GraphMeta {id: $key})
SET m.dataVersion = coalesce(m.dataVersion, 0) + 1, m.writtenAt = datetime()
WITH m
UNWIND $articles AS id
MATCH (a:Article {id: id})
SET a.dataVersion = m.dataVersion`
)
