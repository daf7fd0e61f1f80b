package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"eventgraph/internal/testenv"
)

// These tests run the shared score.py and check that the Go scorer prints
// byte for byte what it prints.

// scorePy returns the path of score.py, or stops the test when it or
// python3 is missing.
func scorePy(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		testenv.Unavailable(t, "python3 not found: %v", err)
	}
	return filepath.Join(testenv.EvalDir(t), "score.py")
}

// runScorePy runs score.py on an output file with --json --verbose.
func runScorePy(t *testing.T, script, gold, articles, output string) string {
	t.Helper()
	cmd := exec.Command("python3", script, gold, articles, output, "--json", "--verbose")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("score.py: %v: %s", err, stderr.String())
	}
	return string(out)
}

// runGo scores the same output file with the Go scorer.
func runGo(t *testing.T, gold, articles, output string) string {
	t.Helper()
	f, err := os.Open(output)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := Score(gold, articles, f)
	if err != nil {
		t.Fatalf("Score: %v", err)
	}
	var b bytes.Buffer
	if err := r.Print(&b, PrintOptions{JSON: true, Verbose: true}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// sameOutput compares the two reports.
func sameOutput(t *testing.T, name, py, gol string) {
	t.Helper()
	if py == gol {
		return
	}
	pl, gl := strings.Split(py, "\n"), strings.Split(gol, "\n")
	for i := range min(len(pl), len(gl)) {
		if pl[i] != gl[i] {
			t.Errorf("%s: line %d differs\n  score.py: %q\n  Go:       %q", name, i+1, pl[i], gl[i])
			return
		}
	}
	t.Errorf("%s: score.py printed %d lines, Go %d", name, len(pl), len(gl))
}

func TestFixtureMatchesScorePy(t *testing.T) {
	script := scorePy(t)
	gold, arts, out := filepath.Join("testdata", "gold"), filepath.Join("testdata", "articles"), filepath.Join("testdata", "output.jsonl")
	sameOutput(t, "fixture", runScorePy(t, script, gold, arts, out), runGo(t, gold, arts, out))
}

// TestDevPerturbationsMatchScorePy scores many outputs made from the dev
// gold by random damage (events dropped, spans moved, modalities and types
// changed, arguments swapped, entities renamed, odd JSON) with both
// scorers.
func TestDevPerturbationsMatchScorePy(t *testing.T) {
	script := scorePy(t)
	dir := testenv.EvalDir(t)
	gold, arts := filepath.Join(dir, "dev", "gold"), filepath.Join(dir, "dev", "articles")
	golds := loadGolds(t, gold, arts)
	seeds := 40
	if testing.Short() {
		seeds = 5
	}
	for seed := range seeds {
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		out := filepath.Join(t.TempDir(), "out.jsonl")
		writeLines(t, out, perturbAll(rng, golds, float64(seed)/float64(seeds)))
		py := runScorePy(t, script, gold, arts, out)
		sameOutput(t, fmt.Sprintf("seed %d", seed), py, runGo(t, gold, arts, out))
		t.Logf("seed %d: %d lines, %s", seed, strings.Count(py, "\n"), lastLine(py))
	}
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// goldArticle is a gold file with its article text.
type goldArticle struct {
	Gold map[string]any
	Text string
}

func loadGolds(t *testing.T, goldDir, artDir string) []goldArticle {
	t.Helper()
	names, err := goldFiles(goldDir)
	if err != nil {
		t.Fatal(err)
	}
	var out []goldArticle
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(goldDir, n))
		if err != nil {
			t.Fatal(err)
		}
		var g map[string]any
		if err := json.Unmarshal(data, &g); err != nil {
			t.Fatal(err)
		}
		text, err := readArticle(artDir, g["article"].(string))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, goldArticle{g, text})
	}
	return out
}

