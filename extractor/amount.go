package extractor

import (
	"strconv"
	"strings"

	"eventgraph/domain"
)

// amountSpan is a sum of money or a share found in the text: tokens
// [tb, te) and its structured value (nil for a bare percentage).
type amountSpan struct {
	tb, te  int
	amount  *domain.Amount
	percent bool
	goods   bool // a quantity of goods: an argument, not a sum patterns see
}

// findAmounts scans a sentence for sums: an optional approximation
// ("around", "up to"), a number or a range ("2,500 to 3,000", "700,000 to
// one million") with a currency before or after it ("$70", "500 Chinese
// yuan"), an optional "in cash" and a period ("per year", "per person");
// or a percentage ("about 80%").
func (d *doc) findAmounts(s sentence) {
	lx := d.k.lex
	toks := d.toks[:s.te] // the tokens do not change while amounts are found
	for i := s.tb; i < len(toks); i++ {
		if !toks[i].has(flAmountStart) && toks[i].kind != tkNumber || i < d.amountEnd {
			continue
		}
		if a, ok := d.amountAt(i, s.te, lx); ok {
			if a.goods {
				d.goods = append(d.goods, a)
			} else {
				d.amounts = append(d.amounts, a)
			}
			d.amountEnd = a.te
			i = a.te - 1
		}
	}
}

// amountAt parses an amount whose number part starts at or after i (after
// approximation words).
func (d *doc) amountAt(i, limit int, lx *lexicon) (amountSpan, bool) {
	start := i
	j := i
	if i > 0 && (d.toks[i].low == "over" || d.toks[i].low == "in") && isParticleVerb(d.toks[i-1].low) {
		return amountSpan{}, false // "handed over 150 dollars": a particle, not "more than"
	}
	for j < limit && j-i < 3 && d.is(j, lApprox) && d.toks[j].kind == tkWord {
		j++
	}
	if j < limit && d.toks[j].low == "to" && j > i && d.toks[j-1].low == "up" {
		j++
	}
	cur, curEnd := d.currencyAt(j, limit)
	prefix := cur != "" && curEnd-j <= 2 && isSymbolCurrency(d.toks[j].low)
	if prefix {
		j = curEnd
	}
	lo, e, ok := d.numberAt(j, limit, lx)
	if !ok {
		return amountSpan{}, false
	}
	if j == start || prefix {
		// no approximation words: the span starts at the number or symbol
	}
	hi := lo
	k := e
	between := start == j && start > 0 && d.toks[start-1].low == "between"
	if k+1 < limit && d.is(k, lRange) && (d.toks[k].low != "and" || between) {
		m := k + 1
		for m < limit && m-k < 3 && d.is(m, lApprox) {
			m++
		}
		if prefix && m < limit && isSymbolCurrency(d.toks[m].low) {
			m++
		}
		if v, e2, ok2 := d.numberAt(m, limit, lx); ok2 {
			hi, k = v, e2
		}
	}
	// A scale after the whole range applies to both ends: "2 to 3 million".
	if k < limit && d.toks[k].low == "%" || k < limit && d.toks[k].low == "percent" {
		return amountSpan{tb: start, te: k + 1, percent: true}, true
	}
	if !prefix {
		c, ce := d.currencyAt(k, limit)
		if c == "" {
			return d.goodsAt(start, k, limit)
		}
		cur, k = c, ce
	}
	if between && hi != lo {
		start-- // "between 8,000 and 10,000 dollars"
	}
	end := k
	// "in cash" filler, then a period.
	if end+1 < limit && d.toks[end].low == "in" && d.toks[end+1].low == "cash" {
		if p, pe := d.periodAt(end+2, limit); p != "" {
			return amountSpan{tb: start, te: pe, amount: d.newAmount(domain.Amount{Min: lo, Max: hi, Currency: cur, Period: p})}, true
		}
		end += 2
	}
	p, pe := d.periodAt(end, limit)
	if p != "" {
		end = pe
	}
	return amountSpan{tb: start, te: end, amount: d.newAmount(domain.Amount{Min: lo, Max: hi, Currency: cur, Period: p})}, true
}

// amountChunk is how many amounts newAmount allocates at once.
const amountChunk = 64

// newAmount returns a pointer to a copy of a in the amount slab, which
// the document's output may keep: the slab's amounts are never written
// again, and a full slab is replaced by a new one, not reused.
func (d *doc) newAmount(a domain.Amount) *domain.Amount {
	if len(d.amountSlab) == cap(d.amountSlab) {
		d.amountSlab = make([]domain.Amount, 0, amountChunk)
	}
	d.amountSlab = append(d.amountSlab, a)
	return &d.amountSlab[len(d.amountSlab)-1]
}

