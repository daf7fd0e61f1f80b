package extractor

import (
	"fmt"

	"eventgraph/domain"
)

// cueCategory is one category of modality cues from lexicon/cues.yaml.
type cueCategory struct {
	name        string
	modality    domain.Modality
	before      int
	after       int
	priority    int
	conditional bool
	deadline    bool // reaches only an infinitive after a time
}

// cueSet matches cue phrases; exceptions ("not only") cancel cues they
// cover.
type cueSet struct {
	cats   []cueCategory
	byName map[string]int
	// genericRel is the index of the generic_relative category ("anyone
	// who"), or -1 when the lexicon has none.
	genericRel int
	t          *trie // accept id = category index
	except     *trie
}

func newCueSet(raw map[string]rawCue, lx *lexicon) (*cueSet, error) {
	cs := &cueSet{byName: map[string]int{}, genericRel: -1, t: newTrie(), except: newTrie()}
	for _, name := range sortedKeys(raw) {
		rc := raw[name]
		mod := domain.Modality(rc.Modality)
		if mod != domain.Hypothetical && mod != domain.Negated && mod != domain.Asserted {
			return nil, fmt.Errorf("lexicon: cue category %s: modality must be asserted, hypothetical or negated, got %q", name, rc.Modality)
		}
		if rc.Scope != "" && rc.Scope != "conditional" {
			return nil, fmt.Errorf("lexicon: cue category %s: unknown scope %q", name, rc.Scope)
		}
		ci := len(cs.cats)
		cs.cats = append(cs.cats, cueCategory{name: name, modality: mod, before: rc.Before, after: rc.After, priority: rc.Priority, conditional: rc.Scope == "conditional", deadline: rc.Deadline})
		cs.byName[name] = ci
		if name == "generic_relative" {
			cs.genericRel = ci
		}
		for _, p := range rc.Phrases {
			words := splitWords(p)
			if len(words) == 0 {
				return nil, fmt.Errorf("lexicon: cue category %s: empty phrase", name)
			}
			cs.t.add(litPath(words), int32(ci))
		}
		for _, p := range rc.Except {
			if words := splitWords(p); len(words) > 0 {
				cs.except.add(litPath(words), 0)
			}
		}
	}
	return cs, nil
}

func litPath(words []string) []step {
	path := make([]step, len(words))
	for i, w := range words {
		path[i] = step{kind: stLit, lit: w}
	}
	return path
}

// hasCategory reports whether a cue category exists.
func (cs *cueSet) hasCategory(name string) bool {
	_, ok := cs.byName[name]
	return ok
}

// cueHit is one cue occurrence in a sentence.
type cueHit struct {
	cat    int
	tb, te int
}

