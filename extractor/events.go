package extractor

import (
	"slices"
	"strings"

	"eventgraph/domain"
)

// eventFound is an event mention before conversion.
type eventFound struct {
	rule     *Rule
	sent     int
	tb, te   int
	modality domain.Modality
	args     []argFound
}

// argFound is one argument: a token span, the mention it names (or -1)
// and an amount.
type argFound struct {
	role    domain.Role
	tb, te  int
	mention int
	amount  *domain.Amount
}

// findEvents applies the rules sentence by sentence.
func (d *doc) findEvents() {
	ti := d.x.trig
	d.sentMemo = d.sentMemo[:0]
	hits := d.trigHits[:0]
	for si, s := range d.sents {
		hits = ti.t.matchAll(d, s.tb, s.te, hits[:0])
		if len(hits) == 0 {
			continue
		}
		d.sentenceEvents(si, ti, hits)
	}
	d.trigHits = hits[:0]
}

// triggerCand is a trigger match: its rule and token span.
type triggerCand struct {
	r      *Rule
	tb, te int
}

// sentenceEvents turns the trigger hits of one sentence into events.
func (d *doc) sentenceEvents(si int, ti *triggerIndex, hits []hit) {
	type cand = triggerCand
	cands := d.candBuf[:0]
	for k, h := range hits {
		r := d.x.rules[ti.rules[h.id]]
		if repeatsHit(hits[:k], h) {
			continue
		}
		cands = append(cands, cand{r, h.start, h.end})
	}
	// Of overlapping candidates of one type whose rule's constraints hold
	// keep the longest, then the most confident, then the first rule id.
	// The constraints of a candidate that a kept one overlaps are not
	// checked: it is dropped either way.
	slices.SortStableFunc(cands, func(a, b cand) int {
		if a.te-a.tb != b.te-b.tb {
			return (b.te - b.tb) - (a.te - a.tb)
		}
		if a.r.Confidence != b.r.Confidence {
			if a.r.Confidence > b.r.Confidence {
				return -1
			}
			return 1
		}
		if a.r.ID != b.r.ID {
			return strings.Compare(a.r.ID, b.r.ID)
		}
		return a.tb - b.tb
	})
	kept := d.keptBuf[:0]
	for _, c := range cands {
		ok := true
		for _, k := range kept {
			if k.r.compiled.typ == c.r.compiled.typ && c.tb < k.te && k.tb < c.te {
				ok = false
				break
			}
		}
		if ok && d.constraintsHold(c.r, si, c.tb, c.te) {
			kept = append(kept, c)
		}
	}
	slices.SortStableFunc(kept, func(a, b cand) int { return a.tb - b.tb })
	d.candBuf, d.keptBuf = cands[:0], kept[:0]
	if len(kept) == 0 {
		return
	}
	cues, types := d.sentenceCues(si), d.sentenceTypes(si)
	first := len(d.events)
	var endArr [16]int
	var modArr [16]domain.Modality
	prevEnd, prevMod := endArr[:0], modArr[:0]
	for _, c := range kept {
		def := c.r.Modality.Default
		if def == "" {
			def = domain.Asserted
		}
		mod := d.modalityOf(si, c.tb, c.te, cues, c.r.compiled.ignore, def)
		// "arrest and repatriate": a coordinated trigger shares the
		// modality of the one before it.
		for k := range prevEnd {
			if c.tb >= 2 && prevEnd[k] == c.tb-1 && (d.toks[c.tb-1].low == "and" || d.toks[c.tb-1].low == "or") {
				mod = prevMod[k]
			}
		}
		prevEnd = append(prevEnd, c.te)
		prevMod = append(prevMod, mod)
		ev := eventFound{rule: c.r, sent: si, tb: c.tb, te: c.te, modality: mod}
		if mod == domain.Hypothetical && d.refersBack(&ev) && d.definite(c.te-2) && !d.conditionalBefore(si, c.tb) {
			// "unclear whether it had to do with the disappearance": the
			// escape referred back to was told as a fact.
			ev.modality = domain.Asserted
		}
		ev.args = d.arguments(c.r, si, c.tb, c.te, types)
		d.mergeOrAdd(first, ev)
	}
}

// repeatsHit reports whether h is among earlier: one rule's paths can
// match the same span more than once.
func repeatsHit(earlier []hit, h hit) bool {
	for _, e := range earlier {
		if e == h {
			return true
		}
	}
	return false
}

