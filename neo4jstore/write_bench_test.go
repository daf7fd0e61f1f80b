package neo4jstore

import (
	"context"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"eventgraph/domain"
	"eventgraph/extractor"
	"eventgraph/internal/testenv"
	"eventgraph/synth"
)

// Benchmark sizes: EVENTGRAPH_BENCH_ARTICLES articles (default 10,000) for
// the batched writers, one in a hundred of them for the naive writer.
const benchBatch, benchWorkers = 200, 4

// benchDocs extracts the generated corpus once, outside the timings.
func benchDocs(b *testing.B) []domain.Document {
	b.Helper()
	n := 10000
	if v, err := strconv.Atoi(os.Getenv("EVENTGRAPH_BENCH_ARTICLES")); err == nil && v > 0 {
		n = v
	}
	x, err := extractor.New()
	if err != nil {
		b.Fatal(err)
	}
	docs := make([]domain.Document, n)
	for i := range n {
		a := synth.Generate(7, i)
		if docs[i], err = x.Extract(a.Name, a.Text); err != nil {
			b.Fatal(err)
		}
		docs[i].Article.PublishedAt = a.PublishedAt
	}
	return docs
}

// BenchmarkWrite compares, in one run, eventgraph's writer with a minimal
// UNWIND ... MERGE of the same rows (the ceiling) and with one transaction
// per fact (the baseline people write first).
func BenchmarkWrite(b *testing.B) {
	cfg := testenv.Neo4jConfig(b)
	s, err := Open(context.Background(), cfg, WithTimeout(time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close(context.Background())
	// The baselines leave nodes without type labels: clear them away.
	b.Cleanup(func() { testenv.ResetNeo4j(b, cfg) })
	docs := benchDocs(b)
	chunks := chunk(docs, benchBatch)
	cases := []struct {
		name  string
		write func(ctx context.Context, c []domain.Document) error
		share int // one chunk in share is written
	}{
		{"eventgraph", func(ctx context.Context, c []domain.Document) error {
			_, err := s.WriteDocuments(ctx, c, "bench")
			return err
		}, 1},
		{"raw-unwind", func(ctx context.Context, c []domain.Document) error { return s.rawUnwind(ctx, buildBatch(c, "bench")) }, 1},
		{"naive-per-fact", func(ctx context.Context, c []domain.Document) error {
			return s.naivePerFact(ctx, buildBatch(c, "bench"))
		}, 100},
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			var sub [][]domain.Document
			for i, c := range chunks {
				if i%bc.share == 0 {
					sub = append(sub, c)
				}
			}
			arts, w := 0, 0
			for _, c := range sub {
				arts += len(c)
				w += buildBatch(c, "bench").writes()
			}
			var elapsed time.Duration
			for b.Loop() {
				b.StopTimer()
				testenv.ResetNeo4j(b, cfg)
				b.StartTimer()
				start := time.Now()
				if err := parallel(sub, bc.write); err != nil {
					b.Fatal(err)
				}
				elapsed += time.Since(start)
			}
			b.ReportMetric(float64(arts*b.N)/elapsed.Seconds(), "articles/s")
			b.ReportMetric(float64(w*b.N)/elapsed.Seconds(), "writes/s")
		})
	}
}

func chunk(docs []domain.Document, size int) [][]domain.Document {
	var out [][]domain.Document
	for i := 0; i < len(docs); i += size {
		out = append(out, docs[i:min(i+size, len(docs))])
	}
	return out
}

