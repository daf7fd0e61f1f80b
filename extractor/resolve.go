package extractor

import (
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"eventgraph/domain"
)

// entity is one resolved entity of the article.
type entity struct {
	id       string
	typ      domain.EntityType
	name     string
	country  int
	regionID string
	memberOf int // entity index, or -1
	mentions []int
	first    int // token of the first mention
}

// resolve turns mentions into entities: it computes each mention's stable
// id, resolves bare heads and roles, "the authorities", capitals standing
// for governments, and pronouns, and merges mentions with the same id.
func (d *doc) resolve() {
	d.ids.next()
	g := d.k.gaz
	d.gazEnts = grow(d.gazEnts, len(g.countries)+len(g.cities)+len(g.regions)+len(g.orgs))
	clear(d.gazEnts)
	if cap(d.entSlab) < len(d.ms) {
		d.entSlab = make([]entity, 0, len(d.ms))
	}
	d.entSlab = d.entSlab[:0]
	domAll, domActor := d.dominantCountries()
	ctx := &resolveCtx{domAll: domAll, domActor: domActor}
	// Pass 1: places, agencies and organisations, then qualified actors
	// (whose agency must be resolved first).
	actors := d.intBuf[:0]
	for mi := range d.ms {
		switch m := &d.ms[mi]; m.kind {
		case mPronoun, mGroupNoun, mLoc: // no entity of their own here
		case mActor:
			if !m.bare {
				actors = append(actors, mi)
			}
		default:
			d.resolveMention(mi, ctx)
		}
	}
	for _, mi := range actors {
		d.resolveMention(mi, ctx)
	}
	d.intBuf = actors[:0]
	// Pass 2: bare actors take the country of a qualified group of the same
	// role, or the article's main nationality.
	if !d.hasBareActor() {
		d.resolveLast(ctx)
		return
	}
	d.indexQualified(ctx)
	for mi := range d.ms {
		m := &d.ms[mi]
		// "treats them as migrants, not refugees": what people are taken
		// for names no group of its own.
		if m.kind == mActor && m.bare && !d.complement(mi, d.sents[m.sent].tb) {
			if e := d.appositiveHead(mi); e >= 0 {
				// "a man" describing the group is no alias of it.
				if m.te-m.tb == 1 {
					m.kind, m.pron = mPronoun, pronGeneric
				}
				m.country = d.ents[e].country
				d.attach(mi, e)
				continue
			}
			d.resolveBareActor(mi, ctx)
		}
	}
	d.resolveLast(ctx)
}

// hasBareActor reports whether an actor mention has no nationality of its
// own.
func (d *doc) hasBareActor() bool {
	for mi := range d.ms {
		if d.ms[mi].kind == mActor && d.ms[mi].bare {
			return true
		}
	}
	return false
}

// resolveLast resolves named persons, then pronouns and group nouns.
func (d *doc) resolveLast(ctx *resolveCtx) {
	// Pass 3: named persons, then pronouns and group nouns.
	for mi := range d.ms {
		if d.ms[mi].kind == mPerson {
			d.resolvePerson(mi, ctx)
		}
	}
	for mi := range d.ms {
		m := &d.ms[mi]
		if m.kind == mPronoun && m.pron == pronGeneric {
			if e := d.namedBefore(mi); e >= 0 {
				d.attach(mi, e)
			} else if e := d.appositiveHead(mi); e >= 0 {
				d.attach(mi, e)
			}
			continue
		}
		if m.kind == mPronoun || m.kind == mGroupNoun {
			if e := d.subjectBody(mi); e >= 0 {
				m.gov = true
				d.attach(mi, e)
			} else if e := d.antecedent(mi); e >= 0 {
				d.attach(mi, e)
			} else if d.pairOfRole(m) {
				m.kind, m.count = mActor, 2
				d.newBareActor(mi, ctx)
			}
		}
	}
}

// namedBefore resolves "the woman" (a person in general, made definite)
// to the latest single actor of the same noun in the five sentences
// before ("A North Korean woman ... The woman crossed ..."). It returns
// the actor's entity, or -1.
func (d *doc) namedBefore(mi int) int {
	m := &d.ms[mi]
	if m.tb == 0 || d.toks[m.tb-1].id != wThe || m.te-m.tb != 1 {
		return -1
	}
	head := d.toks[m.tb].low
	for k := mi - 1; k >= 0 && d.ms[k].sent >= m.sent-5; k-- {
		o := &d.ms[k]
		if o.kind == mActor && o.ent >= 0 && !o.plural && o.count <= 1 && d.toks[o.te-1].low == head {
			return o.ent
		}
	}
	return -1
}

