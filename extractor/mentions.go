package extractor

// mKind is the kind of a mention.
type mKind uint8

const (
	mCountry mKind = iota
	mCity
	mRegion
	mAgency
	mOrg
	mActor
	mPronoun
	mGroupNoun
	mLoc
	mPerson // a named person ("Ri Song-chol", later "Ri")
)

// Country sentinels of a mention.
const (
	noCountry      = -1
	contextCountry = -2 // "the country's ...": resolved from context
)

// mention is an entity mention or a pronoun found by the chunker, over
// filtered tokens [tb, te). Top mentions are the noun phrases arguments are
// drawn from; nested ones (the country of "North Korean", the agency in
// "MSS agents") only feed the entity list.
type mention struct {
	kind    mKind
	tb, te  int
	top     bool
	country int    // country index, noCountry or contextCountry
	ref     int    // index in the gazetteer table of its kind, or -1
	head    int    // agency or organisation head index, or -1
	gov     bool   // a capital, or a pronoun, standing for a government body
	bare    bool   // a head or role with no nationality of its own
	regime  bool   // names the ruling power ("regime")
	count   int    // people counted ("Three ... agents")
	mods    string // modifiers of an actor, space separated
	plural  bool   // a plural group
	pron    string // pronoun kind
	slug    string // extra slug: region phrase or place suffix
	member  int    // actors: mention index of their agency, or -1
	place   int    // place-suffixed agencies and widened actors: mention index of the place, or -1
	core    int    // actors widened by a post-modifier: end of the head phrase, else 0
	sent    int    // sentence index
	ent     int    // resolved entity index, or -1
	acronym string // acronym defined right after the name, "(MSS)"
	named   bool   // a body named by capitalised words, its slug the name
}

func newMention(kind mKind, tb, te, sent int) mention {
	return mention{kind: kind, tb: tb, te: te, country: noCountry, ref: -1, head: -1, member: -1, place: -1, sent: sent, ent: -1}
}

// chunk finds the mentions of one sentence, left to right, longest first.
func (d *doc) chunk(si int) {
	s := d.sents[si]
	toks := d.toks[:s.te] // the tokens do not change while mentions are found
	for i := s.tb; i < len(toks); {
		t := &toks[i]
		if !t.has(flCap|flNPStart|flUpper) && t.kind != tkNumber && !approxAt(toks, i) {
			i++ // a plain word, where no mention starts
			continue
		}
		if t.has(flCap) && !d.inAmount(i) {
			if e := d.parseLocality(i, s.te, si); e > i {
				i = e
				continue
			}
			if e := d.parseName(i, s.te, si); e > i {
				i = e
				continue
			}
			// A word that starts a noun phrase gets its named body from
			// parseNP, with the nationality before it.
			if !t.has(flNPStart) {
				if e := d.parseNamedBody(i, s.te, si, nil); e > i {
					i = e
					continue
				}
			}
		}
		if !t.has(flNPStart|flUpper) && t.kind != tkNumber && !approxAt(toks, i) || d.inAmount(i) {
			i++
			continue
		}
		if e := d.parseNP(i, s.te, si); e > i {
			i = e
			continue
		}
		i++
	}
}

// parseLocality records a town part, town or region named by its shape
// at i: a North Korean neighbourhood or village ("Yuson-dong",
// "Songhu-ri"), a city district ("Huanggu District"), a county or
// province ("Pongsan County") or a town after its kind ("the port of
// Longkou"), the last three in the country of the last town named. It
// returns the end, or i.
func (d *doc) parseLocality(i, limit, si int) int {
	if i+1 >= limit || d.toks[i].kind != tkWord {
		return i
	}
	kind, te, country := mCity, i, noCountry
	switch {
	case i+2 < limit && d.toks[i+1].low == "-" && !d.toks[i+1].has(flSpaceBefore) && !d.toks[i+2].has(flSpaceBefore) &&
		(d.toks[i+2].low == "dong" || d.toks[i+2].low == "ri"):
		te = i + 3
		if c, ok := d.k.gaz.byCode["kp"]; ok {
			country = c
		}
	case d.toks[i+1].low == "district" && d.toks[i+1].has(flCap) && !d.starts(i, d.k.gaz.names.bit):
		te = i + 2
		country = d.lastTownCountry()
	case (d.toks[i+1].low == "county" || d.toks[i+1].low == "province") && d.toks[i+1].has(flCap) && !d.knownSpan(i, i+2):
		// "Pongsan County", "Dornogovi Province": a county or province
		// the gazetteer does not know, in the country of the last town.
		kind, te = mRegion, i+2
		country = d.lastTownCountry()
		if pm, e := d.townAt(i, i+1); e > i {
			country = pm.country // "Saebyol County": the town's country
		}
	case i >= 2 && d.toks[i-1].low == "of" && isTownKind(d.toks[i-2].low) && !d.starts(i, d.k.gaz.names.bit):
		// "the town of Mingyue", "the port of Longkou": a town named by
		// its kind that the gazetteer does not know.
		te = i + 1
		for te < limit && te < i+3 && d.toks[te].kind == tkWord && d.toks[te].has(flCap) {
			te++
		}
		country = d.lastTownCountry()
	default:
		return i
	}
	m := newMention(kind, i, te, si)
	m.top, m.country = true, country
	m.slug = d.lowSpan(i, m.te)
	d.add(m)
	return m.te
}

// knownSpan reports whether a gazetteer name covers tokens [b, e).
func (d *doc) knownSpan(b, e int) bool {
	if !d.starts(b, d.k.gaz.names.bit) {
		return false
	}
	ids, end := d.longest(d.k.gaz.names, b, e, d.idbuf2[:0])
	return len(ids) > 0 && end >= e
}

// isTownKind reports whether w names a kind of town: "the town of".
func isTownKind(w string) bool {
	switch w {
	case "town", "city", "village", "port", "township", "seaport", "county":
		return true
	}
	return false
}

// lastTownCountry returns the country of the last city named so far, or
// noCountry.
func (d *doc) lastTownCountry() int {
	for k := len(d.ms) - 1; k >= 0; k-- {
		if m := &d.ms[k]; m.kind == mCity && m.ref >= 0 {
			if c, ok := d.k.gaz.byCode[d.k.gaz.cities[m.ref].country]; ok {
				return c
			}
			return noCountry
		}
	}
	return noCountry
}

// parseName records a named person at i: a family name and a hyphenated
// given name ("Kim Myong-hee"), or a family name alone when that person
// was named in full before ("Kim said").
func (d *doc) parseName(i, limit, si int) int {
	if !d.is(i, lSurnames) {
		return i
	}
	if i+3 < limit && d.toks[i+1].has(flCap) && d.toks[i+1].kind == tkWord && d.toks[i+2].low == "-" &&
		!d.toks[i+2].has(flSpaceBefore) && !d.toks[i+3].has(flSpaceBefore) && d.toks[i+3].kind == tkWord {
		m := newMention(mPerson, i, i+4, si)
		m.top = true
		m.slug = d.lowSpan(i, i+4)
		d.add(m)
		return i + 4
	}
	// "Kim Jong Un": two short capitalised syllables, and no name
	// going on ("Kim Il Sung University").
	if i+2 < limit && d.syllable(i+1) && d.syllable(i+2) && !d.toks[i+2].has(flUpper) && (i+3 >= limit || !d.toks[i+3].has(flCap)) {
		m := newMention(mPerson, i, i+3, si)
		m.top = true
		m.slug = d.lowSpan(i, i+3)
		d.add(m)
		return i + 3
	}
	if i+1 < limit && d.toks[i+1].has(flCap) && d.toks[i+1].kind == tkWord {
		return i // another name
	}
	if i > 0 && isSurnameCue(d.toks[i-1].low) {
		// "identified only by her surname Kang", "Ms. Pak"
		m := newMention(mPerson, i, i+1, si)
		m.top = true
		m.slug = d.toks[i].low
		d.add(m)
		return i + 1
	}
	for k := len(d.ms) - 1; k >= 0; k-- {
		// The person named in full, or by the surname alone after a cue
		// ("a welder surnamed Ri", then "Ri").
		if o := &d.ms[k]; o.kind == mPerson && (o.te-o.tb >= 3 && d.toks[o.tb].low == d.toks[i].low || o.te-o.tb == 1 && o.slug == d.toks[i].low) {
			m := newMention(mPerson, i, i+1, si)
			m.top = true
			m.slug = o.slug
			d.add(m)
			return i + 1
		}
	}
	return i
}

