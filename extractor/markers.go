package extractor

import "fmt"

// Marker kinds of the boilerplate scanner.
const (
	markLine   = 1 // the whole line is boilerplate
	markCredit = 2 // the line is boilerplate from the marker on
)

// markerScanner finds marker strings in a line in one pass over its
// bytes: an Aho-Corasick automaton whose transitions are a table indexed
// by state and byte class. Bytes that occur in no marker share class 0.
// What the line holds so far is part of the state: the automaton has a
// copy of the trie states for lines without a credit marker so far, one
// for lines with one, and a final state for lines with a line marker, so
// that a step is a single table read.
type markerScanner struct {
	class  [256]uint16
	nclass int
	// next holds, at state*nclass+class, the next state times nclass. A
	// uint16 index needs no bounds check (newMarkerScanner makes sure the
	// states fit).
	next *[maxMarkerStates]uint16
	// credit is the first state with a credit marker, line the state with
	// a line marker, both times nclass.
	credit, line uint16
}

// acNode is a trie state of the automaton while it is built.
type acNode struct {
	child map[byte]int
	fail  int
	kinds uint8 // the kinds of the markers ending here or at a suffix
}

// maxMarkerStates bounds the scanner's table, which uint16 indices address.
const maxMarkerStates = 1 << 16

// newMarkerScanner builds a scanner for line and credit markers; it fails
// when they are too many or too varied for its table.
func newMarkerScanner(lines, credits []string) (*markerScanner, error) {
	m := &markerScanner{nclass: 1}
	nodes := []acNode{{child: map[byte]int{}}}
	for kind, ms := range map[uint8][]string{markLine: lines, markCredit: credits} {
		for _, w := range ms {
			nodes = m.add(nodes, w, kind)
		}
	}
	trie := m.link(nodes)
	n := len(nodes)
	if size := (2*n + 1) * m.nclass; size > maxMarkerStates {
		return nil, fmt.Errorf("boilerplate: the line and credit markers need a table of %d entries, more than %d: use fewer or shorter markers", size, maxMarkerStates)
	}
	m.credit, m.line = uint16(n*m.nclass), uint16(2*n*m.nclass)
	m.next = new([maxMarkerStates]uint16)
	for st := range 2 * n {
		for cl := range m.nclass {
			nx := trie[st%n*m.nclass+cl]
			kinds := nodes[nx].kinds
			switch {
			case kinds&markLine != 0:
				m.next[st*m.nclass+cl] = m.line
			case kinds&markCredit != 0 || st >= n:
				m.next[st*m.nclass+cl] = uint16((n + nx) * m.nclass)
			default:
				m.next[st*m.nclass+cl] = uint16(nx * m.nclass)
			}
		}
	}
	for cl := range m.nclass {
		m.next[int(m.line)+cl] = m.line
	}
	return m, nil
}

// add adds marker w of a kind to the trie nodes, giving its bytes classes.
func (m *markerScanner) add(nodes []acNode, w string, kind uint8) []acNode {
	st := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if m.class[c] == 0 {
			m.class[c] = uint16(m.nclass)
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
	return nodes
}

// link computes the failure links breadth first and returns the trie
// automaton's transitions, the next node at node*nclass+class. A node's
// row is filled in from its failure link's, which is nearer the root and
// so complete; a node gets the kinds of its failure link.
func (m *markerScanner) link(nodes []acNode) []int {
	byClass := make([]byte, m.nclass) // a byte of each class but 0
	for c := range 256 {
		byClass[m.class[c]] = byte(c)
	}
	next := make([]int, len(nodes)*m.nclass)
	for queue := []int{0}; len(queue) > 0; queue = queue[1:] {
		st := queue[0]
		row, failRow := next[st*m.nclass:], next[nodes[st].fail*m.nclass:]
		for cl := 1; cl < m.nclass; cl++ {
			nx, ok := nodes[st].child[byClass[cl]]
			switch {
			case !ok && st != 0:
				row[cl] = failRow[cl]
			case ok:
				if st != 0 {
					nodes[nx].fail = failRow[cl]
				}
				nodes[nx].kinds |= nodes[nodes[nx].fail].kinds
				row[cl] = nx
				queue = append(queue, nx)
			}
		}
	}
	return next
}

// scan returns markLine when a line marker occurs in s, else markCredit
// when a credit marker does, else 0.
func (m *markerScanner) scan(s []byte) uint8 {
	next, class := m.next, &m.class
	var st uint16
	i := 0
	for ; i < len(s)-3; i += 4 { // four bytes a turn: a quarter of the loop tests
		st = next[st+class[s[i]]]
		st = next[st+class[s[i+1]]]
		st = next[st+class[s[i+2]]]
		st = next[st+class[s[i+3]]]
	}
	for ; i < len(s); i++ {
		st = next[st+class[s[i]]]
	}
	switch {
	case st == m.line:
		return markLine
	case st >= m.credit:
		return markCredit
	}
	return 0
}
