package extractor

import (
	"testing"
	"unicode/utf8"
)

// FuzzExtract runs the whole pipeline on arbitrary text: no panic, offsets
// inside the text, and every text equal to its slice.
func FuzzExtract(f *testing.F) {
	x, err := New()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		sampleArticle, "", "\u201c", "N. Korea", "U.S.", "$70 per", "2,500 to", "Mr.", "the North", "(MSS)",
		"Three Ministry of State Security (MSS) agents defected from North Korea while in Shenyang.",
		"If we can\u2019t make our quotas, we have to return home.", "44-year-old guide", "\x00\x01\xc3\xa9",
		"China\u2019s southwest \u2014 which borders Laos \u2014 to the custody of",
		"Other missions were falling short.", "Another two fled.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		doc, err := x.Extract("fuzz", text)
		if !utf8.ValidString(text) {
			if err == nil {
				t.Fatalf("invalid UTF-8 accepted")
			}
			return
		}
		if err != nil {
			t.Fatalf("Extract error: %v", err)
		}
		checkOffsets(t, text, doc)
	})
}
