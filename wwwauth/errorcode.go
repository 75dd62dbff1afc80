package wwwauth

import "net/http"

// An ErrorCode is the value of the error parameter of a Bearer or DPoP
// challenge ([RFC 6750, Section 3]): why a request with an access token
// was refused.
//
// [RFC 6750, Section 3]: https://www.rfc-editor.org/rfc/rfc6750#section-3
type ErrorCode string

// The error codes of [RFC 6750, Section 3.1], [RFC 9449, Section 7.1] and
// [RFC 9470, Section 3].
//
// [RFC 6750, Section 3.1]: https://www.rfc-editor.org/rfc/rfc6750#section-3.1
// [RFC 9449, Section 7.1]: https://www.rfc-editor.org/rfc/rfc9449#section-7.1
// [RFC 9470, Section 3]: https://www.rfc-editor.org/rfc/rfc9470#section-3
const (
	// CodeInvalidRequest: the request is missing a parameter, repeats
	// one, uses more than one way to send the token, or is otherwise
	// malformed. Status 400.
	CodeInvalidRequest ErrorCode = "invalid_request"

	// CodeInvalidToken: the token is expired, revoked, malformed or
	// invalid for other reasons. Status 401.
	CodeInvalidToken ErrorCode = "invalid_token"

	// CodeInsufficientScope: the token lacks a scope the request needs;
	// the challenge's scope parameter says which. Status 403.
	CodeInsufficientScope ErrorCode = "insufficient_scope"

	// CodeInvalidDPoPProof: the DPoP proof is invalid (RFC 9449,
	// Section 4.3). Status 401.
	CodeInvalidDPoPProof ErrorCode = "invalid_dpop_proof"

	// CodeUseDPoPNonce: the resource server wants a nonce in the DPoP
	// proof, and sends it in the DPoP-Nonce header (RFC 9449, Section 9).
	// Status 401.
	CodeUseDPoPNonce ErrorCode = "use_dpop_nonce"

	// CodeInsufficientUserAuthentication: the authentication event behind
	// the token does not meet the resource's requirements; the
	// challenge's acr_values and max_age parameters say what would
	// (RFC 9470, Section 3). Status 401.
	CodeInsufficientUserAuthentication ErrorCode = "insufficient_user_authentication"
)

// Status returns the HTTP status code the RFC that defines e prescribes
// for a resource server's response: 400 for invalid_request, 403 for
// insufficient_scope, 401 for the others above. It returns 0 for an error
// code it does not know, and for "".
func (e ErrorCode) Status() int {
	switch e {
	case CodeInvalidRequest:
		return http.StatusBadRequest
	case CodeInsufficientScope:
		return http.StatusForbidden
	case CodeInvalidToken, CodeInvalidDPoPProof, CodeUseDPoPNonce, CodeInsufficientUserAuthentication:
		return http.StatusUnauthorized
	}
	return 0
}
