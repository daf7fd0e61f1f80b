package domain

import "context"

// WriteStats counts what writing a batch of documents did.
type WriteStats struct {
	New       int // articles not in the graph before
	Unchanged int // articles already written by the same extractor version
	Replaced  int // articles whose events were rewritten by a new version
	Events    int // events written
	Entities  int // distinct entities written
	Writes    int // nodes and relationships merged
}

// Add sums two stats.
func (s *WriteStats) Add(o WriteStats) {
	s.New += o.New
	s.Unchanged += o.Unchanged
	s.Replaced += o.Replaced
	s.Events += o.Events
	s.Entities += o.Entities
	s.Writes += o.Writes
}

// DocumentWriter writes extracted documents into the graph, idempotently.
type DocumentWriter interface {
	WriteDocuments(ctx context.Context, docs []Document, extractorVersion string) (WriteStats, error)
}

// Extractor turns an article's text into a document.
type Extractor interface {
	Extract(source, text string) (Document, error)
	Version() string
}
