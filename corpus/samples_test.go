package corpus

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"eventgraph/internal/testenv"
)

// TestSamples checks that every bundled sample article reads without
// error and carries its title, an example URL and a date in 2024-2026.
func TestSamples(t *testing.T) {
	dir := filepath.Join(testenv.RepoRoot(), "samples")
	n := 0
	for it, err := range Items([]string{dir}, Options{}) {
		n++
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		name := filepath.Base(it.Source)
		if it.Title == "" || !strings.HasPrefix(it.URL, "https://example.org/") {
			t.Errorf("%s: title %q, url %q", name, it.Title, it.URL)
		}
		d, err := time.Parse(time.DateOnly, it.PublishedAt)
		if err != nil || d.Year() < 2024 || d.Year() > 2026 {
			t.Errorf("%s: published %q, want a date in 2024-2026", name, it.PublishedAt)
		}
		if !strings.HasPrefix(name, it.PublishedAt) {
			t.Errorf("%s: file name does not start with its date %s", name, it.PublishedAt)
		}
		if !strings.HasPrefix(it.Text, it.Title+"\n") {
			t.Errorf("%s: body does not open with the headline %q", name, it.Title)
		}
	}
	if n < 10 {
		t.Errorf("%d samples, want at least 10", n)
	}
}
