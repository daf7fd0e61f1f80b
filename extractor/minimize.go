package extractor

import "encoding/binary"

// Trie minimisation. A pattern with alternatives and inflections expands
// into many paths that end alike ("~hand|~turn over to <AGENCY>"), so the
// trie built from them repeats the same subtrees many times. Merging the
// nodes that accept the same ids and have the same edges to the same
// nodes turns it into a graph that matches exactly as the tree did, with a
// fraction of the nodes: less memory for the garbage collector to scan,
// and fewer cache lines for matching to touch.

// minimize merges the equal subtrees of a frozen trie, whose nodes have id
// edges and no dense or filter fields yet.
func (t *trie) minimize() {
	m := minimizer{rep: map[*tnode]*tnode{}, num: map[*tnode]int{}, byKey: map[string]*tnode{}}
	t.root = m.canon(t.root)
}

// minimizer keeps the representative of each node seen and a number for
// each representative, from which node keys are made.
type minimizer struct {
	rep   map[*tnode]*tnode
	num   map[*tnode]int
	byKey map[string]*tnode
	key   []byte
}

// canon returns the representative of n, whose edges lead to
// representatives.
func (m *minimizer) canon(n *tnode) *tnode {
	if r, ok := m.rep[n]; ok {
		return r
	}
	for w, c := range n.lit {
		n.lit[w] = m.canon(c)
	}
	for id, c := range n.ids {
		n.ids[id] = m.canon(c)
	}
	for k := range n.classes {
		n.classes[k].next = m.canon(n.classes[k].next)
	}
	for k := range n.gaps {
		n.gaps[k].next = m.canon(n.gaps[k].next)
	}
	key := string(m.keyOf(n))
	r, ok := m.byKey[key]
	if !ok {
		r = n
		m.byKey[key] = n
		m.num[n] = len(m.num)
	}
	m.rep[n] = r
	return r
}

// keyOf encodes what matching sees of n: its accepted ids, its word edges
// by id, its class edges and its gap edges in order, each with the number
// of the representative it leads to.
func (m *minimizer) keyOf(n *tnode) []byte {
	b := m.key[:0]
	b = binary.AppendUvarint(b, uint64(len(n.accept)))
	for _, a := range n.accept {
		b = binary.AppendVarint(b, int64(a))
	}
	ids := sortedIDs(n)
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		b = binary.AppendVarint(b, int64(id))
		b = binary.AppendUvarint(b, uint64(m.num[n.ids[id]]))
	}
	b = binary.AppendUvarint(b, uint64(len(n.classes)))
	for _, e := range n.classes {
		b = binary.AppendUvarint(b, uint64(len(e.class)))
		b = append(b, e.class...)
		b = binary.AppendUvarint(b, uint64(m.num[e.next]))
	}
	b = binary.AppendUvarint(b, uint64(len(n.gaps)))
	for _, g := range n.gaps {
		b = binary.AppendUvarint(b, uint64(g.max))
		b = binary.AppendUvarint(b, uint64(m.num[g.next]))
	}
	m.key = b
	return b
}

// nodes returns every node of a trie once, the root first; none once the
// trie is flattened.
func (t *trie) nodes() []*tnode {
	seen := map[*tnode]bool{}
	out := []*tnode{}
	var visit func(n *tnode)
	visit = func(n *tnode) {
		if seen[n] {
			return
		}
		seen[n] = true
		out = append(out, n)
		for _, c := range n.lit {
			visit(c)
		}
		for _, c := range n.ids {
			visit(c)
		}
		for _, e := range n.classes {
			visit(e.next)
		}
		for _, g := range n.gaps {
			visit(g.next)
		}
	}
	if t.root != nil {
		visit(t.root)
	}
	return out
}
