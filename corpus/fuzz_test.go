package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no input makes parsing panic, and that what comes
// out is valid UTF-8 text without carriage returns, or an *InputError.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"plain", "---\ntitle: x\n---\nbody", "<p>a &amp; b</p><script>x</script>", "\xff", "a\x00b",
		"---\npublished: 2024-01-02\nurl: https://example.org\n...\n", "<title>t</title><pre>a\r\nb</pre>",
	} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(2))
	}
	f.Fuzz(func(t *testing.T, s string, k uint8) {
		it, err := parse("in", kind(k%3), []byte(s))
		if err != nil {
			if err.Path != "in" || err.Reason == "" {
				t.Fatalf("bad error %+v", err)
			}
			return
		}
		if !utf8.ValidString(it.Text) || strings.Contains(it.Text, "\r") || strings.TrimSpace(it.Text) == "" {
			t.Fatalf("bad text %q from %q", it.Text, s)
		}
	})
}
