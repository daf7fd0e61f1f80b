package extractor

import (
	"slices"
	"sort"

	"eventgraph/domain"
)

// doc is the working state of one extraction. It lives for one call of
// Extract and is never shared.
type doc struct {
	x    *Extractor
	k    *knowledge
	n    *normText
	norm normText // the normalised text n points to, reused
	toks []token
	// sents are sentences over toks; sentOf maps a token to its sentence.
	sents  []sentence
	sentOf []int32

	amounts     []amountSpan
	amountCover []int32
	amountEnd   int
	goods       []amountSpan    // quantities of goods, for amount arguments only
	amountSlab  []domain.Amount // structured amounts handed out (newAmount)
	times       []timeSpan

	ms       []mention
	intBuf   []int
	intBuf2  []int
	topAt    []int32 // token -> top mention starting there, or -1
	topCover []int32 // token -> top mention covering it, or -1
	acronyms map[string]acronymDef
	miss     headMiss // the last head the chunker found nothing at

	ents   []*entity
	events []eventFound

	idbuf, idbuf2 [16]int32
	memo          [8]longestMemo // by dictionary bit
	hitBuf        []hit

	keyBuf  []byte // event id key
	hashBuf []byte // text for the article id
	// aliasBuf gathers the aliases of all entities of the output.
	aliasBuf []string
	lowBuf   []byte  // the lower-case text being made
	seen     seenSet // aliases of the entity being output

	// Buffers of the event stage: arguments of all events (each event
	// holds a full slice of its part), cues and trigger candidates of the
	// sentence at hand.
	argBuf           []argFound
	cueBuf           []cueHit
	candBuf, keptBuf []triggerCand
	trigHits         []hit
	sentMemo         []sentMatch
	// argMs are the checks of the mentions d.ms[argLo:] of argSent, the
	// sentence whose events get their arguments (sentenceTypes),
	// argTimes the range of d.times in it, and argLists and argPreps its
	// word lists and prepositions (sentenceWords).
	argMs              []mentionChecks
	argLo              int
	argSent            sentence
	argTimes           [2]int
	argLists, argPreps uint64

	// Buffers of resolution: entities (ents point into entSlab), ids,
	// per-country counts and the mentions attached to entities.
	entSlab  []entity
	ids      idTable
	countBuf []int32
	attached []attachment
	idKey    []byte // an entity id being built
	// gazEnts holds, by gazetteer entry (countries, then cities, regions
	// and organisations), its entity's index + 1, or 0 before the entry's
	// first mention: repeat mentions skip the lookup of the entry's id.
	gazEnts []int32

	byKeyBuf, byRoleBuf []keyedActor
}

// extract runs the pipeline: normalise, tokenise, drop boilerplate,
// segment, find amounts and times, chunk mentions, resolve entities, apply
// the event rules, and build the document.
func (x *Extractor) extract(source, text string, out *Output) domain.Document {
	d := x.getDoc()
	defer x.putDoc(d)
	d.n = &d.norm
	d.lowBuf = d.n.reset(text, d.lowBuf)
	d.tokenize()
	d.sents = segment(d.toks, d.k.lex, d.sents[:0])
	softenScareQuotes(d.toks)
	d.sentOf = grow(d.sentOf, len(d.toks))
	for si, s := range d.sents {
		for i := s.tb; i < s.te; i++ {
			d.sentOf[i] = int32(si)
		}
	}
	d.amountCover = fill(grow(d.amountCover, len(d.toks)), -1)
	for si := range d.sents {
		d.findAmounts(d.sents[si])
		d.findTimes(d.sents[si])
	}
	for ai, a := range d.amounts {
		for i := a.tb; i < a.te; i++ {
			d.amountCover[i] = int32(ai)
		}
	}
	for si := range d.sents {
		d.chunk(si)
	}
	d.indexMentions()
	d.resolve()
	d.collectMentions()
	d.findEvents()
	d.carryDefectors()
	d.carryCaptors()
	return d.document(source, out)
}

