package extractor

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// boilerplate finds the parts of an article that hold no events or
// entities: contact and share lines, "Read in Korean", copyright lines,
// bylines, photo credits and "FILE PHOTO:" markers.
type boilerplate struct {
	lines, starts, credits, prefixes []string
	markers                          *markerScanner // lines and credits, found in one pass
	prefixFirst                      [256]bool      // the first bytes of the prefixes
}

func newBoilerplate(r *rawBoilerplate) (*boilerplate, error) {
	if r == nil {
		return &boilerplate{}, nil
	}
	low := func(xs []string) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strings.ToLower(x)
		}
		return out
	}
	bp := &boilerplate{lines: low(r.Lines), starts: low(r.Starts), credits: low(r.Credits), prefixes: low(r.Prefix)}
	markers, err := newMarkerScanner(bp.lines, bp.credits)
	if err != nil {
		return nil, err
	}
	bp.markers = markers
	for _, p := range bp.prefixes {
		if p != "" {
			bp.prefixFirst[p[0]] = true
		}
	}
	return bp, nil
}

// maxBoilerLine is the longest line checked for boilerplate markers.
const maxBoilerLine = 300

// span is a byte range [b, e) of the normalised text.
type span struct{ b, e int }

// find returns the boilerplate byte ranges of the lower-cased normalised
// text, in order.
func (bp *boilerplate) find(lower []byte) []span {
	var out []span
	for start := 0; start < len(lower); {
		end := bytes.IndexByte(lower[start:], '\n')
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
func (bp *boilerplate) line(lower []byte, b, e int, out []span) []span {
	line := lower[b:e]
	if len(line) > maxBoilerLine {
		return out // a paragraph, not a credit, caption marker or contact line
	}
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 0 {
		return out
	}
	off := b + cap(line) - cap(trimmed) // trimmed is a subslice of line
	found := bp.markers.scan(trimmed)
	if found&markLine != 0 || bp.dropShort(trimmed) {
		return append(out, span{b, e})
	}
	if k := bp.prefixOf(trimmed); k > 0 {
		out = append(out, span{off, off + k})
		off += k
		trimmed = trimmed[k:]
	}
	if found&markCredit != 0 {
		best := -1
		t := string(trimmed) // a line with a credit marker, which is rare
		for _, c := range bp.credits {
			if i := strings.Index(t, c); i >= 0 && (best < 0 || i < best) {
				best = i
			}
		}
		if best >= 0 {
			out = append(out, span{off + best, e})
		}
	}
	return out
}

// prefixOf returns the length of the first drop prefix t starts with, 0
// when there is none; t is not empty.
func (bp *boilerplate) prefixOf(t []byte) int {
	if !bp.prefixFirst[t[0]] {
		return 0
	}
	for _, p := range bp.prefixes {
		if hasPrefix(t, p) {
			return len(p)
		}
	}
	return 0
}

// dropShort reports whether a whole line is boilerplate by its e-mail
// address or, for a short line, by its first word.
func (bp *boilerplate) dropShort(t []byte) bool {
	if hasEmail(t) {
		return true
	}
	if len(t) > 80 {
		return false
	}
	words := countFields(t)
	if words > 8 {
		return false
	}
	for _, s := range bp.starts {
		if hasPrefix(t, s) && (len(t) == len(s) || !isASCIILetter(t[len(s)])) {
			return bylineLike(t, words, s)
		}
	}
	return false
}

// bylineLike keeps short caption-like lines that merely start with a
// marker word ("share" in "Share prices fell") from being dropped: a line
// is dropped when it is the marker alone, or the marker is followed by a
// colon, or it is a "By Name Name" byline. The line t has no white space
// at its start and the given number of words.
func bylineLike(t []byte, words int, marker string) bool {
	if words <= countFields([]byte(marker))+1 {
		return true
	}
	if bytes.HasSuffix(firstField(t), []byte(":")) {
		return true
	}
	if marker == "by" || strings.HasSuffix(marker, " by") {
		return words <= 5
	}
	return false
}

// hasEmail reports whether the text contains something like an e-mail
// address.
func hasEmail(t []byte) bool {
	for i := bytes.IndexByte(t, '@'); i >= 0; {
		if i > 0 && i+1 < len(t) && t[i-1] != ' ' && bytes.IndexByte(firstField(t[i:]), '.') >= 0 {
			return true
		}
		j := bytes.IndexByte(t[i+1:], '@')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// hasPrefix reports whether b begins with p.
func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}

// firstField returns the first of the fields strings.Fields would split t
// into, which has no white space at its start.
func firstField(t []byte) []byte {
	if i := bytes.IndexFunc(t, unicode.IsSpace); i >= 0 {
		return t[:i]
	}
	return t
}

// countFields returns how many fields strings.Fields would split t into.
func countFields(t []byte) int {
	n, inField := 0, false
	for i := 0; i < len(t); {
		r, size := rune(t[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(t[i:])
		}
		space := unicode.IsSpace(r)
		if !space && !inField {
			n++
		}
		inField = !space
		i += size
	}
	return n
}
