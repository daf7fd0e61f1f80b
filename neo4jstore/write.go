package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"eventgraph/domain"
)

// WriteDocuments writes extracted documents in one managed transaction,
// retried on transient errors, so each article is written whole or not at
// all. Articles already written by the same extractor version are skipped;
// articles written by another version have their events and mentions
// replaced, and entities no article mentions any more are removed. Every
// write is a MERGE on a natural key, so a rerun changes nothing.
func (s *Store) WriteDocuments(ctx context.Context, docs []domain.Document, version string) (domain.WriteStats, error) {
	docs = lastByArticle(docs)
	known, err := s.articleVersions(ctx, docs)
	if err != nil {
		return domain.WriteStats{}, err
	}
	var res domain.WriteStats
	var todo []domain.Document
	var replaced []string
	for _, d := range docs {
		v, ok := known[d.Article.ID]
		switch {
		case !ok:
			res.New++
		case v == version:
			res.Unchanged++
			continue
		default:
			res.Replaced++
			replaced = append(replaced, d.Article.ID)
		}
		todo = append(todo, d)
	}
	if len(todo) == 0 {
		return res, nil
	}
	b := buildBatch(todo, version)
	if err := s.writeBatch(ctx, b, replaced); err != nil {
		return domain.WriteStats{}, err
	}
	res.Events, res.Entities, res.Writes = len(b.events), len(b.entities), b.writes()
	return res, nil
}

// lastByArticle drops all but the last document of each article id, keeping
// order, so one batch never writes an article twice.
func lastByArticle(docs []domain.Document) []domain.Document {
	last := make(map[string]int, len(docs))
	for i, d := range docs {
		last[d.Article.ID] = i
	}
	out := docs[:0:0]
	for i, d := range docs {
		if last[d.Article.ID] == i {
			out = append(out, d)
		}
	}
	return out
}

func (s *Store) articleVersions(ctx context.Context, docs []domain.Document) (map[string]string, error) {
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.Article.ID
	}
	res, err := s.read(ctx, "article versions", qArticleVersions, map[string]any{"ids": ids})
	if err != nil {
		return nil, fmt.Errorf("read article versions: %w", err)
	}
	out := make(map[string]string, len(res.Records))
	for _, r := range res.Records {
		id, _ := r.Get("id")
		v, _ := r.Get("version")
		vs, _ := v.(string)
		out[id.(string)] = vs
	}
	return out, nil
}

// writeBatch runs the batch's statements in one managed write transaction.
func (s *Store) writeBatch(ctx context.Context, b *batch, replaced []string) error {
	ctx, cancel := context.WithTimeout(ctx, s.timeout*6)
	defer cancel()
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.database, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	start := time.Now()
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		return nil, s.runBatch(ctx, tx, b, replaced)
	})
	s.record("write batch", time.Since(start), err)
	if err != nil {
		return translate(fmt.Errorf("write %d articles: %w", len(b.articles), err))
	}
	return nil
}

// runBatch executes the statements of one batch inside tx.
func (s *Store) runBatch(ctx context.Context, tx neo4j.ManagedTransaction, b *batch, replaced []string) error {
	stale, err := clearArticles(ctx, tx, replaced)
	if err != nil {
		return err
	}
	// Shared entities first, in id order, so concurrent batches lock them
	// in the same order.
	steps := []struct {
		name, query string
		rows        []map[string]any
	}{
		{"entities", qMergeEntities, b.entities},
		{"in region", qLinkInRegion, b.links["IN_REGION"]},
		{"in country", qLinkInCountry, b.links["IN_COUNTRY"]},
		{"of country", qLinkOfCountry, b.links["OF_COUNTRY"]},
		{"member of", qLinkMemberOf, b.links["MEMBER_OF"]},
		{"region in country", qLinkInCountry, b.parentLinks},
		{"articles", qMergeArticles, b.articles},
		{"mentions", qMergeMentions, b.mentions},
		{"events", qMergeEvents, b.events},
		{"arguments", qMergeArguments, b.arguments},
	}
	for _, st := range steps {
		if len(st.rows) == 0 {
			continue
		}
		start := time.Now()
		err := exec(ctx, tx, st.query, map[string]any{"rows": st.rows})
		s.record("merge "+st.name, time.Since(start), err)
		if err != nil {
			return fmt.Errorf("merge %s: %w", st.name, err)
		}
	}
	if err := deleteOrphans(ctx, tx, stale); err != nil {
		return err
	}
	if err := exec(ctx, tx, qBumpDataVersion, map[string]any{"key": metaKey, "articles": b.articleIDs()}); err != nil {
		return fmt.Errorf("bump data version: %w", err)
	}
	return nil
}

