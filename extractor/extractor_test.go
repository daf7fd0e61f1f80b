package extractor

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"eventgraph/domain"
)

// newTestExtractor returns the embedded extractor or fails the test.
func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := New()
	if err != nil {
		t.Fatalf("New() error: %v", err)
	}
	return x
}

// checkOffsets fails the test when a span of doc does not match text.
func checkOffsets(t testing.TB, text string, doc domain.Document) {
	t.Helper()
	runes := []rune(text)
	check := func(what, got string, start, end int) {
		t.Helper()
		if start < 0 || end > len(runes) || start > end {
			t.Fatalf("%s: offsets [%d,%d) outside text of %d runes", what, start, end, len(runes))
		}
		if want := string(runes[start:end]); got != want {
			t.Fatalf("%s: text %q != slice [%d,%d) %q", what, got, start, end, want)
		}
	}
	for _, e := range doc.Entities {
		for _, m := range e.Mentions {
			check("mention of "+e.ID, m.Text, m.Start, m.End)
		}
	}
	for _, ev := range doc.Events {
		check("trigger of "+ev.ID, ev.Trigger.Text, ev.Trigger.Start, ev.Trigger.End)
		check("sentence of "+ev.ID, ev.Sentence.Text, ev.Sentence.Start, ev.Sentence.End)
		for _, a := range ev.Arguments {
			check("argument "+string(a.Role)+" of "+ev.ID, a.Text, a.Start, a.End)
		}
	}
}

const sampleArticle = "Three border guards defect to China\n\n" +
	"Three North Korean border guards defected from North Korea while on patrol near Hyesan on Monday, a source told Daily NK.\n\n" +
	"\u201cWe have to pay the Party 200 dollars a month,\u201d one guard had said before.\n\n" +
	"Chinese police arrested the guards in Changbai, and they may face repatriation to North Korea.\n\nRead in Korean\n"

func TestExtractArticleFields(t *testing.T) {
	x := newTestExtractor(t)
	doc, err := x.Extract("a.txt", sampleArticle)
	if err != nil {
		t.Fatalf("Extract error: %v", err)
	}
	if got, want := doc.Article.Source, "a.txt"; got != want {
		t.Errorf("source = %q, want %q", got, want)
	}
	if got, want := doc.Article.Title, "Three border guards defect to China"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if len(doc.Article.ID) != 64 {
		t.Errorf("id = %q, want 64 hex digits", doc.Article.ID)
	}
	checkOffsets(t, sampleArticle, doc)
	types := map[domain.EventType]int{}
	for _, ev := range doc.Events {
		types[ev.Type]++
		if ev.Rule == "" || ev.Confidence <= 0 {
			t.Errorf("event %s has rule %q confidence %v", ev.ID, ev.Rule, ev.Confidence)
		}
	}
	for _, want := range []domain.EventType{domain.Defection, domain.QuotaDemand, domain.Arrest, domain.Repatriation} {
		if types[want] == 0 {
			t.Errorf("no %s event in %v", want, types)
		}
	}
}

func TestArticleIDNormalisation(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"curly and straight quotes", "He said \u201cno\u201d.", "He said \"no\".", true},
		{"white space runs", "One  two\n\nthree ", "One two three", true},
		{"dashes", "Shenyang \u2013 Dandong", "Shenyang - Dandong", true},
		{"different words", "One two", "One three", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			da, _ := x.Extract("a", tt.a)
			db, _ := x.Extract("b", tt.b)
			if got := da.Article.ID == db.Article.ID; got != tt.same {
				t.Errorf("same id = %v, want %v (%s vs %s)", got, tt.same, da.Article.ID, db.Article.ID)
			}
		})
	}
}

func TestExtractRefusesBadInput(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want error
	}{
		{"invalid UTF-8", "North Korea \xff\xfe defect", ErrInvalidUTF8},
		{"too large", strings.Repeat("a", MaxTextBytes+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := x.Extract("x", tt.text)
			if !errors.Is(err, tt.want) {
				t.Errorf("error = %v, want %v", err, tt.want)
			}
		})
	}
}

// TestExtractDefectIsAnError checks that a panic inside extraction (here
// an Extractor built without New) comes back as ErrInternal, so that one
// text cannot crash a batch.
func TestExtractDefectIsAnError(t *testing.T) {
	var x Extractor
	doc, err := x.Extract("x", "Three workers defected in Dandong.")
	if !errors.Is(err, ErrInternal) {
		t.Fatalf("error = %v, want ErrInternal", err)
	}
	if len(doc.Events) != 0 || len(doc.Entities) != 0 {
		t.Errorf("doc = %d events, %d entities; want an empty document", len(doc.Events), len(doc.Entities))
	}
}

