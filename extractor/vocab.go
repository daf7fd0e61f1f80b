package extractor

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
)

// Token interning: every word any trie or word list knows gets an integer
// id when the extractor is built, and each article token looks its id up
// once. Tries then follow int edges (a dense array at wide nodes) and word
// lists are bits of a per-word mask, so matching does no string hashing.

// listID is the bit of a word list in a token's mask.
type listID uint8

// The word lists the pipeline itself uses; lexicon/words.yaml must define
// them. Lists only used by patterns get the bits after these.
const (
	lAbbrev listID = iota
	lAgencyNameHeads
	lApprox
	lAspectVerbs
	lAux
	lAuxBe
	lClauseBreak
	lCountBounds
	lGoodsUnits
	lGovBefore
	lGovSource
	lGovVerbs
	lHeldWord
	lHome
	lMoney
	lMoneyQuant
	lMonths
	lNotPeople
	lNotRoleBefore
	lOrderVerbs
	lOrgNameHeads
	lPoss
	lPrep
	lQuantPron
	lRange
	lScale
	lSpeech
	lSurnames
	lTimePreps
	lTimeRel
	lTimeUnits
	lWeekdays
	numBuiltinLists
)

var builtinLists = [numBuiltinLists]string{
	"abbrev", "agency_name_heads", "approx", "aspect_verbs", "aux", "aux_be", "clause_break", "count_bounds", "goods_units", "gov_before", "gov_source", "gov_verbs",
	"held", "home", "money", "money_quant", "months", "not_people", "not_role_before", "order_verbs", "org_name_heads", "poss", "prep",
	"quant_pron", "range", "scale", "speech", "surnames", "time_preps", "time_rel", "time_units", "weekdays",
}

// Words the code itself compares tokens with ("but", ";") are interned
// first, in this order, so they have fixed ids: a token looked up in the
// vocabulary has t.id == wBut exactly when its lower-cased form is "but",
// and the comparison is with a constant instead of a string.
const (
	wSemicolon int32 = iota + 1
	wComma
	wHyphen
	wPossS // "'s"
	wA
	wAn
	wThe
	wAnother
	wBut
	wAlthough
	wThough
	wWhereas
	wHowever
	wDespite
	wWhile
	wAfter
	wBefore
	wWhen
	wUntil
	wBeing
	wHaving
	wCustody
	wOf
	numCodeWords
)

// codeWords are the words of the w* ids, by id - 1.
var codeWords = [numCodeWords - 1]string{
	";", ",", "-", "'s", "a", "an", "the", "another",
	"but", "although", "though", "whereas", "however", "despite", "while",
	"after", "before", "when", "until", "being", "having", "custody", "of",
}

// vocab maps known words to ids; id 0 is every unknown word.
type vocab struct {
	ids   map[string]int32
	words []string   // id -> word, the inverse of ids
	table wordTable  // the same as ids, for the tokenizer
	tags  []wordTags // id -> what a token of the word carries
	// numbers are the values of number words (flNumberWord) by id.
	numbers []float64
}

// wordTags are what the tokenizer copies from the vocabulary into a
// token of a word, kept together so that a token reads one entry.
type wordTags struct {
	mask   uint64 // word list bits
	starts uint16 // flNPStart, flAmountStart, flCueStart, flNumberWord, ...
	dicts  uint8  // bits of the dictionaries names start with
}

func (v *vocab) intern(w string) int32 {
	if id, ok := v.ids[w]; ok {
		return id
	}
	id := int32(len(v.tags))
	v.ids[w] = id
	v.words = append(v.words, w)
	v.tags = append(v.tags, wordTags{})
	return id
}

// buildVocab interns the words of every trie and word list, freezes the
// tries onto ids and sets the list bits.
func buildVocab(lx *lexicon, tries []*trie) (*vocab, error) {
	v := &vocab{ids: map[string]int32{}, words: []string{""}, tags: []wordTags{{}}}
	for i, w := range codeWords {
		if id := v.intern(w); id != int32(i+1) {
			return nil, fmt.Errorf("vocabulary: code word %q got id %d, want %d", w, id, i+1)
		}
	}
	if len(lx.listNames) > 64 {
		return nil, fmt.Errorf("lexicon: at most 64 word lists, got %d", len(lx.listNames))
	}
	for bit, name := range lx.listNames {
		for w := range lx.lists[name] {
			id := v.intern(w)
			v.tags[id].mask |= 1 << uint(bit)
		}
	}
	for _, t := range tries {
		t.freeze(v)
		t.minimize()
		t.compileClasses(lx)
	}
	for w := range lx.numbers {
		v.tags[v.intern(w)].starts |= flNPStart | flAmountStart | flNumberWord
	}
	for w := range lx.lists["approx"] {
		v.tags[v.intern(w)].starts |= flAmountStart
	}
	return v, nil
}

