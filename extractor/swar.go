package extractor

import "math/bits"

// Tests on eight bytes at a time, read as a little-endian uint64. A test
// returns a word with the high bit set in some byte when the answer is
// yes; it is exact on words whose bytes are all below 0x80 (with a high
// byte the answer is yes anyway when the caller ors in the word itself).

const (
	lowBits  = 0x0101010101010101 // the low bit of every byte
	highBits = 0x8080808080808080 // the high bit of every byte
)

// load64 reads the eight bytes of s at i as a little-endian uint64.
func load64[T string | []byte](s T, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// byteIs tests whether a byte of w is c.
func byteIs(w uint64, c byte) uint64 {
	x := w ^ lowBits*uint64(c)
	return (x - lowBits) &^ x
}

// byteBelow tests whether a byte of w is below c, which is at most 0x80.
func byteBelow(w uint64, c byte) uint64 {
	return (w - lowBits*uint64(c)) &^ w
}

// alnumPrefix returns how many of the bytes of w, from the lowest, are
// ASCII letters or digits.
func alnumPrefix(w uint64) int {
	folded := w | lowBits*0x20 // upper-case letters to lower case
	letter := (folded + lowBits*(0x80-'a')) &^ (folded + lowBits*(0x7f-'z'))
	digit := (w + lowBits*(0x80-'0')) &^ (w + lowBits*(0x7f-'9'))
	return bits.TrailingZeros64((w|^(letter|digit))&highBits) >> 3
}
