package extractor

// Marker kinds of the boilerplate scanner.
const (
	markLine   = 1 // the whole line is boilerplate
	markCredit = 2 // the line is boilerplate from the marker on
)

// markerScanner finds marker strings in a line in one pass over its
// bytes: an Aho-Corasick automaton whose transitions are a table indexed
// by state and byte class. Bytes that occur in no marker share class 0.
type markerScanner struct {
	class  [256]uint8
	nclass int
	// next holds, at state*nclass+class, the next state times nclass,
	// shifted left by markShift, or'ed with the kinds of the markers that
	// end at the next state.
	next []uint32
}

const markShift = 2 // the bits of the marker kinds in a transition

// acNode is a state of the automaton while it is built.
type acNode struct {
	child map[byte]int
	fail  int
	kinds uint8
}

// newMarkerScanner builds a scanner for markers by kind.
func newMarkerScanner(markers map[uint8][]string) *markerScanner {
	m := &markerScanner{nclass: 1}
	nodes := []acNode{{child: map[byte]int{}}}
	for kind, ms := range markers {
		for _, w := range ms {
			st := 0
			for i := 0; i < len(w); i++ {
				c := w[i]
				if m.class[c] == 0 {
					m.class[c] = uint8(m.nclass)
					m.nclass++
				}
				nx, ok := nodes[st].child[c]
				if !ok {
					nx = len(nodes)
					nodes = append(nodes, acNode{child: map[byte]int{}})
					nodes[st].child[c] = nx
				}
				st = nx
			}
			nodes[st].kinds |= kind
		}
	}
	m.next = make([]uint32, len(nodes)*m.nclass)
	m.link(nodes)
	return m
}

// link computes the failure links breadth first and fills in the
// transitions of every state and class. A state's row is filled in from
// its failure link's, which is nearer the root and so complete.
func (m *markerScanner) link(nodes []acNode) {
	byClass := make([]byte, m.nclass) // a byte of each class but 0
	for c := range 256 {
		byClass[m.class[c]] = byte(c)
	}
	for queue := []int{0}; len(queue) > 0; queue = queue[1:] {
		st := queue[0]
		row, failRow := m.next[st*m.nclass:], m.next[nodes[st].fail*m.nclass:]
		for cl := 1; cl < m.nclass; cl++ {
			nx, ok := nodes[st].child[byClass[cl]]
			switch {
			case !ok && st != 0:
				row[cl] = failRow[cl]
			case ok:
				if st != 0 {
					nodes[nx].fail = int(failRow[cl]>>markShift) / m.nclass
				}
				nodes[nx].kinds |= nodes[nodes[nx].fail].kinds
				row[cl] = uint32(nx*m.nclass)<<markShift | uint32(nodes[nx].kinds)
				queue = append(queue, nx)
			}
		}
	}
}

// scan returns the kinds of the markers that occur in s.
func (m *markerScanner) scan(s string) uint8 {
	next, class := m.next, &m.class
	var kinds, st uint32
	for i := range len(s) {
		e := next[st+uint32(class[s[i]])]
		st = e >> markShift
		kinds |= e
	}
	return uint8(kinds & (1<<markShift - 1))
}
