package wwwauth

import (
	"strconv"

	"github.com/httpauth-go/httpauth"
)

// Bearer is a Bearer challenge, as an OAuth 2.0 protected resource sends
// it ([RFC 6750, Section 3]), with the resource_metadata parameter of
// [RFC 9728, Section 5.1] and the step-up parameters of
// [RFC 9470, Section 3]. The zero Bearer is invalid: RFC 6750, Section 3 requires
// at least one parameter.
//
// An empty string or nil field stands for an absent parameter (a Bearer
// cannot say realm=""), and MaxAge is a pointer because max_age=0 is a
// meaningful request for a fresh authentication.
//
// [RFC 6750, Section 3]: https://www.rfc-editor.org/rfc/rfc6750#section-3
// [RFC 9728, Section 5.1]: https://www.rfc-editor.org/rfc/rfc9728#section-5.1
// [RFC 9470, Section 3]: https://www.rfc-editor.org/rfc/rfc9470#section-3
type Bearer struct {
	// Realm is the protection space (RFC 9110, Section 11.5).
	Realm string

	// Scope lists the scopes the request needs (RFC 6749, Section 3.3),
	// sent as one space-separated scope parameter. Each is a
	// scope-token: one or more of %x21 / %x23-5B / %x5D-7E.
	Scope []string

	// Error says why a request with a token was refused. RFC 6750,
	// Section 3.1 asks that a request without credentials get no error
	// code.
	Error ErrorCode

	// ErrorDescription is a text for developers, not end users, made of
	// %x20-21 / %x23-5B / %x5D-7E (printable ASCII without '"' and '\').
	ErrorDescription string

	// ErrorURI is a URI-reference of a page about the error.
	ErrorURI string

	// ResourceMetadata is the URL of the resource's RFC 9728 metadata
	// document: an absolute https URL, or http on a loopback host
	// (localhost, 127.0.0.0/8, ::1), with no fragment and no userinfo.
	ResourceMetadata string

	// MaxAge is the max_age parameter of RFC 9470: the most seconds that
	// may have passed since the user last actively authenticated. At
	// most 999999999.
	MaxAge *int

	// ACRValues lists the authentication context class references the
	// resource accepts, in order of preference (RFC 9470), sent as one
	// space-separated acr_values parameter. Each is made of %x21 /
	// %x23-5B / %x5D-7E.
	ACRValues []string

	// Other holds the parameters Bearer does not type, in order. Their
	// names must not be those of the fields above.
	Other []Param
}

// bearerNames are the typed parameters of a Bearer challenge, in the order
// Challenge writes them.
var bearerNames = []string{"realm", "scope", "error", "error_description", "error_uri", "resource_metadata", "max_age", "acr_values"}

const maxMaxAge = 999999999

// Challenge returns b as a challenge whose parameters come in a fixed
// order: realm, scope, error, error_description, error_uri,
// resource_metadata, max_age, acr_values, then Other in its order. Absent
// fields give no parameter, and a Bearer with no field set is refused:
// RFC 6750, Section 3 says the scheme "MUST be followed by one or more
// auth-param values" (an MCP server sends resource_metadata).
//
// It refuses, with a [*httpauth.FormatError] wrapping a [*httpauth.ParamError], a scope or
// acr_values element that is empty or holds a character outside %x21 /
// %x23-5B / %x5D-7E; an error or error_description outside %x20-21 /
// %x23-5B / %x5D-7E; an error_uri that is not a URI-reference; a
// resource_metadata that is not an absolute https URL (or http on a
// loopback host) without fragment and userinfo; a negative or too large
// MaxAge; a realm or Other value holding a control character; and an
// Other parameter whose name is not a token, repeats, or is one of the
// typed names (so realm occurs at most once). Whatever it returns
// serializes, and [ParseBearer] reads it back to b.
func (b Bearer) Challenge() (Challenge, error) {
	if b.empty() {
		return Challenge{}, &httpauth.FormatError{Param: -1, Err: errBearerNoParams}
	}
	w := newBuilder("Bearer", len(bearerNames)+len(b.Other))
	if b.Realm != "" {
		w.addText("realm", b.Realm)
	}
	w.addList("scope", b.Scope)
	w.addNQS("error", string(b.Error))
	w.addNQS("error_description", b.ErrorDescription)
	w.addURI("error_uri", b.ErrorURI)
	w.addFetchURL("resource_metadata", b.ResourceMetadata)
	if b.MaxAge != nil {
		if *b.MaxAge < 0 || *b.MaxAge > maxMaxAge {
			w.fail("max_age", reasonMaxAge)
		} else {
			w.add("max_age", strconv.Itoa(*b.MaxAge))
		}
	}
	w.addList("acr_values", b.ACRValues)
	w.addOther(b.Other, bearerNames)
	return w.challenge()
}

