package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"eventgraph/internal/testenv"
)

// fixture is the eval package's hand-made gold, articles and output.
var fixture = struct{ gold, articles, output string }{
	filepath.Join("..", "eval", "testdata", "gold"),
	filepath.Join("..", "eval", "testdata", "articles"),
	filepath.Join("..", "eval", "testdata", "output.jsonl"),
}

func TestEval(t *testing.T) {
	output, err := os.ReadFile(fixture.output)
	if err != nil {
		t.Fatal(err)
	}
	summary, err := os.ReadFile(filepath.Join("..", "eval", "testdata", "summary.txt"))
	if err != nil {
		t.Fatal(err)
	}
	fixtureSummary := string(summary) // what score.py prints for the fixture
	base := []string{"eval", "--gold", fixture.gold, "--articles", fixture.articles}
	tests := []struct {
		name      string
		args      []string
		stdin     string
		code      int
		stdout    string // exact, when set
		stdoutHas []string
		stderrHas []string
	}{
		{name: "scores an output file", args: append(base, "--output", fixture.output), code: ExitOK, stdout: fixtureSummary},
		{name: "scores standard input", args: append(base, "--output", "-"), stdin: string(output), code: ExitOK, stdout: fixtureSummary},
		{
			name: "verbose and json", args: append(base, "--output", fixture.output, "--verbose", "--json"), code: ExitOK,
			stdoutHas: []string{"{\n \"core\": [\n  0.8,", "\n  b2.txt: no output for this article\n", "\n" + fixtureSummary},
		},
		{name: "extracts when no output is given", args: base, code: ExitOK, stdoutHas: []string{"core_event_f1="}},
		{name: "help", args: []string{"eval", "--help"}, code: ExitOK, stderrHas: []string{"Usage: eventgraph eval", "-gold DIR", "-verbose"}},
		{name: "gold required", args: []string{"eval", "--articles", fixture.articles}, code: ExitUsage, stderrHas: []string{"--gold and --articles are required"}},
		{name: "no arguments taken", args: append(base, "extra"), code: ExitUsage},
		{name: "missing gold directory", args: []string{"eval", "--gold", "nope", "--articles", fixture.articles}, code: ExitFailure, stderrHas: []string{"gold directory"}},
		{name: "malformed output", args: append(base, "--output", "-"), stdin: "{oops\n", code: ExitFailure, stderrHas: []string{"output line 1 is not JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := run(t, tt.stdin, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, errOut)
			}
			if tt.stdout != "" && out != tt.stdout {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, tt.stdout)
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
		})
	}
}

// TestEvalMatchesScorePyOnDev runs the extractor on the dev articles,
// scores its JSON Lines with score.py, and checks that "eventgraph eval"
// prints the same report, misses and JSON included.
func TestEvalMatchesScorePyOnDev(t *testing.T) {
	dir := testenv.EvalDir(t)
	if _, err := exec.LookPath("python3"); err != nil {
		testenv.Unavailable(t, "python3 not found: %v", err)
	}
	gold, arts := filepath.Join(dir, "dev", "gold"), filepath.Join(dir, "dev", "articles")
	code, out, errOut := run(t, "", "extract", arts)
	if code != ExitOK {
		t.Fatalf("extract: exit code %d: %s", code, errOut)
	}
	jsonl := filepath.Join(t.TempDir(), "dev.jsonl")
	if err := os.WriteFile(jsonl, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", filepath.Join(dir, "score.py"), gold, arts, jsonl, "--json", "--verbose")
	py, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	for _, args := range [][]string{
		{"eval", "--gold", gold, "--articles", arts, "--json", "--verbose"},
		{"eval", "--gold", gold, "--articles", arts, "--json", "--verbose", "--output", jsonl},
	} {
		code, got, errOut := run(t, "", args...)
		if code != ExitOK {
			t.Fatalf("%v: exit code %d: %s", args, code, errOut)
		}
		if got != string(py) {
			t.Errorf("%v differs from score.py:\n--- eval\n%s\n--- score.py\n%s", args, got, py)
		}
	}
	t.Logf("dev scores:\n%s", lastLines(string(py), 12))
}

// lastLines returns the last n lines of s.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
