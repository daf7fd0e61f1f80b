# Developer entry points. `make` or `make help` lists the targets.

SHELL := /usr/bin/env bash
NEO4J := scripts/neo4j.sh

.DEFAULT_GOAL := help

.PHONY: help run test build check bench generate neo4j-start neo4j-stop neo4j-status neo4j-restart neo4j-logs

BIN := bin/eventgraph
GO_PACKAGES := ./...

help: ## list the targets
	@echo "Targets:"
	@grep -hE '^[a-zA-Z0-9_.-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-16s %s\n", $$1, $$2}'

run: build neo4j-start ## start Neo4j, ingest the sample articles, serve the API and playground
	@$(BIN) ingest samples
	@$(BIN) serve

test: neo4j-start check ## run every test against the local Neo4j (started if needed)
	CI=$${CI:-true} go test -count=1 -p 1 $(GO_PACKAGES)

build: ## build the eventgraph binary into bin/
	go build -o $(BIN) .

check: ## gofmt and go vet
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed:"; gofmt -l .; exit 1; }
	go vet $(GO_PACKAGES)

generate: ## regenerate the GraphQL code from schema.graphqls and gqlgen.yml
	go generate ./graph

bench: neo4j-start ## run the benchmarks (see BENCHMARKS.md)
	go test -run '^$$' -bench . -benchmem $(GO_PACKAGES)

neo4j-start: ## start the local Neo4j (fetches it with Maven the first time)
	@$(NEO4J) start

neo4j-stop: ## stop the local Neo4j
	@$(NEO4J) stop

neo4j-status: ## tell whether the local Neo4j runs (exit 3 when stopped)
	@$(NEO4J) status

neo4j-restart: ## restart the local Neo4j
	@$(NEO4J) restart

neo4j-logs: ## show the end of the local Neo4j's log
	@$(NEO4J) logs