// pairOfRole reports whether a group noun is a counted role ("the two
// men", "both women"): with no group named before, it names a group of
// its own.
func (d *doc) pairOfRole(m *mention) bool {
	if m.kind != mGroupNoun || m.ref < 0 {
		return false
	}
	w := d.toks[m.te-1].low
	return w == "men" || w == "women"
}

// resolveCtx carries what resolution needs across mentions.
type resolveCtx struct {
	domAll, domActor int
	lastAuthority    int // country of the last "authorities" mention with a country
	// qualified actor mentions sorted by role, modifiers and position, and
	// by role and position
	byKey, byRole []keyedActor
	// persons maps a named person's slug to the entity its first mention
	// resolved to.
	persons map[string]int
}

// keyedActor is a qualified actor mention with its key.
type keyedActor struct {
	key actorKeyT
	mi  int
}

// indexQualified sorts the qualified actor mentions for resolveBareActor.
func (d *doc) indexQualified(ctx *resolveCtx) {
	byKey := d.byKeyBuf[:0]
	for mi := range d.ms {
		m := &d.ms[mi]
		if m.kind == mActor && !m.bare && m.ent >= 0 {
			byKey = append(byKey, keyedActor{actorKey(m), mi})
		}
	}
	byRole := append(d.byRoleBuf[:0], byKey...)
	slices.SortStableFunc(byKey, func(a, b keyedActor) int { return compareKeys(a.key, b.key) })
	slices.SortStableFunc(byRole, func(a, b keyedActor) int { return a.key.ref - b.key.ref })
	ctx.byKey, ctx.byRole = byKey, byRole
	d.byKeyBuf, d.byRoleBuf = byKey[:0], byRole[:0]
}

func compareKeys(a, b actorKeyT) int {
	if a.ref != b.ref {
		return a.ref - b.ref
	}
	return strings.Compare(a.mods, b.mods)
}

// nearestKeyed returns, among the mentions of list whose key compares
// equal by cmp, the last before mi, else the first after it, else -1.
func nearestKeyed(list []keyedActor, cmp func(actorKeyT) int, mi int) int {
	lo := sort.Search(len(list), func(k int) bool { return cmp(list[k].key) >= 0 })
	if lo == len(list) || cmp(list[lo].key) != 0 {
		return -1 // no mention has the key: no second search
	}
	rest := list[lo:]
	same := rest[:sort.Search(len(rest), func(k int) bool { return cmp(rest[k].key) > 0 })]
	k := sort.Search(len(same), func(k int) bool { return same[k].mi >= mi })
	if k > 0 {
		return same[k-1].mi
	}
	return same[0].mi
}

// actorKeyT is the role and modifiers of an actor mention.
type actorKeyT struct {
	ref  int
	mods string
}

// actorKey returns the role and modifiers of an actor mention.
func actorKey(m *mention) actorKeyT {
	return actorKeyT{m.ref, m.mods}
}

// dominantCountries returns the most named country overall and among the
// nationalities of actor groups (ties go to the first named).
func (d *doc) dominantCountries() (int, int) {
	nc := len(d.k.gaz.countries)
	buf := grow(d.countBuf, 4*nc)
	clear(buf)
	d.countBuf = buf
	all := countryTally{counts: buf[:nc], first: buf[2*nc : 3*nc], best: noCountry}
	actor := countryTally{counts: buf[nc : 2*nc], first: buf[3*nc:], best: noCountry}
	for mi := range d.ms {
		m := &d.ms[mi]
		if m.country < 0 {
			continue
		}
		if m.kind == mCountry || m.kind == mActor || m.kind == mAgency {
			all.add(m.country, mi)
		}
		if m.kind == mActor {
			actor.add(m.country, mi)
		}
	}
	return all.best, actor.best
}

