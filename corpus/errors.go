package corpus

import (
	"errors"
	"fmt"
	"io/fs"

	"eventgraph/domain"
)

// Reason says why an input was skipped.
type Reason string

// Reasons for skipping an input.
const (
	Unreadable     Reason = "unreadable"
	Empty          Reason = "empty"
	Binary         Reason = "binary"
	InvalidUTF8    Reason = "invalid UTF-8"
	TooLarge       Reason = "too large"
	MalformedJSON  Reason = "malformed JSON"
	BadFrontMatter Reason = "bad front matter"
)

// InputError is a bad input: the path, the line of a JSON Lines input, the
// reason and the detail. It unwraps to a *domain.Error (EINVALID for bad
// content, ENOTFOUND for a missing file, EUNAVAILABLE for another read
// failure) and to the operating system's error, if any.
type InputError struct {
	Path   string
	Line   int
	Reason Reason
	Err    *domain.Error
	Cause  error
}

// Error implements the error interface: "path:line: reason: detail".
func (e *InputError) Error() string {
	where := e.Path
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.Path, e.Line)
	}
	return where + ": " + e.Err.Message
}

// Unwrap returns the domain error and the cause.
func (e *InputError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Err}
	}
	return []error{e.Err, e.Cause}
}

// invalid returns an EINVALID input error whose message starts with the
// reason, followed by the formatted detail if any.
func invalid(path string, line int, reason Reason, format string, args ...any) *InputError {
	msg := string(reason)
	if format != "" {
		msg += ": " + fmt.Sprintf(format, args...)
	}
	return &InputError{Path: path, Line: line, Reason: reason, Err: domain.Errorf(domain.EINVALID, "%s", msg)}
}

// unreadable returns the input error of a failed open, stat or read.
func unreadable(path string, cause error) *InputError {
	code := domain.EUNAVAILABLE
	if errors.Is(cause, fs.ErrNotExist) {
		code = domain.ENOTFOUND
	}
	detail := cause.Error()
	var pe *fs.PathError
	if errors.As(cause, &pe) {
		detail = pe.Err.Error()
	}
	return &InputError{Path: path, Reason: Unreadable, Err: domain.Errorf(code, "unreadable: %s", detail), Cause: cause}
}
