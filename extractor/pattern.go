package extractor

import (
	"fmt"
	"strconv"
	"strings"
)

// A pattern is a space-separated sequence of elements matched against
// tokens:
//
//	word          a word form, matched case-insensitively ("defected")
//	a|b|c         alternatives; an underscore joins words inside one
//	              alternative ("~hand_over|~turn_over")
//	~lemma        the lemma with its regular and irregular inflections
//	<CLASS>       an entity mention (ACTOR, AGENCY, ORG, CITY, REGION, COUNTRY,
//	              PLACE, PEOPLE, NP, MONEY, AMOUNT) or a word list from
//	              lexicon/words.yaml (<poss>, <det>, ...)
//	...  ...N     a gap of 0..N tokens (default 4) inside the sentence
//	X?            an optional element
//
// Patterns compile into a token trie shared by all patterns of a kind.

// stepKind is the kind of one compiled step.
type stepKind uint8

const (
	stLit stepKind = iota
	stClass
	stGap
)

// step is one element of a linear pattern path.
type step struct {
	kind  stepKind
	lit   string
	class string
	max   int
}

// element is one parsed pattern element before expansion.
type element struct {
	alts     [][]step // alternatives, each a sequence of steps
	optional bool
}

// parsePattern parses a pattern into elements; tok splits a literal into
// token forms the way the tokenizer does.
func parsePattern(src string, lx *lexicon) ([]element, error) {
	fields := strings.Fields(src)
	if len(fields) == 0 {
		return nil, fmt.Errorf("empty pattern")
	}
	var out []element
	for _, f := range fields {
		el := element{}
		if strings.HasSuffix(f, "?") && len(f) > 1 {
			el.optional = true
			f = f[:len(f)-1]
		}
		switch {
		case f == "..." || strings.HasPrefix(f, "...") && isNum(f[3:]):
			n := 4
			if len(f) > 3 {
				n, _ = strconv.Atoi(f[3:])
			}
			if n < 1 || n > 30 {
				return nil, fmt.Errorf("gap %q out of range 1..30", f)
			}
			el.alts = [][]step{{{kind: stGap, max: n}}}
		default:
			for _, alt := range strings.Split(f, "|") {
				if alt == "" {
					return nil, fmt.Errorf("empty alternative in %q", f)
				}
				if strings.HasPrefix(alt, "<") && strings.HasSuffix(alt, ">") {
					name := alt[1 : len(alt)-1]
					if !lx.knownClass(name) {
						return nil, fmt.Errorf("unknown class <%s>", name)
					}
					el.alts = append(el.alts, []step{{kind: stClass, class: name}})
					continue
				}
				if strings.ContainsAny(alt, "<>") {
					return nil, fmt.Errorf("malformed class in %q", alt)
				}
				alt = strings.ReplaceAll(alt, "_", " ")
				forms := []string{alt}
				if strings.HasPrefix(alt, "~") {
					forms = lx.inflect(strings.ToLower(alt[1:]))
				}
				for _, form := range forms {
					toks := splitWords(form)
					if len(toks) == 0 {
						return nil, fmt.Errorf("alternative %q has no words", alt)
					}
					seq := make([]step, len(toks))
					for i, t := range toks {
						seq[i] = step{kind: stLit, lit: t}
					}
					el.alts = append(el.alts, seq)
				}
			}
		}
		out = append(out, el)
	}
	return out, nil
}

func isNum(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// splitWords tokenizes a literal the way article text is tokenized and
// returns the lower-case token forms.
func splitWords(s string) []string {
	n := normalize(s)
	toks := tokenize(n, nil)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.low
	}
	return out
}

// expand turns parsed elements into every linear path of steps, bounded to
// keep a bad pattern from exploding.
func expand(els []element) ([][]step, error) {
	paths := [][]step{nil}
	for _, el := range els {
		var next [][]step
		for _, p := range paths {
			if el.optional {
				next = append(next, p)
			}
			for _, alt := range el.alts {
				q := make([]step, 0, len(p)+len(alt))
				q = append(append(q, p...), alt...)
				next = append(next, q)
			}
		}
		if len(next) > 4096 {
			return nil, fmt.Errorf("pattern expands to more than 4096 forms")
		}
		paths = next
	}
	for _, p := range paths {
		if len(p) == 0 {
			return nil, fmt.Errorf("pattern can match nothing")
		}
	}
	return paths, nil
}

