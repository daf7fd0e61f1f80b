package extractor

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"

	"eventgraph/domain"
)

// document builds the output: the article, its entities in order of first
// mention and its events in text order.
func (d *doc) document(source string) domain.Document {
	doc := domain.Document{
		Article:  domain.Article{ID: articleID(d.n), Source: source, Title: titleOf(d.n.orig)},
		Entities: make([]domain.Entity, 0, len(d.ents)),
		Events:   make([]domain.Event, 0, len(d.events)),
	}
	order := make([]int, len(d.ents))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return d.ents[a].first - d.ents[b].first })
	for _, ei := range order {
		doc.Entities = append(doc.Entities, d.outEntity(d.ents[ei]))
	}
	for _, ev := range d.events {
		doc.Events = append(doc.Events, d.outEvent(doc.Article.ID, ev))
	}
	return doc
}

// outEntity converts an entity with its mentions and aliases.
func (d *doc) outEntity(e *entity) domain.Entity {
	g := d.k.gaz
	out := domain.Entity{ID: e.id, Type: e.typ, Name: e.name, Aliases: []string{}, Mentions: make([]domain.Mention, 0, len(e.mentions))}
	if e.country >= 0 && e.typ != domain.Country {
		out.Country = g.countries[e.country].name
		out.CountryID = "country:" + g.countries[e.country].code
	}
	if e.typ == domain.Country && e.country >= 0 {
		out.Country = g.countries[e.country].name
	}
	out.RegionID = e.regionID
	if e.memberOf >= 0 {
		out.MemberOf = d.ents[e.memberOf].id
	}
	seen := newSeenSet(e.name)
	slices.SortStableFunc(e.mentions, func(a, b int) int { return d.ms[a].tb - d.ms[b].tb })
	last := -1
	for _, mi := range e.mentions {
		m := &d.ms[mi]
		if m.tb == last {
			continue
		}
		last = m.tb
		sp := d.span(m.tb, m.te)
		out.Mentions = append(out.Mentions, domain.Mention{Text: sp.Text, Start: sp.Start, End: sp.End, Count: m.count})
		alias := sp.Text
		if m.kind == mActor && m.count > 0 {
			alias = d.actorName(m)
		}
		if m.kind != mPronoun && seen.add(alias) {
			out.Aliases = append(out.Aliases, alias)
		}
	}
	return out
}

// outEvent converts a found event; its id hashes the article id, the rule,
// the type and the trigger offsets.
func (d *doc) outEvent(articleID string, ev eventFound) domain.Event {
	trig := d.span(ev.tb, ev.te)
	key := make([]byte, 0, 160)
	key = append(key, articleID...)
	key = append(key, '|')
	key = append(key, ev.rule.ID...)
	key = append(key, '|')
	key = append(key, ev.rule.Type...)
	key = append(key, '|')
	key = strconv.AppendInt(key, int64(trig.Start), 10)
	key = append(key, '|')
	key = strconv.AppendInt(key, int64(trig.End), 10)
	h := sha256.Sum256(key)
	out := domain.Event{
		ID:         "event:" + hex.EncodeToString(h[:8]),
		Type:       ev.rule.Type,
		Modality:   ev.modality,
		Trigger:    trig,
		Sentence:   d.sentenceSpan(ev.sent),
		Arguments:  make([]domain.Argument, 0, len(ev.args)),
		Rule:       ev.rule.ID,
		Confidence: ev.rule.Confidence,
	}
	for _, a := range ev.args {
		sp := d.span(a.tb, a.te)
		arg := domain.Argument{Role: a.role, Text: sp.Text, Start: sp.Start, End: sp.End, Amount: a.amount}
		if a.mention >= 0 {
			m := &d.ms[a.mention]
			if m.ent >= 0 {
				arg.Entity = d.ents[m.ent].id
			}
			arg.Count = m.count
		}
		out.Arguments = append(out.Arguments, arg)
	}
	return out
}

// seenSet is a small set of strings, a slice until it grows large.
type seenSet struct {
	list []string
	m    map[string]bool
}

func newSeenSet(first string) *seenSet { return &seenSet{list: []string{first}} }

// add adds s and reports whether it was new.
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
