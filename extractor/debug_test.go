package extractor

import (
	"encoding/json"
	"os"
	"testing"
)

func TestDebugOne(t *testing.T) {
	text := os.Getenv("EG_TEXT")
	if text == "" {
		t.Skip("EG_TEXT not set")
	}
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := x.Extract("d", text)
	b, _ := json.MarshalIndent(doc.Events, "", " ")
	t.Log(string(b))
	for _, e := range doc.Entities {
		t.Logf("%s %q %v", e.ID, e.Name, e.Aliases)
	}
}

func TestDebugRule(t *testing.T) {
	id := os.Getenv("EG_RULE")
	if id == "" {
		t.Skip()
	}
	x, _ := New()
	for _, r := range x.rules {
		if r.ID == id {
			t.Logf("paths=%d requires=%d excludes=%d", len(r.compiled.paths), len(r.compiled.requires), len(r.compiled.excludes))
			for _, p := range r.compiled.paths[:3] {
				t.Logf("%+v", p)
			}
			for _, c := range r.compiled.requires {
				t.Logf("req before=%v maxLen=%d window=%d", c.before != nil, c.before.maxLen, c.window)
			}
		}
	}
}

func TestDebugRules(t *testing.T) {
	if os.Getenv("EG_RULES") == "" {
		t.Skip()
	}
	x, _ := New()
	for _, f := range x.TestRules() {
		t.Log(f.String())
	}
}

func TestDebugToks(t *testing.T) {
	text := os.Getenv("EG_TOKS")
	if text == "" {
		t.Skip()
	}
	x, _ := New()
	n := normalize(text)
	t.Log(x.data.boil.find(n.lower))
	d := &doc{x: x, k: x.data, n: n, acronyms: map[string]acronymDef{}}
	d.tokenize()
	for _, tk := range d.toks {
		t.Logf("%q %d", tk.low, tk.flags)
	}
}

func TestDebugProf(t *testing.T) {
	n := os.Getenv("EG_PROF")
	if n == "" {
		t.Skip()
	}
	x, _ := New()
	text := pathological[n](1 << 19)
	for i := 0; i < 1; i++ {
		x.Extract("p", text)
	}
}