// countryTally counts the mentions of each country and keeps the leader:
// the country with the highest count, the first named on ties.
type countryTally struct {
	counts, first []int32 // by country: mentions, and first mention + 1
	best          int     // the leader, or noCountry
	bestN         int32
}

// add counts mention mi of country c. Counts only grow, so the leader
// changes only to c, when c now beats it.
func (t *countryTally) add(c, mi int) {
	t.counts[c]++
	if t.first[c] == 0 {
		t.first[c] = int32(mi) + 1
	}
	if n := t.counts[c]; n > t.bestN || n == t.bestN && t.first[c] < t.first[t.best] {
		t.best, t.bestN = c, n
	}
}

// code returns a country's code, or "xx" when unknown.
func (d *doc) code(c int) string {
	if c < 0 {
		return "xx"
	}
	return d.k.gaz.countries[c].code
}

// resolveMention computes the entity of a non-pronoun mention.
func (d *doc) resolveMention(mi int, ctx *resolveCtx) {
	g := d.k.gaz
	m := &d.ms[mi]
	var id string  // a precomputed id, with its entry's slot in d.gazEnts, or
	var key []byte // an id built in d.idKey
	slot := 0
	var name nameParts
	var typ domain.EntityType
	country := m.country
	region := ""
	switch m.kind {
	case mCountry:
		c := g.countries[m.ref]
		id, name[0], typ = c.id, c.name, domain.Country
		slot = m.ref
	case mCity:
		typ = domain.City
		if m.ref < 0 {
			// A neighbourhood named by its shape ("Yuson-dong").
			name[0] = d.span(m.tb, m.te).Text
			key = append(d.idKey[:0], "city:"...)
			key = append(append(key, d.code(country)...), ':')
			key = appendSlug(key, m.slug)
			break
		}
		c := g.cities[m.ref]
		country = c.countryAt
		if c.country == "" {
			country = noCountry
		}
		id, name[0], region = c.id, c.name, c.regionID
		slot = len(g.countries) + m.ref
	case mRegion:
		typ = domain.Region
		if m.ref >= 0 {
			r := g.regions[m.ref]
			country = noCountry
			if r.country != "" {
				country = r.countryAt
			}
			id, name[0] = r.id, r.name
			slot = len(g.countries) + len(g.cities) + m.ref
		} else {
			name[0] = d.span(m.tb, m.te).Text
			key = append(d.idKey[:0], "region:"...)
			key = append(append(key, d.code(country)...), ':')
			key = appendSlug(key, m.slug)
		}
	case mAgency:
		key, name, country = d.agencyID(mi, ctx)
		typ = domain.Agency
	case mOrg:
		typ = domain.Organization
		if m.ref >= 0 {
			o := g.orgs[m.ref]
			country = noCountry
			if o.country != "" {
				country = g.byCode[o.country]
			}
			id, name[0] = o.id, o.name
			slot = len(g.countries) + len(g.cities) + len(g.regions) + m.ref
		} else {
			if country < 0 {
				country = ctx.domActor
				if country == noCountry {
					country = ctx.domAll
				}
			}
			key = append(d.idKey[:0], "organization:"...)
			key = append(append(key, d.code(country)...), ':')
			if m.named {
				key = appendSlug(key, m.slug)
			} else {
				key = append(key, g.oHeads[m.head].slug...)
			}
			name[0] = d.headText(m)
		}
	case mActor:
		key, name[0] = d.actorID(m, country)
		typ = domain.Actor
	default:
		return
	}
	m.country = country
	var e int
	if key != nil {
		d.idKey = key[:0]
		e = d.entityForKey(key, typ, name, country, mi)
	} else if known := d.gazEnts[slot]; known > 0 {
		e = int(known) - 1
	} else {
		e = d.entityForEntry(id, typ, &name, country, mi)
		d.gazEnts[slot] = int32(e) + 1
	}
	if region != "" && d.ents[e].regionID == "" {
		d.ents[e].regionID = region
	}
	if m.kind == mActor && m.member >= 0 && d.ms[m.member].ent >= 0 {
		d.ents[e].memberOf = d.ms[m.member].ent
	}
	d.attach(mi, e)
}