// TestExtractTextOpeningWithDistinctWord checks texts whose first word
// tells a group apart ("Other", "Another"): the chunker once read before
// the first token there.
func TestExtractTextOpeningWithDistinctWord(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{"Other missions in Africa were falling short.", "Another two workers fled.", "Second officials left."} {
		if _, err := x.Extract("x", text); err != nil {
			t.Errorf("Extract(%q) error = %v, want nil", text, err)
		}
	}
}

func TestExtractEmptyAndBoilerplateOnly(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{"", "\n\n  \n", "Read in Korean\nPlease direct any comments to news@example.org.\nCopyright Daily NK."} {
		doc, err := x.Extract("e", text)
		if err != nil {
			t.Fatalf("Extract(%q) error: %v", text, err)
		}
		if len(doc.Events) != 0 || len(doc.Entities) != 0 {
			t.Errorf("Extract(%q) = %d events, %d entities; want none", text, len(doc.Events), len(doc.Entities))
		}
		if doc.Events == nil || doc.Entities == nil {
			t.Errorf("Extract(%q): nil slices, want empty ones", text)
		}
	}
}

func TestDeterministicAndConcurrent(t *testing.T) {
	x := newTestExtractor(t)
	first, err := json.Marshal(mustExtract(t, x, sampleArticle))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				doc, _ := x.Extract("a.txt", sampleArticle)
				b, _ := json.Marshal(doc)
				if string(b) != string(first) {
					errs <- string(b)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatalf("output differs between runs:\n got %s\nwant %s", e, first)
	}
}

func mustExtract(t testing.TB, x *Extractor, text string) domain.Document {
	t.Helper()
	doc, err := x.Extract("a.txt", text)
	if err != nil {
		t.Fatalf("Extract error: %v", err)
	}
	return doc
}

func TestNewFromFSMatchesEmbedded(t *testing.T) {
	emb := newTestExtractor(t)
	dir, err := NewFromFS(os.DirFS("."))
	if err != nil {
		t.Fatalf("NewFromFS(.) error: %v", err)
	}
	if emb.Version() != dir.Version() {
		t.Errorf("versions differ: embedded %s, directory %s", emb.Version(), dir.Version())
	}
	if got, want := len(dir.Rules()), len(emb.Rules()); got != want {
		t.Errorf("rules = %d, want %d", got, want)
	}
	if !strings.HasPrefix(emb.Version(), codeVersion+"-") {
		t.Errorf("version %q lacks the code version", emb.Version())
	}
}

func TestOffsetsWithMultibyteText(t *testing.T) {
	x := newTestExtractor(t)
	text := "\u00a0\u2003Caf\u00e9 \U0001F600 \u201cTwo cooks defected from North Korea in Dandong,\u201d \uc11c\uc6b8 said. \u2014 Three agents were arrested in Yanji."
	doc := mustExtract(t, x, text)
	checkOffsets(t, text, doc)
	if len(doc.Events) < 2 {
		t.Errorf("events = %d, want at least 2 (defection, arrest)", len(doc.Events))
	}
	if !utf8.ValidString(doc.Events[0].Sentence.Text) {
		t.Errorf("sentence text is not valid UTF-8")
	}
}

func TestSentenceSegmentation(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Mr. Kim met U.S. officials. They left.", []string{"Mr. Kim met U.S. officials.", "They left."}},
		{"N. Korea sent 3 agents on Feb. 21, 2012. Nobody knew.", []string{"N. Korea sent 3 agents on Feb. 21, 2012.", "Nobody knew."}},
		{"Headline without a stop\nBody text here.", []string{"Headline without a stop", "Body text here."}},
		{"\u201cWe left.\u201d He said so.", []string{"\u201cWe left.\u201d", "He said so."}},
		{"See No. 5 on the list. Done.", []string{"See No. 5 on the list.", "Done."}},
		{"Cook flees after raid\n\nFILE PHOTO: A port in Dalian\n\nHe left.", []string{"Cook flees after raid", "A port in Dalian", "He left."}},
	}
	for _, tt := range tests {
		d := &doc{x: x, k: x.data, n: normalize(tt.text)}
		d.tokenize()
		sents := segment(d.toks, x.data.lex, nil)
		var got []string
		for _, s := range sents {
			got = append(got, tt.text[d.toks[s.tb].ob:d.toks[s.te-1].oe])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("segment(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLowerInPlace checks the eight-bytes-at-a-time ASCII path against
// lower-casing byte by byte, at every alignment and around non-ASCII runes.
func TestLowerInPlace(t *testing.T) {
	var all []byte
	for c := 0; c < 0x80; c++ {
		all = append(all, byte(c))
	}
	all = append(all, "ÀÉ Straße İstanbul Ωmega @[`{ AZaz"...)
	for start := 0; start < 16; start++ {
		in := string(all[start:])
		var want []byte
		for _, r := range in {
			want = utf8.AppendRune(want, lowerSameWidth(r))
		}
		if got := lowerInPlace([]byte(in)); string(got) != string(want) {
			t.Errorf("lowerInPlace(%q) = %q, want %q", in, got, want)
		}
	}
}