// isSurnameCue reports a word after which a lone surname names a person.
func isSurnameCue(w string) bool {
	switch w {
	case "surname", "surnamed", "named", "mr", "mrs", "ms", "miss", "mr.", "mrs.", "ms.":
		return true
	}
	return false
}

// inAmount reports whether token i lies inside an amount.
func (d *doc) inAmount(i int) bool { return d.amountCover[i] >= 0 }

// add appends a mention and returns its index.
func (d *doc) add(m mention) int {
	d.ms = append(d.ms, m)
	return len(d.ms) - 1
}

// nationality is a country named by an adjective or possessive in front of
// a head, with its token span.
type nationality struct {
	country    int
	tb, te     int
	possessive bool
	capital    bool
}

// parseNP parses a noun phrase at i and records its mentions; it returns
// the end of the phrase, or i when there is none. A phrase is
// [quantifiers] [count] [nationalities] head, where the head is a named
// body, a head noun, a role, a pronoun, a group noun or a place.
func (d *doc) parseNP(i, limit, si int) int {
	if i >= limit {
		return i
	}
	g := d.k.gaz
	if d.toks[i].low == "those" {
		if e := d.parseThoseWho(i, limit, si); e > i {
			return e
		}
	}
	// Names that begin with a determiner ("the North") come first.
	if d.starts(i, g.quant.bit) && d.starts(i, g.names.bit) {
		if e := d.determinedPlace(i, limit, si); e > i {
			return e
		}
	}
	j := i
	for q := 0; q < 3 && j < limit && d.starts(j, g.quant.bit); q++ {
		// "third secretary" is a role, not an ordinal before one.
		if d.nameEnd(g.roleD, j, limit) > j {
			break
		}
		e := d.nameEnd(g.quant, j, limit)
		if e == j || d.inAmount(j) {
			break
		}
		j = e
	}
	start := j
	if j > i {
		start = d.distinctStart(i, j) // no quantifier: nothing to tell apart
	}
	if j >= limit {
		return i
	}
	if j > i && d.toks[j].low == "of" {
		return d.partitive(i, j, limit, si, 0) // "one of them", "each of the workers"
	}
	// "Both had fled": "both" standing alone for a pair named before.
	if start == i+1 && d.toks[i].low == "both" && (d.is(j, lAux) || d.is(j, lAuxBe) || d.toks[j].low == "had" || d.toks[j].low == "have") {
		m := newMention(mGroupNoun, i, i+1, si)
		m.top = true
		d.add(m)
		return i + 1
	}
	approx := start == j && approxAt(d.toks[:limit], j)
	if t := &d.toks[j]; !approx && !t.has(flNPStart) && t.kind != tkNumber && !t.has(flUpper) {
		return i // "the" before a word no entry starts with
	}
	count := 0
	if approx {
		j++ // "about 60 North Koreans": the approximation belongs to the count
	}
	numAt := j
	if d.numeric(j) {
		if v, e, ok := d.countAt(j, limit); ok {
			count, j = v, d.countRangeEnd(numAt, e, limit)
			start = d.vagueCountStart(i, start)
			if j < limit && d.toks[j].low == "of" {
				return d.partitive(i, j, limit, si, count) // "two of his soldiers"
			}
		}
	}
	if count > 1 && d.bareCount(i, numAt, j, limit) {
		m := newMention(mGroupNoun, i, j, si)
		m.count, m.top = count, true
		d.add(m)
		return j
	}
	// "two other workers", "the 11 remaining waitresses": a group told
	// apart from the one named before.
	db := j
	for count > 0 && j < limit && (isDistinctWord(d.toks[j].low) || d.toks[j].low == "remaining") {
		j++
	}
	de := j
	for j > i && j+1 < limit && isStateWord(d.toks[j].low) {
		j++ // "three missing North Korean workers": a state, not a name part
	}
	nats, j2 := []nationality(nil), j
	if j < limit && (d.starts(j, g.nats) || d.toks[j].low == "country") {
		var natArr [4]nationality // cleared only where a nationality may start
		nats, j2 = d.nationalities(j, limit, natArr[:0])
	}
	if len(nats) > 0 {
		n := len(d.ms)
		if e := d.parseCoreAt(j2, start, limit, si, nats, count); e > j2 {
			d.prefixMods(n, db, de)
			return d.postModifier(n, e, limit, si)
		}
		if count > 0 {
			return i
		}
		return d.bareNationality(nats, j2, si)
	}
	n := len(d.ms)
	if count == 0 && d.missAt(j) {
		return i
	}
	if e := d.parseCoreAt(j, start, limit, si, nil, count); e > j {
		d.markDistinct(n, start, db)
		d.prefixMods(n, db, de)
		d.bothGroup(i, start, n, si)
		return d.postModifier(n, d.familyPair(n, e, limit, si), limit, si)
	}
	if count == 0 {
		d.miss = headMiss{at: j + 1, ms: n, acronyms: len(d.acronyms)}
	}
	return i
}

// headMiss records a token where parseCoreAt, with no nationality or count
// before it, found no phrase: at is the token + 1, ms and acronyms the
// numbers of mentions and acronyms then. A failed "the office" makes the
// chunker try "office" next, and parseCoreAt there gives the same answer
// (the phrase start does not decide it) until a mention or an acronym is
// recorded.
type headMiss struct{ at, ms, acronyms int }

// missAt reports whether parseCoreAt is known to find nothing at token j.
func (d *doc) missAt(j int) bool {
	return d.miss.at == j+1 && d.miss.ms == len(d.ms) && d.miss.acronyms == len(d.acronyms)
}

// bareCount reports whether "the" or "all" at i and a count read from
// numAt to j stand alone for a group named before: "the six were handed
// over", "hand the three over", "all eleven into custody", "the other
// two were sent". Nothing that could be a noun follows.
func (d *doc) bareCount(i, numAt, j, limit int) bool {
	if numAt == i || d.toks[i].low != "the" && d.toks[i].low != "all" {
		return false
	}
	for k := i + 1; k < numAt; k++ {
		if w := d.toks[k].low; w != "the" && w != "other" && w != "remaining" {
			return false
		}
	}
	if j >= limit {
		return true
	}
	t := &d.toks[j]
	switch {
	case t.kind == tkPunct:
		return t.low != "-" && t.low != "'s"
	case t.low == "of" || t.has(flNPStart) || t.has(flUpper):
		return false
	}
	return d.is(j, lAux) || d.is(j, lAuxBe) || d.is(j, lPrep) || t.low == "had" || t.low == "have" || hasSuffix(t.low, "ed")
}

// determinedPlace records a place whose name begins with a determiner
// ("the North") at i; it returns the name's end, or i.
func (d *doc) determinedPlace(i, limit, si int) int {
	g := d.k.gaz
	if !d.pathOver(g.names, i, limit) {
		return i // no name goes on past the determiner
	}
	ids, e := d.longest(g.quant, i, limit, d.idbuf[:0])
	if len(ids) == 0 {
		return i
	}
	pids, pe := d.longest(g.names, i, limit, d.idbuf2[:0])
	if len(pids) == 0 || pe <= e {
		return i
	}
	// "the North Korean regime" is not "the North".
	if _, pe2 := d.longest(g.names, e, limit, d.idbuf2[:0]); pe2 < pe || pe2 == e {
		return d.parsePlace(i, limit, si, true)
	}
	return i
}

