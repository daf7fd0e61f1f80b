// Command dumpjsonl runs the extractor over the .txt files of a directory
// and writes JSON Lines in the OUTPUT.md format, for scoring during rule
// development: go run ./extractor/internal/dumpjsonl DIR > out.jsonl
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"eventgraph/extractor"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: dumpjsonl DIR [RULESDIR]")
		os.Exit(2)
	}
	x, err := load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	files, err := filepath.Glob(filepath.Join(os.Args[1], "*.txt"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sort.Strings(files)
	enc := json.NewEncoder(os.Stdout)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		doc, err := x.Extract(filepath.Base(f), string(b))
		if err != nil {
			fmt.Fprintln(os.Stderr, f, err)
			continue
		}
		if err := enc.Encode(doc); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
}

func load() (*extractor.Extractor, error) {
	if len(os.Args) > 2 && strings.TrimSpace(os.Args[2]) != "" {
		return extractor.NewFromFS(os.DirFS(os.Args[2]))
	}
	return extractor.New()
}
