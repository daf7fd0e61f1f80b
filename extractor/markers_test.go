package extractor

import (
	"math/rand"
	"strings"
	"testing"
	"testing/fstest"
)

// TestMarkerScanner checks the scanner against strings.Contains on random
// lines made of pieces of the markers.
func TestMarkerScanner(t *testing.T) {
	markers := map[uint8][]string{markLine: {"read in korean", "©", "www.", "he", "she"}, markCredit: {"photo:", "(ap)", "hers", "e"}}
	m, err := newMarkerScanner(markers[markLine], markers[markCredit])
	if err != nil {
		t.Fatal(err)
	}
	pieces := []string{"read", " in ", "korean", "©", "w", "ww.", "he", "s", "photo", ":", "(", "ap)", "x", "r", "©x"}
	r := rand.New(rand.NewSource(1))
	for range 20000 {
		var b strings.Builder
		for range r.Intn(8) {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		line := b.String()
		var want uint8
		for kind, ms := range markers {
			for _, w := range ms {
				if strings.Contains(line, w) {
					want |= kind
				}
			}
		}
		if want&markLine != 0 {
			want = markLine
		}
		if got := m.scan([]byte(line)); got != want {
			t.Fatalf("scan(%q) = %d, want %d", line, got, want)
		}
	}
}

// TestTooManyMarkers checks that boilerplate markers too many for the
// scanner's table fail loading with an error, not a panic.
func TestTooManyMarkers(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	var b strings.Builder
	b.WriteString("boilerplate:\n  drop_lines_containing: [")
	for i := range 3000 {
		if i > 0 {
			b.WriteString(", ")
		}
		for range 10 {
			b.WriteByte("abcdefghijklmnopqrstuvwxyz0123456789"[r.Intn(36)])
		}
	}
	b.WriteString("]\n")
	fsys := embeddedFS(t)
	fsys["lexicon/boilerplate.yaml"] = &fstest.MapFile{Data: []byte(b.String())}
	_, err := NewFromFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "markers") {
		t.Fatalf("NewFromFS error = %v, want one about the markers", err)
	}
}
