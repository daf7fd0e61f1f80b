package extractor

import (
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strings"

	"eventgraph/domain"
)

// compiledRule is a rule's compiled form.
type compiledRule struct {
	// typ is the index of the rule's type in domain.EventTypes: rules of
	// one type are told apart without comparing strings.
	typ      int
	paths    [][]step
	requires []constraint
	excludes []constraint
	args     []roleStrategies
	// strats are the strategies of all roles, role by role, each role's
	// in order (a strategy's role indexes args).
	strats []strategy
	// byNeed[b] has bit j set when strats[j] needs type bit b: the
	// strategies worth running in a sentence are those of its bits.
	byNeed [16]uint32
	ignore uint64 // bit k: cue category k does not apply
	// ranks has bit roleOrder(role) set for each role the rule fills.
	ranks int
}

// constraint is a compiled Constraint.
type constraint struct {
	before, after, near, sentence *trie
	window                        int
	prior                         domain.EventType
}

// roleStrategies tells one role and how its strategies (the bits all of
// the rule's strats) fill it.
type roleStrategies struct {
	role domain.Role
	rank int // roleOrder(role)
	// homes lets a hometown fill the role: the place a defector leaves
	// ("a family of five from Sinuiju escaped").
	homes bool
	// abroad keeps North Korean places out of the role: the origin of a
	// return, the destination of a defection.
	abroad bool
	// all has the bits of its strategies in the rule's strats.
	all uint32
}

// strategy is one argument strategy with the mention types it accepts.
type strategy struct {
	name  string // the preposition for skPrepAfter and skPrepAround
	word  int32  // the vocabulary id of name, or 0 (setWordIDs)
	kind  stratKind
	types uint16
	// window is how many tokens after a one-token trigger skPrepAfter and
	// skPrepAround look for their preposition.
	window int
	// need holds the bits of which a sentence's (sentenceTypes, with
	// tySentence added) must have one for the strategy to find anything
	// there (strategyNeed).
	need uint16
	role uint8 // the index of its role in the rule's args
}

// Mention type bits for strategies.
const (
	tyActor uint16 = 1 << iota
	tyAgency
	tyOrg
	tyCountry
	tyCity
	tyRegion
	tyLoc
	tyPronoun
	tyGroup
	tyGeneric // people in general: "people", "anyone", "those who"
	// tySentence is no mention type: every sentence has it, and it is
	// the need of a strategy that may find an argument in any sentence.
	tySentence uint16 = 1 << 15
	// tyTimes is no mention type either: a sentence with a time phrase
	// has it, and the time strategy needs it.
	tyTimes uint16 = 1 << 14
)

var typeNames = map[string]uint16{
	"ACTOR": tyActor, "AGENCY": tyAgency, "ORG": tyOrg, "COUNTRY": tyCountry, "CITY": tyCity,
	"REGION": tyRegion, "LOC": tyLoc, "PRONOUN": tyPronoun, "GROUP": tyGroup, "GENERIC": tyGeneric,
	"PEOPLE": tyActor | tyPronoun | tyGroup | tyGeneric,
	"PLACE":  tyCountry | tyCity | tyRegion | tyLoc,
	"BODY":   tyAgency | tyOrg,
	"ANY":    0xffff,
}

// stratKind is what an argument strategy does; applyStrategy switches on
// it instead of on the strategy's name.
type stratKind uint8

const (
	skSubj stratKind = iota + 1
	skPassiveSubj
	skPre
	skObj
	skController
	skControllee
	skPrepAfter  // "<prep> <mention>" after the trigger
	skPrepAround // after the trigger, else before it
	skPoss
	skGovernor
	skArrive
	skInitialIn
	skWhere
	skTrigger
	skState
	skLocWord
	skLocAfter
	skAmount
	skMoneyNP
	skTime
	skHome
	skLeftNP
	skCrossed
)

// strategyNames lists the argument strategies: what each does and whether
// it needs types.
var strategyNames = map[string]struct {
	kind  stratKind
	needs bool
}{
	"subj": {skSubj, true}, "pre": {skPre, true}, "passive_subj": {skPassiveSubj, true}, "obj": {skObj, true},
	"controller": {skController, true}, "controllee": {skControllee, true},
	"by": {skPrepAfter, true}, "of": {skPrepAfter, true}, "over": {skPrepAfter, true}, "on": {skPrepAfter, true},
	"to": {skPrepAfter, true}, "into": {skPrepAfter, true}, "upon": {skPrepAfter, true}, "onto": {skPrepAfter, true},
	"custody": {skPrepAfter, true}, "in": {skPrepAround, true}, "at": {skPrepAround, true}, "from": {skPrepAround, true}, "throughout": {skPrepAround, true},
	"through": {skPrepAround, true}, "across": {skPrepAround, true}, "within": {skPrepAround, true},
	"inside": {skPrepAround, true}, "near": {skPrepAround, true}, "toward": {skPrepAfter, true}, "towards": {skPrepAfter, true},
	"where": {skWhere, true}, "arrive": {skArrive, true}, "governor": {skGovernor, true}, "poss": {skPoss, true},
	"initial_in": {skInitialIn, true}, "trigger": {skTrigger, true}, "state": {skState, true},
	"loc_word": {skLocWord, false}, "loc_after": {skLocAfter, false},
	"amount": {skAmount, false}, "money_np": {skMoneyNP, false}, "time": {skTime, false}, "home": {skHome, false},
	"left_np": {skLeftNP, false}, "crossed": {skCrossed, false},
}

