package main

import (
	"net"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"eventgraph/config"
)

// compose is the part of docker-compose.yml the test checks.
type compose struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Command     []string          `yaml:"command"`
		Environment map[string]string `yaml:"environment"`
		Ports       []string          `yaml:"ports"`
		Volumes     []string          `yaml:"volumes"`
		Healthcheck struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
		DependsOn map[string]struct {
			Condition string `yaml:"condition"`
		} `yaml:"depends_on"`
		Build struct {
			Dockerfile string `yaml:"dockerfile"`
		} `yaml:"build"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestComposeMatchesCode keeps docker-compose.yml from rotting: Docker does
// not run here, so the file is checked against what the code reads.
func TestComposeMatchesCode(t *testing.T) {
	var c compose
	if err := yaml.Unmarshal([]byte(readFile(t, "docker-compose.yml")), &c); err != nil {
		t.Fatalf("parse docker-compose.yml: %v", err)
	}
	neo, app := c.Services["neo4j"], c.Services["app"]
	pom := regexp.MustCompile(`<neo4j.version>([^<]+)</neo4j.version>`).FindStringSubmatch(readFile(t, "scripts/neo4j/pom.xml"))
	if pom == nil {
		t.Fatal("scripts/neo4j/pom.xml: no neo4j.version")
	}
	if want := "neo4j:" + pom[1] + "-community"; neo.Image != want {
		t.Errorf("neo4j image: got %q, want %q (the version the local script runs)", neo.Image, want)
	}
	for _, port := range []string{"7474", "7687"} {
		if !slices.ContainsFunc(neo.Ports, func(p string) bool { return strings.HasSuffix(p, ":"+port) }) {
			t.Errorf("neo4j ports %v: want %s published", neo.Ports, port)
		}
	}
	if len(neo.Healthcheck.Test) == 0 || len(neo.Volumes) == 0 || len(c.Volumes) == 0 {
		t.Errorf("neo4j: want a healthcheck and named volumes")
	}
	if app.Build.Dockerfile != "Dockerfile" || app.DependsOn["neo4j"].Condition != "service_healthy" {
		t.Errorf("app: want built from Dockerfile and waiting for a healthy neo4j")
	}
	checkAppEnv(t, app.Environment, app.Ports)
}

func checkAppEnv(t *testing.T, env map[string]string, ports []string) {
	t.Helper()
	known := []string{config.EnvNeo4jURI, config.EnvNeo4jUsername, config.EnvNeo4jPassword, config.EnvNeo4jDatabase,
		config.EnvAddr, config.EnvAPIKey, config.EnvCORSOrigins, config.EnvProduction, config.EnvQueryTimeout}
	for name := range env {
		if !slices.Contains(known, name) {
			t.Errorf("app env %s: the code reads no such variable", name)
		}
	}
	for _, name := range known[:5] {
		if _, ok := env[name]; !ok {
			t.Errorf("app env: want %s set", name)
		}
	}
	if got := env[config.EnvNeo4jURI]; got != "bolt://neo4j:7687" {
		t.Errorf("app %s: got %q, want the neo4j service's Bolt port", config.EnvNeo4jURI, got)
	}
	_, port, err := net.SplitHostPort(env[config.EnvAddr])
	if err != nil || !slices.Contains(ports, port+":"+port) {
		t.Errorf("app %s %q: want its port published, got ports %v", config.EnvAddr, env[config.EnvAddr], ports)
	}
}

// TestDockerfileBuildsWithModuleGo checks the multi-stage build and that its
// Go image matches go.mod.
func TestDockerfileBuildsWithModuleGo(t *testing.T) {
	df := readFile(t, "Dockerfile")
	if n := strings.Count(df, "\nFROM "); n < 2 {
		t.Errorf("Dockerfile: got %d stages, want a multi-stage build", n)
	}
	goVer := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindStringSubmatch(readFile(t, "go.mod"))
	if goVer == nil || !strings.Contains(df, "FROM golang:"+goVer[1]) {
		t.Errorf("Dockerfile: want FROM golang:%v", goVer)
	}
}
