// Package synth generates articles from templates written for this project,
// with varied places, agencies, groups and sums, for benchmarks and load
// tests. The same seed gives the same corpus.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Article is one generated article.
type Article struct {
	Name        string
	Title       string
	PublishedAt string
	Text        string
}

var (
	cities    = []string{"Shenyang", "Dandong", "Yanji", "Beijing", "Hunchun", "Tumen", "Vladivostok", "Khabarovsk", "Hanoi", "Vientiane", "Ulaanbaatar", "Shanghai", "Dalian", "Qingdao"}
	counts    = []string{"two", "three", "four", "five", "six", "seven", "12", "several"}
	roles     = []string{"trade officials", "workers", "restaurant staff", "Ministry of State Security agents", "diplomats", "trade cadres", "construction workers", "seafood traders", "managers"}
	currency  = []string{"US dollars", "Chinese yuan", "dollars"}
	periods   = []string{"per month", "per year", "a month", "each quarter"}
	openers   = []string{"a source in %s told reporters", "according to a source based in %s", "a person familiar with the matter in %s said", "local sources in %s reported"}
	templates = []string{
		"%[1]s North Korean %[2]s based in %[3]s defected last month, %[4]s. The Ministry of State Security has since tightened its monitoring of the remaining staff in %[3]s.",
		"Chinese police arrested %[1]s North Korean %[2]s in %[3]s and handed them over to North Korean security agents, %[4]s. They are expected to be repatriated within weeks.",
		"North Korean %[2]s in %[3]s have to send the Party between %[5]d and %[6]d %[7]s %[8]s, %[4]s. Those who fail to meet the quota may be recalled home and punished.",
		"The authorities ordered managers in %[3]s to report on the movements of %[2]s every week, %[4]s. No one from the group has defected so far.",
		"%[1]s %[2]s who fled their posts in %[3]s were caught near the border, %[4]s. They could face harsh punishment if they are sent back to North Korea.",
	}
)

// Generate returns the n-th article of the corpus of the given seed.
func Generate(seed uint64, n int) Article {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	var b strings.Builder
	city := pick(cities)
	title := fmt.Sprintf("Report %d: North Korean %s in %s under pressure", n, pick(roles), city)
	b.WriteString(title + "\n\n")
	paragraphs := 3 + r.IntN(4)
	for range paragraphs {
		low := (1 + r.IntN(9)) * 10000
		p := fmt.Sprintf(templates[r.IntN(len(templates))],
			pick(counts), pick(roles), pick(cities), fmt.Sprintf(pick(openers), city),
			low, low*2, pick(currency), pick(periods))
		b.WriteString(strings.ToUpper(p[:1]) + p[1:] + "\n\n")
	}
	date := fmt.Sprintf("20%02d-%02d-%02d", 22+r.IntN(5), 1+r.IntN(12), 1+r.IntN(28))
	return Article{Name: fmt.Sprintf("synth-%07d.txt", n), Title: title, PublishedAt: date, Text: b.String()}
}
