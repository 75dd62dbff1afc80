package resourceserver

import (
	"errors"
	"strings"

	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
)

// WellKnownPath is the path of the default well-known URI of protected
// resource metadata ([RFC 9728, Section 3]).
//
// [RFC 9728, Section 3]: https://www.rfc-editor.org/rfc/rfc9728#section-3
const WellKnownPath = "/.well-known/oauth-protected-resource"

// Metadata is a protected resource metadata document ([RFC 9728,
// Section 2]). Encoded as JSON, empty fields are left out, as Section 3.2
// requires of parameters with zero values. Members it does not know are
// ignored when decoding and lost when encoding.
//
// [RFC 9728, Section 2]: https://www.rfc-editor.org/rfc/rfc9728#section-2
type Metadata struct {
	// Resource is the resource identifier: an https URL with no fragment
	// (http is accepted for a loopback host). It is required, and a
	// client uses the document only if it is the URL it asked for.
	Resource string `json:"resource"`

	// AuthorizationServers lists the issuer identifiers (RFC 8414) of
	// the authorization servers that issue tokens for the resource. MCP
	// requires at least one.
	AuthorizationServers []string `json:"authorization_servers,omitempty"`

	JWKSURI                           string   `json:"jwks_uri,omitempty"`                              // the resource's public keys
	ScopesSupported                   []string `json:"scopes_supported,omitempty"`                      // scope-tokens the resource uses
	BearerMethodsSupported            []string `json:"bearer_methods_supported,omitempty"`              // "header", "body", "query"
	ResourceSigningAlgValuesSupported []string `json:"resource_signing_alg_values_supported,omitempty"` // JWS algs of signed responses
	ResourceName                      string   `json:"resource_name,omitempty"`                         // a name for end users
	ResourceDocumentation             string   `json:"resource_documentation,omitempty"`                // URL of developer documentation
	ResourcePolicyURI                 string   `json:"resource_policy_uri,omitempty"`                   // URL of the data-use policy
	ResourceTOSURI                    string   `json:"resource_tos_uri,omitempty"`                      // URL of the terms of service

	TLSClientCertificateBoundAccessTokens bool     `json:"tls_client_certificate_bound_access_tokens,omitempty"` // RFC 8705
	AuthorizationDetailsTypesSupported    []string `json:"authorization_details_types_supported,omitempty"`      // RFC 9396
	DPoPSigningAlgValuesSupported         []string `json:"dpop_signing_alg_values_supported,omitempty"`          // RFC 9449
	DPoPBoundAccessTokensRequired         bool     `json:"dpop_bound_access_tokens_required,omitempty"`          // RFC 9449

	// SignedMetadata is a JWT of signed metadata (RFC 9728, Section 2.2).
	// This package carries it but does not verify it.
	SignedMetadata string `json:"signed_metadata,omitempty"`
}

// Errors of this package. Errors that wrap them add which field or URL is
// at fault, never a token.
var (
	// ErrInvalidMetadata: a Metadata breaks the rules of RFC 9728.
	ErrInvalidMetadata = errors.New("resourceserver: invalid protected resource metadata")

	// ErrInvalidResource: a resource identifier or metadata URL is not an
	// absolute https URL (or http on a loopback host) without fragment
	// and userinfo.
	ErrInvalidResource = errors.New("resourceserver: invalid resource identifier")
)

// A FieldError says which member of a metadata document is invalid.
type FieldError struct {
	Field  string // the JSON member name, such as "authorization_servers"
	Reason string // a fixed description of what is wrong
}

// Error names the member and the reason, never its value.
func (e *FieldError) Error() string {
	return "resourceserver: invalid protected resource metadata: " + e.Field + " " + e.Reason
}

// Unwrap returns [ErrInvalidMetadata].
func (e *FieldError) Unwrap() error { return ErrInvalidMetadata }

