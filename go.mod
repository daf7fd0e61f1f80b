module eventgraph

go 1.26.0

require (
	github.com/neo4j/neo4j-go-driver/v5 v5.28.4 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/net v0.62.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
