package extractor

import (
	"fmt"
	"strings"

	"eventgraph/domain"
)

// RuleFailure is one rule example that did not behave as its rule file
// declares.
type RuleFailure struct {
	// Rule is the rule id.
	Rule string
	// File is the rule's data file.
	File string
	// Example is the example sentence.
	Example string
	// Message says what went wrong, with what was wanted and what was got.
	Message string
}

// String formats the failure for people editing rules.
func (f RuleFailure) String() string {
	return fmt.Sprintf("%s: rule %s: %q: %s", f.File, f.Rule, f.Example, f.Message)
}

// TestRules runs every rule's examples through the whole pipeline: each
// match example must yield an event from that rule (with the modality and
// argument texts given), each no_match example none from it.
func (x *Extractor) TestRules() []RuleFailure {
	var out []RuleFailure
	for _, r := range x.rules {
		out = append(out, x.testRule(r)...)
	}
	return out
}

func (x *Extractor) testRule(r *Rule) []RuleFailure {
	var out []RuleFailure
	var o Output // each example's document is done with before the next
	fail := func(ex, format string, args ...any) {
		out = append(out, RuleFailure{Rule: r.ID, File: r.File, Example: ex, Message: fmt.Sprintf(format, args...)})
	}
	for _, ex := range r.Examples.Match {
		doc := x.extract("example", ex.Text, &o)
		ev := findRuleEvent(doc, r)
		if ev == nil {
			fail(ex.Text, "want an event from this rule, got %s", describeEvents(doc))
			continue
		}
		if ex.Modality != "" && ev.Modality != ex.Modality {
			fail(ex.Text, "want modality %s, got %s", ex.Modality, ev.Modality)
		}
		for role, want := range ex.Args {
			if got := argTexts(ev, role); !containsFold(got, want) {
				fail(ex.Text, "want %s containing %q, got %q", role, want, got)
			}
		}
	}
	for _, text := range r.Examples.NoMatch {
		doc := x.extract("example", text, &o)
		if ev := findRuleEvent(doc, r); ev != nil {
			fail(text, "want no event from this rule, got %s %q", ev.Type, ev.Trigger.Text)
		}
	}
	return out
}

// findRuleEvent returns the first event of the rule's type whose trigger
// the rule produced (merged events keep the first rule's id, so an event
// of the same type also counts when it came from a sibling rule).
func findRuleEvent(doc domain.Document, r *Rule) *domain.Event {
	var sameType *domain.Event
	for i := range doc.Events {
		ev := &doc.Events[i]
		if ev.Rule == r.ID {
			return ev
		}
		if ev.Type == r.Type && sameType == nil {
			sameType = ev
		}
	}
	return sameType
}

func describeEvents(doc domain.Document) string {
	if len(doc.Events) == 0 {
		return "no events"
	}
	var parts []string
	for _, ev := range doc.Events {
		parts = append(parts, fmt.Sprintf("%s %q (%s)", ev.Type, ev.Trigger.Text, ev.Rule))
	}
	return strings.Join(parts, ", ")
}

func argTexts(ev *domain.Event, role domain.Role) []string {
	var out []string
	for _, a := range ev.Arguments {
		if a.Role == role {
			out = append(out, a.Text)
		}
	}
	return out
}

func containsFold(got []string, want string) bool {
	w := strings.ToLower(want)
	for _, g := range got {
		if strings.Contains(strings.ToLower(g), w) {
			return true
		}
	}
	return false
}