// postModifier widens a people phrase recorded from index n and ending at
// e over a modifier that says where they work or come from: "a trade
// representative based in Dalian", "two women from a seafood plant in
// nearby Dandong", "workers from other sites in the city". A bare place
// after "from" is left to the event ("deported 60 North Koreans from
// Jilin"). The places and bodies inside stay nested mentions. It returns
// the phrase end.
func (d *doc) postModifier(n, e, limit, si int) int {
	ai := -1
	for k := len(d.ms) - 1; k >= n; k-- {
		if m := &d.ms[k]; m.top && m.te == e {
			if m.kind == mActor {
				ai = k
			}
			break
		}
	}
	if ai < 0 || e+1 >= limit {
		return e
	}
	k, fromOnly := e, false
	switch {
	case (d.toks[e].low == "surnamed" || d.toks[e].low == "named") && d.toks[e+1].has(flCap):
		return d.nameTail(ai, e, limit, si) // "a man surnamed Ri"
	case d.toks[e].low == "from" || d.toks[e].low == "of" && isRelational(d.toks[e-1].low):
		k, fromOnly = e+1, true // "the families of defectors in Hyesan"
	case isPostedWord(d.toks[e].low) && (d.toks[e+1].low == "in" || d.toks[e+1].low == "at" || d.toks[e+1].low == "to"):
		k = e + 2
	default:
		return e
	}
	n2 := len(d.ms)
	end := d.parseNP(k, limit, si)
	if end > k {
		if fromOnly && (d.barePlaceFrom(n2) || d.genericFrom(n2)) {
			d.ms = d.ms[:n2] // a bare place: the event's origin
			return e
		}
	} else if end = d.siteNoun(k, limit); !fromOnly || end == k {
		return e
	}
	end = d.placeTail(end, limit, si)
	for x := n2; x < len(d.ms); x++ {
		d.ms[x].top = false
		if d.ms[x].kind <= mRegion {
			d.ms[ai].place = x // the last place: "in nearby Dandong"
		}
	}
	d.ms[ai].core, d.ms[ai].te = e, end
	return end
}

// nameTail widens the people phrase at index ai over "surnamed Ri" or
// "named Pak Sun-hui" at e; a full name stays a nested person.
func (d *doc) nameTail(ai, e, limit, si int) int {
	n2 := len(d.ms)
	end := d.parseName(e+1, limit, si)
	if end == e+1 {
		end = e + 2
		for end+1 < limit && d.toks[end].low == "-" && !d.toks[end].has(flSpaceBefore) && !d.toks[end+1].has(flSpaceBefore) {
			end += 2 // "Sun-hui"
		}
	}
	for x := n2; x < len(d.ms); x++ {
		d.ms[x].top = false
	}
	d.ms[ai].core, d.ms[ai].te = e, end
	return end
}

// barePlaceFrom reports whether the first top mention recorded from
// index n is a country, city or region.
func (d *doc) barePlaceFrom(n int) bool {
	for x := n; x < len(d.ms); x++ {
		if d.ms[x].top {
			return d.ms[x].kind <= mRegion
		}
	}
	return true
}

// ownedBy reports whether "of" and a people phrase follow a relational
// noun ending at e: bare "families" names no one, "families of defectors"
// does.
func (d *doc) ownedBy(e, limit int) bool {
	if e+1 >= limit || d.toks[e].low != "of" || !isRelational(d.toks[e-1].low) || !d.toks[e+1].has(flNPStart) {
		return false
	}
	w := d.toks[e+1].low
	return w != "those" && d.k.gaz.pronouns[w] != pronGeneric
}

// genericFrom reports whether the first top mention recorded from index n
// is a generic pronoun ("families of anyone who ...", "families of people
// who left"): the relative clause belongs to it.
func (d *doc) genericFrom(n int) bool {
	for x := n; x < len(d.ms); x++ {
		if d.ms[x].top {
			return d.ms[x].pron == pronGeneric
		}
	}
	return false
}

// isRelational reports a people noun named by whom it belongs to
// ("families of defectors", "members of the crew").
func isRelational(w string) bool {
	switch w {
	case "families", "family", "relatives", "members", "wives", "children", "parents", "heads", "leaders":
		return true
	}
	return false
}

// isPostedWord reports a participle that ties people to a place ("based
// in", "stationed at").
func isPostedWord(w string) bool {
	switch w {
	case "based", "stationed", "posted", "working", "employed", "dispatched", "assigned":
		return true
	}
	return false
}

// siteNoun returns the end of "[quantifiers] site(s)" and the like at k,
// or k.
func (d *doc) siteNoun(k, limit int) int {
	for q := 0; q < 3 && k < limit; q++ {
		ids, e := d.longest(d.k.gaz.quant, k, limit, d.idbuf[:0])
		if len(ids) == 0 {
			break
		}
		k = e
	}
	if k < limit {
		switch d.toks[k].low {
		case "site", "sites", "camp", "camps", "post", "posts", "workplace", "workplaces", "farm", "farms", "mine", "mines", "unit", "units":
			return k + 1
		}
	}
	return k
}

// placeTail returns the end of "in [nearby|the] <place>" or "in the
// city|district|area" at e, recording the place as a mention, or e.
func (d *doc) placeTail(e, limit, si int) int {
	if e+1 >= limit || d.toks[e].low != "in" {
		return e
	}
	k := e + 1
	if h := d.afterPlaceHead(k, limit); h > k {
		k = h // "in the border city of Dandong"
	} else if d.toks[k].low == "nearby" || d.toks[k].low == "the" {
		k++
	}
	if k >= limit {
		return e
	}
	if pe := d.parsePlace(k, limit, si, true); pe > k {
		return pe
	}
	switch d.toks[k].low {
	case "city", "district", "area", "county", "province", "region", "town", "village":
		return k + 1
	}
	return e
}

// partitive records "two of his soldiers", "one of them": the people
// phrase after "of" at j, widened to start at i and to carry the count.
// It returns the phrase end, or i when no people follow.
func (d *doc) partitive(i, j, limit, si, count int) int {
	n := len(d.ms)
	e := d.parseNP(j+1, limit, si)
	if e <= j+1 {
		return i
	}
	for k := n; k < len(d.ms); k++ {
		m := &d.ms[k]
		if !m.top || m.te != e || (m.kind != mActor && m.kind != mPronoun && m.kind != mGroupNoun) {
			continue
		}
		m.tb = i
		if count > 0 {
			m.count, m.plural = count, count > 1
		}
		break
	}
	return e
}

// isDistinctWord reports a word that sets one person or group apart from
// others of the same role: "other", "another" or an ordinal ("a sixth
// member").
func isDistinctWord(w string) bool {
	switch w {
	case "other", "another", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth":
		return true
	}
	return false
}

// isStateWord reports a word that says what befell a group before its
// nationality or role: "missing", "fugitive", "drifting".
func isStateWord(w string) bool {
	switch w {
	case "missing", "fugitive", "drifting", "stranded", "runaway", "detained", "captured", "jailed", "escaped", "stowaway":
		return true
	}
	return false
}

// countRangeEnd returns the end of a count range whose first number reads
// [num, e): "10 to 20", "five or six", "between 10 and 20". Without a
// second number it returns e.
func (d *doc) countRangeEnd(num, e, limit int) int {
	if e+1 >= limit || !d.numeric(e+1) {
		return e
	}
	switch d.toks[e].low {
	case "to", "or", "-":
	case "and":
		if num == 0 || d.toks[num-1].low != "between" {
			return e
		}
	default:
		return e
	}
	if _, e2, ok := d.countAt(e+1, limit); ok {
		return e2
	}
	return e
}

// approxAt reports whether an approximate count starts at token i of toks
// ("about 60").
func approxAt(toks []token, i int) bool {
	return i+1 < len(toks) && toks[i+1].kind == tkNumber && isApprox(toks[i].low)
}

// isApprox reports a word that makes the number after it approximate.
func isApprox(w string) bool {
	switch w {
	case "about", "around", "roughly", "nearly", "almost", "approximately", "some", "between":
		return true
	}
	return false
}

