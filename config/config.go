// Package config reads eventgraph's settings from environment variables. The
// Neo4j variables use the names Neo4j's own tools use.
package config

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Environment variable names, exported so that deployment files can be
// checked against them.
const (
	EnvNeo4jURI      = "NEO4J_URI"
	EnvNeo4jUsername = "NEO4J_USERNAME"
	EnvNeo4jPassword = "NEO4J_PASSWORD"
	EnvNeo4jDatabase = "NEO4J_DATABASE"
	EnvAddr          = "EVENTGRAPH_ADDR"
	EnvAPIKey        = "EVENTGRAPH_API_KEY"
	EnvCORSOrigins   = "EVENTGRAPH_CORS_ORIGINS"
	EnvProduction    = "EVENTGRAPH_PRODUCTION"
	EnvQueryTimeout  = "EVENTGRAPH_QUERY_TIMEOUT"
)

// Defaults match the local Neo4j that scripts/neo4j.sh starts.
const (
	DefaultNeo4jURI      = "bolt://localhost:7687"
	DefaultNeo4jUsername = "neo4j"
	DefaultNeo4jPassword = "eventgraph-dev"
	DefaultNeo4jDatabase = "neo4j"
	DefaultAddr          = "localhost:8080"
	DefaultQueryTimeout  = 10 * time.Second
)

// Neo4j holds the connection settings of the Neo4j server.
type Neo4j struct {
	URI      string
	Username string
	Password string
	Database string
}

// Config is every setting of the eventgraph binary.
type Config struct {
	Neo4j        Neo4j
	Addr         string
	APIKey       string
	CORSOrigins  []string
	Production   bool
	QueryTimeout time.Duration
}

// Load reads the configuration through getenv, applying defaults.
func Load(getenv func(string) string) (Config, error) {
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	c := Config{
		Neo4j: Neo4j{
			URI:      get(EnvNeo4jURI, DefaultNeo4jURI),
			Username: get(EnvNeo4jUsername, DefaultNeo4jUsername),
			Password: get(EnvNeo4jPassword, DefaultNeo4jPassword),
			Database: get(EnvNeo4jDatabase, DefaultNeo4jDatabase),
		},
		Addr:   get(EnvAddr, DefaultAddr),
		APIKey: getenv(EnvAPIKey),
	}
	if _, err := url.Parse(c.Neo4j.URI); err != nil {
		return c, fmt.Errorf("%s: %w", EnvNeo4jURI, err)
	}
	for _, o := range strings.Split(getenv(EnvCORSOrigins), ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.CORSOrigins = append(c.CORSOrigins, o)
		}
	}
	var err error
	if c.Production, err = strconv.ParseBool(get(EnvProduction, "false")); err != nil {
		return c, fmt.Errorf("%s: %w", EnvProduction, err)
	}
	if c.QueryTimeout, err = time.ParseDuration(get(EnvQueryTimeout, DefaultQueryTimeout.String())); err != nil {
		return c, fmt.Errorf("%s: %w", EnvQueryTimeout, err)
	}
	return c, nil
}

// IsLocal reports whether the Neo4j URI names this machine, where the project
// starts its own server.
func (n Neo4j) IsLocal() bool {
	u, err := url.Parse(n.URI)
	if err != nil {
		return false
	}
	switch u.Hostname() {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}