// mergeOrAdd adds an event, or merges it into an earlier event of the same
// type and modality in the same sentence (one mention per event).
func (d *doc) mergeOrAdd(first int, ev eventFound) {
	for k := first; k < len(d.events); k++ {
		p := &d.events[k]
		if p.rule.compiled.typ != ev.rule.compiled.typ || p.modality != ev.modality || d.conflict(p, &ev) {
			continue
		}
		// The trigger whose own arguments are richer ("forcibly returned
		// 30 North Koreans" rather than "In a separate repatriation")
		// leads; the other fills the roles it lacks.
		if d.argWeight(ev.args) > d.argWeight(p.args) {
			ev.args, p.args = p.args, ev.args
			p.tb, p.te, p.rule = ev.tb, ev.te, ev.rule
		}
		for _, a := range ev.args {
			// One participant fills one role: a trigger's subject is no
			// agent of the passive trigger it merges with.
			if roleIndex(p.args, a.role) < 0 && !hasMention(p.args, a.mention) {
				p.args = append(p.args, a)
			}
		}
		sortArgs(p.args)
		return
	}
	d.events = append(d.events, ev)
}

// argWeight scores an event's arguments: participants (agent, patient)
// count most, then places, then amounts and times.
func (d *doc) argWeight(args []argFound) int {
	w := 0
	for _, a := range args {
		switch a.role {
		case domain.Agent, domain.Patient:
			w += 3
		case domain.Origin, domain.Destination, domain.Location:
			w += 2
		default:
			w++
		}
	}
	return w
}

// hasMention reports whether an argument names mention mi (mi >= 0).
func hasMention(args []argFound, mi int) bool {
	for _, a := range args {
		if mi >= 0 && a.mention == mi {
			return true
		}
	}
	return false
}

// constraintsHold checks a rule's requires and excludes around a trigger.
func (d *doc) constraintsHold(r *Rule, si, tb, te int) bool {
	for k := range r.compiled.requires {
		if !d.constraintHolds(&r.compiled.requires[k], si, tb, te) {
			return false
		}
	}
	for k := range r.compiled.excludes {
		if d.constraintHolds(&r.compiled.excludes[k], si, tb, te) {
			return false
		}
	}
	return true
}

// constraintHolds checks one constraint.
func (d *doc) constraintHolds(c *constraint, si, tb, te int) bool {
	s := d.sents[si]
	switch {
	case c.prior != "":
		back := 2
		if c.window > 0 {
			back = c.window
		}
		for k := len(d.events) - 1; k >= 0; k-- {
			ev := &d.events[k]
			if ev.sent < si-back {
				break
			}
			if ev.sent < si && ev.rule.Type == c.prior {
				return true
			}
		}
		return false
	case c.after != nil:
		return d.matchAfter(c.after, c.window, s, te)
	case c.before != nil:
		return d.matchBefore(c.before, c.window, s, tb)
	case c.near != nil:
		return d.matchBefore(c.near, c.window, s, tb) || d.matchAfter(c.near, c.window, s, te)
	case c.sentence != nil:
		return d.sentenceMatches(c.sentence, si)
	}
	return false
}

// sentMatch is a remembered answer of sentenceMatches.
type sentMatch struct {
	t  *trie
	si int
	ok bool
}

// sentenceMatches reports whether t matches anywhere in sentence si. The
// answer does not depend on the trigger, so it is kept for the other
// triggers of the sentence.
func (d *doc) sentenceMatches(t *trie, si int) bool {
	if len(d.sentMemo) > 0 && d.sentMemo[0].si != si {
		d.sentMemo = d.sentMemo[:0]
	}
	for _, m := range d.sentMemo {
		if m.t == t {
			return m.ok
		}
	}
	s := d.sents[si]
	ok := false
	for i := t.nextStart(d, s.tb, s.te); i < s.te && !ok; i = t.nextStart(d, i+1, s.te) {
		d.hitBuf = t.matchAt(d, i, s.te, d.hitBuf[:0])
		ok = len(d.hitBuf) > 0
	}
	d.sentMemo = append(d.sentMemo, sentMatch{t, si, ok})
	return ok
}

