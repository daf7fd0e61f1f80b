package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"eventgraph/extractor"
	"eventgraph/internal/testenv"
)

// copyRules copies the extractor's data directories into a new folder and
// returns it.
func copyRules(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(testenv.RepoRoot(), "extractor")
	for _, sub := range []string{"rules", "gazetteer", "lexicon"} {
		if err := os.CopyFS(filepath.Join(dir, sub), os.DirFS(filepath.Join(src, sub))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRules(t *testing.T) {
	x, err := extractor.New()
	if err != nil {
		t.Fatalf("extractor.New: %v", err)
	}
	rules, failures := x.Rules(), x.TestRules()
	builtinCode := ExitOK
	if len(failures) > 0 {
		builtinCode = ExitFailure
	}
	summary := fmt.Sprintf("%d rules, ", len(rules))
	copied := copyRules(t)
	broken := copyRules(t)
	bad := filepath.Join(broken, "rules", "broken", "bad.yaml")
	os.MkdirAll(filepath.Dir(bad), 0o755)
	if err := os.WriteFile(bad, []byte("id: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		args      []string
		code      int
		stdoutHas []string
		stderrHas []string
		lines     int // stdout lines, when > 0
	}{
		{name: "built-in rules", args: []string{"rules", "test"}, code: builtinCode, stdoutHas: []string{summary}},
		{name: "rules from a directory", args: []string{"rules", "test", copied}, code: builtinCode, stdoutHas: []string{summary}},
		{name: "broken rule file", args: []string{"rules", "test", broken}, code: ExitFailure, stderrHas: []string{"bad.yaml"}},
		{name: "missing directory", args: []string{"rules", "test", filepath.Join(copied, "nope")}, code: ExitFailure, stderrHas: []string{"not a readable directory"}},
		{name: "list", args: []string{"rules", "list"}, code: ExitOK, lines: len(rules)},
		{name: "no subcommand", args: []string{"rules"}, code: ExitUsage, stderrHas: []string{"Usage: eventgraph rules <test|list>"}},
		{name: "help", args: []string{"rules", "--help"}, code: ExitOK, stderrHas: []string{"Usage: eventgraph rules"}},
		{name: "subcommand help", args: []string{"rules", "test", "--help"}, code: ExitOK, stderrHas: []string{"Usage: eventgraph rules test"}},
		{name: "unknown subcommand", args: []string{"rules", "frob"}, code: ExitUsage, stderrHas: []string{`unknown subcommand "frob"`}},
		{name: "two directories", args: []string{"rules", "test", copied, copied}, code: ExitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stdout:\n%s\nstderr:\n%s", code, tt.code, out, errOut)
			}
			for _, want := range tt.stdoutHas {
				if !strings.Contains(out, want) {
					t.Errorf("stdout lacks %q:\n%s", want, out)
				}
			}
			for _, want := range tt.stderrHas {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			if tt.lines > 0 && strings.Count(out, "\n") != tt.lines {
				t.Errorf("%d lines, want %d:\n%s", strings.Count(out, "\n"), tt.lines, out)
			}
		})
	}
}
