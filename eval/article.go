package eval

import (
	"strings"
	"unicode/utf8"

	"eventgraph/domain"
)

// articleScore scores one article's found events and entities.
type articleScore struct {
	*scorer
	art    string
	text   string
	ents   *object // entity objects by hashKey(id), in first-seen order
	found  []any   // found events of a scored type, in output order
	used   map[int]bool
	goldOf map[int]any // the gold mention each used found event matched
}

// newArticleScore indexes an output document's entities and events.
func newArticleScore(s *scorer, art, text string, doc any) *articleScore {
	a := &articleScore{scorer: s, art: art, text: text, ents: newObject(), used: map[int]bool{}, goldOf: map[int]any{}}
	for _, e := range iterate(or(getOr(doc, "entities", nil), nil)) {
		if _, ok := e.(*object); ok {
			a.ents.set(hashKey(getOr(e, "id", nil)), e)
		}
	}
	for _, fe := range iterate(or(getOr(doc, "events", nil), nil)) {
		typ, _ := str(getOr(fe, "type", nil))
		if _, ok := fe.(*object); ok && (coreTypes[typ] || extendedTypes[typ]) {
			a.found = append(a.found, fe)
		}
	}
	return a
}

// goldEvents matches every gold mention to the first unused found event
// of its type whose sentence covers the gold sentence, and scores its
// modality and arguments.
func (a *articleScore) goldEvents(gold any) error {
	for _, ge := range iterate(getOr(gold, "events", nil)) {
		sentence, ok := str(getOr(ge, "sentence", nil))
		typ, ok2 := str(getOr(ge, "type", nil))
		if !ok || !ok2 {
			return domain.Errorf(domain.EINVALID, "gold for %s: an event without a sentence or type", a.art)
		}
		gs, gend, ok := sentenceSpan(a.text, sentence)
		if !ok {
			return domain.Errorf(domain.EINVALID, "gold sentence not in article: %s", reprString(prefix(sentence, 60)))
		}
		a.goldEvent(ge, typ, sentence, gs, gend)
	}
	return nil
}

// goldEvent scores one gold mention.
func (a *articleScore) goldEvent(ge any, typ, sentence string, gs, gend int) {
	core := coreTypes[typ]
	pt := a.typeCount(typ)
	pt[1]++
	if core {
		a.t.CoreGold++
		for _, v := range argValues(ge) {
			if truthy(v) {
				a.t.ArgGold++
			}
		}
	} else {
		a.t.ExtGold++
	}
	match := a.match(typ, gs, gend)
	if match < 0 {
		a.missf("%s: missed %s in %s", a.art, typ, reprString(prefix(sentence, 70)))
		return
	}
	a.used[match] = true
	a.goldOf[match] = ge
	pt[2]++
	if !core {
		a.t.ExtTP++
		return
	}
	a.t.CoreTP++
	a.modality(a.found[match], ge, typ, sentence)
	a.argRecall(a.found[match], ge, typ)
}

// match returns the index of the first unused found event of type typ
// whose sentence span covers [gs, gend), or -1.
func (a *articleScore) match(typ string, gs, gend int) int {
	for i, fe := range a.found {
		if a.used[i] || strOr(getOr(fe, "type", nil)) != typ {
			continue
		}
		s := or(getOr(fe, "sentence", nil), newObject())
		if num(getOr(s, "start", nil), -1) <= float64(gs) && float64(gend) <= num(getOr(s, "end", nil), -1) {
			return i
		}
	}
	return -1
}

// modality tallies the modality agreement of a matched core mention.
func (a *articleScore) modality(fe, ge any, typ, sentence string) {
	fm, gm := getOr(fe, "modality", nil), getOr(ge, "modality", nil)
	a.t.ModN++
	if equal(fm, gm) {
		a.t.ModOK++
		return
	}
	a.missf("%s: %s modality %s != %s in %s", a.art, typ, pyStr(fm), pyStr(gm), reprString(prefix(sentence, 50)))
}

// argRecall counts the gold roles of a matched core mention that some
// found argument of the same role matches.
func (a *articleScore) argRecall(fe, ge any, typ string) {
	args := argsOf(ge)
	for _, role := range args.keys {
		accepted := args.vals[role]
		if !truthy(accepted) {
			continue
		}
		if a.roleFound(fe, role, stringItems(accepted)) {
			a.t.ArgTPR++
		} else {
			a.missf("%s: %s missed %s %s", a.art, typ, role, pyRepr(iterate(accepted)[0]))
		}
	}
}

// roleFound reports whether a found argument of the role matches.
func (a *articleScore) roleFound(fe any, role string, accepted []string) bool {
	for _, arg := range iterate(or(getOr(fe, "arguments", nil), nil)) {
		if !equal(getOr(arg, "role", nil), role) {
			continue
		}
		for _, s := range a.argStrings(arg) {
			if StringsMatch(s, accepted) {
				return true
			}
		}
	}
	return false
}

