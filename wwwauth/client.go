package wwwauth

import (
	"net/http"

	"github.com/httpauth-go/httpauth"

	"github.com/httpauth-go/httpauth/internal/grammar"
	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
)

// A Response is what a client learns from a response that asks it to
// authenticate: a 401 (Unauthorized), a 403 (Forbidden) with an
// insufficient_scope challenge, a 400 with an invalid_request one, or a 407
// (Proxy Authentication Required).
type Response struct {
	// StatusCode is the response's status code.
	StatusCode int

	// Proxy is set for a 407: the challenges are those of the
	// Proxy-Authenticate field (RFC 9110, Section 11.7.1). Otherwise they
	// are those of WWW-Authenticate.
	Proxy bool

	// Challenges are the challenges of the field, in order.
	Challenges []Challenge

	// Recoveries lists what a lenient parse recovered from; it is empty
	// when the field followed RFC 9110. As [Parser.Recovered] is, it is
	// given the first 64, and RecoveriesOmitted counts the others.
	Recoveries        []httpauth.Recovery
	RecoveriesOmitted int

	// DPoPNonce is the DPoP-Nonce header of the response (RFC 9449,
	// Section 9), which comes with a use_dpop_nonce error. It is "" if
	// the header is absent, repeated, or not 1*NQCHAR.
	DPoPNonce string
}

var lenient = Parser{Lenient: true}

// ParseResponse reads the challenges of resp: those of Proxy-Authenticate
// for a 407, and of WWW-Authenticate otherwise. Unlike the other
// package-level functions, it parses leniently, because a client must make
// do with the headers servers really send: it recovers what it can and
// lists each recovery in [Response.Recoveries] rather than failing. It
// fails only when resp is nil or the field exceeds the default [Parser]
// limits (a [*httpauth.SyntaxError] wrapping [httpauth.ErrTooLarge]).
//
// A response without the field gives a Response without challenges and no
// error. ParseResponse does not read or close the body.
func ParseResponse(resp *http.Response) (*Response, error) {
	return lenient.ParseResponse(resp)
}

// ParseResponse is like the package-level [ParseResponse], with p's mode
// and limits: a strict Parser returns a [*httpauth.SyntaxError] for a malformed
// field.
func (p *Parser) ParseResponse(resp *http.Response) (*Response, error) {
	if resp == nil {
		return nil, errNilResponse
	}
	r := &Response{StatusCode: resp.StatusCode, Proxy: resp.StatusCode == http.StatusProxyAuthRequired}
	field := "Www-Authenticate"
	if r.Proxy {
		field = "Proxy-Authenticate"
	}
	q := *p
	q.Recovered = func(rs []httpauth.Recovery, omitted int) {
		r.Recoveries, r.RecoveriesOmitted = rs, omitted
		if p.Recovered != nil {
			p.Recovered(rs, omitted)
		}
	}
	cs, err := q.ParseLines(resp.Header.Values(field))
	if err != nil {
		return nil, err
	}
	r.Challenges = cs
	if n := resp.Header.Values("Dpop-Nonce"); len(n) == 1 && oauthsyntax.IsNQChars(n[0]) {
		r.DPoPNonce = n[0]
	}
	return r, nil
}

// Bearer returns the first Bearer challenge of r as a [Bearer]. It reports
// false if there is none, and returns the error of [ParseBearer] if the
// first one is malformed. Use [Find] on r.Challenges to see the others.
func (r *Response) Bearer() (Bearer, bool, error) {
	for _, c := range r.Challenges {
		if c.Is("Bearer") {
			b, err := ParseBearer(c)
			return b, true, err
		}
	}
	return Bearer{}, false, nil
}

// DPoP returns the first DPoP challenge of r as a [DPoP], as
// [Response.Bearer] does. A 407's DPoP challenges do not count: RFC 9449,
// Section 7.1 forbids the scheme in Proxy-Authenticate.
func (r *Response) DPoP() (DPoP, bool, error) {
	if r.Proxy {
		return DPoP{}, false, nil
	}
	for _, c := range r.Challenges {
		if c.Is("DPoP") {
			d, err := ParseDPoP(c)
			return d, true, err
		}
	}
	return DPoP{}, false, nil
}

// oauthParam returns the scheme and value of the first non-empty parameter
// name of a Bearer or DPoP challenge of r (DPoP only outside a 407), read
// as [Challenge.Param] reads it: case-insensitively, preferring a decodable
// RFC 8187 name* to name.
func (r *Response) oauthParam(name string) (scheme, value string, ok bool) {
	for _, c := range r.Challenges {
		if !c.Is("Bearer") && (r.Proxy || !c.Is("DPoP")) {
			continue
		}
		if v, ok := c.Param(name); ok && v != "" {
			return c.Scheme, v, true
		}
	}
	return "", "", false
}

// ResourceMetadata returns the URL of the resource's RFC 9728 metadata
// document: the first non-empty resource_metadata parameter of a Bearer or
// DPoP challenge ([RFC 9728, Section 5.1]). It returns
// [ErrNoResourceMetadata] if there is none, and a [*httpauth.ParamError] if the URL
// is not one a client may fetch: an absolute https URL, or http on a
// loopback host, without fragment or userinfo.
//
// A client that fetches the document must then check that its resource
// is the URL it requested ([RFC 9728, Section 3.3]).
//
// [RFC 9728, Section 5.1]: https://www.rfc-editor.org/rfc/rfc9728#section-5.1
// [RFC 9728, Section 3.3]: https://www.rfc-editor.org/rfc/rfc9728#section-3.3
func (r *Response) ResourceMetadata() (string, error) {
	scheme, v, ok := r.oauthParam("resource_metadata")
	if !ok {
		return "", ErrNoResourceMetadata
	}
	if _, err := oauthsyntax.CheckFetchURL(v); err != nil {
		return "", &httpauth.ParamError{Scheme: canonicalScheme(scheme), Name: "resource_metadata", Reason: err.Error()}
	}
	return v, nil
}

// Scope returns the scopes the server asks for: the first non-empty scope
// parameter of a Bearer or DPoP challenge, split on spaces. It returns nil
// if there is none, and a [*httpauth.ParamError] if an element is not a
// scope-token. MCP clients request these scopes, in preference to the
// metadata's scopes_supported, on a 401, and again on a 403 with
// insufficient_scope.
func (r *Response) Scope() ([]string, error) {
	scheme, v, ok := r.oauthParam("scope")
	if !ok {
		return nil, nil
	}
	return parseList(canonicalScheme(scheme), "scope", v)
}

// ErrorCode returns the first non-empty error parameter of a Bearer or
// DPoP challenge, or "" if there is none. It returns a [*httpauth.ParamError] if the
// value holds a character RFC 6750 does not allow. See [ErrorCode.Status]
// for what each code means.
func (r *Response) ErrorCode() (ErrorCode, error) {
	scheme, v, ok := r.oauthParam("error")
	if !ok {
		return "", nil
	}
	e, err := parseNQS(canonicalScheme(scheme), "error", v)
	return ErrorCode(e), err
}

// canonicalScheme returns "Bearer" or "DPoP" for a scheme as received, so
// that a ParamError names the scheme as its RFC spells it.
func canonicalScheme(s string) string {
	if grammar.EqualFold(s, "DPoP") {
		return "DPoP"
	}
	return "Bearer"
}
