package resourceserver

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/httpauth-go/httpauth/authz"
	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
)

// Errors a [VerifyFunc] or a DPoP proof verifier wraps to reject a
// request. Their messages are fixed and hold no token.
var (
	// ErrInvalidToken rejects an access token: expired, revoked, not
	// issued for this resource, malformed. The middleware answers 401
	// with error="invalid_token".
	ErrInvalidToken = errors.New("resourceserver: invalid access token")

	// ErrInvalidDPoPProof rejects a DPoP proof (RFC 9449, Section 4.3).
	// The middleware answers 401 with error="invalid_dpop_proof".
	ErrInvalidDPoPProof = errors.New("resourceserver: invalid DPoP proof")
)

// TokenInfo is what a [VerifyFunc] learned about a valid access token.
// [RequireBearer] checks Scopes, Expiry and DPoPThumbprint, and hands the
// whole TokenInfo to the next handler ([TokenInfoFrom]).
type TokenInfo struct {
	// Scopes are the scopes the token grants (its scope claim, split on
	// spaces). Compared case-sensitively, as RFC 6749, Section 3.3 says.
	Scopes []string

	// Subject identifies the resource owner (the sub claim), and ClientID
	// the client the token was issued to (client_id).
	Subject, ClientID string

	// Expiry is when the token expires (the exp claim); the zero time
	// means the verifier checked it or it does not expire. The middleware
	// refuses a token whose Expiry is not after Options.Now(), as a
	// safety net.
	Expiry time.Time

	// DPoPThumbprint is the base64url SHA-256 JWK thumbprint the token
	// is bound to (the jkt member of its cnf claim, RFC 9449, Section 6),
	// or "" for an unbound bearer token. The middleware refuses a bound
	// token sent with the Bearer scheme (RFC 9449, Section 7.2) and an
	// unbound one sent with the DPoP scheme.
	DPoPThumbprint string

	// Extra carries whatever else the verifier wants the handler to
	// have, such as its own claims type. The middleware does not look
	// at it.
	Extra any
}

// A VerifyFunc checks the access token of r and returns what it grants.
// To reject the token, return an error that wraps [ErrInvalidToken] (or a
// [*TokenError]). Any other error means the check itself failed (the
// authorization server is unreachable, say): the middleware answers 500
// and logs what it can say of the error without the token (see
// Options.ErrorLog), because a verifier outage must not look like a bad
// token to the client, which would throw its token away.
//
// The verifier must check everything about the token except its scopes:
// signature or introspection, expiry, and that it was issued for this
// resource (its audience), which MCP requires.
type VerifyFunc func(r *http.Request, token string) (TokenInfo, error)

// A TokenError rejects a token with a description for the client's
// developers, sent as error_description. It wraps [ErrInvalidToken].
type TokenError struct {
	// Description must be safe to send: no token, no secret, no user
	// data. It is sent only if it is made of %x20-21 / %x23-5B /
	// %x5D-7E, as RFC 6750, Section 3 requires, is no longer than
	// Options.MaxDescriptionBytes, and holds no form of the token or the
	// DPoP proof (see Options.LogErrorText); otherwise the challenge goes
	// without it.
	Description string

	// Err is an optional cause, for errors.Is and errors.As. It is never
	// sent.
	Err error
}

// Error returns the message of [ErrInvalidToken] followed by the
// description.
func (e *TokenError) Error() string {
	return ErrInvalidToken.Error() + ": " + e.Description
}

// Unwrap returns [ErrInvalidToken] and Err.
func (e *TokenError) Unwrap() []error {
	if e.Err == nil {
		return []error{ErrInvalidToken}
	}
	return []error{ErrInvalidToken, e.Err}
}

// A DPoPNonceError asks the client to sign its DPoP proof again with a
// nonce from the server (RFC 9449, Section 9). A DPoP proof verifier
// returns it when the proof has no nonce or a stale one: the middleware
// answers 401 with error="use_dpop_nonce" and the nonce in a DPoP-Nonce
// header. A nonce that is not 1*NQCHAR, or that holds a form of the token
// or the proof, is a verifier bug, answered with 500.
type DPoPNonceError struct {
	// Nonce is the nonce to use: 1*NQCHAR (RFC 9449, Section 8.1).
	Nonce string
}

