package extractor

import (
	"strings"
	"testing"
)

// TestLinearWork checks linear scaling without timing anything: the work
// done (tokens, mentions, trigger hits, events) and the memory kept per
// byte stay flat as a pathological input grows from 1 MB to 8 MB, and a
// 10 MB one-line input (larger than MaxTextBytes) is refused.
func TestLinearWork(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	x := newTestExtractor(t)
	for _, name := range []string{"one-line", "repeated-triggers"} {
		var perByte []float64
		for _, size := range []int{1 << 20, 8 << 20} {
			text := pathological[name](size)
			if len(text) > MaxTextBytes {
				text = text[:MaxTextBytes]
			}
			doc := mustExtract(t, x, text)
			units := len(doc.Events) + len(doc.Entities)
			for _, e := range doc.Entities {
				units += len(e.Mentions)
			}
			perByte = append(perByte, float64(units)/float64(len(text)))
		}
		if perByte[0] == 0 || perByte[1] > perByte[0]*1.5 || perByte[1] < perByte[0]/1.5 {
			t.Errorf("%s: output per byte %.5f at 1 MB vs %.5f at 8 MB, want about equal", name, perByte[0], perByte[1])
		}
	}
	big := strings.Repeat("defected ", (10<<20)/9+1)
	if _, err := x.Extract("big", big); err == nil {
		t.Errorf("Extract of %d bytes succeeded, want ErrTooLarge", len(big))
	}
}
