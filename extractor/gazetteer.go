package extractor

import (
	"fmt"
	"math/bits"
	"strings"
)

// Dictionary entry kinds.
type entryKind uint8

const (
	ekCountry entryKind = iota
	ekAdjective
	ekDemonym
	ekCity
	ekRegion
	ekAgency
	ekOrg
	ekAgencyHead
	ekOrgHead
	ekRegionHead
	ekGenericLoc
	ekRole
	ekModifier
	ekQuantifier
	ekGroupNoun
	ekPronoun
)

// dictEntry is one name in a dictionary and what it refers to.
type dictEntry struct {
	kind    entryKind
	ref     int      // index into the gazetteer table of its kind
	caps    []bool   // which words must be capitalised, as in the name
	next    []string // the name counts only before one of these words
	surface string   // the name as listed
	pron    string   // a one-word pronoun's kind in pronouns, made once
}

// dict is a token trie of names with their entries.
type dict struct {
	t       *trie
	entries []dictEntry
	// bit is the dictionary's bit in token.dicts, set on the words its
	// names start with; 0 until the vocabulary is built.
	bit uint8
	// plain marks, by word id, the words that are a name on their own
	// whose entries need no case or context check (markPlain).
	plain []bool
}

func newDict() *dict { return &dict{t: newTrie()} }

// add inserts a name; it returns an error for a name with no words.
func (d *dict) add(name string, e dictEntry) error {
	words := splitWords(name)
	if len(words) == 0 {
		return fmt.Errorf("name %q has no words", name)
	}
	e.surface = name
	e.caps = nil
	n := normalize(name)
	for i, t := range tokenize(n, nil) {
		if t.has(flCap) {
			if e.caps == nil {
				e.caps = make([]bool, len(words))
			}
			e.caps[i] = true
		}
	}
	path := make([]step, len(words))
	for i, w := range words {
		path[i] = step{kind: stLit, lit: w}
	}
	d.entries = append(d.entries, e)
	d.t.add(path, int32(len(d.entries)-1))
	return nil
}

// find returns the entries of the longest name that starts at token i (one
// that may start a name), ends by limit and passes its case and context
// checks, with its end.
func (d *dict) find(toks []token, i, limit int, buf []int32) ([]int32, int) {
	// A name that fails its checks gives way to the longest shorter one.
	for lim := limit; ; {
		n, end := d.deepest(toks, i, lim)
		if n == nil {
			return nil, i
		}
		out := buf[:0]
		for _, id := range n.accept {
			e := &d.entries[id]
			if capsMatch(toks, i, e.caps) && (len(e.next) == 0 || nextIs(toks, end, limit, e.next)) {
				out = append(out, id)
			}
		}
		if len(out) > 0 {
			return out, end
		}
		lim = end - 1
	}
}

// plainAt answers find without a walk where token i is a plain name that
// the next token does not continue: it returns the name's node, whose
// entries end at i+1, or nil.
func (d *dict) plainAt(toks []token, i, limit int) *tnode {
	id := toks[i].id
	if int(id) >= len(d.plain) || !d.plain[id] {
		return nil
	}
	n := d.t.root.child(id)
	if i+1 < limit && d.t.next(n, &toks[i+1]) != nil {
		return nil
	}
	return n
}

// markPlain fills in plain once the trie is frozen and densified.
func (d *dict) markPlain(size int) {
	d.plain = make([]bool, size)
	for id, n := range d.t.root.ids {
		plain := len(n.accept) > 0
		for _, a := range n.accept {
			if e := &d.entries[a]; e.caps != nil || len(e.next) > 0 {
				plain = false
			}
		}
		d.plain[id] = plain
	}
}

// deepest returns the node of the longest name on the path of tokens i to
// lim, with the name's end; nil and i when no name is on it.
func (d *dict) deepest(toks []token, i, lim int) (*tnode, int) {
	return deepestLit(d.t, toks, i, lim)
}

