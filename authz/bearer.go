package authz

import (
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// BearerCredentials returns the Bearer credentials of token (RFC 6750,
// Section 2.1):
//
//	credentials = "Bearer" 1*SP b64token
//	b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//
// It returns a [*httpauth.FormatError] if token is not a b64token.
func BearerCredentials(token string) (Credentials, error) {
	if !grammar.IsToken68(token) {
		return Credentials{}, formatError(-1, errBearerToken)
	}
	return Credentials{Scheme: "Bearer", Token68: token}, nil
}

// ParseBearer returns the token of Bearer credentials. It returns
// an error for another scheme and for Bearer credentials
// without a token (such as "Bearer" alone, or Bearer with parameters).
// Parsing has already checked that a token68 is a b64token.
func ParseBearer(c Credentials) (string, error) {
	if !c.Is("Bearer") {
		return "", errScheme
	}
	if c.Token68 == "" {
		return "", errBearerToken
	}
	return c.Token68, nil
}
