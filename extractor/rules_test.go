package extractor

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRuleExamples runs every rule's match and no_match examples, one
// subtest per rule.
func TestRuleExamples(t *testing.T) {
	x := newTestExtractor(t)
	if len(x.Rules()) < 20 {
		t.Fatalf("only %d rules loaded", len(x.Rules()))
	}
	for _, r := range x.rules {
		r := r
		t.Run(r.ID, func(t *testing.T) {
			for _, f := range x.testRule(r) {
				t.Errorf("%s", f)
			}
		})
	}
	if fails := x.TestRules(); len(fails) != 0 {
		t.Errorf("TestRules() = %d failures, want 0", len(fails))
	}
}

// embeddedFS copies the embedded data into a map FS that tests can edit.
func embeddedFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(embedded, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(embedded, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const goodRule = `id: defection/test-rule
type: DEFECTION
description: A test rule.
confidence: 0.5
trigger:
  patterns: ["~abscond"]
examples:
  match: ["Two cooks absconded."]
`

func TestBadRuleFiles(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		edit   func(string) string
		wants  []string // substrings of the error
		loadOK bool
	}{
		{"valid rule loads", "rules/defection/test-rule.yaml", func(s string) string { return s }, nil, true},
		{"unknown type", "rules/defection/test-rule.yaml",
			func(s string) string { return strings.Replace(s, "type: DEFECTION", "type: ESCAPE", 1) },
			[]string{"rules/defection/test-rule.yaml", "defection/test-rule", "type", "ESCAPE"}, false},
		{"missing id", "rules/defection/test-rule.yaml",
			func(s string) string { return strings.Replace(s, "id: defection/test-rule\n", "", 1) },
			[]string{"rules/defection/test-rule.yaml", "id", "missing"}, false},
		{"id outside its directory", "rules/arrest/test-rule.yaml", func(s string) string { return s },
			[]string{"rules/arrest/test-rule.yaml", "defection/test-rule", "id", "arrest/"}, false},
		{"confidence out of range", "rules/defection/test-rule.yaml",
			func(s string) string { return strings.Replace(s, "confidence: 0.5", "confidence: 1.5", 1) },
			[]string{"defection/test-rule", "confidence"}, false},
		{"bad pattern class", "rules/defection/test-rule.yaml",
			func(s string) string { return strings.Replace(s, `["~abscond"]`, `["~abscond <NOPE>"]`, 1) },
			[]string{"defection/test-rule", "trigger.patterns[0]", "NOPE"}, false},
		{"pattern starting with a class", "rules/defection/test-rule.yaml",
			func(s string) string { return strings.Replace(s, `["~abscond"]`, `["<ACTOR> absconded"]`, 1) },
			[]string{"defection/test-rule", "trigger.patterns[0]", "must start with a word"}, false},
		{"unknown strategy", "rules/defection/test-rule.yaml",
			func(s string) string { return s + "arguments:\n  agent: [\"guess:ACTOR\"]\n" },
			[]string{"defection/test-rule", "arguments.agent", "guess"}, false},
		{"unknown role", "rules/defection/test-rule.yaml",
			func(s string) string { return s + "arguments:\n  victim: [\"obj:ACTOR\"]\n" },
			[]string{"defection/test-rule", "arguments", "victim"}, false},
		{"unknown field", "rules/defection/test-rule.yaml",
			func(s string) string { return s + "severity: high\n" },
			[]string{"rules/defection/test-rule.yaml", "defection/test-rule", "yaml", "severity"}, false},
		{"unknown cue category", "rules/defection/test-rule.yaml",
			func(s string) string { return s + "modality:\n  ignore: [sarcasm]\n" },
			[]string{"defection/test-rule", "modality.ignore", "sarcasm"}, false},
		{"no examples", "rules/defection/test-rule.yaml",
			func(s string) string {
				return strings.Replace(s, "  match: [\"Two cooks absconded.\"]\n", "  no_match: [\"x\"]\n", 1)
			},
			[]string{"defection/test-rule", "examples.match"}, false},
		{"constraint with two conditions", "rules/defection/test-rule.yaml",
			func(s string) string {
				return strings.Replace(s, `  patterns: ["~abscond"]`, "  patterns: [\"~abscond\"]\n  requires:\n    - {before: a, after: b}", 1)
			},
			[]string{"defection/test-rule", "trigger.requires[0]", "exactly one"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := embeddedFS(t)
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.edit(goodRule))}
			_, err := NewFromFS(fsys)
			if tt.loadOK {
				if err != nil {
					t.Fatalf("NewFromFS error: %v, want none", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("NewFromFS succeeded, want an error naming %q", tt.wants)
			}
			for _, w := range tt.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestDuplicateRuleID(t *testing.T) {
	fsys := embeddedFS(t)
	fsys["rules/defection/a.yaml"] = &fstest.MapFile{Data: []byte(goodRule)}
	fsys["rules/defection/b.yaml"] = &fstest.MapFile{Data: []byte(goodRule)}
	_, err := NewFromFS(fsys)
	if err == nil || !strings.Contains(err.Error(), "duplicate") || !strings.Contains(err.Error(), "rules/defection/b.yaml") {
		t.Fatalf("error = %v, want a duplicate id error naming rules/defection/b.yaml", err)
	}
}

func TestBadGazetteer(t *testing.T) {
	tests := []struct {
		name, path, data, want string
	}{
		{"unknown country code", "gazetteer/extra.yaml", "cities:\n  - {name: Atlantis, country: zz}\n", "zz"},
		{"unknown region", "gazetteer/extra.yaml", "cities:\n  - {name: Atlantis, country: cn, region: Nowhere}\n", "Nowhere"},
		{"bad yaml", "gazetteer/extra.yaml", "cities: [\n", "gazetteer/extra.yaml"},
		{"unknown field", "lexicon/extra.yaml", "colours: [red]\n", "colours"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := embeddedFS(t)
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := NewFromFS(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestAnalystAddsAlias(t *testing.T) {
	fsys := embeddedFS(t)
	fsys["gazetteer/local.yaml"] = &fstest.MapFile{Data: []byte("cities:\n  - {name: Tynda, country: ru}\n")}
	x, err := NewFromFS(fsys)
	if err != nil {
		t.Fatalf("NewFromFS error: %v", err)
	}
	doc := mustExtract(t, x, "Four loggers fled from a camp in Tynda.")
	found := false
	for _, e := range doc.Entities {
		if e.ID == "city:ru:tynda" {
			found = true
		}
	}
	if !found {
		t.Errorf("entities %v lack city:ru:tynda", doc.Entities)
	}
}