// vagueCountStart returns where a counted phrase starts whose quantifiers,
// from i, end at start: at "several", "some" or "a few" right before the
// count ("several hundred North Koreans", "some 40 workers"), else at
// start.
func (d *doc) vagueCountStart(i, start int) int {
	if start-1 < i {
		return start
	}
	switch d.toks[start-1].low {
	case "several", "some":
		return start - 1
	case "few":
		if start-2 >= i && d.toks[start-2].low == "a" {
			return start - 2
		}
	}
	return start
}

// distinctStart returns where a phrase whose quantifiers end at j starts
// when they end in a distinguishing word ("the other", "another", "a
// sixth"): at that word or its determiner; otherwise at j.
func (d *doc) distinctStart(i, j int) int {
	k := j
	for k > i && isDistinctWord(d.toks[k-1].low) {
		k--
	}
	if k == j {
		return j
	}
	if k > i {
		if w := d.toks[k-1].low; w == "the" || w == "a" || w == "an" {
			k--
		}
	}
	return k
}

// markDistinct gives the actor recorded at index n, whose phrase starts at
// start with distinguishing words before j, those words as modifiers, so
// that "the other woman" is not the group of women named before.
func (d *doc) markDistinct(n, start, j int) {
	if start == j || n >= len(d.ms) {
		return
	}
	m := &d.ms[n]
	if m.kind != mActor || !m.top {
		return
	}
	k := start
	if !isDistinctWord(d.toks[k].low) {
		k++
	}
	d.prefixMods(n, k, j)
}

// prefixMods puts the words [b, e) before the modifiers of the actor
// recorded at index n.
func (d *doc) prefixMods(n, b, e int) {
	if b >= e || n >= len(d.ms) || d.ms[n].kind != mActor {
		return
	}
	m := &d.ms[n]
	if m.mods == "" {
		m.mods = d.lowSpan(b, e)
	} else {
		m.mods = d.lowSpan(b, e) + " " + m.mods
	}
}

// familyPair joins "a mother and her son", "a woman and her two
// daughters", "his wife and teenage son" into one group: the person
// recorded at index n, "and", a possessive and a second person, or two
// kin with the possessive of the first ("Pak's wife and son"). It returns
// the end of the phrase.
func (d *doc) familyPair(n, e, limit, si int) int {
	if n >= len(d.ms) || e+2 > limit || d.toks[e].low != "and" || d.toks[e+1].low == "its" {
		return e
	}
	poss := d.is(e+1, lPoss)
	m := &d.ms[n]
	if m.kind != mActor || !m.top || m.te != e || m.plural || !poss && !isKin(d.toks[e-1].low) {
		return e
	}
	k := len(d.ms)
	e2 := d.parseNP(e+1, limit, si)
	if e2 <= e+1 || len(d.ms) != k+1 || d.ms[k].kind != mActor || !d.ms[k].bare || !poss && !isKin(d.toks[e2-1].low) {
		d.ms = d.ms[:k]
		return e
	}
	second := d.ms[k]
	d.ms = d.ms[:k]
	m = &d.ms[n]
	if !poss {
		m.tb = d.possessorStart(m.tb, si)
	}
	m.te = e2
	m.plural = true
	m.count = 1 + max(second.count, 1)
	m.slug = d.lowSpan(m.tb, e2)
	return e2
}

// isKin reports a word naming a relative.
func isKin(w string) bool {
	switch w {
	case "wife", "husband", "son", "sons", "daughter", "daughters", "mother", "father", "parents",
		"brother", "brothers", "sister", "sisters", "children", "child", "grandparents", "grandchildren":
		return true
	}
	return false
}

// possessorStart returns where the possessor before token tb starts: at
// "his", "her" or "their", or at the person or group before "'s"; else tb.
func (d *doc) possessorStart(tb, si int) int {
	sb := d.sents[si].tb
	if tb-1 < sb {
		return tb
	}
	switch d.toks[tb-1].low {
	case "his", "her", "their", "our":
		return tb - 1
	case "'s":
		for k := len(d.ms) - 1; k >= 0 && d.ms[k].sent == si; k-- {
			if d.ms[k].te == tb-1 {
				return d.ms[k].tb
			}
		}
	}
	return tb
}

// syllable reports a capitalised word of two to four letters, the shape of a romanised Korean syllable ("Jong", "Un", "Il").
func (d *doc) syllable(i int) bool {
	t := &d.toks[i]
	return t.kind == tkWord && t.has(flCap) && t.has(flSpaceBefore) && len(t.low) >= 2 && len(t.low) <= 4
}

// bothGroup turns "both men", "the two women" (a bare generic role after
// "both" or "the two") recorded from index n into a group noun that stands
// for the pair named before.
func (d *doc) bothGroup(i, start, n, si int) {
	if n >= len(d.ms) || start-i < 1 || start-i > 2 {
		return
	}
	w0 := d.toks[i].low
	if !(w0 == "both" || w0 == "the" && start-i == 1 && d.toks[start].low == "two") && !(w0 == "the" && start-i == 2 && d.toks[i+1].low == "two") {
		return
	}
	m := &d.ms[n]
	if m.kind != mActor || !m.bare || m.tb != start && !(w0 == "the" && m.tb == start+1) {
		return
	}
	switch d.toks[m.te-1].low {
	case "men", "women", "people":
		m.kind = mGroupNoun
		m.tb = i
	}
}

// parseCoreAt parses a head phrase at j: a named body (optionally followed
// by a role: "MSS agents"), a head noun, a role, a pronoun, a group noun, a
// generic location or a place name. spanStart is where the phrase starts.
// It returns the phrase end, or j when there is none.
func (d *doc) parseCoreAt(j, spanStart, limit, si int, nats []nationality, count int) int {
	if j >= limit {
		return j
	}
	// Each parser needs its head to start with a word of its
	// dictionaries (or an acronym, or an age); the others are skipped.
	g := d.k.gaz
	names := d.starts(j, g.names.bit)
	if d.starts(j, g.bodies) || d.toks[j].has(flUpper) {
		if e := d.parseBody(j, spanStart, limit, si, nats, count); e > j {
			return e
		}
	}
	if count == 0 && d.toks[j].has(flCap) {
		if e := d.parseNamedBody(j, limit, si, nats); e > j {
			return e
		}
	}
	if d.starts(j, g.roleD.bit|g.heads.bit|g.modsD.bit) || d.toks[j].kind == tkNumber {
		if e := d.parseHeaded(j, spanStart, limit, si, nats, count); e > j {
			return e
		}
	}
	if len(nats) > 0 {
		return d.possessedPlace(j, limit, si, nats, count) // j when there is none
	}
	if count > 0 {
		return j
	}
	if d.starts(j, g.group.bit) {
		if e := d.parsePronoun(j, spanStart, limit, si); e > j {
			return e
		}
	}
	if !names {
		return j
	}
	if pm, te := d.townAt(j, limit); te > j {
		if e := d.placeAgency(&pm, te, spanStart, limit, si); e > j {
			return e
		}
		if e := d.placeActor(&pm, te, spanStart, limit, si); e > j {
			return e
		}
	}
	return d.parsePlace(j, limit, si, true) // j when there is none
}

// placeActor records a group named by its town or region before the role
// ("Sinuiju households", "Hyesan residents"): the place pm, which ends at
// e, is nested and gives the group its country.
func (d *doc) placeActor(pm *town, e, spanStart, limit, si int) int {
	j := pm.tb
	rEnd, role, mods, _ := d.roleAt(e, limit)
	if rEnd == e || !d.isPlural(rEnd-1) {
		return j
	}
	a := newMention(mActor, spanStart, rEnd, si)
	a.ref, a.mods, a.top, a.plural = role, mods, true, true
	a.country = pm.country
	a.place = d.add(pm.mention(si))
	d.add(a)
	return rEnd
}

// town is a city or region of a known country named at tokens [tb, te).
type town struct {
	kind    mKind // mCity or mRegion
	tb, te  int
	ref     int // index in the gazetteer's cities or regions
	country int
}

// mention returns the town's mention in sentence si.
func (t *town) mention(si int) mention {
	m := newMention(t.kind, t.tb, t.te, si)
	m.ref, m.country = t.ref, t.country
	return m
}

