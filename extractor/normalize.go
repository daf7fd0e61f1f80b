package extractor

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalisation folds the text rune for rune: every original rune becomes
// exactly one normalised rune, so a position in the normalised text maps
// back to the same code point offset in the original. The fold turns curly
// quotes and primes into ASCII quotes, dashes and minus signs into '-' (the
// em dash keeps its own rune so that it can separate clauses), unusual
// spaces into ' ', full-width ASCII into ASCII, and zero-width characters
// into spaces. Case is kept; a lower-case copy is made for matching.

// foldRune returns the normalised form of r.
func foldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u02bc', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2212', '\ufe63', '\uff0d':
		return '-'
	case '\u2014', '\u2015':
		return '\u2014'
	case '\u00a0', '\u2007', '\u202f', '\u2009', '\u200a', '\u2002', '\u2003', '\u2004',
		'\u2005', '\u2006', '\u2008', '\u3000', '\t', '\v', '\f', '\u200b', '\u200c',
		'\u200d', '\u2060', '\ufeff', '\u00ad':
		return ' '
	case '\u2028', '\u2029', '\u0085':
		return '\n'
	}
	if r >= '\uff01' && r <= '\uff5e' {
		return r - 0xfee0
	}
	return r
}

// offsetMap maps byte offsets of the normalised text to code point offsets
// and byte offsets of the original. It keeps a checkpoint after every rune
// that is not one byte long in either text; between checkpoints both texts
// are ASCII and offsets advance together.
type offsetMap struct {
	nb, rn, ob []int32
}

// offsetCursor reads an offsetMap at increasing offsets: between two
// checkpoints a lookup is two additions.
type offsetCursor struct {
	m      *offsetMap
	c      int // the checkpoint at or before the last offset looked up
	next   int // the offset of checkpoint c+1, or maxInt after the last
	dr, do int // rune and original byte offset minus normalised offset at c
}

// cursor returns a cursor at the start of the text.
func (m *offsetMap) cursor() offsetCursor {
	k := offsetCursor{m: m}
	k.advance(0)
	return k
}

// at returns the rune offset and original byte offset of normalised byte
// x; x is never below the offset of the previous call.
func (k *offsetCursor) at(x int) (runeOff, origByte int) {
	if x >= k.next {
		k.advance(x)
	}
	return x + k.dr, x + k.do
}

// advance moves the cursor to the last checkpoint at or before x.
func (k *offsetCursor) advance(x int) {
	m, c := k.m, k.c
	for c+1 < len(m.nb) && int(m.nb[c+1]) <= x {
		c++
	}
	k.c = c
	k.next = math.MaxInt
	if c+1 < len(m.nb) {
		k.next = int(m.nb[c+1])
	}
	k.dr, k.do = int(m.rn[c]-m.nb[c]), int(m.ob[c]-m.nb[c])
}

// normText is the normalised text with its lower-case copy and offset map.
// Both copies are buffers reused from one article to the next: no string
// is made of them. A token's lower-case form is a string from elsewhere
// (see lowForm).
type normText struct {
	orig  string
	text  []byte // folded, case kept
	lower []byte // folded and lower-cased, same length as text
	om    offsetMap
	runes int
	// lows collects the lower-case forms found neither in the original
	// text nor in the vocabulary, lowToks their tokens: one string is
	// made of them once the text is tokenised.
	lows    []byte
	lowToks []int32
}

// keep returns an empty normText with n's buffers, for reuse.
func (n *normText) keep() normText {
	return normText{
		text: n.text[:0], om: offsetMap{nb: n.om.nb[:0], rn: n.om.rn[:0], ob: n.om.ob[:0]},
		lows: n.lows[:0], lowToks: n.lowToks[:0],
	}
}

// normalize folds text and builds the offset map.
func normalize(orig string) *normText {
	n := &normText{}
	n.reset(orig, nil)
	return n
}