// entityForKey returns the index of the entity whose id is built in key,
// creating it: the name string is only made for a new entity.
func (d *doc) entityForKey(key []byte, typ domain.EntityType, name nameParts, country, mi int) int {
	s := d.ids.byKey(key)
	if s.doc == d.ids.doc {
		return int(s.ent)
	}
	return d.newEntity(s, typ, name.String(), country, mi)
}

// entityForEntry is entityForKey for the precomputed id of a gazetteer
// entry.
func (d *doc) entityForEntry(id string, typ domain.EntityType, name *nameParts, country, mi int) int {
	s := d.ids.byString(id)
	if s.doc == d.ids.doc {
		return int(s.ent)
	}
	return d.newEntity(s, typ, name.String(), country, mi)
}

// nameParts is an entity name in parts, joined only when needed.
type nameParts [5]string

// String joins the parts; most names are one part, returned as it is.
func (p *nameParts) String() string {
	if p[1] == "" && p[2] == "" && p[3] == "" && p[4] == "" {
		return p[0]
	}
	return p[0] + p[1] + p[2] + p[3] + p[4]
}

// newEntity makes the entity of an id no entity of the document has yet
// and returns its index.
func (d *doc) newEntity(s *idEntity, typ domain.EntityType, name string, country, mi int) int {
	if len(d.entSlab) == cap(d.entSlab) {
		// A new slab: entities already made keep their addresses.
		d.entSlab = make([]entity, 0, max(16, 2*cap(d.entSlab)))
	}
	d.entSlab = append(d.entSlab, entity{id: s.id, typ: typ, name: name, country: country, memberOf: -1, first: d.ms[mi].tb})
	d.ents = append(d.ents, &d.entSlab[len(d.entSlab)-1])
	s.doc, s.ent = d.ids.doc, int32(len(d.ents)-1)
	return len(d.ents) - 1
}

// idTable finds entities by id. It outlives a document in the pooled doc,
// so that an id met in an earlier document keeps its string: the id of a
// new entity is then neither made again nor inserted again.
type idTable struct {
	index map[string]int32 // id -> index in ids
	ids   []idEntity
	doc   uint32 // the document being resolved, counted from 1
}

// idEntity is an id and its entity in document doc; an entity of an
// earlier document is no entity of the current one.
type idEntity struct {
	id  string
	doc uint32
	ent int32
}

// maxPooledIDs bounds the ids a table keeps from one document to the next.
const maxPooledIDs = 1 << 14

// next starts a new document, with no entities yet.
func (t *idTable) next() {
	if t.index == nil {
		t.index = map[string]int32{}
	}
	if len(t.ids) >= maxPooledIDs || t.doc == math.MaxUint32 {
		clear(t.index)
		t.ids, t.doc = t.ids[:0], 0
	}
	t.doc++
}

// byKey returns the entry of the id in key, adding it if it is new.
func (t *idTable) byKey(key []byte) *idEntity {
	if k, ok := t.index[string(key)]; ok {
		return &t.ids[k]
	}
	return t.add(string(key))
}

// byString returns the entry of id, adding it if it is new.
func (t *idTable) byString(id string) *idEntity {
	if k, ok := t.index[id]; ok {
		return &t.ids[k]
	}
	return t.add(id)
}

// add adds an id with no entity and returns its entry.
func (t *idTable) add(id string) *idEntity {
	t.index[id] = int32(len(t.ids))
	t.ids = append(t.ids, idEntity{id: id})
	return &t.ids[len(t.ids)-1]
}

// attach makes mention mi a mention of entity e.
func (d *doc) attach(mi, e int) {
	d.ms[mi].ent = e
	d.attached = append(d.attached, attachment{int32(mi), int32(e)})
}

// attachment records that a mention was made a mention of an entity.
type attachment struct{ mention, ent int32 }

// collectMentions fills each entity's mention list, in the order the
// mentions were attached, from one shared array.
func (d *doc) collectMentions() {
	for _, e := range d.ents {
		e.mentions = e.mentions[:0]
	}
	counts := fill(grow(d.countBuf, len(d.ents)), 0)
	d.countBuf = counts
	for _, a := range d.attached {
		counts[a.ent]++
	}
	all := make([]int, len(d.attached))
	off := 0
	for i, e := range d.ents {
		n := int(counts[i])
		e.mentions = all[off : off : off+n]
		off += n
	}
	for _, a := range d.attached {
		e := d.ents[a.ent]
		e.mentions = append(e.mentions, int(a.mention))
	}
}