// townAt returns a city or region of a known country named at j and its
// end, or j when there is none.
func (d *doc) townAt(j, limit int) (town, int) {
	g := d.k.gaz
	ids, e := d.longest(g.names, j, limit, d.idbuf[:0])
	for _, id := range ids {
		en := &g.names.entries[id]
		var pm town
		switch en.kind {
		case ekCity:
			pm = town{kind: mCity, tb: j, te: e, country: g.cities[en.ref].countryAt}
		case ekRegion:
			pm = town{kind: mRegion, tb: j, te: e, country: g.regions[en.ref].countryAt}
		default:
			continue
		}
		pm.ref = en.ref
		if pm.country < 0 {
			return town{}, j
		}
		return pm, e
	}
	return town{}, j
}

// placeAgency records a state body named by its place before the head
// ("Hyesan police", "the Musan county security office", "Hyesan detention
// center"): the place pm, which ends at e, is nested, the country is the
// place's.
func (d *doc) placeAgency(pm *town, e, spanStart, limit, si int) int {
	g := d.k.gaz
	j := pm.tb
	k := e
	for k < limit && k < e+2 && isPlaceLevel(d.toks[k].low) {
		k++
	}
	hids, he := d.longest(g.heads, k, limit, d.idbuf2[:0])
	if len(hids) == 0 || g.heads.entries[hids[0]].kind != ekAgencyHead {
		return j
	}
	m := newMention(mAgency, spanStart, he, si)
	m.head, m.country, m.top = g.heads.entries[hids[0]].ref, pm.country, true
	m.place = d.add(pm.mention(si))
	m.slug = d.lowSpan(j, e)
	d.add(m)
	return he
}

// isPlaceLevel reports a word naming the level of a local body ("county
// security office").
func isPlaceLevel(w string) bool {
	switch w {
	case "county", "city", "provincial", "municipal", "district", "local", "border":
		return true
	}
	return false
}

// possessedPlace records a region or city after its country's possessive
// ("Russia's Amur Oblast", "China's Dandong") as one place phrase, with the
// country nested in it.
func (d *doc) possessedPlace(j, limit, si int, nats []nationality, count int) int {
	if len(nats) != 1 || !nats[0].possessive || nats[0].capital || nats[0].country < 0 || count > 0 {
		return j
	}
	n := len(d.ms)
	e := d.parsePlace(j, limit, si, true)
	if e <= j || len(d.ms) != n+1 || d.ms[n].kind != mRegion && d.ms[n].kind != mCity {
		d.ms = d.ms[:n]
		return j
	}
	d.ms[n].tb = nats[0].tb
	d.addNationalities(nats, si)
	return e
}

// numeric reports whether token i is digits or a number word, as every
// count starts with.
func (d *doc) numeric(i int) bool {
	t := &d.toks[i]
	return t.kind == tkNumber || t.has(flNumberWord)
}

// countAt parses a count of people: digits or a number word, not "a".
func (d *doc) countAt(j, limit int) (int, int, bool) {
	if j >= limit || d.inAmount(j) {
		return 0, j, false
	}
	t := &d.toks[j]
	if t.low == "a" || t.low == "an" || t.low == "half" {
		return 0, j, false
	}
	if t.kind == tkNumber && isYear(t) {
		return 0, j, false
	}
	v, e, ok := d.numberAt(j, limit, d.k.lex)
	if !ok || v < 1 || v > 1e7 {
		return 0, j, false
	}
	// "44-year-old" is an age, not a count.
	if e < limit && d.toks[e].low == "-" {
		return 0, j, false
	}
	return int(v), e, true
}

// nationalities parses adjectives joined by hyphens ("Sino-Mongolian",
// "US-North Korean"), or one possessive country or capital ("China's",
// "Beijing's", "the country's").
func (d *doc) nationalities(j, limit int, out []nationality) ([]nationality, int) {
	g := d.k.gaz
	for j < limit {
		if d.toks[j].low == "country" && j+1 < limit && d.toks[j+1].low == "'s" && j > 0 && d.toks[j-1].low == "the" {
			return append(out[:0], nationality{country: contextCountry, tb: j, te: j + 1, possessive: true}), j + 2
		}
		ids, e := d.longest(g.names, j, limit, d.idbuf[:0])
		if len(ids) == 0 {
			break
		}
		poss := e < limit && d.toks[e].low == "'s"
		var n nationality
		found := false
		for _, id := range ids {
			en := &g.names.entries[id]
			switch {
			case en.kind == ekAdjective && !poss:
				n, found = nationality{country: en.ref, tb: j, te: e}, true
			case en.kind == ekCountry && poss && len(out) == 0:
				n, found = nationality{country: en.ref, tb: j, te: e, possessive: true}, true
			case en.kind == ekCity && poss && len(out) == 0 && g.capitalOf(en.ref) >= 0:
				n, found = nationality{country: g.capitalOf(en.ref), tb: j, te: e, possessive: true, capital: true}, true
			case en.kind == ekCountry && !poss && e < limit && d.toks[e].low == "-" && !d.toks[e].has(flSpaceBefore):
				n, found = nationality{country: en.ref, tb: j, te: e}, true
			case en.kind == ekCountry && !poss && len(out) == 0 && d.regionHeadAt(e, limit):
				n, found = nationality{country: en.ref, tb: j, te: e}, true // "the Laos border"
			}
			if found {
				break
			}
		}
		if !found {
			break
		}
		out = append(out, n)
		if n.possessive {
			return out, e + 1
		}
		j = e
		if j+1 < limit && d.toks[j].low == "-" && !d.toks[j].has(flSpaceBefore) && !d.toks[j+1].has(flSpaceBefore) {
			j++
			continue
		}
		break
	}
	if len(out) == 0 {
		return nil, j
	}
	return out, j
}

// natCountry returns the country a phrase's nationalities give it.
func natCountry(nats []nationality) int {
	if len(nats) == 0 {
		return noCountry
	}
	return nats[len(nats)-1].country
}

// addNationalities records the countries of adjectives as nested mentions.
func (d *doc) addNationalities(nats []nationality, si int) {
	for _, n := range nats {
		if n.country < 0 {
			continue
		}
		if n.capital {
			continue
		}
		m := newMention(mCountry, n.tb, n.te, si)
		m.country = n.country
		m.ref = n.country
		d.add(m)
	}
}

// bareNationality handles adjectives or a possessive with no head after
// them: the countries are nested mentions, a possessive country or capital
// a top one.
func (d *doc) bareNationality(nats []nationality, end, si int) int {
	last := nats[len(nats)-1]
	if last.possessive && last.country >= 0 {
		kind := mCountry
		m := newMention(kind, last.tb, last.te, si)
		m.country = last.country
		m.ref = last.country
		m.top = true
		if last.capital {
			m.kind = mAgency
			m.gov = true
			m.ref = -1
		}
		d.add(m)
		return last.te
	}
	d.addNationalities(nats, si)
	return nats[len(nats)-1].te
}