// tag sets the id of token t, its word lists and the flags of its word.
func (v *vocab) tag(t *token, id int32) {
	if id != 0 {
		tg := &v.tags[id]
		t.id, t.mask, t.dicts = id, tg.mask, tg.dicts
		t.flags |= tg.starts
	}
}

// wordTable is an open-addressing hash table from words to ids, built
// once the vocabulary is complete: the tokenizer looks up every token.
// Words of up to wordKeyLen bytes are stored in the slot itself as two
// zero-padded little-endian words, so a lookup reads one slot and follows
// no pointer; longer words are in a map.
type wordTable struct {
	slots []wordSlot // a power of two long, at most half full
	long  map[string]int32
	// single holds the ids of one-byte words (punctuation, "a"), which
	// are common enough to skip the hash and the slot read.
	single [256]int32
	// The words of up to seven bytes without a zero byte again, by the
	// key's low word alone, which such a word fills and no other word of
	// the table has: a small table for the short words the tokenizer
	// reads in one go. A zero key is an empty slot. Key and id share a
	// slot, so that a lookup reads one cache line.
	short []shortSlot
}

// shortSlot is a slot of the short word table.
type shortSlot struct {
	key uint64
	id  int32
}

// maxShortWord is the longest word of the short word table.
const maxShortWord = 7

const wordKeyLen = 16

// wordKey is a word of up to wordKeyLen bytes, zero padded, read as two
// little-endian words.
type wordKey struct{ lo, hi uint64 }

type wordSlot struct {
	key wordKey
	n   uint8 // the word's length
	id  int32 // 0 for an empty slot
}

// newWordTable indexes ids.
func newWordTable(ids map[string]int32) wordTable {
	n := 16
	for n < 2*len(ids) {
		n *= 2
	}
	t := wordTable{slots: make([]wordSlot, n), long: map[string]int32{}}
	for w, id := range ids {
		if id == 0 {
			continue
		}
		if len(w) > wordKeyLen {
			t.long[w] = id
			continue
		}
		if len(w) == 1 {
			t.single[w[0]] = id
		}
		k := keyOf(w)
		i := k.hash() & uint32(n-1)
		for t.slots[i].id != 0 {
			i = (i + 1) & uint32(n-1)
		}
		t.slots[i] = wordSlot{k, uint8(len(w)), id}
	}
	t.indexShort(ids)
	return t
}

// indexShort fills in the short word table.
func (t *wordTable) indexShort(ids map[string]int32) {
	var short []string
	for w, id := range ids {
		if id != 0 && len(w) > 0 && len(w) <= maxShortWord && strings.IndexByte(w, 0) < 0 {
			short = append(short, w)
		}
	}
	n := 16
	for n < 2*len(short) {
		n *= 2
	}
	t.short = make([]shortSlot, n)
	for _, w := range short {
		k := keyOf(w)
		i := k.hash() & uint32(n-1)
		for t.short[i].key != 0 {
			i = (i + 1) & uint32(n-1)
		}
		t.short[i] = shortSlot{k.lo, ids[w]}
	}
}

// keyOf returns the key of w, which is at most wordKeyLen bytes.
func keyOf[T string | []byte](w T) wordKey {
	var buf [wordKeyLen]byte
	copy(buf[:], w)
	return wordKey{binary.LittleEndian.Uint64(buf[:8]), binary.LittleEndian.Uint64(buf[8:])}
}

// keyMasks are, by word length, the bits of the key a word fills.
var keyMasks = func() (m [wordKeyLen + 1]wordKey) {
	for n := range m {
		for i := range n {
			if i < 8 {
				m[n].lo |= 0xff << (8 * i)
			} else {
				m[n].hi |= 0xff << (8 * (i - 8))
			}
		}
	}
	return m
}()

// hash mixes the two halves of the key.
func (k wordKey) hash() uint32 {
	h := (k.lo ^ k.hi*0x9e3779b97f4a7c15) * 0xff51afd7ed558ccd
	return uint32(h >> 32)
}

// lookupAt returns the id of the word s[b:e], 0 when unknown. Unless the
// word is near the end of s, its key is read as two words from s.
func (t *wordTable) lookupAt(s []byte, b, e int) int32 {
	var k wordKey
	switch n := e - b; {
	case n == 1:
		return t.single[s[b]]
	case n > wordKeyLen:
		return t.long[string(s[b:e])]
	case b+wordKeyLen > len(s):
		k = keyOf(s[b:e])
	default:
		m := &keyMasks[n]
		k = wordKey{load64(s, b) & m.lo, load64(s, b+8) & m.hi}
	}
	return t.find(k, e-b)
}