// headText is a head mention's text without its nationality: "trading
// companies" for "North Korean trading companies".
func (d *doc) headText(m *mention) string {
	return d.span(m.tb, m.te).Text
}

// agencyID resolves an agency mention: a gazetteer body, a capital standing
// for its government, or a head noun whose country comes from its
// nationality or the context.
func (d *doc) agencyID(mi int, ctx *resolveCtx) ([]byte, nameParts, int) {
	g := d.k.gaz
	m := &d.ms[mi]
	key := d.idKey[:0]
	if m.ref >= 0 {
		a := g.agencies[m.ref]
		c := g.byCode[a.country]
		return append(key, a.id...), nameParts{a.name}, c
	}
	c := m.country
	if m.named {
		if c < 0 {
			c = d.contextCountry(mi, false, ctx)
		}
		key = append(key, "agency:"...)
		key = append(append(key, d.code(c)...), ':')
		return appendSlug(key, m.slug), nameParts{d.span(m.tb, m.te).Text}, c
	}
	if m.gov {
		ctx.lastAuthority = c + 1
		return append(key, g.countries[c].authID...), nameParts{g.countries[c].adjective, " authorities"}, c
	}
	h := g.aHeads[m.head]
	if c < 0 && m.bare && d.toks[m.te-1].low == "state" && ctx.domActor >= 0 {
		// "the state" that takes or demands is the government the
		// article's people live under, not the last authorities named.
		c = ctx.domActor
	}
	if c < 0 {
		c = d.contextCountry(mi, h.slug == "authorities", ctx)
	}
	if h.slug == "authorities" && !m.bare {
		ctx.lastAuthority = c + 1
	}
	// "the regime" is the ruling party; "Beijing's intelligence agency"
	// is China's Ministry of State Security.
	if c >= 0 && (m.regime || h.intelligence) {
		slug := g.countries[c].regime
		if h.intelligence {
			slug = g.countries[c].intelligence
		}
		if a, ok := g.agencyBySlug(slug, g.countries[c].code); ok {
			key = append(key, "agency:"...)
			key = append(append(key, a.country...), ':')
			return append(key, a.slug...), nameParts{a.name}, c
		}
	}
	name := nameParts{h.name}
	if c >= 0 {
		name = nameParts{g.countries[c].adjective, " ", h.name}
	}
	key = append(key, "agency:"...)
	key = append(append(key, d.code(c)...), ':')
	key = append(key, h.slug...)
	if m.place >= 0 {
		key = appendSlug(append(key, '-'), m.slug)
		name[3], name[4] = " in ", d.span(d.ms[m.place].tb, d.ms[m.place].te).Text
	}
	return key, name, c
}

// contextCountry finds the country of a bare head: the last authorities
// named with a country, the nearest nationality earlier in the sentence, or
// the article's main country.
func (d *doc) contextCountry(mi int, authority bool, ctx *resolveCtx) int {
	m := &d.ms[mi]
	if authority && ctx.lastAuthority > 0 {
		return ctx.lastAuthority - 1
	}
	s := d.sents[m.sent]
	for k := mi - 1; k >= 0 && d.ms[k].tb >= s.tb; k-- {
		o := &d.ms[k]
		if o.te > m.tb || k == m.place {
			continue
		}
		if o.country >= 0 && (o.kind == mCountry && !o.top || o.kind == mActor || o.kind == mAgency) {
			return o.country
		}
	}
	if ctx.domAll >= 0 {
		return ctx.domAll
	}
	return ctx.domActor
}

// actorID computes an actor group's id and name from its country, its
// agency or modifiers and its role.
func (d *doc) actorID(m *mention, country int) ([]byte, string) {
	g := d.k.gaz
	role := g.roles[m.ref].name
	key := append(d.idKey[:0], "actor:"...)
	key = append(append(key, d.code(country)...), ':')
	if m.member >= 0 && d.ms[m.member].ref >= 0 {
		key = append(append(key, g.agencies[d.ms[m.member].ref].slug...), '-')
	} else if m.mods != "" {
		key = append(appendSlug(key, m.mods), '-')
	}
	return append(key, role...), d.actorName(m)
}