// plainASCII marks the bytes that normalisation keeps as they are (except
// for case in the lower-case copy).
var plainASCII = func() (t [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = c != '`' && c != '\t' && c != '\v' && c != '\f'
	}
	return t
}()

// reset normalises orig into n, reusing n's buffers and lowBuf for the
// lower-case copy; it returns lowBuf for reuse.
func (n *normText) reset(orig string, lowBuf []byte) []byte {
	m := offsetMap{nb: append(n.om.nb[:0], 0), rn: append(n.om.rn[:0], 0), ob: append(n.om.ob[:0], 0)}
	p := plainEnd(orig, 0)
	text, rn := append(n.text[:0], orig[:p]...), p
	if p < len(orig) {
		text, rn = fold(orig, p, &m, text)
	}
	lowBuf = lowerInPlace(append(lowBuf[:0], text...))
	*n = normText{orig: orig, text: text, lower: lowBuf, om: m, runes: rn, lows: n.lows[:0], lowToks: n.lowToks[:0]}
	return lowBuf
}

// fold appends the folding of orig[p:] to text, which holds orig[:p],
// plain ASCII, adding a checkpoint to m for every rune that is not one
// byte long in either text. It returns the folded text and its number of
// runes.
func fold(orig string, p int, m *offsetMap, text []byte) ([]byte, int) {
	rn := p
	for ob := p; ob < len(orig); {
		if j := plainEnd(orig, ob); j > ob {
			text = append(text, orig[ob:j]...)
			rn += j - ob
			ob = j
			continue
		}
		r, size := utf8.DecodeRuneInString(orig[ob:])
		f := foldRune(r)
		text = utf8.AppendRune(text, f)
		ob += size
		rn++
		if size != 1 || utf8.RuneLen(f) != 1 {
			m.nb = append(m.nb, int32(len(text)))
			m.rn = append(m.rn, int32(rn))
			m.ob = append(m.ob, int32(ob))
		}
	}
	return text, rn
}

// plainEnd returns the end of the run of plain ASCII bytes of s that
// starts at i. It tests eight bytes at a time: none has the high bit, none
// is a backquote and none is a control byte below '\r'. A line break fails
// the last test too, so the bytes of such a word are tested one by one.
func plainEnd(s string, i int) int {
	for i < len(s) {
		if i+8 <= len(s) {
			if w := load64(s, i); (w|byteIs(w, '`')|byteBelow(w, '\r'))&highBits == 0 {
				i += 8
				continue
			}
		}
		for end := min(i+8, len(s)); i < end; i++ {
			if !plainASCII[s[i]] {
				return i
			}
		}
	}
	return i
}