// deepestLit returns the deepest accepting node of a trie of word paths
// on the path of tokens i to lim, with its end; nil and i when there is
// none.
func deepestLit(t *trie, toks []token, i, lim int) (*tnode, int) {
	var last *tnode
	end := i
	n := t.root
	for j := i; j < lim; j++ {
		if n = t.next(n, &toks[j]); n == nil {
			break
		}
		if len(n.accept) > 0 {
			last, end = n, j+1
		}
	}
	return last, end
}

// longestMemo is a dictionary's last answer in a document.
type longestMemo struct {
	valid         bool
	i, limit, end int
	n             int
	ids           [16]int32
}

// longest is dict.longest over the document's tokens, whose vocabulary
// has given every dictionary its bit. The chunker asks a dictionary about
// the same token several times, so the last answer of each dictionary is
// kept; the ids are copied into buf either way.
func (d *doc) longest(dc *dict, i, limit int, buf []int32) ([]int32, int) {
	if i >= limit || d.toks[i].dicts&dc.bit == 0 {
		return nil, i // what dc.longest answers at once, without the memo
	}
	m := &d.memo[bits.TrailingZeros8(dc.bit)]
	if m.valid && m.i == i && m.limit == limit {
		if m.n == 0 {
			return nil, m.end
		}
		for _, id := range m.ids[:m.n] {
			buf = append(buf, id) // one or two ids: cheaper than a memmove call
		}
		return buf, m.end
	}
	ids, e := buf[:0], i+1
	if n := dc.plainAt(d.toks, i, limit); n != nil {
		for _, a := range n.accept {
			ids = append(ids, a) // one or two ids: cheaper than a memmove call
		}
	} else {
		ids, e = dc.find(d.toks, i, limit, buf)
	}
	m.valid = len(ids) <= len(m.ids)
	m.i, m.limit, m.end, m.n = i, limit, e, len(ids)
	if m.valid {
		for k, id := range ids {
			m.ids[k] = id // one or two ids: cheaper than a memmove call
		}
	}
	return ids, e
}

// nameEnd returns the end of the name longest finds at token i, or i
// when it finds none, for callers that need no entry: a plain one-word
// name is answered without the memo.
func (d *doc) nameEnd(dc *dict, i, limit int) int {
	if i >= limit || d.toks[i].dicts&dc.bit == 0 {
		return i
	}
	if dc.plainAt(d.toks, i, limit) != nil {
		return i + 1
	}
	var buf [16]int32
	if ids, e := d.longest(dc, i, limit, buf[:0]); len(ids) > 0 {
		return e
	}
	return i
}

// pathOver reports whether the trie of dc has a path over tokens i and
// i+1, both before limit. Where it has none, every name dc finds at i is
// one word long.
func (d *doc) pathOver(dc *dict, i, limit int) bool {
	if i+1 >= limit {
		return false
	}
	n := dc.t.next(dc.t.root, &d.toks[i])
	return n != nil && dc.t.next(n, &d.toks[i+1]) != nil
}

// starts reports whether token i starts a name of any of the dictionaries
// with the given bits. Where it does not, their longest finds nothing.
func (d *doc) starts(i int, bits uint8) bool { return d.toks[i].dicts&bits != 0 }

func nextIs(toks []token, j, limit int, words []string) bool {
	if j >= limit {
		return false
	}
	for _, w := range words {
		if toks[j].low == w {
			return true
		}
	}
	return false
}

// gCountry is a country of the gazetteer.
type gCountry struct {
	code, name, capital, regime, currency string
	intelligence                          string // slug of the agency "its intelligence agency" names
	adjective                             string
	id, authID                            string // "country:kp", "agency:kp:authorities"
}

// gPlace is a city or region.
type gPlace struct {
	name, country, region string
	id, regionID          string // stable ids, computed once
	// countryAt is byCode[country] (0 for a place with no country),
	// computed once.
	countryAt int
	capital   int // for a city, the country whose capital it is, or -1
}

// gBody is an agency or organisation.
type gBody struct {
	slug, name, country string
	contextual          bool
	id                  string // stable id, computed once
}

// agencyBySlug returns the agency of a country with a slug, if any.
func (g *gazetteer) agencyBySlug(slug, country string) (gBody, bool) {
	if slug == "" {
		return gBody{}, false
	}
	for _, a := range g.agencies {
		if a.slug == slug && a.country == country {
			return a, true
		}
	}
	return gBody{}, false
}

