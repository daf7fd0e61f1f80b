// Command gencorpus writes a generated corpus of articles (Markdown with
// front matter) for benchmarks and load tests.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"eventgraph/synth"
)

func main() {
	n := flag.Int("n", 10000, "number of articles")
	out := flag.String("out", "corpus", "output directory")
	seed := flag.Uint64("seed", 1, "corpus seed")
	flag.Parse()
	if err := write(*out, *seed, *n); err != nil {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

// write puts n articles into dir, a thousand per subdirectory.
func write(dir string, seed uint64, n int) error {
	for i := range n {
		a := synth.Generate(seed, i)
		sub := filepath.Join(dir, fmt.Sprintf("%04d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		body := fmt.Sprintf("---\ntitle: %q\npublished: %s\n---\n%s", a.Title, a.PublishedAt, a.Text)
		if err := os.WriteFile(filepath.Join(sub, a.Name[:len(a.Name)-4]+".md"), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}
