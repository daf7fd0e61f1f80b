# syntax=docker/dockerfile:1
# eventgraph: a static Go binary on a small runtime image.
#   docker build -t eventgraph .
#   docker run -p 8080:8080 -e NEO4J_URI=bolt://host:7687 eventgraph

FROM golang:1.26 AS build
WORKDIR /src
# Dependencies first, so that they stay cached while the code changes.
COPY go.mod go.sum* ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/eventgraph .

FROM alpine:3.22
RUN addgroup -S eventgraph && adduser -S -G eventgraph -H -h /nonexistent eventgraph
COPY --from=build /out/eventgraph /usr/local/bin/eventgraph
# The bundled sample articles: docker compose exec app eventgraph ingest /samples
COPY samples /samples
USER eventgraph
ENV EVENTGRAPH_ADDR=:8080
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/eventgraph"]
CMD ["serve"]
