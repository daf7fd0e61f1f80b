package neo4jstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"eventgraph/config"
	"eventgraph/domain"
	"eventgraph/internal/testenv"
	"eventgraph/neo4jstore"
)

// openStore connects to the test server and empties it.
func openStore(t *testing.T) (*neo4jstore.Store, config.Neo4j) {
	t.Helper()
	cfg := testenv.Neo4jConfig(t)
	testenv.ResetNeo4j(t, cfg)
	s, err := neo4jstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s, cfg
}

// doc builds a small document: an MSS agents' defection in a city.
func doc(articleID, city string) domain.Document {
	cityID := "city:cn:" + city
	return domain.Document{
		Article: domain.Article{ID: articleID, Source: articleID + ".txt", Title: "t " + articleID, PublishedAt: "2025-01-02"},
		Entities: []domain.Entity{
			{ID: "agency:kp:ministry-of-state-security", Type: domain.Agency, Name: "Ministry of State Security",
				Aliases: []string{"MSS"}, Country: "North Korea", CountryID: "country:kp", Mentions: []domain.Mention{{Text: "MSS", Start: 0, End: 3}}},
			{ID: "actor:kp:mss-agent", Type: domain.Actor, Name: "MSS agents", Aliases: []string{"agents"},
				Country: "North Korea", MemberOf: "agency:kp:ministry-of-state-security", Mentions: []domain.Mention{{Text: "MSS agents", Start: 0, End: 10, Count: 3}}},
			{ID: cityID, Type: domain.City, Name: city, Country: "China", CountryID: "country:cn", RegionID: "region:cn:liaoning-province",
				Mentions: []domain.Mention{{Text: city, Start: 20, End: 20 + len(city)}}},
		},
		Events: []domain.Event{{
			ID: articleID + "-e1", Type: domain.Defection, Modality: domain.Asserted,
			Trigger: domain.Span{Text: "defected", Start: 11, End: 19}, Sentence: domain.Span{Text: "MSS agents defected in " + city, Start: 0, End: 40},
			Arguments: []domain.Argument{
				{Role: domain.Agent, Text: "MSS agents", Entity: "actor:kp:mss-agent", Start: 0, End: 10, Count: 3},
				{Role: domain.Location, Text: city, Entity: cityID, Start: 20, End: 20 + len(city)},
				{Role: domain.AmountRole, Text: "700,000 to one million US dollars per year", Start: 30, End: 40,
					Amount: &domain.Amount{Min: 700000, Max: 1000000, Currency: "USD", Period: "year"}},
			},
			Rule: "defection/test", Confidence: 0.9,
		}},
	}
}

func TestMigrationsCreateSchema(t *testing.T) {
	_, cfg := openStore(t)
	for _, name := range []string{"article_id", "event_id", "entity_id"} {
		q := fmt.Sprintf("SHOW CONSTRAINTS YIELD name, type WHERE name = '%s' AND type = 'UNIQUENESS' RETURN count(*)", name)
		if got := testenv.CountQuery(t, cfg, q); got != 1 {
			t.Errorf("constraint %s: got %d, want 1", name, got)
		}
	}
	for _, name := range []string{"event_type", "entity_names", "event_sentences", "article_published"} {
		q := fmt.Sprintf("SHOW INDEXES YIELD name, state WHERE name = '%s' AND state = 'ONLINE' RETURN count(*)", name)
		if got := testenv.CountQuery(t, cfg, q); got != 1 {
			t.Errorf("index %s online: got %d, want 1", name, got)
		}
	}
}

func TestWriteDocumentsModel(t *testing.T) {
	s, cfg := openStore(t)
	ctx := context.Background()
	st, err := s.WriteDocuments(ctx, []domain.Document{doc("a1", "shenyang"), doc("a2", "dandong")}, "v1")
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	if st.New != 2 || st.Events != 2 {
		t.Errorf("stats: got %+v, want 2 new articles and 2 events", st)
	}
	checks := []struct {
		query string
		want  int64
	}{
		{"MATCH (a:Article) RETURN count(a)", 2},
		{"MATCH (e:Event:Defection)-[:REPORTED_IN]->(:Article) RETURN count(e)", 2},
		{"MATCH (:Event)-[r:AGENT]->(:Actor {id: 'actor:kp:mss-agent'}) WHERE r.count = 3 RETURN count(r)", 2},
		{"MATCH (:Actor)-[:MEMBER_OF]->(:Agency {id: 'agency:kp:ministry-of-state-security'}) RETURN count(*)", 1},
		{"MATCH (:Agency)-[:OF_COUNTRY]->(:Country {id: 'country:kp', name: 'North Korea'}) RETURN count(*)", 1},
		{"MATCH (:City {id: 'city:cn:shenyang'})-[:IN_REGION]->(r:Region)-[:IN_COUNTRY]->(:Country {id: 'country:cn'}) WHERE r.name = 'Liaoning Province' RETURN count(*)", 1},
		{"MATCH (e:Event) WHERE e.amountMin = 700000.0 AND e.amountMax = 1000000.0 AND e.currency = 'USD' AND e.period = 'year' RETURN count(e)", 2},
		{"MATCH (e:Entity {id: 'agency:kp:ministry-of-state-security'})-[m:MENTIONED_IN]->() RETURN count(m)", 2},
		{"MATCH (e:Entity) WHERE e.id = 'agency:kp:ministry-of-state-security' RETURN count(e)", 1},
	}
	for _, c := range checks {
		if got := testenv.CountQuery(t, cfg, c.query); got != c.want {
			t.Errorf("%s: got %d, want %d", c.query, got, c.want)
		}
	}
}

