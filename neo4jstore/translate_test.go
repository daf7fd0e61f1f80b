package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"eventgraph/domain"
)

// TestTranslate checks the domain codes of the errors callers act on.
func TestTranslate(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"timeout", fmt.Errorf("read: %w", context.DeadlineExceeded), domain.EUNAVAILABLE},
		{"retries ran out", fmt.Errorf("write 10 articles: %w", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{errors.New("deadlock")}}), domain.EUNAVAILABLE},
		{"other", errors.New("syntax error"), domain.EINTERNAL},
	}
	for _, tc := range tests {
		if got := domain.ErrorCode(translate(tc.err)); got != tc.want {
			t.Errorf("%s: got code %q, want %q", tc.name, got, tc.want)
		}
	}
}