// actorName is the mention text without its count: "Ministry of State
// Security (MSS) agents" for "Three Ministry of State Security (MSS) agents".
func (d *doc) actorName(m *mention) string {
	tb, te := m.tb, m.te
	if m.core > 0 {
		te = m.core // "a trade representative based in Dalian" is named by its role
	}
	if m.count > 0 {
		k := tb
		for k+1 < te && isCountLead(d.toks[k].low) {
			k++ // "the two men", "about 60 North Koreans", "several hundred"
		}
		if _, e, ok := d.countAt(k, m.te); ok {
			tb = e
		}
		if tb+1 < te && d.toks[tb].low == "of" {
			// "two of his soldiers" names the soldiers.
			tb++
			if d.is(tb, lPoss) || d.toks[tb].low == "the" {
				tb++
			}
		}
	}
	return d.span(tb, te).Text
}

// isCountLead reports a word that may come before a count in a group's
// phrase: a determiner, "both", "a few", "several" or an approximation.
func isCountLead(w string) bool {
	switch w {
	case "the", "both", "a", "few", "several":
		return true
	}
	return isApprox(w)
}

// resolvePerson resolves a named person: the same name named before, the
// group in apposition before it ("A first secretary at the embassy, Ri
// Song-chol,"), or a person of their own.
func (d *doc) resolvePerson(mi int, ctx *resolveCtx) {
	m := &d.ms[mi]
	if e, ok := ctx.persons[m.slug]; ok {
		d.attach(mi, e)
		return
	}
	if ctx.persons == nil {
		ctx.persons = map[string]int{}
	}
	if e := d.appositionGroup(mi); e >= 0 {
		ctx.persons[m.slug] = e
		d.attach(mi, e)
		return
	}
	country := ctx.domActor
	if country == noCountry {
		country = ctx.domAll
	}
	m.country = country
	key := append(d.idKey[:0], "actor:"...)
	key = append(append(key, d.code(country)...), ':')
	key = appendSlug(key, m.slug)
	d.idKey = key[:0]
	e := d.entityForKey(key, domain.Actor, nameParts{d.span(m.tb, m.te).Text}, country, mi)
	ctx.persons[m.slug] = e
	d.attach(mi, e)
}

// appositionGroup returns the entity of the single group a named person
// stands in apposition to ("A first secretary at the embassy, Ri
// Song-chol,"; "The manager, a man in his 50s surnamed Han,"), or -1.
// Only the mentions of the person's own sentence are looked at, so the
// search is bounded by the sentence length.
func (d *doc) appositionGroup(mi int) int {
	m := &d.ms[mi]
	s := d.sents[m.sent]
	if m.tb-1 <= s.tb {
		return -1
	}
	if w := d.toks[m.tb-1].low; w == "surnamed" || w == "named" {
		return d.describedGroup(mi, m.tb-1)
	}
	if d.toks[m.tb-1].low != "," {
		return -1
	}
	first := mi
	for first > 0 && d.ms[first-1].sent == m.sent {
		first--
	}
	for k := first; k < mi; k++ {
		o := &d.ms[k]
		if o.kind == mActor && o.top && o.te < m.tb && m.tb-o.te <= 10 && !o.plural && o.ent >= 0 && d.noVerbBetween(o.te, m.tb-1) {
			return o.ent
		}
	}
	return -1
}

// describedGroup returns the entity of the group before an appositive
// that opens with "a" or "an" and holds token end, with no comma between
// its start and end ("The broker, a woman in her 40s from Musan"), or -1.
// It looks back at most eight tokens.
func (d *doc) describedGroup(mi, end int) int {
	m := &d.ms[mi]
	sb := d.sents[m.sent].tb
	for k := end - 1; k > sb+1 && k >= end-8; k-- {
		if d.toks[k].id == wComma || d.toks[k].is(lAux) || d.toks[k].is(lAuxBe) {
			return -1
		}
		if (d.toks[k].id == wA || d.toks[k].id == wAn) && d.toks[k-1].id == wComma {
			return d.groupEndingAt(mi, k-1)
		}
	}
	return -1
}