// clearArticles deletes the events and mentions of articles about to be
// rewritten and returns the ids of the entities they mentioned.
func clearArticles(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	params := map[string]any{"ids": ids}
	if err := exec(ctx, tx, qDeleteOldEvents, params); err != nil {
		return nil, fmt.Errorf("delete old events: %w", err)
	}
	res, err := tx.Run(ctx, qDeleteOldMentions, params)
	if err != nil {
		return nil, fmt.Errorf("delete old mentions: %w", err)
	}
	rec, err := res.Single(ctx)
	if err != nil {
		return nil, fmt.Errorf("delete old mentions: %w", err)
	}
	v, _ := rec.Get("ids")
	return toStrings(v), nil
}

// deleteOrphans removes entities no article mentions and nothing points to,
// then looks again at the entities they pointed to (city, region, country).
func deleteOrphans(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) error {
	for depth := 0; len(ids) > 0 && depth < 4; depth++ {
		res, err := tx.Run(ctx, qDeleteOrphans, map[string]any{"ids": ids})
		if err != nil {
			return fmt.Errorf("delete orphans: %w", err)
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return fmt.Errorf("delete orphans: %w", err)
		}
		ids = ids[:0:0]
		for _, r := range recs {
			v, _ := r.Get("parents")
			ids = append(ids, toStrings(v)...)
		}
	}
	return nil
}

