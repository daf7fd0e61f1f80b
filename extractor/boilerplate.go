package extractor

import "strings"

// boilerplate finds the parts of an article that hold no events or
// entities: contact and share lines, "Read in Korean", copyright lines,
// bylines, photo credits and "FILE PHOTO:" markers.
type boilerplate struct {
	lines, starts, credits, prefixes []string
	markers                          *byteTrie // lines and credits, found in one pass
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
	bp := &boilerplate{lines: low(r.Lines), starts: low(r.Starts), credits: low(r.Credits), prefixes: low(r.Prefix), markers: &byteTrie{}}
	for _, m := range bp.lines {
		bp.markers.add(m, markLine)
	}
	for _, m := range bp.credits {
		bp.markers.add(m, markCredit)
	}
	bp.markers.index()
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

// byteTrie finds marker strings in a line in one pass over its bytes. At
// the root it keeps the pairs of bytes markers start with, so that most
// positions are passed over without walking the trie; index must be called
// once the markers are added.
type byteTrie struct {
	next [256]*byteTrie
	kind uint8
	// At the root, after index: the first two bytes of markers, and the
	// bytes that are markers on their own.
	pairs  *[256 * 256 / 64]uint64
	single *[256]bool
}

func (t *byteTrie) add(s string, kind uint8) {
	n := t
	for i := 0; i < len(s); i++ {
		c := s[i]
		if n.next[c] == nil {
			n.next[c] = &byteTrie{}
		}
		n = n.next[c]
	}
	n.kind |= kind
}

// index records the first two bytes of the markers at the root; a marker
// of one byte c counts as starting every pair c, x.
func (t *byteTrie) index() {
	t.pairs, t.single = new([256 * 256 / 64]uint64), new([256]bool)
	for c, n := range t.next {
		if n == nil {
			continue
		}
		t.single[c] = n.kind != 0
		for c2, n2 := range n.next {
			if n2 != nil || t.single[c] {
				p := c<<8 | c2
				t.pairs[p/64] |= 1 << (p % 64)
			}
		}
	}
}

// scan reports whether a line marker occurs in s and where the first
// credit marker starts (-1 when none).
func (t *byteTrie) scan(s string) (line bool, credit int) {
	credit = -1
	last := len(s) - 1
	for i := 0; i < last; i++ {
		p := uint(s[i])<<8 | uint(s[i+1])
		if t.pairs[p/64]&(1<<(p%64)) != 0 && t.walkAt(s, i, &credit) {
			return true, credit
		}
	}
	if last >= 0 && t.single[s[last]] && t.walkAt(s, last, &credit) {
		return true, credit
	}
	return false, credit
}

// walkAt follows the markers that start at s[i]: it reports a line marker,
// and sets credit to i for a credit marker when none was found before.
func (t *byteTrie) walkAt(s string, i int, credit *int) bool {
	n := t.next[s[i]]
	for j := i + 1; n != nil; j++ {
		if n.kind&markLine != 0 {
			return true
		}
		if n.kind&markCredit != 0 && *credit < 0 {
			*credit = i
		}
		if j >= len(s) {
			break
		}
		n = n.next[s[j]]
	}
	return false
}
