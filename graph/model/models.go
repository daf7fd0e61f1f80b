// Package model holds the Go types of the GraphQL schema: the ones below are
// written by hand because they carry what their resolvers need; gqlgen
// generates the rest into models_gen.go.
package model

import "eventgraph/neo4jstore"

// Node is any object with a global id.
type Node interface {
	IsNode()
}

// Entity is an agency, organization, actor group or place.
type Entity interface {
	Node
	IsEntity()
	Base() *EntityBase
}

// EntityBase holds the fields every entity type has.
type EntityBase struct {
	ID          string
	Key         string
	Type        string
	Name        string
	Aliases     []string
	CountryName *string
}

// Base returns the common fields.
func (b *EntityBase) Base() *EntityBase { return b }

// Entity types.
type (
	Agency       struct{ EntityBase }
	Organization struct{ EntityBase }
	Actor        struct{ EntityBase }
	City         struct{ EntityBase }
	Region       struct{ EntityBase }
	Country      struct{ EntityBase }
)

func (Agency) IsNode()         {}
func (Agency) IsEntity()       {}
func (Organization) IsNode()   {}
func (Organization) IsEntity() {}
func (Actor) IsNode()          {}
func (Actor) IsEntity()        {}
func (City) IsNode()           {}
func (City) IsEntity()         {}
func (Region) IsNode()         {}
func (Region) IsEntity()       {}
func (Country) IsNode()        {}
func (Country) IsEntity()      {}

// Article is a news article.
type Article struct {
	ID               string
	Key              string
	Source           string
	Title            string
	URL              *string
	PublishedAt      *string
	IngestedAt       *string
	ExtractorVersion *string
}

func (Article) IsNode() {}

// Span is a piece of article text.
type Span struct {
	Text  string
	Start int
	End   int
}

// Amount is a sum of money.
type Amount struct {
	Text     *string
	Min      *float64
	Max      *float64
	Currency *string
	Period   *string
}

// Event is one event mention; Row keeps the stored event with its
// arguments and article when they were read with it.
type Event struct {
	ID          string
	Key         string
	Type        string
	Modality    string
	Trigger     *Span
	Sentence    *Span
	Rule        string
	Confidence  float64
	Amount      *Amount
	Time        *string
	PublishedAt *string
	Row         *neo4jstore.EventRow `json:"-"`
}

func (Event) IsNode() {}

// Argument is one participant of an event.
type Argument struct {
	Role   string
	Text   string
	Start  int
	End    int
	Count  *int
	Entity Entity
}

// RelatedEdge is an entity tied to another; EvidenceIDs are the shared
// events' ids, most confident first.
type RelatedEdge struct {
	Cursor       string
	Node         Entity
	SharedEvents int
	Facts        []string
	EvidenceIDs  []string `json:"-"`
}

// Count is one group of an aggregate.
type Count struct {
	Key    string
	Label  string
	Count  int
	Entity Entity
}

// EntityCount is an entity with its number of events.
type EntityCount struct {
	Entity Entity
	Count  int
}

// Connections are the shortest paths between two entities.
type Connections struct {
	From  Entity
	To    Entity
	Hops  *int
	Paths []*Path
	Graph *Graph
}

// Path is one path between two entities.
type Path struct {
	Hops    int
	Summary string
	Nodes   []*GraphNode
	Edges   []*GraphEdge
}

// Graph is nodes and edges for drawing.
type Graph struct {
	Nodes []*GraphNode
	Edges []*GraphEdge
}

// GraphNode is an entity or an event; EventKey is set for events, whose
// details load on demand.
type GraphNode struct {
	ID       string
	Kind     string
	Type     string
	Label    string
	Entity   Entity
	EventKey string `json:"-"`
}

// GraphEdge is a relationship between two graph nodes.
type GraphEdge struct {
	ID     string
	Source string
	Target string
	Type   string
	Text   *string
}
