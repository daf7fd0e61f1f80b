package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"eventgraph/domain"
	"eventgraph/internal/testenv"
)

// run drives Main with buffers and returns the exit code, stdout and
// stderr.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	code := Main(context.Background(), env, args)
	return code, out.String(), errOut.String()
}

// docs decodes JSON Lines output.
func docs(t *testing.T, out string) []domain.Document {
	t.Helper()
	var ds []domain.Document
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if line == "" {
			continue
		}
		var d domain.Document
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("output line %d is not a document: %v: %s", i+1, err, line)
		}
		ds = append(ds, d)
	}
	return ds
}

// sources returns each document's source relative to dir.
func sources(t *testing.T, ds []domain.Document, dir string) []string {
	t.Helper()
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(d.Article.Source, dir)), "/")
	}
	return out
}

func TestExtract(t *testing.T) {
	dir := testenv.WriteTree(t, map[string]string{
		"a.txt":      "Three agents defected from North Korea while in Shenyang.",
		"b/c.md":     "---\ntitle: Cadres flee\nurl: https://example.org/c\npublished: 2025-02-03\n---\nTwo cadres fled.",
		"b/d.html":   "<p>Police arrested a <b>trader</b>.</p>",
		"b/e.txt":    "",
		"b/f.txt":    "bad \xff byte",
		"g.jsonl":    `{"article":{"id":"z","source":"elsewhere.txt","title":"Z"},"entities":[],"events":[]}` + "\n{broken\n",
		"h/skip.pdf": "%PDF",
	})
	tests := []struct {
		name       string
		args       []string
		stdin      string
		code       int
		sources    []string
		stderrHas  []string
		checkTitle map[string]string
	}{
		{
			name: "directory with bad inputs", args: []string{"extract", dir}, code: ExitPartial,
			sources:    []string{"a.txt", "b/c.md", "b/d.html", "elsewhere.txt"},
			stderrHas:  []string{"b/e.txt: empty", "b/f.txt: invalid UTF-8: at byte 4", "g.jsonl:2: malformed JSON", "4 articles written, 3 skipped"},
			checkTitle: map[string]string{"b/c.md": "Cadres flee", "elsewhere.txt": "Z"},
		},
		{name: "files in argument order", args: []string{"extract", filepath.Join(dir, "b", "d.html"), filepath.Join(dir, "a.txt")}, code: ExitOK, sources: []string{"b/d.html", "a.txt"}},
		{name: "standard input by default", args: []string{"extract"}, stdin: "Agents fled.", code: ExitOK, sources: []string{"-"}},
		{name: "standard input JSON Lines", args: []string{"extract", "-"}, stdin: `{"article":{"source":"x.txt"}}`, code: ExitOK, sources: []string{"x.txt"}},
		{name: "missing file", args: []string{"extract", filepath.Join(dir, "nope.txt")}, code: ExitPartial, stderrHas: []string{"nope.txt: unreadable: no such file or directory"}},
		{name: "too large", args: []string{"extract", "--max-bytes", "10", filepath.Join(dir, "a.txt")}, code: ExitPartial, stderrHas: []string{"a.txt: too large"}},
		{name: "one worker", args: []string{"extract", "--workers", "1", filepath.Join(dir, "a.txt")}, code: ExitOK, sources: []string{"a.txt"}},
		{name: "help", args: []string{"extract", "--help"}, code: ExitOK, stderrHas: []string{"Usage: eventgraph extract", "-rules DIR"}},
		{name: "bad flag", args: []string{"extract", "--nope"}, code: ExitUsage, stderrHas: []string{"flag provided but not defined"}},
		{name: "missing rules directory", args: []string{"extract", "--rules", filepath.Join(dir, "nope")}, code: ExitFailure, stderrHas: []string{"not a readable directory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			ds := docs(t, out)
			if got := sources(t, ds, dir); strings.Join(got, ",") != strings.Join(tt.sources, ",") {
				t.Errorf("sources %q, want %q", got, tt.sources)
			}
			for _, want := range tt.stderrHas {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			for i, src := range sources(t, ds, dir) {
				if want, ok := tt.checkTitle[src]; ok && ds[i].Article.Title != want {
					t.Errorf("%s: title %q, want %q", src, ds[i].Article.Title, want)
				}
			}
		})
	}
}

// TestExtractOrderManyWorkers checks that many inputs come out in input
// order whatever the number of workers.
func TestExtractOrderManyWorkers(t *testing.T) {
	files := map[string]string{}
	var want []string
	for i := range 300 {
		name := fmt.Sprintf("%03d.txt", i)
		files[name] = strings.Repeat(fmt.Sprintf("Article %d: agents defected in Dandong. ", i), 1+i%7)
		if i%50 == 7 {
			files[name] = ""
			continue
		}
		want = append(want, name)
	}
	dir := testenv.WriteTree(t, files)
	for _, workers := range []string{"1", "3", "16"} {
		t.Run("workers="+workers, func(t *testing.T) {
			code, out, errOut := run(t, "", "extract", "--workers", workers, dir)
			if code != ExitPartial {
				t.Errorf("exit code %d, want %d: %s", code, ExitPartial, errOut)
			}
			if got := sources(t, docs(t, out), dir); strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("order differs: got %d sources %q...", len(got), got[:min(5, len(got))])
			}
			if n := strings.Count(errOut, "skipped"); n != 7 {
				t.Errorf("%d skipped lines, want 6 and the summary:\n%s", n, errOut)
			}
		})
	}
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestExtractWriteError(t *testing.T) {
	files := map[string]string{}
	for i := range 2000 {
		files[fmt.Sprintf("%04d.txt", i)] = strings.Repeat("Agents defected. ", 20)
	}
	dir := testenv.WriteTree(t, files)
	var errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: failingWriter{}, Stderr: &errOut}
	if code := Main(context.Background(), env, []string{"extract", dir}); code != ExitFailure {
		t.Errorf("exit code %d, want %d", code, ExitFailure)
	}
	if !strings.Contains(errOut.String(), "disk full") {
		t.Errorf("stderr lacks the write error: %s", errOut.String())
	}
}

func TestExtractCancelled(t *testing.T) {
	dir := testenv.WriteTree(t, map[string]string{"a.txt": "Agents fled."})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut}
	if code := Main(ctx, env, []string{"extract", dir}); code != ExitFailure {
		t.Errorf("exit code %d, want %d", code, ExitFailure)
	}
	if !strings.Contains(errOut.String(), "interrupted") {
		t.Errorf("stderr: %s", errOut.String())
	}
}
