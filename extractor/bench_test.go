package extractor

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventgraph/domain"
	"eventgraph/internal/testenv"
)

// corpusTemplates are article paragraphs written for the benchmarks; the
// generator fills the slots from the lists below.
var corpusTemplates = []string{
	"%[1]s %[2]s %[3]s defected from North Korea while working in %[4]s last %[5]s, a source told Daily NK.",
	"Chinese police arrested %[1]s %[2]s %[3]s in %[4]s and they may face repatriation to North Korea.",
	"\u201cWe have to send the Party %[6]s every year, and if we cannot meet our quotas we have to return home,\u201d one %[3]s said.",
	"North Korean authorities have stepped up surveillance of %[2]s %[3]s in %[4]s after the incident.",
	"The %[3]s were ordered to pay %[6]s each to the authorities as loyalty funds for the anniversary.",
	"It was unclear whether the %[3]s had been returned to North Korea, where they could face harsh punishment.",
	"Managers now require %[3]s to report their whereabouts twice a day and keep a close eye on their movements.",
	"Trading companies in %[4]s are competing to hand over %[6]s to the Party, according to the source.",
	"Nobody from the office in %[4]s has defected since the new rules were introduced in %[5]s.",
	"Prices of rice and corn in the markets of %[4]s rose again this week as the border stayed closed.",
}

var (
	slotCounts = []string{"Three", "Two", "10", "Several", "Four", "Some"}
	slotNats   = []string{"North Korean", "Chinese", "", "North Korean"}
	slotRoles  = []string{"workers", "traders", "officials", "agents", "cadres", "loggers", "waitresses"}
	slotPlaces = []string{"Shenyang", "Dandong", "Vladivostok", "Yanji", "Hunchun", "Moscow", "Hanoi"}
	slotTimes  = []string{"January", "month", "spring", "year", "week"}
	slotSums   = []string{"500 dollars", "2,500 to 3,000 yuan", "$70", "300,000 won", "around one million US dollars per year"}
)

// genArticle writes one article of about n bytes from the templates.
func genArticle(r *rand.Rand, n int) string {
	var b strings.Builder
	pick := func(xs []string) string { return xs[r.Intn(len(xs))] }
	fmt.Fprintf(&b, "%s %s %s in %s\n\n", pick(slotCounts), pick(slotNats), pick(slotRoles), pick(slotPlaces))
	for b.Len() < n {
		t := corpusTemplates[r.Intn(len(corpusTemplates))]
		fmt.Fprintf(&b, t+"\n\n", pick(slotCounts), pick(slotNats), pick(slotRoles), pick(slotPlaces), pick(slotTimes), pick(slotSums))
	}
	b.WriteString("Read in Korean\n")
	return b.String()
}

// genCorpus returns articles of 2 to 6 KB adding up to at least total bytes.
func genCorpus(total int) ([]string, int) {
	r := rand.New(rand.NewSource(1))
	var out []string
	size := 0
	for size < total {
		a := genArticle(r, 2000+r.Intn(4000))
		out = append(out, a)
		size += len(a)
	}
	return out, size
}

// BenchmarkExtractCorpus extracts a generated corpus of over 10 MB; the
// MB/s figure is article text per second on one goroutine.
func BenchmarkExtractCorpus(b *testing.B) {
	corpus, size := genCorpus(10 << 20)
	benchExtract(b, newTestExtractor(b).Extract, corpus, size)
}

// BenchmarkExtractCorpusInto is BenchmarkExtractCorpus with the output's
// arrays reused from one article to the next, as the extract command runs.
func BenchmarkExtractCorpusInto(b *testing.B) {
	corpus, size := genCorpus(10 << 20)
	benchExtract(b, into(newTestExtractor(b)), corpus, size)
}

// into returns an extract function that reuses one Output.
func into(x *Extractor) func(source, text string) (domain.Document, error) {
	var out Output
	return func(source, text string) (domain.Document, error) { return x.ExtractInto(&out, source, text) }
}

