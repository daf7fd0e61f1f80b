package corpus

import (
	"bufio"
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// kind is how an input's bytes are turned into items.
type kind int

const (
	kindText kind = iota
	kindMarkdown
	kindHTML
	kindJSONL
)

// kindByExt maps the extensions a directory walk keeps to their kind.
var kindByExt = map[string]kind{
	".txt":   kindText,
	".md":    kindMarkdown,
	".html":  kindHTML,
	".htm":   kindHTML,
	".jsonl": kindJSONL,
}

// kindOf returns the kind of path and whether a walk keeps it.
func kindOf(path string) (kind, bool) {
	k, ok := kindByExt[strings.ToLower(filepath.Ext(path))]
	return k, ok
}

// yieldFunc receives items; it returns false to stop.
type yieldFunc = func(Item, error) bool

// readPath yields the items of one command-line path.
func readPath(path string, opts Options, yield yieldFunc) bool {
	if path == Stdin {
		return readStdin(opts, yield)
	}
	st, err := os.Stat(path)
	if err != nil {
		return yieldErr(path, unreadable(path, err), yield)
	}
	if st.IsDir() {
		return walkDir(path, opts, yield)
	}
	k, ok := kindOf(path)
	if !ok {
		k = kindText // a file named on purpose is read as text
	}
	return readFile(path, k, opts, yield)
}

// yieldErr yields a bad input.
func yieldErr(path string, err *InputError, yield yieldFunc) bool {
	return yield(Item{Source: path, Path: path, Line: err.Line}, err)
}

// walkDir yields the items of every kept file under root, in lexical order.
func walkDir(root string, opts Options, yield yieldFunc) bool {
	return walkFiles(root,
		func(path string, k kind) bool { return readFile(path, k, opts, yield) },
		func(path string, err error) bool { return yieldErr(path, unreadable(path, err), yield) })
}

// walkFiles calls visit for every file a walk of root keeps, in lexical
// order, and bad for every entry it cannot read; either returns false to
// stop the walk, and so does walkFiles.
func walkFiles(root string, visit func(string, kind) bool, bad func(string, error) bool) bool {
	goOn := true
	walk := func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			goOn = bad(path, err)
			return stopOrSkip(goOn, d)
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			return skipEntry(d)
		}
		if d.IsDir() {
			return nil
		}
		k, ok := kindOf(path)
		if !ok || !isRegular(path, d) {
			return nil
		}
		goOn = visit(path, k)
		return stopOrSkip(goOn, nil)
	}
	_ = filepath.WalkDir(root, walk)
	return goOn
}

// stopOrSkip tells WalkDir to stop when the consumer has had enough, and to
// skip a directory it could not read.
func stopOrSkip(goOn bool, d fs.DirEntry) error {
	switch {
	case !goOn:
		return filepath.SkipAll
	case d != nil && d.IsDir():
		return filepath.SkipDir
	default:
		return nil
	}
}

// skipEntry skips a hidden file or directory.
func skipEntry(d fs.DirEntry) error {
	if d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

// isRegular reports whether a walked entry is a regular file, following a
// symbolic link to a file (never one to a directory).
func isRegular(path string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// readFile yields the items of one file.
func readFile(path string, k kind, opts Options, yield yieldFunc) bool {
	f, err := os.Open(path)
	if err != nil {
		return yieldErr(path, unreadable(path, err), yield)
	}
	defer f.Close()
	if k == kindJSONL {
		return readJSONL(path, f, opts, yield)
	}
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > opts.maxBytes() {
		return yieldErr(path, tooLarge(path, st.Size(), opts), yield)
	}
	data, ierr := readLimited(path, f, opts)
	if ierr != nil {
		return yieldErr(path, ierr, yield)
	}
	it, ierr := parse(path, k, data)
	if ierr != nil {
		return yieldErr(path, ierr, yield)
	}
	return yield(it, nil)
}

// readLimited reads r whole, refusing more than opts.maxBytes() bytes
// without reading past the limit.
func readLimited(path string, r io.Reader, opts Options) ([]byte, *InputError) {
	limit := opts.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, unreadable(path, err)
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, -1, opts)
	}
	return data, nil
}

// tooLarge returns the error of an input over the limit; size < 0 when
// the size is not known.
func tooLarge(path string, size int64, opts Options) *InputError {
	if size < 0 {
		return invalid(path, 0, TooLarge, "more than %d bytes", opts.maxBytes())
	}
	return invalid(path, 0, TooLarge, "%d bytes, over the limit of %d", size, opts.maxBytes())
}

// readStdin yields the items of standard input: JSON Lines when its first
// non-space byte is '{', one text otherwise.
func readStdin(opts Options, yield yieldFunc) bool {
	if opts.Stdin == nil {
		return yieldErr(Stdin, invalid(Stdin, 0, Unreadable, "no standard input"), yield)
	}
	br := bufio.NewReader(opts.Stdin)
	lead, first, err := leadingSpace(br)
	if err != nil && err != io.EOF {
		return yieldErr(Stdin, unreadable(Stdin, err), yield)
	}
	r := io.MultiReader(bytes.NewReader(lead), br)
	if first == '{' {
		return readJSONL(Stdin, r, opts, yield)
	}
	data, ierr := readLimited(Stdin, r, opts)
	if ierr != nil {
		return yieldErr(Stdin, ierr, yield)
	}
	it, ierr := parse(Stdin, kindText, data)
	if ierr != nil {
		return yieldErr(Stdin, ierr, yield)
	}
	return yield(it, nil)
}

// leadingSpace reads br's leading ASCII white space and returns it with the
// first other byte, which it leaves unread (0 at the end of input).
func leadingSpace(br *bufio.Reader) ([]byte, byte, error) {
	var lead []byte
	for {
		b, err := br.ReadByte()
		if err != nil {
			return lead, 0, err
		}
		if !isASCIISpace(b) {
			return lead, b, br.UnreadByte()
		}
		lead = append(lead, b)
	}
}

func isASCIISpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}
