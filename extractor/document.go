package extractor

import (
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"slices"
	"strings"

	"eventgraph/domain"
)

// Output holds the arrays of one extracted document for ExtractInto to
// reuse. Its zero value is ready to use; it must not be shared by
// goroutines.
type Output struct {
	entities []domain.Entity
	events   []domain.Event
	mentions []domain.Mention
	aliases  []string
	args     []domain.Argument
}

// reuse returns xs resized to n and zeroed, reusing its array unless that
// is too small, or so much larger than needed that one huge document
// would keep its memory. It never returns nil: an empty document has
// empty lists.
func reuse[T any](xs []T, n int) []T {
	if xs == nil || cap(xs) < n || cap(xs) > 4*n+1024 {
		return make([]T, n)
	}
	xs = xs[:n]
	clear(xs)
	return xs
}

// document builds the output in o's arrays: the article, its entities in
// order of first mention and its events in text order. The mentions,
// aliases and arguments of all entities and events share a few backing
// arrays, each entity or event getting a full slice of its own part. Every
// value is written in place, field by field: copying a whole struct that
// holds pointers into the heap costs more while the collector runs.
func (d *doc) document(source string, o *Output) domain.Document {
	var id string
	id, d.hashBuf = articleID(d.n, d.hashBuf)
	o.entities = reuse(o.entities, len(d.ents))
	o.events = reuse(o.events, len(d.events))
	doc := domain.Document{
		Article:  domain.Article{ID: id, Source: source, Title: titleOf(d.n.orig)},
		Entities: o.entities,
		Events:   o.events,
	}
	order := d.intBuf[:0]
	nm, sorted := 0, true
	for i, e := range d.ents {
		order = append(order, i)
		nm += len(e.mentions)
		sorted = sorted && (i == 0 || d.ents[i-1].first <= e.first)
	}
	if !sorted {
		slices.SortStableFunc(order, func(a, b int) int { return d.ents[a].first - d.ents[b].first })
	}
	o.mentions = reuse(o.mentions, nm)
	out := outBufs{mentions: o.mentions[:0], aliases: d.aliasBuf[:0]}
	for k, ei := range order {
		d.outEntity(&doc.Entities[k], d.ents[ei], &out)
	}
	d.intBuf = order[:0]
	o.aliases = reuse(o.aliases, len(out.aliases))
	d.aliasBuf = exactAliases(doc.Entities, out.aliases, o.aliases)
	na := 0
	for k := range d.events {
		na += len(d.events[k].args)
	}
	o.args = reuse(o.args, na)
	out.args = o.args[:0]
	ids := d.eventIDs(doc.Article.ID)
	for k := range d.events {
		d.outEvent(&doc.Events[k], ids[k*eventIDLen:(k+1)*eventIDLen], &d.events[k], &out)
	}
	return doc
}

// eventIDLen is the length of an event id: "event:" and 16 hex digits.
const eventIDLen = len("event:") + 16

// eventIDs returns the ids of all events, eventIDLen bytes each, in one
// string. An id hashes the article id, the rule, the type and the trigger
// offsets. The hash state after the article id is shared by all events,
// so that each event hashes only its own part.
func (d *doc) eventIDs(articleID string) string {
	var b strings.Builder
	b.Grow(len(d.events) * eventIDLen)
	h := sha256.New()
	h.Write([]byte(articleID))
	h.Write([]byte{'|'})
	prefix, err := h.(encoding.BinaryMarshaler).MarshalBinary()
	if err != nil {
		panic(err) // sha256 state always marshals
	}
	restore := h.(encoding.BinaryUnmarshaler)
	var sum [sha256.Size]byte
	var hx [16]byte
	for k := range d.events {
		ev := &d.events[k]
		trig := d.span(ev.tb, ev.te)
		key := d.keyBuf[:0]
		key = append(key, ev.rule.ID...)
		key = append(key, '|')
		key = append(key, ev.rule.Type...)
		key = append(key, '|')
		key = appendDecimal(key, trig.Start)
		key = append(key, '|')
		key = appendDecimal(key, trig.End)
		d.keyBuf = key
		if err := restore.UnmarshalBinary(prefix); err != nil {
			panic(err)
		}
		h.Write(key)
		h.Sum(sum[:0])
		b.WriteString("event:")
		putHex8(&hx, binary.BigEndian.Uint64(sum[:8]))
		b.Write(hx[:])
	}
	return b.String()
}

// appendDecimal appends the decimal digits of x, which is not negative.
func appendDecimal(b []byte, x int) []byte {
	var digits [20]byte
	i := len(digits)
	for {
		i--
		digits[i] = byte('0' + x%10)
		if x /= 10; x == 0 {
			break
		}
	}
	return append(b, digits[i:]...)
}

// putHex8 writes the 16 lower-case hex digits of x to out, eight bytes at
// a time: each nibble is spread to a byte of its own, and the digits above
// 9 get the distance from ':' to 'a'.
func putHex8(out *[16]byte, x uint64) {
	binary.BigEndian.PutUint64(out[:8], nibbles(uint32(x>>32)))
	binary.BigEndian.PutUint64(out[8:], nibbles(uint32(x)))
}

// nibbles spreads the eight nibbles of x to the eight bytes of the result,
// the most significant in the highest byte, as ASCII hex digits.
func nibbles(x uint32) uint64 {
	v := uint64(x)
	v = (v | v<<16) & 0x0000ffff0000ffff
	v = (v | v<<8) & 0x00ff00ff00ff00ff
	v = (v | v<<4) & 0x0f0f0f0f0f0f0f0f
	above9 := (v + 0x0606060606060606) >> 4 & lowBits
	return v + 0x3030303030303030 + above9*('a'-':')
}

