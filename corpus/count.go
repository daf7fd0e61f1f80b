package corpus

import "os"

// Count returns how many items Items will yield for paths, without reading
// any file, and false when that cannot be known in advance (standard input
// and JSON Lines hold an unknown number of articles).
func Count(paths []string) (int, bool) {
	n, exact := 0, true
	add := func(k kind) bool {
		if k == kindJSONL {
			exact = false
		} else {
			n++
		}
		return true
	}
	for _, p := range paths {
		if p == Stdin {
			exact = false
			continue
		}
		st, err := os.Stat(p)
		switch {
		case err != nil:
			n++ // reported as one unreadable input
		case st.IsDir():
			walkFiles(p, func(_ string, k kind) bool { return add(k) }, func(string, error) bool { n++; return true })
		default:
			k, _ := kindOf(p)
			add(k)
		}
	}
	return n, exact
}
