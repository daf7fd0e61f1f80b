package extractor

import (
	"math/bits"
	"sort"

	"eventgraph/domain"
)

// arguments fills a rule's roles with its strategies, first success wins.
// A mention is used for one role only; present holds the sentence's
// mention types (sentenceTypes, which has seen sentence si last). The
// result, in role order, is a full
// slice of the document's argument buffer, so appending to it copies.
func (d *doc) arguments(r *Rule, si, tb, te int, present uint16) []argFound {
	var byRank [numRoles]argFound
	found := 0
	used := usedSet{}
	p := picker{d: d, s: d.sents[si], used: &used}
	c := r.compiled
	// Only the strategies that may find something in the sentence run,
	// in role order; a role's first success drops the rest of its own.
	for run := c.runnable(present | tySentence); run != 0; {
		j := bits.TrailingZeros32(run)
		run &^= 1 << j
		st := &c.strats[j]
		if !d.mayFind(st) {
			continue
		}
		rs := &c.args[st.role]
		p.homes, p.abroad = rs.homes, rs.abroad
		p.types, p.poss = st.types, st.kind == skPoss
		a, ok := d.applyStrategy(st, si, tb, te, &p)
		if !ok {
			continue
		}
		a.role = rs.role
		if a.mention >= 0 {
			used.add(a.mention)
		}
		byRank[rs.rank] = a
		found |= 1 << rs.rank
		run &^= rs.all
	}
	found = d.peoplePlace(r, &byRank, found, &used)
	found = d.payersPlace(r, si, &byRank, found, &used)
	found = d.originFrom(r, &byRank, found, domain.Location, isTownOrRegion)
	found = d.originFrom(r, &byRank, found, domain.Agent, isCountryKind)
	found = d.heldPlace(r, si, tb, &byRank, found, &used)
	a0 := len(d.argBuf)
	for f := uint(found); f != 0; f &= f - 1 {
		d.argBuf = append(d.argBuf, byRank[bits.TrailingZeros(f)]) // in rank order
	}
	return d.argBuf[a0:len(d.argBuf):len(d.argBuf)]
}

// peoplePlace gives an event with no place of its own the town named
// with its people ("Sinuiju factory workers squeezed for funds", "two
// women from a plant in Dandong fled"): its location, or for a return
// the origin, when the rule has that role. It returns the found bits.
func (d *doc) peoplePlace(r *Rule, byRank *[numRoles]argFound, found int, used *usedSet) int {
	role, rank := domain.Location, rankLocation
	if r.Type == domain.Repatriation {
		role, rank = domain.Origin, rankOrigin
	}
	if found&(1<<rank) != 0 || r.compiled.ranks&(1<<rank) == 0 {
		return found
	}
	for _, k := range [2]int{rankPatient, rankAgent} {
		a := byRank[k]
		if found&(1<<k) == 0 || a.mention < 0 {
			continue
		}
		m := &d.ms[a.mention]
		if m.kind != mActor || m.place < 0 || used.has(m.place) || role == domain.Origin && d.inNorthKorea(&d.ms[m.place]) {
			continue
		}
		p := mentionArg(d, m.place)
		p.role = role
		byRank[rank] = p
		return found | 1<<rank
	}
	return found
}

// payersPlace gives a quota with no place of its own the place named
// right after its payers, where they work or live: "vendors at two of
// Hamhung's largest markets", "every household in the county", "farms on
// the outskirts of the city". A named place there is the argument;
// otherwise a phrase with a determiner that ends in a kind of site or
// town is ("the county", "the city's residential areas").
func (d *doc) payersPlace(r *Rule, si int, byRank *[numRoles]argFound, found int, used *usedSet) int {
	l := rankLocation
	if r.Type != domain.QuotaDemand || found&(1<<l) != 0 || r.compiled.ranks&(1<<l) == 0 {
		return found
	}
	s := d.sents[si]
	for _, k := range [2]int{rankPatient, rankAgent} {
		a := byRank[k]
		if found&(1<<k) == 0 || a.mention < 0 || isPlaceMention(d.ms[a.mention].kind) {
			continue
		}
		j := a.te
		if j+2 >= s.te || d.toks[j].low != "at" && d.toks[j].low != "in" && d.toks[j].low != "on" {
			continue
		}
		if mi := d.placeAfterPrep(j+1, s.te); mi >= 0 {
			if !isPlaceMention(d.ms[mi].kind) || used.has(mi) || d.sourcePlace(mi, s) {
				continue
			}
			p := mentionArg(d, mi)
			p.role = domain.Location
			byRank[l] = p
			return found | 1<<l
		}
		if !d.is(j+1, lPoss) {
			continue
		}
		e := d.headedEnd(j+2, s.te, isSiteToken) // "the outskirts of the city"
		if e < 0 {
			continue
		}
		byRank[l] = argFound{role: domain.Location, tb: j + 1, te: e, mention: -1}
		return found | 1<<l
	}
	return found
}

// placeAfterPrep returns the first top mention among the few words of
// a noun phrase from i, numbers and "of" too ("two of Hamhung's largest
// markets"), or -1.
func (d *doc) placeAfterPrep(i, se int) int {
	for k := i; k < se && k < i+5; k++ {
		if mi := d.topAt[k]; mi >= 0 {
			return int(mi)
		}
		if t := &d.toks[k]; t.kind != tkNumber && !t.has(flNumberWord) && t.low != "of" && !d.npWord(k) {
			return -1
		}
	}
	return -1
}

// headedEnd returns the end of the last word head accepts among the noun
// phrase words (npWord) from k, at most six, taking in one "of the ..."
// phrase that ends in such a word too, or -1: "the county", "the
// outskirts of the city", "the eastern section of the border".
func (d *doc) headedEnd(k, se int, head func(*token) bool) int {
	e := d.lastHeadEnd(k, se, head)
	if e >= 0 && e+2 < se && d.toks[e].low == "of" && d.toks[e+1].low == "the" {
		if e2 := d.lastHeadEnd(e+2, se, head); e2 > 0 {
			e = e2
		}
	}
	return e
}

// lastHeadEnd returns the end of the last word head accepts among the
// noun phrase words from k, at most six, or -1.
func (d *doc) lastHeadEnd(k, se int, head func(*token) bool) int {
	e := -1
	for i := k; i < se && i-k < 6 && d.npWord(i); i++ {
		if head(&d.toks[i]) {
			e = i + 1
		}
	}
	return e
}

// isSiteToken reports a word naming a site or a kind of town ("the
// city's residential areas").
func isSiteToken(t *token) bool { return isSiteWord(t.low) }

// isSiteWord reports a noun naming a place where people work or live: a
// kind of town, a market, a farm, a site.
func isSiteWord(w string) bool {
	switch w {
	case "district", "districts", "area", "areas", "province", "region", "outskirts", "neighborhood", "neighbourhood", "neighborhoods",
		"market", "markets", "farm", "farms", "site", "sites", "camp", "camps", "mine", "mines", "factory", "factories", "plant",
		"shipyard", "restaurant", "restaurants", "capital", "towns", "cities", "villages", "counties", "ports":
		return true
	}
	return isTownKind(w)
}

// originFrom gives a return with no origin of its own the place in its
// role from, when that place lies outside North Korea and is of a kind
// want holds: people handed back "in Tumen" are sent back from Tumen,
// and those "China sent back" from China.
func (d *doc) originFrom(r *Rule, byRank *[numRoles]argFound, found int, from domain.Role, want func(mKind) bool) int {
	o, f := rankOrigin, roleOrder(from)
	if r.Type != domain.Repatriation || found&(1<<o) != 0 || found&(1<<f) == 0 || r.compiled.ranks&(1<<o) == 0 {
		return found
	}
	a := byRank[f]
	if a.mention < 0 {
		return found
	}
	m := &d.ms[a.mention]
	if !want(m.kind) || d.inNorthKorea(m) {
		return found
	}
	a.role = domain.Origin
	byRank[o] = a
	return found | 1<<o
}

// heldPlace gives a return with no origin the foreign place nearest its
// trigger in the sentence where the people were caught, held or working:
// "held at a detention center in Tumen before police handed him over",
// "returned 60 North Koreans who were being detained in Jilin Province".
// A reporter's source place is not one.
func (d *doc) heldPlace(r *Rule, si, tb int, byRank *[numRoles]argFound, found int, used *usedSet) int {
	o := rankOrigin
	if r.Type != domain.Repatriation || found&(1<<o) != 0 || r.compiled.ranks&(1<<o) == 0 {
		return found
	}
	s := d.sents[si]
	best, dist := -1, 1<<30
	lo, hi := d.sentenceMentions()
	for k := lo; k < hi; k++ {
		m := &d.ms[k]
		if n := abs(m.tb - tb); n < dist && isPlaceMention(m.kind) && !used.has(k) && !d.inNorthKorea(m) && d.heldIn(m, s) && !d.sourcePlace(k, s) {
			best, dist = k, n
		}
	}
	if best < 0 {
		return found
	}
	a := mentionArg(d, best)
	a.role = domain.Origin
	byRank[o] = a
	return found | 1<<o
}

// heldIn reports whether place m follows "in", "at" or "near" after a
// word of being caught, held, hidden or at work a few words before:
// "detained in Jilin Province", "a detention center in Tumen", "workers at
// a plant in Dandong".
func (d *doc) heldIn(m *mention, s sentence) bool {
	k, p := d.placePrep(m, s)
	if p != "in" && p != "at" && p != "near" {
		return false
	}
	for h := k - 2; h >= s.tb && h >= k-6; h-- {
		if d.is(h, lHeldWord) {
			return true
		}
	}
	return false
}

// placePrep returns where the phrase of place m starts and the word
// before it, when a word before that one is in sentence s too ("a
// detention center in Tumen": "in"); the word is "" otherwise.
func (d *doc) placePrep(m *mention, s sentence) (int, string) {
	k := d.phraseStart(m, s.tb)
	if k-2 < s.tb {
		return k, ""
	}
	return k, d.toks[k-1].low
}

