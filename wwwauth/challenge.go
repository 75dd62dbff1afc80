package wwwauth

import (
	"strings"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// A Param is an auth-param (RFC 9110, Section 11.2): a name and its value.
// Parsing keeps the name as received and the value unescaped; the token
// and quoted-string forms of a value are equivalent, so a Param does not say
// which one was used.
type Param struct {
	Name, Value string
}

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
// Param returns its decoded value in preference to name's. If name* cannot be decoded, Param falls back to name,
// as a recipient that does not understand ext-values would: use
// [Challenge.LookupParam] to learn that it happened. A name that ends in "*"
// is looked up as is, with no decoding.
func (c Challenge) Param(name string) (string, bool) {
	v, ok, _ := lookupParam(c.Params, name)
	return v, ok
}

// LookupParam is [Challenge.Param] with the error of a malformed name*
// ext-value (wrapping [ErrExtValue]). When it returns an error, value and
// ok are those of the plain parameter name.
func (c Challenge) LookupParam(name string) (value string, ok bool, err error) {
	return lookupParam(c.Params, name)
}

func lookupParam(params []Param, name string) (string, bool, error) {
	var plain, ext Param
	var hasPlain, hasExt bool
	decode := !strings.HasSuffix(name, "*")
	for _, p := range params {
		switch {
		case !hasPlain && grammar.EqualFold(p.Name, name):
			plain, hasPlain = p, true
		case decode && !hasExt && len(p.Name) == len(name)+1 && p.Name[len(name)] == '*' &&
			grammar.EqualFold(p.Name[:len(name)], name):
			ext, hasExt = p, true
		}
	}
	if hasExt {
		v, err := grammar.DecodeExtValue(ext.Value)
		if err == nil {
			return v, true, nil
		}
		return plain.Value, hasPlain, err
	}
	return plain.Value, hasPlain, nil
}

// DecodeExtValue decodes an RFC 8187 ext-value, the value of a parameter
// whose name ends in "*":
//
//	ext-value = charset "'" [ language ] "'" value-chars
//
// It decodes the UTF-8 and ISO-8859-1 charsets, which RFC 8187, Section 3.2.1
// requires recipients to support, and refuses any other. It also refuses a
// value that decodes to a control character other than HTAB. Every error
// wraps [ErrExtValue].
func DecodeExtValue(v string) (string, error) { return grammar.DecodeExtValue(v) }

// EncodeExtValue encodes s, which must be valid UTF-8 without control
// characters other than HTAB, as an RFC 8187 ext-value: the charset UTF-8, no
// language, and the percent-encoded bytes of s. Use it for the value of a parameter named
// name*, next to a plain name parameter for recipients that do not decode
// ext-values.
func EncodeExtValue(s string) (string, error) { return grammar.EncodeExtValue(s) }

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