// groupEndingAt returns the entity of the single group whose mention,
// before mention mi in its sentence, ends at token end, or -1.
func (d *doc) groupEndingAt(mi, end int) int {
	sent := d.ms[mi].sent
	for k := mi - 1; k >= 0 && d.ms[k].sent == sent; k-- {
		if o := &d.ms[k]; o.te == end && o.top {
			if (o.kind == mActor || o.kind == mPerson) && !o.plural && o.ent >= 0 {
				return o.ent
			}
			return -1
		}
	}
	return -1
}

// appositiveHead returns the entity of the single group that a lone "man"
// or "woman" describes in apposition ("The broker, a woman in her 40s
// from Musan,"), or -1.
func (d *doc) appositiveHead(mi int) int {
	m := &d.ms[mi]
	if w := d.toks[m.tb].low; w != "man" && w != "woman" || m.tb < 2 {
		return -1
	}
	if id := d.toks[m.tb-1].id; id != wA && id != wAn || d.toks[m.tb-2].id != wComma {
		return -1
	}
	return d.groupEndingAt(mi, m.tb-2)
}

// noVerbBetween reports whether [from, to) holds only a noun phrase's
// tail: prepositions, determiners, names and mentions, no comma.
func (d *doc) noVerbBetween(from, to int) bool {
	for i := from; i < to; i++ {
		t := &d.toks[i]
		if t.id == wPossS && i > from && d.toks[i-1].has(flCap) {
			continue // "Hyesan's Masan-dong"
		}
		if t.id == wComma || t.is(lAux) || t.is(lAuxBe) || t.is(lSpeech) {
			return false
		}
		if d.topCover[i] < 0 && !t.is(lPrep) && !t.is(lPoss) && t.id != wThe && t.id != wA && t.id != wAn && t.id != wPossS && !t.has(flCap) && !(t.id == wHyphen && !t.has(flSpaceBefore)) && !(i > from && d.toks[i-1].id == wHyphen && !t.has(flSpaceBefore)) {
			return false
		}
	}
	return true
}

// resolveBareActor resolves a role with no nationality ("officials",
// "the cadres") to the nearest group of the same role named with one.
func (d *doc) resolveBareActor(mi int, ctx *resolveCtx) {
	m := &d.ms[mi]
	key := actorKey(m)
	best := nearestKeyed(ctx.byKey, func(k actorKeyT) int { return compareKeys(k, key) }, mi)
	if best < 0 && m.mods == "" {
		best = nearestKeyed(ctx.byRole, func(k actorKeyT) int { return k.ref - key.ref }, mi)
	}
	if best >= 0 {
		m.country = d.ms[best].country
		d.attach(mi, d.ms[best].ent)
		return
	}
	d.newBareActor(mi, ctx)
}

// newBareActor gives an actor with no nationality of its own and no group
// to join an entity of the article's main nationality.
func (d *doc) newBareActor(mi int, ctx *resolveCtx) {
	m := &d.ms[mi]
	country := ctx.domActor
	if country == noCountry {
		country = ctx.domAll
	}
	m.country = country
	id, name := d.actorID(m, country)
	d.idKey = id[:0]
	e := d.entityForKey(id, domain.Actor, nameParts{name}, country, mi)
	d.attach(mi, e)
}

// subjectBody resolves a "they" that opens a sentence to the state body
// that was the subject of the sentence before: "Chinese police stepped up
// patrols. They also arrested dozens of North Koreans." It returns the
// body's entity, or -1.
func (d *doc) subjectBody(mi int) int {
	m := &d.ms[mi]
	if m.kind != mPronoun || m.pron != "plural" || m.sent == 0 || d.toks[m.tb].low != "they" {
		return -1
	}
	s := d.sents[m.sent]
	if m.tb-s.tb > 2 || mi > 0 && d.ms[mi-1].sent == m.sent {
		return -1 // not the first words of the sentence
	}
	for k := m.te; k < s.te; k++ {
		if d.is(k, lAuxBe) {
			return -1 // "They were handed over": the people acted on
		}
		if !d.is(k, lAux) && !hasSuffix(d.toks[k].low, "ly") {
			break
		}
	}
	p := d.sents[m.sent-1]
	for k := p.tb; k < p.te; k++ {
		n := d.topAt[k]
		if n < 0 || k > p.tb && d.is(k-1, lPrep) {
			continue // "In Dandong, police ..."
		}
		if o := &d.ms[n]; o.kind == mAgency && o.ent >= 0 {
			return o.ent
		}
		return -1
	}
	return -1
}

