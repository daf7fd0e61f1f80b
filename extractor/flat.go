package extractor

import (
	"cmp"
	"slices"
)

// The flat form of a trie, which matching walks. Once a trie is frozen,
// minimised and compiled, its nodes are copied into one slice in
// breadth-first order, and its edges into flat arrays that name nodes by
// index. A step then reads one small node that lies near its siblings,
// instead of following pointers to nodes scattered over the heap, and the
// arrays hold no pointer for the garbage collector to scan.

// graph is the flat form of a trie. Node 0 stands for no node; the root
// is node 1.
type graph struct {
	nodes   []fnode
	small   []fedge  // word edges of narrow nodes, by node and then by id
	dense   []int32  // word edges of wide nodes: a window of nodes by id
	accepts []int32  // accepted ids, by node
	classes []fclass // class edges, by node, in trie order
	gaps    []fgap   // gap edges, by node, in trie order
}

// fnode is a node of a graph. Its edges and accepted ids are the ranges
// of the graph's arrays that start at edges, accept, class and gap.
type fnode struct {
	// words has bit id&63 set for the id of each word edge, so that most
	// tokens with no edge are told apart in one test.
	words uint64
	// starts sums up what the class edges can start on.
	starts classStarts
	edges  int32 // first edge in small, or start of the window in dense
	nedges int32 // edges in small, or the length of the window
	accept int32
	class  int32
	gap    int32
	// naccept, nclass and ngap count the accepted ids and the class and
	// gap edges.
	naccept uint16
	nclass  uint8
	ngap    uint8
	wide    bool // the word edges are a window of dense
	// bare is set when only word edges leave the node: it accepts
	// nothing and has no class or gap edge.
	bare bool
}

// fedge is a word edge of a narrow node.
type fedge struct {
	id, next int32
}

// fclass is a class edge: what the class matches and the node it leads to.
type fclass struct {
	classTest
	next int32
}

// fgap is a gap edge of up to max tokens.
type fgap struct {
	max, next int32
}

// flatten builds the flat form of the trie and drops its node graph: the
// trie is then matched with matchAt and matchAll only. It must be frozen,
// minimised and compiled, and its word edges not yet released.
func (t *trie) flatten() {
	nodes := t.nodes()
	index := make(map[*tnode]int32, len(nodes))
	order := make([]*tnode, 0, len(nodes))
	add := func(n *tnode) {
		if _, ok := index[n]; !ok {
			index[n] = int32(len(order) + 1)
			order = append(order, n)
		}
	}
	add(t.root)
	for k := 0; k < len(order); k++ {
		n := order[k]
		for _, id := range sortedIDs(n) {
			add(n.ids[id])
		}
		for _, e := range n.classes {
			add(e.next)
		}
		for _, g := range n.gaps {
			add(g.next)
		}
	}
	g := &graph{nodes: make([]fnode, 1, len(order)+1)}
	for _, n := range order {
		g.nodes = append(g.nodes, g.node(n, index))
	}
	t.g, t.root = g, nil
}

// node appends the edges and accepted ids of n to g and returns its flat
// node; index numbers the nodes.
func (g *graph) node(n *tnode, index map[*tnode]int32) fnode {
	f := fnode{words: n.words, starts: n.starts, bare: n.bare,
		accept: int32(len(g.accepts)), naccept: uint16(len(n.accept)),
		class: int32(len(g.classes)), nclass: uint8(len(n.classes)),
		gap: int32(len(g.gaps)), ngap: uint8(len(n.gaps))}
	g.accepts = append(g.accepts, n.accept...)
	for _, e := range n.classes {
		g.classes = append(g.classes, fclass{e.classTest, index[e.next]})
	}
	for _, e := range n.gaps {
		g.gaps = append(g.gaps, fgap{int32(e.max), index[e.next]})
	}
	ids := sortedIDs(n)
	if len(ids) >= 16 {
		f.wide, f.edges, f.nedges = true, int32(len(g.dense)), ids[len(ids)-1]+1
		g.dense = append(g.dense, make([]int32, f.nedges)...)
		for _, id := range ids {
			g.dense[f.edges+id] = index[n.ids[id]]
		}
		return f
	}
	f.edges, f.nedges = int32(len(g.small)), int32(len(ids))
	for _, id := range ids {
		g.small = append(g.small, fedge{id, index[n.ids[id]]})
	}
	return f
}

// sortedIDs returns the ids of the word edges of n in order.
func sortedIDs(n *tnode) []int32 {
	ids := make([]int32, 0, len(n.ids))
	for id := range n.ids {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, cmp.Compare)
	return ids
}

// child follows the word edge of node n for token id; 0 when there is none.
func (g *graph) child(n *fnode, id int32) int32 {
	if n.words&(1<<(id&63)) == 0 {
		return 0
	}
	if n.wide {
		if uint32(id) < uint32(n.nedges) {
			return g.dense[n.edges+id]
		}
		return 0
	}
	for k := n.edges; k < n.edges+n.nedges; k++ {
		if e := g.small[k]; e.id >= id {
			if e.id == id {
				return e.next
			}
			return 0
		}
	}
	return 0
}