// benchExtract extracts texts (size bytes in all) b.N times, reporting
// bytes per second and allocations.
func benchExtract(b *testing.B, extract func(source, text string) (domain.Document, error), texts []string, size int) {
	b.Helper()
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			if _, err := extract("bench", t); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkExtractParallel runs the corpus on every core.
func BenchmarkExtractParallel(b *testing.B) {
	x := newTestExtractor(b)
	corpus, _ := genCorpus(2 << 20)
	var per int64
	for _, a := range corpus {
		per += int64(len(a))
	}
	b.SetBytes(per / int64(len(corpus)))
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			if _, err := x.Extract("bench", corpus[i%len(corpus)]); err != nil {
				b.Error(err)
			}
			i++
		}
	})
}

// pathological inputs of a given size.
var pathological = map[string]func(n int) string{
	"one-line": func(n int) string {
		var b strings.Builder
		r := rand.New(rand.NewSource(2))
		for b.Len() < n {
			b.WriteString(slotRoles[r.Intn(len(slotRoles))])
			b.WriteString(" defected in ")
			b.WriteString(slotPlaces[r.Intn(len(slotPlaces))])
			b.WriteString(" and ")
		}
		return b.String()
	},
	"repeated-triggers": func(n int) string {
		return strings.Repeat("defected arrested repatriated quota monitoring ", n/47+1)
	},
	// Thousands of distinct named people: resolution must not compare
	// every person with every mention.
	"named-people": func(n int) string {
		var b strings.Builder
		r := rand.New(rand.NewSource(3))
		syl := []string{"chol", "su", "song", "hui", "yong", "il", "myong", "ok", "gwang", "nam", "hyok", "jin"}
		for b.Len() < n {
			fmt.Fprintf(&b, "Kim %s-%s%s, a trader, defected in Hyesan. ", strings.ToUpper(syl[r.Intn(12)][:1])+syl[r.Intn(12)][1:],
				syl[r.Intn(12)], syl[r.Intn(12)])
		}
		return b.String()
	},
	"no-spaces":   func(n int) string { return strings.Repeat("x", n) },
	"punctuation": func(n int) string { return strings.Repeat("(\u201c.\u201d)-, ", n/12+1) },
}

// BenchmarkPathological runs inputs without sentence stops or made of
// triggers at several sizes; ns/op growing in proportion to the size shows
// linear time.
func BenchmarkPathological(b *testing.B) {
	x := newTestExtractor(b)
	for _, name := range []string{"one-line", "repeated-triggers", "named-people", "no-spaces", "punctuation"} {
		for _, size := range []int{1 << 20, 4 << 20, 8 << 20} {
			text := pathological[name](size)
			if len(text) > MaxTextBytes {
				text = text[:MaxTextBytes]
			}
			b.Run(fmt.Sprintf("%s/%dMB", name, size>>20), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for i := 0; i < b.N; i++ {
					if _, err := x.Extract("p", text); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkExtractDev extracts the shared development articles, read at
// run time, as a check on real article text.
func BenchmarkExtractDev(b *testing.B) {
	texts, size := readArticles(b, filepath.Join(testenv.EvalDir(b), "dev", "articles"))
	benchExtract(b, newTestExtractor(b).Extract, texts, size)
}

// BenchmarkExtractTestdata extracts our own annotated articles, written in
// the style of real reports.
func BenchmarkExtractTestdata(b *testing.B) {
	texts, size := readArticles(b, filepath.Join("testdata", "articles"))
	benchExtract(b, newTestExtractor(b).Extract, texts, size)
}

// BenchmarkExtractTestdataInto is BenchmarkExtractTestdata with the
// output's arrays reused, as the extract command runs.
func BenchmarkExtractTestdataInto(b *testing.B) {
	texts, size := readArticles(b, filepath.Join("testdata", "articles"))
	benchExtract(b, into(newTestExtractor(b)), texts, size)
}

// readArticles returns the texts of the .txt files in dir and their size
// in bytes.
func readArticles(b testing.TB, dir string) ([]string, int) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var texts []string
	size := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
		size += len(t)
	}
	return texts, size
}

// BenchmarkFrontEnd runs the stages before chunking on the generated
// corpus: normalisation, tokenisation with boilerplate filtering and
// sentence segmentation.
func BenchmarkFrontEnd(b *testing.B) {
	x := newTestExtractor(b)
	corpus, size := genCorpus(10 << 20)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range corpus {
			d := x.getDoc()
			d.n = &d.norm
			d.lowBuf = d.n.reset(t, d.lowBuf)
			d.tokenize()
			d.sents = segment(d.toks, d.k.lex, d.sents[:0])
			x.putDoc(d)
		}
	}
}