// isPlaceMention reports a city, region or country mention kind.
func isPlaceMention(k mKind) bool { return k == mCity || k == mRegion || k == mCountry }

// isTownOrRegion reports a city or region mention kind.
func isTownOrRegion(k mKind) bool { return k == mCity || k == mRegion }

// isCountryKind reports a country mention kind.
func isCountryKind(k mKind) bool { return k == mCountry }

// sentenceTypes returns the type bits of the mentions of sentence si,
// nested ones too, and tyTimes when it has a time phrase. The mentions
// are in token order. It also starts the sentence's mention checks
// (argMs) and finds its times (argTimes) and words (sentenceWords),
// which the arguments of its events use.
func (d *doc) sentenceTypes(si int) uint16 {
	s := d.sents[si]
	k := sort.Search(len(d.ms), func(k int) bool { return d.ms[k].tb >= s.tb })
	d.argLo, d.argSent, d.argMs = k, s, d.argMs[:0]
	d.argTimes[0], d.argTimes[1] = d.timesOf(s)
	var types uint16
	if d.argTimes[0] < d.argTimes[1] {
		types = tyTimes
	}
	held := false
	for ; k < len(d.ms) && d.ms[k].tb < s.te; k++ {
		b := mentionTypeBit(&d.ms[k])
		types |= b
		d.argMs = append(d.argMs, mentionChecks{types: b})
		held = held || d.heldAt(k)
	}
	d.argLists, d.argPreps = d.sentenceWords(s)
	if held {
		d.argPreps = ^uint64(0) // "in" and "at" find a place of custody without the word
	}
	return types
}

// sentenceWords returns the word lists of the tokens of sentence s, and
// the bits id%64 of the vocabulary ids of its prepositions.
func (d *doc) sentenceWords(s sentence) (lists, preps uint64) {
	toks := d.toks[s.tb:s.te]
	for k := range toks {
		m := toks[k].mask
		lists |= m
		if m&(1<<lPrep) != 0 {
			preps |= 1 << uint(toks[k].id&63)
		}
	}
	return lists, preps
}

// mayFind reports whether strategy st may find something in the sentence
// sentenceTypes saw last: a prepositional strategy needs its word (but
// "custody", no preposition, is looked for anyway), a verb's controller
// or controllee an ordering verb, and a governor's agent an aspect verb
// ("resumes", "stop").
func (d *doc) mayFind(st *strategy) bool {
	switch st.kind {
	case skPrepAfter, skPrepAround:
		return st.word == 0 || st.word == wCustody || d.argPreps&(1<<uint(st.word&63)) != 0
	case skController, skControllee:
		return d.argLists&(1<<lOrderVerbs) != 0
	case skGovernor:
		return d.argLists&(1<<lAspectVerbs) != 0
	}
	return true
}

// sentenceMentions returns the range of d.ms that starts in the sentence
// sentenceTypes saw last, the one whose arguments are being found.
func (d *doc) sentenceMentions() (int, int) {
	return d.argLo, d.argLo + len(d.argMs)
}

// mentionChecks caches, for one mention of a sentence, its type bit and
// the tests of picker.ok that depend on nothing but the mention and the
// sentence: every strategy of every event of the sentence asks them again.
type mentionChecks struct {
	types uint16
	flags uint8 // mc bits, once mcDone is set
}

// The mc bits are the cached tests of a mention.
const (
	mcDone      uint8 = 1 << iota // the other bits are set
	mcWrongType                   // none of the types asked for (not cached)
	mcNever                       // the place of a source, or a hometown
	mcFromHome                    // peopleFromHome
	mcOwner                       // ownsNext
	mcNorth                       // inNorthKorea
)

// checks returns the mc bits of mention mi in sentence s, or mcWrongType
// when it has none of the types want. Mentions of the sentence that
// sentenceTypes saw last have their bits worked out once.
func (d *doc) checks(mi int, s sentence, want uint16) uint8 {
	k := mi - d.argLo
	if s != d.argSent || k < 0 || k >= len(d.argMs) {
		if mentionTypeBit(&d.ms[mi])&want == 0 {
			return mcWrongType
		}
		return d.mentionFlags(mi, s)
	}
	c := &d.argMs[k]
	if c.types&want == 0 {
		return mcWrongType
	}
	if c.flags&mcDone == 0 {
		c.flags = d.mentionFlags(mi, s)
	}
	return c.flags
}

// mentionFlags works out the mc bits of mention mi in sentence s.
// Only places can be a source's place, a hometown, people's home or in
// North Korea, and only people can own the people named after them.
func (d *doc) mentionFlags(mi int, s sentence) uint8 {
	f := mcDone
	if !isPlaceMention(d.ms[mi].kind) {
		if d.ownsNext(mi) {
			f |= mcOwner
		}
		return f
	}
	if d.sourcePlace(mi, s) || d.hometown(mi) {
		f |= mcNever
	}
	if d.peopleFromHome(mi) {
		f |= mcFromHome
	}
	if d.inNorthKorea(&d.ms[mi]) {
		f |= mcNorth
	}
	return f
}

// strategyNeed returns the mention types of which a sentence must hold
// one for strategy st to find anything there, tyTimes for the time
// strategy, which finds nothing in a sentence with no time phrase, or
// tySentence when it may find an argument in any sentence. A strategy
// that finds only mentions that pass its picker needs one of its types;
// one that finds a generic location ("overseas") needs one.
func strategyNeed(st *strategy) uint16 {
	switch st.kind {
	case skLocWord, skLocAfter:
		return tyLoc
	case skTime:
		return tyTimes
	case skAmount, skMoneyNP, skHome, skLeftNP, skCrossed:
		return tySentence
	}
	return st.types &^ (tySentence | tyTimes)
}

// The ranks of the roles in output order (roleOrder); numRoles is their
// number.
const (
	rankAgent = iota
	rankPatient
	rankOrigin
	rankDestination
	rankLocation
	rankAmount
	rankTime
	numRoles
)

// roleOrder returns the output rank of a role.
func roleOrder(r domain.Role) int {
	switch r {
	case domain.Agent:
		return rankAgent
	case domain.Patient:
		return rankPatient
	case domain.Origin:
		return rankOrigin
	case domain.Destination:
		return rankDestination
	case domain.Location:
		return rankLocation
	case domain.AmountRole:
		return rankAmount
	case domain.Time:
		return rankTime
	}
	return rankAgent
}

func sortArgs(a []argFound) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && roleOrder(a[j].role) < roleOrder(a[j-1].role); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func mentionArg(d *doc, mi int) argFound {
	m := &d.ms[mi]
	te := m.te
	if m.kind == mPronoun && m.pron == pronGeneric {
		te = d.relativeEnd(m.te, d.sents[m.sent].te)
	}
	return argFound{tb: m.tb, te: te, mention: mi}
}

// relativeEnd returns the end of a relative clause that opens at token i
// ("anyone [who refuses to pay] is threatened", "those [who fled in the
// past] are named"): it runs to the first auxiliary after its own verb or
// to a clause break. Without "who" or "that" at i it returns i.
func (d *doc) relativeEnd(i, se int) int {
	if i >= se || d.toks[i].low != "who" && d.toks[i].low != "that" {
		return i
	}
	j := i + 1
	for j < se && (d.is(j, lAux) || d.is(j, lAuxBe)) {
		j++
	}
	if j >= se || d.toks[j].kind != tkWord {
		return i
	}
	for j++; j < se; j++ {
		t := &d.toks[j]
		if t.kind == tkPunct && t.low != "-" || d.is(j, lAux) || d.is(j, lAuxBe) || t.is(lClauseBreak) || t.low == "who" {
			break
		}
	}
	return j
}

// picker tells whether a mention may fill a strategy's role: it is of
// the strategy's types, has no role yet, and is neither the place of a
// reporter's source nor, unless the role takes one, someone's hometown.
type picker struct {
	d      *doc
	s      sentence
	types  uint16
	used   *usedSet
	poss   bool // possessors may be picked ("China's repatriation of")
	homes  bool // hometowns may be picked (a defector's origin)
	abroad bool // North Korean places may not be picked (a return's origin)
}

func (p *picker) ok(mi int) bool {
	if mi < 0 || p.used.has(mi) {
		return false
	}
	f := p.d.checks(mi, p.s, p.types)
	return f&(mcWrongType|mcNever) == 0 && (p.homes || f&mcFromHome == 0) && (p.poss || f&mcOwner == 0) && !(p.abroad && f&mcNorth != 0)
}

// ownsNext reports whether mention mi only owns the people named after
// it: "the team's foreman", "the defectors' families". Owners of things
// stay participants: "the workers' phones", "each worker's pay".
func (d *doc) ownsNext(mi int) bool {
	m := &d.ms[mi]
	se := d.sents[m.sent].te
	if m.kind != mActor && m.kind != mPerson && m.kind != mPronoun && m.kind != mGroupNoun || m.te+1 >= se {
		return false
	}
	if w := d.toks[m.te].low; w != "'s" && w != "'" {
		return false
	}
	for k := m.te + 1; k < se && k <= m.te+3; k++ {
		if n := d.topAt[k]; n >= 0 {
			return d.ms[n].kind == mActor || d.ms[n].kind == mGroupNoun
		}
		if w := d.toks[k].low; isKin(w) || w == "family" || w == "families" || w == "relatives" {
			return true
		}
	}
	return false
}

// picked returns mention mi as an argument, or nothing when mi is -1.
// The finders of applyStrategy (subject, object, prepAfter, ...) return
// only mentions that passed their picker's ok, or -1, so mi is not
// checked again.
func (d *doc) picked(mi int) (argFound, bool) {
	if mi < 0 {
		return argFound{}, false
	}
	return mentionArg(d, mi), true
}

