package wwwauth

import (
	"github.com/httpauth-go/httpauth"
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// A Param is an auth-param (RFC 9110, Section 11.2): a name and its value.
// It is [httpauth.Param], which challenges and credentials share.
type Param = httpauth.Param

// A Challenge is one challenge of a WWW-Authenticate or Proxy-Authenticate
// field (RFC 9110, Section 11.3):
//
//	challenge = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//
// A challenge has a token68 or parameters, never both.
type Challenge struct {
	Scheme  string  // the auth-scheme, as received; compare it with [Challenge.Is]
	Token68 string  // set only for the token68 form
	Params  []Param // in order; names as received, values unescaped
}

// Is reports whether c's scheme is scheme, compared case-insensitively as
// RFC 9110, Section 11.1 requires.
func (c Challenge) Is(scheme string) bool {
	return grammar.EqualFold(c.Scheme, scheme)
}

// Param returns the value of the parameter name, matched case-insensitively.
//
// If c also has the parameter name* holding an RFC 8187 ext-value, such as
//
//	title*=UTF-8''%e2%82%ac%20rates
//
// Param returns its decoded value in preference to name's: the ext-value
// wins where both are present, the convention RFC 8187 serves (RFC 6266,
// Section 4.3 states it for filename*). Every typed parser and [Response] method of this package reads name* the same
// way. If name* cannot be decoded ([httpauth.DecodeExtValue]), Param falls
// back to name, as a recipient that does not understand ext-values would.
// A name that ends in "*" is looked up as is, with no decoding.
func (c Challenge) Param(name string) (string, bool) {
	v, ok, _ := grammar.LookupParam(c.Params, name)
	return v, ok
}

// Find returns the challenges of cs whose scheme is scheme, compared
// case-insensitively, in order. It returns nil if there is none.
func Find(cs []Challenge, scheme string) []Challenge {
	var found []Challenge
	for _, c := range cs {
		if c.Is(scheme) {
			found = append(found, c)
		}
	}
	return found
}