// parallel writes chunks with benchWorkers goroutines.
func parallel(chunks [][]domain.Document, write func(context.Context, []domain.Document) error) error {
	work := make(chan []domain.Document)
	errs := make(chan error, benchWorkers)
	var wg sync.WaitGroup
	for range benchWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range work {
				if err := write(context.Background(), c); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for _, c := range chunks {
		work <- c
	}
	close(work)
	wg.Wait()
	close(errs)
	return <-errs
}

// Minimal UNWIND ... MERGE statements over the same rows: no version check,
// no labels by type, one generic relationship type for arguments.
const (
	rawArticles  = `UNWIND $rows AS row MERGE (a:Article {id: row.id}) SET a += row`
	rawEntities  = `UNWIND $rows AS row MERGE (e:Entity {id: row.id}) SET e += row`
	rawMentions  = `UNWIND $rows AS row MATCH (e:Entity {id: row.entity}) MATCH (a:Article {id: row.article}) MERGE (e)-[m:MENTIONED_IN]->(a) SET m.count = row.count`
	rawLinks     = `UNWIND $rows AS row MATCH (e:Entity {id: row.from}) MERGE (p:Entity {id: row.to}) MERGE (e)-[:LINK {rel: row.rel}]->(p)`
	rawEvents    = `UNWIND $rows AS row MATCH (a:Article {id: row.articleId}) MERGE (ev:Event {id: row.id}) SET ev += row.props MERGE (ev)-[:REPORTED_IN]->(a)`
	rawArguments = `UNWIND $rows AS row MATCH (ev:Event {id: row.event}) MATCH (e:Entity {id: row.entity}) MERGE (ev)-[r:ARG {role: row.role, start: row.start}]->(e) SET r.text = row.text`
)

func (s *Store) rawUnwind(ctx context.Context, b *batch) error {
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database})
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		for _, st := range []struct {
			q    string
			rows []map[string]any
		}{{rawArticles, b.articles}, {rawEntities, b.entities}, {rawMentions, b.mentions}, {rawLinks, b.allLinks()}, {rawEvents, b.events}, {rawArguments, b.arguments}} {
			if err := exec(ctx, tx, st.q, map[string]any{"rows": st.rows}); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	return err
}

// Naive statements: one fact per transaction.
const (
	naiveNode    = `MERGE (n:Entity {id: $id}) SET n += $props`
	naiveArticle = `MERGE (n:Article {id: $id}) SET n += $props`
	naiveEvent   = `MATCH (a:Article {id: $article}) MERGE (ev:Event {id: $id}) SET ev += $props MERGE (ev)-[:REPORTED_IN]->(a)`
	naiveMention = `MATCH (e:Entity {id: $from}) MATCH (a:Article {id: $to}) MERGE (e)-[:MENTIONED_IN]->(a)`
	naiveLink    = `MATCH (e:Entity {id: $from}) MERGE (p:Entity {id: $to}) MERGE (e)-[:LINK]->(p)`
	naiveArg     = `MATCH (ev:Event {id: $from}) MATCH (e:Entity {id: $to}) MERGE (ev)-[:ARG]->(e)`
)

func (s *Store) naivePerFact(ctx context.Context, b *batch) error {
	one := func(q string, p map[string]any) error {
		_, err := neo4j.ExecuteQuery(ctx, s.driver, q, p, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(s.database))
		return err
	}
	for _, r := range b.articles {
		if err := one(naiveArticle, map[string]any{"id": r["id"], "props": r}); err != nil {
			return err
		}
	}
	for _, r := range b.entities {
		if err := one(naiveNode, map[string]any{"id": r["id"], "props": r}); err != nil {
			return err
		}
	}
	for _, r := range b.events {
		if err := one(naiveEvent, map[string]any{"id": r["id"], "article": r["articleId"], "props": r["props"]}); err != nil {
			return err
		}
	}
	rels := func(rows []map[string]any, from, to, q string) error {
		for _, r := range rows {
			if err := one(q, map[string]any{"from": r[from], "to": r[to]}); err != nil {
				return err
			}
		}
		return nil
	}
	if err := rels(b.mentions, "entity", "article", naiveMention); err != nil {
		return err
	}
	if err := rels(b.allLinks(), "from", "to", naiveLink); err != nil {
		return err
	}
	return rels(b.arguments, "event", "entity", naiveArg)
}

// allLinks returns every link row, parents' included.
func (b *batch) allLinks() []map[string]any {
	var out []map[string]any
	for _, rows := range b.links {
		out = append(out, rows...)
	}
	return append(out, b.parentLinks...)
}
