package authz

import (
	"github.com/httpauth-go/httpauth/internal/grammar"
)

// DPoPCredentials returns the DPoP credentials of an access token bound
// to a DPoP key ([RFC 9449, Section 7.1]):
//
//	credentials = "DPoP" 1*SP b64token
//
// The request must also carry the proof in a DPoP header. It returns
// a [*httpauth.FormatError] if token is not a b64token.
//
// [RFC 9449, Section 7.1]: https://www.rfc-editor.org/rfc/rfc9449#section-7.1
func DPoPCredentials(token string) (Credentials, error) {
	if !grammar.IsToken68(token) {
		return Credentials{}, formatError(-1, errDPoPToken)
	}
	return Credentials{Scheme: "DPoP", Token68: token}, nil
}

// ParseDPoP returns the access token of DPoP credentials. It returns
// an error for another scheme and for DPoP credentials
// without a token (such as "DPoP" alone, or DPoP with parameters).
func ParseDPoP(c Credentials) (string, error) {
	if !c.Is("DPoP") {
		return "", errScheme
	}
	if c.Token68 == "" {
		return "", errDPoPToken
	}
	return c.Token68, nil
}