// parseBody parses a named agency or organisation at j, with an acronym
// in brackets after it, and a role after that ("MSS agents").
func (d *doc) parseBody(j, spanStart, limit, si int, nats []nationality, count int) int {
	g := d.k.gaz
	ids, e := d.longest(g.names, j, limit, d.idbuf[:0])
	kind, ref := mKind(0), -1
	want := natCountry(nats)
	for _, id := range ids {
		en := &g.names.entries[id]
		switch en.kind {
		case ekAgency:
			a := g.agencies[en.ref]
			if ref < 0 || kind != mAgency || (want >= 0 && g.countries[want].code == a.country) || (want < 0 && !a.contextual && g.agencies[ref].contextual) {
				kind, ref = mAgency, en.ref
			}
		case ekOrg:
			if ref < 0 {
				kind, ref = mOrg, en.ref
			}
		}
	}
	if e <= j+1 && d.toks[j].has(flUpper) {
		if acr, ok := d.acronyms[d.toks[j].low]; ok {
			if acr.ref < 0 {
				return d.namedAcronym(acr, j, si)
			}
			kind, ref, e = acr.kind, acr.ref, j+1
		}
	}
	if ref < 0 {
		return j
	}
	body := newMention(kind, j, e, si)
	body.ref = ref
	if kind == mAgency {
		body.country = d.k.gaz.byCode[g.agencies[ref].country]
	}
	end := e
	// "Ministry of State Security (MSS)"
	if e+2 < limit && d.toks[e].low == "(" && d.toks[e+1].has(flUpper) && d.toks[e+2].low == ")" {
		body.acronym = d.toks[e+1].low
		d.acronyms[body.acronym] = acronymDef{kind: kind, ref: ref}
		end = e + 3
	}
	if rEnd, role, mods, _ := d.roleAt(end, limit); rEnd > end {
		d.addNationalities(nats, si)
		bi := d.add(body)
		if body.acronym != "" {
			am := newMention(kind, e+1, e+2, si)
			am.ref, am.country = ref, body.country
			d.add(am)
		}
		a := newMention(mActor, spanStart, rEnd, si)
		a.ref, a.mods, a.member, a.count, a.top = role, mods, bi, count, true
		a.country = natOr(nats, body.country)
		a.plural = d.isPlural(rEnd - 1)
		d.add(a)
		return rEnd
	}
	if count > 0 {
		return j
	}
	d.addNationalities(nats, si)
	body.tb = spanStart
	if len(nats) > 0 && nats[0].possessive {
		body.tb = nats[0].tb
	}
	body.top = true
	d.add(body)
	if body.acronym != "" {
		am := newMention(kind, e+1, e+2, si)
		am.ref, am.country = ref, body.country
		d.add(am)
	}
	return end
}

func natOr(nats []nationality, def int) int {
	if c := natCountry(nats); c != noCountry {
		return c
	}
	return def
}

// isPlural reports whether the head word at i looks plural.
func (d *doc) isPlural(i int) bool {
	w := d.toks[i].low
	switch w {
	case "people", "men", "women", "staff", "personnel", "police", "crew", "businesspeople", "fishermen", "seamen", "middlemen", "policemen", "businessmen", "businesswomen", "nationals":
		return true
	}
	return len(w) > 2 && w[len(w)-1] == 's' && w[len(w)-2] != 's'
}

// parseNamedBody records an agency or organisation the gazetteer does not
// know, named by capitalised words with a generic head that ends the name
// ("the Immigration Department", "Sobaeksu Trading Company") or opens it
// before "of" ("Ministry of Land and Maritime Transport"), and an acronym
// defined after it. A nationality before it gives its country. It returns
// the end, or j.
func (d *doc) parseNamedBody(j, limit, si int, nats []nationality) int {
	e, kind := d.namedBodyEnd(j, limit)
	if e <= j {
		return j
	}
	m := newMention(kind, j, e, si)
	m.named, m.top, m.country = true, true, natCountry(nats)
	m.slug = d.lowSpan(j, e)
	end := e
	if e+2 < limit && d.toks[e].low == "(" && d.toks[e+1].has(flUpper) && d.toks[e+2].low == ")" {
		m.acronym = d.toks[e+1].low
		d.acronyms[m.acronym] = acronymDef{kind: kind, ref: -1, slug: m.slug, country: m.country}
		end = e + 3
	}
	d.addNationalities(nats, si)
	d.add(m)
	if m.acronym != "" {
		am := newMention(kind, e+1, e+2, si)
		am.named, am.slug, am.country = true, m.slug, m.country
		d.add(am)
	}
	return end
}

// namedBodyEnd returns the end of a body's name at j and its kind, or j:
// a run of capitalised words (joined by "of", "and", "for") that goes on
// past any gazetteer name at j, names no group of people, and has its
// head last or first before "of".
func (d *doc) namedBodyEnd(j, limit int) (int, mKind) {
	g := d.k.gaz
	if d.is(j, lPoss) || d.is(j, lPrep) || d.is(j, lClauseBreak) || d.is(j, lAux) || d.is(j, lAuxBe) || d.is(j, lTimePreps) {
		return j, 0 // "The", "Although" opening a sentence
	}
	k, words, last, org := j, 0, false, false
	for k < limit && k < j+8 {
		t := &d.toks[k]
		if t.kind == tkWord && t.has(flCap) {
			words++
			last = d.is(k, lAgencyNameHeads) || d.is(k, lOrgNameHeads)
			org = org || d.is(k, lOrgNameHeads)
			k++
			continue
		}
		if (t.low == "of" || t.low == "and" || t.low == "for") && words > 0 && k+1 < limit && d.toks[k+1].kind == tkWord && d.toks[k+1].has(flCap) {
			k++
			continue
		}
		break
	}
	first := d.is(j, lAgencyNameHeads) || d.is(j, lOrgNameHeads)
	if words < 2 || !last && !(first && d.toks[j+1].low == "of") {
		return j, 0
	}
	known := j
	if d.starts(j, g.names.bit) {
		if ids, e := d.longest(g.names, j, limit, d.idbuf2[:0]); len(ids) > 0 {
			known = e
			org = org || g.names.entries[ids[0]].kind == ekOrg // "United Nations Security Council"
		}
	}
	if k <= known {
		return j, 0
	}
	for i := known; i < k; i++ {
		if ids, _ := d.longest(g.roleD, i, k, d.idbuf2[:0]); len(ids) > 0 {
			return j, 0 // "Workers Flee ...": a headline in title case
		}
	}
	if org {
		return k, mOrg
	}
	return k, mAgency
}

// namedAcronym records a later use of the acronym of a named body.
func (d *doc) namedAcronym(acr acronymDef, j, si int) int {
	m := newMention(acr.kind, j, j+1, si)
	m.named, m.top, m.slug, m.country = true, true, acr.slug, acr.country
	d.add(m)
	return j + 1
}

// acronymDef is a body an acronym was defined for in this article: a
// gazetteer body (ref), or a named body (ref -1, its slug and country).
type acronymDef struct {
	kind    mKind
	ref     int
	slug    string
	country int
}

// roleAt parses modifiers and a role noun at j ("trade officials",
// "44-year-old guide", "individual responsible").
func (d *doc) roleAt(j, limit int) (end, role int, mods string, modEnd int) {
	g := d.k.gaz
	k := j
	// Modifier spans, made into text only when a role noun follows.
	var spanBuf [8][2]int
	spans := spanBuf[:0]
	for k < limit && (d.starts(k, g.roleD.bit|g.heads.bit|g.modsD.bit) || d.toks[k].kind == tkNumber) {
		if e := d.ageAt(k, limit); e > k {
			k = e
			continue
		}
		if ids, e := d.longest(g.roleD, k, limit, d.idbuf[:0]); len(ids) > 0 {
			// "border guards" is a role, but "border police" a head.
			if d.nameEnd(g.heads, k, limit) > e {
				return j, -1, "", k
			}
			if d.nameEnd(g.roleD, e, limit) > e {
				// "border guard officer": the last role noun is the head.
				spans = append(spans, [2]int{k, e})
				k = e
				continue
			}
			if e < limit && d.is(e, lNotRoleBefore) {
				return j, -1, "", k // "student visas"
			}
			r := g.roleD.entries[ids[0]].ref
			if e < limit && d.toks[e].low == "responsible" {
				e++
			}
			return e, r, d.joinSpans(spans), k
		}
		if k > j {
			// "garment factory": stop before a head noun.
			if d.nameEnd(g.heads, k, limit) > k {
				break
			}
		}
		e := d.nameEnd(g.modsD, k, limit)
		if e == k || d.inAmount(k) {
			break
		}
		spans = append(spans, [2]int{k, e})
		k = e
	}
	return j, -1, "", k
}

// ageAt skips an age like "44-year-old" at k.
func (d *doc) ageAt(k, limit int) int {
	if k+4 < limit+1 && k+4 <= limit-1+1 && d.toks[k].kind == tkNumber && k+4 < limit &&
		d.toks[k+1].low == "-" && d.toks[k+2].low == "year" && d.toks[k+3].low == "-" && d.toks[k+4].low == "old" {
		return k + 5
	}
	return k
}

