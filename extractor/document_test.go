package extractor

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand"
	"os"
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
	files, err := filepath.Glob(filepath.Join("testdata", "articles", "*.txt"))
	if err != nil || len(files) < 100 {
		t.Fatalf("testdata articles: %d files, %v", len(files), err)
	}
	var out Output
	for _, f := range files {
		text := readFile(t, f)
		want, err := x.Extract(f, text)
		if err != nil {
			t.Fatalf("Extract(%s): %v", f, err)
		}
		got, err := x.ExtractInto(&out, f, text)
		if err != nil {
			t.Fatalf("ExtractInto(%s): %v", f, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("ExtractInto(%s) differs from Extract", f)
		}
	}
	text := readFile(t, files[0])
	first, _ := x.ExtractInto(&out, "a", text)
	again, _ := x.ExtractInto(&out, "a", text)
	if len(first.Events) == 0 || &first.Events[0] != &again.Events[0] {
		t.Errorf("ExtractInto did not reuse the events array of %s", files[0])
	}
}

// readFile returns the content of a test file.
func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
