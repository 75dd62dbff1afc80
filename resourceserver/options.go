package resourceserver

import (
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/wwwauth"
)

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

	// ErrorLog receives one line for each verifier failure that is not a
	// rejection (answered 500). Nil means [slog.Default]. Nothing else is
	// logged.
	//
	// The line holds the request's method and path, the Go types of the
	// errors in the failure's chain (such as *url.Error and
	// syscall.Errno), and the fixed texts of the causes known to hold no
	// secret: the context errors, io.EOF and io.ErrUnexpectedEOF, a
	// system call error such as "connection refused", and "timeout" for
	// an error whose Timeout method reports true. It does not hold the
	// error's own text, which may carry the token in any encoding (a
	// verifier that calls an introspection URL gets errors quoting the
	// URL, token included), unless LogErrorText is set.
	ErrorLog *slog.Logger

	// LogErrorText adds the error's text to that line, with every
	// occurrence of the token and the DPoP proof replaced by "[redacted]":
	// as written, percent-encoded (query and path escaping, upper- or
	// lower-case hex), in standard or URL base64 with or without padding,
	// and in upper- or lower-case hex. Set it only for a verifier whose
	// errors are known to hold no other form of them.
	LogErrorText bool

	// MaxDescriptionBytes is the longest [TokenError] description sent as
	// error_description; a longer one is left out of the challenge. Zero
	// means 256; a negative value sends no description.
	MaxDescriptionBytes int

	// Now returns the current time, against which the middleware checks
	// TokenInfo.Expiry. Nil means [time.Now].
	Now func() time.Time

	// AuthenticatePreflight makes a CORS preflight (an OPTIONS request
	// with Origin and Access-Control-Request-Method) need a token like
	// any other request. By default a preflight goes to the next handler
	// unauthenticated, since browsers never send credentials with one
	// (Fetch Standard, Section 3.2.2): a handler or CORS layer behind the
	// middleware answers it.
	AuthenticatePreflight bool
}

// DPoPOptions configure the DPoP scheme in [RequireBearer].
//
// The middleware checks the shape of the proof: one DPoP header holding a
// compact JWS whose JOSE header has typ "dpop+jwt", an alg among Algs and
// a jwk without a private key, with no member name repeated or in another
// case (see [JOSEHeader]). Everything else in [RFC 9449, Section 4.3] is
// VerifyProof's job, since it needs JOSE cryptography that the standard
// library does not package: the signature against the jwk with the
// checked alg, htm and htu against the request, iat, jti replay, the
// nonce, ath against the token's hash, and that the jwk's thumbprint is
// info.DPoPThumbprint.
//
// [RFC 9449, Section 4.3]: https://www.rfc-editor.org/rfc/rfc9449#section-4.3
type DPoPOptions struct {
	// Algs are the JWS algorithms accepted for proofs, such as "ES256",
	// sent in the DPoP challenge's algs parameter. At least one. "none"
	// and the symmetric algorithms (any name starting with "HS") are
	// refused, in any case, since RFC 9449, Section 4.3 requires an
	// asymmetric algorithm.
	Algs []string

	// VerifyProof checks proof, the DPoP header of r, whose JOSE header
	// the middleware checked and hands over as header, for the token that
	// the VerifyFunc accepted as info. It returns an error wrapping
	// ErrInvalidDPoPProof to reject the proof, a *DPoPNonceError to ask
	// for a nonce, an error wrapping ErrInvalidToken to reject the token,
	// and any other error if the check failed (answered with 500). It is
	// required.
	VerifyProof func(r *http.Request, proof string, header JOSEHeader, token string, info TokenInfo) error
}

// defaultMaxDescription is the MaxDescriptionBytes of the zero Options.
const defaultMaxDescription = 256

var (
	errNilVerify      = errors.New("resourceserver: RequireBearer: nil VerifyFunc")
	errNilVerifyProof = errors.New("resourceserver: RequireBearer: DPoP without VerifyProof")
	errNoAlgs         = errors.New("resourceserver: RequireBearer: DPoP without Algs")
	errWeakAlg        = errors.New(`resourceserver: RequireBearer: DPoP Algs holds "none" or a symmetric HS algorithm`)
	errBareChallenge  = errors.New("resourceserver: RequireBearer: Options without ResourceMetadata, Realm or Scopes make a Bearer challenge with no auth-param")
)

// The schemes of a request, as indexes of guard.fixed.
const (
	schemeNone   = iota // no credentials of ours
	schemeBearer        // Bearer
	schemeDPoP          // DPoP, when configured
)