// applyStrategy runs one strategy for the trigger [tb, te) of sentence si,
// picking mentions with p, which holds the strategy's types.
func (d *doc) applyStrategy(st *strategy, si, tb, te int, p *picker) (argFound, bool) {
	s, used := p.s, p.used
	switch st.kind {
	case skSubj:
		if d.passive(si, tb) {
			return argFound{}, false
		}
		return d.picked(d.subject(si, tb, p))
	case skPassiveSubj:
		if !d.passive(si, tb) {
			return argFound{}, false
		}
		return d.quantified(d.picked(d.subject(si, tb, p)))
	case skPre:
		return d.quantified(d.picked(d.subject(si, tb, p)))
	case skObj:
		if d.passive(si, tb) {
			return argFound{}, false
		}
		return d.quantified(d.picked(d.object(si, te, p)))
	case skController, skControllee:
		c, e := d.control(si, tb, p)
		if st.kind == skController {
			return d.picked(c)
		}
		return d.picked(e)
	case skPrepAfter:
		return d.picked(d.prepAfter(si, tb+1, st.name, st.word, st.window+te-tb-1, p))
	case skPrepAround:
		if mi := d.prepAfter(si, tb+1, st.name, st.word, st.window+te-tb-1, p); mi >= 0 {
			return d.picked(mi)
		}
		return d.picked(d.prepBefore(si, tb, st.name, st.word, 15, p))
	case skPoss:
		return d.picked(d.possessor(si, tb, p))
	case skGovernor:
		return d.picked(d.governorAgent(si, tb, p))
	case skArrive:
		return d.picked(d.arrivalPlace(si, tb, te, p))
	case skInitialIn:
		if s.te-s.tb > 2 && d.toks[s.tb].low == "in" {
			return d.picked(d.mentionIf(d.mentionAfterDet(s.tb+1, s.te), p))
		}
	case skWhere:
		return d.picked(d.whereAntecedent(si, tb, p))
	case skTrigger:
		// The first word of a longer trigger is its verb, whatever the
		// gazetteer says ("guide her across the Mekong").
		from := tb
		if te-tb > 1 {
			from = tb + 1
		}
		for i := from; i < te; i++ {
			if mi := d.topAt[i]; mi >= 0 && p.ok(int(mi)) {
				return mentionArg(d, int(mi)), true
			}
		}
	case skState:
		return d.picked(d.stateBody(si, tb, te, p))
	case skLocWord:
		return d.locWord(si, tb, used)
	case skLocAfter:
		// "fled abroad", "defected overseas"
		for i := te; i < d.sents[si].te && i <= te+1; i++ {
			if mi := d.topAt[i]; mi >= 0 && d.ms[mi].kind == mLoc && !used.has(int(mi)) {
				return mentionArg(d, int(mi)), true
			}
		}
	case skAmount:
		return d.amountArg(si, tb, te)
	case skMoneyNP:
		return d.moneyNP(tb, te)
	case skTime:
		return d.timeArg(si, tb, te)
	case skHome:
		return d.homeArg(si, tb, te)
	case skLeftNP:
		return d.leftNP(si, tb, te)
	case skCrossed:
		return d.crossedNP(si, tb, te)
	}
	return argFound{}, false
}

// hometown reports whether a mention is where people come from rather
// than a place of the event: "originally from Chongjin", "natives of
// Hyesan", "hailing from Musan".
func (d *doc) hometown(mi int) bool {
	k := d.ms[mi].tb
	if k < 2 || d.ms[mi].kind > mRegion {
		return false
	}
	p, pp := d.toks[k-1].low, d.toks[k-2].low
	return p == "from" && (pp == "originally" || pp == "hailing" || pp == "hail" || pp == "hails") ||
		p == "of" && (pp == "native" || pp == "natives")
}

// peopleFromHome reports whether "from" before a North Korean place
// follows the people it describes: "a family of three from Musan", "a
// woman in her 40s from Sambong". A place abroad there may still be where
// they were sent from ("workers from Dandong were sent home").
func (d *doc) peopleFromHome(mi int) bool {
	k := d.ms[mi].tb - 1
	if k < 2 || d.toks[k].low != "from" || !d.inNorthKorea(&d.ms[mi]) {
		return false
	}
	if n := d.topCover[k-1]; n >= 0 && d.ms[n].te == k {
		o := &d.ms[n]
		return o.kind == mActor || o.kind == mGroupNoun || o.kind == mPronoun || o.kind == mPerson
	}
	// "a woman in her 40s from Sambong": an age after the people.
	w := d.toks[k-1].low
	return len(w) == 3 && w[0] >= '1' && w[0] <= '9' && w[1:] == "0s" && k >= 3 && d.toks[k-3].low == "in"
}

// inNorthKorea reports whether a place mention is North Korea or lies in it.
func (d *doc) inNorthKorea(m *mention) bool {
	g := d.k.gaz
	switch m.kind {
	case mCountry:
		return m.country >= 0 && g.countries[m.country].code == "kp"
	case mCity:
		return m.ref >= 0 && g.cities[m.ref].country == "kp"
	case mRegion:
		return m.ref >= 0 && g.regions[m.ref].country == "kp"
	}
	return false
}

// sourcePlace reports whether a mention is the place of a reporter's
// source ("a source in Russia told", "sources in Jilin province said",
// "according to a trader in Longjing"): it takes part in no event.
func (d *doc) sourcePlace(mi int, s sentence) bool {
	m := &d.ms[mi]
	if !isPlaceMention(m.kind) {
		return false
	}
	k, p := d.placePrep(m, s)
	if p != "in" && p != "from" && p != "of" && p != "near" {
		return false
	}
	h := k - 2
	if d.toks[h].low == "based" && h-1 >= s.tb {
		h--
	}
	head := d.toks[h].low
	if head == "source" || head == "sources" {
		return true
	}
	if mh := d.topCover[h]; mh < 0 || d.ms[mh].kind != mActor {
		return false
	}
	// "a trader in Longjing said", "told by a resident of Yanji"
	for i := m.te; i < s.te && i <= m.te+1; i++ {
		if d.is(i, lSpeech) {
			// "builders in Vladivostok told to pay more" are given an order.
			return i+1 >= s.te || d.toks[i+1].low != "to"
		}
		if d.toks[i].low != "," {
			break
		}
	}
	for i := h - 1; i >= s.tb && i >= h-4; i-- {
		if d.toks[i].low == "to" && i > s.tb && d.toks[i-1].low == "according" || d.toks[i].low == "by" && i > s.tb && d.toks[i-1].low == "told" {
			return true
		}
	}
	return false
}

// phraseStart walks back from a mention over determiners and quantifiers
// ("a number of", "any of the", "their") to where its phrase starts.
func (d *doc) phraseStart(m *mention, sb int) int {
	k := m.tb
	for k > sb {
		p := &d.toks[k-1]
		switch {
		case p.is(lPoss) || p.is(lQuantPron) || p.low == "another" || p.low == "other" || p.low == "one":
			k--
		case p.low == "of" && k-2 >= sb && (d.is(k-2, lQuantPron) || d.toks[k-2].low == "one" || d.toks[k-2].low == "each" || d.toks[k-2].low == "none" || d.toks[k-2].low == "number" || d.toks[k-2].low == "group" || d.toks[k-2].low == "any" || d.toks[k-2].low == "lot" || isMany(d.toks[k-2].low)):
			k -= 2
		case p.low == "and" && k-2 >= sb && d.toks[k-2].low == "more" && k-3 >= sb && d.toks[k-3].low == "more":
			k -= 3
		default:
			return k
		}
	}
	return k
}

// inPP reports whether a mention is the object of a preposition.
func (d *doc) inPP(mi, sb int) bool {
	m := &d.ms[mi]
	k := d.phraseStart(m, sb)
	if k <= sb {
		return false
	}
	if d.toks[k-1].low == "'s" {
		// "the soldier's parents were sent", "Choe's two sons": people
		// owned head the phrase, which is in a PP when the owner's is
		// ("information about a defector's family").
		if m.kind != mActor && m.kind != mGroupNoun || k-2 < sb {
			return true
		}
		j := k - 2
		if o := d.topCover[j]; o >= 0 {
			return d.inPP(int(o), sb)
		}
		for j > sb && d.toks[j-1].has(flCap) {
			j--
		}
		return j > sb && d.is(j-1, lPrep)
	}
	return d.is(k-1, lPrep)
}

