package authz

import (
	"errors"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// ErrBearerToken: a Bearer token is empty or not a b64token.
var ErrBearerToken = errors.New("authz: Bearer token is not a b64token")

// BearerCredentials returns the Bearer credentials of token (RFC 6750,
// Section 2.1):
//
//	credentials = "Bearer" 1*SP b64token
//	b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//
// It returns [ErrBearerToken] if token is not a b64token.
func BearerCredentials(token string) (Credentials, error) {
	if !grammar.IsToken68(token) {
		return Credentials{}, &FormatError{Param: -1, Err: ErrBearerToken}
	}
	return Credentials{Scheme: "Bearer", Token68: token}, nil
}

// ParseBearer returns the token of Bearer credentials. It returns
// [ErrScheme] for another scheme and [ErrBearerToken] for Bearer credentials
// without a token (such as "Bearer" alone, or Bearer with parameters).
// Parsing has already checked that a token68 is a b64token.
func ParseBearer(c Credentials) (string, error) {
	if !c.Is("Bearer") {
		return "", ErrScheme
	}
	if c.Token68 == "" {
		return "", ErrBearerToken
	}
	return c.Token68, nil
}
