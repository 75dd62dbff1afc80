package resourceserver

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/httpauth-go/httpauth/authz"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
	"github.com/httpauth-go/httpauth/wwwauth"
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
	// refuses a token whose Expiry has passed, as a safety net.
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
// and logs the error, because a verifier outage must not look like a bad
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
	// %x5D-7E, as RFC 6750, Section 3 requires, and does not hold the
	// token; otherwise the challenge goes without it.
	Description string

	// Err is an optional cause, for errors.Is and errors.As. It is never
	// sent.
	Err error
}

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
// header.
type DPoPNonceError struct {
	// Nonce is the nonce to use: 1*NQCHAR (RFC 9449, Section 8.1).
	Nonce string
}

func (e *DPoPNonceError) Error() string { return "resourceserver: DPoP proof needs the server's nonce" }

// DPoPOptions configure the DPoP scheme in [RequireBearer].
//
// The middleware checks the shape of the proof: one DPoP header holding a
// compact JWS whose JOSE header has typ "dpop+jwt", an alg among Algs and
// a jwk. Everything else in RFC 9449, Section 4.3 is VerifyProof's job,
// since it needs JOSE cryptography that the standard library does not
// package: the signature against the jwk, htm and htu against the request,
// iat, jti replay, the nonce, ath against the token's hash, and that the
// jwk's thumbprint is info.DPoPThumbprint.
type DPoPOptions struct {
	// Algs are the JWS algorithms accepted for proofs, such as "ES256",
	// sent in the DPoP challenge's algs parameter. At least one. "none"
	// and the symmetric algorithms (any name starting with "HS") are
	// refused, in any case, since RFC 9449, Section 4.3 requires an
	// asymmetric algorithm.
	Algs []string

	// VerifyProof checks proof, the DPoP header of r, for the token that
	// the VerifyFunc accepted as info. It returns an error wrapping
	// ErrInvalidDPoPProof to reject the proof, a *DPoPNonceError to ask
	// for a nonce, an error wrapping ErrInvalidToken to reject the token,
	// and any other error if the check failed (answered with 500). It is
	// required.
	VerifyProof func(r *http.Request, proof, token string, info TokenInfo) error
}

// Options configure [RequireBearer]. At least one of ResourceMetadata,
// Realm and Scopes must be set: the challenge of a request without
// credentials carries them, and [RFC 6750, Section 3] requires a Bearer
// challenge to have at least one auth-param.
//
// [RFC 6750, Section 3]: https://www.rfc-editor.org/rfc/rfc6750#section-3
type Options struct {
	// ResourceMetadata is the URL of the resource's RFC 9728 metadata
	// document (see [NewHandler]), sent in every challenge. MCP requires
	// it. It must be an absolute https URL, or http on a loopback host.
	ResourceMetadata string

	// Realm, if set, is sent in every challenge.
	Realm string

	// Scopes are the scopes every request needs. A token that lacks one
	// gets 403 with error="insufficient_scope" and scope listing all of
	// them. They are also sent, as a hint, in every challenge.
	Scopes []string

	// DPoP, if set, makes the middleware accept DPoP-bound tokens with
	// the DPoP scheme too, and send a DPoP challenge after the Bearer one
	// (RFC 9449, Section 7.2).
	DPoP *DPoPOptions

	// ErrorLog receives the errors of the verifiers that are not
	// rejections, with any occurrence of the token or proof replaced by
	// "[redacted]". Nil means [slog.Default]. Nothing else is logged.
	ErrorLog *slog.Logger
}

var (
	errNilVerify      = errors.New("resourceserver: RequireBearer: nil VerifyFunc")
	errNilVerifyProof = errors.New("resourceserver: RequireBearer: DPoP without VerifyProof")
	errNoAlgs         = errors.New("resourceserver: RequireBearer: DPoP without Algs")
	errWeakAlg        = errors.New(`resourceserver: RequireBearer: DPoP Algs holds "none" or a symmetric HS algorithm`)
	errBareChallenge  = errors.New("resourceserver: RequireBearer: Options without ResourceMetadata, Realm or Scopes make a Bearer challenge with no auth-param")
)

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
//   - a DPoP proof that is missing, malformed or rejected: 401 with
//     error="invalid_dpop_proof" on the DPoP challenge; a
//     [*DPoPNonceError]: 401 with error="use_dpop_nonce" and DPoP-Nonce;
//   - a valid token that lacks one of opts.Scopes: 403 with
//     error="insufficient_scope" and scope listing opts.Scopes, the shape
//     MCP uses to ask for step-up authorization;
//   - a VerifyFunc or VerifyProof failure that is not a rejection: 500,
//     without a challenge, and the error logged.
//
// Errors go on the challenge of the scheme the client used; with DPoP
// configured, the other scheme's challenge follows or precedes it bare.
// The token never appears in a response or a log line of the middleware.
// Only the Authorization header is read: tokens in the query or body
// (RFC 6750, Sections 2.2 and 2.3) are ignored, as MCP requires.
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
// the middleware did not make.
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
// per MCP tool. If r did not come through RequireBearer, it answers 500 and
// returns false.
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
	a.g.refuse(w, r, a.scheme, wwwauth.CodeInsufficientScope, "", need)
	return false
}

