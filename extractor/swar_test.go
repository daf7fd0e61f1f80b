package extractor

import (
	"encoding/binary"
	"math/rand"
	"testing"
)

// TestSWAR checks the eight-byte tests against byte by byte answers on
// random words, most of them ASCII.
func TestSWAR(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	alphabet := "aZ09 `\t\n\v\f\r'.,@[{/:\x80\xc3\xe2\x7f\x00"
	var b [8]byte
	for range 100000 {
		for i := range b {
			if r.Intn(4) == 0 {
				b[i] = alphabet[r.Intn(len(alphabet))]
			} else {
				b[i] = byte(r.Intn(256))
			}
		}
		s := string(b[:])
		w := load64(s, 0)
		if w != binary.LittleEndian.Uint64(b[:]) {
			t.Fatalf("load64(%q) = %#x", s, w)
		}
		n := 0
		for n < 8 && asciiAlnum[s[n]] {
			n++
		}
		if got := alnumPrefix(w); got != n {
			t.Fatalf("alnumPrefix(%q) = %d, want %d", s, got, n)
		}
		plain := true
		for i := range 8 {
			plain = plain && plainASCII[s[i]] && s[i] >= '\r'
		}
		if got := (w|byteIs(w, '`')|byteBelow(w, '\r'))&highBits == 0; got != plain {
			t.Fatalf("plain test on %q = %v, want %v", s, got, plain)
		}
	}
}