// classEnds returns the ends of class matches at token i.
// Entity classes match top mentions, skipping determiners and quantifiers
// before them; MONEY matches an amount or a money word; lower-case classes
// match words of that list.
func (d *doc) classEnds(e *classTest, i int) (int, int) {
	if i >= len(d.toks) {
		return -1, -1
	}
	switch e.kind {
	case ckList:
		if d.is(i, e.list) {
			return i + 1, -1
		}
		return -1, -1
	case ckNoList:
		return -1, -1
	case ckMoney, ckAmount:
		a, b := -1, -1
		if k := d.amountCover[i]; k >= 0 && d.amounts[k].tb == i {
			a = d.amounts[k].te
		}
		if e.kind == ckMoney && d.is(i, lMoney) {
			b = i + 1
		}
		return a, b
	}
	j := d.countBoundEnd(i)
	for k := 0; k < 3 && j < len(d.toks) && d.topAt[j] < 0; k++ {
		if !d.starts(j, d.k.gaz.quant.bit) {
			if !d.is(j, lPoss) {
				break
			}
			j++
		} else if ids, e := d.longest(d.k.gaz.quant, j, len(d.toks), d.idbuf[:0]); len(ids) > 0 {
			j = e
		} else if d.is(j, lPoss) {
			j++
		} else {
			break
		}
	}
	if j >= len(d.toks) || d.topAt[j] < 0 {
		return -1, -1
	}
	m := &d.ms[d.topAt[j]]
	if e.kind == ckNP || mentionTypeBit(m)&e.types != 0 {
		return m.te, -1
	}
	return -1, -1
}

// countBoundEnd steps over a bound on the count that follows at i ("at
// least", "more than", "as many as", "up to", "upwards of"); it returns i
// when there is none.
func (d *doc) countBoundEnd(i int) int {
	if i+2 >= len(d.toks) || !d.is(i, lCountBounds) {
		return i
	}
	switch w, next := d.toks[i].low, d.toks[i+1].low; {
	case w == "at" && next == "least", (w == "more" || w == "fewer" || w == "less") && next == "than", w == "up" && next == "to",
		w == "upwards" && next == "of":
		return i + 2
	case w == "as" && next == "many" && d.toks[i+2].low == "as":
		return i + 3
	}
	return i
}

// classMayStart reports whether token i can start a match of a class in
// s. It is true wherever classEnds may find one.
func (d *doc) classMayStart(s *classStarts, i int) bool {
	t := &d.toks[i]
	return !s.known || t.mask&s.lists != 0 ||
		s.amount && d.amountCover[i] >= 0 ||
		s.entity && (d.topAt[i] >= 0 || t.dicts&d.k.gaz.quant.bit != 0)
}

// classAlias maps pattern classes to strategy type names.
func classAlias(c string) string {
	switch c {
	case "PRON":
		return "PRONOUN"
	}
	return c
}

// mentionTypeBit returns a mention's strategy type bit.
func mentionTypeBit(m *mention) uint16 {
	switch m.kind {
	case mActor, mPerson:
		return tyActor
	case mAgency:
		return tyAgency
	case mOrg:
		return tyOrg
	case mCountry:
		return tyCountry
	case mCity:
		return tyCity
	case mRegion:
		return tyRegion
	case mLoc:
		return tyLoc
	case mPronoun:
		if m.pron == pronGeneric {
			return tyGeneric
		}
		if m.pron == pronNeuter {
			switch {
			case m.ent < 0:
				return 0
			case m.gov:
				return tyAgency
			}
			return tyOrg
		}
		if m.gov {
			return tyAgency // "They" for the police named before
		}
		if m.ent < 0 {
			return 0
		}
		return tyPronoun
	case mGroupNoun:
		if m.ent < 0 {
			return 0
		}
		return tyGroup
	}
	return 0
}

// matchAfter reports whether t matches starting within window tokens
// after te.
func (d *doc) matchAfter(t *trie, window int, s sentence, te int) bool {
	end := min(te+window+1, s.te)
	for i := t.nextStart(d, te, end); i < end; i = t.nextStart(d, i+1, end) {
		d.hitBuf = t.matchAt(d, i, s.te, d.hitBuf[:0])
		if len(d.hitBuf) > 0 {
			return true
		}
	}
	return false
}

// matchBefore reports whether t matches ending within window tokens
// before tb.
func (d *doc) matchBefore(t *trie, window int, s sentence, tb int) bool {
	lo := tb - window - t.maxLen - 1
	if lo < s.tb {
		lo = s.tb
	}
	for i := t.nextStart(d, lo, tb); i < tb; i = t.nextStart(d, i+1, tb) {
		d.hitBuf = t.matchAt(d, i, tb, d.hitBuf[:0])
		for _, h := range d.hitBuf {
			if h.end >= tb-window {
				return true
			}
		}
	}
	return false
}