// antecedent finds the group a pronoun or group noun stands for: "they"
// the latest plural group (not the speaker of "X say they ..."), "we" the
// speaker, "she" the latest single person, "the group" the latest counted
// group. It returns an entity index or -1.
func (d *doc) antecedent(mi int) int {
	m := &d.ms[mi]
	minSent := m.sent - 3
	if m.kind == mGroupNoun {
		minSent = m.sent - 5
	}
	var fallback = -1
	if m.pron == "first_plural" || m.pron == "first_singular" {
		if e := d.quoteSpeaker(m); e >= 0 {
			return e
		}
	}
	for k := mi - 1; k >= 0; k-- {
		o := &d.ms[k]
		if o.sent < minSent {
			break
		}
		if o.te > m.tb || o.ent < 0 {
			continue
		}
		switch {
		case m.kind == mGroupNoun:
			if pair := d.toks[m.tb].low == "both" || m.te-m.tb > 1 && d.toks[m.tb+1].low == "two" || d.toks[m.te-1].low == "pair" || d.toks[m.te-1].low == "couple"; pair && o.count > 2 {
				continue // "both", "the pair" stand for two
			}
			if o.kind == mActor && o.count > 1 {
				return o.ent
			}
			if fallback < 0 && o.kind == mActor && o.plural {
				fallback = o.ent
			}
		case m.pron == "first_plural" || m.pron == "first_singular":
			if o.kind == mPronoun && o.pron == m.pron || o.kind == mActor {
				return o.ent
			}
		case m.pron == pronNeuter:
			// "Beijing ... and it routinely sends them back": the latest
			// body or country that is not the object of a preposition.
			if o.top && (o.kind == mAgency || o.kind == mOrg || o.kind == mCountry) && !d.inPP(k, d.sents[o.sent].tb) {
				m.gov = o.kind != mOrg
				return o.ent
			}
		case m.pron == "singular":
			if o.kind == mActor && !o.plural && o.count <= 1 || o.kind == mPerson {
				return o.ent
			}
		default:
			if o.kind == mPronoun && o.pron == "plural" && !o.gov || o.kind == mGroupNoun {
				return o.ent
			}
			if o.kind == mActor && o.plural && !d.speakerOf(o, m) {
				return o.ent
			}
		}
	}
	return fallback
}

// quoteSpeaker returns the entity of the speaker named right after the
// quote that holds m ('"If we fail to pay ...," a worker in Moscow
// said'), or -1.
func (d *doc) quoteSpeaker(m *mention) int {
	end := len(d.toks)
	if m.sent+3 < len(d.sents) {
		end = d.sents[m.sent+3].te
	}
	for i := m.te; i < end; i++ {
		if d.toks[i].low != "\"" {
			continue
		}
		// The closing quote: a speech verb and a group within a few tokens.
		speech, ent := false, -1
		for j := i + 1; j < end && j <= i+8; j++ {
			t := &d.toks[j]
			if t.low == "." || t.low == "\"" {
				break
			}
			if t.is(lSpeech) {
				speech = true
			}
			if mi := d.topAt[j]; mi >= 0 && ent < 0 {
				if o := &d.ms[mi]; (o.kind == mActor || o.kind == mPerson) && o.ent >= 0 {
					ent = o.ent
				}
			}
		}
		if speech {
			return ent
		}
		return -1
	}
	return -1
}

// speakerOf reports whether group o is the subject of a verb of saying or
// fearing right before pronoun m ("Activists fear they ...").
func (d *doc) speakerOf(o, m *mention) bool {
	return o.sent == m.sent && m.tb-o.te == 1 && d.toks[o.te].kind == tkWord
}

// slugify lower-cases s and joins its letters and digits with hyphens.
func slugify(s string) string {
	return string(appendSlug(nil, s))
}

// appendSlug appends the slug of s to b.
func appendSlug(b []byte, s string) []byte {
	start := len(b)
	dash := false
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && len(b) > start {
				b = append(b, '-')
			}
			dash = false
			b = append(b, byte(r))
		case r > 127 && isLetter(r):
			if dash && len(b) > start {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, r)
		default:
			dash = true
		}
	}
	return b
}