// foundEvents counts found events per type, reports the spurious ones and
// scores the arguments of matched core events for precision.
func (a *articleScore) foundEvents() {
	for i, fe := range a.found {
		typ := strOr(getOr(fe, "type", nil))
		core := coreTypes[typ]
		a.typeCount(typ)[0]++
		if !core {
			a.t.ExtFound++
			if !a.used[i] {
				a.spurious(fe, typ)
			}
			continue
		}
		a.t.CoreFound++
		args := iterate(or(getOr(fe, "arguments", nil), nil))
		a.t.ArgFound += len(args)
		if !a.used[i] {
			a.spurious(fe, typ)
			continue
		}
		a.argPrecision(args, a.goldOf[i])
	}
}

// spurious records a found event that matched no gold mention.
func (a *articleScore) spurious(fe any, typ string) {
	text := strOr(getOr(or(getOr(fe, "sentence", nil), newObject()), "text", ""))
	a.missf("%s: spurious %s in %s", a.art, typ, reprString(prefix(text, 70)))
}

// argPrecision counts the found arguments that match their role's gold
// strings.
func (a *articleScore) argPrecision(args []any, ge any) {
	gargs := argsOf(ge)
	for _, arg := range args {
		role, isStr := getOr(arg, "role", nil).(string)
		accepted := gargs.vals[role]
		if !isStr || !truthy(accepted) {
			continue
		}
		for _, s := range a.argStrings(arg) {
			if StringsMatch(s, stringItems(accepted)) {
				a.t.ArgTPP++
				break
			}
		}
	}
}

// argStrings is the argument's text and, when it names a known entity, the
// entity's names.
func (a *articleScore) argStrings(arg any) []string {
	out := []string{strOr(getOr(arg, "text", ""))}
	if ent, ok := a.ents.vals[hashKey(getOr(arg, "entity", nil))]; ok && truthy(ent) {
		out = append(out, entityNames(ent)...)
	}
	return out
}

// entityNames is an entity's name, aliases and mention texts, empty ones
// left out.
func entityNames(ent any) []string {
	var names []string
	add := func(v any) {
		if s, ok := v.(string); ok && s != "" {
			names = append(names, s)
		}
	}
	add(getOr(ent, "name", ""))
	for _, al := range iterate(or(getOr(ent, "aliases", nil), nil)) {
		add(al)
	}
	for _, m := range iterate(or(getOr(ent, "mentions", nil), nil)) {
		add(getOr(m, "text", ""))
	}
	return names
}

// entities matches found and gold entities of the article both ways.
func (a *articleScore) entities(gold any) {
	gents := iterate(getOr(gold, "entities", []any{}))
	fents := make([]any, len(a.ents.keys))
	for i, k := range a.ents.keys {
		fents[i] = a.ents.vals[k]
	}
	a.t.EntGold += len(gents)
	a.t.EntFound += len(fents)
	for _, ge := range gents {
		if anyEntityMatch(fents, ge, true) {
			a.t.EntTPR++
		} else {
			a.missf("%s: missed entity %s %s", a.art, pyStr(getOr(ge, "type", nil)), pyRepr(firstOf(getOr(ge, "aliases", nil))))
		}
	}
	for _, fe := range fents {
		if anyEntityMatch(gents, fe, false) {
			a.t.EntTPP++
		} else {
			a.missf("%s: spurious entity %s %s", a.art, pyStr(getOr(fe, "type", nil)), pyRepr(getOr(fe, "name", nil)))
		}
	}
}

// anyEntityMatch reports whether one of others matches e: same type and
// one of the found entity's names matching the gold entity's aliases.
// eIsGold says which side e is on.
func anyEntityMatch(others []any, e any, eIsGold bool) bool {
	for _, o := range others {
		found, gold := o, e
		if !eIsGold {
			found, gold = e, o
		}
		if entityMatch(found, gold) {
			return true
		}
	}
	return false
}

// entityMatch is score.py's entity test.
func entityMatch(found, gold any) bool {
	if !equal(getOr(found, "type", nil), getOr(gold, "type", nil)) {
		return false
	}
	aliases := stringItems(getOr(gold, "aliases", nil))
	for _, n := range entityNames(found) {
		if StringsMatch(n, aliases) {
			return true
		}
	}
	return false
}

// firstOf is v[0] for a list or string, nil otherwise.
func firstOf(v any) any {
	if items := iterate(v); len(items) > 0 {
		return items[0]
	}
	return nil
}

// argsOf returns a gold mention's args object, empty when it has none.
func argsOf(ge any) *object {
	if args, ok := getOr(ge, "args", nil).(*object); ok {
		return args
	}
	return newObject()
}

// argValues returns the values of a gold mention's args, in order.
func argValues(ge any) []any {
	args := argsOf(ge)
	out := make([]any, len(args.keys))
	for i, k := range args.keys {
		out[i] = args.vals[k]
	}
	return out
}

// sentenceSpan finds the gold sentence in the text and returns its span
// in code points.
func sentenceSpan(text, sentence string) (int, int, bool) {
	i := strings.Index(text, sentence)
	if i < 0 {
		return 0, 0, false
	}
	start := utf8.RuneCountInString(text[:i])
	return start, start + utf8.RuneCountInString(sentence), true
}

// prefix returns the first n code points of s.
func prefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