// conflict reports whether two events of one sentence, p before ev, name
// different participants in a role that tells events apart: two arrests
// of different people, in two places or at two dates, or a second clause
// with a group of people of its own as the subject ("two officials fled
// ..., and a manager also left"). Then they are two mentions.
func (d *doc) conflict(p, ev *eventFound) bool {
	if d.ownClause(p, ev) {
		return true
	}
	for _, x := range p.args {
		for _, y := range ev.args {
			if y.role != x.role || !d.distinguishes(x, y, p, ev) {
				continue
			}
			if d.argKey(x) != d.argKey(y) || d.distinctGroups(x, y) {
				return true
			}
		}
	}
	return false
}

// distinguishes reports whether arguments x of p and y of ev, of one role,
// are compared: patients and places always; sums when each is in or right
// after its trigger ("hand in 30% ... on top of a quota of 50,000 yuan"); times when both are dates
// rather than phrases, told by one rule ("arrested in 2019 and again in
// 2021", not "slipped away in August and turned himself in this month"); agents when both are groups of people and y is the subject
// of a clause of its own after p's trigger.
func (d *doc) distinguishes(x, y argFound, p, ev *eventFound) bool {
	switch x.role {
	case domain.Patient:
		return true
	case domain.Location:
		// A place named inside the people ("a soldier from a post in
		// Hyesan deserted and crossed the Yalu") does not tell apart, nor
		// does what a trigger crosses ("fled and waded across the river").
		return !inPeople(x, p) && !inPeople(y, ev) && !d.crossedArg(x) && !d.crossedArg(y) && !d.payersAt(x, p) && !d.payersAt(y, ev)
	case domain.AmountRole:
		return nextTo(x, p) && nextTo(y, ev)
	case domain.Time:
		return p.rule == ev.rule && !d.is(x.tb, lTimePreps) && !d.is(y.tb, lTimePreps)
	case domain.Agent:
		return d.isPeople(x) && d.isPeople(y) && y.te <= ev.tb && d.clauseBreak(p.te, y.tb)
	}
	return false
}

// crossedArg reports whether a place argument is what a crossing verb or
// preposition crosses, named by a determiner and no place name
// (crossedNP): "the river", "the border".
func (d *doc) crossedArg(a argFound) bool {
	return a.mention < 0 && a.tb > 0 && d.is(a.tb, lPoss) && crossingWord(d.toks[a.tb-1].low)
}

// inPeople reports whether an argument lies inside the span of its
// event's agent or patient.
func inPeople(a argFound, ev *eventFound) bool {
	for _, b := range ev.args {
		if (b.role == domain.Agent || b.role == domain.Patient) && a.tb >= b.tb && a.te <= b.te {
			return true
		}
	}
	return false
}

// payersAt reports whether a place argument is named in the few words
// after its event's agent or patient that follow "at", "in" or "on"
// (payersPlace): "every household in the county", "women at a plant in
// Donggang".
func (d *doc) payersAt(a argFound, ev *eventFound) bool {
	if ev.rule.Type != domain.QuotaDemand {
		return false
	}
	for _, b := range ev.args {
		if (b.role == domain.Agent || b.role == domain.Patient) && a.tb > b.te && a.tb <= b.te+5 {
			if w := d.toks[b.te].low; w != "at" && w != "in" && w != "on" {
				continue
			}
			k := b.te + 1
			for k < a.tb && d.toks[k].kind != tkPunct {
				k++
			}
			if k == a.tb {
				return true
			}
		}
	}
	return false
}

// nextTo reports whether an argument starts inside its event's trigger or
// right after it.
func nextTo(a argFound, ev *eventFound) bool {
	return a.tb >= ev.tb && a.tb <= ev.te+1
}

// ownClause reports whether ev's trigger is in a clause of its own joined
// to p's by ", and", ", but", ", while" or ";" with a subject of its own
// that is no pronoun, or picks some out of a group ("informants were
// planted among them, and the women's calls are recorded", "were fined,
// and one of them was sent to a labor unit").
func (d *doc) ownClause(p, ev *eventFound) bool {
	j := -1
	for i := p.te; i < ev.tb; i++ {
		if d.toks[i].low == ";" || d.clauseJoin(i, p.te) {
			j = i + 1
		}
	}
	if j < 0 {
		return false
	}
	for i := j; i < ev.tb; i++ {
		if c := d.topCover[i]; c >= 0 && (d.ms[c].kind != mPronoun || d.partOf(int(c))) && d.ms[c].te <= ev.tb {
			return true
		}
	}
	return false
}

