package domain

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrorCodeAndMessage(t *testing.T) {
	tests := []struct {
		name     string
		err      error
		wantCode string
		wantMsg  string
	}{
		{"nil", nil, "", "internal error"},
		{"coded", Errorf(ENOTFOUND, "no entity %q", "x"), ENOTFOUND, `no entity "x"`},
		{"wrapped coded", fmt.Errorf("read: %w", Errorf(EINVALID, "bad id")), EINVALID, "bad id"},
		{"plain error stays internal", errors.New("bolt: socket closed"), EINTERNAL, "internal error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.wantCode {
				t.Errorf("ErrorCode: got %q, want %q", got, tt.wantCode)
			}
			if got := ErrorMessage(tt.err); got != tt.wantMsg {
				t.Errorf("ErrorMessage: got %q, want %q", got, tt.wantMsg)
			}
		})
	}
}