// sentenceCues finds the cues of sentence si, dropping those inside an
// exception phrase. The result is valid until the next call.
func (d *doc) sentenceCues(si int) []cueHit {
	s := d.sents[si]
	cs := d.k.cues
	out := d.cueBuf[:0]
	hits := d.hitBuf[:0]
	exceptEnd := -1
	toks := d.toks[:s.te] // local: most tokens only have their flag tested
	for i := s.tb; i < len(toks); i++ {
		if !toks[i].has(flCueStart) {
			continue
		}
		if cs.except.mayStart(&toks[i]) {
			for _, h := range cs.except.matchAt(d, i, s.te, hits[:0]) {
				exceptEnd = max(exceptEnd, h.end)
			}
		}
		if i < exceptEnd || d.monthMay(s, i) {
			continue
		}
		hits = cs.t.matchAt(d, i, s.te, hits[:0])
		best := -1
		for k, h := range hits {
			if best < 0 || h.end > hits[best].end {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		end := hits[best].end
		for _, h := range hits {
			if h.end == end {
				out = append(out, cueHit{cat: int(h.id), tb: h.start, te: h.end})
			}
		}
		i = end - 1
	}
	d.cueBuf, d.hitBuf = out, hits[:0]
	return out
}

// monthMay reports whether token i is the month May rather than the modal
// verb: capitalised inside the sentence ("fled in May and has since"), or
// before a day number ("may 3").
func (d *doc) monthMay(s sentence, i int) bool {
	t := &d.toks[i]
	if t.low != "may" {
		return false
	}
	if t.has(flCap) && i > s.tb {
		return true
	}
	return i+1 < s.te && d.toks[i+1].kind == tkNumber
}

// modalityOf decides a trigger's modality from the cues of its sentence:
// the nearest applicable cue wins; a conditional covers its clause and,
// when it opens the sentence or a clause, the next clause too.
func (d *doc) modalityOf(si, tb, te int, cues []cueHit, ignore uint64, def domain.Modality) domain.Modality {
	cs := d.k.cues
	best := def
	bestDist := 1 << 30
	bestPrio := -1
	future := false // a modal or future cue applies
	if gi := cs.genericRel; gi >= 0 && ignore&(1<<gi) == 0 && d.singularGenericWho(tb) {
		// "any North Korean who asks for protection": whoever might act.
		best, bestDist, bestPrio = cs.cats[gi].modality, 1, cs.cats[gi].priority
	}
	for _, c := range cues {
		if ignore&(1<<c.cat) != 0 { // no bit past 63: none is ignored
			continue
		}
		cat := &cs.cats[c.cat]
		dist := -1
		prio := cat.priority
		switch {
		case cat.modality == domain.Negated && (d.negatedSubject(c, tb) || d.negatedObject(c, te)):
			dist, prio = 0, 1
		case cat.conditional:
			if d.inConditional(si, c, tb) {
				dist = abs(tb - c.te)
			}
		case c.te == tb+1 && c.te-c.tb > 1 && d.toks[tb].low == "to" && cat.before > 0 && !cat.deadline:
			// A cue ending in the "to" that opens the trigger ("are to
			// be returned" for "to be returned") is right before it.
			dist = 0
		case c.te <= tb && cat.before > 0:
			if cat.deadline && !d.deadlineAt(c.te, tb) {
				break
			}
			if c.cat == cs.genericRel && d.pastVerb(c.te, tb) {
				break // "anyone who defected was punished": a person who did
			}
			if n, ok := d.chunkDistance(c.te, tb); ok && n <= cat.before && !d.ownsVerb(c, tb) && !d.inRelativeAfter(c, tb) {
				dist = n
			}
		case c.tb >= te && cat.after > 0:
			if n, ok := d.chunkDistance(te, c.tb); ok && n <= cat.after {
				dist = n
			}
		}
		if dist >= 0 && (cat.name == "modal" || cat.name == "future") {
			future = true
		}
		if dist >= 0 && (prio > bestPrio || prio == bestPrio && dist < bestDist) {
			best, bestDist, bestPrio = cat.modality, dist, prio
		}
	}
	if best == domain.Negated && future {
		// "will not be sent back": a promise not to act, not a denial.
		return domain.Hypothetical
	}
	return best
}

// ownsVerb reports whether cue c governs a verb of its own before the
// trigger at tb, which a finite auxiliary or a past tense then opens anew:
// in a relative clause of the subject ("two men who refused to pay have
// been sent home", "officials who could not meet their targets defected")
// or before "and" ("he refused to pay and was sent home"). A cue right
// before the auxiliaries keeps the trigger ("who may be sent home").
func (d *doc) ownsVerb(c cueHit, tb int) bool {
	k := d.verbGroupStart(c.te, tb)
	if k == c.te || d.is(c.te, lAux) || d.is(c.te, lAuxBe) {
		return false
	}
	if k == tb {
		// No auxiliary: the trigger itself must be a past tense.
		return hasSuffix(d.toks[tb].low, "ed") && d.toks[tb-1].low != "to" && d.relativeSubject(c, tb)
	}
	if !isFiniteAux(d.toks[k].low) {
		return false
	}
	return d.toks[k-1].low == "and" || d.relativeSubject(c, tb)
}

// inRelativeAfter reports whether the trigger at tb is the verb of a
// "who" clause on the object of the verb cue c governs ("refuses to treat
// North Koreans who slip into China as refugees"): the cue is about that
// verb, not the people's act. A cue right before the people ("any worker
// who defects") keeps its reach.
func (d *doc) inRelativeAfter(c cueHit, tb int) bool {
	w := d.verbGroupStart(c.te, tb) - 1
	if w <= c.te || d.toks[w].low != "who" {
		return false
	}
	m := d.topCover[w-1]
	if m < 0 || d.ms[m].te != w {
		return false
	}
	for j := c.te; j < d.ms[m].tb; j++ {
		if d.topCover[j] < 0 && d.toks[j].kind == tkWord && !d.is(j, lPrep) && !d.is(j, lPoss) && d.toks[j].id != wThe && d.toks[j].id != wA && d.toks[j].id != wAn {
			return true
		}
	}
	return false
}

// deadlineAt reports whether the trigger at tb is an infinitive whose
// "to" follows, from token from on, only the time it is due by ("until
// the end of 2019 to send them home", "until December to be returned"),
// not a verb of its own ("until a car came to take them back").
func (d *doc) deadlineAt(from, tb int) bool {
	k := d.verbGroupStart(from, tb)
	if k <= from+1 || d.toks[k-1].low != "to" {
		return false
	}
	for j := from; j < k-1; j++ {
		t := &d.toks[j]
		switch {
		case t.kind == tkNumber, d.is(j, lMonths), d.is(j, lTimeUnits), d.is(j, lWeekdays):
		case t.kind == tkWord && isDeadlineWord(t.low):
		default:
			return false
		}
	}
	return true
}

// isDeadlineWord reports a word that may help name a date or a span of
// time ("the end of", "late", "mid-").
func isDeadlineWord(w string) bool {
	switch w {
	case "the", "end", "of", "start", "beginning", "middle", "mid", "-", "late", "early", "this", "that", "next",
		"last", "first", "day", "days", "weeks", "months", "years":
		return true
	}
	return false
}

// singularGenericWho reports whether the trigger at tb is a present
// tense right after a "who" on a single person picked as any one ("any
// North Korean who asks for protection", "every worker who crosses").
func (d *doc) singularGenericWho(tb int) bool {
	if tb < 2 || d.toks[tb-1].low != "who" {
		return false
	}
	w := d.toks[tb].low
	if !hasSuffix(w, "s") || hasSuffix(w, "ss") || d.is(tb, lAux) || d.is(tb, lAuxBe) {
		return false
	}
	for j := tb - 2; j >= 0 && j >= tb-6 && d.sentOf[j] == d.sentOf[tb]; j-- {
		t := &d.toks[j]
		if t.kind != tkWord || d.is(j, lAux) || d.is(j, lAuxBe) || d.is(j, lPrep) {
			return false
		}
		switch t.low {
		case "any", "every", "each":
			return true
		}
	}
	return false
}

// pastVerb reports whether the trigger at tb is a past tense: its verb
// group opens with "was", "were", "had" or "did" ("anyone found was
// fined"), or it is a bare past form right after a "who" ("anyone who
// defected").
func (d *doc) pastVerb(from, tb int) bool {
	k := d.verbGroupStart(from, tb)
	if k < tb {
		switch d.toks[k].low {
		case "was", "were", "had", "did":
			return true
		}
		return false
	}
	return tb > 0 && d.toks[tb-1].low == "who" && hasSuffix(d.toks[tb].low, "ed")
}

// verbGroupStart returns where the verb group of the trigger at tb begins,
// stepping back over auxiliaries and adverbs ("had later been", "have
// already") but not past from.
func (d *doc) verbGroupStart(from, tb int) int {
	k := tb
	for k > from && (d.is(k-1, lAux) || d.is(k-1, lAuxBe) || d.toks[k-1].low == "later" || hasSuffix(d.toks[k-1].low, "ly")) {
		k--
	}
	return k
}

// relativeSubject reports whether a "who" opens, before cue c, the clause
// that holds it, in the sentence of the trigger at tb.
func (d *doc) relativeSubject(c cueHit, tb int) bool {
	for r := c.tb - 1; r >= 0 && !isClausePunct(&d.toks[r]) && d.sentOf[r] == d.sentOf[tb]; r-- {
		if d.toks[r].low == "who" {
			return true
		}
	}
	return false
}

// isFiniteAux reports an auxiliary that opens a finite verb phrase.
func isFiniteAux(w string) bool {
	switch w {
	case "was", "were", "is", "are", "has", "have", "had":
		return true
	}
	return false
}

// negatedSubject reports whether cue c is a "no" that determines the
// people phrase before a trigger at tb in its clause ("No workers from
// other sites have fled", "no student had ever run away"), however long
// the phrase.
func (d *doc) negatedSubject(c cueHit, tb int) bool {
	if c.te != c.tb+1 || d.toks[c.tb].low != "no" || c.te >= tb || d.toks[tb-1].low == "'s" {
		return false
	}
	// The trigger must be the phrase's verb, after its auxiliary ("have
	// fled"), not a noun further on ("since Pak's capture").
	k := tb - 1
	for k > c.te && (d.toks[k].low == "ever" || d.toks[k].low == "yet" || d.toks[k].low == "also" || hasSuffix(d.toks[k].low, "ly")) {
		k--
	}
	if !d.is(k, lAux) && !d.is(k, lAuxBe) {
		return false
	}
	m := d.topAt[c.te]
	if m < 0 || !d.sameClause(c.te, tb) {
		return false
	}
	switch d.ms[m].kind {
	case mActor, mGroupNoun:
		return d.clauseEnd(c.te, tb, 1<<20) >= tb
	}
	return false
}

// negatedObject reports whether cue c is a "no" that determines the
// phrase right after a trigger ending at te ("have deported no North
// Korean whose case is open"), however long the phrase.
func (d *doc) negatedObject(c cueHit, te int) bool {
	if c.tb != te || c.te != c.tb+1 || d.toks[c.tb].low != "no" || c.te >= len(d.toks) {
		return false
	}
	n := &d.toks[c.te]
	return n.kind == tkWord && n.low != "longer" && n.low != "sooner"
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// chunkDistance counts the chunks between tokens [from, to): a top mention
// is one chunk. It fails when a clause boundary lies between.
func (d *doc) chunkDistance(from, to int) (int, bool) {
	n := 0
	for i := from; i < to; {
		t := &d.toks[i]
		if t.kind == tkPunct && (t.low == "," || t.low == ";" || t.low == ":" || t.low == "." || t.low == "\"") {
			return 0, false
		}
		if t.kind == tkWord && t.is(lClauseBreak) {
			return 0, false
		}
		if m := d.topAt[i]; m >= 0 && d.ms[m].te > i+1 {
			i = d.ms[m].te
		} else {
			i++
		}
		n++
	}
	return n, true
}

// inConditional reports whether token tb lies in the scope of the
// conditional cue c: its own clause, and the following clause when the
// condition opens the sentence or a clause.
func (d *doc) inConditional(si int, c cueHit, tb int) bool {
	s := d.sents[si]
	if tb < c.tb {
		return false
	}
	end := d.clauseEnd(c.te, s.te, 1<<20)
	if tb < end {
		return true
	}
	opens := c.tb == s.tb || isClausePunct(&d.toks[c.tb-1]) || d.is(c.tb-1, lClauseBreak) ||
		d.toks[c.tb-1].low == "and" || d.toks[c.tb-1].low == "but"
	if !opens || end >= s.te || d.toks[end].low != "," {
		return false
	}
	next := d.clauseEnd(end+1, s.te, 1<<20)
	return tb < next
}