// outBufs are the backing arrays of the output's mentions, aliases and
// arguments. The aliases are gathered in a reused buffer first: far fewer
// than the mentions, their number is known only at the end.
type outBufs struct {
	mentions []domain.Mention
	aliases  []string
	args     []domain.Argument
}

// exactAliases moves the entities' aliases, slices of buf, to all, an
// array of their number, and returns buf emptied for reuse.
func exactAliases(ents []domain.Entity, buf, all []string) []string {
	copy(all, buf)
	a0 := 0
	for k := range ents {
		a1 := a0 + len(ents[k].Aliases)
		ents[k].Aliases = all[a0:a1:a1]
		a0 = a1
	}
	clear(buf) // keep no text alive in the pool
	return buf[:0]
}

// outEntity converts an entity with its mentions and aliases into oe,
// which is zero.
func (d *doc) outEntity(oe *domain.Entity, e *entity, out *outBufs) {
	g := d.k.gaz
	oe.ID, oe.Type, oe.Name = e.id, e.typ, e.name
	if e.country >= 0 {
		oe.Country = g.countries[e.country].name
		if e.typ != domain.Country {
			oe.CountryID = g.countries[e.country].id
		}
	}
	if e.regionID != "" {
		oe.RegionID = e.regionID
	}
	if e.memberOf >= 0 {
		oe.MemberOf = d.ents[e.memberOf].id
	}
	d.seen.reset(e.name)
	if !d.inTextOrder(e.mentions) {
		slices.SortStableFunc(e.mentions, func(a, b int) int { return d.ms[a].tb - d.ms[b].tb })
	}
	m0, a0 := len(out.mentions), len(out.aliases)
	last := -1
	for _, mi := range e.mentions {
		m := &d.ms[mi]
		if m.tb == last {
			continue
		}
		last = m.tb
		out.mentions = out.mentions[:len(out.mentions)+1]
		om := &out.mentions[len(out.mentions)-1]
		sp := d.span(d.kinStart(m, m.tb), m.te)
		om.Text, om.Start, om.End, om.Count = sp.Text, sp.Start, sp.End, m.count
		if m.kind == mPronoun {
			continue
		}
		alias := om.Text
		if m.kind == mActor && m.count > 0 {
			alias = d.actorName(m)
		}
		if d.seen.add(alias) {
			out.aliases = append(out.aliases, alias)
		}
	}
	oe.Mentions = out.mentions[m0:len(out.mentions):len(out.mentions)]
	oe.Aliases = out.aliases[a0:len(out.aliases):len(out.aliases)]
}

// inTextOrder reports whether mentions are in order of their first
// token, as most entities' are.
func (d *doc) inTextOrder(mentions []int) bool {
	for k := 1; k < len(mentions); k++ {
		if d.ms[mentions[k-1]].tb > d.ms[mentions[k]].tb {
			return false
		}
	}
	return true
}

// outEvent converts a found event with its id into oev, which is zero.
func (d *doc) outEvent(oev *domain.Event, id string, ev *eventFound, out *outBufs) {
	a0 := len(out.args)
	for k := range ev.args {
		a := &ev.args[k]
		out.args = out.args[:len(out.args)+1]
		arg := &out.args[len(out.args)-1]
		arg.Role = a.role
		tb := a.tb
		if a.mention >= 0 {
			tb = d.kinStart(&d.ms[a.mention], tb)
		}
		sp := d.span(tb, a.te)
		arg.Text, arg.Start, arg.End = sp.Text, sp.Start, sp.End
		if a.amount != nil {
			arg.Amount = a.amount
		}
		if a.mention >= 0 {
			m := &d.ms[a.mention]
			if m.ent >= 0 {
				arg.Entity = d.ents[m.ent].id
			}
			arg.Count = m.count
		}
	}
	oev.ID, oev.Type, oev.Modality = id, ev.rule.Type, ev.modality
	oev.Trigger = d.span(ev.tb, ev.te)
	s := d.sents[ev.sent]
	oev.Sentence = d.span(s.tb, s.te)
	oev.Arguments = out.args[a0:len(out.args):len(out.args)]
	oev.Rule, oev.Confidence = ev.rule.ID, ev.rule.Confidence
}

// kinStart returns where the text of a relative starts when span start
// tb is the mention's own: at the "his", "her", "their" or "our" before
// it, which names whose relative is meant ("her son"); else tb.
func (d *doc) kinStart(m *mention, tb int) int {
	if tb != m.tb || m.kind != mActor || tb == d.sents[m.sent].tb || !isKin(d.toks[tb].low) {
		return tb
	}
	switch d.toks[tb-1].low {
	case "his", "her", "their", "our":
		return tb - 1
	}
	return tb
}

// seenSet is a small set of strings, a slice until it grows large. Its
// buffers are reused from one entity to the next.
type seenSet struct {
	list []string
	m    map[string]bool
}

// reset empties the set and adds first. The strings left in the list's
// array are cleared once the document is done, by keep.
func (s *seenSet) reset(first string) {
	s.list = append(s.list[:0], first)
	s.m = nil
}

// keep returns an empty set with s's list, its array cleared so that it
// keeps no text alive while pooled.
func (s *seenSet) keep() seenSet {
	clear(s.list[:cap(s.list)])
	return seenSet{list: s.list[:0]}
}

// add adds x and reports whether it was new.
func (s *seenSet) add(x string) bool {
	if s.m != nil {
		if s.m[x] {
			return false
		}
		s.m[x] = true
		return true
	}
	for _, y := range s.list {
		if y == x {
			return false
		}
	}
	s.list = append(s.list, x)
	if len(s.list) > 16 {
		s.m = map[string]bool{}
		for _, y := range s.list {
			s.m[y] = true
		}
	}
	return true
}
