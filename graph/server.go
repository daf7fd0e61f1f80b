package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"eventgraph/domain"
)

// ServerOptions are the GraphQL server's limits.
type ServerOptions struct {
	// Production turns off introspection and field suggestions.
	Production bool
	// ComplexityLimit bounds an operation's cost, lists weighted by first.
	ComplexityLimit int
	// MaxDepth bounds the nesting of selections.
	MaxDepth int
	// MaxFields bounds the number of fields an operation selects.
	MaxFields int
	// TokenLimit bounds the tokens the parser reads.
	TokenLimit int
	// OriginPatterns are the origins allowed to open a WebSocket (host
	// patterns as in CORS); same-origin requests are always allowed.
	OriginPatterns []string
	// KeepAlive is the WebSocket keep-alive interval.
	KeepAlive time.Duration
}

// Default limits.
const (
	DefaultComplexityLimit = 20000
	DefaultMaxDepth        = 12
	DefaultMaxFields       = 500
	DefaultTokenLimit      = 10000
)

func (o *ServerOptions) defaults() {
	if o.ComplexityLimit <= 0 {
		o.ComplexityLimit = DefaultComplexityLimit
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxFields <= 0 {
		o.MaxFields = DefaultMaxFields
	}
	if o.TokenLimit <= 0 {
		o.TokenLimit = DefaultTokenLimit
	}
	if o.KeepAlive <= 0 {
		o.KeepAlive = 15 * time.Second
	}
}

// NewServer returns the GraphQL handler: POST and GET over HTTP,
// subscriptions over WebSocket, with every limit of ServerOptions.
func NewServer(r *Resolver, o ServerOptions) *handler.Server {
	o.defaults()
	logger := r.Logger
	if logger == nil {
		logger = slog.Default()
	}
	srv := handler.New(NewExecutableSchema(Config{Resolvers: r, Complexity: complexityRoot()}))
	readLimit := int64(64 << 10)
	srv.AddTransport(transport.Websocket{
		Implementation:        transport.CoderWebsocketImplementation{AcceptOptions: websocket.AcceptOptions{OriginPatterns: o.OriginPatterns}},
		KeepAlivePingInterval: o.KeepAlive,
		InitTimeout:           10 * time.Second,
		PayloadReadLimit:      &readLimit,
		ErrorFunc: func(ctx context.Context, err error) {
			logger.Debug("websocket", "err", err)
		},
	})
	srv.AddTransport(transport.Options{AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions}})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})

	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.SetParserTokenLimit(o.TokenLimit)
	srv.SetDisableSuggestion(o.Production)
	if !o.Production {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	srv.Use(Limits{MaxDepth: o.MaxDepth, MaxFields: o.MaxFields})
	srv.Use(extension.FixedComplexityLimit(o.ComplexityLimit))

	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(WithLoaders(ctx, NewLoaders(r.Store, r.Cache, r.BatchWait)))
	})
	srv.SetErrorPresenter(presentError(logger))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		logger.Error("panic in resolver", "panic", fmt.Sprint(v), "path", graphql.GetPath(ctx))
		return domain.Errorf(domain.EINTERNAL, "internal error")
	})
	return srv
}

// presentError gives every error one of the API's codes; internal errors
// are logged and their details hidden.
func presentError(logger *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		detail := err.Error() // before the presenter rewrites the message
		gerr := graphql.DefaultErrorPresenter(ctx, err)
		if gerr.Extensions == nil {
			gerr.Extensions = map[string]any{}
		}
		var de *domain.Error
		if errors.As(err, &de) {
			code := codeOf(de.Code)
			gerr.Message = de.Message
			if de.Code == domain.EUNAVAILABLE {
				logger.Warn("graphql", "path", gerr.Path.String(), "err", detail)
			} else if code == CodeInternal {
				logger.Error("graphql", "path", gerr.Path.String(), "err", detail)
			}
			gerr.Extensions["code"] = code
			return gerr
		}
		switch c, _ := gerr.Extensions["code"].(string); c {
		case CodeNotFound, CodeBadUserInput, CodeUnauthenticated, CodeComplexityLimit, CodeInternal:
		case "COMPLEXITY_LIMIT_EXCEEDED":
			gerr.Extensions["code"] = CodeComplexityLimit
		case errcode.ParseFailed, errcode.ValidationFailed:
			gerr.Extensions["code"] = CodeBadUserInput
		default:
			var inner *gqlerror.Error
			if gerr.Err == nil || (errors.As(gerr.Err, &inner) && inner.Err == nil) {
				// gqlgen's own refusals ("introspection disabled", bad
				// variables): the request's fault, the message is safe.
				gerr.Extensions["code"] = CodeBadUserInput
				return gerr
			}
			if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
				gerr.Message = "the request took too long"
			} else {
				gerr.Message = "internal error"
			}
			logger.Error("graphql", "path", gerr.Path.String(), "err", detail)
			gerr.Extensions["code"] = CodeInternal
		}
		return gerr
	}
}

func codeOf(c string) string {
	switch c {
	case domain.ENOTFOUND:
		return CodeNotFound
	case domain.EINVALID:
		return CodeBadUserInput
	case domain.EUNAUTHORIZED:
		return CodeUnauthenticated
	default:
		return CodeInternal
	}
}
