package extractor

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// tokKind is the coarse kind of a token.
type tokKind uint8

const (
	tkWord tokKind = iota
	tkNumber
	tkPunct
)

// Token flags.
const (
	flCap         uint16 = 1 << iota // first letter upper case
	flUpper                          // every letter upper case (and at least two letters)
	flNLBefore                       // a line break precedes the token
	flBlankBefore                    // a blank line precedes the token
	flSpaceBefore                    // white space precedes the token
	flBoiler                         // the token lies in boilerplate
	flNPStart                        // the word can start a noun phrase entry
	flAmountStart                    // the word can start an amount
	flCueStart                       // the word can start a modality cue
	flNumberWord                     // the word is a number word ("seven")
	flHardStop                       // the token is one of ; , . ? ! " (see isHardStop)
	flTimeStart                      // the word can start a time expression (markTimeStarts)
	flTrigStart                      // the word can start a trigger (useStartFlag)
)

// token is one word, number or punctuation mark. nb/ne are byte offsets in
// the normalised text, rs/re code point offsets and ob/oe byte offsets in
// the original text.
type token struct {
	nb, ne int32
	rs, re int32
	ob, oe int32
	kind   tokKind
	dicts  uint8 // bits of the dictionaries with a name starting with the word
	flags  uint16
	id     int32  // vocabulary id, 0 when unknown
	mask   uint64 // word lists the token is in
	low    string // lower-cased normalised form
}

func (t *token) has(f uint16) bool { return t.flags&f != 0 }

// byteStrings are the strings of one byte, the lower-case forms of
// one-byte tokens.
var byteStrings = func() (t [256]string) {
	for c := range t {
		t[c] = string([]byte{byte(c)})
	}
	return t
}()

// hardStopByte marks the punctuation a pattern gap may not run over.
var hardStopByte = [256]bool{';': true, ',': true, '.': true, '?': true, '!': true, '"': true}

// tokenize splits the normalised text into tokens. Words keep internal
// apostrophes ("can't") except a possessive "'s", which becomes its own
// token; dotted initialisms ("U.S.") stay whole; numbers keep internal
// commas and points ("700,000", "1.5"); every other mark is a token.
func tokenize(n *normText, out []token) []token {
	return tokenizeWith(n, nil, out)
}

// tokenizeWith tokenizes and, given a vocabulary, sets each token's id and
// word list mask. It runs once per token of every article, so it fills in
// the token itself: a call per token costs more than the scanning. The
// token in the reused buffer may hold an earlier token; every field is set
// on its own. Scanning and placing the tokens in the original text are two
// passes: each loop then keeps its values in registers.
func tokenizeWith(n *normText, v *vocab, out []token) []token {
	out = scanTokens(n, v, out)
	n.place(out, v)
	return out
}

// scanTokens appends the tokens of the normalised text to out with their
// byte offsets, kinds, flags and vocabulary entries.
func scanTokens(n *normText, v *vocab, out []token) []token {
	s := n.text
	var pending uint16
	for i := 0; i < len(s); {
		if v != nil {
			if out, i, pending = scanCommon(n, v, out, i, pending); i == len(s) {
				break
			}
		}
		c := s[i]
		if c == ' ' || c == '\r' {
			pending |= flSpaceBefore
			i++
			continue
		}
		if c == '\n' {
			if pending&flNLBefore != 0 {
				pending |= flBlankBefore
			}
			pending |= flNLBefore | flSpaceBefore
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
			if unicode.IsSpace(r) {
				pending |= flSpaceBefore
				i += size
				continue
			}
		}
		var end int
		var kind tokKind
		var key wordKey // the key of a short word, read while scanning it
		short := false
		switch {
		case asciiLetter[c] && i+8 <= len(s):
			w := load64(n.lower, i)
			if k, ok := shortLen(w); ok {
				end, key, short = i+k, wordKey{w & (1<<(8*uint(k&7)) - 1), 0}, true
			} else {
				end = scanWord(s, i)
			}
			kind = tkWord
		case isDigit(c):
			end, kind = scanNumber(s, i), tkNumber
		case isLetter(r):
			end, kind = scanWord(s, i), tkWord
		case c == '\'' && i+1 < len(s) && (s[i+1] == 's' || s[i+1] == 'S') && (i+2 == len(s) || !isASCIILetter(s[i+2])):
			end, kind = i+2, tkWord
		default:
			end, kind = i+size, tkPunct
			if hardStopByte[c] {
				pending |= flHardStop
			}
		}
		if len(out) == cap(out) {
			out = slices.Grow(out, 1)
		}
		out = out[:len(out)+1]
		t := &out[len(out)-1]
		if kind == tkWord && (c < 'a' || c > 'z') { // a lower-case letter starts neither form
			if c-'A' < 26 && end > i+1 && s[i+1]-'a' < 26 {
				pending |= flCap // "North": what caseFlags answers, without the call
			} else {
				pending |= caseFlags(s[i:end])
			}
		}
		t.nb, t.ne = int32(i), int32(end)
		t.kind, t.flags = kind, pending
		t.id, t.mask, t.dicts = 0, 0, 0
		if v != nil {
			if short {
				v.tag(t, v.table.findShort(key))
			} else {
				v.tag(t, v.table.lookupAt(n.lower, i, end))
			}
		}
		pending = 0
		i = end
	}
	return out
}