// The error codes, as indexes of guard.fixed; codeNone is the challenge
// without an error parameter.
const (
	codeNone = iota
	codeInvalidRequest
	codeInvalidToken
	codeInsufficientScope
	codeInvalidDPoPProof
	codeUseDPoPNonce
	numCodes
)

var codes = [numCodes]wwwauth.ErrorCode{
	codeNone:              "",
	codeInvalidRequest:    wwwauth.CodeInvalidRequest,
	codeInvalidToken:      wwwauth.CodeInvalidToken,
	codeInsufficientScope: wwwauth.CodeInsufficientScope,
	codeInvalidDPoPProof:  wwwauth.CodeInvalidDPoPProof,
	codeUseDPoPNonce:      wwwauth.CodeUseDPoPNonce,
}

// statuses are the status codes of the codes: RFC 6750, Section 3.1 and
// RFC 9449, Sections 7.1 and 9.
var statuses = [numCodes]int{
	codeNone:              http.StatusUnauthorized,
	codeInvalidRequest:    http.StatusBadRequest,
	codeInvalidToken:      http.StatusUnauthorized,
	codeInsufficientScope: http.StatusForbidden,
	codeInvalidDPoPProof:  http.StatusUnauthorized,
	codeUseDPoPNonce:      http.StatusUnauthorized,
}

// guard is a configured RequireBearer.
type guard struct {
	verify  VerifyFunc
	scopes  []string
	bearer  wwwauth.Bearer
	dpop    *wwwauth.DPoP // nil without DPoP
	proof   func(r *http.Request, proof string, header JOSEHeader, token string, info TokenInfo) error
	log     *slog.Logger // nil: slog.Default() at the time of logging
	logText bool
	maxDesc int // < 0: no description
	now     func() time.Time
	// preflight: let CORS preflights through unauthenticated.
	preflight bool

	// fixed holds the WWW-Authenticate values that do not depend on the
	// request, built once: fixed[scheme][code] carries code on the
	// challenge of scheme. The codes that cannot occur for a scheme
	// (invalid_dpop_proof on Bearer) are "".
	fixed [3][numCodes]string
}

func newGuard(verify VerifyFunc, o Options) (*guard, error) {
	if verify == nil {
		return nil, errNilVerify
	}
	if o.ResourceMetadata == "" && o.Realm == "" && len(o.Scopes) == 0 {
		return nil, errBareChallenge
	}
	g := &guard{
		verify:    verify,
		scopes:    slices.Clone(o.Scopes),
		bearer:    wwwauth.Bearer{Realm: o.Realm, Scope: slices.Clone(o.Scopes), ResourceMetadata: o.ResourceMetadata},
		log:       o.ErrorLog,
		logText:   o.LogErrorText,
		maxDesc:   o.MaxDescriptionBytes,
		now:       o.Now,
		preflight: !o.AuthenticatePreflight,
	}
	if g.maxDesc == 0 {
		g.maxDesc = defaultMaxDescription
	}
	if g.now == nil {
		g.now = time.Now
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
		g.proof = o.DPoP.VerifyProof
	}
	var err error
	if g.fixed[schemeNone][codeNone], err = g.challenges(schemeNone, "", "", nil); err != nil {
		return nil, err
	}
	for code := codeInvalidRequest; code < numCodes; code++ {
		if code < codeInvalidDPoPProof {
			if g.fixed[schemeBearer][code], err = g.challenges(schemeBearer, codes[code], "", nil); err != nil {
				return nil, err
			}
		}
		if g.dpop != nil {
			if g.fixed[schemeDPoP][code], err = g.challenges(schemeDPoP, codes[code], "", nil); err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}

// challenges returns the WWW-Authenticate value with code and desc on the
// challenge of scheme, and scope (if not nil) in place of the configured
// scopes on that challenge: the Bearer challenge, then the DPoP one if
// DPoP is configured (RFC 9449, Section 7.2).
func (g *guard) challenges(scheme int, code wwwauth.ErrorCode, desc string, scope []string) (string, error) {
	b := g.bearer
	if scheme == schemeBearer {
		b.Error, b.ErrorDescription = code, desc
		if scope != nil {
			b.Scope = scope
		}
	}
	bc, err := b.Challenge()
	if err != nil {
		return "", err
	}
	v, err := bc.AppendText(nil)
	if err != nil || g.dpop == nil {
		return string(v), err
	}
	d := *g.dpop
	if scheme == schemeDPoP {
		d.Error, d.ErrorDescription = code, desc
		if scope != nil {
			d.Scope = scope
		}
	}
	dc, err := d.Challenge()
	if err != nil {
		return "", err
	}
	if v, err = dc.AppendText(append(v, ", "...)); err != nil {
		return "", err
	}
	return string(v), nil
}
