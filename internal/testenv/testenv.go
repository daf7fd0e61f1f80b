// Package testenv finds what tests need from outside the module: the shared
// evaluation data and, elsewhere, the Neo4j server. Under CI=true a missing
// dependency fails the test; elsewhere it skips it with the reason.
package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// RepoRoot returns the module's root directory.
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
}

// InCI reports whether the tests run in CI, where nothing may be skipped.
func InCI() bool { return os.Getenv("CI") == "true" }

// Unavailable fails the test under CI and skips it elsewhere.
func Unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf("CI=true and "+format, args...)
	}
	t.Skipf(format, args...)
}

// EvalDir returns the shared evaluation folder (GUIDELINES.md, dev/,
// score.py): $EVENTGRAPH_EVAL_DIR, or ../shared/eval beside the repository.
func EvalDir(t testing.TB) string {
	t.Helper()
	dir := os.Getenv("EVENTGRAPH_EVAL_DIR")
	if dir == "" {
		dir = filepath.Join(RepoRoot(), "..", "shared", "eval")
	}
	if _, err := os.Stat(filepath.Join(dir, "dev", "gold")); err != nil {
		Unavailable(t, "shared evaluation data not found at %s (set EVENTGRAPH_EVAL_DIR): %v", dir, err)
	}
	return dir
}

// WriteTree creates files (slash path to content) under a new temporary
// folder and returns the folder.
func WriteTree(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}
