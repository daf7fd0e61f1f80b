package config

import (
	"testing"
	"time"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    func(Config) bool
		wantErr bool
	}{
		{"defaults match the local server", nil, func(c Config) bool {
			return c.Neo4j == Neo4j{DefaultNeo4jURI, DefaultNeo4jUsername, DefaultNeo4jPassword, DefaultNeo4jDatabase} &&
				c.Addr == DefaultAddr && c.QueryTimeout == DefaultQueryTimeout && !c.Production && c.Neo4j.IsLocal()
		}, false},
		{"remote server is not local", map[string]string{EnvNeo4jURI: "neo4j+s://abc.databases.neo4j.io"}, func(c Config) bool {
			return !c.Neo4j.IsLocal()
		}, false},
		{"cors list trimmed", map[string]string{EnvCORSOrigins: " https://a.example , ,https://b.example"}, func(c Config) bool {
			return len(c.CORSOrigins) == 2 && c.CORSOrigins[0] == "https://a.example" && c.CORSOrigins[1] == "https://b.example"
		}, false},
		{"production and timeout", map[string]string{EnvProduction: "true", EnvQueryTimeout: "2s"}, func(c Config) bool {
			return c.Production && c.QueryTimeout == 2*time.Second
		}, false},
		{"bad boolean", map[string]string{EnvProduction: "maybe"}, nil, true},
		{"bad duration", map[string]string{EnvQueryTimeout: "soon"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Load(func(k string) string { return tt.env[k] })
			if (err != nil) != tt.wantErr {
				t.Fatalf("Load error: got %v, want error %v", err, tt.wantErr)
			}
			if tt.want != nil && !tt.want(got) {
				t.Errorf("Load: got %+v", got)
			}
		})
	}
}
