package extractor

import (
	"math/rand"
	"strings"
	"testing"
)

// TestMarkerScanner checks the scanner against strings.Contains on random
// lines made of pieces of the markers.
func TestMarkerScanner(t *testing.T) {
	markers := map[uint8][]string{markLine: {"read in korean", "©", "www.", "he", "she"}, markCredit: {"photo:", "(ap)", "hers", "e"}}
	m := newMarkerScanner(markers[markLine], markers[markCredit])
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