// subject returns the nearest top mention before token tb that is not the
// object of a preposition and passes ok, or -1.
func (d *doc) subject(si, tb int, p *picker) int {
	s := d.sents[si]
	// "households with relatives who have fled": the antecedent of a
	// relative pronoun is the subject, even inside a prepositional phrase.
	k := tb - 1
	for k > s.tb && (d.is(k, lAux) || d.is(k, lAuxBe) || hasSuffix(d.toks[k].low, "ly") || d.is(k, lOrderVerbs) || d.toks[k].low == "to" || floatingQuant(d.toks[k].low) || d.toks[k].low == "later" || d.toks[k].low == "then" || isHearsay(d.toks[k].low) || beforeVerb(d.toks[k].low) || d.is(k, lAspectVerbs)) {
		k--
	}
	// "Thai police detained eight North Koreans in Chiang Rai and later
	// deported them": a second verb shares the first one's subject, the
	// first group of the clause.
	// A headline joins its verbs with a comma ("police detain a smuggler,
	// hand him to state security"), the sentence's first.
	if k > s.tb && (d.toks[k].low == "and" || d.toks[k].low == "or" || d.toks[k].low == "," && k+1 == tb && d.firstComma(s, k)) && k+1 < tb+1 && !d.startsNP(k+1) {
		if mi := d.coordSubject(s, k, p); mi >= 0 {
			return mi
		}
	}
	if v := d.askedHow(s, k, tb); v >= 0 {
		return d.subject(si, v, p) // "asked a co-worker how to apply": the asker acts
	}
	if k > s.tb && (d.toks[k].low == "who" || d.toks[k].low == "that") {
		if mi := d.topCover[k-1]; mi >= 0 && d.ms[mi].te == k && p.ok(int(mi)) {
			if ni := d.relativesOf(int(mi), k); ni >= 0 && p.ok(ni) {
				return ni
			}
			return int(mi)
		}
		switch d.toks[k-1].low {
		case "anyone", "anybody", "someone", "somebody", "those", "one", "whoever", "people", "everyone":
			return -1 // "anyone who defects": no group to name
		}
	}
	steps := 0
	for i := tb - 1; i >= s.tb && steps < 30; i-- {
		steps++
		t := &d.toks[i]
		if t.kind != tkPunct {
			if t.is(lSpeech) && t.low != "according" && i+1 < tb && !d.is(i+1, lPrep) {
				// "Kim ... said loyalty fund quotas had doubled": the
				// speaker is no participant of the reported event.
				return -1
			}
			if t.low == "who" && i > s.tb {
				// "envoys who have struggled to meet Pyongyang's
				// demands": the antecedent of "who" is the subject of
				// its clause.
				if mi := d.topCover[i-1]; mi >= 0 && d.ms[mi].te == i && p.ok(int(mi)) {
					return int(mi)
				}
			}
		} else if t.id == wSemicolon || t.low == ":" {
			return -1
		} else if t.id == wComma {
			// "Romania, an EU member, has never sent": step over the
			// appositive to the group it describes.
			if k := d.appositiveStart(i, s.tb); k >= 0 {
				i = k
				continue
			}
			// "The group, which included a teenage girl, had been
			// detained": step over the relative clause.
			for k := i - 1; k > s.tb && k >= i-12; k-- {
				if d.toks[k].low == "," || d.toks[k].low == ";" {
					break
				}
				if (d.toks[k].low == "which" || d.toks[k].low == "who") && d.toks[k-1].low == "," {
					i = k - 1
					break
				}
			}
			continue
		}
		mi := int(d.topCover[i])
		if mi < 0 {
			continue
		}
		i = d.ms[mi].tb
		if !p.ok(mi) {
			continue
		}
		if !d.inPP(mi, s.tb) {
			return mi
		}
		// "after a worker escaped": a conjunction, not a preposition,
		// opens the trigger's own clause.
		if d.onlyAuxBetween(d.ms[mi].te, tb) || d.ms[mi].te < tb && d.is(d.ms[mi].te, lPrep) && d.noVerbBetween(d.ms[mi].te, tb) {
			if k := d.phraseStart(&d.ms[mi], s.tb); k > s.tb {
				switch d.toks[k-1].low {
				case "after", "before", "since", "until", "because", "once", "if", "when", "while", "unless":
					return mi
				}
			}
		}
		// "with supervisors deducting 800 dollars": the group right
		// before a gerund after "with" is its subject.
		if d.ms[mi].te == tb && hasSuffix(d.toks[tb].low, "ing") {
			if k := d.phraseStart(&d.ms[mi], s.tb); k > s.tb && d.toks[k-1].low == "with" {
				return mi
			}
		}
	}
	return -1
}

// firstComma reports whether no clause punctuation comes before token k
// in sentence s.
func (d *doc) firstComma(s sentence, k int) bool {
	for i := s.tb; i < k; i++ {
		if isClausePunct(&d.toks[i]) {
			return false
		}
	}
	return true
}

// beforeVerb reports whether w is an adverb that can stand between a
// subject's auxiliary and its verb ("have since handed her over").
func beforeVerb(w string) bool {
	switch w {
	case "since", "also", "now", "already", "eventually", "subsequently", "finally", "again", "still", "reportedly":
		return true
	}
	return false
}

// coordSubject returns the first group of the clause that ends before the
// "and" at k, or -1. A group set off as what the subject is or is not
// ("treats them as migrants, not refugees, and has sent them home") is
// passed over for the clause before it.
func (d *doc) coordSubject(s sentence, k int, p *picker) int {
	end := k
	for c := k - 1; c > s.tb; c-- {
		for c > s.tb && !isClausePunct(&d.toks[c-1]) {
			c--
		}
		mi := d.firstGroup(s, c, end, p)
		if mi < 0 || !d.complement(mi, s.tb) {
			return mi
		}
		end = c - 1
		c = end
	}
	return -1
}

// firstGroup returns the first top mention in [from, to) that p accepts
// and that is no object of a preposition, or -1.
func (d *doc) firstGroup(s sentence, from, to int, p *picker) int {
	for i := from; i < to; i++ {
		if mi := d.topAt[i]; mi >= 0 {
			if p.ok(int(mi)) && !d.inPP(int(mi), s.tb) {
				return int(mi)
			}
			i = d.ms[mi].te - 1
		}
	}
	return -1
}

// complement reports whether mention mi follows "not" or "as": what a
// group is taken for, not the group itself.
func (d *doc) complement(mi, sb int) bool {
	k := d.phraseStart(&d.ms[mi], sb)
	if k <= sb {
		return false
	}
	switch d.toks[k-1].low {
	case "not", "as":
		return true
	case "than": // "migrants rather than refugees"
		return k-2 > sb && d.toks[k-2].low == "rather"
	}
	return false
}

// appositiveStart returns the comma that opens an appositive closed by the
// comma at i (", an EU member,") right after a group or place, or -1.
func (d *doc) appositiveStart(i, sb int) int {
	if i-1 <= sb {
		return -1
	}
	m := d.topCover[i-1]
	if m < 0 || d.ms[m].te != i {
		return -1
	}
	k := d.ms[m].tb - 1
	if k > sb && (d.toks[k].low == "a" || d.toks[k].low == "an" || d.toks[k].low == "the") {
		k--
	}
	if k <= sb || d.toks[k].low != "," {
		return -1
	}
	if p := d.topCover[k-1]; p < 0 || d.ms[p].te != k {
		return -1
	}
	return k
}

// object returns the first top mention after te, skipping adverbs and a
// coordinated verb ("arrest and repatriate X"), that is not the object of
// a preposition, or -1.
func (d *doc) object(si, te int, p *picker) int {
	s := d.sents[si]
	for i := te; i < s.te && i < te+8; i++ {
		mi := d.topAt[i]
		if mi < 0 && (d.is(i, lApprox) || d.toks[i].kind == tkNumber) {
			// "returned about 60 North Koreans"
			j := i
			for j < s.te && j < i+3 && d.topAt[j] < 0 && (d.is(j, lApprox) || d.toks[j].kind == tkNumber) {
				j++
			}
			if j < s.te && j > i && d.topAt[j] >= 0 {
				if p.ok(int(d.topAt[j])) {
					return int(d.topAt[j])
				}
				return -1
			}
		}
		if mi < 0 && isMany(d.toks[i].low) && i+2 < s.te && d.toks[i+1].low == "of" && d.topAt[i+2] >= 0 {
			// "sent back hundreds of them"
			if m := int(d.topAt[i+2]); p.ok(m) {
				return m
			}
			return -1
		}
		if mi >= 0 {
			if p.ok(int(mi)) && (d.phraseStart(&d.ms[mi], s.tb) <= te || !d.inPP(int(mi), s.tb)) {
				return int(mi)
			}
			if !p.poss && d.ownsNext(int(mi)) {
				i = int(d.ms[mi].te) - 1 // "detained Ri's platoon leader": the people owned
				continue
			}
			return -1
		}
		t := &d.toks[i]
		if t.kind == tkPunct || t.is(lPrep) && t.low != "to" || t.is(lClauseBreak) {
			return -1
		}
		if t.low == "to" {
			return -1
		}
	}
	return -1
}

// control finds, for a trigger after "to" ("asked X to arrest", "orders
// workers to pay"), the subject (controller) and object (controllee) of
// the ordering verb.
func (d *doc) control(si, tb int, p *picker) (int, int) {
	s := d.sents[si]
	k := tb - 1
	for k > s.tb && d.is(k, lAux) && d.toks[k].low != "to" {
		k--
	}
	// "to arrest and repatriate", "to find him and hand him over": step
	// over the first verb and its object.
	if k > s.tb && (d.toks[k].low == "and" || d.toks[k].low == "or") {
		for j := k - 2; j >= s.tb && j >= k-6 && !isClausePunct(&d.toks[j]); j-- {
			if d.toks[j].low == "to" {
				k = j
				break
			}
		}
	}
	if k < s.tb || d.toks[k].low != "to" {
		return -1, -1
	}
	verb := -1
	n := 0
	for i := k - 1; i >= s.tb && n < 10; i-- {
		if mi := d.topCover[i]; mi >= 0 {
			i = d.ms[mi].tb
		} else if d.is(i, lOrderVerbs) {
			verb = i
			break
		} else if isClausePunct(&d.toks[i]) && d.toks[i].low != "\u2014" {
			break
		}
		n++
	}
	if verb < 0 {
		return -1, -1
	}
	controllee := -1
	for i := verb + 1; i < k; i++ {
		if mi := d.topAt[i]; mi >= 0 {
			if p.ok(int(mi)) {
				controllee = int(mi)
			}
			break
		}
	}
	return d.subject(si, verb, p), controllee
}

// askedHow returns the verb of "asked [someone] how to" when the question
// word at k opens the trigger's clause, or -1.
func (d *doc) askedHow(s sentence, k, tb int) int {
	if k <= s.tb || k+1 >= tb || !isWhWord(d.toks[k].low) || d.toks[k+1].low != "to" {
		return -1
	}
	j := k - 1
	if mi := d.topCover[j]; mi >= 0 {
		j = d.phraseStart(&d.ms[mi], s.tb) - 1
	}
	if j >= s.tb && d.is(j, lOrderVerbs) {
		return j
	}
	return -1
}

// isWhWord reports a word that opens an indirect question: "how to".
func isWhWord(w string) bool {
	switch w {
	case "how", "whether", "where", "when", "what", "which":
		return true
	}
	return false
}

