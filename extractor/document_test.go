package extractor

import (
	"encoding/binary"
	"encoding/hex"
	"math/rand"
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