// ParseBearer returns the Bearer challenge c as a [Bearer]. It returns
// an error if c is not a Bearer challenge (compared
// case-insensitively) or has a token68, and a
// [*httpauth.ParamError] if a parameter breaks its RFC's rules. On error it returns
// the zero Bearer: never a half-read one.
//
// It checks what [Bearer.Challenge] checks, with the tolerance a client
// needs for the challenges servers really send, where that is safe:
//
//   - parameter names are matched case-insensitively, and the RFC 8187
//     ext-value of a typed parameter ("scope*") is decoded and preferred
//     to the plain one, as [Challenge.Param] reads it;
//   - an empty value reads as an absent parameter;
//   - runs of spaces, and leading or trailing ones, separate scope and
//     acr_values elements as one space does;
//   - max_age may have leading zeros.
//
// Everything else is checked as strictly as Challenge checks it, so that
// whatever ParseBearer accepts, Challenge writes back and ParseBearer
// reads to the same Bearer (a gateway may re-emit a challenge it parsed):
// a challenge with no parameter left (RFC 6750, Section 3 requires one),
// an error_description outside %x20-21 / %x23-5B / %x5D-7E, a
// resource_metadata a client must not fetch, and so on, are errors. To read
// one parameter of a challenge that fails as a whole, use
// [Challenge.Param], or the [Response] methods, which read each parameter
// on its own.
func ParseBearer(c Challenge) (Bearer, error) {
	f, err := collect(c, "Bearer", bearerNames)
	if err != nil {
		return Bearer{}, err
	}
	var b Bearer
	v := f.values
	b.Realm = v[0]
	if b.Scope, err = parseList("Bearer", "scope", v[1]); err != nil {
		return Bearer{}, err
	}
	e, err := parseNQS("Bearer", "error", v[2])
	if err != nil {
		return Bearer{}, err
	}
	b.Error = ErrorCode(e)
	if b.ErrorDescription, err = parseNQS("Bearer", "error_description", v[3]); err != nil {
		return Bearer{}, err
	}
	if b.ErrorURI, err = parseURI("Bearer", "error_uri", v[4]); err != nil {
		return Bearer{}, err
	}
	if b.ResourceMetadata, err = parseFetchURL("Bearer", "resource_metadata", v[5]); err != nil {
		return Bearer{}, err
	}
	if v[6] != "" {
		n, ok := parseMaxAge(v[6])
		if !ok {
			return Bearer{}, &httpauth.ParamError{Scheme: "Bearer", Name: "max_age", Reason: reasonMaxAge}
		}
		b.MaxAge = &n
	}
	if b.ACRValues, err = parseList("Bearer", "acr_values", v[7]); err != nil {
		return Bearer{}, err
	}
	b.Other = f.other
	if b.empty() {
		return Bearer{}, errBearerNoParams
	}
	return b, nil
}

// parseMaxAge reads 1*DIGIT with at most nine significant digits.
func parseMaxAge(s string) (int, bool) {
	n, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n > 0 || c != '0' {
			digits++
		}
		if digits > 9 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, s != ""
}

// empty reports whether b would have no parameter.
func (b Bearer) empty() bool {
	return b.Realm == "" && len(b.Scope) == 0 && b.Error == "" && b.ErrorDescription == "" && b.ErrorURI == "" &&
		b.ResourceMetadata == "" && b.MaxAge == nil && len(b.ACRValues) == 0 && len(b.Other) == 0
}
