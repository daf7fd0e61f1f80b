// Uniqueness constraints on every natural key the writes MERGE on.
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (e:Event) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT graph_meta_id IF NOT EXISTS FOR (m:GraphMeta) REQUIRE m.id IS UNIQUE;
// Lookup indexes for the API's filters and sorts.
CREATE INDEX event_type IF NOT EXISTS FOR (e:Event) ON (e.type);
CREATE INDEX event_modality IF NOT EXISTS FOR (e:Event) ON (e.modality);
CREATE INDEX event_published IF NOT EXISTS FOR (e:Event) ON (e.publishedAt);
CREATE INDEX event_confidence IF NOT EXISTS FOR (e:Event) ON (e.confidence);
CREATE INDEX entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type);
CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.publishedAt);
CREATE INDEX article_version IF NOT EXISTS FOR (a:Article) ON (a.extractorVersion);
CREATE INDEX article_data_version IF NOT EXISTS FOR (a:Article) ON (a.dataVersion);
// Full-text search over entity names and aliases, and over event sentences.
// The sentence index is updated after commit rather than inside it: writes
// of large batches do not wait for it.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (e:Entity) ON EACH [e.name, e.aliasText];
CREATE FULLTEXT INDEX event_sentences IF NOT EXISTS FOR (e:Event) ON EACH [e.sentence]
  OPTIONS {indexConfig: {`fulltext.eventually_consistent`: true}};
