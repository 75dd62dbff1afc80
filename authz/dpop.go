package authz

import (
	"errors"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// Errors of the DPoP scheme. None of them holds any byte of the token or
// the proof.
var (
	// ErrDPoPToken: a DPoP access token is empty or not a b64token.
	ErrDPoPToken = errors.New("authz: DPoP token is not a b64token")
)

// DPoPCredentials returns the DPoP credentials of an access token bound
// to a DPoP key ([RFC 9449, Section 7.1]):
//
//	credentials = "DPoP" 1*SP b64token
//
// The request must also carry the proof in a DPoP header. It returns
// [ErrDPoPToken] if token is not a b64token.
//
// [RFC 9449, Section 7.1]: https://www.rfc-editor.org/rfc/rfc9449#section-7.1
func DPoPCredentials(token string) (Credentials, error) {
	if !grammar.IsToken68(token) {
		return Credentials{}, &FormatError{Param: -1, Err: ErrDPoPToken}
	}
	return Credentials{Scheme: "DPoP", Token68: token}, nil
}

// ParseDPoP returns the access token of DPoP credentials. It returns
// [ErrScheme] for another scheme and [ErrDPoPToken] for DPoP credentials
// without a token (such as "DPoP" alone, or DPoP with parameters).
func ParseDPoP(c Credentials) (string, error) {
	if !c.Is("DPoP") {
		return "", ErrScheme
	}
	if c.Token68 == "" {
		return "", ErrDPoPToken
	}
	return c.Token68, nil
}
