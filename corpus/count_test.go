package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCount(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"a.txt", "b.md", "sub/c.html", "sub/.hidden.txt", "notes.pdf"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("text"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jsonl := filepath.Join(dir, "docs.jsonl")
	if err := os.WriteFile(jsonl, []byte("{}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		paths     []string
		want      int
		wantExact bool
	}{
		{"directory", []string{filepath.Join(dir, "sub"), filepath.Join(dir, "a.txt")}, 2, true},
		{"missing file counts once", []string{filepath.Join(dir, "nope.txt")}, 1, true},
		{"stdin is unknown", []string{Stdin}, 0, false},
		{"json lines are unknown", []string{dir}, 3, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, exact := Count(tt.paths)
			if got != tt.want || exact != tt.wantExact {
				t.Errorf("Count: got (%d, %v), want (%d, %v)", got, exact, tt.want, tt.wantExact)
			}
			if exact {
				items := 0
				for range Items(tt.paths, Options{}) {
					items++
				}
				if items != got {
					t.Errorf("Items yielded %d, Count said %d", items, got)
				}
			}
		})
	}
}