// prepAfter finds "<prep> [det] <mention>" within window tokens after te;
// id is the vocabulary id of prep (isWord). "custody" looks for "custody
// of <mention>".
func (d *doc) prepAfter(si, from int, prep string, id int32, window int, p *picker) int {
	s := d.sents[si]
	inAt := prep == "in" || prep == "at"
	if !d.prepWithin(from, min(s.te, from+window), prep, id, inAt) {
		return -1
	}
	custody := prep == "custody"
	// A mention is stepped over, but for "of", "over" and "on", which may
	// stand inside one.
	skip := prep != "of" && prep != "over" && prep != "on"
	rel := d.inRelative(s, from-1)
	for i := from; i < s.te && i < from+window; i++ {
		t := &d.toks[i]
		if rel && (t.id == wComma || t.low == "and" && i+1 < s.te && d.topAt[i+1] < 0 && !d.toks[i+1].has(flCap)) {
			return -1 // "Kim, who escaped from Musan, now lives in Incheon"
		}
		if isPrepStop(t.id) || t.is(lSpeech) {
			return -1
		}
		if t.id == wComma && i+1 < s.te && d.toks[i+1].low == "where" {
			return -1 // "sent back, where she was questioned by the MSS"
		}
		if t.id == wWhile && i+1 < s.te && d.opensClause(i+1) {
			return -1 // "deserted, while a third secretary posted in Italy ..."
		}
		if (t.id == wAfter || t.id == wBefore || t.id == wWhen || t.id == wUntil) && i+1 < s.te && (d.toks[i+1].id == wBeing || d.toks[i+1].id == wHaving) {
			return -1 // "fled after being ordered to return to Pyongyang"
		}
		if custody {
			if t.id == wCustody && i+1 < s.te && d.toks[i+1].id == wOf {
				return d.mentionIf(d.mentionAfterDet(i+2, s.te), p)
			}
			continue
		}
		if d.isWord(i, prep, id) && !(inAt && i > s.tb && (isArrival(d.toks[i-1].low) || isResidence(d.toks[i-1].low))) {
			if mi := d.mentionAfterDet(i+1, s.te); mi >= 0 && p.ok(mi) {
				return mi
			}
			if mi := d.innerPlace(i); mi >= 0 && p.ok(mi) {
				return mi
			}
		}
		if mi := d.topAt[i]; mi >= 0 && skip {
			if inAt && i > from && d.toks[i-1].low != "by" && d.heldAt(int(mi)) && p.ok(d.ms[mi].place) {
				return d.ms[mi].place // "held at a detention centre in Tumen"
			}
			i = d.ms[mi].te - 1
			if d.ms[mi].core > 0 {
				i = d.ms[mi].core - 1 // look into "from a plant in Dandong"
			}
		}
	}
	return -1
}

// prepWithin reports whether [from, to) holds the word prep or, with
// inAt, a place of custody: prepAfter and prepBefore find nothing where
// neither is.
func (d *doc) prepWithin(from, to int, prep string, id int32, inAt bool) bool {
	if d.hasWord(from, to, prep, id) {
		return true
	}
	if inAt {
		for i := from; i < to; i++ {
			if mi := d.topAt[i]; mi >= 0 && d.heldAt(int(mi)) {
				return true
			}
		}
	}
	return false
}

// possessor returns the owner of a noun trigger: "Pyongyang's growing
// demands for cash", "China's repatriation of", "his defection".
func (d *doc) possessor(si, tb int, p *picker) int {
	s := d.sents[si]
	for i := tb - 1; i >= s.tb && i >= tb-3; i-- {
		t := &d.toks[i]
		if t.low == "'s" && i-1 >= s.tb {
			if mi := d.topCover[i-1]; mi >= 0 && p.ok(int(mi)) {
				return int(mi)
			}
			return -1
		}
		if mi := d.topAt[i]; mi >= 0 && d.ms[mi].kind == mPronoun && d.ms[mi].te == i+1 && t.is(lPoss) {
			return d.mentionIf(int(mi), p)
		}
		if t.kind != tkWord || d.topCover[i] >= 0 || t.is(lPrep) || t.is(lAux) || t.low == "the" || t.low == "a" || t.low == "an" {
			return -1
		}
	}
	return -1
}

// governorAgent finds the agent of a noun trigger governed by a verb that
// starts, stops or carries on the act: "China resumes deportations",
// "urged Beijing to stop the forced repatriation", "whether Beijing had
// agreed to halt the deportations", "Pyongyang drops cash levy".
func (d *doc) governorAgent(si, tb int, p *picker) int {
	s := d.sents[si]
	v := -1
	for i := tb - 1; i >= s.tb && i >= tb-4; i-- {
		if d.is(i, lAspectVerbs) {
			v = i
			break
		}
		t := &d.toks[i]
		if t.kind == tkPunct || d.topAt[i] >= 0 || t.is(lPrep) && t.low != "up" && t.low != "out" {
			return -1
		}
	}
	if v < 0 {
		return -1
	}
	if _, e := d.control(si, v, p); e >= 0 {
		return e
	}
	return d.subject(si, v, p)
}

// isArrival reports words after which a place is where people went:
// "arrived in Seoul", "reached South Korea", "asylum in Germany".
func isArrival(w string) bool {
	switch w {
	case "arrive", "arrived", "arrives", "arriving", "reach", "reached", "reaches", "reaching",
		"asylum", "settle", "settled", "settles", "resettled":
		return true
	}
	return false
}

// isResidence reports words after which a place is where people live now,
// not where an event happened: "now lives in Incheon".
func isResidence(w string) bool {
	return w == "live" || w == "lives" || w == "lived" || w == "living" || w == "resides" || w == "reside"
}

// arrivalPlace finds the place named after an arrival word in the
// trigger or after it, in the same sentence: "defected and arrived in
// South Korea", "escaped and reached Thailand", "seeks asylum in Seoul".
func (d *doc) arrivalPlace(si, tb, te int, p *picker) int {
	s := d.sents[si]
	from := tb
	if tb-1 > s.tb && d.toks[tb-1].low == "after" {
		// "arrived in Seoul in July after defecting"
		from = max(s.tb, tb-12)
	}
	for i := from; i < s.te && i < te+25; i++ {
		w := d.toks[i].low
		if i >= te && (w == ";" || w == "but" || w == "while" || d.is(i, lSpeech)) {
			return -1
		}
		if !isArrival(w) {
			continue
		}
		j := i + 1
		if j < s.te && (d.toks[j].low == "in" || d.toks[j].low == "at" || d.toks[j].low == "to" || d.toks[j].low == "into") {
			j++
		}
		if mi := d.mentionAfterDet(j, s.te); mi >= 0 && p.ok(mi) {
			return mi
		}
	}
	return -1
}

// inRelative reports whether token tb lies in a relative clause opened
// by ", who" or ", which" before it.
func (d *doc) inRelative(s sentence, tb int) bool {
	for i := tb - 1; i > s.tb && i >= tb-8; i-- {
		w := d.toks[i].low
		if w == "," || w == ";" {
			return false
		}
		if (w == "who" || w == "which") && d.toks[i-1].low == "," {
			return true
		}
	}
	return false
}

// prepBefore finds "<prep> [det] <mention>" within window tokens before
// tb; id is the vocabulary id of prep (isWord).
func (d *doc) prepBefore(si, tb int, prep string, id int32, window int, p *picker) int {
	s := d.sents[si]
	if !d.prepWithin(max(s.tb, tb-window), tb, prep, id, false) {
		return -1
	}
	for i := tb - 1; i >= s.tb && i >= tb-window; i-- {
		t := &d.toks[i]
		if t.low == ";" || t.low == "but" || d.relativeOpens(i) || d.clauseJoin(i, s.tb) {
			return -1
		}
		if d.isWord(i, prep, id) && !((prep == "in" || prep == "at") && i > s.tb && (isArrival(d.toks[i-1].low) || isResidence(d.toks[i-1].low))) {
			if mi := d.mentionAfterDet(i+1, tb); mi >= 0 && p.ok(mi) {
				return mi
			}
			if mi := d.innerPlace(i); mi >= 0 && p.ok(mi) {
				return mi
			}
		}
	}
	return -1
}

// clauseJoin reports whether token i is "and", "but" or "while" after a
// comma, which joins two clauses: a place before it belongs to the first
// ("two officials defected in Shenyang, and a cook fled in March").
func (d *doc) clauseJoin(i, sb int) bool {
	if i <= sb || d.toks[i-1].low != "," {
		return false
	}
	w := d.toks[i].low
	return w == "and" || w == "but" || w == "while"
}

// relativeOpens reports whether token i opens a relative clause whose
// antecedent is no place, or that is opened by "whose": a place before
// "relatives who had defected" or "a trader in Hyesan whose sister fled"
// belongs to the main clause. "Workers in Dandong who fled" keeps Dandong.
func (d *doc) relativeOpens(i int) bool {
	w := d.toks[i].low
	if w == "whose" {
		return true // "a trader in Hyesan whose sister fled": the sister's escape
	}
	if w != "who" || i == 0 {
		return false
	}
	c := d.topCover[i-1]
	return c < 0 || d.ms[c].kind > mRegion
}

// innerPlace returns the place named after the preposition at i inside a
// place-suffixed body ("the North Korean embassy in Hanoi"), or -1.
func (d *doc) innerPlace(i int) int {
	c := d.topCover[i]
	if c < 0 || d.ms[c].place < 0 {
		return -1
	}
	if d.ms[c].core > 0 {
		// "two women from a seafood plant in nearby Dandong"
		if w := d.toks[i].low; w != "in" && w != "at" {
			return -1
		}
		return d.placeWithin(i, d.ms[c].place, 2)
	}
	// Only a person's post: "a first secretary at the embassy in Hanoi".
	k := d.phraseStart(&d.ms[c], d.sents[d.ms[c].sent].tb)
	if k < 2 {
		return -1
	}
	if p := d.toks[k-1].low; p != "at" && p != "of" && p != "from" {
		return -1
	}
	if a := d.topCover[k-2]; a < 0 || d.ms[a].kind != mActor {
		return -1
	}
	return d.placeWithin(i, d.ms[c].place, 2)
}