// Error returns a fixed message, without the nonce.
func (e *DPoPNonceError) Error() string { return "resourceserver: DPoP proof needs the server's nonce" }

// RequireBearer returns middleware that lets a request through to the next
// handler only with a valid access token, for an OAuth 2.0 protected
// resource such as an MCP server ([RFC 6750], [RFC 9728], [RFC 9449]).
// The handler gets the token's [TokenInfo] from [TokenInfoFrom].
//
// It answers, with fixed short bodies:
//
//   - no Authorization field, or one of another scheme: 401 with a Bearer
//     challenge (realm, scope, resource_metadata as configured) and no
//     error parameter, as RFC 6750, Section 3.1 asks when a request has
//     no credentials;
//   - malformed Bearer (or DPoP) credentials, such as "Bearer" alone,
//     "Bearer a b", a token outside b64token, or several Authorization
//     fields: 400 with error="invalid_request";
//   - a token the VerifyFunc rejects, that has expired, or whose DPoP
//     binding does not match the scheme: 401 with error="invalid_token"
//     and error_description only from a [*TokenError];
//   - a DPoP proof that is missing, malformed (see [JOSEHeader]) or
//     rejected: 401 with error="invalid_dpop_proof" on the DPoP
//     challenge; a [*DPoPNonceError]: 401 with error="use_dpop_nonce" and
//     DPoP-Nonce;
//   - a valid token that lacks one of opts.Scopes: 403 with
//     error="insufficient_scope" and scope listing opts.Scopes, the shape
//     MCP uses to ask for step-up authorization;
//   - a VerifyFunc or VerifyProof failure that is not a rejection: 500,
//     without a challenge, and a line in opts.ErrorLog.
//
// Errors go on the challenge of the scheme the client used; with DPoP
// configured, the other scheme's challenge follows or precedes it bare.
// Every challenge is built when RequireBearer is called, except one with
// a description or with the scopes of [RequireScopes].
//
// No form of the token or the proof (as written, percent-encoded, base64
// or hex) appears in a response or a log line of the middleware, whatever
// the verifiers' errors hold. Only the Authorization header is read:
// tokens in the query or body (RFC 6750, Sections 2.2 and 2.3) are
// ignored, as MCP requires.
//
// For browsers ([CORS]): a preflight (OPTIONS with Origin and
// Access-Control-Request-Method) goes to the next handler unauthenticated,
// unless opts.AuthenticatePreflight is set, since browsers send it without
// credentials; and a 400, 401 or 403 to a request with Origin lists
// WWW-Authenticate in Access-Control-Expose-Headers, added to the names
// already there, so that a script can read the challenge. The other CORS
// headers (Access-Control-Allow-Origin first) are the job of a CORS layer
// around the middleware.
//
// RequireBearer panics, as [http.ServeMux.Handle] does for a bad pattern,
// if verify is nil or opts are invalid: a mistake in the program, found at
// start-up. Invalid options are options without ResourceMetadata, Realm
// and Scopes; a ResourceMetadata that is not an absolute https URL (or
// http on a loopback host) without fragment and userinfo; a Realm or a
// scope that a challenge cannot carry (see [wwwauth.Bearer]); and DPoP
// options without VerifyProof, without Algs, or with an alg that is
// "none", symmetric ("HS256" and any other name starting with "HS", in any
// case) or not a token.
//
// [RFC 6750]: https://www.rfc-editor.org/rfc/rfc6750
// [RFC 9728]: https://www.rfc-editor.org/rfc/rfc9728
// [RFC 9449]: https://www.rfc-editor.org/rfc/rfc9449
// [CORS]: https://fetch.spec.whatwg.org/#http-cors-protocol
func RequireBearer(verify VerifyFunc, opts Options) func(http.Handler) http.Handler {
	g, err := newGuard(verify, opts)
	if err != nil {
		panic(err)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			g.serve(w, r, next)
		})
	}
}

