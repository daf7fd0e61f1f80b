package extractor

import (
	"fmt"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"eventgraph/domain"
)

// Rule is one event rule, loaded from rules/<type>/<id>.yaml. A rule fires
// on a trigger pattern in a sentence when its context constraints hold, and
// fills argument roles with the strategies it lists.
type Rule struct {
	// ID names the rule, "<type dir>/<name>", and is recorded on every event
	// the rule produces.
	ID string `yaml:"id"`
	// Type is the event type the rule produces.
	Type domain.EventType `yaml:"type"`
	// Description says in one sentence what the rule finds.
	Description string `yaml:"description"`
	// Confidence is recorded on the events the rule produces, in (0, 1].
	Confidence float64 `yaml:"confidence"`
	// Trigger holds the trigger patterns and their context constraints.
	Trigger Trigger `yaml:"trigger"`
	// Arguments maps a role to the ordered strategies that fill it; the
	// first strategy that finds something wins.
	Arguments map[domain.Role][]string `yaml:"arguments"`
	// Modality tunes how modality cues apply to the rule's events.
	Modality ModalitySpec `yaml:"modality"`
	// Examples are sentences the rule must and must not fire on.
	Examples Examples `yaml:"examples"`
	// File is the data file the rule was loaded from.
	File string `yaml:"-"`

	compiled *compiledRule
}

// Trigger is a rule's trigger: token patterns plus context constraints.
type Trigger struct {
	// Patterns are token patterns (see README: words, a|b alternatives,
	// ~lemma forms, <CLASS> slots, ... gaps, ? optional elements).
	Patterns []string `yaml:"patterns"`
	// Requires lists constraints that must all hold around the trigger.
	Requires []Constraint `yaml:"requires"`
	// Excludes lists constraints none of which may hold.
	Excludes []Constraint `yaml:"excludes"`
}

// Constraint is a context condition on a trigger match: a pattern that must
// be found just before it, just after it, or anywhere in its sentence, or an
// event of a given type earlier in the article.
type Constraint struct {
	// Before is a pattern that must end within Window tokens before the trigger.
	Before string `yaml:"before"`
	// After is a pattern that must start within Window tokens after the trigger.
	After string `yaml:"after"`
	// Near is a pattern that must end within Window tokens before the
	// trigger or start within Window tokens after it.
	Near string `yaml:"near"`
	// Sentence is a pattern that must occur somewhere in the trigger's sentence.
	Sentence string `yaml:"sentence"`
	// Window bounds Before and After, in tokens; 0 means adjacent. With
	// PriorEvent it is the number of sentences looked back over (0 means 2).
	Window int `yaml:"window"`
	// PriorEvent names an event type that must have been found in one of the
	// sentences before the trigger's (two, or Window).
	PriorEvent domain.EventType `yaml:"prior_event"`
}

// ModalitySpec tunes modality for a rule: cue categories to ignore and the
// modality when no cue applies.
type ModalitySpec struct {
	// Ignore lists cue categories (from lexicon/cues.yaml) that do not apply
	// to this rule's events.
	Ignore []string `yaml:"ignore"`
	// Default is the modality when no cue applies; asserted if empty.
	Default domain.Modality `yaml:"default"`
}

// Examples are a rule's test sentences, written for the rule.
type Examples struct {
	// Match lists sentences the rule must fire on.
	Match []Example `yaml:"match"`
	// NoMatch lists sentences the rule must not fire on.
	NoMatch []string `yaml:"no_match"`
}

// Example is one sentence a rule must fire on, with the modality and
// arguments expected (both optional).
type Example struct {
	// Text is the sentence.
	Text string `yaml:"text"`
	// Modality, when set, is the modality the event must have.
	Modality domain.Modality `yaml:"modality"`
	// Args maps a role to a text the event's argument of that role must
	// contain.
	Args map[domain.Role]string `yaml:"args"`
}

// UnmarshalYAML accepts an example as a bare string or as a mapping.
func (e *Example) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		e.Text = n.Value
		return nil
	}
	type plain Example
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*e = Example(p)
	return nil
}

