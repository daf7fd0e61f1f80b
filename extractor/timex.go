package extractor

// timeSpan is a time expression: tokens [tb, te).
type timeSpan struct{ tb, te int }

// findTimes scans a sentence for time expressions: "last January", "this
// month", "earlier this year", "Feb. 21, 2012", "in 2008", "on Thursday",
// and temporal phrases opened by "following", "after", "before", "since",
// "during" or "amid" that run to the end of their clause.
func (d *doc) findTimes(s sentence) {
	// Temporal phrases may hold simple times ("after ... last month")
	// and other temporal phrases: all are kept, in order of start.
	toks := d.toks[:s.te] // the tokens do not change while times are found
	for i := s.tb; i < len(toks); i++ {
		t := &toks[i]
		if !mayStartTime(t) {
			continue
		}
		if t.is(lTimePreps) {
			// A temporal phrase inside another ("following reports of
			// defections ... after the summit") is kept too.
			if e := d.timeAt(i, s.te); e > i {
				d.times = append(d.times, timeSpan{i, e})
			}
			continue
		}
		if e := d.timeAt(i, s.te); e > i {
			d.times = append(d.times, timeSpan{i, e})
			i = e - 1
		}
	}
}

// timeAt returns the end of a time expression starting at i, or i.
func (d *doc) timeAt(i, limit int) int {
	t := &d.toks[i]
	switch {
	case t.is(lTimePreps) && t.kind == tkWord:
		if t.low == "since" && i > 0 && (d.is(i-1, lAux) || d.toks[i-1].low == "ever") {
			return i // "has since reached": an adverb
		}
		if i+1 >= limit || d.toks[i+1].kind == tkPunct || d.is(i+1, lAuxBe) || d.toks[i+1].low == "that" {
			return i
		}
		if t.low == "ahead" {
			if d.toks[i+1].low != "of" {
				return i
			}
		}
		return d.clauseEnd(i+1, limit, 15)
	case t.is(lTimeRel):
		j := i + 1
		if j < limit && d.is(j, lTimeRel) {
			j++
		}
		if j < limit && (d.is(j, lTimeUnits) || d.is(j, lMonths) && d.toks[j].has(flCap) || d.is(j, lWeekdays)) {
			return j + 1
		}
	case t.is(lMonths) && t.has(flCap) && t.low != "may" && t.low != "march" || (t.low == "may" || t.low == "march") && t.has(flCap) && i+1 < limit && d.toks[i+1].kind == tkNumber:
		return d.dateTail(i+1, limit)
	case t.low == "in" && i+1 < limit && isYear(&d.toks[i+1]):
		return i + 2
	case t.low == "on" && i+1 < limit && d.is(i+1, lWeekdays):
		return i + 2
	case t.low == "in" || t.low == "within" || t.low == "on" || t.low == "at" || t.low == "during":
		return d.prepTime(i, limit)
	case (t.low == "shortly" || t.low == "soon" || t.low == "weeks" || t.low == "months" || t.low == "days") && i+1 < limit &&
		(d.toks[i+1].low == "afterwards" || d.toks[i+1].low == "afterward" || d.toks[i+1].low == "later"):
		return i + 2
	case i+2 < limit && d.counted(i) && d.is(i+1, lTimeUnits) && isRelativeEnd(d.toks[i+2].low):
		return i + 3 // "two days later", "a week earlier", "three years ago"
	case t.low == "yesterday" || t.low == "tonight" || t.low == "today":
		return i + 1
	case t.low == "by" && i+3 < limit && d.toks[i+1].low == "the" && isEdge(d.toks[i+2].low) && d.toks[i+3].low == "of":
		// "by the end of 2019", "by the end of the month"
		if e := d.prepTime(i+3, limit); e > i+3 {
			return e
		}
	}
	return i
}

// counted reports whether token i counts time units: a number, a number
// word, "a" or "several".
func (d *doc) counted(i int) bool {
	return d.numeric(i) || d.toks[i].low == "a" || d.toks[i].low == "several"
}

// isRelativeEnd reports a word that places a counted span before or after
// another time.
func isRelativeEnd(w string) bool {
	return w == "later" || w == "earlier" || w == "ago" || w == "afterwards" || w == "afterward" || w == "before"
}

// mayStartTime reports whether a time expression can start at t: timeAt
// finds none at any other word.
func mayStartTime(t *token) bool { return t.kind == tkNumber || t.has(flTimeStart) }

// timeStartWords are the words outside the time lists and the number
// words that a time expression can start with.
var timeStartWords = [...]string{"in", "on", "within", "at", "during", "by", "shortly", "soon", "weeks", "months", "days",
	"yesterday", "tonight", "today", "a", "several"}

