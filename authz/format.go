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

// AppendText appends the wire form of c to b (it implements
// [encoding.TextAppender]): the scheme as given, one SP, then the token68 or
// the parameters joined by ", ", each value a token when it can be and a
// quoted-string otherwise or when the scheme's specification quotes it
// (Digest, OAuth, Hawk, Signature). This is the secret;
// use it to write the header, not to log it.
//
// AppendText refuses, with a [*FormatError] and b unchanged, a scheme or
// parameter name that is empty or not a token, a value holding CR, LF, NUL,
// another control character or DEL, an invalid token68, a token68 together
// with parameters, and a parameter name that occurs twice. Whatever it
// writes, [ParseString] parses back to c.
func (c Credentials) AppendText(b []byte) ([]byte, error) {
	b, err := grammar.AppendAuth(b, c.Scheme, c.Token68, c.Params, quote)
	if err != nil {
		return b, &FormatError{Param: err.Param, Err: err.Err}
	}
	return b, nil
}

// MarshalText returns the wire form of c, as [Credentials.AppendText] does:
// the secret, for writing the header, not for logging it.
func (c Credentials) MarshalText() ([]byte, error) {
	return c.AppendText(nil)
}

// String returns the wire form of c: the secret, for writing the header.
// The fmt package does not call it (see [Credentials.Format]); call it
// yourself. If c cannot be serialized, String returns a description of the
// problem that starts with "!invalid credentials: " and holds none of c's
// bytes.
func (c Credentials) String() string {
	b, err := c.AppendText(make([]byte, 0, 64))
	if err != nil {
		return "!invalid credentials: " + err.Error()
	}
	return string(b)
}

// UnmarshalText sets c to the credentials in text, parsed strictly.
func (c *Credentials) UnmarshalText(text []byte) error {
	v, err := ParseString(string(text))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// WireForm returns the wire form of c: the field value that carries the
// secret, for writing a header by hand. It is the one method of
// Credentials that returns the secret; [Set] and [SetProxy] write it for
// you. It refuses what [Credentials.AppendText] refuses.
func (c Credentials) WireForm() (string, error) {
	b, err := c.AppendText(make([]byte, 0, 64))
	if err != nil {
		return "", err
	}
	return string(b), nil
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
