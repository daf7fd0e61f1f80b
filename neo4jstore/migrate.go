package neo4jstore

import (
	"context"
	_ "embed"
	"fmt"
	"strings"
)

//go:embed migrations.cypher
var migrationsCypher string

// migrations returns the schema statements, one per entry, comments dropped.
func migrations() []string {
	var out []string
	for _, stmt := range strings.Split(migrationsCypher, ";") {
		var lines []string
		for _, l := range strings.Split(stmt, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "//") {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, " "))
		}
	}
	return out
}

// Migrate creates the constraints and indexes the graph needs. Every
// statement is idempotent, so it runs at every start.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range migrations() {
		if _, err := s.write(ctx, "migrate", stmt, nil); err != nil {
			return fmt.Errorf("migration %q: %w", stmt, err)
		}
	}
	if _, err := s.write(ctx, "await indexes", "CALL db.awaitIndexes(300)", nil); err != nil {
		return fmt.Errorf("await indexes: %w", err)
	}
	return nil
}