// Validate checks m against RFC 9728, Section 2 and returns a
// [*FieldError] for the first member at fault: a resource, jwks_uri or
// authorization server that is not an absolute https URL (or http on a
// loopback host) without fragment or userinfo, an authorization server with
// a query (RFC 8414, Section 2); a scope or algorithm that is empty or
// holds a character outside %x21 / %x23-5B / %x5D-7E; a bearer method
// other than header, body and query; and a documentation, policy or terms
// of service URL that is not an absolute https URL (or http on a loopback
// host) with a host and without userinfo: a page a client shows its user
// must not be a javascript:, data: or file: URL (RFC 9728, Section 7).
func (m *Metadata) Validate() error {
	if m.Resource == "" {
		return &FieldError{Field: "resource", Reason: "is missing"}
	}
	if _, err := oauthsyntax.CheckFetchURL(m.Resource); err != nil {
		return &FieldError{Field: "resource", Reason: err.Error()}
	}
	for _, as := range m.AuthorizationServers {
		u, err := oauthsyntax.CheckFetchURL(as)
		if err != nil {
			return &FieldError{Field: "authorization_servers", Reason: "element " + err.Error()}
		}
		if u.RawQuery != "" || u.ForceQuery {
			return &FieldError{Field: "authorization_servers", Reason: "element has a query"}
		}
	}
	if m.JWKSURI != "" {
		if _, err := oauthsyntax.CheckFetchURL(m.JWKSURI); err != nil {
			return &FieldError{Field: "jwks_uri", Reason: err.Error()}
		}
	}
	lists := []struct {
		field string
		list  []string
	}{
		{"scopes_supported", m.ScopesSupported},
		{"resource_signing_alg_values_supported", m.ResourceSigningAlgValuesSupported},
		{"authorization_details_types_supported", m.AuthorizationDetailsTypesSupported},
		{"dpop_signing_alg_values_supported", m.DPoPSigningAlgValuesSupported},
	}
	for _, l := range lists {
		for _, s := range l.list {
			if !oauthsyntax.IsNQChars(s) {
				return &FieldError{Field: l.field, Reason: "element is empty or holds a character outside %x21 / %x23-5B / %x5D-7E"}
			}
		}
	}
	for _, bm := range m.BearerMethodsSupported {
		if bm != "header" && bm != "body" && bm != "query" {
			return &FieldError{Field: "bearer_methods_supported", Reason: "element is not header, body or query"}
		}
	}
	docs := []struct{ field, v string }{
		{"resource_documentation", m.ResourceDocumentation},
		{"resource_policy_uri", m.ResourcePolicyURI},
		{"resource_tos_uri", m.ResourceTOSURI},
	}
	for _, d := range docs {
		if d.v == "" {
			continue
		}
		if err := oauthsyntax.CheckPageURL(d.v); err != nil {
			return &FieldError{Field: d.field, Reason: err.Error()}
		}
	}
	return nil
}

// MetadataURL returns the URL of the metadata of the resource identifier
// resource, formed as [RFC 9728, Section 3.1] prescribes: [WellKnownPath]
// inserted between the host and the path and query, after removing a
// terminating slash from the path. So
//
//	https://api.example.com/mcp   → https://api.example.com/.well-known/oauth-protected-resource/mcp
//	https://api.example.com/mcp/  → https://api.example.com/.well-known/oauth-protected-resource/mcp
//	https://api.example.com/      → https://api.example.com/.well-known/oauth-protected-resource
//	https://api.example.com?t=1   → https://api.example.com/.well-known/oauth-protected-resource?t=1
//
// The path and query keep their spelling, percent-encoding included. It
// returns an error wrapping [ErrInvalidResource] if resource is not an
// absolute https URL (or http on a loopback host) without fragment and
// userinfo.
//
// [RFC 9728, Section 3.1]: https://www.rfc-editor.org/rfc/rfc9728#section-3.1
func MetadataURL(resource string) (string, error) {
	origin, path, query, err := split(resource)
	if err != nil {
		return "", err
	}
	return origin + WellKnownPath + path + query, nil
}

// MetadataPath returns the path of [MetadataURL]'s result, without the
// query: where a server mounts its metadata handler, with a pattern that
// names no method, so that the handler answers the CORS preflight
// (OPTIONS) of browser-based clients too, and 405 to other methods:
//
//	mux.Handle(path, handler)
//
// It returns the error MetadataURL returns for an invalid resource.
func MetadataPath(resource string) (string, error) {
	_, path, _, err := split(resource)
	if err != nil {
		return "", err
	}
	return WellKnownPath + path, nil
}

// split returns the scheme and authority of resource, its path without a
// terminating slash, and its query with the "?".
func split(resource string) (origin, path, query string, err error) {
	if _, err := oauthsyntax.CheckFetchURL(resource); err != nil {
		return "", "", "", &resourceError{reason: err.Error()}
	}
	// CheckFetchURL made sure of a scheme and a host, so "://" is there,
	// and the scheme, made of ALPHA, DIGIT, "+", "-" and ".", cannot
	// hold it.
	i := strings.Index(resource, "://") + len("://")
	j := strings.IndexAny(resource[i:], "/?")
	if j < 0 {
		return resource, "", "", nil
	}
	origin, rest := resource[:i+j], resource[i+j:]
	path, query = rest, ""
	if k := strings.IndexByte(rest, '?'); k >= 0 {
		path, query = rest[:k], rest[k:]
	}
	path = strings.TrimSuffix(path, "/")
	return origin, path, query, nil
}

type resourceError struct{ reason string }

func (e *resourceError) Error() string { return ErrInvalidResource.Error() + ": it " + e.reason }
func (e *resourceError) Unwrap() error { return ErrInvalidResource }
