// Package mcpsdk lets an MCP server built on the Go MCP SDK
// (github.com/modelcontextprotocol/go-sdk) run behind
// [resourceserver.RequireBearer] instead of the SDK's own
// auth.RequireBearerToken, with what the SDK reads from that middleware
// still there: [auth.TokenInfoFromContext], which the SDK's
// StreamableHTTPHandler uses to bind each session to the user who opened
// it, and RequestExtra.TokenInfo, which tool handlers read.
//
// It is a nested module, with its own go.mod, so that the httpauth module
// itself keeps no dependency beyond the standard library.
package mcpsdk

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/auth"

	"github.com/httpauth-go/httpauth/resourceserver"
)

// ExtraKey is the key of auth.TokenInfo.Extra under which [RequireBearer]
// puts the whole [resourceserver.TokenInfo] of the request, for the
// fields the SDK's TokenInfo does not have (ClientID, DPoPThumbprint, the
// verifier's Extra):
//
//	info, _ := req.Extra.TokenInfo.Extra[mcpsdk.ExtraKey].(resourceserver.TokenInfo)
const ExtraKey = "github.com/httpauth-go/httpauth/resourceserver.TokenInfo"

// RequireBearer returns middleware for an MCP server built on the Go MCP
// SDK, in place of auth.RequireBearerToken: it checks requests exactly as
// resourceserver.RequireBearer(verify, opts) does, with the same answers,
// challenges and panics, and for a request it lets through it also puts
// an auth.TokenInfo where the SDK looks for it:
//
//   - UserID is TokenInfo.Subject, which the SDK's StreamableHTTPHandler
//     binds each session to: a session opened with one user's token
//     cannot be used with another's (the SDK answers 403);
//   - Scopes and Expiration are TokenInfo.Scopes and TokenInfo.Expiry;
//   - Extra holds the whole resourceserver.TokenInfo under [ExtraKey].
//
// The verifier must set TokenInfo.Subject: the SDK turns session binding
// off for a session opened without a user, so a request whose TokenInfo
// has no Subject is answered 500 and logged in opts.ErrorLog, rather than
// let through unbound. A CORS preflight that resourceserver.RequireBearer
// lets through unauthenticated goes to next as it is.
//
// The SDK keeps the context key of its TokenInfo unexported and sets it
// only in auth.RequireBearerToken, so RequireBearer runs that middleware
// after its own check, with a verifier that returns the TokenInfo already
// checked: on a copy of the request whose only header field is a
// placeholder "Authorization: Bearer" (the SDK reads the Bearer scheme
// only, and DPoP requests must pass too), after which next gets the
// original request with the SDK's context. Expiry is judged once, by
// resourceserver.RequireBearer's clock (opts.Now): the SDK's own check
// is turned off with AllowMissingExpiration and the largest ClockSkew.
func RequireBearer(verify resourceserver.VerifyFunc, opts resourceserver.Options) func(http.Handler) http.Handler {
	require := resourceserver.RequireBearer(verify, opts)
	logger := opts.ErrorLog
	return func(next http.Handler) http.Handler {
		sdk := auth.RequireBearerToken(verified, &auth.RequireBearerTokenOptions{
			AllowMissingExpiration: true,
			ClockSkew:              math.MaxInt64,
		})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			orig, _ := r.Context().Value(originalKey{}).(*http.Request)
			next.ServeHTTP(w, orig.WithContext(r.Context()))
		}))
		return require(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			info, ok := resourceserver.TokenInfoFrom(r.Context())
			if !ok {
				next.ServeHTTP(w, r) // a CORS preflight
				return
			}
			if info.Subject == "" {
				log := logger
				if log == nil {
					log = slog.Default()
				}
				log.ErrorContext(r.Context(), "mcpsdk: the verifier returned a TokenInfo without Subject: the MCP SDK cannot bind the session to a user",
					"method", r.Method, "path", r.URL.Path)
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
				return
			}
			shadow := r.WithContext(context.WithValue(r.Context(), originalKey{}, r))
			shadow.Header = http.Header{"Authorization": {"Bearer verified-by-resourceserver"}}
			sdk.ServeHTTP(w, shadow)
		}))
	}
}

// originalKey keys the request as resourceserver.RequireBearer let it
// through, in the context of the copy handed to the SDK's middleware.
type originalKey struct{}

var errUnverified = errors.New("mcpsdk: request not let through by resourceserver.RequireBearer")

// verified is the SDK's verifier: it returns, as an auth.TokenInfo, the
// TokenInfo resourceserver.RequireBearer put in the request's context.
func verified(ctx context.Context, _ string, _ *http.Request) (*auth.TokenInfo, error) {
	info, ok := resourceserver.TokenInfoFrom(ctx)
	if !ok {
		return nil, errUnverified // unreachable: only RequireBearer's handler calls it
	}
	return &auth.TokenInfo{
		Scopes:     info.Scopes,
		Expiration: info.Expiry,
		UserID:     info.Subject,
		Extra:      map[string]any{ExtraKey: info},
	}, nil
}