// gHead is an agency or organisation head noun.
type gHead struct {
	slug, name                               string
	bare, place, regime, alone, intelligence bool
}

// gRole is an actor role.
type gRole struct {
	name    string
	country int // the country a demonym role implies, or -1
}

// gazetteer holds the entity tables and the dictionaries that find them.
type gazetteer struct {
	countries []gCountry
	byCode    map[string]int
	cities    []gPlace
	regions   []gPlace
	regionBy  map[string]int // region name -> index
	agencies  []gBody
	orgs      []gBody
	aHeads    []gHead
	oHeads    []gHead
	roles     []gRole
	pronouns  map[string]string

	names *dict // countries, adjectives, demonyms, cities, regions, agencies, organisations
	heads *dict // agency, organisation and region heads, generic locations
	roleD *dict // roles
	modsD *dict // modifiers
	quant *dict // quantifiers
	group *dict // group nouns and pronouns
	// bodies is the bit in token.dicts of the words an agency or
	// organisation name starts with, nats that of the words a nationality
	// can start with: an adjective, a country or a capital (both subsets
	// of names').
	bodies, nats uint8
}

func newGazetteer(r *rawKnowledge, lx *lexicon) (*gazetteer, error) {
	g := &gazetteer{byCode: map[string]int{}, regionBy: map[string]int{}, pronouns: map[string]string{},
		names: newDict(), heads: newDict(), roleD: newDict(), modsD: newDict(), quant: newDict(), group: newDict()}
	if err := g.loadCountries(r.Countries); err != nil {
		return nil, err
	}
	if err := g.loadPlaces(r.Regions, r.Cities); err != nil {
		return nil, err
	}
	if err := g.loadBodies(r.Agencies, r.Organizations); err != nil {
		return nil, err
	}
	if err := g.loadHeads(r); err != nil {
		return nil, err
	}
	if err := g.loadActors(r); err != nil {
		return nil, err
	}
	g.computeIDs()
	return g, nil
}

// computeIDs fills in the stable ids of the gazetteer's entities, so that
// extraction does not build them again for every mention.
func (g *gazetteer) computeIDs() {
	code := func(c string) string {
		if c == "" {
			return "xx"
		}
		return c
	}
	for i := range g.countries {
		c := &g.countries[i]
		c.id, c.authID = "country:"+c.code, "agency:"+c.code+":authorities"
	}
	for i := range g.regions {
		r := &g.regions[i]
		r.id = "region:" + code(r.country) + ":" + slugify(r.name)
		r.countryAt = g.byCode[r.country]
	}
	for i := range g.cities {
		c := &g.cities[i]
		c.id = "city:" + code(c.country) + ":" + slugify(c.name)
		c.countryAt = g.byCode[c.country]
		if c.region != "" {
			c.regionID = "region:" + code(c.country) + ":" + slugify(c.region)
		}
	}
	for i := range g.agencies {
		a := &g.agencies[i]
		a.id = "agency:" + a.country + ":" + a.slug
	}
	for i := range g.orgs {
		o := &g.orgs[i]
		o.id = "organization:" + code(o.country) + ":" + o.slug
	}
}

func (g *gazetteer) loadCountries(cs []rawCountry) error {
	for _, c := range cs {
		if c.Code == "" || c.Name == "" {
			return fmt.Errorf("gazetteer: country %q needs a code and a name", c.Name)
		}
		if _, dup := g.byCode[c.Code]; dup {
			return fmt.Errorf("gazetteer: country code %q listed twice", c.Code)
		}
		i := len(g.countries)
		adj := c.Name
		if len(c.Adjectives) > 0 {
			adj = c.Adjectives[0]
		}
		g.countries = append(g.countries, gCountry{code: c.Code, name: c.Name, capital: c.Capital, regime: c.Regime, intelligence: c.Intelligence, currency: c.Currency, adjective: adj})
		g.byCode[c.Code] = i
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			if err := g.names.add(a, dictEntry{kind: ekCountry, ref: i}); err != nil {
				return fmt.Errorf("gazetteer: country %s: %v", c.Name, err)
			}
		}
		for _, a := range c.Adjectives {
			if err := g.names.add(a, dictEntry{kind: ekAdjective, ref: i}); err != nil {
				return fmt.Errorf("gazetteer: country %s: %v", c.Name, err)
			}
		}
		if len(c.Demonyms) > 0 {
			ri := len(g.roles)
			g.roles = append(g.roles, gRole{name: slugify(c.Demonyms[0]), country: i})
			for _, a := range c.Demonyms {
				if err := g.roleD.add(a, dictEntry{kind: ekRole, ref: ri}); err != nil {
					return fmt.Errorf("gazetteer: country %s: %v", c.Name, err)
				}
			}
		}
	}
	return nil
}

