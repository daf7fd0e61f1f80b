package eval

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  The Party. ", "the party"},
		{"“Ministry of State Security”", "ministry of state security"},
		{"Kim’s  \t\n cadres", "kim's cadres"},
		{"(MSS)", "mss"},
		{"['x']", "x"},
		{"Ａｇｅｎｔｓ", "agents"}, // NFKC folds full-width letters
		{"ﬁve", "five"},      // and ligatures
		{"north–south — line", "north-south - line"},
		{"İstanbul", "i\u0307stanbul"}, // Python's full lower case mapping
		{"ΟΔΟΣ ΟΔΟΣ.", "οδος οδος"},    // final sigma
		{"a\u00a0b\u2003c", "a b c"},
		{"a\x1cb", "a b"},
		{"...", ""},
	}
	for _, tt := range tests {
		if got := Norm(tt.in); got != tt.want {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := Norm("ΟΔΟΣ"); got != "οδος" {
		t.Errorf("final sigma: got %q", got)
	}
}

func TestStringsMatch(t *testing.T) {
	tests := []struct {
		found    string
		accepted []string
		want     bool
	}{
		{"MSS agents", []string{"Three MSS agents"}, true},           // 10*2 >= 16
		{"agents", []string{"Three MSS agents"}, false},              // 6*2 < 16
		{"Three MSS agents in China", []string{"MSS agents"}, false}, // 10*2 < 25
		{"the two men", []string{"men"}, false},
		{"Shenyang,", []string{"shenyang"}, true},
		{"", []string{""}, false},
		{"x", []string{"", "X"}, true},
		{"Dandong", nil, false},
		{"abcd", []string{"bc"}, true}, // exactly half
		{"abcde", []string{"bc"}, false},
	}
	for _, tt := range tests {
		if got := StringsMatch(tt.found, tt.accepted); got != tt.want {
			t.Errorf("StringsMatch(%q, %q) = %v, want %v", tt.found, tt.accepted, got, tt.want)
		}
	}
}

func TestPRF(t *testing.T) {
	tests := []struct {
		tpP, nP, tpR, nR int
		want             PRF
	}{
		{0, 0, 0, 0, PRF{1, 1, 1}},
		{0, 0, 0, 3, PRF{0, 0, 0}},
		{0, 2, 0, 0, PRF{0, 1, 0}},
		{3, 4, 3, 4, PRF{0.75, 0.75, 0.75}},
		{1, 2, 1, 4, PRF{0.5, 0.25, 1.0 / 3}},
	}
	for _, tt := range tests {
		got := prf(tt.tpP, tt.nP, tt.tpR, tt.nR)
		if !closePRF(got, tt.want) {
			t.Errorf("prf(%d, %d, %d, %d) = %+v, want %+v", tt.tpP, tt.nP, tt.tpR, tt.nR, got, tt.want)
		}
	}
}

func closePRF(a, b PRF) bool {
	return math.Abs(a.P-b.P) < 1e-12 && math.Abs(a.R-b.R) < 1e-12 && math.Abs(a.F1-b.F1) < 1e-12
}

func TestReprString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `'plain'`},
		{"it's", `"it's"`},
		{`both ' and "`, `'both \' and "'`},
		{"back\\slash", `'back\\slash'`},
		{"tab\tnl\ncr\r", `'tab\tnl\ncr\r'`},
		{"“curly” – ok", `'“curly” – ok'`},
		{"nb\u00a0sp", `'nb\xa0sp'`},
		{"zw\u200bsp", `'zw\u200bsp'`},
		{"bell\x07", `'bell\x07'`},
	}
	for _, tt := range tests {
		if got := reprString(tt.in); got != tt.want {
			t.Errorf("reprString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPyFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"}, {1, "1.0"}, {0.5, "0.5"}, {2.0 / 3, "0.6666666666666666"},
		{1.0 / 30000, "3.3333333333333335e-05"}, {0.0001, "0.0001"},
	}
	for _, tt := range tests {
		if got := pyFloat(tt.in); got != tt.want {
			t.Errorf("pyFloat(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// scoreFixture scores testdata/output.jsonl against testdata/gold.
func scoreFixture(t *testing.T) *Result {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "output.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Score(filepath.Join("testdata", "gold"), filepath.Join("testdata", "articles"), f)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestScoreKnownAnswers checks the tallies of the hand-made fixture,
// worked out by hand: see the comments.
func TestScoreKnownAnswers(t *testing.T) {
	r := scoreFixture(t)
	want := Counts{
		CoreFound: 5, CoreGold: 6, CoreTP: 4, // a1: 3 defections found of 3, a quota with a short span, a repatriation; b2: nothing
		ExtFound: 1, ExtGold: 1, ExtTP: 0, // a spurious surveillance, a missed arrest
		ArgFound: 7, ArgGold: 14, // 2+2+1+2 found; 2+3+3+2 (empty role not counted) +4 gold
		ArgTPP: 5, ArgTPR: 5, // "men" is under half of "the two men"; "officials" matches through its entity's name
		ModN: 4, ModOK: 2,
		EntFound: 3, EntGold: 6, // a repeated entity id counts once
		EntTPP: 2, EntTPR: 2,
	}
	if r.Counts != want {
		t.Errorf("counts\n got %+v\nwant %+v", r.Counts, want)
	}
	if got, want := r.Summary(), readSummary(t); got != want {
		t.Errorf("summary\n got:\n%s\nwant:\n%s", got, want)
	}
	if len(r.Misses) != 15 || r.Misses[11] != "b2.txt: no output for this article" {
		t.Errorf("misses: %q", r.Misses)
	}
}

func TestScoreErrors(t *testing.T) {
	gold, arts := filepath.Join("testdata", "gold"), filepath.Join("testdata", "articles")
	tests := []struct {
		name, gold, arts, output, want string
	}{
		{"not json", gold, arts, "{}\n{oops\n", "output line 2 is not JSON"},
		{"not an object", gold, arts, "[1]\n", "output line 1 is not a JSON object"},
		{"trailing data", gold, arts, "{} {}\n", "output line 1 is not JSON"},
		{"no gold dir", filepath.Join("testdata", "nope"), arts, "", "gold directory"},
		{"no article", gold, filepath.Join("testdata", "nope"), "", "article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Score(tt.gold, tt.arts, strings.NewReader(tt.output))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestGoldSentenceNotInArticle(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"gold/x.json":    `{"article": "x.txt", "events": [{"type": "ARREST", "sentence": "not there", "args": {}}]}`,
		"articles/x.txt": "Police arrested two men.",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	_, err := Score(filepath.Join(dir, "gold"), filepath.Join(dir, "articles"), strings.NewReader(""))
	if err == nil || !strings.Contains(err.Error(), "gold sentence not in article: 'not there'") {
		t.Errorf("got %v", err)
	}
}

func TestPrintJSON(t *testing.T) {
	r := scoreFixture(t)
	var b bytes.Buffer
	if err := r.Print(&b, PrintOptions{JSON: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"{\n \"core\": [\n  0.8,\n  0.6666666666666666,\n", "\"per_type\": {\n  \"ARREST\": [\n   0.0,", "\"ent_tp_r\": 2\n }\n}\ncore "} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("JSON output lacks %q:\n%s", want, b.String())
		}
	}
}

// readSummary returns what score.py prints for the fixture, kept in
// testdata/summary.txt, which the cli tests read too.
func readSummary(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "summary.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