// placeWithin returns place mention pm when it starts at most n tokens
// after i, or -1.
func (d *doc) placeWithin(i, pm, n int) int {
	if d.ms[pm].tb > i && d.ms[pm].tb <= i+n {
		return pm
	}
	return -1
}

// heldAt reports whether mention c is a place of custody named with its
// place ("a detention centre in Tumen").
func (d *doc) heldAt(c int) bool {
	m := &d.ms[c]
	return m.kind == mAgency && m.ref < 0 && m.head >= 0 && m.place >= 0 && d.k.gaz.aHeads[m.head].slug == "detention-center"
}

func (d *doc) mentionIf(mi int, p *picker) int {
	if mi >= 0 && p.ok(mi) {
		return mi
	}
	return -1
}

// mentionAfterDet returns the top mention starting at i after at most
// three determiners or quantifiers, or -1.
func (d *doc) mentionAfterDet(i, limit int) int {
	i = d.afterPlaceHead(i, limit)
	for k := 0; k < 4 && i < limit; k++ {
		if mi := d.topAt[i]; mi >= 0 {
			return int(mi)
		}
		if d.starts(i, d.k.gaz.quant.bit) {
			if ids, e := d.longest(d.k.gaz.quant, i, limit, d.idbuf[:0]); len(ids) > 0 {
				i = e
				continue
			}
		}
		w := d.toks[i].low
		if !(d.is(i, lPoss) || d.is(i, lQuantPron) || w == "of" || w == "number") {
			return -1
		}
		i++
	}
	return -1
}

// isHearsay reports the participles of "are believed to have fled".
func isHearsay(w string) bool {
	switch w {
	case "believed", "thought", "said", "reported", "known", "expected", "alleged", "likely", "understood", "feared", "presumed", "suspected", "rumored", "rumoured":
		return true
	}
	return false
}

// onlyAuxBetween reports whether [from, to) holds only auxiliaries,
// negations, adverbs in -ly and verbs that begin or go on ("began").
func (d *doc) onlyAuxBetween(from, to int) bool {
	for i := from; i < to; i++ {
		if !(d.is(i, lAux) || d.is(i, lAuxBe) || hasSuffix(d.toks[i].low, "ly") || d.toks[i].low == "not" || d.toks[i].low == "also" || d.is(i, lAspectVerbs)) {
			return false
		}
	}
	return true
}

// startsNP reports whether a mention starts at i ("and the police
// arrested": a new subject, not a second verb).
func (d *doc) startsNP(i int) bool {
	return d.topAt[i] >= 0
}

// passive reports whether the trigger at tb is a passive participle: "were
// arrested", "if caught", "had been returned", or a participle right after
// a group ("passport holders caught in ...").
func (d *doc) passive(si, tb int) bool {
	s := d.sents[si]
	w := d.toks[tb].low
	if !isParticiple(w) && w != "fled" {
		return false
	}
	if d.hadSumDone(s, tb) {
		return true
	}
	k := tb - 1
	for k >= s.tb && (d.is(k, lAux) || hasSuffix(d.toks[k].low, "ly") || floatingQuant(d.toks[k].low)) && !d.is(k, lAuxBe) && d.toks[k].low != "has" && d.toks[k].low != "have" && d.toks[k].low != "had" {
		k--
	}
	if k < s.tb {
		return false
	}
	p := d.toks[k].low
	if d.is(k, lAuxBe) || p == "if" || p == "when" || p == "once" || p == "unless" || p == "after" {
		return true
	}
	if p == "and" || p == "or" {
		// "was caught by Chinese police in 2015 and repatriated": a
		// participle coordinated with a passive one.
		for i := k - 1; i >= s.tb && i >= k-10; i-- {
			if isClausePunct(&d.toks[i]) {
				break
			}
			if d.is(i, lAuxBe) && i+1 < k && isParticiple(d.toks[i+1].low) {
				return true
			}
		}
	}
	if mi := d.topCover[k]; mi >= 0 && d.ms[mi].kind == mActor && d.ms[mi].te == tb {
		// "holders caught in China" is passive, "managers collected 300
		// euros" active: an object right after the verb means active.
		// A passive give-verb keeps its object: "smugglers handed heavy
		// sentences".
		return !d.objectFollows(s, tb+1) && (keepsObject[w] || !d.bareNoun(s, tb+1))
	}
	return false
}

// isParticiple reports a past participle: a regular one, or one of the
// irregular ones reports of arrests and returns use.
func isParticiple(w string) bool {
	switch w {
	case "caught", "sent", "held", "kept", "taken", "seized", "given", "driven", "put", "brought", "flown", "led", "beaten", "shown", "found", "told":
		return true
	}
	return hasSuffix(w, "ed") || hasSuffix(w, "en")
}

// coordinated widens a group argument to the group joined before it with
// "and" and a possessive ("twelve waitresses and their manager"): both
// take part.
func (d *doc) coordinated(a argFound) argFound {
	sb := d.sents[d.ms[a.mention].sent].tb
	b := a.tb
	if b-3 < sb || d.toks[b-2].low != "and" || !d.is(b-1, lPoss) || d.toks[b-1].low == "the" || d.toks[b-1].low == "a" {
		return a
	}
	if mi := d.topCover[b-3]; mi >= 0 && d.ms[mi].te == b-2 && d.ms[mi].kind == mActor {
		a.tb = d.ms[mi].tb
	}
	return a
}

// hadSumDone reports whether the participle at tb follows "have" and a
// sum ("has had 300 yuan deducted from her pay"): the subject is the one it
// is done to.
func (d *doc) hadSumDone(s sentence, tb int) bool {
	if tb-1 < s.tb || d.amountCover[tb-1] < 0 {
		return false
	}
	a := d.amounts[d.amountCover[tb-1]]
	if a.te != tb || a.tb-1 < s.tb {
		return false
	}
	switch d.toks[a.tb-1].low {
	case "had", "has", "have", "having", "get", "gets", "got":
		return true
	}
	return false
}

// relativesOf returns, for "relatives of the residents who crossed", the
// group after "of" that the relative clause ending the mention mi at token
// e is about: the kin of people are not the ones who acted. It returns -1
// when mi names no kin of a group.
func (d *doc) relativesOf(mi, e int) int {
	m := &d.ms[mi]
	of := -1
	for i := m.tb + 1; i < e; i++ {
		if d.toks[i].low == "of" {
			of = i
			break
		}
	}
	if of < 0 || !isKin(d.toks[of-1].low) && !kinGroup(d.toks[of-1].low) {
		return -1
	}
	for ni := mi + 1; ni < len(d.ms) && d.ms[ni].tb < e; ni++ {
		if n := &d.ms[ni]; n.tb > of && n.te == e && n.kind == mActor {
			return ni
		}
	}
	return -1
}

// kinGroup reports a word naming the kin or circle of a group of people.
func kinGroup(w string) bool {
	switch w {
	case "relatives", "families", "family", "friends", "neighbors", "neighbours", "wives", "husbands", "siblings":
		return true
	}
	return false
}

// floatingQuant reports whether w can float between an auxiliary and its
// verb: "were each sentenced", "have both been detained".
func floatingQuant(w string) bool {
	return w == "each" || w == "both" || w == "all" || w == "also"
}

// particles are the adverbs of phrasal verbs that may stand between a verb
// and its object.
var particles = map[string]bool{"away": true, "off": true, "up": true, "back": true, "over": true, "down": true, "out": true}

func hasSuffix(s, suf string) bool { return len(s) >= len(suf) && s[len(s)-len(suf):] == suf }

// whereAntecedent returns the place before a "where" that precedes the
// trigger ("Shenyang – where the defection took place").
func (d *doc) whereAntecedent(si, tb int, p *picker) int {
	s := d.sents[si]
	for i := tb - 1; i > s.tb && i >= tb-10; i-- {
		if d.toks[i].low != "where" {
			continue
		}
		for k := i - 1; k >= s.tb && k >= i-3; k-- {
			if mi := d.topCover[k]; mi >= 0 {
				return d.mentionIf(int(mi), p)
			}
			if d.toks[k].kind != tkPunct {
				break
			}
		}
		return -1
	}
	return -1
}