// joinSpans returns the lower-case text of each span, joined by spaces.
func (d *doc) joinSpans(spans [][2]int) string {
	out := ""
	for i, sp := range spans {
		if i > 0 {
			out += " "
		}
		out += d.lowSpan(sp[0], sp[1])
	}
	return out
}

// lowSpan returns the lower-case text of tokens [b, e) joined by spaces,
// with hyphens kept tight.
func (d *doc) lowSpan(b, e int) string {
	if e == b+1 {
		return d.toks[b].low // one word: nothing to join
	}
	out := ""
	for k := b; k < e; k++ {
		t := &d.toks[k]
		if k > b && t.has(flSpaceBefore) {
			out += " "
		}
		out += t.low
	}
	return out
}

// parseHeaded parses modifiers followed by a head noun (agency,
// organisation or region head) or a role.
func (d *doc) parseHeaded(j, spanStart, limit, si int, nats []nationality, count int) int {
	g := d.k.gaz
	rEnd, role, mods, k := d.roleAt(j, limit)
	if role >= 0 && d.headPastRole(j, rEnd, limit) {
		role = -1 // "defector organization": a body, not defectors
	}
	if role >= 0 {
		if len(nats) == 0 && count == 0 && mods == "" && d.notPeople(j) && !d.ownedBy(rEnd, limit) {
			return j
		}
		d.addNationalities(nats, si)
		a := newMention(mActor, spanStart, rEnd, si)
		a.ref, a.mods, a.count, a.top = role, mods, count, true
		a.country = natCountry(nats)
		if rc := d.k.gaz.roles[role].country; rc >= 0 {
			a.country = rc
			d.addRoleCountry(j, rEnd, rc, si)
		}
		a.bare = a.country == noCountry
		a.plural = count > 1 || d.isPlural(rEnd-1) || (rEnd-1 > j && d.toks[rEnd-1].low == "responsible" && d.isPlural(rEnd-2))
		if len(nats) > 0 && nats[0].possessive {
			a.tb = nats[0].tb
		}
		d.add(a)
		return rEnd
	}
	if count > 0 {
		return j
	}
	ids, e := d.longest(g.heads, j, limit, d.idbuf[:0])
	if len(ids) > 0 {
		k, mods = j, ""
	} else if k > j {
		ids, e = d.longest(g.heads, k, limit, d.idbuf[:0]) // a head after the modifiers
	}
	if len(ids) == 0 {
		return j
	}
	en := &g.heads.entries[ids[0]]
	switch en.kind {
	case ekAgencyHead:
		return d.agencyHead(en.ref, j, spanStart, k, e, limit, si, nats)
	case ekOrgHead:
		h := g.oHeads[en.ref]
		if len(nats) == 0 && !h.bare {
			return j
		}
		d.addNationalities(nats, si)
		m := newMention(mOrg, spanStart, e, si)
		m.head, m.country, m.top = en.ref, natCountry(nats), true
		m.bare = m.country == noCountry
		m.mods = mods
		d.add(m)
		return e
	case ekRegionHead:
		if len(nats) == 0 || k != j {
			return j
		}
		return d.regionPhrase(nats, e, limit, si)
	case ekGenericLoc:
		if len(nats) > 0 || k != j {
			return j
		}
		m := newMention(mLoc, j, e, si)
		m.top = true
		d.add(m)
		return e
	}
	return j
}

// headPastRole reports whether a head noun entry starting at j runs past
// the role that ends at rEnd.
func (d *doc) headPastRole(j, rEnd, limit int) bool {
	if !d.starts(j, d.k.gaz.heads.bit) {
		return false
	}
	ids, e := d.longest(d.k.gaz.heads, j, limit, d.idbuf[:0])
	return len(ids) > 0 && e > rEnd
}

// notPeople reports whether a bare role word is too vague to be a group.
func (d *doc) notPeople(j int) bool { return d.is(j, lNotPeople) }

// agencyHead records "<nationality> authorities", "the embassy in Seoul",
// "the regime in Pyongyang" and the like.
func (d *doc) agencyHead(h, j, spanStart, k, e, limit, si int, nats []nationality) int {
	g := d.k.gaz
	head := g.aHeads[h]
	if head.alone && e < limit && d.followedByNoun(e) {
		return j
	}
	if len(nats) == 0 && !head.bare && k == j {
		// "police" alone still names the local police of the context, and
		// "a holding center in Onsong" is named by its place.
		if d.toks[j].low != "police" && !(head.place && d.placeAfterIn(e, limit)) {
			return j
		}
	}
	d.addNationalities(nats, si)
	m := newMention(mAgency, spanStart, e, si)
	if len(nats) > 0 && nats[0].possessive {
		m.tb = nats[0].tb
	}
	m.head, m.country, m.top = h, natCountry(nats), true
	m.bare = m.country == noCountry
	m.regime = head.regime
	end := e
	if e+1 < limit && d.toks[e].low == "in" {
		ids, pe := d.longest(g.names, e+1, limit, d.idbuf[:0])
		for _, id := range ids {
			en := &g.names.entries[id]
			if en.kind != ekCity && en.kind != ekCountry && en.kind != ekRegion {
				continue
			}
			if head.place {
				pm := newMention(placeKind(en.kind), e+1, pe, si)
				pm.ref = en.ref
				m.place = d.add(pm)
				m.te, end = pe, pe
				m.slug = d.lowSpan(e+1, pe)
			} else if en.kind == ekCity && g.capitalOf(en.ref) >= 0 && (m.country == noCountry || m.country == g.capitalOf(en.ref)) {
				m.country = g.capitalOf(en.ref)
				m.bare = false
				m.te, end = pe, pe
			}
			break
		}
	}
	d.add(m)
	return end
}

// placeAfterIn reports whether "in <city, region or country>" starts at e.
func (d *doc) placeAfterIn(e, limit int) bool {
	if e+1 >= limit || d.toks[e].low != "in" {
		return false
	}
	ids, _ := d.longest(d.k.gaz.names, e+1, limit, d.idbuf2[:0])
	for _, id := range ids {
		switch d.k.gaz.names.entries[id].kind {
		case ekCity, ekRegion, ekCountry:
			return true
		}
	}
	return false
}

func placeKind(k entryKind) mKind {
	switch k {
	case ekCity:
		return mCity
	case ekRegion:
		return mRegion
	}
	return mCountry
}

// regionPhrase records "China's southwest" or "Sino-Mongolian border area",
// with a trailing "with <place>".
func (d *doc) regionPhrase(nats []nationality, e, limit, si int) int {
	d.addNationalities(nats, si)
	tb := nats[0].tb
	end := e
	if e+1 < limit && d.toks[e].low == "with" {
		if pe := d.parsePlace(e+1, limit, si, false); pe > e+1 {
			end = pe
		}
	}
	m := newMention(mRegion, tb, end, si)
	m.country = natCountry(nats)
	if len(nats) > 1 {
		m.country = nats[0].country
	}
	m.slug = d.lowSpan(tb, end)
	m.top = true
	d.add(m)
	return end
}

// parsePronoun records a pronoun or a group noun ("the group").
func (d *doc) parsePronoun(j, spanStart, limit, si int) int {
	g := d.k.gaz
	ids, e := d.longest(g.group, j, limit, d.idbuf[:0])
	if len(ids) == 0 {
		return j
	}
	en := &g.group.entries[ids[0]]
	m := newMention(mPronoun, j, e, si)
	if en.kind == ekGroupNoun {
		m.kind = mGroupNoun
		m.tb = spanStart
	} else {
		if m.pron = en.pron; e > j+1 {
			m.pron = g.pronouns[d.lowSpan(j, e)] // a pronoun of words
		}
		if m.pron == "" {
			m.pron = "plural"
		}
		if m.pron == pronNeuter && !d.referentialIt(j, limit) {
			return j
		}
		if m.pron == pronGeneric {
			if e < limit && d.toks[e].low == "'s" {
				return j // "the woman's brother": the brother is meant
			}
			m.tb = spanStart // "dozens of people"
		}
	}
	m.top = true
	d.add(m)
	return e
}

