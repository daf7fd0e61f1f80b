// Package graph serves eventgraph's GraphQL API: generated execution code,
// thin resolvers over the store, dataloaders that batch nested lists into
// one Cypher round trip per level, and the limits that keep hostile
// documents out.
package graph

//go:generate sh -c "cd .. && go tool gqlgen generate"