func exec(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) error {
	res, err := tx.Run(ctx, query, params)
	if err != nil {
		return err
	}
	_, err = res.Consume(ctx)
	return err
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// batch holds the parameter rows of one write transaction.
type batch struct {
	articles, entities, mentions, events, arguments []map[string]any
	// links are an entity's ties to its parents, by relationship type.
	links map[string][]map[string]any
	// parentLinks tie a city's region to its country; they run after the
	// links have created the regions.
	parentLinks []map[string]any
}

// articleIDs returns the ids of the batch's articles.
func (b *batch) articleIDs() []string {
	ids := make([]string, len(b.articles))
	for i, a := range b.articles {
		ids[i], _ = a["id"].(string)
	}
	return ids
}

func (b *batch) writes() int {
	n := len(b.articles) + len(b.entities) + len(b.mentions) + len(b.parentLinks) + len(b.arguments)
	for _, rows := range b.links {
		n += len(rows)
	}
	// An event also writes its REPORTED_IN relationship.
	return n + 2*len(b.events)
}

// buildBatch turns documents into parameter rows; entities shared by several
// documents become one row with the union of their aliases.
func buildBatch(docs []domain.Document, version string) *batch {
	b := &batch{}
	ents := map[string]*entityRow{}
	links, parents := map[[3]string]map[string]any{}, map[[3]string]map[string]any{}
	for _, d := range docs {
		b.articles = append(b.articles, articleRow(d.Article, version))
		for _, e := range d.Entities {
			ents[e.ID] = mergeEntity(ents[e.ID], e)
			b.mentions = append(b.mentions, map[string]any{"entity": e.ID, "article": d.Article.ID, "count": len(e.Mentions)})
			for _, l := range entityLinks(e) {
				m := links
				if l["from"] != e.ID {
					m = parents
				}
				m[[3]string{l["from"].(string), l["rel"].(string), l["to"].(string)}] = l
			}
		}
		for _, ev := range d.Events {
			b.events = append(b.events, eventRow(d.Article, ev))
			b.arguments = append(b.arguments, argumentRows(ev)...)
		}
	}
	b.entities = sortedEntityRows(ents)
	b.links = map[string][]map[string]any{}
	for _, l := range sortedLinks(links) {
		rel := l["rel"].(string)
		b.links[rel] = append(b.links[rel], l)
	}
	b.parentLinks = sortedLinks(parents)
	return b
}

func articleRow(a domain.Article, version string) map[string]any {
	return map[string]any{"id": a.ID, "source": a.Source, "title": a.Title, "url": a.URL,
		"publishedAt": a.PublishedAt, "version": version}
}

type entityRow struct {
	e       domain.Entity
	aliases map[string]bool
}

func mergeEntity(r *entityRow, e domain.Entity) *entityRow {
	if r == nil {
		r = &entityRow{e: e, aliases: map[string]bool{}}
	}
	for _, a := range e.Aliases {
		r.aliases[a] = true
	}
	return r
}

// sortedEntityRows orders rows by id so concurrent writers lock entities in
// the same order, which keeps deadlocks rare.
func sortedEntityRows(ents map[string]*entityRow) []map[string]any {
	ids := make([]string, 0, len(ents))
	for id := range ents {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	rows := make([]map[string]any, len(ids))
	for i, id := range ids {
		r := ents[id]
		aliases := make([]string, 0, len(r.aliases))
		for a := range r.aliases {
			aliases = append(aliases, a)
		}
		sort.Strings(aliases)
		rows[i] = map[string]any{"id": id, "type": string(r.e.Type), "name": r.e.Name,
			"aliases": aliases, "country": r.e.Country}
	}
	return rows
}

// entityLinks returns the facts the gazetteer or the text gives about an
// entity: its region, its country, the agency its members belong to.
func entityLinks(e domain.Entity) []map[string]any {
	var out []map[string]any
	link := func(rel, to, toType, toName string) {
		out = append(out, map[string]any{"from": e.ID, "rel": rel, "to": to, "toType": toType, "toName": toName})
	}
	switch e.Type {
	case domain.City:
		if e.RegionID != "" {
			link("IN_REGION", e.RegionID, string(domain.Region), nameFromID(e.RegionID))
			if e.CountryID != "" {
				out = append(out, map[string]any{"from": e.RegionID, "rel": "IN_COUNTRY", "to": e.CountryID,
					"toType": string(domain.Country), "toName": e.Country})
			}
		}
		fallthrough
	case domain.Region:
		if e.CountryID != "" {
			link("IN_COUNTRY", e.CountryID, string(domain.Country), e.Country)
		}
	case domain.Agency:
		if e.CountryID != "" {
			link("OF_COUNTRY", e.CountryID, string(domain.Country), e.Country)
		}
	case domain.Actor:
		if e.MemberOf != "" {
			link("MEMBER_OF", e.MemberOf, string(domain.Agency), nameFromID(e.MemberOf))
		}
	}
	return out
}

// nameFromID makes a readable name from an id's last part
// ("region:cn:liaoning-province" gives "Liaoning Province"), for nodes
// known only as the target of a fact until an article mentions them.
func nameFromID(id string) string {
	slug := id[strings.LastIndex(id, ":")+1:]
	words := strings.Split(slug, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func sortedLinks(links map[[3]string]map[string]any) []map[string]any {
	keys := make([][3]string, 0, len(links))
	for k := range links {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		return a[0]+"\x00"+a[1]+"\x00"+a[2] < b[0]+"\x00"+b[1]+"\x00"+b[2]
	})
	out := make([]map[string]any, len(keys))
	for i, k := range keys {
		out[i] = links[k]
	}
	return out
}

func eventRow(a domain.Article, ev domain.Event) map[string]any {
	props := map[string]any{
		"id": ev.ID, "type": string(ev.Type), "modality": string(ev.Modality),
		"trigger": ev.Trigger.Text, "triggerStart": ev.Trigger.Start, "triggerEnd": ev.Trigger.End,
		"sentence": ev.Sentence.Text, "start": ev.Sentence.Start, "end": ev.Sentence.End,
		"rule": ev.Rule, "confidence": ev.Confidence, "articleId": a.ID, "publishedAt": a.PublishedAt,
	}
	for _, arg := range ev.Arguments {
		switch {
		case arg.Role == domain.AmountRole:
			props["amountText"] = arg.Text
			if arg.Amount != nil {
				props["amountMin"], props["amountMax"] = arg.Amount.Min, arg.Amount.Max
				props["currency"], props["period"] = arg.Amount.Currency, arg.Amount.Period
			}
		case arg.Role == domain.Time:
			props["time"] = arg.Text
		}
	}
	return map[string]any{"id": ev.ID, "articleId": a.ID, "props": props}
}

func argumentRows(ev domain.Event) []map[string]any {
	var rows []map[string]any
	for _, arg := range ev.Arguments {
		if arg.Entity == "" {
			continue
		}
		rows = append(rows, map[string]any{"event": ev.ID, "entity": arg.Entity, "role": string(arg.Role),
			"text": arg.Text, "start": arg.Start, "end": arg.End, "count": arg.Count})
	}
	return rows
}
