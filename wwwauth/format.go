package wwwauth

import (
	"net/http"

	"github.com/httpauth-go/httpauth"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// quote is the quoting policy of challenges: which values are sent as a
// quoted-string even when they are a token.
//
//   - realm, always: RFC 9110, Section 11.5 says senders MUST.
//   - every parameter of Bearer and DPoP: the grammars of RFC 6750,
//     Section 3 and RFC 9449, Section 7.1 write each value as a
//     quoted-string, and clients in the wild match `error="..."`.
//   - domain, nonce, opaque and qop of Digest: RFC 7616, Section 3.3
//     quotes them (and never quotes stale and algorithm, which are tokens).
//
// Everything else is a token when it can be one.
func quote(scheme, name string) bool {
	switch {
	case grammar.EqualFold(name, "realm"):
		return true
	case grammar.EqualFold(scheme, "Bearer"), grammar.EqualFold(scheme, "DPoP"):
		return true
	case grammar.EqualFold(scheme, "Digest"):
		return grammar.EqualFold(name, "domain") || grammar.EqualFold(name, "nonce") ||
			grammar.EqualFold(name, "opaque") || grammar.EqualFold(name, "qop")
	}
	return false
}

// AppendText appends the wire form of c to b (it implements
// [encoding.TextAppender]): the scheme as given, one SP, then the token68 or
// the parameters joined by ", ". Values are tokens when they can be, and
// quoted-strings (escaping only DQUOTE and backslash) otherwise or when the
// scheme's RFC quotes them: realm always (RFC 9110, Section 11.5), every
// Bearer and DPoP parameter (RFC 6750, Section 3; RFC 9449, Section 7.1),
// and Digest's domain, nonce, opaque and qop (RFC 7616, Section 3.3).
//
// AppendText refuses, with a [*httpauth.FormatError] and b unchanged, a scheme or
// parameter name that is empty or not a token, a value holding CR, LF, NUL,
// another control character or DEL, an invalid token68, a token68 together
// with parameters, and a parameter name that occurs twice (compared
// case-insensitively). Whatever it writes, [ParseString] parses back to c.
func (c Challenge) AppendText(b []byte) ([]byte, error) {
	b, err := grammar.AppendAuth(b, c.Scheme, c.Token68, c.Params, quote)
	if err != nil {
		return b, formatError(0, err)
	}
	return b, nil
}

// MarshalText returns the wire form of c, as [Challenge.AppendText] does.
func (c Challenge) MarshalText() ([]byte, error) {
	return c.AppendText(nil)
}

// String returns the wire form of c. If c cannot be serialized, it returns a
// description of the problem that starts with "!invalid challenge: " and
// holds none of c's bytes; it never returns bytes AppendText would refuse.
func (c Challenge) String() string {
	b, err := c.AppendText(make([]byte, 0, 64))
	if err != nil {
		return "!invalid challenge: " + err.Error()
	}
	return string(b)
}

// UnmarshalText sets c to the one challenge in text, parsed strictly. It
// returns a [*httpauth.SyntaxError] if text is not exactly one challenge.
func (c *Challenge) UnmarshalText(text []byte) error {
	cs, err := ParseString(string(text))
	if err != nil {
		return err
	}
	if len(cs) != 1 {
		return &httpauth.SyntaxError{Line: 1, Offset: 0, Err: errNotOne}
	}
	*c = cs[0]
	return nil
}

// Format returns cs as one field value, the challenges joined by ", "
// (RFC 9110, Section 5.6.1), for a caller that writes the field itself. It
// refuses an empty list (a 401 must carry a challenge) and any challenge
// [Challenge.AppendText] refuses, naming it in the error's Index.
func Format(cs ...Challenge) (string, error) {
	if len(cs) == 0 {
		return "", &httpauth.FormatError{Param: -1, Err: errNoChallenges}
	}
	b := make([]byte, 0, 64*len(cs))
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',', ' ')
		}
		var err *grammar.FormatError
		if b, err = grammar.AppendAuth(b, c.Scheme, c.Token68, c.Params, quote); err != nil {
			return "", formatError(i, err)
		}
	}
	return string(b), nil
}

// Set replaces the WWW-Authenticate field of h with cs, one challenge per
// field line. A list in one line means the same (RFC 9110, Section 5.3),
// but clients that read only the first challenge of a line are common, so
// one per line is what every client understands; use [Format] and
// h.Set for one line. Set refuses what [Format] refuses, and then leaves h
// unchanged.
func Set(h http.Header, cs ...Challenge) error { return set(h, "Www-Authenticate", cs) }

// SetProxy replaces the Proxy-Authenticate field of h (RFC 9110,
// Section 11.7.1) with cs, one challenge per field line, as [Set] does.
func SetProxy(h http.Header, cs ...Challenge) error { return set(h, "Proxy-Authenticate", cs) }

func set(h http.Header, field string, cs []Challenge) error {
	if len(cs) == 0 {
		return &httpauth.FormatError{Param: -1, Err: errNoChallenges}
	}
	lines := make([]string, len(cs))
	for i, c := range cs {
		b, err := grammar.AppendAuth(make([]byte, 0, 64), c.Scheme, c.Token68, c.Params, quote)
		if err != nil {
			return formatError(i, err)
		}
		lines[i] = string(b)
	}
	h[field] = lines
	return nil
}