type authKey struct{}

// auth is what the middleware puts in the request's context.
type auth struct {
	info   TokenInfo
	scheme string // "Bearer" or "DPoP"
	g      *guard
}

// guard is a configured RequireBearer.
type guard struct {
	verify VerifyFunc
	scopes []string
	bearer wwwauth.Bearer
	dpop   *wwwauth.DPoP // nil without DPoP
	proof  func(r *http.Request, proof, token string, info TokenInfo) error
	log    *slog.Logger

	// Header values of the responses that do not depend on the request.
	noCredentials []string
}

func newGuard(verify VerifyFunc, o Options) (*guard, error) {
	if verify == nil {
		return nil, errNilVerify
	}
	if o.ResourceMetadata == "" && o.Realm == "" && len(o.Scopes) == 0 {
		return nil, errBareChallenge
	}
	g := &guard{
		verify: verify,
		scopes: slices.Clone(o.Scopes),
		bearer: wwwauth.Bearer{Realm: o.Realm, Scope: slices.Clone(o.Scopes), ResourceMetadata: o.ResourceMetadata},
		log:    o.ErrorLog,
	}
	if _, err := g.bearer.Challenge(); err != nil {
		return nil, err
	}
	if o.DPoP != nil {
		switch {
		case o.DPoP.VerifyProof == nil:
			return nil, errNilVerifyProof
		case len(o.DPoP.Algs) == 0:
			return nil, errNoAlgs
		}
		for _, a := range o.DPoP.Algs {
			if grammar.EqualFold(a, "none") || len(a) >= 2 && grammar.EqualFold(a[:2], "HS") {
				return nil, errWeakAlg
			}
		}
		g.dpop = &wwwauth.DPoP{Realm: o.Realm, Scope: g.bearer.Scope, Algs: slices.Clone(o.DPoP.Algs), ResourceMetadata: o.ResourceMetadata}
		if _, err := g.dpop.Challenge(); err != nil {
			return nil, err
		}
		g.proof = o.DPoP.VerifyProof
	}
	v, err := g.challenges("", "", "", nil)
	if err != nil {
		return nil, err
	}
	g.noCredentials = []string{v}
	return g, nil
}

// challenges returns the WWW-Authenticate value with code and desc on the
// challenge of scheme, and scope (if not nil) in place of the configured
// scopes on that challenge.
func (g *guard) challenges(scheme string, code wwwauth.ErrorCode, desc string, scope []string) (string, error) {
	b := g.bearer
	if scheme == "Bearer" {
		b.Error, b.ErrorDescription = code, desc
		if scope != nil {
			b.Scope = scope
		}
	}
	bc, err := b.Challenge()
	if err != nil {
		return "", err
	}
	if g.dpop == nil {
		return wwwauth.Format(bc)
	}
	d := *g.dpop
	if scheme == "DPoP" {
		d.Error, d.ErrorDescription = code, desc
		if scope != nil {
			d.Scope = scope
		}
	}
	dc, err := d.Challenge()
	if err != nil {
		return "", err
	}
	return wwwauth.Format(bc, dc)
}

// refuse writes the response of a refused request.
func (g *guard) refuse(w http.ResponseWriter, r *http.Request, scheme string, code wwwauth.ErrorCode, desc string, scope []string) {
	status := code.Status()
	var v string
	if code == "" {
		status, v = http.StatusUnauthorized, g.noCredentials[0]
	} else {
		var err error
		if v, err = g.challenges(scheme, code, desc, scope); err != nil {
			// Only scope from RequireScopes can get here: a scope-token
			// the program passed is invalid.
			g.fail(w, r, err, "", "")
			return
		}
	}
	w.Header()["Www-Authenticate"] = []string{v}
	http.Error(w, http.StatusText(status), status)
}

// fail answers 500 and logs err, scrubbed of the secrets.
func (g *guard) fail(w http.ResponseWriter, r *http.Request, err error, secrets ...string) {
	msg := err.Error()
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "[redacted]")
		}
	}
	log := g.log
	if log == nil {
		log = slog.Default()
	}
	log.ErrorContext(r.Context(), "resourceserver: cannot check the request's credentials",
		"method", r.Method, "path", r.URL.Path, "error", msg)
	http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
}