// parseStrategy parses "name" or "name:TYPE|TYPE".
func parseStrategy(s string) (strategy, error) {
	name, types, hasTypes := strings.Cut(s, ":")
	info, ok := strategyNames[name]
	if !ok {
		return strategy{}, fmt.Errorf("unknown strategy %q", name)
	}
	st := strategy{name: name, kind: info.kind, window: prepWindow(name, info.kind)}
	if !hasTypes {
		if info.needs {
			st.types = typeNames["ANY"]
		}
		return st, nil
	}
	for _, t := range strings.Split(types, "|") {
		bit, ok := typeNames[t]
		if !ok {
			return strategy{}, fmt.Errorf("strategy %q: unknown type %q", s, t)
		}
		st.types |= bit
	}
	return st, nil
}

// prepWindow returns the window of a prepositional strategy: narrow for
// "of", "over" and "on", wide for "custody of".
func prepWindow(name string, kind stratKind) int {
	switch {
	case kind == skPrepAround:
		return 12
	case kind != skPrepAfter:
		return 0
	case name == "of" || name == "over" || name == "on":
		return 3
	case name == "custody":
		return 30
	}
	return 10
}

// setWordIDs gives the rule's strategies the vocabulary ids of their
// names, once the vocabulary is built, so that the prepositional ones
// compare token ids instead of strings. A name the vocabulary lacks keeps
// id 0 and is compared as a string.
func (c *compiledRule) setWordIDs(v *vocab) {
	for k := range c.strats {
		c.strats[k].word = v.ids[c.strats[k].name]
	}
}

// maxStrategies is how many strategies a rule may have in all, the bits
// of a strategy mask.
const maxStrategies = 32

// runnable returns the mask of the strategies of the rule that may find
// something in a sentence whose type bits (with tySentence) are present.
func (c *compiledRule) runnable(present uint16) uint32 {
	var run uint32
	for b := present; b != 0; b &= b - 1 {
		run |= c.byNeed[bits.TrailingZeros16(b)]
	}
	return run
}

func checkStrategy(s string) error {
	_, err := parseStrategy(s)
	return err
}

// compileRule compiles a rule's patterns, constraints and strategies.
func compileRule(r *Rule, k *knowledge) (*compiledRule, error) {
	fail := func(field string, err error) error {
		return &RuleError{File: r.File, Rule: r.ID, Field: field, Msg: err.Error()}
	}
	c := &compiledRule{typ: slices.Index(domain.EventTypes, r.Type)}
	for i, p := range r.Trigger.Patterns {
		els, err := parsePattern(p, k.lex)
		if err != nil {
			return nil, fail(fmt.Sprintf("trigger.patterns[%d]", i), err)
		}
		paths, err := expand(els)
		if err != nil {
			return nil, fail(fmt.Sprintf("trigger.patterns[%d]", i), err)
		}
		for _, path := range paths {
			if path[0].kind != stLit {
				return nil, fail(fmt.Sprintf("trigger.patterns[%d]", i), fmt.Errorf("a trigger must start with a word, not %q", p))
			}
		}
		c.paths = append(c.paths, paths...)
	}
	for i, con := range r.Trigger.Requires {
		cc, err := compileConstraint(con, k.lex)
		if err != nil {
			return nil, fail(fmt.Sprintf("trigger.requires[%d]", i), err)
		}
		c.requires = append(c.requires, cc)
	}
	for i, con := range r.Trigger.Excludes {
		if _, err := compileConstraint(con, k.lex); err != nil {
			return nil, fail(fmt.Sprintf("trigger.excludes[%d]", i), err)
		}
	}
	for _, con := range joinExcludes(r.Trigger.Excludes) {
		cc, err := compileConstraint(con, k.lex)
		if err != nil {
			return nil, fail("trigger.excludes", err)
		}
		c.excludes = append(c.excludes, cc)
	}
	roles := make([]string, 0, len(r.Arguments))
	for role := range r.Arguments {
		roles = append(roles, string(role))
	}
	sort.Strings(roles)
	for _, role := range roles {
		rs := roleStrategies{role: domain.Role(role), rank: roleOrder(domain.Role(role)),
			homes: r.Type == domain.Defection && domain.Role(role) == domain.Origin,
			abroad: r.Type == domain.Repatriation && domain.Role(role) == domain.Origin ||
				r.Type == domain.Defection && domain.Role(role) == domain.Destination}
		for _, s := range r.Arguments[domain.Role(role)] {
			st, err := parseStrategy(s)
			if err != nil {
				return nil, fail("arguments."+role, err)
			}
			if len(c.strats) == maxStrategies {
				return nil, fail("arguments."+role, fmt.Errorf("a rule may have at most %d strategies", maxStrategies))
			}
			st.need, st.role = strategyNeed(&st), uint8(len(c.args))
			for b := st.need; b != 0; b &= b - 1 {
				c.byNeed[bits.TrailingZeros16(b)] |= 1 << len(c.strats)
			}
			rs.all |= 1 << len(c.strats)
			c.strats = append(c.strats, st)
		}
		c.args = append(c.args, rs)
		c.ranks |= 1 << rs.rank
	}
	for _, cat := range r.Modality.Ignore {
		ci := k.cues.byName[cat]
		if ci >= 64 {
			return nil, fail("modality.ignore", fmt.Errorf("cue category %q is past the 64 a rule can ignore", cat))
		}
		c.ignore |= 1 << ci
	}
	return c, nil
}