func (g *gazetteer) checkCountry(code, what string) error {
	if code == "" {
		return nil
	}
	if _, ok := g.byCode[code]; !ok {
		return fmt.Errorf("gazetteer: %s: unknown country code %q", what, code)
	}
	return nil
}

func (g *gazetteer) loadPlaces(regions, cities []rawPlace) error {
	for _, p := range regions {
		if err := g.checkCountry(p.Country, "region "+p.Name); err != nil {
			return err
		}
		i := len(g.regions)
		g.regions = append(g.regions, gPlace{name: p.Name, country: p.Country})
		g.regionBy[strings.ToLower(p.Name)] = i
		for _, a := range append([]string{p.Name}, p.Aliases...) {
			if err := g.names.add(a, dictEntry{kind: ekRegion, ref: i}); err != nil {
				return fmt.Errorf("gazetteer: region %s: %v", p.Name, err)
			}
		}
	}
	for _, p := range cities {
		if err := g.checkCountry(p.Country, "city "+p.Name); err != nil {
			return err
		}
		if p.Region != "" {
			if _, ok := g.regionBy[strings.ToLower(p.Region)]; !ok {
				return fmt.Errorf("gazetteer: city %s: unknown region %q", p.Name, p.Region)
			}
		}
		i := len(g.cities)
		g.cities = append(g.cities, gPlace{name: p.Name, country: p.Country, region: p.Region, capital: -1})
		for _, a := range append([]string{p.Name}, p.Aliases...) {
			if err := g.names.add(a, dictEntry{kind: ekCity, ref: i}); err != nil {
				return fmt.Errorf("gazetteer: city %s: %v", p.Name, err)
			}
		}
	}
	for ci, c := range g.countries {
		if c.capital == "" {
			continue
		}
		for i, city := range g.cities {
			if city.name == c.capital {
				g.cities[i].capital = ci
			}
		}
	}
	return nil
}

func (g *gazetteer) loadBodies(agencies, orgs []rawBody) error {
	for _, b := range agencies {
		if b.Slug == "" || b.Name == "" || b.Country == "" {
			return fmt.Errorf("gazetteer: agency %q needs a slug, a name and a country", b.Name)
		}
		if err := g.checkCountry(b.Country, "agency "+b.Name); err != nil {
			return err
		}
		i := len(g.agencies)
		g.agencies = append(g.agencies, gBody{slug: b.Slug, name: b.Name, country: b.Country, contextual: b.Contextual})
		for _, a := range append([]rawAlias{{Text: b.Name}}, b.Aliases...) {
			if err := g.names.add(a.Text, dictEntry{kind: ekAgency, ref: i, next: a.Next}); err != nil {
				return fmt.Errorf("gazetteer: agency %s: %v", b.Name, err)
			}
		}
	}
	for _, b := range orgs {
		if b.Slug == "" || b.Name == "" {
			return fmt.Errorf("gazetteer: organization %q needs a slug and a name", b.Name)
		}
		if err := g.checkCountry(b.Country, "organization "+b.Name); err != nil {
			return err
		}
		i := len(g.orgs)
		g.orgs = append(g.orgs, gBody{slug: b.Slug, name: b.Name, country: b.Country})
		for _, a := range append([]rawAlias{{Text: b.Name}}, b.Aliases...) {
			if err := g.names.add(a.Text, dictEntry{kind: ekOrg, ref: i, next: a.Next}); err != nil {
				return fmt.Errorf("gazetteer: organization %s: %v", b.Name, err)
			}
		}
	}
	return nil
}

