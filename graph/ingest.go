package graph

import (
	"context"
	"crypto/subtle"
	"net/url"
	"sort"
	"strings"
	"unicode/utf8"

	"eventgraph/domain"
	"eventgraph/graph/model"
	"eventgraph/neo4jstore"
)

// ingest extracts one article, writes it and reads it back.
func (r *Resolver) ingest(ctx context.Context, in model.IngestArticleInput) (res *model.IngestResult, err error) {
	if r.APIKey != "" && subtle.ConstantTimeCompare([]byte(bearerToken(ctx)), []byte(r.APIKey)) != 1 {
		return nil, domain.Errorf(domain.EUNAUTHORIZED, "ingestArticle needs the header Authorization: Bearer <API key>")
	}
	if r.Extractor == nil || r.Writer == nil {
		return nil, domain.Errorf(domain.EUNAVAILABLE, "ingestion is not configured on this server")
	}
	defer func() {
		if r.OnIngest != nil {
			n := 0
			if res != nil {
				n = res.EventCount
			}
			r.OnIngest(n, err)
		}
	}()
	if err := checkIngestInput(in, r.maxArticleBytes()); err != nil {
		return nil, err
	}
	source := "api"
	if in.URL != nil && *in.URL != "" {
		source = *in.URL
	}
	doc, err := r.Extractor.Extract(source, in.Text)
	if err != nil {
		return nil, err
	}
	if in.Title != nil && strings.TrimSpace(*in.Title) != "" {
		doc.Article.Title = strings.TrimSpace(*in.Title)
	}
	if in.URL != nil {
		doc.Article.URL = *in.URL
	}
	if in.PublishedAt != nil {
		doc.Article.PublishedAt = *in.PublishedAt
	}
	if _, err := r.Writer.WriteDocuments(ctx, []domain.Document{doc}, r.Extractor.Version()); err != nil {
		return nil, err
	}
	r.Cache.Clear()
	if r.OnWrite != nil {
		r.OnWrite()
	}
	id := doc.Article.ID
	arts, err := r.Store.ArticlesByID(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	a, ok := arts[id]
	if !ok {
		return nil, domain.Errorf(domain.EINTERNAL, "article %s not found after writing", id)
	}
	pages, err := r.Store.EventsOf(ctx, []string{id}, true, "", neo4jstore.EventQuery{
		Order: neo4jstore.DateDesc, Page: neo4jstore.Page{First: neo4jstore.MaxFirst, Rows: true}})
	if err != nil {
		return nil, err
	}
	evs := pages[id].Events
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].TriggerStart < evs[j].TriggerStart })
	res = &model.IngestResult{Article: toArticle(a), EventCount: len(doc.Events), Events: make([]*model.Event, len(evs))}
	for i, e := range evs {
		res.Events[i] = toEvent(e)
	}
	return res, nil
}

func (r *Resolver) maxArticleBytes() int {
	if r.MaxArticleBytes > 0 {
		return r.MaxArticleBytes
	}
	return DefaultMaxArticleBytes
}

func checkIngestInput(in model.IngestArticleInput, max int) error {
	switch {
	case strings.TrimSpace(in.Text) == "":
		return domain.Errorf(domain.EINVALID, "text is empty")
	case len(in.Text) > max:
		return domain.Errorf(domain.EINVALID, "text is %d bytes, the limit is %d", len(in.Text), max)
	case !utf8.ValidString(in.Text):
		return domain.Errorf(domain.EINVALID, "text is not valid UTF-8")
	case in.Title != nil && len(*in.Title) > 1000:
		return domain.Errorf(domain.EINVALID, "title is longer than 1000 bytes")
	case in.PublishedAt != nil && *in.PublishedAt != "" && !validDate(*in.PublishedAt):
		return domain.Errorf(domain.EINVALID, "publishedAt is YYYY-MM-DD, got %q", *in.PublishedAt)
	}
	if in.URL != nil && *in.URL != "" {
		u, err := url.Parse(*in.URL)
		if len(*in.URL) > 2048 || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return domain.Errorf(domain.EINVALID, "url must be an http or https URL of at most 2048 bytes")
		}
	}
	return nil
}

func validDate(d string) bool {
	f := neo4jstore.EventFilter{From: d}
	return f.Validate() == nil
}
