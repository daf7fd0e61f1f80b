// Command eventgraph extracts events from news articles, stores them as a
// knowledge graph in Neo4j and serves a GraphQL API over it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"eventgraph/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, cli.NewEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