// fill sets every element of xs to v, copying ever longer filled prefixes.
func fill(xs []int32, v int32) []int32 {
	if len(xs) == 0 {
		return xs
	}
	xs[0] = v
	for k := 1; k < len(xs); k *= 2 {
		copy(xs[k:], xs[:k])
	}
	return xs
}

// tokenize tokenises the normalised text and drops boilerplate tokens.
func (d *doc) tokenize() {
	all := tokenizeWith(d.n, d.k.vocab, d.toks[:0])
	drop := d.k.boil.find(d.n.lower)
	if len(drop) == 0 {
		d.toks = all
		return
	}
	// The tokens before the first drop stay where they are; the kept
	// tokens after it are moved down a run at a time. A dropped span holds
	// the tokens that start in it, except a last one that runs past it.
	i := tokenAt(all, 0, drop[0].b)
	n := i            // tokens kept so far
	var breaks uint16 // line breaks before dropped tokens, kept for the next token
	for _, sp := range drop {
		b := tokenAt(all, i, sp.b)
		n, breaks = keepRun(all, n, i, b, breaks)
		i = tokenAt(all, b, sp.e)
		if i > b && int(all[i-1].ne) > sp.e {
			i--
		}
		for k := b; k < i; k++ {
			breaks |= all[k].flags & (flNLBefore | flBlankBefore | flSpaceBefore)
		}
	}
	n, _ = keepRun(all, n, i, len(all), breaks)
	d.toks = all[:n]
}

// tokenAt returns the first of toks[i:] that starts at or after byte x.
func tokenAt(toks []token, i, x int) int {
	return i + sort.Search(len(toks)-i, func(k int) bool { return int(toks[i+k].nb) >= x })
}

// keepRun moves the kept tokens toks[i:j] to toks[n:], giving the first of
// them the line breaks of the dropped tokens before it, and returns the
// new number of kept tokens and the breaks still to give.
func keepRun(toks []token, n, i, j int, breaks uint16) (int, uint16) {
	if i == j {
		return n, breaks
	}
	toks[i].flags |= breaks
	if n != i {
		copy(toks[n:], toks[i:j])
	}
	return n + j - i, 0
}

// indexMentions orders the mentions and indexes the top ones by token.
func (d *doc) indexMentions() {
	if !d.mentionsInOrder() {
		d.sortMentions()
	}
	d.topAt = fill(grow(d.topAt, len(d.toks)), -1)
	d.topCover = fill(grow(d.topCover, len(d.toks)), -1)
	for mi := range d.ms {
		m := &d.ms[mi]
		if !m.top {
			continue
		}
		if d.topAt[m.tb] < 0 {
			d.topAt[m.tb] = int32(mi)
		}
		for i := m.tb; i < m.te; i++ {
			if d.topCover[i] < 0 {
				d.topCover[i] = int32(mi)
			}
		}
	}
}

// mentionsInOrder reports whether the mentions are in order already: by
// start, the longer first.
func (d *doc) mentionsInOrder() bool {
	for i := 1; i < len(d.ms); i++ {
		if a, b := &d.ms[i-1], &d.ms[i]; a.tb > b.tb || a.tb == b.tb && a.te < b.te {
			return false
		}
	}
	return true
}