// tnode is a node of a token trie. Literal edges are keyed by lower-case
// token; class and gap edges are tried in order. The fields matching reads
// at every step (child, accept, classes, gaps) come first, so that a step
// touches as few cache lines as it can. lit, ids and frozen are build-time
// only; lit and ids are dropped once the extractor is built (release).
type tnode struct {
	// words has bit id&63 set for the id of each word edge (compileClasses),
	// so that most tokens with no edge are told apart in one test.
	words uint64
	// bare is set when only word edges leave the node: it accepts nothing
	// and has no class or gap edge (compileClasses).
	bare    bool
	dense   []*tnode         // edges by word id at wide nodes
	small   []idEdge         // edges by word id at narrow nodes, by id
	accept  []int32          // rules accepted here
	ids     map[int32]*tnode // edges by word id, once frozen
	classes []classEdge
	gaps    []gapEdge
	// starts tells what the class edges can start on (compileClasses).
	starts classStarts
	lit    map[string]*tnode // edges by word, while building
	frozen bool
}

// classStarts sums up the class edges of a node: the tokens a class match
// can start on. A token none of them names starts no class match, so
// matching need not ask for the ends of each class there.
type classStarts struct {
	// lists are the word lists a start may be in: those of list classes,
	// the money words of MONEY and the possessives an entity class skips.
	lists  uint64
	known  bool // set by compileClasses; unknown starts may be anything
	entity bool // an entity class: also a top mention or a quantifier
	amount bool // an amount
}

// add widens s to the tokens class edge e can start on.
func (s *classStarts) add(e *classEdge) {
	s.known = true
	switch e.kind {
	case ckList:
		s.lists |= 1 << e.list
	case ckMoney:
		s.amount = true
		s.lists |= 1 << lMoney
	case ckAmount:
		s.amount = true
	case ckNP, ckEntity:
		s.entity = true
		s.lists |= 1<<lPoss | 1<<lCountBounds
	}
}

// idEdge is a word edge of a frozen trie.
type idEdge struct {
	id   int32
	next *tnode
}

type classEdge struct {
	class string
	next  *tnode
	// What the class matches, compiled from its name once the lexicon is
	// known (compile).
	classTest
}

// classTest is what a class edge matches.
type classTest struct {
	kind  classKind
	list  listID // ckList: the word list
	types uint16 // ckEntity: the mention type bits
}

// classKind is what a class edge matches.
type classKind uint8

const (
	ckUnset  classKind = iota // not compiled yet
	ckList                    // a word of a list
	ckNoList                  // a lower-case class with no list: nothing
	ckMoney                   // an amount or a money word
	ckAmount                  // an amount
	ckNP                      // any top mention
	ckEntity                  // a top mention of some types
)

// compile sets what the class matches.
func (e *classEdge) compile(lx *lexicon) {
	c := e.class
	switch {
	case c[0] >= 'a' && c[0] <= 'z':
		e.kind = ckNoList
		if bit, ok := lx.listBit[c]; ok {
			e.kind, e.list = ckList, bit
		}
	case c == "MONEY":
		e.kind = ckMoney
	case c == "AMOUNT":
		e.kind = ckAmount
	case c == "NP":
		e.kind = ckNP
	default:
		e.kind, e.types = ckEntity, typeNames[classAlias(c)]
	}
}

// compileClasses compiles every class edge of the trie and, its words
// having ids now, fills in the word filters of its nodes.
func (t *trie) compileClasses(lx *lexicon) {
	for _, n := range t.nodes() {
		for id := range n.ids {
			n.words |= 1 << (id & 63)
		}
		n.bare = len(n.accept) == 0 && len(n.classes) == 0 && len(n.gaps) == 0
		for k := range n.classes {
			n.classes[k].compile(lx)
			n.starts.add(&n.classes[k])
		}
	}
}

type gapEdge struct {
	max  int
	next *tnode
}

// trie is a multi-pattern matcher over tokens: each pattern id accepts at
// the node its path ends in.
type trie struct {
	root *tnode
	// g is the flat form that matching walks, once built (flatten); the
	// node graph is dropped then.
	g      *graph
	maxLen int
	frozen bool
	// wild is set when a path has a class or a gap edge.
	wild bool
	// first holds the ids of the root's word edges when only word edges
	// leave the root (set by densify), so that matchAt passes over a token
	// that starts nothing without reading the root node.
	first idSet
	// flag, when set, is a token flag that the words of first have
	// (useStartFlag): matchAll tests it instead of looking the id up.
	flag uint16
}

// idSet is a set of word ids, one bit each.
type idSet []uint64