// goodsAt parses the rest of a quantity of goods whose number runs from
// start to k: a unit, "of", the goods and an optional period ("2 kilograms
// of rice a month", "five tonnes of scrap metal each quarter"). It has no
// structured amount, only its text.
func (d *doc) goodsAt(start, k, limit int) (amountSpan, bool) {
	if k+2 >= limit || !d.is(k, lGoodsUnits) || d.toks[k+1].low != "of" {
		return amountSpan{}, false
	}
	end := k + 2
	for end < limit && end < k+5 && d.toks[end].kind == tkWord && !d.is(end, lPrep) && !d.is(end, lAux) && !d.is(end, lAuxBe) && d.toks[end].low != "and" {
		if p, _ := d.periodAt(end, limit); p != "" {
			break
		}
		end++
	}
	if end == k+2 {
		return amountSpan{}, false
	}
	if p, pe := d.periodAt(end, limit); p != "" {
		end = pe
	}
	return amountSpan{tb: start, te: end, goods: true}, true
}

func isSymbolCurrency(s string) bool {
	return s == "$" || s == "€" || s == "¥" || s == "£" || s == "us$" || s == "us"
}

// currencyAt returns the ISO code of the longest currency form at token
// i, with its end. The forms are word paths; of currencies with the same
// form the first listed wins.
func (d *doc) currencyAt(i, limit int) (string, int) {
	n, end := deepestLit(d.k.lex.currency, d.toks, i, limit)
	if n == nil {
		return "", i
	}
	return d.k.lex.curCodes[n.accept[0]], end
}

// periodAt returns the canonical period named at token i ("per year"):
// the longest of up to three words. Their key is built once; the shorter
// phrases' keys are its prefixes.
func (d *doc) periodAt(i, limit int) (string, int) {
	var ends [3]int
	n := 0
	b := d.keyBuf[:0]
	for k := i; k < min(i+len(ends), limit); k++ {
		if k > i {
			b = append(b, ' ')
		}
		b = append(b, d.toks[k].low...)
		ends[n] = len(b)
		n++
	}
	d.keyBuf = b
	for ; n > 0; n-- {
		if p, ok := d.k.lex.periods[string(b[:ends[n-1]])]; ok {
			return p, i + n
		}
	}
	return "", i
}

// numberAt parses a number at token i: digits ("700,000", "1.5") or number
// words ("one million", "seven hundred"), with an optional scale word.
func (d *doc) numberAt(i, limit int, lx *lexicon) (float64, int, bool) {
	if i >= limit {
		return 0, i, false
	}
	t := &d.toks[i]
	var v float64
	j := i
	switch {
	case t.kind == tkNumber:
		f, err := parseDigits(t.low)
		if err != nil {
			return 0, i, false
		}
		v, j = f, i+1
	case t.kind == tkWord:
		w, ok := d.numberWord(i)
		if !ok || t.low == "a" || t.low == "an" {
			if (t.low == "a" || t.low == "an") && i+1 < limit && d.is(i+1, lScale) {
				w, ok = 1, true
			} else {
				return 0, i, false
			}
		}
		v, j = w, i+1
		// "seventy five", "two hundred"
		for j < limit {
			w2, ok2 := d.numberWord(j)
			if !ok2 || d.toks[j].low == "a" || d.toks[j].low == "an" || d.is(j, lScale) {
				break
			}
			if w2 == 100 {
				v *= 100
			} else {
				v += w2
			}
			j++
		}
	default:
		return 0, i, false
	}
	for j < limit && d.is(j, lScale) {
		v *= scaleOf(d.toks[j].low)
		j++
	}
	return v, j, true
}

// numberWord returns the value of token i when it is a number word.
func (d *doc) numberWord(i int) (float64, bool) {
	t := &d.toks[i]
	if !t.has(flNumberWord) {
		return 0, false
	}
	return d.k.vocab.numbers[t.id], true
}

// parseDigits parses a number token, dropping its thousands commas.
func parseDigits(s string) (float64, error) {
	if v, ok := smallWhole(s); ok {
		return v, nil
	}
	if strings.IndexByte(s, ',') < 0 {
		return strconv.ParseFloat(s, 64)
	}
	var buf [32]byte
	b := buf[:0]
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			b = append(b, s[i])
		}
	}
	return strconv.ParseFloat(string(b), 64)
}

// smallWhole parses digits with thousands commas when they are at most 15
// digits, a whole number a float64 holds exactly, as ParseFloat would.
func smallWhole(s string) (float64, bool) {
	n, digits := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
			digits++
		case c != ',':
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	return float64(n), true
}

func scaleOf(w string) float64 {
	switch w {
	case "hundred":
		return 100
	case "thousand":
		return 1e3
	case "million":
		return 1e6
	case "billion":
		return 1e9
	case "trillion":
		return 1e12
	}
	return 1
}

// isParticleVerb reports whether w is a form of a verb that takes "over"
// or "in" as a particle ("hand over", "turn in").
func isParticleVerb(w string) bool {
	switch w {
	case "hand", "hands", "handed", "handing", "turn", "turns", "turned", "turning", "give", "gives", "gave", "giving", "fork", "forked", "pay", "paid", "pays", "paying":
		return true
	}
	return false
}
