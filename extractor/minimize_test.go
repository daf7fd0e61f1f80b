package extractor

import "testing"

// TestMinimize checks that merging equal subtrees shrinks a trie and that
// every path of its patterns still ends where the pattern is accepted.
func TestMinimize(t *testing.T) {
	lx := newTestExtractor(t).data.lex
	tests := []struct {
		pattern   string
		fewerThan int // nodes after minimising, fewer than this
	}{
		{"~hand|~turn over to <AGENCY>", 9},
		{"~send back|home to <COUNTRY> ...6 by train|bus", 40},
		{"<PEOPLE> ... ~defect|~flee in|from <PLACE>", 20},
		{"forced? labor|labour camp", 6},
	}
	for _, tt := range tests {
		tr, err := compilePatternTrie(tt.pattern, lx)
		if err != nil {
			t.Fatalf("compile %q: %v", tt.pattern, err)
		}
		before := len(tr.nodes())
		tr.freeze(&vocab{ids: map[string]int32{}, words: []string{""}, tags: []wordTags{{}}})
		tr.minimize()
		if got := len(tr.nodes()); got >= tt.fewerThan || got > before {
			t.Errorf("%q: got %d nodes after minimising (%d before), want fewer than %d", tt.pattern, got, before, tt.fewerThan)
		}
		els, _ := parsePattern(tt.pattern, lx)
		paths, _ := expand(els)
		for _, p := range paths {
			if n := follow(tr.root, p); n == nil || len(n.accept) == 0 {
				t.Errorf("%q: path %v no longer accepted", tt.pattern, p)
			}
		}
	}
}

// follow returns the node a path of steps leads to from n, nil if none.
func follow(n *tnode, path []step) *tnode {
	for _, s := range path {
		var next *tnode
		switch s.kind {
		case stLit:
			next = n.lit[s.lit]
		case stClass:
			for _, e := range n.classes {
				if e.class == s.class {
					next = e.next
				}
			}
		case stGap:
			for _, g := range n.gaps {
				if g.max == s.max {
					next = g.next
				}
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return n
}