// sortMentions puts the mentions in order, stably: by start, the longer
// first.
func (d *doc) sortMentions() {
	// An insertion sort: the mentions come sentence by sentence, nearly
	// in order (a phrase after the names inside it), so each moves only a
	// few places, and never out of its sentence.
	order := d.intBuf[:0]
	for i := range d.ms {
		order = append(order, i)
		a, j := &d.ms[i], i
		for ; j > 0; j-- {
			b := &d.ms[order[j-1]]
			if b.tb < a.tb || b.tb == a.tb && b.te >= a.te {
				break
			}
			order[j] = order[j-1]
		}
		order[j] = i
	}
	// member and place refer to indices before sorting; remap them.
	newIdx := slices.Grow(d.intBuf2[:0], len(order))[:len(order)]
	for ni, oi := range order {
		newIdx[oi] = ni
	}
	for i := range d.ms {
		m := &d.ms[i]
		if m.member >= 0 {
			m.member = newIdx[m.member]
		}
		if m.place >= 0 {
			m.place = newIdx[m.place]
		}
	}
	// Move the mentions in place, one cycle of the permutation at a time:
	// most stay where they are, and each that moves is copied once.
	for p := range order {
		if order[p] == p {
			continue
		}
		first, q := d.ms[p], p
		for order[q] != p {
			next := order[q]
			d.ms[q], order[q] = d.ms[next], q
			q = next
		}
		d.ms[q], order[q] = first, q
	}
	d.intBuf, d.intBuf2 = order[:0], newIdx[:0]
}

// span returns the original text and code point offsets of tokens [b, e).
func (d *doc) span(b, e int) domain.Span {
	if e <= b {
		return domain.Span{}
	}
	t0, t1 := &d.toks[b], &d.toks[e-1]
	return domain.Span{Text: d.n.orig[t0.ob:t1.oe], Start: int(t0.rs), End: int(t1.re)}
}

// maxPooledTokens bounds the buffers kept for reuse, so that one huge
// article does not pin its memory.
const maxPooledTokens = 1 << 16

// maxPooledBytes bounds the text buffers kept for reuse.
const maxPooledBytes = 1 << 20

// getDoc returns a working state with buffers from earlier extractions.
func (x *Extractor) getDoc() *doc {
	d, _ := x.pool.Get().(*doc)
	if d == nil {
		d = &doc{}
	}
	d.x, d.k = x, x.data
	d.memo = [8]longestMemo{}
	d.acronyms = map[string]acronymDef{}
	return d
}

// putDoc keeps a working state's buffers for reuse unless they are large.
func (x *Extractor) putDoc(d *doc) {
	if cap(d.toks) > maxPooledTokens || cap(d.lowBuf) > maxPooledBytes || cap(d.norm.text) > maxPooledBytes {
		return
	}
	*d = doc{
		norm: d.norm.keep(),
		toks: d.toks[:0], sents: d.sents[:0], sentOf: d.sentOf[:0], amounts: d.amounts[:0], goods: d.goods[:0],
		amountCover: d.amountCover[:0], amountSlab: d.amountSlab, times: d.times[:0], ms: d.ms[:0], topAt: d.topAt[:0],
		topCover: d.topCover[:0], events: d.events[:0],
		intBuf: d.intBuf[:0], intBuf2: d.intBuf2[:0], hitBuf: d.hitBuf[:0], keyBuf: d.keyBuf[:0], hashBuf: d.hashBuf[:0], lowBuf: d.lowBuf[:0],
		aliasBuf: d.aliasBuf[:0],
		seen:     d.seen.keep(), argBuf: d.argBuf[:0], cueBuf: d.cueBuf[:0],
		candBuf: d.candBuf[:0], keptBuf: d.keptBuf[:0],
		entSlab: d.entSlab[:0], ids: d.ids, countBuf: d.countBuf[:0], attached: d.attached[:0], idKey: d.idKey[:0], gazEnts: d.gazEnts[:0],
		byKeyBuf: d.byKeyBuf[:0], byRoleBuf: d.byRoleBuf[:0],
		ents: d.ents[:0], trigHits: d.trigHits[:0], sentMemo: d.sentMemo[:0], argMs: d.argMs[:0],
	}
	x.pool.Put(d)
}

// grow returns xs resized to n, reusing its array when large enough.
func grow(xs []int32, n int) []int32 {
	if cap(xs) >= n {
		return xs[:n]
	}
	return make([]int32, n)
}
