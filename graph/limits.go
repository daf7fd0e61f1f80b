package graph

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"eventgraph/neo4jstore"
)

// Error codes clients see in errors[].extensions.code.
const (
	CodeNotFound        = "NOT_FOUND"
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeComplexityLimit = "COMPLEXITY_LIMIT"
	CodeInternal        = "INTERNAL"
)

func init() {
	// Documents refused before execution answer 422, not 200.
	errcode.RegisterErrorType(CodeComplexityLimit, errcode.KindProtocol)
	errcode.RegisterErrorType(CodeBadUserInput, errcode.KindProtocol)
	errcode.RegisterErrorType("COMPLEXITY_LIMIT_EXCEEDED", errcode.KindProtocol)
}

// Limits refuses, before anything runs, operations nested deeper than
// MaxDepth, selecting more than MaxFields fields (aliases and fragment
// spreads counted each time they are used) or asking for more rows than a
// list gives.
type Limits struct {
	MaxDepth  int
	MaxFields int
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = Limits{}

// ExtensionName implements graphql.HandlerExtension.
func (Limits) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// argument bounds by argument name; every list's `first` is the same.
var argBounds = map[string][2]int{
	"first":   {0, neo4jstore.MaxFirst},
	"limit":   {1, neo4jstore.MaxFirst},
	"depth":   {1, 2},
	"maxHops": {1, 4},
}

// MutateOperationContext implements graphql.OperationContextMutator.
func (l Limits) MutateOperationContext(ctx context.Context, rc *graphql.OperationContext) *gqlerror.Error {
	w := walker{limits: l, vars: rc.Variables, doc: rc.Doc}
	w.walk(rc.Operation.SelectionSet, 1)
	if w.err != nil {
		return w.err
	}
	return nil
}

type walker struct {
	limits Limits
	vars   map[string]any
	doc    *ast.QueryDocument
	fields int
	err    *gqlerror.Error
}

func (w *walker) fail(code, format string, args ...any) {
	if w.err == nil {
		w.err = gqlerror.Errorf(format, args...)
		errcode.Set(w.err, code)
	}
}

func (w *walker) walk(set ast.SelectionSet, depth int) {
	for _, sel := range set {
		if w.err != nil {
			return
		}
		switch s := sel.(type) {
		case *ast.Field:
			w.fields++
			if w.fields > w.limits.MaxFields {
				w.fail(CodeComplexityLimit, "operation selects more than %d fields", w.limits.MaxFields)
				return
			}
			if depth > w.limits.MaxDepth {
				w.fail(CodeComplexityLimit, "operation is nested deeper than %d levels", w.limits.MaxDepth)
				return
			}
			w.checkArgs(s)
			w.walk(s.SelectionSet, depth+1)
		case *ast.InlineFragment:
			w.walk(s.SelectionSet, depth)
		case *ast.FragmentSpread:
			if f := w.doc.Fragments.ForName(s.Name); f != nil {
				w.walk(f.SelectionSet, depth)
			}
		}
	}
}

func (w *walker) checkArgs(f *ast.Field) {
	if f.Definition == nil || len(f.Arguments) == 0 {
		return
	}
	for name, v := range f.ArgumentMap(w.vars) {
		b, ok := argBounds[name]
		if !ok {
			continue
		}
		n, ok := toInt(v)
		if !ok {
			continue
		}
		hi := b[1]
		if f.Name == "evidence" {
			hi = neo4jstore.MaxEvidence
		}
		if f.Name == "connections" && name == "first" {
			hi = 20
		}
		if n < int64(b[0]) || n > int64(hi) {
			w.fail(CodeBadUserInput, "%s.%s must be between %d and %d, got %d", f.Name, name, b[0], hi, n)
			return
		}
	}
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		return int64(n), true
	case nil:
		return 0, false
	}
	var x int64
	_, err := fmt.Sscan(fmt.Sprint(v), &x)
	return x, err == nil
}
