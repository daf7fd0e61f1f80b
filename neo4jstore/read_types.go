package neo4jstore

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"eventgraph/domain"
)

// MaxFirst caps every page size and limit the reads accept.
const MaxFirst = 100

// MaxEvidence caps the evidence event ids kept per relationship.
const MaxEvidence = 10

// Roles are the relationship types from an event to an entity.
var Roles = []string{"AGENT", "PATIENT", "ORIGIN", "DESTINATION", "LOCATION"}

// Facts are the relationship types between entities.
var Facts = []string{"MEMBER_OF", "IN_REGION", "IN_COUNTRY", "OF_COUNTRY"}

// ArticleRow is an article node.
type ArticleRow struct {
	ID               string
	Source           string
	Title            string
	URL              string
	PublishedAt      string
	IngestedAt       string
	ExtractorVersion string
}

// EntityRow is an entity node.
type EntityRow struct {
	ID      string
	Type    string
	Name    string
	Aliases []string
	Country string
}

// ArgumentRow is one role relationship from an event to an entity.
type ArgumentRow struct {
	Role   string // AGENT, PATIENT, ...
	Text   string
	Start  int
	End    int
	Count  int
	Entity EntityRow
}

// EventRow is an event node with its arguments and article.
type EventRow struct {
	ID           string
	Type         string
	Modality     string
	Trigger      string
	TriggerStart int
	TriggerEnd   int
	Sentence     string
	Start        int
	End          int
	Rule         string
	Confidence   float64
	ArticleID    string
	PublishedAt  string
	AmountText   string
	AmountMin    *float64
	AmountMax    *float64
	Currency     string
	Period       string
	Time         string
	Args         []ArgumentRow
	Article      *ArticleRow
}

// EventFilter selects events. Lists are alternatives, fields combine.
// Entity ids match the entity itself or, for an agency, actors that are
// its members.
type EventFilter struct {
	Types         []string
	Modalities    []string
	Entities      []string
	Agent         []string
	Patient       []string
	Origin        []string
	Destination   []string
	Location      []string
	Article       string
	From          string
	To            string
	Text          string
	MinConfidence *float64
}

// Validate checks the filter's values and returns a *domain.Error with
// code EINVALID for bad ones.
func (f EventFilter) Validate() error {
	for _, t := range f.Types {
		if !validEventType(t) {
			return domain.Errorf(domain.EINVALID, "unknown event type %q", t)
		}
	}
	for _, m := range f.Modalities {
		switch m {
		case string(domain.Asserted), string(domain.Hypothetical), string(domain.Negated):
		default:
			return domain.Errorf(domain.EINVALID, "unknown modality %q", m)
		}
	}
	for _, d := range []string{f.From, f.To} {
		if d != "" && !validDate(d) {
			return domain.Errorf(domain.EINVALID, "dates are YYYY-MM-DD, got %q", d)
		}
	}
	if len(f.Text) > 200 {
		return domain.Errorf(domain.EINVALID, "text search is at most 200 characters")
	}
	n := len(f.Entities) + len(f.Agent) + len(f.Patient) + len(f.Origin) + len(f.Destination) + len(f.Location)
	if n > 50 {
		return domain.Errorf(domain.EINVALID, "at most 50 entity ids in a filter")
	}
	return nil
}

func validEventType(t string) bool {
	for _, x := range domain.EventTypes {
		if string(x) == t {
			return true
		}
	}
	return false
}

func validEntityType(t string) bool {
	for _, x := range domain.EntityTypes {
		if string(x) == t {
			return true
		}
	}
	return false
}