func (g *gazetteer) loadHeads(r *rawKnowledge) error {
	for _, h := range r.AgencyHeads {
		i := len(g.aHeads)
		g.aHeads = append(g.aHeads, gHead{slug: h.Slug, name: h.Name, bare: h.Bare, place: h.Place, regime: h.Regime, alone: h.Alone, intelligence: h.Intelligence})
		for _, f := range h.Forms {
			if err := g.heads.add(strings.ToLower(f), dictEntry{kind: ekAgencyHead, ref: i}); err != nil {
				return fmt.Errorf("gazetteer: agency head %s: %v", h.Slug, err)
			}
		}
	}
	for _, h := range r.OrgHeads {
		i := len(g.oHeads)
		g.oHeads = append(g.oHeads, gHead{slug: h.Slug, name: h.Name, bare: h.Bare, place: h.Place})
		for _, f := range h.Forms {
			if err := g.heads.add(strings.ToLower(f), dictEntry{kind: ekOrgHead, ref: i}); err != nil {
				return fmt.Errorf("gazetteer: organization head %s: %v", h.Slug, err)
			}
		}
	}
	for _, f := range r.RegionHeads {
		if err := g.heads.add(strings.ToLower(f), dictEntry{kind: ekRegionHead}); err != nil {
			return fmt.Errorf("gazetteer: region head: %v", err)
		}
	}
	for _, f := range r.Locations {
		if err := g.heads.add(strings.ToLower(f), dictEntry{kind: ekGenericLoc}); err != nil {
			return fmt.Errorf("gazetteer: generic location: %v", err)
		}
	}
	return nil
}

func (g *gazetteer) loadActors(r *rawKnowledge) error {
	for _, ro := range r.Roles {
		if ro.Name == "" || len(ro.Forms) == 0 {
			return fmt.Errorf("gazetteer: role %q needs a name and forms", ro.Name)
		}
		i := len(g.roles)
		g.roles = append(g.roles, gRole{name: ro.Name, country: -1})
		for _, f := range ro.Forms {
			if err := g.roleD.add(f, dictEntry{kind: ekRole, ref: i}); err != nil {
				return fmt.Errorf("gazetteer: role %s: %v", ro.Name, err)
			}
		}
	}
	for _, m := range r.Modifiers {
		if err := g.modsD.add(strings.ToLower(m), dictEntry{kind: ekModifier}); err != nil {
			return fmt.Errorf("gazetteer: modifier: %v", err)
		}
	}
	for _, q := range r.Quantifiers {
		if err := g.quant.add(strings.ToLower(q), dictEntry{kind: ekQuantifier}); err != nil {
			return fmt.Errorf("gazetteer: quantifier: %v", err)
		}
	}
	for _, q := range r.GroupNouns {
		if err := g.group.add(strings.ToLower(q), dictEntry{kind: ekGroupNoun}); err != nil {
			return fmt.Errorf("gazetteer: group noun: %v", err)
		}
	}
	for _, kind := range sortedKeys(r.Pronouns) {
		for _, p := range r.Pronouns[kind] {
			if err := g.group.add(strings.ToLower(p), dictEntry{kind: ekPronoun, surface: kind}); err != nil {
				return fmt.Errorf("gazetteer: pronoun: %v", err)
			}
			g.pronouns[strings.Join(splitWords(p), " ")] = kind
		}
	}
	for i := range g.group.entries {
		if e := &g.group.entries[i]; e.kind == ekPronoun {
			if w := splitWords(e.surface); len(w) == 1 {
				e.pron = g.pronouns[w[0]]
			}
		}
	}
	return nil
}

// capitalOf returns the country index whose capital is city i, or -1.
func (g *gazetteer) capitalOf(city int) int {
	return g.cities[city].capital
}

// capsMatch reports whether the tokens from i are capitalised wherever the
// name's words are.
func capsMatch(toks []token, i int, caps []bool) bool {
	for k, c := range caps {
		if c && i+k < len(toks) && !toks[i+k].has(flCap) && toks[i+k].kind == tkWord {
			return false
		}
	}
	return true
}