// TokenInfoFrom returns the [TokenInfo] that [RequireBearer] put in the
// context of the request it let through. It reports false for a context
// the middleware did not make, such as that of a CORS preflight it let
// through unauthenticated.
func TokenInfoFrom(ctx context.Context) (TokenInfo, bool) {
	a, ok := ctx.Value(authKey{}).(*auth)
	if !ok {
		return TokenInfo{}, false
	}
	return a.info, true
}

// RequireScopes reports whether the token of r, let through by
// [RequireBearer], grants all of scopes. If it does not, it answers 403
// with error="insufficient_scope" and a scope parameter listing the
// middleware's scopes and these, and returns false: the handler should
// then return. Use it for scopes that depend on the request, such as one
// per MCP tool. If r did not come through RequireBearer with a token (a
// CORS preflight it let through did not), it answers 500 and returns
// false.
func RequireScopes(w http.ResponseWriter, r *http.Request, scopes ...string) bool {
	a, ok := r.Context().Value(authKey{}).(*auth)
	if !ok {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return false
	}
	if hasAll(a.info.Scopes, scopes) {
		return true
	}
	need := slices.Clone(a.g.scopes)
	for _, s := range scopes {
		if !slices.Contains(need, s) {
			need = append(need, s)
		}
	}
	a.g.refuse(w, r, a.scheme, codeInsufficientScope, "", need)
	return false
}

type authKey struct{}

// auth is what the middleware puts in the request's context.
type auth struct {
	info   TokenInfo
	scheme int // schemeBearer or schemeDPoP
	g      *guard
}

// authContext is the context of a request the middleware let through: a
// context.WithValue and the auth it holds in one allocation.
type authContext struct {
	context.Context
	a auth
}

// Value returns the auth for authKey, and asks the parent otherwise.
func (c *authContext) Value(key any) any {
	if _, ok := key.(authKey); ok {
		return &c.a
	}
	return c.Context.Value(key)
}

func (g *guard) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	if g.preflight && r.Method == http.MethodOptions && isPreflight(r.Header) {
		next.ServeHTTP(w, r)
		return
	}
	// The server stores fields under their canonical names, so the map
	// is read directly, as Header.Values would after canonicalizing.
	lines := r.Header["Authorization"]
	if len(lines) == 0 {
		g.refuse(w, r, schemeNone, codeNone, "", nil)
		return
	}
	scheme, token, ok := g.fastCredentials(lines)
	if !ok {
		if scheme, token, ok = g.credentials(w, r, lines); !ok {
			return
		}
	}
	g.check(w, r, next, scheme, token)
}

// fastCredentials reads the shape nearly every request has: one
// Authorization field line holding "Bearer" (or "DPoP", if configured),
// one or more SP, and a token68, with OWS around, through the parsers' own
// fast path (grammar.SchemeToken68, which reads what authz.ParseLines
// reads). It reports false for any other line, which credentials then
// reads with the full parser.
func (g *guard) fastCredentials(lines []string) (scheme int, token string, ok bool) {
	if len(lines) != 1 {
		return schemeNone, "", false
	}
	s, token, ok := grammar.SchemeToken68(lines[0])
	switch {
	case !ok:
		return schemeNone, "", false
	case grammar.EqualFold(s, "Bearer"):
		return schemeBearer, token, true
	case g.dpop != nil && grammar.EqualFold(s, "DPoP"):
		return schemeDPoP, token, true
	}
	return schemeNone, "", false
}

// credentials reads the scheme and token of the Authorization field lines
// of r with authz.ParseLines, and answers the request itself, reporting
// false, if they are not credentials of ours with a token.
func (g *guard) credentials(w http.ResponseWriter, r *http.Request, lines []string) (scheme int, token string, ok bool) {
	c, err := authz.ParseLines(lines)
	if err != nil {
		// Malformed: a Bearer request gets invalid_request, another
		// scheme the bare challenge.
		for _, l := range lines {
			if s := g.schemeOf(l); s != schemeNone {
				g.refuse(w, r, s, codeInvalidRequest, "", nil)
				return schemeNone, "", false
			}
		}
		g.refuse(w, r, schemeNone, codeNone, "", nil)
		return schemeNone, "", false
	}
	switch {
	case grammar.EqualFold(c.Scheme, "Bearer"):
		scheme = schemeBearer
	case g.dpop != nil && grammar.EqualFold(c.Scheme, "DPoP"):
		scheme = schemeDPoP
	default:
		g.refuse(w, r, schemeNone, codeNone, "", nil)
		return schemeNone, "", false
	}
	// RFC 6750, Section 2.1 and RFC 9449, Section 7.1: the scheme and a
	// b64token, which is the token68 syntax the parser checked.
	if c.Token68 == "" || len(c.Params) != 0 {
		g.refuse(w, r, scheme, codeInvalidRequest, "", nil)
		return schemeNone, "", false
	}
	return scheme, c.Token68, true
}