func (s idSet) has(id int32) bool {
	k := int(id >> 6)
	return k < len(s) && s[k]&(1<<(id&63)) != 0
}

func newTrie() *trie { return &trie{root: &tnode{}} }

// add inserts a path accepting id.
func (t *trie) add(path []step, id int32) {
	n := t.root
	length := 0
	for _, s := range path {
		t.wild = t.wild || s.kind != stLit
		switch s.kind {
		case stLit:
			if n.lit == nil {
				n.lit = map[string]*tnode{}
			}
			c := n.lit[s.lit]
			if c == nil {
				c = &tnode{}
				n.lit[s.lit] = c
			}
			n = c
			length++
		case stClass:
			var c *tnode
			for _, e := range n.classes {
				if e.class == s.class {
					c = e.next
				}
			}
			if c == nil {
				c = &tnode{}
				n.classes = append(n.classes, classEdge{class: s.class, next: c})
			}
			n = c
			length += 8
		case stGap:
			var c *tnode
			for _, e := range n.gaps {
				if e.max == s.max {
					c = e.next
				}
			}
			if c == nil {
				c = &tnode{}
				n.gaps = append(n.gaps, gapEdge{s.max, c})
			}
			n = c
			length += s.max
		}
	}
	n.accept = append(n.accept, id)
	if length > t.maxLen {
		t.maxLen = length
	}
}

// hit is one pattern match: pattern id and token range [start, end).
type hit struct {
	id         int32
	start, end int
}

// mayStart reports whether a match can start at tok; false means matchAt
// would find nothing there. It reads only the root's word ids.
func (t *trie) mayStart(tok *token) bool {
	return t.first == nil || t.first.has(tok.id)
}

// nextStart returns the first token in [i, end) of d where a match may
// start, or end; matchAt finds nothing at the tokens it passes over. It
// tests a token as enter would test it at the root.
func (t *trie) nextStart(d *doc, i, end int) int {
	if t.first != nil {
		for i < end && !t.first.has(d.toks[i].id) {
			i++
		}
		return i
	}
	r := &t.g.nodes[1]
	if r.ngap > 0 {
		return i
	}
	for i < end && r.words&(1<<(d.toks[i].id&63)) == 0 && !(r.nclass > 0 && d.classMayStart(&r.starts, i)) {
		i++
	}
	return i
}

// useStartFlag gives the words that can start a match of t token flag f,
// which the tokenizer copies from the vocabulary, so that matchAll tests
// one bit of a token. Only a trie with first can: its matches start on
// those words alone. The trie must still have its build-time edges.
func (t *trie) useStartFlag(v *vocab, f uint16) {
	if t.first != nil {
		v.markStarters(t, f)
		t.flag = f
	}
}

// matchAt appends every match of the trie starting at token i of d and
// ending at or before limit. Class edges ask d for their ends.
func (t *trie) matchAt(d *doc, i, limit int, out []hit) []hit {
	if t.first != nil && (i >= limit || !t.first.has(d.toks[i].id)) {
		return out // only word edges leave the root, and none for this token
	}
	if !t.wild {
		return t.g.matchWords(d.toks, i, limit, out)
	}
	m := matcher{t: t, g: t.g, nodes: t.g.nodes, d: d, limit: limit, out: out}
	m.from(i)
	return m.out
}

// matchAll appends every match of the trie that starts in tokens [b, e)
// of d and ends at or before e, by start; one matcher serves every start.
func (t *trie) matchAll(d *doc, b, e int, out []hit) []hit {
	m := matcher{t: t, g: t.g, nodes: t.g.nodes, d: d, limit: e, out: out}
	if f := t.flag; f != 0 {
		toks := d.toks[:e]
		for i := b; i < e; i++ {
			switch {
			case toks[i].flags&f == 0:
			case t.wild:
				m.from(i)
			default:
				m.out = m.g.matchWords(toks, i, e, m.out)
			}
		}
		return m.out
	}
	for i := t.nextStart(d, b, e); i < e; i = t.nextStart(d, i+1, e) {
		m.at(i)
	}
	return m.out
}

// at appends the matches that start at token i, a token nextStart let
// pass, to m.out.
func (m *matcher) at(i int) {
	if m.t.wild {
		m.from(i)
	} else {
		m.out = m.g.matchWords(m.d.toks, i, m.limit, m.out)
	}
}

