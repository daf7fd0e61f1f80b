package extractor

// maxSentenceTokens bounds a sentence so that work per sentence stays
// bounded on text without stops (one 10 MB line).
const maxSentenceTokens = 200

// sentence is a token range [tb, te) of the filtered tokens.
type sentence struct {
	tb, te int
}

// segment splits tokens into sentences. A sentence ends at '.', '!' or '?'
// (with any closing quotes or brackets) before a capitalised word, a digit,
// an opening quote or a line break, unless the stop ends an abbreviation
// ("Mr.", "Feb.", "No.") or an initial ("N. Korea"). A line break ends a
// sentence too (headlines and captions have no full stop), except inside a
// hard-wrapped paragraph where a line ends mid-phrase and the next begins in
// lower case.
func segment(toks []token, lx *lexicon, out []sentence) []sentence {
	start := 0
	for i := 0; i < len(toks); i++ {
		if i = nextBreak(toks, i, min(len(toks), start+maxSentenceTokens)); i == len(toks) {
			break
		}
		t := &toks[i]
		if t.flags&flNLBefore != 0 && i > start && !wrapped(toks, i) {
			out = append(out, sentence{start, i})
			start = i
		}
		if i-start >= maxSentenceTokens {
			out = append(out, sentence{start, i})
			start = i
		}
		if t.kind != tkPunct || !isStop(t) {
			continue
		}
		j := i + 1
		for j < len(toks) && isCloser(&toks[j]) && !toks[j].has(flSpaceBefore) {
			j++
		}
		if j >= len(toks) {
			break
		}
		if toks[j].has(flNLBefore) {
			i = j - 1
			continue // the line break will close the sentence
		}
		if t.low == "." && abbreviationBefore(toks, i, lx) {
			t.flags &^= flHardStop // "on Nov. 15 and handed": no stop for a pattern's gap either
			continue
		}
		if startsSentence(&toks[j]) {
			out = append(out, sentence{start, j})
			start = j
			i = j - 1
		}
	}
	if start < len(toks) {
		out = append(out, sentence{start, len(toks)})
	}
	return out
}

// nextBreak returns the first token from i to end that follows a line
// break or is a mark, end when there is none: the tokens before it end no
// sentence.
func nextBreak(toks []token, i, end int) int {
	for ; i < end; i++ {
		if t := &toks[i]; t.flags&flNLBefore != 0 || t.kind == tkPunct {
			return i
		}
	}
	return end
}

// softenScareQuotes lets a pattern's gap run over quotation marks around a
// few words with no punctuation between them ("collecting monthly “road
// maintenance money” from drivers"): such quotes mark a term, not speech.
func softenScareQuotes(toks []token) {
	for i := 0; i < len(toks); i++ {
		if toks[i].low != "\"" {
			continue
		}
		for j := i + 2; j < len(toks) && j <= i+6; j++ {
			t := &toks[j]
			if t.low == "\"" {
				toks[i].flags &^= flHardStop
				t.flags &^= flHardStop
				i = j
				break
			}
			if t.kind == tkPunct && t.low != "-" || t.has(flNLBefore) {
				break
			}
		}
	}
}

func isStop(t *token) bool {
	return t.kind == tkPunct && (t.low == "." || t.low == "!" || t.low == "?" || t.low == "…")
}

func isCloser(t *token) bool {
	return t.kind == tkPunct && (t.low == "\"" || t.low == "'" || t.low == ")" || t.low == "]" || t.low == "." || t.low == "!" || t.low == "?")
}

// startsSentence reports whether a token can open a sentence.
func startsSentence(t *token) bool {
	if t.kind == tkNumber || t.has(flCap) {
		return true
	}
	return t.kind == tkPunct && (t.low == "\"" || t.low == "'" || t.low == "(" || t.low == "[" || t.low == "\u2014" || t.low == "-")
}

// abbreviationBefore reports whether the '.' at i closes an abbreviation
// or a single-letter initial.
func abbreviationBefore(toks []token, i int, lx *lexicon) bool {
	if i == 0 || toks[i].has(flSpaceBefore) {
		return false
	}
	p := &toks[i-1]
	if p.kind != tkWord {
		return false
	}
	if len(p.low) == 1 && p.has(flCap) {
		return true
	}
	if p.is(lAbbrev) {
		// "no." is an abbreviation only before a number: "No. 1".
		if p.low == "no" {
			return i+1 < len(toks) && toks[i+1].kind == tkNumber
		}
		return true
	}
	return false
}

// wrapped reports whether the line break before token i continues a
// hard-wrapped sentence: the previous line ends inside a phrase and this
// one starts in lower case.
func wrapped(toks []token, i int) bool {
	if toks[i].has(flBlankBefore) {
		return false
	}
	p, t := &toks[i-1], &toks[i]
	if t.kind != tkWord || t.has(flCap) {
		return false
	}
	return p.kind == tkWord || p.low == ","
}