// pronGeneric is the pronoun kind of words that name people in general
// ("people", "anyone", "others", "those who"): they stand for no group
// named before and make no entity, but can be an event's participant.
const pronGeneric = "generic"

// pronNeuter is the pronoun kind of "it" standing for a body or country
// named before.
const pronNeuter = "neuter"

// referentialIt reports whether "it" at j is the subject of an act rather
// than an empty subject ("it is unclear", "it seems", "it takes") or the
// object of "make it impossible": the next word after adverbs is no form
// of "be" or "seem", and no such verb comes before.
func (d *doc) referentialIt(j, limit int) bool {
	if j > 0 {
		switch d.toks[j-1].low {
		case "make", "makes", "made", "making", "find", "finds", "found", "keep", "keeps", "kept", "consider", "considers", "considered", "take", "takes", "took":
			return false
		}
	}
	k := j + 1
	for k < limit && (hasSuffix(d.toks[k].low, "ly") || d.toks[k].low == "also" || d.toks[k].low == "still") {
		k++
	}
	if k >= limit || d.toks[k].kind != tkWord {
		return false
	}
	switch d.toks[k].low {
	case "is", "was", "'s", "seems", "seemed", "appears", "appeared", "takes", "took", "remains", "remained", "became", "becomes", "would", "will", "may", "might", "could", "should", "must":
		return false
	}
	return true
}

// parseThoseWho records "those" opening a relative clause ("those who
// fled") as a generic pronoun; elsewhere "those" is a determiner.
func (d *doc) parseThoseWho(i, limit, si int) int {
	if i+1 >= limit || d.toks[i].low != "those" || d.toks[i+1].low != "who" {
		return i
	}
	m := newMention(mPronoun, i, i+1, si)
	m.pron, m.top = pronGeneric, true
	d.add(m)
	return i + 1
}

// parsePlace records a country, city or region name at j. A capital that
// stands for its government becomes an agency mention.
func (d *doc) parsePlace(j, limit, si int, top bool) int {
	g := d.k.gaz
	ids, e := d.longest(g.names, j, limit, d.idbuf[:0])
	for _, id := range ids {
		en := &g.names.entries[id]
		switch en.kind {
		case ekCountry, ekRegion:
			m := newMention(placeKind(en.kind), j, e, si)
			m.ref, m.top = en.ref, top
			if en.kind == ekCountry {
				m.country = en.ref
			}
			d.add(m)
			return e
		case ekCity:
			if c := g.capitalOf(en.ref); c >= 0 && d.govUse(j, e, limit) {
				m := newMention(mAgency, j, e, si)
				m.gov, m.country, m.top = true, c, top
				d.add(m)
				return e
			}
			end := e
			if end < limit && d.toks[end].low == "city" {
				end++
			}
			m := newMention(mCity, j, end, si)
			m.ref, m.top = en.ref, top
			d.add(m)
			return end
		}
	}
	return j
}

// govUse reports whether the capital at [b, e) stands for its government:
// "Pyongyang said", "materials sent from Pyongyang", "talks with Beijing",
// "demanding that Beijing scrap ...".
func (d *doc) govUse(b, e, limit int) bool {
	s := d.sents[d.sentOf[b]]
	// "a counsellor in Cairo seeks asylum": after a preposition the
	// capital is a place, whatever verb follows.
	inPlace := false
	if b-1 >= s.tb && d.is(b-1, lPrep) {
		switch d.toks[b-1].low {
		case "with", "against", "by", "since", "after", "before", "until", "as", "because", "while", "once":
		default:
			inPlace = true
		}
	}
	if e < limit && d.toks[e].low == "'s" {
		return true
	}
	// "Pyongyang still demands": adverbs may come before the verb.
	k := e
	for k < limit && k < e+2 && !d.is(k, lGovVerbs) && (d.is(k, lAux) || hasSuffix(d.toks[k].low, "ly")) {
		k++
	}
	if k < limit && d.is(k, lGovVerbs) && !inPlace {
		return true
	}
	if b-1 >= s.tb {
		p := d.toks[b-1].low
		if p == "from" && b-2 >= s.tb && d.is(b-2, lGovSource) {
			return true
		}
		if p == "that" {
			return true
		}
		if p == "to" && d.moneySentTo(b-1, s.tb) {
			return true
		}
		if p != "and" && d.is(b-1, lGovBefore) {
			return true
		}
	}
	return false
}

// moneySentTo reports whether the "to" at k ends a sending of money:
// "remit to Pyongyang", "send it to Pyongyang", "pay the money to", "the
// money has to go to Pyongyang".
// People "sent back to Pyongyang" go to the city.
func (d *doc) moneySentTo(k, sb int) bool {
	money := false
	for i := k - 1; i >= sb && i >= k-12; i-- {
		w := d.toks[i].low
		if d.is(i, lMoney) || w == "it" || d.amountCover[i] >= 0 {
			money = true
		}
		switch w {
		case "remit", "remits", "remitted", "remitting", "funnel", "funnels", "funneled", "funnelled":
			return true
		case "send", "sends", "sent", "sending", "pay", "pays", "paid", "paying", "transfer", "transfers",
			"transferred", "hand", "hands", "handed", "deliver", "delivers", "delivered", "give", "gives", "gave",
			"forward", "forwards", "forwarded", "forwarding":
			return money
		case "go", "goes", "went", "flow", "flows":
			return d.moneyBefore(i, sb) // the money is the subject
		case "ship", "ships", "shipped", "fly", "flies", "flew", "flown", "return", "returns", "returned",
			"deport", "deports", "deported", "repatriate", "repatriates", "repatriated", "recall", "recalls",
			"recalled", "expel", "expels", "expelled", "escorted", "bring", "brings", "brought", "taken":
			return false // people moved: "shipped back to Pyongyang"
		}
		if d.toks[i].kind == tkPunct {
			return false
		}
	}
	return false
}

// moneyBefore reports whether a money word or an amount stands within six
// tokens before i in the sentence starting at sb.
func (d *doc) moneyBefore(i, sb int) bool {
	for k := i - 1; k >= sb && k >= i-6; k-- {
		if d.is(k, lMoney) || d.amountCover[k] >= 0 {
			return true
		}
	}
	return false
}

// addRoleCountry records the country a demonym names ("North Koreans").
func (d *doc) addRoleCountry(b, e, c, si int) {
	m := newMention(mCountry, b, e, si)
	m.country, m.ref = c, c
	d.add(m)
}

// followedByNoun reports whether the word at e continues a noun phrase
// ("state media"), so that a head marked alone is not a head there.
func (d *doc) followedByNoun(e int) bool {
	t := &d.toks[e]
	if t.kind != tkWord || t.low == "'s" {
		return false
	}
	if t.low == "of" {
		return true
	}
	if t.is(lGovVerbs) {
		return false // "the state demands"
	}
	// "the state takes most of their pay": a verb in -s before a
	// determiner or a quantifier.
	if hasSuffix(t.low, "s") && !hasSuffix(t.low, "ss") && e+1 < len(d.toks) {
		n := &d.toks[e+1]
		if n.is(lPoss) || n.is(lQuantPron) || n.low == "the" || n.low == "a" || n.low == "an" || n.low == "most" || n.low == "half" || n.low == "every" || n.kind == tkNumber {
			return false
		}
	}
	return !(t.is(lPrep) || t.is(lClauseBreak) || t.is(lAux) || t.low == "and" || t.low == "or" || t.low == "that")
}

// regionHeadAt reports whether a region head ("border", "border area")
// starts at token e.
func (d *doc) regionHeadAt(e, limit int) bool {
	ids, _ := d.longest(d.k.gaz.heads, e, limit, d.idbuf2[:0])
	for _, id := range ids {
		if d.k.gaz.heads.entries[id].kind == ekRegionHead {
			return true
		}
	}
	return false
}