// matchWords is matchAt for a trie of word paths only: from one token
// they form a single chain, so it needs no walk.
func (g *graph) matchWords(toks []token, i, limit int, out []hit) []hit {
	f := &g.nodes[1]
	for j := i; j < limit; j++ {
		c := g.child(f, toks[j].id)
		if c == 0 {
			break
		}
		if f = &g.nodes[c]; f.naccept > 0 {
			for _, id := range g.accepts[f.accept : f.accept+int32(f.naccept)] {
				out = append(out, hit{id: id, start: i, end: j + 1})
			}
		}
	}
	return out
}

// matcher is the state of one matchAt or matchAll call, shared by the
// steps of its walk so that each step passes only a node and a position.
type matcher struct {
	t            *trie
	g            *graph
	nodes        []fnode // the nodes of g
	d            *doc
	start, limit int
	out          []hit
}

// from walks the trie from its root at token i, a token nextStart,
// matchAt or the start flag let pass.
func (m *matcher) from(i int) {
	m.start = i
	if m.t.first == nil {
		m.enter(&m.nodes[1], i, 0)
		return
	}
	// Only word edges leave the root, and the token has one: step, unless
	// the node it leads to would be left at once.
	if f := &m.nodes[m.g.child(&m.nodes[1], m.d.toks[i].id)]; !m.dead(f, i+1) {
		m.enter(f, i+1, 1)
	}
}

// walk records the matches of the paths from node f at token i.
func (m *matcher) walk(f *fnode, i, depth int) {
	g := m.g
	if f.naccept > 0 && i > m.start {
		for _, id := range g.accepts[f.accept : f.accept+int32(f.naccept)] {
			m.out = append(m.out, hit{id: id, start: m.start, end: i})
		}
	}
	if depth > 64 {
		return
	}
	if i < m.limit {
		if c := g.child(f, m.d.toks[i].id); c != 0 {
			if cf := &m.nodes[c]; !m.dead(cf, i+1) {
				m.enter(cf, i+1, depth+1)
			}
		}
		for k := f.class; k < f.class+int32(f.nclass); k++ {
			e := g.classes[k]
			a, b := m.d.classEnds(&e.classTest, i)
			for _, end := range [2]int{a, b} {
				if end <= i || end > m.limit {
					continue
				}
				if next := &m.nodes[e.next]; !m.dead(next, end) {
					m.enter(next, end, depth+1)
				}
			}
		}
	}
	if f.ngap == 0 {
		return
	}
	// A gap from i ends at most at the first token that stops gaps, or
	// at the limit; stop finds that end as far as the widest gap needs.
	stop, blocked := i, false
	for _, e := range g.gaps[f.gap : f.gap+int32(f.ngap)] {
		last := min(i+int(e.max), m.limit)
		for ; !blocked && stop < last; stop++ {
			if t := &m.d.toks[stop]; isHardStop(t) || t.is(lClauseBreak) {
				blocked = true
				break
			}
		}
		next := &m.nodes[e.next]
		for j := i; j <= last && j <= stop; j++ {
			if !m.dead(next, j) {
				m.enter(next, j, depth+1)
			}
		}
	}
}

// dead reports whether enter would leave node f at token i at once: only
// word edges leave f, and the filter of its words rules the token out.
func (m *matcher) dead(f *fnode, i int) bool {
	return f.bare && (i >= m.limit || f.words&(1<<(m.d.toks[i].id&63)) == 0)
}

// enter walks from node f at token i like walk, but first passes over
// what cannot match there without a call: it follows a chain of nodes
// that have only word edges, and leaves a node whose word and class
// edges all fail on the token.
func (m *matcher) enter(f *fnode, i, depth int) {
	for f.naccept == 0 && f.ngap == 0 {
		if depth > 64 || i >= m.limit {
			return
		}
		c := m.g.child(f, m.d.toks[i].id)
		if f.nclass > 0 {
			if c != 0 || m.d.classMayStart(&f.starts, i) {
				break
			}
			return
		}
		if c == 0 {
			return
		}
		f, i, depth = &m.nodes[c], i+1, depth+1
	}
	m.walk(f, i, depth)
}

// isHardStop reports whether a gap may not run over the token.
func isHardStop(t *token) bool {
	return t.has(flHardStop) // ; , . ? ! " (set by the tokenizer)
}

// next follows the literal edge for a token: by id once the trie is
// frozen, by word before (while the extractor is being built).
func (t *trie) next(n *tnode, tok *token) *tnode {
	if t.frozen {
		if n.words&(1<<(tok.id&63)) == 0 {
			return nil
		}
		return n.child(tok.id)
	}
	if n.lit == nil {
		return nil
	}
	return n.lit[tok.low]
}
