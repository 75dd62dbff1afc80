package authclient

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
	"github.com/httpauth-go/httpauth/wwwauth"
)

// A TokenSource gives a [Bearer] handler its access tokens: typically it
// runs discovery and an OAuth flow the first time, and refreshes or
// re-runs it when asked again. Token is called only when a resource
// challenges (never for each request: the handler reuses the token until
// the resource refuses it), possibly from several goroutines at once.
type TokenSource interface {
	// Token returns an access token for what r asks. The token must be
	// a b64token (RFC 6750, Section 2.1). An error ends the round trip
	// (RoundTrip returns it, wrapped); an empty token with a nil error
	// declines, and the caller gets the refusal.
	Token(ctx context.Context, r *TokenRequest) (string, error)
}

// TokenSourceFunc adapts a function to a [TokenSource].
type TokenSourceFunc func(ctx context.Context, r *TokenRequest) (string, error)

// Token calls f.
func (f TokenSourceFunc) Token(ctx context.Context, r *TokenRequest) (string, error) {
	return f(ctx, r)
}

// A TokenRequest is what a resource asked for, passed to
// [TokenSource.Token].
type TokenRequest struct {
	// Scopes are the scopes to ask the authorization server for: the
	// challenge's scope; for a step-up (a 403 with
	// error="insufficient_scope") and for a refused token (a 401 with
	// error="invalid_token"), the union of the scopes the refused token
	// was asked with and those the challenge names, in that order, so
	// that renewing an expired token keeps what a step-up won; and when
	// the challenge names none, the scopes of the refused token, if any. nil means that nothing names a scope: the MCP authorization
	// spec then takes scopes_supported from the resource's metadata.
	Scopes []string

	// Challenge is the resource's Bearer challenge ([RFC 6750, Section
	// 3]). Its Error says why a token was refused: "" when the request
	// had none, invalid_token when the token held was refused (ask for a
	// new one, not the cached one), insufficient_scope for a step-up. Its
	// ResourceMetadata is the URL of the resource's RFC 9728 metadata,
	// "" if absent: a URL the resource chose, to be fetched with the
	// precautions of RFC 9728, Section 7.7 (this package's discovery
	// does). If the challenge breaks a rule [wwwauth.ParseBearer]
	// checks, the fields that do follow them are set, and the others are
	// left empty.
	//
	// [RFC 6750, Section 3]: https://www.rfc-editor.org/rfc/rfc6750#section-3
	Challenge wwwauth.Bearer

	// Response is the 401 or 403, for discovery. Its Request is the
	// caller's request, whose URL is the resource. Its body must not be
	// read.
	Response *http.Response
}

// Bearer returns a [Handler] that answers Bearer challenges with the tokens
// src gives ([RFC 6750]; the step-up flow of the MCP authorization spec).
//
//   - A 401 with a Bearer challenge asks src for a token, with the scopes
//     the challenge names; a 401 with error="invalid_token" for the token
//     held asks for a new one, once for that cause in a round trip.
//   - A 403 with error="insufficient_scope" and a scope asks src once
//     more, with the union of the scopes held and those named, and the
//     request is sent again, once.
//   - Anything else (another error, a 403 without scope, a 407) is
//     returned to the caller.
//
// The token is then sent pre-emptively to the paths at or below the
// directory of the request that was challenged, until the resource refuses
// it. A [Transport] sends it only over https or to a loopback host, unless
// its AllowHTTP is set. The handler and its sessions do not show the token
// when printed.
//
// [RFC 6750]: https://www.rfc-editor.org/rfc/rfc6750
func Bearer(src TokenSource) Handler {
	return &bearerHandler{src: src}
}

type bearerHandler struct {
	src TokenSource
}

func (h *bearerHandler) Scheme() string { return "Bearer" }

// Format writes the handler, for every verb, without its source (whose
// printing is the caller's affair, but might hold a secret).
func (h *bearerHandler) Format(f fmt.State, _ rune) {
	io.WriteString(f, "authclient.Bearer([redacted])")
}

func (h *bearerHandler) Answer(ctx context.Context, r *Refusal) (Session, error) {
	if r.Response.StatusCode == http.StatusProxyAuthRequired {
		// RFC 6750 defines Bearer for resource servers; a resource's
		// token must not go to a proxy.
		return nil, nil
	}
	prev, _ := r.Previous.(*bearerSession)
	b := bearerChallenge(r)
	var held []string
	if prev != nil {
		held = prev.scopes
	}
	scopes, cause := b.Scope, ""
	switch {
	case r.Response.StatusCode == http.StatusForbidden:
		if b.Error != wwwauth.CodeInsufficientScope || len(b.Scope) == 0 || prev == nil {
			return nil, nil
		}
		scopes, cause = unionScopes(held, b.Scope), "step-up"
	case b.Error == wwwauth.CodeInvalidToken:
		if r.Again && (prev == nil || prev.cause == "invalid_token") {
			return nil, nil // a fresh token was refused already
		}
		// A refused token (expired, revoked) is replaced by one for as
		// much as it held: a step-up won earlier is not given back.
		scopes, cause = unionScopes(held, b.Scope), "invalid_token"
	case r.Again:
		return nil, nil // the token just given was refused, for no reason a new one would fix
	}
	if scopes == nil {
		scopes = held
	}
	token, err := h.src.Token(ctx, &TokenRequest{Scopes: scopes, Challenge: b, Response: r.Response})
	if err != nil || token == "" {
		return nil, err
	}
	c, err := authz.BearerCredentials(token)
	if err != nil {
		return nil, err
	}
	return &bearerSession{c: c, scopes: scopes, cause: cause}, nil
}

// bearerChallenge returns the first Bearer challenge of r, typed; if it
// breaks a rule of wwwauth.ParseBearer, the parameters a client acts on
// that pass their own checks: scope, error, resource_metadata (which
// must be a URL a client may fetch).
func bearerChallenge(r *Refusal) wwwauth.Bearer {
	c := r.Challenges[0]
	b, err := wwwauth.ParseBearer(c)
	if err == nil {
		return b
	}
	b = wwwauth.Bearer{}
	param := func(name string) string {
		for _, p := range c.Params {
			if grammar.EqualFold(p.Name, name) {
				return p.Value
			}
		}
		return ""
	}
	b.Realm = param("realm")
	if scope := oauthsyntax.SplitSP(param("scope")); len(scope) > 0 {
		ok := true
		for _, s := range scope {
			ok = ok && oauthsyntax.IsNQChars(s)
		}
		if ok {
			b.Scope = scope
		}
	}
	if e := param("error"); oauthsyntax.IsNQSChars(e) {
		b.Error = wwwauth.ErrorCode(e)
	}
	if u := param("resource_metadata"); u != "" {
		if _, err := oauthsyntax.CheckFetchURL(u); err == nil {
			b.ResourceMetadata = u
		}
	}
	return b
}

// unionScopes returns a followed by the elements of b not in a.
func unionScopes(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, s := range b {
		found := false
		for _, t := range out {
			if s == t {
				found = true
				break
			}
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

type bearerSession struct {
	c      authz.Credentials
	scopes []string // what the token was asked with
	cause  string   // "", "invalid_token" or "step-up": why it was asked for
}

func (s *bearerSession) Authorize(*http.Request) (authz.Credentials, error) { return s.c, nil }

// Format writes the session without its token, for every verb.
func (s *bearerSession) Format(f fmt.State, _ rune) { io.WriteString(f, "Bearer session [redacted]") }