func validDate(d string) bool {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return false
	}
	for i, c := range d {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// EventOrder sorts event lists.
type EventOrder string

// Event orders.
const (
	DateDesc       EventOrder = "DATE_DESC"
	DateAsc        EventOrder = "DATE_ASC"
	ConfidenceDesc EventOrder = "CONFIDENCE_DESC"
	ConfidenceAsc  EventOrder = "CONFIDENCE_ASC"
)

// Page asks for one page of a list.
type Page struct {
	First int
	After string
	// Total asks for the total count; Rows asks for the rows. A query
	// that selects only one of them costs one round trip less.
	Total bool
	Rows  bool
}

// EventQuery asks for a page of events.
type EventQuery struct {
	Filter EventFilter
	Order  EventOrder
	Page
}

// EventPage is one page of events; Cursors[i] is the cursor of Events[i].
type EventPage struct {
	Events  []EventRow
	Cursors []string
	HasNext bool
	Total   int
}

// EntityHit is an entity found by a search, with its relevance.
type EntityHit struct {
	Entity EntityRow
	Score  *float64
}

// EntityPage is one page of entities.
type EntityPage struct {
	Hits    []EntityHit
	Cursors []string
	HasNext bool
	Total   int
}

// ArticlePage is one page of articles.
type ArticlePage struct {
	Articles []ArticleRow
	Cursors  []string
	HasNext  bool
	Total    int
}

// RelatedQuery asks for the entities tied to an entity.
type RelatedQuery struct {
	Types      []string // entity types, all when empty
	EventTypes []string // only events of these types count; facts are left out when set
	Page
}

// Related is one entity tied to another.
type Related struct {
	Entity   EntityRow
	Shared   int
	Facts    []string
	Evidence []string // event ids, most confident first
}

// RelatedPage is one page of related entities.
type RelatedPage struct {
	Items   []Related
	Cursors []string
	HasNext bool
	Total   int
}

// Fact is a relationship between two entities; Out is true when it points
// from the entity asked about to Entity.
type Fact struct {
	Type   string
	Out    bool
	Entity EntityRow
}

// GraphNode is an entity or an event in a path or neighbourhood.
type GraphNode struct {
	Kind   string // ENTITY or EVENT
	ID     string
	Type   string
	Label  string
	Entity *EntityRow
}

// GraphEdge is a relationship between two graph nodes.
type GraphEdge struct {
	Type   string
	Source string
	Target string
	Text   string
}

// Path is one path between two entities.
type Path struct {
	Hops  int
	Nodes []GraphNode
	Edges []GraphEdge
}

// Graph is a set of nodes and edges.
type Graph struct {
	Nodes []GraphNode
	Edges []GraphEdge
}

// CountRow is one group of an aggregate.
type CountRow struct {
	Key    string
	Label  string
	Count  int
	Entity *EntityRow
}

// EntityCount is an entity and its number of events.
type EntityCount struct {
	Entity EntityRow
	Count  int
}

// Group-by dimensions of EventCounts.
const (
	GroupType     = "TYPE"
	GroupModality = "MODALITY"
	GroupCity     = "CITY"
	GroupAgency   = "AGENCY"
	GroupCountry  = "COUNTRY"
	GroupMonth    = "MONTH"
)

// checkFirst validates a page size: 0 < first <= MaxFirst.
func checkFirst(first int) error {
	if first < 0 || first > MaxFirst {
		return domain.Errorf(domain.EINVALID, "first must be between 0 and %d, got %d", MaxFirst, first)
	}
	return nil
}

// Cursors are opaque to clients: base64 of a small JSON value. Keyset
// cursors hold the sort value and id of the last row; offset cursors hold
// the position.

type keyCursor struct {
	S string   `json:"s,omitempty"`
	F *float64 `json:"f,omitempty"`
	I string   `json:"i"`
}

func encodeCursor(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimSpace(s))
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return domain.Errorf(domain.EINVALID, "malformed cursor %q", s)
	}
	return nil
}

func offsetCursor(n int) string { return encodeCursor(map[string]int{"o": n}) }

func decodeOffset(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	var v map[string]int
	if err := decodeCursor(s, &v); err != nil {
		return 0, err
	}
	o, ok := v["o"]
	if !ok || o < 0 || o > 1_000_000 {
		return 0, domain.Errorf(domain.EINVALID, "malformed cursor %q", s)
	}
	return o, nil
}