// markTimeStarts sets flTimeStart on the words a time expression can start
// with: those of the time lists, the number words ("two days later") and
// timeStartWords, so that findTimes tests one flag per token.
func markTimeStarts(v *vocab) {
	for id := range v.tags {
		if tg := &v.tags[id]; tg.mask&(1<<lTimePreps|1<<lTimeRel|1<<lMonths) != 0 || tg.starts&flNumberWord != 0 {
			tg.starts |= flTimeStart
		}
	}
	for _, w := range timeStartWords {
		v.tags[v.intern(w)].starts |= flTimeStart
	}
}

// isEdge reports a word naming the start or end of a period.
func isEdge(w string) bool {
	return w == "start" || w == "end" || w == "beginning" || w == "turn"
}

// prepTime returns the end of a prepositional time phrase at i: "in
// March", "in the late 2000s", "in recent months", "within weeks",
// "within two days", "on a weekend", "at the start of each month".
func (d *doc) prepTime(i, limit int) int {
	p := d.toks[i].low
	j := i + 1
	if j < limit && (d.toks[j].low == "the" || d.toks[j].low == "a" || d.toks[j].low == "each" || d.toks[j].low == "every") {
		j++
	}
	if p == "at" {
		// "at the start of each month"
		if j+1 < limit && isEdge(d.toks[j].low) && d.toks[j+1].low == "of" {
			return d.prepTime(j+1, limit)
		}
		return i
	}
	if p == "of" {
		if j < limit && (d.is(j, lTimeUnits) || isYear(&d.toks[j])) {
			return j + 1
		}
		if j < limit && d.is(j, lMonths) && d.toks[j].has(flCap) {
			return d.dateTail(j+1, limit)
		}
		return i
	}
	if j < limit && d.is(j, lTimeRel) && d.toks[j].low != "this" && d.toks[j].low != "next" && d.toks[j].low != "last" {
		j++
	}
	if p == "within" && j < limit && (d.toks[j].kind == tkNumber || d.toks[j].low == "a" || d.toks[j].low == "few" || d.k.lex.numbers[d.toks[j].low] > 0) {
		j++
		if j < limit && d.toks[j].low == "few" {
			j++
		}
	}
	if j >= limit {
		return i
	}
	u := &d.toks[j]
	switch {
	case d.is(j, lMonths) && u.has(flCap) && p != "within":
		return d.dateTail(j+1, limit)
	case isDecade(u) && p == "in":
		return j + 1
	case d.is(j, lTimeUnits) && (p != "on" || u.low == "weekend" || u.low == "weekends"):
		return d.ofDate(j+1, limit)
	case (p == "on" || p == "in") && (u.low == "night" || u.low == "morning" || u.low == "evening" || u.low == "afternoon" || u.low == "hours"):
		if e := d.ofDate(j+1, limit); e > j+1 || p == "on" {
			return e // "in the morning" alone is a habit, not a date
		}
	}
	return i
}

// ofDate extends a time at e over "of <date>": "on the night of Feb. 3",
// "in the early hours of September 3".
func (d *doc) ofDate(e, limit int) int {
	if e+1 < limit && d.toks[e].low == "of" {
		if k := d.prepTime(e, limit); k > e {
			return k
		}
	}
	return e
}

// isDecade reports a decade: "2000s", "1990s".
func isDecade(t *token) bool {
	w := t.low
	return len(w) == 5 && w[4] == 's' && (w[0] == '1' || w[0] == '2') && w[1] >= '0' && w[1] <= '9' && w[2] >= '0' && w[2] <= '9' && w[3] == '0'
}

// dateTail extends a month name with ". 21, 2012" or " 2012".
func (d *doc) dateTail(j, limit int) int {
	if j < limit && d.toks[j].low == "." && !d.toks[j].has(flSpaceBefore) && j > 0 && d.is(j-1, lAbbrev) {
		j++
	}
	if j < limit && d.toks[j].kind == tkNumber && len(d.toks[j].low) <= 2 {
		j++
		if j+1 < limit && d.toks[j].low == "," && isYear(&d.toks[j+1]) {
			j += 2
		}
	}
	if j < limit && isYear(&d.toks[j]) {
		j++
	}
	return j
}

func isYear(t *token) bool {
	if t.kind != tkNumber || len(t.low) != 4 {
		return false
	}
	return (t.low[0] == '1' && t.low[1] == '9') || (t.low[0] == '2' && t.low[1] == '0')
}

// clauseEnd returns the end of the clause starting at i: the next comma,
// semicolon, colon, dash, quote or stop, at most max tokens on.
func (d *doc) clauseEnd(i, limit, max int) int {
	j := i
	for j < limit && j-i < max {
		if isClausePunct(&d.toks[j]) && !abbreviationBefore(d.toks, j, d.k.lex) {
			break
		}
		j++
	}
	return j
}

func isClausePunct(t *token) bool {
	if t.kind != tkPunct {
		return false
	}
	switch t.low {
	case ",", ";", ":", ".", "!", "?", "\u2014", "\"", "(", ")", "…":
		return true
	case "-":
		return t.has(flSpaceBefore)
	}
	return false
}