func (g *guard) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	lines := r.Header.Values("Authorization")
	if len(lines) == 0 {
		g.refuse(w, r, "", "", "", nil)
		return
	}
	c, err := authz.Parse(r.Header)
	if err != nil {
		// Malformed: a Bearer request gets invalid_request, another
		// scheme the bare challenge.
		for _, l := range lines {
			if s := g.schemeOf(l); s != "" {
				g.refuse(w, r, s, wwwauth.CodeInvalidRequest, "", nil)
				return
			}
		}
		g.refuse(w, r, "", "", "", nil)
		return
	}
	var token, scheme, proof string
	switch {
	case c.Is("Bearer"):
		scheme = "Bearer"
		token, err = authz.ParseBearer(c)
	case c.Is("DPoP") && g.dpop != nil:
		scheme = "DPoP"
		token, err = authz.ParseDPoP(c)
	default:
		g.refuse(w, r, "", "", "", nil)
		return
	}
	if err != nil {
		g.refuse(w, r, scheme, wwwauth.CodeInvalidRequest, "", nil)
		return
	}
	if scheme == "DPoP" {
		if proof, err = dpopProof(r.Header); err != nil || !g.proofHeaderOK(proof) {
			g.refuse(w, r, scheme, wwwauth.CodeInvalidDPoPProof, "", nil)
			return
		}
	}
	info, err := g.verify(r, token)
	if err != nil {
		if errors.Is(err, ErrInvalidToken) {
			g.refuse(w, r, scheme, wwwauth.CodeInvalidToken, safeDescription(err, token, proof), nil)
		} else {
			g.fail(w, r, err, token, proof)
		}
		return
	}
	switch {
	case !info.Expiry.IsZero() && !time.Now().Before(info.Expiry),
		scheme == "Bearer" && info.DPoPThumbprint != "",
		scheme == "DPoP" && info.DPoPThumbprint == "":
		g.refuse(w, r, scheme, wwwauth.CodeInvalidToken, "", nil)
		return
	}
	if scheme == "DPoP" {
		if err := g.proof(r, proof, token, info); err != nil {
			var nonce *DPoPNonceError
			switch {
			case errors.As(err, &nonce) && oauthsyntax.IsNQChars(nonce.Nonce):
				w.Header().Set("DPoP-Nonce", nonce.Nonce)
				g.refuse(w, r, scheme, wwwauth.CodeUseDPoPNonce, "", nil)
			case errors.Is(err, ErrInvalidDPoPProof):
				g.refuse(w, r, scheme, wwwauth.CodeInvalidDPoPProof, "", nil)
			case errors.Is(err, ErrInvalidToken):
				g.refuse(w, r, scheme, wwwauth.CodeInvalidToken, safeDescription(err, token, proof), nil)
			default:
				g.fail(w, r, err, token, proof)
			}
			return
		}
	}
	if !hasAll(info.Scopes, g.scopes) {
		g.refuse(w, r, scheme, wwwauth.CodeInsufficientScope, "", nil)
		return
	}
	ctx := context.WithValue(r.Context(), authKey{}, &auth{info: info, scheme: scheme, g: g})
	next.ServeHTTP(w, r.WithContext(ctx))
}

// schemeOf returns "Bearer" or "DPoP" (if configured) when the field line
// starts with that scheme, compared case-insensitively, and "" otherwise.
func (g *guard) schemeOf(line string) string {
	start, end := grammar.TrimOWS(line)
	line = line[start:end]
	n := 0
	for n < len(line) && grammar.IsTchar(line[n]) {
		n++
	}
	switch s := line[:n]; {
	case grammar.EqualFold(s, "Bearer"):
		return "Bearer"
	case g.dpop != nil && grammar.EqualFold(s, "DPoP"):
		return "DPoP"
	}
	return ""
}

// maxProofHeader bounds the JOSE header of a DPoP proof the middleware
// decodes; real ones, with an RSA key, are under 1 KiB.
const maxProofHeader = 8 << 10

// proofHeaderOK checks the JOSE header of a proof that dpopProof accepted:
// typ dpop+jwt, an alg among the configured ones, and a jwk object
// (RFC 9449, Section 4.3, checks 4 to 6, as far as they need no
// cryptography).
func (g *guard) proofHeaderOK(proof string) bool {
	seg, _, _ := strings.Cut(proof, ".")
	if len(seg) > maxProofHeader {
		return false
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(seg)
	if err != nil {
		return false
	}
	var h struct {
		Typ string          `json:"typ"`
		Alg string          `json:"alg"`
		JWK json.RawMessage `json:"jwk"`
	}
	if json.Unmarshal(raw, &h) != nil {
		return false
	}
	return grammar.EqualFold(h.Typ, "dpop+jwt") && slices.Contains(g.dpop.Algs, h.Alg) &&
		len(h.JWK) > 0 && h.JWK[0] == '{'
}

// safeDescription returns the description of a *TokenError in err, if it
// is one RFC 6750 allows and holds no secret; "" otherwise.
func safeDescription(err error, secrets ...string) string {
	var te *TokenError
	if !errors.As(err, &te) || !oauthsyntax.IsNQSChars(te.Description) {
		return ""
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(te.Description, s) {
			return ""
		}
	}
	return te.Description
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
