package extractor

import (
	"fmt"
	"strings"
)

// entityClasses are the pattern classes that match entity mentions.
var entityClasses = map[string]bool{
	"ACTOR": true, "AGENCY": true, "ORG": true, "CITY": true, "REGION": true, "COUNTRY": true,
	"PLACE": true, "PEOPLE": true, "NP": true, "MONEY": true, "AMOUNT": true, "PRON": true,
}

// lexicon holds the word lists of lexicon/words.yaml and the inflection
// exceptions.
type lexicon struct {
	lists     map[string]map[string]bool
	listNames []string          // bit order: built-in lists first
	listBit   map[string]listID // list name -> bit
	irregular map[string][]string
	numbers   map[string]float64
	periods   map[string]string // period word -> canonical period
	currency  *trie             // currency forms -> currency index
	curCodes  []string
}

func newLexicon(r *rawKnowledge) (*lexicon, error) {
	lx := &lexicon{lists: map[string]map[string]bool{}, irregular: r.Irregular, numbers: r.Numbers, periods: map[string]string{}}
	for _, name := range sortedKeys(r.Lists) {
		if strings.ToLower(name) != name {
			return nil, fmt.Errorf("lexicon: list name %q must be lower case", name)
		}
		set := map[string]bool{}
		for _, w := range r.Lists[name] {
			set[strings.Join(splitWords(w), " ")] = true
		}
		lx.lists[name] = set
	}
	for _, p := range sortedKeys(r.Periods) {
		for _, w := range r.Periods[p] {
			lx.periods[strings.Join(splitWords(w), " ")] = p
		}
	}
	lx.currency = newTrie()
	for i, c := range r.Currencies {
		lx.curCodes = append(lx.curCodes, c.Code)
		for _, f := range c.Forms {
			words := splitWords(f)
			path := make([]step, len(words))
			for j, w := range words {
				path[j] = step{kind: stLit, lit: w}
			}
			if len(path) > 0 {
				lx.currency.add(path, int32(i))
			}
		}
	}
	lx.listBit = map[string]listID{}
	for _, need := range builtinLists {
		if lx.lists[need] == nil {
			return nil, fmt.Errorf("lexicon: word list %q is required", need)
		}
		lx.listBit[need] = listID(len(lx.listNames))
		lx.listNames = append(lx.listNames, need)
	}
	for _, name := range sortedKeys(r.Lists) {
		if _, ok := lx.listBit[name]; !ok {
			lx.listBit[name] = listID(len(lx.listNames))
			lx.listNames = append(lx.listNames, name)
		}
	}
	return lx, nil
}

// knownClass reports whether a pattern class exists.
func (lx *lexicon) knownClass(name string) bool {
	return entityClasses[name] || lx.lists[name] != nil
}

// inflect returns the forms of a lemma: itself, -s, -ed, -ing and any
// irregular forms listed in lexicon/words.yaml.
func (lx *lexicon) inflect(lemma string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	add(lemma)
	if strings.Contains(lemma, " ") {
		// Inflect the first word of a phrase: "hand over" -> "handed over".
		i := strings.IndexByte(lemma, ' ')
		for _, f := range lx.inflect(lemma[:i]) {
			add(f + lemma[i:])
		}
		return out
	}
	irr := lx.irregular[lemma]
	for _, f := range irr {
		add(f)
	}
	add(suffixS(lemma))
	if len(irr) == 0 {
		add(suffixED(lemma))
	}
	add(suffixING(lemma))
	return out
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

func suffixS(w string) string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh") || w == "go" || w == "do":
		return w + "es"
	case n > 1 && w[n-1] == 'y' && !isVowel(w[n-2]):
		return w[:n-1] + "ies"
	}
	return w + "s"
}

// doubles reports whether a short consonant-vowel-consonant verb doubles
// its last letter ("nab" -> "nabbed").
func doubles(w string) bool {
	n := len(w)
	return n >= 3 && n <= 4 && !isVowel(w[n-3]) && isVowel(w[n-2]) && strings.IndexByte("bdgklmnprt", w[n-1]) >= 0
}

func suffixED(w string) string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "e"):
		return w + "d"
	case n > 1 && w[n-1] == 'y' && !isVowel(w[n-2]):
		return w[:n-1] + "ied"
	case doubles(w):
		return w + w[n-1:] + "ed"
	}
	return w + "ed"
}

func suffixING(w string) string {
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ie"):
		return w[:n-2] + "ying"
	case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee"):
		return w[:n-1] + "ing"
	case doubles(w):
		return w + w[n-1:] + "ing"
	}
	return w + "ing"
}