// compileConstraint compiles one context constraint; exactly one kind of
// condition must be given.
func compileConstraint(con Constraint, lx *lexicon) (constraint, error) {
	var out constraint
	n := 0
	for _, p := range []struct {
		src string
		dst **trie
	}{{con.Before, &out.before}, {con.After, &out.after}, {con.Near, &out.near}, {con.Sentence, &out.sentence}} {
		if p.src == "" {
			continue
		}
		n++
		t, err := compilePatternTrie(p.src, lx)
		if err != nil {
			return out, err
		}
		*p.dst = t
	}
	if con.PriorEvent != "" {
		if !validTypes[con.PriorEvent] {
			return out, fmt.Errorf("unknown event type %q", con.PriorEvent)
		}
		out.prior = con.PriorEvent
		n++
	}
	if n != 1 {
		return out, fmt.Errorf("give exactly one of before, after, near, sentence or prior_event")
	}
	if con.Window < 0 || con.Window > 30 {
		return out, fmt.Errorf("window %d out of range 0..30", con.Window)
	}
	out.window = con.Window
	return out, nil
}

// joinExcludes joins the excludes that look for a pattern after the
// trigger, or anywhere in its sentence, within one window into one
// exclude of alternative patterns: any of them matching excludes the
// trigger, and one trie then answers for all. Excludes before or around
// the trigger stay apart, since how far back their scan starts depends on
// their longest pattern. Each exclude must give exactly one condition.
func joinExcludes(list []Constraint) []Constraint {
	out := make([]Constraint, 0, len(list))
next:
	for _, con := range list {
		for k := range out {
			o := &out[k]
			switch {
			case o.Window != con.Window:
			case o.After != "" && con.After != "":
				o.After += " || " + con.After
				continue next
			case o.Sentence != "" && con.Sentence != "":
				o.Sentence += " || " + con.Sentence
				continue next
			}
		}
		out = append(out, con)
	}
	return out
}

// compilePatternTrie compiles one pattern into a trie of its own.
// A " || " separates alternative patterns of one constraint.
func compilePatternTrie(src string, lx *lexicon) (*trie, error) {
	t := newTrie()
	for _, alt := range strings.Split(src, " || ") {
		els, err := parsePattern(alt, lx)
		if err != nil {
			return nil, err
		}
		paths, err := expand(els)
		if err != nil {
			return nil, err
		}
		for _, p := range paths {
			t.add(p, 0)
		}
	}
	return t, nil
}

// triggerIndex is the shared trie of every rule's trigger paths.
type triggerIndex struct {
	t     *trie
	rules []int32 // accept id -> rule index
}

// buildTriggerIndex adds every rule's trigger paths to one trie. A rule's
// paths share its accept id, and a node accepts a rule once, so that
// paths ending together yield one hit.
func buildTriggerIndex(rules []*Rule) *triggerIndex {
	ti := &triggerIndex{t: newTrie()}
	for ri, r := range rules {
		for _, p := range r.compiled.paths {
			ti.t.add(p, int32(ri))
		}
		ti.rules = append(ti.rules, int32(ri))
	}
	ti.t.root.walk(func(n *tnode) bool {
		n.accept = slices.Compact(n.accept) // a rule's ids are added together
		return true
	})
	return ti
}
