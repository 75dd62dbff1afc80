package authz

import (
	"errors"
	"net/http"
	"strings"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

// Errors of the DPoP scheme. None of them holds any byte of the token or
// the proof.
var (
	// ErrDPoPToken: a DPoP access token is empty or not a b64token.
	ErrDPoPToken = errors.New("authz: DPoP token is not a b64token")

	// ErrDPoPProof: the request has no DPoP header, more than one, or
	// one that is not a JWS in compact serialization.
	ErrDPoPProof = errors.New("authz: missing, repeated or malformed DPoP proof header")
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

// DPoPProof returns the DPoP proof of a request's header ([RFC 9449,
// Section 4.1]): the value of its one DPoP field, which must be a JWS in
// compact serialization, three base64url parts joined by dots. It returns
// [ErrDPoPProof] if there is no DPoP field, more than one (RFC 9449,
// Section 4.3 refuses that), or one of another shape. It checks the
// shape only: the signature and the claims are the verifier's to check.
//
// [RFC 9449, Section 4.1]: https://www.rfc-editor.org/rfc/rfc9449#section-4.1
func DPoPProof(h http.Header) (string, error) {
	v := h.Values("Dpop")
	if len(v) != 1 {
		return "", ErrDPoPProof
	}
	start, end := grammar.TrimOWS(v[0])
	p := v[0][start:end]
	if strings.Count(p, ".") != 2 {
		return "", ErrDPoPProof
	}
	for part := range strings.SplitSeq(p, ".") {
		if part == "" || !isBase64URL(part) {
			return "", ErrDPoPProof
		}
	}
	return p, nil
}

// isBase64URL reports whether s holds only the base64url alphabet without
// padding (RFC 7515, Section 2).
func isBase64URL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