func writeLines(t *testing.T, path string, docs []any) {
	t.Helper()
	var b bytes.Buffer
	for _, d := range docs {
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteString("\n")
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// perturbAll makes one output document per gold article, damaged with
// probability p per decision, plus an unrelated document.
func perturbAll(rng *rand.Rand, golds []goldArticle, p float64) []any {
	var docs []any
	for _, g := range golds {
		if rng.Float64() < p/4 {
			continue // no output for this article
		}
		docs = append(docs, perturb(rng, g, p))
	}
	return append(docs, map[string]any{"article": map[string]any{"source": "elsewhere.txt"}, "events": nil})
}

var (
	allTypes      = []string{"DEFECTION", "REPATRIATION", "QUOTA_DEMAND", "SURVEILLANCE", "ARREST", "PUNISHMENT", "OTHER"}
	allModalities = []any{"asserted", "hypothetical", "negated", nil}
	entityTypes   = []string{"AGENCY", "ORGANIZATION", "ACTOR", "CITY", "REGION", "COUNTRY"}
)

func perturb(rng *rand.Rand, g goldArticle, p float64) map[string]any {
	ents, ids := perturbEntities(rng, g, p)
	var events []any
	for _, ge := range g.Gold["events"].([]any) {
		if rng.Float64() < p/2 {
			continue
		}
		events = append(events, perturbEvent(rng, g.Text, ge.(map[string]any), ids, p))
	}
	for range rng.IntN(3) {
		if rng.Float64() < p {
			events = append(events, spuriousEvent(rng, g.Text))
		}
	}
	rng.Shuffle(len(events), func(i, j int) {
		if rng.Float64() < p {
			events[i], events[j] = events[j], events[i]
		}
	})
	return map[string]any{
		"article":  map[string]any{"id": "x", "source": "some/dir/" + g.Gold["article"].(string), "title": "t"},
		"entities": ents,
		"events":   events,
	}
}

func perturbEntities(rng *rand.Rand, g goldArticle, p float64) ([]any, []string) {
	var ents []any
	var ids []string
	for i, ge := range g.Gold["entities"].([]any) {
		e := ge.(map[string]any)
		if rng.Float64() < p/2 {
			continue
		}
		aliases := e["aliases"].([]any)
		name := pick(rng, aliases).(string)
		typ := e["type"]
		if rng.Float64() < p/3 {
			typ = entityTypes[rng.IntN(len(entityTypes))]
		}
		if rng.Float64() < p/3 {
			name = mangle(rng, name)
		}
		id := fmt.Sprintf("ent:%d", i)
		if rng.Float64() < p/5 && len(ids) > 0 {
			id = ids[len(ids)-1] // repeated id: the later entity replaces the earlier
		}
		ids = append(ids, id)
		ent := map[string]any{"id": id, "type": typ, "name": name, "aliases": []any{}, "mentions": []any{}}
		if rng.Float64() < 0.5 {
			ent["aliases"] = []any{pick(rng, aliases)}
		}
		if i := strings.Index(g.Text, name); i >= 0 && rng.Float64() < 0.5 {
			ent["mentions"] = []any{map[string]any{"text": name, "start": runeIndex(g.Text, i), "end": runeIndex(g.Text, i) + utf8.RuneCountInString(name)}}
		}
		ents = append(ents, ent)
	}
	if rng.Float64() < p {
		ents = append(ents, map[string]any{"id": "spurious", "type": "CITY", "name": "Atlantis", "aliases": nil})
	}
	if rng.Float64() < p/4 {
		ents = append(ents, map[string]any{"type": "AGENCY", "name": nil}) // no id, no name
	}
	return ents, ids
}

func perturbEvent(rng *rand.Rand, text string, ge map[string]any, ids []string, p float64) map[string]any {
	sent := ge["sentence"].(string)
	i := strings.Index(text, sent)
	start, end := runeIndex(text, i), runeIndex(text, i)+utf8.RuneCountInString(sent)
	start -= rng.IntN(3)
	end += rng.IntN(3)
	if rng.Float64() < p/3 {
		end = start + (end-start)/2 // too short: no match
	}
	start, end = max(start, 0), min(end, utf8.RuneCountInString(text))
	typ := ge["type"].(string)
	if rng.Float64() < p/4 {
		typ = allTypes[rng.IntN(len(allTypes))]
	}
	var mod any = ge["modality"]
	if rng.Float64() < p/3 {
		mod = allModalities[rng.IntN(len(allModalities))]
	}
	ev := map[string]any{
		"id": "e", "type": typ, "modality": mod, "rule": "r", "confidence": 0.5,
		"trigger":   map[string]any{"text": ge["trigger"], "start": start, "end": start + 1},
		"sentence":  map[string]any{"text": runeSlice(text, start, end), "start": start, "end": end},
		"arguments": perturbArgs(rng, ge, ids, p),
	}
	if rng.Float64() < p/6 {
		delete(ev, "sentence")
	}
	return ev
}

var roles = []string{"agent", "patient", "origin", "destination", "location", "amount", "time"}

func perturbArgs(rng *rand.Rand, ge map[string]any, ids []string, p float64) []any {
	var args []any
	gargs, _ := ge["args"].(map[string]any)
	for _, role := range roles {
		accepted, _ := gargs[role].([]any)
		if len(accepted) == 0 || rng.Float64() < p/2 {
			continue
		}
		text := pick(rng, accepted).(string)
		if rng.Float64() < p/2 {
			text = mangle(rng, text)
		}
		r := role
		if rng.Float64() < p/4 {
			r = roles[rng.IntN(len(roles))]
		}
		arg := map[string]any{"role": r, "text": text, "start": 0, "end": 1}
		if len(ids) > 0 && rng.Float64() < 0.3 {
			arg["entity"] = ids[rng.IntN(len(ids))]
		}
		args = append(args, arg)
	}
	if rng.Float64() < p {
		args = append(args, map[string]any{"role": "time", "text": "yesterday"})
	}
	return args
}

func spuriousEvent(rng *rand.Rand, text string) map[string]any {
	n := utf8.RuneCountInString(text)
	start := rng.IntN(n)
	end := min(n, start+rng.IntN(120))
	return map[string]any{
		"type": allTypes[rng.IntN(len(allTypes))], "modality": "asserted",
		"sentence":  map[string]any{"text": runeSlice(text, start, end), "start": start, "end": end},
		"arguments": []any{map[string]any{"role": "agent", "text": "someone"}},
	}
}

// mangle changes a string a little: a word dropped or added, case or
// punctuation changed.
func mangle(rng *rand.Rand, s string) string {
	words := strings.Fields(s)
	switch rng.IntN(5) {
	case 0:
		if len(words) > 1 {
			return strings.Join(words[1:], " ")
		}
	case 1:
		return s + " in the region of the border"
	case 2:
		return strings.ToUpper(s) + "."
	case 3:
		return "“" + s + "”"
	}
	return "the " + s
}

func pick(rng *rand.Rand, xs []any) any { return xs[rng.IntN(len(xs))] }

func runeIndex(s string, byteIndex int) int { return utf8.RuneCountInString(s[:byteIndex]) }

func runeSlice(s string, start, end int) string {
	rs := []rune(s)
	return string(rs[start:end])
}

// TestNormMatchesPython compares Norm with score.py's norm on awkward
// strings.
func TestNormMatchesPython(t *testing.T) {
	script := scorePy(t)
	inputs := []string{
		"  The Party. ", "“MSS”", "Kim’s  \t\n cadres", "Ａｇｅｎｔｓ", "ﬁve", "İstanbul", "ΟΔΟΣ ΟΔΟΣ.", "Σ", "aΣ'b",
		"a\u00a0b\u2003c\u3000d", "a\x1cb\x85c", "…", "Ⅻ", "①", "ǅ", "ß", "ΐ", "(\"[x]\")", "..x..", "ÅNGSTRÖM", "\u2028x\u2029",
		"Ⅷ", "ﬀ", "K", "ſ", "ǈ", "ᾈ", "Ω", "Ⓐ",
	}
	in, _ := json.Marshal(inputs)
	prog := fmt.Sprintf(`import sys, json; sys.path.insert(0, %q); import score; print(json.dumps([score.norm(s) for s in json.loads(sys.stdin.read())]))`, filepath.Dir(script))
	cmd := exec.Command("python3", "-c", prog)
	cmd.Stdin = bytes.NewReader(in)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var want []string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for i, s := range inputs {
		if got := Norm(s); got != want[i] {
			t.Errorf("Norm(%q) = %q, score.py's norm gives %q", s, got, want[i])
		}
	}
}