// check verifies the token (and the DPoP proof) of r, sent with scheme,
// and lets r through to next or answers it.
func (g *guard) check(w http.ResponseWriter, r *http.Request, next http.Handler, scheme int, token string) {
	var (
		proof  string
		header JOSEHeader
		err    error
	)
	if scheme == schemeDPoP {
		if proof, err = dpopProof(r.Header); err == nil {
			header, err = proofHeader(proof, g.dpop.Algs)
		}
		if err != nil {
			g.refuse(w, r, scheme, codeInvalidDPoPProof, "", nil)
			return
		}
	}
	info, err := g.verify(r, token)
	if err != nil {
		if errors.Is(err, ErrInvalidToken) {
			g.refuse(w, r, scheme, codeInvalidToken, g.description(err, token, proof), nil)
		} else {
			g.fail(w, r, err, token, proof)
		}
		return
	}
	switch {
	case !info.Expiry.IsZero() && !g.now().Before(info.Expiry),
		scheme == schemeBearer && info.DPoPThumbprint != "",
		scheme == schemeDPoP && info.DPoPThumbprint == "":
		g.refuse(w, r, scheme, codeInvalidToken, "", nil)
		return
	}
	if scheme == schemeDPoP {
		if err := g.proof(r, proof, header, token, info); err != nil {
			var nonce *DPoPNonceError
			switch {
			case errors.As(err, &nonce):
				if !oauthsyntax.IsNQChars(nonce.Nonce) || leaks(nonce.Nonce, token, proof) {
					g.fail(w, r, err, token, proof)
					return
				}
				w.Header().Set("DPoP-Nonce", nonce.Nonce)
				g.refuse(w, r, scheme, codeUseDPoPNonce, "", nil)
			case errors.Is(err, ErrInvalidDPoPProof):
				g.refuse(w, r, scheme, codeInvalidDPoPProof, "", nil)
			case errors.Is(err, ErrInvalidToken):
				g.refuse(w, r, scheme, codeInvalidToken, g.description(err, token, proof), nil)
			default:
				g.fail(w, r, err, token, proof)
			}
			return
		}
	}
	if !hasAll(info.Scopes, g.scopes) {
		g.refuse(w, r, scheme, codeInsufficientScope, "", nil)
		return
	}
	ctx := &authContext{Context: r.Context(), a: auth{info: info, scheme: scheme, g: g}}
	next.ServeHTTP(w, r.WithContext(ctx))
}

// refuse answers r with the status of code and the challenges carrying
// code on the challenge of scheme, with desc and scope if set.
func (g *guard) refuse(w http.ResponseWriter, r *http.Request, scheme, code int, desc string, scope []string) {
	v := g.fixed[scheme][code]
	if desc != "" || scope != nil {
		var err error
		if v, err = g.challenges(scheme, codes[code], desc, scope); err != nil {
			// Only scope from RequireScopes can get here: a
			// scope-token the program passed is invalid.
			g.fail(w, r, err)
			return
		}
	}
	status := statuses[code]
	h := w.Header()
	// What http.Error writes, with the challenge, and the values of the
	// three fields in one allocation. Each slice has its own capacity,
	// so that appending to one cannot write over the next.
	vs := new([3]string)
	vs[0], vs[1], vs[2] = v, "text/plain; charset=utf-8", "nosniff"
	h["Www-Authenticate"] = vs[0:1:1]
	delete(h, "Content-Length")
	h["Content-Type"] = vs[1:2:2]
	h["X-Content-Type-Options"] = vs[2:3:3]
	if _, ok := r.Header["Origin"]; ok {
		exposeChallenge(h)
	}
	w.WriteHeader(status)
	switch status {
	case http.StatusBadRequest:
		io.WriteString(w, "Bad Request\n")
	case http.StatusUnauthorized:
		io.WriteString(w, "Unauthorized\n")
	case http.StatusForbidden:
		io.WriteString(w, "Forbidden\n")
	}
}

