package resourceserver

import (
	"errors"
	"net/http"
	"strings"

	"github.com/httpauth-go/httpauth/internal/grammar"
)

var errDPoPProof = errors.New("resourceserver: missing, repeated or malformed DPoP proof header")

// dpopProof returns the DPoP proof of a request's header ([RFC 9449,
// Section 4.1]): the value of its one DPoP field, which must be a JWS in
// compact serialization, three base64url parts joined by dots. It returns
// errDPoPProof if there is no DPoP field, more than one (RFC 9449,
// Section 4.3 refuses that), or one of another shape. It checks the
// shape only: the signature and the claims are the verifier's to check.
//
// [RFC 9449, Section 4.1]: https://www.rfc-editor.org/rfc/rfc9449#section-4.1
func dpopProof(h http.Header) (string, error) {
	v := h.Values("Dpop")
	if len(v) != 1 {
		return "", errDPoPProof
	}
	start, end := grammar.TrimOWS(v[0])
	p := v[0][start:end]
	if strings.Count(p, ".") != 2 {
		return "", errDPoPProof
	}
	for part := range strings.SplitSeq(p, ".") {
		if part == "" || !isBase64URL(part) {
			return "", errDPoPProof
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
