package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// quotes maps curly quotes and dashes to their ASCII forms, as score.py's
// QUOTES table does.
var quotes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", `"`, "\u201d", `"`, "\u2014", "-", "\u2013", "-")

// normStrip is the punctuation score.py strips from both ends.
const normStrip = " .,;:!?\"'()[]"

// Norm normalises a string for comparison exactly as score.py's norm does:
// NFKC, curly quotes and dashes made ASCII, Python's lower case, white
// space runs collapsed to one space, and spaces and the punctuation
// .,;:!?"'()[] trimmed from both ends.
func Norm(s string) string {
	s = norm.NFKC.String(s)
	s = quotes.Replace(s)
	s = pyLower(s)
	s = collapseSpace(s)
	return strings.Trim(s, normStrip)
}

// StringsMatch reports whether found matches one of accepted as score.py's
// strings_match decides: after Norm, they are equal, or the shorter is
// inside the longer and at least half its length (in characters).
func StringsMatch(found string, accepted []string) bool {
	f := Norm(found)
	if f == "" {
		return false
	}
	for _, a := range accepted {
		if matchNormed(f, Norm(a)) {
			return true
		}
	}
	return false
}

// matchNormed compares two normalised strings.
func matchNormed(f, a string) bool {
	if a == "" {
		return false
	}
	if f == a {
		return true
	}
	short, long := a, f
	if utf8.RuneCountInString(f) < utf8.RuneCountInString(a) {
		short, long = f, a
	}
	return strings.Contains(long, short) && 2*utf8.RuneCountInString(short) >= utf8.RuneCountInString(long)
}

// isPySpace is Python's str.isspace for one character.
func isPySpace(r rune) bool { return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f) }

// collapseSpace replaces every run of white space with one space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	inSpace := false
	for _, r := range s {
		if isPySpace(r) {
			if !inSpace {
				b.WriteByte(' ')
			}
			inSpace = true
			continue
		}
		inSpace = false
		b.WriteRune(r)
	}
	return b.String()
}

// pyLower is Python's str.lower: simple lower case mappings, plus the full
// mapping of U+0130 and the final form of capital sigma.
func pyLower(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range rs {
		switch r {
		case '\u0130':
			b.WriteString("i\u0307")
		case '\u03a3':
			b.WriteRune(lowerSigma(rs, i))
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// lowerSigma returns final sigma when the capital sigma at i ends a word
// (a cased letter before it, none after it, case-ignorable characters
// skipped), small sigma otherwise.
func lowerSigma(rs []rune, i int) rune {
	j := i - 1
	for j >= 0 && caseIgnorable(rs[j]) {
		j--
	}
	if j < 0 || !cased(rs[j]) {
		return 'σ'
	}
	j = i + 1
	for j < len(rs) && caseIgnorable(rs[j]) {
		j++
	}
	if j < len(rs) && cased(rs[j]) {
		return 'σ'
	}
	return 'ς'
}

// cased approximates Unicode's Cased property.
func cased(r rune) bool {
	return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
		unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
}

// caseIgnorable approximates Unicode's Case_Ignorable property.
func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '^', '`', '\u00b7', '\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e', '\u00ad':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

// PRF holds precision, recall and F1.
type PRF struct {
	P, R, F1 float64
}

// prf computes precision and recall as score.py does: precision is 1 when
// nothing was found and nothing was to be found, recall is 1 when nothing
// was to be found.
func prf(tpP, nP, tpR, nR int) PRF {
	var p, r, f float64
	switch {
	case nP > 0:
		p = float64(tpP) / float64(nP)
	case nR == 0:
		p = 1
	}
	r = 1
	if nR > 0 {
		r = float64(tpR) / float64(nR)
	}
	if p+r != 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{P: p, R: r, F1: f}
}