// fail answers 500 and logs err, without any form of the secrets.
func (g *guard) fail(w http.ResponseWriter, r *http.Request, err error, secrets ...string) {
	g.logFailure(r, err, secrets...)
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}

// description returns the description of a *TokenError in err, if it is
// one RFC 6750 allows, within the configured length, and holds no form
// of the secrets; "" otherwise.
func (g *guard) description(err error, secrets ...string) string {
	te := tokenError(err)
	if te == nil || len(te.Description) > g.maxDesc || !oauthsyntax.IsNQSChars(te.Description) {
		return ""
	}
	if leaks(te.Description, secrets...) {
		return ""
	}
	return te.Description
}

// tokenError returns the first *TokenError in the tree of err, in the
// order errors.As visits it. It walks the tree itself so that the common
// rejection, a bare ErrInvalidToken, costs no allocation: errors.As needs
// a pointer to a variable, which escapes.
func tokenError(err error) *TokenError {
	switch e := err.(type) {
	case nil:
		return nil
	case *TokenError:
		return e
	case interface{ Unwrap() error }:
		if te := asTokenError(err); te != nil {
			return te
		}
		return tokenError(e.Unwrap())
	case interface{ Unwrap() []error }:
		if te := asTokenError(err); te != nil {
			return te
		}
		for _, err := range e.Unwrap() {
			if te := tokenError(err); te != nil {
				return te
			}
		}
		return nil
	}
	return asTokenError(err)
}

// asTokenError asks err's As method, if it has one, for a *TokenError.
func asTokenError(err error) *TokenError {
	if a, ok := err.(interface{ As(any) bool }); ok {
		var te *TokenError
		if a.As(&te) {
			return te
		}
	}
	return nil
}

// schemeOf returns schemeBearer or schemeDPoP (if configured) when the
// field line starts with that scheme, compared case-insensitively, and
// schemeNone otherwise.
func (g *guard) schemeOf(line string) int {
	start, end := grammar.TrimOWS(line)
	line = line[start:end]
	n := 0
	for n < len(line) && grammar.IsTchar(line[n]) {
		n++
	}
	switch s := line[:n]; {
	case grammar.EqualFold(s, "Bearer"):
		return schemeBearer
	case g.dpop != nil && grammar.EqualFold(s, "DPoP"):
		return schemeDPoP
	}
	return schemeNone
}

// isPreflight reports whether the header of an OPTIONS request makes it a
// CORS preflight: it has Origin and Access-Control-Request-Method (Fetch
// Standard, Section 3.2.2).
func isPreflight(h http.Header) bool {
	_, origin := h["Origin"]
	_, method := h["Access-Control-Request-Method"]
	return origin && method
}

// exposeChallenge adds WWW-Authenticate to the Access-Control-Expose-Headers
// of h, unless it is there: to the last field line, in a new slice, so
// that a slice another layer shares is not written to.
func exposeChallenge(h http.Header) {
	const key, name = "Access-Control-Expose-Headers", "WWW-Authenticate"
	lines := h[key]
	for _, l := range lines {
		// Access-Control-Expose-Headers = #field-name: tokens, no
		// quoted-string, so a comma always separates.
		for elem := range strings.SplitSeq(l, ",") {
			start, end := grammar.TrimOWS(elem)
			if grammar.EqualFold(elem[start:end], name) {
				return
			}
		}
	}
	if len(lines) == 0 {
		h[key] = []string{name}
		return
	}
	out := slices.Clone(lines)
	last := &out[len(out)-1]
	if start, end := grammar.TrimOWS(*last); start == end {
		*last = name
	} else {
		*last += ", " + name
	}
	h[key] = out
}

// hasAll reports whether have holds every element of need.
func hasAll(have, need []string) bool {
	for _, n := range need {
		if !slices.Contains(have, n) {
			return false
		}
	}
	return true
}