// partOf reports whether mention mi picks some of a group out by a
// pronoun ("one of them", "two of us"): a subject of its own.
func (d *doc) partOf(mi int) bool {
	m := &d.ms[mi]
	return m.te-m.tb >= 3 && d.toks[m.te-2].low == "of"
}

// isPeople reports whether an argument names a group of people by role.
func (d *doc) isPeople(a argFound) bool {
	return a.mention >= 0 && d.ms[a.mention].kind == mActor
}

// clauseBreak reports whether a conjunction or a clause mark lies in
// tokens [b, e).
func (d *doc) clauseBreak(b, e int) bool {
	for i := b; i < e; i++ {
		switch d.toks[i].low {
		case "and", "but", "while", "whereas", ",", ";":
			return true
		}
	}
	return false
}

// distinctGroups reports whether two patients are different groups of one
// kind named apart in the sentence ("arrested four smugglers ... and
// detained a broker"): two mentions with different words.
func (d *doc) distinctGroups(x, y argFound) bool {
	if x.role != domain.Patient || x.mention < 0 || y.mention < 0 || x.mention == y.mention {
		return false
	}
	if d.ms[x.mention].kind == mPronoun || d.ms[y.mention].kind == mPronoun {
		return false
	}
	return d.lowSpan(x.tb, x.te) != d.lowSpan(y.tb, y.te)
}

// argKey identifies an argument's participant: its entity, or its text.
func (d *doc) argKey(a argFound) string {
	if a.mention >= 0 && d.ms[a.mention].ent >= 0 {
		return d.ents[d.ms[a.mention].ent].id
	}
	return d.lowSpan(a.tb, a.te)
}

// carryDefectors gives "the escape", "after the defection" and the like,
// a noun that refers back to an escape told before and names no one (or
// only the broker who arranged it), the agent of the last asserted escape
// in the article.
func (d *doc) carryDefectors() {
	last := -1
	for i := range d.events {
		ev := &d.events[i]
		if ev.rule.Type != domain.Defection {
			continue
		}
		if k := roleIndex(ev.args, domain.Agent); k >= 0 && d.refersBack(ev) && d.isHelper(ev.args[k]) {
			// "a broker had arranged the escape": the broker helped.
			ev.args = slices.Delete(ev.args, k, k+1)
		}
		if k := roleIndex(ev.args, domain.Agent); k >= 0 {
			if ev.modality == domain.Asserted && ev.args[k].mention >= 0 {
				last = i
			}
			continue
		}
		if last >= 0 && d.refersBack(ev) {
			ev.args = append(ev.args, d.events[last].args[roleIndex(d.events[last].args, domain.Agent)])
			sortArgs(ev.args)
		}
	}
}

// definite reports whether token i makes the noun after it definite: "the",
// "this", a possessive pronoun or "'s".
func (d *doc) definite(i int) bool {
	switch d.toks[i].low {
	case "the", "this", "that", "his", "her", "their", "its", "our", "'s":
		return true
	}
	return false
}

// isHelper reports whether an argument names people who help others
// escape rather than escaping themselves: brokers, smugglers, guides.
func (d *doc) isHelper(a argFound) bool {
	switch d.toks[a.te-1].low {
	case "broker", "brokers", "smuggler", "smugglers", "guide", "guides", "trafficker", "traffickers":
		return true
	}
	return false
}

// roleIndex returns the index of the first argument with the role, or -1.
func roleIndex(args []argFound, r domain.Role) int {
	for k, a := range args {
		if a.role == r {
			return k
		}
	}
	return -1
}

// refersBack reports whether an event's trigger is a singular escape noun
// after "the", "this" or a possessive: "since the escape".
func (d *doc) refersBack(ev *eventFound) bool {
	s := d.sents[ev.sent]
	n := ev.te - 1 // the noun, the trigger's last word
	if n <= s.tb {
		return false
	}
	switch d.toks[n].low {
	case "escape", "defection", "disappearance", "desertion", "flight":
	default:
		return false
	}
	p := d.toks[n-1].low
	return p == "the" || p == "this" || d.is(n-1, lPoss)
}