// graphSize returns the number of nodes and relationships.
func graphSize(t *testing.T, cfg config.Neo4j) [2]int64 {
	t.Helper()
	return [2]int64{testenv.CountQuery(t, cfg, "MATCH (n) RETURN count(n)"), testenv.CountQuery(t, cfg, "MATCH ()-[r]->() RETURN count(r)")}
}

func TestWriteDocumentsIdempotent(t *testing.T) {
	s, cfg := openStore(t)
	ctx := context.Background()
	docs := []domain.Document{doc("a1", "shenyang"), doc("a2", "dandong")}
	if _, err := s.WriteDocuments(ctx, docs, "v1"); err != nil {
		t.Fatalf("write: %v", err)
	}
	want := graphSize(t, cfg)
	version := dataVersion(t, s)
	if version == 0 {
		t.Error("data version: got 0 after a write, want it moved")
	}
	for i := range 2 {
		st, err := s.WriteDocuments(ctx, docs, "v1")
		if err != nil {
			t.Fatalf("rewrite %d: %v", i, err)
		}
		if st.Unchanged != 2 || st.New != 0 {
			t.Errorf("rewrite %d stats: got %+v, want 2 unchanged", i, st)
		}
		if got := graphSize(t, cfg); got != want {
			t.Errorf("rewrite %d: graph size got %v, want %v", i, got, want)
		}
		if got := dataVersion(t, s); got != version {
			t.Errorf("rewrite %d: data version got %d, want %d (nothing written)", i, got, version)
		}
	}
	if _, err := s.WriteDocuments(ctx, docs, "v2"); err != nil {
		t.Fatalf("write v2: %v", err)
	}
	if got := dataVersion(t, s); got == version {
		t.Errorf("data version after replacing articles: got %d, want it moved", got)
	}
}

func dataVersion(t *testing.T, s *neo4jstore.Store) int64 {
	t.Helper()
	v, err := s.DataVersion(context.Background())
	if err != nil {
		t.Fatalf("data version: %v", err)
	}
	return v
}

func TestWriteDocumentsReplacesStaleEvents(t *testing.T) {
	s, cfg := openStore(t)
	ctx := context.Background()
	if _, err := s.WriteDocuments(ctx, []domain.Document{doc("a1", "shenyang"), doc("a2", "dandong")}, "v1"); err != nil {
		t.Fatalf("write: %v", err)
	}
	// New rules: a1 no longer finds Shenyang nor its event.
	changed := doc("a1", "shenyang")
	changed.Entities = changed.Entities[:2]
	changed.Events = nil
	st, err := s.WriteDocuments(ctx, []domain.Document{changed}, "v2")
	if err != nil {
		t.Fatalf("rewrite: %v", err)
	}
	if st.Replaced != 1 {
		t.Errorf("stats: got %+v, want 1 replaced", st)
	}
	checks := []struct {
		query string
		want  int64
	}{
		{"MATCH (:Event)-[:REPORTED_IN]->(:Article {id: 'a1'}) RETURN count(*)", 0},
		{"MATCH (e:Entity {id: 'city:cn:shenyang'}) RETURN count(e)", 0},
		{"MATCH (e:Entity {id: 'city:cn:dandong'}) RETURN count(e)", 1},
		{"MATCH (e:Entity {id: 'region:cn:liaoning-province'}) RETURN count(e)", 1},
		{"MATCH (e:Entity {id: 'agency:kp:ministry-of-state-security'}) RETURN count(e)", 1},
		{"MATCH (:Article {id: 'a1', extractorVersion: 'v2'}) RETURN count(*)", 1},
	}
	for _, c := range checks {
		if got := testenv.CountQuery(t, cfg, c.query); got != c.want {
			t.Errorf("%s: got %d, want %d", c.query, got, c.want)
		}
	}
}

func TestWriteDocumentsConcurrentWritersShareEntities(t *testing.T) {
	s, cfg := openStore(t)
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var docs []domain.Document
			for i := range 20 {
				docs = append(docs, doc(fmt.Sprintf("w%d-a%d", w, i), "shenyang"))
			}
			_, err := s.WriteDocuments(ctx, docs, "v1")
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent write: %v", err)
		}
	}
	if got := testenv.CountQuery(t, cfg, "MATCH (e:Entity) WITH e.id AS id, count(*) AS n WHERE n > 1 RETURN count(id)"); got != 0 {
		t.Errorf("duplicate entity ids: got %d, want 0", got)
	}
	if got := testenv.CountQuery(t, cfg, "MATCH (e:Entity) RETURN count(e)"); got != 6 {
		t.Errorf("entities: got %d, want 6 (agency, actor, city, region, two countries)", got)
	}
}