// lowerInPlace lower-cases b rune by rune where that keeps the width.
func lowerInPlace(b []byte) []byte {
	for i := 0; i < len(b); i++ {
		// Eight ASCII bytes at a time: a byte x < 0x80 gets its high bit
		// from x+0x3f when x >= 'A' and from x+0x25 when x > 'Z'; neither
		// sum carries into the next byte. Upper-case letters lack 0x20.
		for i+8 <= len(b) {
			word := b[i : i+8]
			w := binary.LittleEndian.Uint64(word)
			if w&0x8080808080808080 != 0 {
				break
			}
			upper := (w + 0x3f3f3f3f3f3f3f3f) &^ (w + 0x2525252525252525) & 0x8080808080808080
			binary.LittleEndian.PutUint64(word, w|upper>>2)
			i += 8
		}
		if i >= len(b) {
			break
		}
		c := b[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if l := lowerSameWidth(r); l != r {
			utf8.EncodeRune(b[i:], l)
		}
		i += size - 1
	}
	return b
}

// lowerSameWidth lower-cases r when that keeps its UTF-8 width.
func lowerSameWidth(r rune) rune {
	if r < utf8.RuneSelf {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	l := unicode.ToLower(r)
	if utf8.RuneLen(l) == utf8.RuneLen(r) {
		return l
	}
	return r
}

// articleID is the sha256 of the normalised body: the folded text with
// every run of white space turned into one space and the ends trimmed.
// Single spaces are already in that form, so the text is hashed in runs
// that end at the other white space. buf is a reusable buffer; it is
// returned for reuse with the id.
func articleID(n *normText, buf []byte) (string, []byte) {
	w := hashWriter{h: sha256.New(), buf: buf[:0]}
	s := trimSpaceBytes(n.text)
	f := runFinder{s: s, nl: -1, cr: -1, sp: -1}
	start := 0
	for {
		i := f.next(start)
		w.write(s[start:i])
		if i == len(s) {
			break
		}
		j := i + 1
		for isSpaceByte(s[j]) {
			j++ // s has no white space at its end, so s[j] exists
		}
		w.space()
		start = j
	}
	w.h.Write(w.buf)
	return hex.EncodeToString(w.h.Sum(nil)), w.buf[:0]
}

// runFinder finds, left to right, the runs of white space in s other than
// a single space: runs with a line break, a carriage return or two spaces.
// It keeps the next position of each of those, so that every byte is
// searched once.
type runFinder struct {
	s          []byte
	nl, cr, sp int // the next "\n", "\r" and "  "; -1 before a search
}

// next returns where the first such run at or after from starts, len(s)
// when there is none; s[from] is not white space. A position found
// earlier is kept while it is still ahead.
func (f *runFinder) next(from int) int {
	if f.nl < from {
		f.nl = afterFrom(f.s, from, bytes.IndexByte(f.s[from:], '\n'))
	}
	if f.cr < from {
		f.cr = afterFrom(f.s, from, bytes.IndexByte(f.s[from:], '\r'))
	}
	if f.sp < from {
		f.sp = afterFrom(f.s, from, bytes.Index(f.s[from:], []byte{' ', ' '}))
	}
	i := min(f.nl, f.cr, f.sp)
	if i < len(f.s) && f.s[i-1] == ' ' {
		i-- // a space before a line break starts the run
	}
	return i
}

// afterFrom turns i, the answer of a search in s[from:], into an index of
// s, len(s) when nothing was found.
func afterFrom(s []byte, from, i int) int {
	if i < 0 {
		return len(s)
	}
	return from + i
}

// hashWriter feeds strings to a hash through a buffer of hashChunk bytes.
type hashWriter struct {
	h   hash.Hash
	buf []byte
}

const hashChunk = 4096

// write feeds s to the hash through the buffer.
func (w *hashWriter) write(s []byte) {
	for len(s) > 0 {
		k := min(len(s), hashChunk-len(w.buf))
		w.buf = append(w.buf, s[:k]...)
		s = s[k:]
		w.flushFull()
	}
}

// space feeds one space to the hash through the buffer.
func (w *hashWriter) space() {
	w.buf = append(w.buf, ' ')
	w.flushFull()
}

// flushFull hashes the buffer once it holds hashChunk bytes.
func (w *hashWriter) flushFull() {
	if len(w.buf) == hashChunk {
		w.h.Write(w.buf)
		w.buf = w.buf[:0]
	}
}

// trimSpaceBytes trims the white space isSpaceByte knows from both ends.
func trimSpaceBytes(s []byte) []byte {
	for len(s) > 0 && isSpaceByte(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpaceByte(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

// titleOf returns the first non-empty line of the original text, trimmed.
func titleOf(orig string) string {
	for len(orig) > 0 {
		line := orig
		if i := strings.IndexByte(orig, '\n'); i >= 0 {
			line, orig = orig[:i], orig[i+1:]
		} else {
			orig = ""
		}
		if t := strings.TrimSpace(line); t != "" {
			if len(t) > 1000 {
				t = truncateUTF8(t, 1000)
			}
			return t
		}
	}
	return ""
}

// truncateUTF8 cuts s to at most n bytes at a rune boundary.
func truncateUTF8(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\r' }
