package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"eventgraph/domain"
)

// readJSONL yields one item per non-blank line of r, each a document as
// "eventgraph extract" writes it. A bad line is reported with its number
// and the next line is read.
func readJSONL(path string, r io.Reader, opts Options, yield yieldFunc) bool {
	br := bufio.NewReaderSize(r, 64<<10)
	limit := opts.maxLineBytes()
	for n := 1; ; n++ {
		line, long, err := readLine(br, limit)
		if err != nil && err != io.EOF {
			return yieldErr(path, unreadable(path, err), yield)
		}
		if !yieldLine(path, n, line, long, limit, yield) {
			return false
		}
		if err == io.EOF {
			return true
		}
	}
}

// yieldLine yields the item or error of one JSON line; blank lines yield
// nothing.
func yieldLine(path string, n int, line []byte, long bool, limit int64, yield yieldFunc) bool {
	if long {
		return yieldErr(path, invalid(path, n, TooLarge, "line longer than %d bytes", limit), yield)
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return true
	}
	doc, ierr := decodeLine(path, n, line)
	if ierr != nil {
		return yieldErr(path, ierr, yield)
	}
	src := doc.Article.Source
	if src == "" {
		src = fmt.Sprintf("%s:%d", path, n)
	}
	return yield(Item{Source: src, Path: path, Line: n, Doc: doc}, nil)
}

// decodeLine decodes one document.
func decodeLine(path string, n int, line []byte) (*domain.Document, *InputError) {
	if i := invalidUTF8At(line); i >= 0 {
		return nil, invalid(path, n, InvalidUTF8, "at byte %d of the line", i)
	}
	var doc domain.Document
	if err := json.Unmarshal(line, &doc); err != nil {
		return nil, invalid(path, n, MalformedJSON, "%s", jsonProblem(err))
	}
	return &doc, nil
}

// jsonProblem describes a decoding error with its position in the line.
func jsonProblem(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("%v (at byte %d)", syn, syn.Offset)
	case errors.As(err, &typ):
		return fmt.Sprintf("%s has a %s, want %s", fieldName(typ), typ.Value, typ.Type)
	default:
		return err.Error()
	}
}

// fieldName returns the JSON path of a type error's field.
func fieldName(e *json.UnmarshalTypeError) string {
	if e.Field == "" {
		return "the line"
	}
	return "field " + e.Field
}

// readLine reads one line without its newline. A line longer than limit is
// read to its end and dropped: long is then true and line nil.
func readLine(br *bufio.Reader, limit int64) (line []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long {
			if int64(len(line)+len(chunk)) > limit+1 {
				long, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		switch err {
		case bufio.ErrBufferFull:
			continue
		case nil:
			return bytes.TrimSuffix(line, []byte("\n")), long, nil
		default:
			return line, long, err
		}
	}
}