// RuleError is a problem in a rule file: it names the file, the rule id and
// the field at fault.
type RuleError struct {
	File  string
	Rule  string
	Field string
	Msg   string
}

// Error formats the problem as "file: rule ID: field: message".
func (e *RuleError) Error() string {
	id := e.Rule
	if id == "" {
		id = "(no id)"
	}
	return fmt.Sprintf("%s: rule %s: %s: %s", e.File, id, e.Field, e.Msg)
}

var validRoles = map[domain.Role]bool{
	domain.Agent: true, domain.Patient: true, domain.Origin: true, domain.Destination: true,
	domain.Location: true, domain.AmountRole: true, domain.Time: true,
}

var validTypes = map[domain.EventType]bool{}

func init() {
	for _, t := range domain.EventTypes {
		validTypes[t] = true
	}
}

// loadRules parses and compiles every rule file under rules/.
func loadRules(files []dataFile, k *knowledge) ([]*Rule, error) {
	var rules []*Rule
	seen := map[string]string{}
	for _, f := range files {
		if !strings.HasPrefix(f.path, "rules/") {
			continue
		}
		r, err := parseRule(f, k)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[r.ID]; ok {
			return nil, &RuleError{File: f.path, Rule: r.ID, Field: "id", Msg: "duplicate of the rule in " + prev}
		}
		seen[r.ID] = f.path
		rules = append(rules, r)
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("extractor: no rules found under rules/")
	}
	return rules, nil
}

// parseRule decodes one rule file strictly and validates every field.
func parseRule(f dataFile, k *knowledge) (*Rule, error) {
	var r Rule
	if err := decodeStrict(f.data, &r); err != nil {
		return nil, &RuleError{File: f.path, Rule: peekID(f.data), Field: "yaml", Msg: err.Error()}
	}
	r.File = f.path
	fail := func(field, format string, args ...any) error {
		return &RuleError{File: f.path, Rule: r.ID, Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if r.ID == "" {
		return nil, fail("id", "missing")
	}
	if dir := path.Base(path.Dir(f.path)); !strings.HasPrefix(r.ID, dir+"/") {
		return nil, fail("id", "must start with the rule's directory %q", dir+"/")
	}
	if !validTypes[r.Type] {
		return nil, fail("type", "unknown event type %q", r.Type)
	}
	if strings.TrimSpace(r.Description) == "" {
		return nil, fail("description", "missing")
	}
	if r.Confidence <= 0 || r.Confidence > 1 {
		return nil, fail("confidence", "must be in (0, 1], got %v", r.Confidence)
	}
	if len(r.Trigger.Patterns) == 0 {
		return nil, fail("trigger.patterns", "at least one pattern is required")
	}
	for role, strategies := range r.Arguments {
		if !validRoles[role] {
			return nil, fail("arguments", "unknown role %q", role)
		}
		for _, s := range strategies {
			if err := checkStrategy(s); err != nil {
				return nil, fail("arguments."+string(role), "%v", err)
			}
		}
	}
	switch r.Modality.Default {
	case "", domain.Asserted, domain.Hypothetical, domain.Negated:
	default:
		return nil, fail("modality.default", "unknown modality %q", r.Modality.Default)
	}
	for _, c := range r.Modality.Ignore {
		if !k.cues.hasCategory(c) {
			return nil, fail("modality.ignore", "unknown cue category %q", c)
		}
	}
	if len(r.Examples.Match) == 0 {
		return nil, fail("examples.match", "at least one matching example is required")
	}
	for i, ex := range r.Examples.Match {
		if strings.TrimSpace(ex.Text) == "" {
			return nil, fail(fmt.Sprintf("examples.match[%d]", i), "empty text")
		}
	}
	c, err := compileRule(&r, k)
	if err != nil {
		return nil, err
	}
	r.compiled = c
	return &r, nil
}

// decodeStrict decodes YAML, refusing unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return err
	}
	return nil
}

// peekID returns the id field of a rule file that failed to decode, if any.
func peekID(data []byte) string {
	var m struct {
		ID string `yaml:"id"`
	}
	_ = yaml.Unmarshal(data, &m)
	return m.ID
}