// findShort returns the id of the word with key k, 0 when unknown; the
// word has one to seven bytes, none of them zero.
func (t *wordTable) findShort(k wordKey) int32 {
	mask := uint32(len(t.short) - 1)
	for i := k.hash() & mask; ; i = (i + 1) & mask {
		if sl := &t.short[i]; sl.key == k.lo || sl.key == 0 {
			return sl.id
		}
	}
}

// find returns the id of the word of n bytes with key k, 0 when unknown.
func (t *wordTable) find(k wordKey, n int) int32 {
	mask := uint32(len(t.slots) - 1)
	for i := k.hash() & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.id == 0 || sl.key == k && int(sl.n) == n {
			return sl.id
		}
	}
}

// markStarters flags the words that can start an entry of a trie.
func (v *vocab) markStarters(t *trie, flag uint16) {
	for id := range t.root.ids {
		v.tags[id].starts |= flag
	}
}

// markDictStarters gives each dictionary a bit and sets it on the words
// its names start with. The last two bits are left for markKindStarters.
func (v *vocab) markDictStarters(ds []*dict) error {
	if len(ds) > 6 {
		return fmt.Errorf("at most 6 dictionaries, got %d", len(ds))
	}
	for k, d := range ds {
		d.bit = 1 << k
		for id := range d.t.root.ids {
			v.tags[id].dicts |= d.bit
		}
	}
	return nil
}

// markKindStarters sets bit on the words that names of d start with
// whose entries pass keep; the trie must still have its build-time edges.
func (v *vocab) markKindStarters(d *dict, bit uint8, keep func(*dictEntry) bool) {
	for w, c := range d.t.root.lit {
		id := v.ids[w]
		c.walk(func(n *tnode) bool {
			for _, a := range n.accept {
				if keep(&d.entries[a]) {
					v.tags[id].dicts |= bit
					return false
				}
			}
			return true
		})
	}
}

// freeze converts a trie's string edges to id edges.
func (t *trie) freeze(v *vocab) {
	t.root.walk(func(n *tnode) bool {
		if n.frozen {
			return false
		}
		n.frozen = true
		if len(n.lit) > 0 {
			n.ids = make(map[int32]*tnode, len(n.lit))
			for w, c := range n.lit {
				n.ids[v.intern(w)] = c
			}
		}
		return true
	})
	t.frozen = true
}

// densify gives wide nodes an array indexed by id, once the vocabulary is
// complete, and records the root's word ids when only word edges leave it.
func (t *trie) densify(size int) {
	if r := t.root; len(r.classes) == 0 && len(r.gaps) == 0 && len(r.accept) == 0 {
		t.first = make(idSet, size/64+1)
		for id := range r.ids {
			t.first[id>>6] |= 1 << (id & 63)
		}
	}
	for _, n := range t.nodes() {
		if n.dense == nil && len(n.ids) >= 16 {
			n.dense = make([]*tnode, size)
			for id, c := range n.ids {
				n.dense[id] = c
			}
		} else if n.dense == nil && n.small == nil && len(n.ids) > 0 {
			for id, c := range n.ids {
				n.small = append(n.small, idEdge{id, c})
			}
			slices.SortFunc(n.small, func(a, b idEdge) int { return cmp.Compare(a.id, b.id) })
		}
	}
}

// release drops the edge maps of a frozen trie once it is densified:
// matching reads only the dense and small edges, and the maps would stay
// for the garbage collector to scan at every cycle.
func (t *trie) release() {
	for _, n := range t.nodes() {
		n.lit, n.ids = nil, nil
	}
}

// walk calls fn on n and, while fn returns true, on every node below it.
func (n *tnode) walk(fn func(*tnode) bool) {
	if !fn(n) {
		return
	}
	for _, c := range n.lit {
		c.walk(fn)
	}
	for _, e := range n.classes {
		e.next.walk(fn)
	}
	for _, g := range n.gaps {
		g.next.walk(fn)
	}
}

// child follows the edge for token id from n; the trie is frozen and
// densified.
func (n *tnode) child(id int32) *tnode {
	if n.dense != nil {
		if int(id) < len(n.dense) {
			return n.dense[id]
		}
		return nil
	}
	for _, e := range n.small {
		if e.id >= id {
			if e.id == id {
				return e.next
			}
			return nil
		}
	}
	return nil
}

// is reports whether the token is in a word list.
func (t *token) is(l listID) bool { return t.mask&(1<<l) != 0 }

// is reports whether token i is in a word list.
func (d *doc) is(i int, l listID) bool { return d.toks[i].mask&(1<<l) != 0 }
