package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// The scorer works on JSON as Python's json module sees it, so that it
// treats every input exactly as score.py does: objects keep their keys'
// order (a repeated key keeps its first place and its last value), numbers
// keep their literal, and missing keys differ from null ones.

// object is a JSON object with its keys in order.
type object struct {
	keys []string
	vals map[string]any
}

// set stores a value, keeping the key's first position.
func (o *object) set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

func newObject() *object { return &object{vals: map[string]any{}} }

// parseJSON decodes exactly one JSON value from data into *object,
// []any, string, json.Number, bool or nil.
func parseJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("extra data after the JSON value")
	}
	return v, nil
}

// decodeValue decodes the next value of dec.
func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		if err == io.EOF {
			return nil, errors.New("expecting a value")
		}
		return nil, err
	}
	switch tok {
	case json.Delim('{'):
		return decodeObject(dec)
	case json.Delim('['):
		return decodeArray(dec)
	}
	return tok, nil
}

// decodeObject decodes an object's members and its closing brace.
func decodeObject(dec *json.Decoder) (any, error) {
	o := newObject()
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		o.set(k.(string), v)
	}
	_, err := dec.Token()
	return o, err
}

// decodeArray decodes an array's elements and its closing bracket.
func decodeArray(dec *json.Decoder) (any, error) {
	a := []any{}
	for dec.More() {
		v, err := decodeValue(dec)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
	_, err := dec.Token()
	return a, err
}

// get returns v[key] when v is an object holding key.
func get(v any, key string) (any, bool) {
	o, ok := v.(*object)
	if !ok {
		return nil, false
	}
	x, ok := o.vals[key]
	return x, ok
}

// getOr is Python's v.get(key, def).
func getOr(v any, key string, def any) any {
	if x, ok := get(v, key); ok {
		return x
	}
	return def
}

// or is Python's "a or b".
func or(a, b any) any {
	if truthy(a) {
		return a
	}
	return b
}

// truthy is Python's bool(v).
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case json.Number:
		f, _ := x.Float64()
		return f != 0
	case []any:
		return len(x) > 0
	case *object:
		return len(x.keys) > 0
	}
	return true
}

// str returns v when it is a string.
func str(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// strOr returns v when it is a string, "" otherwise.
func strOr(v any) string {
	s, _ := v.(string)
	return s
}

// num returns v as a number, def when it is not one.
func num(v any, def float64) float64 {
	n, ok := v.(json.Number)
	if !ok {
		return def
	}
	f, err := n.Float64()
	if err != nil {
		return def
	}
	return f
}

// iterate is Python's iteration over v: a list's items, a string's
// characters, an object's keys; nothing for other values.
func iterate(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case string:
		out := make([]any, 0, len(x))
		for _, r := range x {
			out = append(out, string(r))
		}
		return out
	case *object:
		out := make([]any, len(x.keys))
		for i, k := range x.keys {
			out[i] = k
		}
		return out
	}
	return nil
}

// stringItems returns the string items of iterate(v).
func stringItems(v any) []string {
	var out []string
	for _, x := range iterate(v) {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// hashKey is the identity of v as a Python dict key.
func hashKey(v any) string {
	switch x := v.(type) {
	case nil:
		return "none"
	case string:
		return "s" + x
	case bool:
		if x {
			return "n1"
		}
		return "n0"
	case json.Number:
		return "n" + strconv.FormatFloat(num(x, 0), 'g', -1, 64)
	}
	return fmt.Sprintf("o%p", v)
}

// equal is Python's a == b for JSON values.
func equal(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool, json.Number:
		return isNumeric(b) && num(numeric(x), 0) == num(numeric(b), 0)
	case []any:
		y, ok := b.([]any)
		return ok && equalLists(x, y)
	case *object:
		y, ok := b.(*object)
		return ok && equalObjects(x, y)
	}
	return false
}

func isNumeric(v any) bool {
	switch v.(type) {
	case bool, json.Number:
		return true
	}
	return false
}

// numeric turns a bool into the number Python takes it for.
func numeric(v any) any {
	if b, ok := v.(bool); ok {
		if b {
			return json.Number("1")
		}
		return json.Number("0")
	}
	return v
}

func equalLists(x, y []any) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !equal(x[i], y[i]) {
			return false
		}
	}
	return true
}

func equalObjects(x, y *object) bool {
	if len(x.keys) != len(y.keys) {
		return false
	}
	for k, v := range x.vals {
		w, ok := y.vals[k]
		if !ok || !equal(v, w) {
			return false
		}
	}
	return true
}

// pyStr is Python's str(v) for JSON values.
func pyStr(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return pyRepr(v)
}

// pyRepr is Python's repr(v) for JSON values.
func pyRepr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return reprString(x)
	case json.Number:
		return reprNumber(x)
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = pyRepr(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case *object:
		parts := make([]string, len(x.keys))
		for i, k := range x.keys {
			parts[i] = reprString(k) + ": " + pyRepr(x.vals[k])
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprint(v)
}

// reprNumber prints an integer literal as is and a float as Python would.
func reprNumber(n json.Number) string {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return strconv.FormatInt(i, 10)
	}
	return pyFloat(num(n, 0))
}

// reprString is Python's repr of a str: single quotes unless the string
// holds a single quote and no double quote; printable characters as they
// are, others escaped.
func reprString(s string) string {
	q := byte('\'')
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		q = '"'
	}
	var b strings.Builder
	b.WriteByte(q)
	for _, r := range s {
		writeReprRune(&b, r, q)
	}
	b.WriteByte(q)
	return b.String()
}

// writeReprRune writes one character of a Python string repr.
func writeReprRune(b *strings.Builder, r rune, q byte) {
	switch {
	case r == rune(q) || r == '\\':
		b.WriteByte('\\')
		b.WriteRune(r)
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case r < ' ' || r == 0x7f:
		fmt.Fprintf(b, `\x%02x`, r)
	case r < 0x7f || unicode.IsPrint(r):
		b.WriteRune(r)
	case r <= 0xff:
		fmt.Fprintf(b, `\x%02x`, r)
	case r <= 0xffff:
		fmt.Fprintf(b, `\u%04x`, r)
	default:
		fmt.Fprintf(b, `\U%08x`, r)
	}
}

// pyFloat is Python's repr of a float: the shortest digits that read back
// the same, in exponent form below 1e-4 and from 1e16 up, with ".0" on
// whole numbers.
func pyFloat(f float64) string {
	a := f
	if a < 0 {
		a = -a
	}
	if a != 0 && (a < 1e-4 || a >= 1e16) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		return s
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".nN") {
		s += ".0"
	}
	return s
}