// carryCaptors gives a passive repatriation that names no one who sends
// the people back ("She is expected to be handed over to North Korean
// border guards") the authority that caught people in the sentence before
// or earlier in the same sentence ("Chinese police detained a roommate
// ..."), when exactly one such authority is named. A recall (the home
// state's act), a negated one and a conditional one ("fear persecution if
// repatriated") get none.
func (d *doc) carryCaptors() {
	for i := range d.events {
		ev := &d.events[i]
		if ev.rule.Type != domain.Repatriation || roleIndex(ev.args, domain.Agent) >= 0 || ev.modality == domain.Negated || !d.passiveTrigger(ev.sent, ev.tb) || d.conditionalBefore(ev.sent, ev.tb) {
			continue
		}
		if strings.Contains(ev.rule.ID, "recall") || strings.Contains(ev.rule.ID, "ordered") {
			// a recall is the home state's act, not the captors'
			continue
		}
		found, key := -1, ""
		ambiguous := false
		for k := range d.events {
			p := &d.events[k]
			if k == i || p.sent != ev.sent-1 && (p.sent != ev.sent || p.tb >= ev.tb) {
				continue
			}
			if p.sent != ev.sent && d.authorityBefore(ev.sent, ev.tb) {
				// "Beijing has not sent back ..., although three
				// escapees were handed over": the sentence names its own.
				continue
			}
			if p.sent != ev.sent && p.rule.Type == domain.Repatriation && d.handedToBody(p) {
				// "... and handed her over to the consulate. She was sent
				// home in April": the body that received her sends her on.
				ambiguous = true
			}
			if p.rule.Type != domain.Arrest || p.modality != domain.Asserted {
				continue
			}
			a := roleIndex(p.args, domain.Agent)
			if a < 0 || p.args[a].mention < 0 || !d.isAuthority(p.args[a].mention) {
				continue
			}
			if p.sent != ev.sent && d.otherBodyAfter(p.sent, p.te, d.ms[p.args[a].mention].ent) {
				// "caught a cook and handed her over to the consulate.
				// She was sent home": the body that received her acts.
				ambiguous = true
			}
			if kk := d.argKey(p.args[a]); found < 0 {
				found, key = k, kk
			} else if kk != key {
				ambiguous = true
			}
		}
		if found < 0 || ambiguous {
			continue
		}
		p := &d.events[found]
		ev.args = append(ev.args, p.args[roleIndex(p.args, domain.Agent)])
		sortArgs(ev.args)
	}
}

// isAuthority reports whether a mention names a state body, or a pronoun
// standing for one.
func (d *doc) isAuthority(mi int) bool {
	m := &d.ms[mi]
	if m.kind == mAgency {
		return true
	}
	return m.kind == mPronoun && m.ent >= 0 && d.ents[m.ent].typ == domain.Agency
}

// passiveTrigger reports whether a trigger is a passive verb, also one
// the participle test misses ("be put on a flight", "be handed over").
func (d *doc) passiveTrigger(si, tb int) bool {
	if d.passive(si, tb) {
		return true
	}
	s := d.sents[si]
	return tb-1 >= s.tb && d.is(tb-1, lAuxBe) || tb-2 >= s.tb && d.is(tb-2, lAuxBe) && hasSuffix(d.toks[tb-1].low, "ly")
}

// conditionalBefore reports whether "if", "unless", "once" or "when"
// stands within three tokens before a trigger: "if repatriated", "if she
// is sent back".
func (d *doc) conditionalBefore(si, tb int) bool {
	s := d.sents[si]
	for k := tb - 1; k >= s.tb && k >= tb-3; k-- {
		switch d.toks[k].low {
		case "if", "unless", "once", "when":
			return true
		}
	}
	return false
}

// authorityBefore reports whether a state body is named in sentence si
// before token tb.
func (d *doc) authorityBefore(si, tb int) bool {
	for i := d.sents[si].tb; i < tb; i++ {
		if mi := d.topAt[i]; mi >= 0 && (d.ms[mi].kind == mAgency || d.ms[mi].kind == mCountry) {
			return true
		}
	}
	return false
}

// handedToBody reports whether an event's destination is a state body.
func (d *doc) handedToBody(ev *eventFound) bool {
	for _, a := range ev.args {
		if a.role == domain.Destination && a.mention >= 0 && d.ms[a.mention].kind == mAgency {
			return true
		}
	}
	return false
}

// otherBodyAfter reports whether sentence si names, after token from, a
// state body other than entity ent.
func (d *doc) otherBodyAfter(si, from, ent int) bool {
	for i := from; i < d.sents[si].te; i++ {
		if mi := d.topAt[i]; mi >= 0 && d.ms[mi].kind == mAgency && (d.ms[mi].ent != ent || ent < 0) {
			return true
		}
	}
	return false
}