// scanCommon is scanTokens for white space, one-byte marks and lower-case
// or capitalised ASCII words of up to 15 bytes, from byte i with the flags
// pending for the next token. It makes no call, so that its values stay in
// registers, and returns where the first other token starts (or where the
// token buffer is full) for scanTokens to take it.
func scanCommon(n *normText, v *vocab, out []token, i int, pending uint16) ([]token, int, uint16) {
	s, lower := n.text, n.lower
	buf, nt := out[:cap(out)], len(out)
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\r':
			pending |= flSpaceBefore
			continue
		case c == '\n':
			if pending&flNLBefore != 0 {
				pending |= flBlankBefore
			}
			pending |= flNLBefore | flSpaceBefore
			continue
		case nt >= len(buf) || c >= utf8.RuneSelf || c == '\'' || isDigit(c):
			return buf[:nt], i, pending
		}
		end, flags, kind, id := i+1, pending, tkPunct, int32(0)
		if asciiLetter[c] {
			if i+8 > len(s) {
				return buf[:nt], i, pending
			}
			w := load64(lower, i)
			k, ok := shortLen(w)
			if ok {
				id = v.table.findShort(wordKey{w & (1<<(8*uint(k&7)) - 1), 0})
			} else {
				if k < 8 || i+16 > len(s) {
					return buf[:nt], i, pending
				}
				w2 := load64(lower, i+8)
				k2 := alnumPrefix(w2)
				if k2 == 8 || continuesWord[byte(w2>>(8*uint(k2&7)))] {
					return buf[:nt], i, pending
				}
				k += k2
				id = v.table.find(wordKey{w, w2 & (1<<(8*uint(k2&7)) - 1)}, k)
			}
			if c < 'a' { // upper case: capitalised when a lower-case letter follows
				if k == 1 || s[i+1]-'a' >= 26 {
					return buf[:nt], i, pending
				}
				flags |= flCap
			}
			end, kind = i+k, tkWord
		} else {
			if hardStopByte[c] {
				flags |= flHardStop
			}
			id = v.table.single[c]
		}
		t := &buf[nt]
		nt++
		t.nb, t.ne = int32(i), int32(end)
		tg := &v.tags[id] // id 0 has no lists and no flags
		t.kind, t.flags = kind, flags|tg.starts
		t.id, t.mask, t.dicts = id, tg.mask, tg.dicts
		pending = 0
		i = end - 1
	}
	return buf[:nt], i, pending
}

// place sets the code point and original byte offsets of the tokens and
// their lower-case forms: a string that exists already where it can (the
// vocabulary's word, the original text or a one-byte string); the others
// are sliced from one string made at the end (setLows).
func (n *normText) place(toks []token, v *vocab) {
	offsets := n.om.cursor()
	for k := range toks {
		t := &toks[k]
		rs, ob := offsets.at(int(t.nb))
		re, oe := offsets.at(int(t.ne))
		t.rs, t.re, t.ob, t.oe = int32(rs), int32(re), int32(ob), int32(oe)
		switch {
		case t.id != 0:
			t.low = v.words[t.id]
		case t.ne-t.nb == 1:
			t.low = byteStrings[n.lower[t.nb]]
		default:
			t.low = n.lowForm(t, k)
		}
	}
	n.setLows(toks)
}

// lowForm returns the lower-case form of token t, the k-th, which is not
// in the vocabulary: the original text when that is the same. Any other
// form is collected for setLows, and "" returned until then.
func (n *normText) lowForm(t *token, k int) string {
	low, orig := n.lower[t.nb:t.ne], n.orig[t.ob:t.oe]
	if string(low) == orig {
		return orig
	}
	n.lows = append(n.lows, low...)
	n.lowToks = append(n.lowToks, int32(k))
	return ""
}

