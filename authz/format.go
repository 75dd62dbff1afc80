package authz

import (
	"net/http"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// quote is the quoting policy of credentials: which values are sent as a
// quoted-string even when they are a token.
//
//   - realm, always: RFC 9110, Section 11.5.
//   - username, realm, uri, nonce, cnonce, response and opaque of Digest:
//     RFC 7616, Section 3.4 quotes them (and never quotes algorithm, qop
//     and nc, which are tokens).
//   - every parameter of OAuth (RFC 5849, Section 3.5.1), Hawk and
//     Signature (draft-cavage-http-signatures): their specifications
//     quote every value, and their servers parse them so.
//
// Everything else is a token when it can be one.
func quote(scheme, name string) bool {
	switch {
	case grammar.EqualFold(name, "realm"):
		return true
	case grammar.EqualFold(scheme, "OAuth"), grammar.EqualFold(scheme, "Hawk"), grammar.EqualFold(scheme, "Signature"):
		return true
	case grammar.EqualFold(scheme, "Digest"):
		for _, q := range [...]string{"username", "uri", "nonce", "cnonce", "response", "opaque"} {
			if grammar.EqualFold(name, q) {
				return true
			}
		}
	}
	return false
}

// WireForm returns the wire form of c: the field value that carries the
// secret, the scheme as given, one SP, then the token68 or the parameters
// joined by ", ", each value a token when it can be and a quoted-string
// otherwise or when the scheme's specification quotes it (realm always;
// Digest's username, uri, nonce, cnonce, response and opaque; every OAuth,
// Hawk and Signature value). It is, with [Set] and [SetProxy], the only
// way to get the secret back out of Credentials; write a header with
// those.
//
// WireForm refuses, with a [*httpauth.FormatError], a scheme or parameter
// name that is empty or not a token, a value holding CR, LF, NUL, another
// control character or DEL, an invalid token68, a token68 together with
// parameters, and a parameter name that occurs twice. Whatever it returns,
// [ParseString] parses back to c.
func (c Credentials) WireForm() (string, error) {
	b, err := c.appendWire(make([]byte, 0, 64))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func (c Credentials) appendWire(b []byte) ([]byte, error) {
	b, err := grammar.AppendAuth(b, c.Scheme, c.Token68, c.Params, quote)
	if err != nil {
		return b, formatError(err.Param, err.Err)
	}
	return b, nil
}

// Set replaces the Authorization field of h with c (RFC 9110,
// Section 11.6.2). On error it leaves h unchanged.
func Set(h http.Header, c Credentials) error { return set(h, "Authorization", c) }

// SetProxy replaces the Proxy-Authorization field of h with c (RFC 9110,
// Section 11.7.2). On error it leaves h unchanged.
func SetProxy(h http.Header, c Credentials) error { return set(h, "Proxy-Authorization", c) }

func set(h http.Header, field string, c Credentials) error {
	v, err := c.WireForm()
	if err != nil {
		return err
	}
	h[field] = []string{v}
	return nil
}
