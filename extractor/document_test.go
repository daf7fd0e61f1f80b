package extractor

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

// TestEventIDDigits checks the hex and decimal writers of event ids
// against the standard library.
func TestEventIDDigits(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for k := 0; k < 1000; k++ {
		x := r.Uint64()
		var want [8]byte
		binary.BigEndian.PutUint64(want[:], x)
		var got [16]byte
		if putHex8(&got, x); string(got[:]) != hex.EncodeToString(want[:]) {
			t.Fatalf("putHex8(%#x) = %s", x, got[:])
		}
		n := r.Intn(1 << uint(r.Intn(31)))
		if got := appendDecimal([]byte("x"), n); string(got) != "x"+strconv.Itoa(n) {
			t.Fatalf("appendDecimal(%d) = %s", n, got)
		}
	}
}

// TestExtractInto checks that documents built in a reused Output are the
// documents Extract returns, whatever the article before left in its
// arrays, and that the arrays are in fact reused.
func TestExtractInto(t *testing.T) {
	x := newTestExtractor(t)
	texts, _ := readArticles(t, filepath.Join("testdata", "articles"))
	if len(texts) < 100 {
		t.Fatalf("testdata articles: got %d, want at least 100", len(texts))
	}
	var out Output
	for i, text := range texts {
		want, err := x.Extract("a", text)
		if err != nil {
			t.Fatalf("Extract(article %d): %v", i, err)
		}
		got, err := x.ExtractInto(&out, "a", text)
		if err != nil {
			t.Fatalf("ExtractInto(article %d): %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("ExtractInto(article %d) differs from Extract", i)
		}
	}
	first, _ := x.ExtractInto(&out, "a", texts[0])
	again, _ := x.ExtractInto(&out, "a", texts[0])
	if len(first.Events) == 0 || &first.Events[0] != &again.Events[0] {
		t.Errorf("ExtractInto did not reuse the events array of article 0")
	}
}