// setLows gives the tokens lowForm collected their lower-case forms, all
// sliced from one string.
func (n *normText) setLows(toks []token) {
	if len(n.lowToks) == 0 {
		return
	}
	s := string(n.lows)
	for _, k := range n.lowToks {
		t := &toks[k]
		t.low, s = s[:t.ne-t.nb], s[t.ne-t.nb:]
	}
}

// shortLen returns how many of the eight bytes w of the lower-case text,
// where an ASCII letter starts a word, are ASCII letters and digits, and
// whether they are a short word: at most seven that no apostrophe, letter
// outside ASCII or initialism continues.
func shortLen(w uint64) (int, bool) {
	k := alnumPrefix(w)
	c := byte(w >> (uint(k&7) * 8))
	return k, k < 8 && !continuesWord[c] && (c != '.' || k != 1)
}

// continuesWord marks the bytes after letters that may continue the word:
// an apostrophe and the bytes of runes outside ASCII.
var continuesWord = func() (t [256]bool) {
	for c := utf8.RuneSelf; c < len(t); c++ {
		t[c] = true
	}
	t['\''] = true
	return t
}()

// caseFlags reports whether a word is capitalised or all upper case.
func caseFlags(w []byte) uint16 {
	if c := w[0]; c < utf8.RuneSelf {
		if c < 'A' || c > 'Z' {
			return 0
		}
		if len(w) == 1 {
			return flCap
		}
		for i := 1; i < len(w); i++ {
			if c := w[i]; c >= 'a' && c <= 'z' {
				return flCap
			}
			if c >= utf8.RuneSelf {
				break
			}
		}
	}
	r, _ := utf8.DecodeRune(w)
	if !unicode.IsUpper(r) {
		return 0
	}
	letters, upper := 0, 0
	for len(w) > 0 {
		r, size := utf8.DecodeRune(w)
		w = w[size:]
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters >= 2 && upper == letters {
		return flCap | flUpper
	}
	return flCap
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLetter(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiLetter[r]
	}
	return isLetterRune(r)
}

// isLetterRune reports whether a rune outside ASCII is a letter or a mark.
func isLetterRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// scanNumber scans digits with internal ',' or '.' between digits.
func scanNumber(s []byte, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if isDigit(c) {
			j++
			continue
		}
		if (c == ',' || c == '.') && j+1 < len(s) && isDigit(s[j+1]) {
			j++
			continue
		}
		break
	}
	// "2nd", "1990s": keep letter suffixes on numbers.
	for j < len(s) && s[j] < utf8.RuneSelf && isLetter(rune(s[j])) && j-i < 12 {
		j++
	}
	return j
}

// scanWord scans letters and digits, an internal apostrophe followed by
// letters other than a lone "s", and dotted initialisms like "U.S.".
func scanWord(s []byte, i int) int {
	j := i
	for j < len(s) {
		if j+8 <= len(s) {
			k := alnumPrefix(load64(s, j))
			if j += k; k == 8 {
				continue
			}
		}
		c := s[j]
		if asciiAlnum[c] {
			j++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRune(s[j:])
			if !isLetter(r) {
				break
			}
			j += size
			continue
		}
		if c == '\'' && j+1 < len(s) && isLetter(rune(s[j+1])) {
			k := j + 1
			for k < len(s) && isASCIILetter(s[k]) {
				k++
			}
			if k-(j+1) == 1 && (s[j+1] == 's' || s[j+1] == 'S') {
				break // possessive 's is its own token
			}
			j = k
			continue
		}
		break
	}
	// Initialisms: single letters joined by dots, "U.S." or "U.N.".
	if j-i == 1 {
		k := j
		for k+1 < len(s) && s[k] == '.' && isASCIILetter(s[k+1]) && (k+2 == len(s) || !isASCIILetter(s[k+2])) {
			k += 2
		}
		if k > j {
			if k < len(s) && s[k] == '.' {
				k++
			}
			return k
		}
	}
	return j
}

// asciiAlnum marks the ASCII letters and digits, asciiLetter the letters.
var asciiAlnum, asciiLetter = func() (alnum, letter [256]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		letter[c] = isASCIILetter(byte(c))
		alnum[c] = letter[c] || isDigit(byte(c))
	}
	return alnum, letter
}()

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
