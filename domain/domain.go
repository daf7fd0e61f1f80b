// Package domain holds eventgraph's domain types: articles, entities, events
// and their arguments, as the extractor produces them and the store keeps them.
package domain

// EventType is the kind of an event mention.
type EventType string

// Event types, core and extended, as GUIDELINES.md defines them.
const (
	Defection    EventType = "DEFECTION"
	Repatriation EventType = "REPATRIATION"
	QuotaDemand  EventType = "QUOTA_DEMAND"
	Surveillance EventType = "SURVEILLANCE"
	Arrest       EventType = "ARREST"
	Punishment   EventType = "PUNISHMENT"
)

// EventTypes lists every event type, core types first.
var EventTypes = []EventType{Defection, Repatriation, QuotaDemand, Surveillance, Arrest, Punishment}

// Modality says whether an event happened, might happen, or did not happen.
type Modality string

// Modalities of an event mention.
const (
	Asserted     Modality = "asserted"
	Hypothetical Modality = "hypothetical"
	Negated      Modality = "negated"
)

// Role is the part an argument plays in an event.
type Role string

// Argument roles.
const (
	Agent       Role = "agent"
	Patient     Role = "patient"
	Origin      Role = "origin"
	Destination Role = "destination"
	Location    Role = "location"
	AmountRole  Role = "amount"
	Time        Role = "time"
)

// EntityType is the kind of an entity.
type EntityType string

// Entity types.
const (
	Agency       EntityType = "AGENCY"
	Organization EntityType = "ORGANIZATION"
	Actor        EntityType = "ACTOR"
	City         EntityType = "CITY"
	Region       EntityType = "REGION"
	Country      EntityType = "COUNTRY"
)

// EntityTypes lists every entity type.
var EntityTypes = []EntityType{Agency, Organization, Actor, City, Region, Country}

// Article identifies one article and carries its metadata.
type Article struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	Title       string `json:"title"`
	URL         string `json:"url,omitempty"`
	PublishedAt string `json:"publishedAt,omitempty"`
}

// Span is a piece of the article text; Start and End are Unicode code point
// offsets into the text as read, End exclusive.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Mention is one occurrence of an entity in the text. Count is the number of
// people a group mention names ("Three ... agents"), zero when not said.
type Mention struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Count int    `json:"count,omitempty"`
}

// Entity is an agency, organization, actor group or place. IDs are stable
// across articles ("agency:kp:ministry-of-state-security"). CountryID,
// RegionID and MemberOf are ids of other entities the gazetteer or the text
// ties this one to.
type Entity struct {
	ID        string     `json:"id"`
	Type      EntityType `json:"type"`
	Name      string     `json:"name"`
	Aliases   []string   `json:"aliases"`
	Country   string     `json:"country,omitempty"`
	CountryID string     `json:"countryId,omitempty"`
	RegionID  string     `json:"regionId,omitempty"`
	MemberOf  string     `json:"memberOf,omitempty"`
	Mentions  []Mention  `json:"mentions"`
}

// Amount is a structured sum of money: "around 700,000 to one million US
// dollars per year" is {700000, 1000000, "USD", "year"}.
type Amount struct {
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	Currency string  `json:"currency,omitempty"`
	Period   string  `json:"period,omitempty"`
}

// Argument is one participant of an event. Entity is the id of an entry in
// the document's entities, empty for amounts and times.
type Argument struct {
	Role   Role    `json:"role"`
	Text   string  `json:"text"`
	Entity string  `json:"entity,omitempty"`
	Start  int     `json:"start"`
	End    int     `json:"end"`
	Count  int     `json:"count,omitempty"`
	Amount *Amount `json:"amount,omitempty"`
}

// Event is one event mention with its evidence: the sentence, the trigger
// and the rule that produced it.
type Event struct {
	ID         string     `json:"id"`
	Type       EventType  `json:"type"`
	Modality   Modality   `json:"modality"`
	Trigger    Span       `json:"trigger"`
	Sentence   Span       `json:"sentence"`
	Arguments  []Argument `json:"arguments"`
	Rule       string     `json:"rule"`
	Confidence float64    `json:"confidence"`
}

// Document is everything extracted from one article: one line of the
// extractor's JSON Lines output.
type Document struct {
	Article  Article  `json:"article"`
	Entities []Entity `json:"entities"`
	Events   []Event  `json:"events"`
}
