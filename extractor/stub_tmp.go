package extractor

import "eventgraph/domain"

type knowledge struct{ cues cueSet }
type cueSet struct{ cats map[string]bool }

func (c cueSet) hasCategory(s string) bool { return c.cats[s] }

type compiledRule struct{}

func loadKnowledge(files []dataFile) (*knowledge, error) { return &knowledge{}, nil }
func compileRule(r *Rule, k *knowledge) (*compiledRule, error) { return &compiledRule{}, nil }
func checkStrategy(s string) error                                { return nil }

// RuleFailure is one rule example that did not behave as declared.
type RuleFailure struct {
	Rule    string
	File    string
	Example string
	Message string
}

// TestRules runs every rule's examples and returns the failures.
func (x *Extractor) TestRules() []RuleFailure { return nil }

func (x *Extractor) extract(source, text string) domain.Document {
	return domain.Document{Article: domain.Article{Source: source}, Entities: []domain.Entity{}, Events: []domain.Event{}}
}
