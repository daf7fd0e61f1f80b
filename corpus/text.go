package corpus

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// binarySample is how many leading bytes are looked at to tell text from
// binary data.
const binarySample = 8192

// parse turns the bytes of a text, Markdown or HTML input into an item.
func parse(path string, k kind, data []byte) (Item, *InputError) {
	if err := checkText(path, data); err != nil {
		return Item{}, err
	}
	it := Item{Source: path, Path: path}
	text := normalizeNewlines(string(data))
	switch k {
	case kindHTML:
		text = stripHTML(text, &it)
	default:
		var err *InputError
		text, err = splitFrontMatter(path, text, &it)
		if err != nil {
			return Item{}, err
		}
	}
	if strings.TrimSpace(text) == "" {
		return Item{}, invalid(path, 0, Empty, "no text")
	}
	it.Text = text
	return it, nil
}

// checkText refuses empty, binary and invalid UTF-8 data.
func checkText(path string, data []byte) *InputError {
	if len(bytes.TrimSpace(data)) == 0 {
		return invalid(path, 0, Empty, "no text")
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return invalid(path, 0, Binary, "NUL byte at byte %d", i)
	}
	if looksBinary(data) {
		return invalid(path, 0, Binary, "mostly control characters or invalid UTF-8")
	}
	if i := invalidUTF8At(data); i >= 0 {
		return invalid(path, 0, InvalidUTF8, "at byte %d", i)
	}
	return nil
}

// looksBinary reports whether more than a third of the first bytes of data
// are control characters or invalid UTF-8.
func looksBinary(data []byte) bool {
	sample := data[:min(len(data), binarySample)]
	bad := 0
	for i := 0; i < len(sample); {
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n == 1 && len(sample)-i >= utf8.UTFMax {
			bad++
		} else if r < 0x20 && !isASCIISpace(byte(r)) {
			bad++
		}
		i += n
	}
	return bad*3 > len(sample)
}

// invalidUTF8At returns the byte offset of the first invalid UTF-8 sequence
// in data, or -1.
func invalidUTF8At(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// normalizeNewlines turns "\r\n" and lone "\r" into "\n", as Python's text
// mode does.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}
