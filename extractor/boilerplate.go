package extractor

import "strings"

// boilerplate finds the parts of an article that hold no events or
// entities: contact and share lines, "Read in Korean", copyright lines,
// bylines, photo credits and "FILE PHOTO:" markers.
type boilerplate struct {
	lines, starts, credits, prefixes []string
	markers                          *markerAutomaton // lines and credits, found in one pass
}

func newBoilerplate(r *rawBoilerplate) *boilerplate {
	if r == nil {
		return &boilerplate{}
	}
	low := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strings.ToLower(x)
		}
		return out
	}
	bp := &boilerplate{lines: low(r.Lines), starts: low(r.Starts), credits: low(r.Credits), prefixes: low(r.Prefix)}
	t := &byteTrie{}
	for _, m := range bp.lines {
		t.add(m, markLine)
	}
	for _, m := range bp.credits {
		t.add(m, markCredit)
	}
	bp.markers = newMarkerAutomaton(t)
	return bp
}

// maxBoilerLine is the longest line checked for boilerplate markers.
const maxBoilerLine = 300

// span is a byte range [b, e) of the normalised text.
type span struct{ b, e int }

// find returns the boilerplate byte ranges of the lower-cased normalised
// text, in order.
func (bp *boilerplate) find(lower string) []span {
	var out []span
	for start := 0; start < len(lower); {
		end := strings.IndexByte(lower[start:], '\n')
		if end < 0 {
			end = len(lower)
		} else {
			end += start
		}
		out = bp.line(lower, start, end, out)
		start = end + 1
	}
	return out
}

// line appends the boilerplate ranges of one line [b, e).
func (bp *boilerplate) line(lower string, b, e int, out []span) []span {
	line := lower[b:e]
	if len(line) > maxBoilerLine {
		return out // a paragraph, not a credit, caption marker or contact line
	}
	trimmed := strings.TrimSpace(line)
	if trimmed == "" {
		return out
	}
	off := b + strings.Index(line, trimmed)
	lineHit, creditAt := bp.markers.scan(trimmed)
	if lineHit || bp.dropShort(trimmed) {
		return append(out, span{b, e})
	}
	for _, p := range bp.prefixes {
		if strings.HasPrefix(trimmed, p) {
			out = append(out, span{off, off + len(p)})
			off += len(p)
			trimmed = trimmed[len(p):]
			break
		}
	}
	if creditAt >= 0 {
		best := -1
		for _, c := range bp.credits {
			if i := strings.Index(trimmed, c); i >= 0 && (best < 0 || i < best) {
				best = i
			}
		}
		if best >= 0 {
			out = append(out, span{off + best, e})
		}
	}
	return out
}

// dropShort reports whether a whole line is boilerplate by its e-mail
// address or, for a short line, by its first word.
func (bp *boilerplate) dropShort(t string) bool {
	if hasEmail(t) {
		return true
	}
	if len(t) > 80 {
		return false
	}
	words := strings.Fields(t)
	if len(words) > 8 {
		return false
	}
	for _, s := range bp.starts {
		if strings.HasPrefix(t, s) && (len(t) == len(s) || !isASCIILetter(t[len(s)])) {
			return bylineLike(words, s)
		}
	}
	return false
}

// bylineLike keeps short caption-like lines that merely start with a
// marker word ("share" in "Share prices fell") from being dropped: a line
// is dropped when it is the marker alone, or the marker is followed by a
// colon, or it is a "By Name Name" byline.
func bylineLike(words []string, marker string) bool {
	if len(words) <= len(strings.Fields(marker))+1 {
		return true
	}
	first := words[0]
	if strings.HasSuffix(first, ":") {
		return true
	}
	if marker == "by" || strings.HasSuffix(marker, " by") {
		return len(words) <= 5
	}
	return false
}

// hasEmail reports whether the text contains something like an e-mail
// address.
func hasEmail(t string) bool {
	for i := strings.IndexByte(t, '@'); i >= 0; {
		if i > 0 && i+1 < len(t) && t[i-1] != ' ' && strings.Contains(strings.Fields(t[i:])[0], ".") {
			return true
		}
		j := strings.IndexByte(t[i+1:], '@')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// Marker kinds of the byte trie.
const (
	markLine   = 1 // the whole line is boilerplate
	markCredit = 2 // the line is boilerplate from the marker on
)

// byteTrie is a trie of marker strings, compiled into a markerAutomaton.
type byteTrie struct {
	next  [256]*byteTrie
	kind  uint8
	depth int
}

func (t *byteTrie) add(s string, kind uint8) {
	n := t
	for i := 0; i < len(s); i++ {
		c := s[i]
		if n.next[c] == nil {
			n.next[c] = &byteTrie{depth: n.depth + 1}
		}
		n = n.next[c]
	}
	n.kind |= kind
}

// markerAutomaton is an Aho-Corasick automaton over the marker strings: it
// finds every occurrence in one pass, one table step per byte. Bytes that
// occur in no marker share class 0.
type markerAutomaton struct {
	class  [256]uint8
	nclass int
	next   []uint16 // state*nclass + class -> state; state 0 is the root
	line   []bool   // state -> a line marker ends here
	credit []int    // state -> length of the longest credit marker ending here, or 0
}

// newMarkerAutomaton compiles a trie of markers.
func newMarkerAutomaton(t *byteTrie) *markerAutomaton {
	a := &markerAutomaton{nclass: 1}
	// Number the states breadth first, and give classes to marker bytes.
	states := []*byteTrie{t}
	for k := 0; k < len(states); k++ {
		for c, n := range states[k].next {
			if n == nil {
				continue
			}
			if a.class[c] == 0 {
				a.class[c] = uint8(a.nclass)
				a.nclass++
			}
			states = append(states, n)
		}
	}
	index := make(map[*byteTrie]int, len(states))
	for i, n := range states {
		index[n] = i
	}
	a.next = make([]uint16, len(states)*a.nclass)
	a.line = make([]bool, len(states))
	a.credit = make([]int, len(states))
	fail := make([]int, len(states))
	// Breadth first, a state's failure state is complete before its own.
	for i, n := range states {
		a.line[i] = n.kind&markLine != 0 || a.line[fail[i]]
		a.credit[i] = a.credit[fail[i]]
		if n.kind&markCredit != 0 {
			a.credit[i] = n.depth
		}
		for c := 0; c < 256; c++ {
			cl := int(a.class[c])
			if cl == 0 {
				continue
			}
			if child := n.next[c]; child != nil {
				ci := index[child]
				if i == 0 {
					fail[ci] = 0
				} else {
					fail[ci] = int(a.next[fail[i]*a.nclass+cl])
				}
				a.next[i*a.nclass+cl] = uint16(ci)
			} else if i > 0 {
				a.next[i*a.nclass+cl] = a.next[fail[i]*a.nclass+cl]
			}
		}
	}
	return a
}

// scan reports whether a line marker occurs in s and where the first
// credit marker starts (-1 when none).
func (a *markerAutomaton) scan(s string) (line bool, credit int) {
	credit = -1
	st := 0
	for j := 0; j < len(s); j++ {
		st = int(a.next[st*a.nclass+int(a.class[s[j]])])
		if st == 0 {
			continue
		}
		if a.line[st] {
			return true, credit
		}
		if n := a.credit[st]; n > 0 && (credit < 0 || j+1-n < credit) {
			credit = j + 1 - n
		}
	}
	return false, credit
}