// stateBody finds the body that demands: an agency inside the trigger, one
// after "to" just after it, or the nearest agency in the sentence.
func (d *doc) stateBody(si, tb, te int, p *picker) int {
	for i := tb; i < te; i++ {
		if mi := d.topAt[i]; mi >= 0 && p.ok(int(mi)) {
			return int(mi)
		}
	}
	if mi := d.prepAfter(si, te, "to", 0, 4, p); mi >= 0 {
		return mi
	}
	best, bestDist := -1, 16
	lo, hi := d.sentenceMentions()
	for k := lo; k < hi; k++ {
		i := d.ms[k].tb
		if int(d.topAt[i]) != k || !p.ok(k) {
			continue // a nested mention, or one p does not take
		}
		dist := abs(i - tb)
		if i >= te {
			dist = i - te
		}
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

// locWord returns a generic location ("overseas") in the sentence, the
// nearest to the trigger.
func (d *doc) locWord(si, tb int, used *usedSet) (argFound, bool) {
	s := d.sents[si]
	best, bestDist := -1, 1<<30
	for i := s.tb; i < s.te; i++ {
		mi := d.topAt[i]
		if mi < 0 || d.ms[mi].kind != mLoc || used.has(int(mi)) {
			continue
		}
		if dist := abs(i - tb); dist < bestDist {
			best, bestDist = int(mi), dist
		}
	}
	if best < 0 {
		return argFound{}, false
	}
	return mentionArg(d, best), true
}

// amountArg returns the amount nearest the trigger in its clause, leaving
// out sums excepted from the payment ("except for 500 yuan").
func (d *doc) amountArg(si, tb, te int) (argFound, bool) {
	a, dist := d.nearestAmount(d.amounts, si, tb, te)
	if g, gd := d.nearestAmount(d.goods, si, tb, te); gd < dist {
		a, dist = g, gd
	}
	if dist == 1<<30 {
		return argFound{}, false
	}
	return argFound{tb: a.tb, te: a.te, mention: -1, amount: a.amount}, true
}

// nearestAmount returns the amount of list nearest the trigger in its
// clause and sentence, and its distance (1<<30 when there is none).
func (d *doc) nearestAmount(list []amountSpan, si, tb, te int) (amountSpan, int) {
	s := d.sents[si]
	best, bestDist := amountSpan{}, 1<<30
	first := sort.Search(len(list), func(k int) bool { return list[k].tb >= s.tb })
	for _, a := range list[first:] {
		if a.tb >= s.te {
			break
		}
		if a.te > s.te || a.tb > s.tb && (d.toks[a.tb-1].low == "except" || d.toks[a.tb-1].low == "for" && a.tb-2 >= s.tb && d.toks[a.tb-2].low == "except") {
			continue
		}
		var dist int
		var okClause bool
		if a.tb >= te {
			dist, okClause = a.tb-te, d.sameClause(te, a.tb)
		} else {
			dist, okClause = tb-a.te, d.sameClause(a.te, tb)
		}
		if okClause && dist < bestDist && dist < 15 {
			best, bestDist = a, dist
		}
	}
	return best, bestDist
}

// sameClause reports whether no clause break ("but", ";") lies in [from, to).
func (d *doc) sameClause(from, to int) bool {
	for i := from; i < to; i++ {
		switch d.toks[i].id {
		case wSemicolon, wBut, wWhereas, wAlthough:
			return false
		case wWhile:
			// "while a third secretary ..." opens a clause; "while in
			// Shenyang" does not.
			if i+1 < len(d.toks) && d.opensClause(i+1) {
				return false
			}
		}
	}
	return true
}

// opensClause reports whether token i, after "while", starts a clause's
// subject: a mention, a possessive or "a", "the", "another".
func (d *doc) opensClause(i int) bool {
	id := d.toks[i].id
	return d.topAt[i] >= 0 || d.is(i, lPoss) || id == wA || id == wThe || id == wAnother
}

// isPrepStop reports whether a word ends the search for a prepositional
// argument: ";", "but", "although", "though", "whereas", "however",
// "despite".
func isPrepStop(id int32) bool {
	switch id {
	case wSemicolon, wBut, wAlthough, wThough, wWhereas, wHowever, wDespite:
		return true
	}
	return false
}

// moneyNP returns the quantified money phrase inside a trigger: "almost
// their entire salary" in "giving almost their entire salary to ...".
func (d *doc) moneyNP(tb, te int) (argFound, bool) {
	// The phrase may also follow the trigger: "hand over most of their
	// wages".
	lim := te
	for lim < len(d.toks) && lim < te+6 && d.toks[lim].kind != tkPunct && d.sentOf[lim] == d.sentOf[tb] {
		lim++
	}
	for i := tb + 1; i < lim; i++ {
		if d.is(i, lMoney) {
			return d.moneyPhrase(tb+1, i)
		}
	}
	// Or come before a passive one: "more than half of their wages held
	// back".
	for i := tb - 1; i >= 0 && i >= tb-3 && d.sentOf[i] == d.sentOf[tb]; i-- {
		if d.is(i, lMoney) {
			return d.moneyPhrase(max(i-6, d.sents[d.sentOf[tb]].tb), i)
		}
	}
	return argFound{}, false
}

// moneyPhrase returns the phrase from a share word at or after from to
// the money word at i ("most of their wages", "nearly all of their
// earnings"); it fails when no share word comes first.
func (d *doc) moneyPhrase(from, i int) (argFound, bool) {
	start := -1
	for k := from; k < i; k++ {
		if d.is(k, lMoneyQuant) {
			start = k
			break
		}
	}
	if start < 0 {
		return argFound{}, false
	}
	for start > from && (d.toks[start-1].low == "nearly" || d.toks[start-1].low == "almost" || d.is(start-1, lPoss)) {
		start--
	}
	if start-2 >= 0 && d.toks[start-1].low == "than" && (d.toks[start-2].low == "more" || d.toks[start-2].low == "less") {
		start -= 2
	}
	return argFound{tb: start, te: i + 1, mention: -1}, true
}

// leftNP returns the place or body a trigger's verb leaves, named by a
// determiner and a few words after the verb and its particles: "deserted
// his cargo ship", "slipped out of the harbor at Chongjin", "fled the
// country". A place mention starting there is the argument's entity.
func (d *doc) leftNP(si, tb, te int) (argFound, bool) {
	s := d.sents[si]
	k := tb + 1
	for k < s.te && (particles[d.toks[k].low] || d.toks[k].low == "of" || d.toks[k].low == "from") {
		k++
	}
	if k >= s.te || k > te || !d.is(k, lPoss) {
		return argFound{}, false
	}
	e := k + 1
	for e < s.te && e-k <= 6 && d.npWord(e) {
		e++
	}
	if e == k+1 || d.toks[e-1].low == "way" {
		return argFound{}, false // "made their way"
	}
	mi := -1
	if m := d.topAt[k]; m >= 0 && d.ms[m].te <= e {
		if d.ms[m].kind == mActor || d.ms[m].kind == mGroupNoun {
			return argFound{}, false // people are not a place left
		}
		mi = int(m)
	}
	return argFound{tb: k, te: e, mention: mi}, true
}

// crossedNP returns what a crossing trigger crosses, named by a
// determiner after a crossing verb or "across", "over" or "through" in
// the trigger or right after it: "waded across the river", "slipped over
// the border", "swam the Tumen", "walked across the eastern section of
// the border". A bare place ("crossed into China") is none; a place
// mention in the phrase is the argument's entity.
func (d *doc) crossedNP(si, tb, te int) (argFound, bool) {
	s := d.sents[si]
	for i := tb; i < s.te && i <= te; i++ {
		if !crossingWord(d.toks[i].low) {
			continue
		}
		k := i + 1
		if k >= s.te || !d.is(k, lPoss) {
			continue
		}
		e := d.headedEnd(k+1, s.te, isLandmarkToken) // "the eastern section of the border"
		if e < 0 {
			continue
		}
		mi := -1
		for _, j := range [2]int{k, k + 1} {
			if m := d.topAt[j]; m >= 0 && d.ms[m].te <= e {
				if !isPlaceMention(d.ms[m].kind) && d.ms[m].kind != mLoc {
					return argFound{}, false // people or bodies are not crossed
				}
				mi = int(m)
				break
			}
		}
		return argFound{tb: k, te: e, mention: mi}, true
	}
	return argFound{}, false
}

// isLandmarkToken reports a landmark word, a river, a border or a name:
// "the shallow river", "the border fence", not "the border remain rare".
func isLandmarkToken(t *token) bool { return t.has(flCap) || isLandmark(t.low) }

// isLandmark reports a noun naming what people cross on foot or by
// water: a river, a border, a fence, mountains.
func isLandmark(w string) bool {
	switch w {
	case "river", "rivers", "border", "borders", "frontier", "line", "fence", "fences", "wire", "barrier", "stream", "estuary",
		"mudflats", "flats", "desert", "mountains", "mountain", "hills", "jungle", "forest", "forests", "sea", "strait", "channel",
		"ice", "water", "waters", "zone", "section", "stretch", "bank", "shore", "gap", "hole", "mud", "swamp", "marsh":
		return true
	}
	return false
}

// crossingWord reports a verb of crossing or a preposition of passing
// across: "cross", "swam", "across", "over", "through".
func crossingWord(w string) bool {
	switch w {
	case "across", "over", "through", "cross", "crosses", "crossed", "crossing", "swim", "swims", "swam", "swum", "swimming",
		"wade", "wades", "waded", "wading", "ford", "forded", "fording":
		return true
	}
	return false
}

// npWord reports whether token i can go on a noun phrase after its
// determiner: a word or a possessive, not a preposition, an auxiliary,
// a conjunction or the start of a time.
func (d *doc) npWord(i int) bool {
	t := &d.toks[i]
	if t.low == "'s" {
		return true
	}
	if t.kind != tkWord || t.has(flNumberWord) || hasSuffix(t.low, "ly") || d.is(i, lPrep) || d.is(i, lAux) || d.is(i, lAuxBe) ||
		d.is(i, lClauseBreak) || d.is(i, lTimeRel) || d.is(i, lMonths) || d.is(i, lTimeUnits) {
		return false
	}
	switch t.low {
	case "and", "or", "last", "next", "this", "that", "who", "when", "after", "before", "with", "without", "night", "nights", "evening", "morning",
		"unnoticed", "unseen", "undetected", "together", "alone", "again", "behind":
		return false
	}
	return true
}

// timeArg returns the time expression nearest after the trigger in the
// sentence, or else the nearest before it in the same clause.
func (d *doc) timeArg(si, tb, te int) (argFound, bool) {
	s := d.sents[si]
	first, last := d.argTimes[0], d.argTimes[1] // the times of s (sentenceTypes)
	for _, t := range d.times[first:last] {
		if d.reportTime(t) || d.causeClause(t) {
			continue
		}
		if t.tb >= te && t.tb < s.te && t.tb-te < 15 && d.sameClause(te, t.tb) && !d.subordinateBetween(te, t.tb) {
			return argFound{tb: t.tb, te: t.te, mention: -1}, true
		}
	}
	for k := last - 1; k >= first; k-- {
		t := d.times[k]
		if t.te > tb && t.tb <= tb || d.reportTime(t) || d.causeClause(t) {
			continue // the phrase holds the trigger, or dates the report
		}
		if t.te <= tb && t.tb >= s.tb && tb-t.te < 10 {
			if n, ok := d.chunkDistance(t.te, tb); ok && n < 10 && !d.hasWord(t.te, tb, "that", 0) {
				return argFound{tb: t.tb, te: t.te, mention: -1}, true
			}
		}
	}
	// "In March, two men ... slipped away and sought asylum": a time
	// that opens the sentence before a comma frames all of it.
	if first < last {
		if t := d.times[first]; t.tb == s.tb && t.te < tb && d.toks[t.te].low == "," && d.sameClause(t.te, tb) && !d.causeClause(t) {
			return argFound{tb: t.tb, te: t.te, mention: -1}, true
		}
	}
	return argFound{}, false
}

// timesOf returns the range of d.times that starts in sentence s.
func (d *doc) timesOf(s sentence) (int, int) {
	first := sort.Search(len(d.times), func(k int) bool { return d.times[k].tb >= s.tb })
	last := first
	for last < len(d.times) && d.times[last].tb < s.te {
		last++
	}
	return first, last
}

// causeClause reports whether a phrase opened by "after" tells what led
// to the event rather than when it was: a clause with no date or span of
// time in it ("after a colleague sought asylum", "after serving a jail
// term"), unlike "after the summit" or "after several months in custody".
func (d *doc) causeClause(t timeSpan) bool {
	if d.toks[t.tb].low != "after" {
		return false
	}
	clause := false
	for i := t.tb + 1; i < t.te; i++ {
		w := &d.toks[i]
		if w.is(lMonths) && w.has(flCap) || w.is(lTimeUnits) || w.is(lWeekdays) || isYear(w) {
			return false
		}
		clause = clause || w.is(lAux) || d.pronounAt(i) || verbForm(w.low)
	}
	return clause
}

// pronounAt reports whether a pronoun mention starts at token i.
func (d *doc) pronounAt(i int) bool {
	mi := d.topAt[i]
	return mi >= 0 && d.ms[mi].kind == mPronoun
}

// verbForm reports whether a lower-case word looks like a past tense or
// participle ("vanished", "serving").
func verbForm(w string) bool {
	return len(w) > 4 && (hasSuffix(w, "ed") || hasSuffix(w, "ing"))
}

// reportTime reports whether a time dates the source's telling, not the
// event: "told Daily NK on Wednesday", "the source said last week".
func (d *doc) reportTime(t timeSpan) bool {
	if t.tb == 0 {
		return false
	}
	switch d.toks[t.tb-1].low {
	case "nk", "said", "says", "added", "reported", "explained":
		return true // "told in July that ..." dates an order, not a report
	}
	return false
}

// subordinateBetween reports whether a subordinate clause opens in
// [from, to) ("fled after being ordered to return within weeks"): a time
// beyond it belongs to the clause, not to the trigger.
func (d *doc) subordinateBetween(from, to int) bool {
	for i := from; i < to; i++ {
		switch d.toks[i].low {
		case "after", "before", "when", "until", "because", "unless", "if", "who", "which":
			return true
		}
	}
	return false
}

// isWord reports whether token i is the word w, whose vocabulary id is
// id: a token has a word's id exactly when it is that word, so the ids
// are compared unless id is 0 (w is not in the vocabulary, or the caller
// did not look it up).
func (d *doc) isWord(i int, w string, id int32) bool {
	if id != 0 {
		return d.toks[i].id == id
	}
	return d.toks[i].low == w
}

// hasWord reports whether [from, to) holds the word w, whose vocabulary
// id is id (0 to compare strings, as in isWord).
func (d *doc) hasWord(from, to int, w string, id int32) bool {
	if from >= to {
		return false
	}
	toks := d.toks[from:to]
	if id != 0 {
		for k := range toks {
			if toks[k].id == id {
				return true
			}
		}
		return false
	}
	for k := range toks {
		if toks[k].low == w {
			return true
		}
	}
	return false
}

// homeArg returns "home" or "back home" next to the trigger.
func (d *doc) homeArg(si, tb, te int) (argFound, bool) {
	s := d.sents[si]
	for i := tb; i < te; i++ {
		if d.is(i, lHome) {
			return argFound{tb: i, te: i + 1, mention: -1}, true
		}
	}
	if te < s.te && d.is(te, lHome) {
		return argFound{tb: te, te: te + 1, mention: -1}, true
	}
	if te+1 < s.te && d.toks[te].low == "back" && d.is(te+1, lHome) {
		return argFound{tb: te, te: te + 2, mention: -1}, true
	}
	if a, ok := d.ownCountry(te, s.te); ok {
		return a, true
	}
	for i := tb - 1; i >= s.tb && i >= tb-3; i-- {
		if d.is(i, lHome) {
			b := i
			if i > s.tb && d.toks[i-1].low == "back" {
				b = i - 1
			}
			return argFound{tb: b, te: i + 1, mention: -1}, true
		}
	}
	return argFound{}, false
}

// ownCountry finds "to their home country", "to his homeland", "to their
// country" in the trigger's clause after it ("returned 60 North Koreans to
// their home country"): the people's own country, named by a possessive.
func (d *doc) ownCountry(te, se int) (argFound, bool) {
	for i := te; i+2 < se && i <= te+10; i++ {
		if isClausePunct(&d.toks[i]) {
			break
		}
		if d.toks[i].low != "to" {
			continue
		}
		switch d.toks[i+1].low {
		case "their", "his", "her", "its", "our":
		default:
			continue
		}
		e := i + 2
		if d.is(e, lHome) && e+1 < se && d.toks[e+1].low == "country" {
			e++
		} else if !d.is(e, lHome) && d.toks[e].low != "country" {
			continue
		}
		return argFound{tb: i + 1, te: e + 1, mention: -1}, true
	}
	return argFound{}, false
}

// usedSet is the small set of mentions already given a role.
type usedSet struct {
	ms [8]int
	n  int
}

func (u *usedSet) add(mi int) {
	if u.n < len(u.ms) {
		u.ms[u.n] = mi
		u.n++
	}
}

func (u *usedSet) has(mi int) bool {
	for k := 0; k < u.n; k++ {
		if u.ms[k] == mi {
			return true
		}
	}
	return false
}

// objectFollows reports whether a noun phrase, a number or an amount
// starts at token i.
func (d *doc) objectFollows(s sentence, i int) bool {
	if i >= s.te {
		return false
	}
	t := &d.toks[i]
	if particles[t.low] && i+1 < s.te {
		// "hauled away the trader": the object after a particle.
		i++
		t = &d.toks[i]
	}
	return d.topAt[i] >= 0 || d.amountCover[i] >= 0 || t.kind == tkNumber || t.is(lPoss) && t.low != "that" || d.is(i, lMoney)
}

// keepsObject are participles that take an object in the passive too.
var keepsObject = map[string]bool{"handed": true, "given": true, "dealt": true, "meted": true, "granted": true, "awarded": true, "shown": true, "told": true, "offered": true}

// afterPlaceHead steps over "the Laotian capital of", "the Russian port
// city of", "the northeastern city of": a place named by its kind before
// its name. It returns i when no such head starts there.
func (d *doc) afterPlaceHead(i, limit int) int {
	// The head is at most "the" and four words, and "of" follows it
	// before the name: without an "of" there, there is none.
	if !d.hasWord(i+1, min(i+6, limit-1), "of", wOf) {
		return i
	}
	k := i
	if k < limit && d.toks[k].low == "the" {
		k++
	}
	for n := 0; n < 4 && k < limit && d.placeModifier(k); n++ {
		k++ // "Laotian", "Russian Far Eastern", "northeastern Chinese border"
	}
	if k > i && k+1 < limit && isPlaceKind(d.toks[k-1].low) && d.toks[k].low == "of" {
		return k + 1
	}
	return i
}

// placeModifier reports whether token k may stand in a place's head
// before its name: a capitalised word, a kind of place or a word of
// direction or setting ("northeastern", "remote").
func (d *doc) placeModifier(k int) bool {
	t := &d.toks[k]
	if t.has(flCap) {
		return t.kind == tkWord && !d.is(k, lPrep)
	}
	if isPlaceKind(t.low) {
		return true
	}
	switch t.low {
	case "northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern",
		"central", "remote", "small", "nearby", "mountain", "mountainous", "frontier", "rural", "northeast", "northwest", "southeast", "southwest":
		return true
	}
	return false
}

// isPlaceKind reports a noun naming a kind of place: a kind of town, or
// "capital", "border", "province".
func isPlaceKind(w string) bool {
	switch w {
	case "capital", "border", "resort", "industrial", "coastal", "province", "region":
		return true
	}
	return isTownKind(w)
}

// bareNoun reports whether token i is a lower-case common word that is
// no preposition, particle, auxiliary, adverb, gerund or home word: the
// object in "inspectors searched homes".
func (d *doc) bareNoun(s sentence, i int) bool {
	if i >= s.te {
		return false
	}
	t := &d.toks[i]
	if t.kind != tkWord || t.has(flCap) || particles[t.low] {
		return false
	}
	if d.is(i, lPrep) || d.is(i, lAux) || d.is(i, lAuxBe) || d.is(i, lHome) || d.is(i, lClauseBreak) {
		return false
	}
	return !hasSuffix(t.low, "ly") && !hasSuffix(t.low, "ing") && t.low != "to" && t.low != "and" && t.low != "or"
}

// isMany reports whether w counts a crowd without a number: "hundreds of
// them", "dozens of workers".
func isMany(w string) bool {
	switch w {
	case "dozens", "hundreds", "thousands", "scores", "tens":
		return true
	}
	return false
}

// quantified widens a pronoun argument to the crowd word that counts it:
// "sent back hundreds of them", "dozens of them were caught".
func (d *doc) quantified(a argFound, ok bool) (argFound, bool) {
	if ok && a.mention >= 0 && d.ms[a.mention].kind == mActor {
		return d.coordinated(a), ok
	}
	if !ok || a.mention < 0 || d.ms[a.mention].kind != mPronoun {
		return a, ok
	}
	k := a.tb
	if k >= 2 && d.toks[k-1].low == "of" && isMany(d.toks[k-2].low) {
		a.tb = k - 2
	}
	return a, ok
}
