package authclient

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/httpauth-go/httpauth/internal/oauthsyntax"
)

// Errors of the fetching functions. The errors they return wrap one of
// these, or [ErrRefused], or, for a request that failed, the client's
// error (so that [errors.Is] finds [context.DeadlineExceeded], say).
// Their messages name the document, the URL by its role ("root
// well-known URL") and what was wrong (a status code, "content type is
// not application/json", a member name), and never quote what a server
// sent: not a URL from a document, not a byte of a body.
var (
	// ErrNotFound: no URL tried served the document. Each answered with
	// a 4xx status, or with a content type other than application/json
	// (as a server that answers every path with an HTML page does). An
	// MCP client then stops, or uses values configured in advance.
	ErrNotFound = errors.New("authclient: metadata not found")

	// ErrInvalidMetadata: a server answered with something that is not a
	// valid metadata document: a status other than 200 and 4xx, a body
	// larger than 1 MiB or not a JSON object of metadata, or a member
	// that breaks its RFC (the message names it).
	ErrInvalidMetadata = errors.New("authclient: invalid metadata")

	// ErrMismatch: the document is about another resource (its resource
	// is not the resource identifier the client used, [RFC 9728,
	// Section 3.3]) or another authorization server (its issuer is not
	// the issuer identifier the client used, [RFC 8414, Section 3.3]).
	// Both RFCs forbid using anything in it.
	//
	// [RFC 9728, Section 3.3]: https://www.rfc-editor.org/rfc/rfc9728#section-3.3
	// [RFC 8414, Section 3.3]: https://www.rfc-editor.org/rfc/rfc8414#section-3.3
	ErrMismatch = errors.New("authclient: metadata is about another resource or issuer")
)

// ResourceMetadata is an OAuth 2.0 protected resource metadata document
// ([RFC 9728, Section 2]), as a client reads it. Members it does not know
// are ignored.
//
// [RFC 9728, Section 2]: https://www.rfc-editor.org/rfc/rfc9728#section-2
type ResourceMetadata struct {
	// Resource is the resource identifier the document is about. The
	// fetching functions return a document only if it is the one the
	// client used (see [FetchResourceMetadata]). It is the value of the
	// resource parameter (RFC 8707) of the client's authorization and
	// token requests.
	Resource string `json:"resource"`

	// AuthorizationServers lists the issuer identifiers (RFC 8414) of
	// the authorization servers that issue tokens for the resource, for
	// [FetchAuthorizationServerMetadata].
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

// AuthorizationServerMetadata is an OAuth 2.0 authorization server
// metadata document ([RFC 8414, Section 2]), or an OpenID Connect
// provider configuration, which shares its members, as a client reads it.
// Members it does not know are ignored.
//
// [RFC 8414, Section 2]: https://www.rfc-editor.org/rfc/rfc8414#section-2
type AuthorizationServerMetadata struct {
	// Issuer is the issuer identifier. The fetching functions return a
	// document only if it is the one the client used (see
	// [FetchAuthorizationServerMetadata]).
	Issuer string `json:"issuer"`

	AuthorizationEndpoint              string `json:"authorization_endpoint,omitempty"`
	TokenEndpoint                      string `json:"token_endpoint,omitempty"`
	JWKSURI                            string `json:"jwks_uri,omitempty"`
	RegistrationEndpoint               string `json:"registration_endpoint,omitempty"` // RFC 7591 dynamic client registration
	RevocationEndpoint                 string `json:"revocation_endpoint,omitempty"`   // RFC 7009
	IntrospectionEndpoint              string `json:"introspection_endpoint,omitempty"`
	PushedAuthorizationRequestEndpoint string `json:"pushed_authorization_request_endpoint,omitempty"` // RFC 9126
	UserinfoEndpoint                   string `json:"userinfo_endpoint,omitempty"`                     // OpenID Connect

	ScopesSupported                   []string `json:"scopes_supported,omitempty"`
	ResponseTypesSupported            []string `json:"response_types_supported,omitempty"`
	ResponseModesSupported            []string `json:"response_modes_supported,omitempty"`
	GrantTypesSupported               []string `json:"grant_types_supported,omitempty"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported,omitempty"`
	DPoPSigningAlgValuesSupported     []string `json:"dpop_signing_alg_values_supported,omitempty"` // RFC 9449

	// CodeChallengeMethodsSupported lists the PKCE methods (RFC 7636) the
	// server supports. An MCP client must not go on without "S256":
	// see [Discovery].PKCE.
	CodeChallengeMethodsSupported []string `json:"code_challenge_methods_supported,omitempty"`

	AuthorizationResponseIssParameterSupported bool `json:"authorization_response_iss_parameter_supported,omitempty"` // RFC 9207
	RequirePushedAuthorizationRequests         bool `json:"require_pushed_authorization_requests,omitempty"`          // RFC 9126
	ClientIDMetadataDocumentSupported          bool `json:"client_id_metadata_document_supported,omitempty"`          // OAuth client ID metadata documents (MCP)

	ServiceDocumentation string `json:"service_documentation,omitempty"`
	OpPolicyURI          string `json:"op_policy_uri,omitempty"`
	OpTOSURI             string `json:"op_tos_uri,omitempty"`
}

// The well-known URI suffixes: RFC 9728, Section 3; RFC 8414, Section 3;
// OpenID Connect Discovery 1.0, Section 4.
const (
	wellKnownResource = "/.well-known/oauth-protected-resource"
	wellKnownOAuth    = "/.well-known/oauth-authorization-server"
	wellKnownOpenID   = "/.well-known/openid-configuration"
)

// The names of the documents in errors.
const (
	whatResource = "protected resource metadata"
	whatServer   = "authorization server metadata"
)

// A candidate is a URL a document may be at, with its role for errors.
type candidate struct {
	url, role string
}

// FetchResourceMetadata gets the protected resource metadata of the
// resource identifier resource with client (nil: [NewClient] with zero
// options) and returns it once it has checked it ([RFC 9728, Section 3]).
//
// metadataURL is where the document is: the resource_metadata parameter
// of the resource's challenge. If it is "", the document is looked for at
// the well-known URLs of resource, in the order of the MCP authorization
// specification: first the one formed by inserting
// /.well-known/oauth-protected-resource between the host and the path of
// resource (RFC 9728, Section 3.1), then, if resource has a path or a
// query and that URL serves nothing (a 4xx status, or a content type
// other than application/json), the one at the root of its host. Any
// other failure stops the search.
//
// The document must be a 200 response with Content-Type application/json,
// a JSON object of at most 1 MiB whose members follow RFC 9728, Section 2
// (URLs https, or http on a loopback host; scopes and algorithms made of
// the characters of a scope-token; bearer methods among header, body and
// query), and its resource must be identical to resource, as RFC 9728,
// Section 3.3 requires: character for character, with no normalization.
// From the root well-known URL, a resource equal to the origin of resource
// (the identifier that URL is formed from) is accepted too.
//
// resource must be an absolute https URL, or http on a loopback host,
// without fragment or userinfo: otherwise the error wraps [ErrRefused],
// and nothing is fetched. When ctx has no deadline, the whole call is
// bounded to 30 seconds. The errors wrap [ErrNotFound],
// [ErrInvalidMetadata], [ErrMismatch], [ErrRefused] or the client's error:
// see their documentation.
//
// [RFC 9728, Section 3]: https://www.rfc-editor.org/rfc/rfc9728#section-3
func FetchResourceMetadata(ctx context.Context, client *http.Client, metadataURL, resource string) (*ResourceMetadata, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	if client == nil {
		client = NewClient(ClientOptions{})
		defer client.CloseIdleConnections() // its transport is not shared: leave no idle connection behind
	}
	md, _, err := fetchResourceMetadata(ctx, client, metadataURL, resource)
	return md, err
}

// fetchResourceMetadata is FetchResourceMetadata without the defaults. It
// also returns the URL the document came from.
func fetchResourceMetadata(ctx context.Context, client *http.Client, metadataURL, resource string) (*ResourceMetadata, string, error) {
	candidates, origin, err := resourceMetadataCandidates(metadataURL, resource)
	if err != nil {
		return nil, "", err
	}
	var notFound []string
	for i, c := range candidates {
		what := whatResource + " (" + c.role + ")"
		body, reason, cause := fetchJSON(ctx, client, c.url)
		if errors.Is(cause, ErrNotFound) {
			notFound = append(notFound, c.role+": "+reason)
			continue
		}
		if cause != nil {
			return nil, "", &fetchError{what: what, reason: reason, err: cause}
		}
		var md ResourceMetadata
		if err := json.Unmarshal(body, &md); err != nil {
			// The json error may quote the document; keep only its kind.
			return nil, "", &fetchError{what: what, reason: "body is not a JSON object of protected resource metadata", err: ErrInvalidMetadata}
		}
		if err := md.validate(); err != nil {
			return nil, "", &fetchError{what: what, reason: err.Error(), err: ErrInvalidMetadata}
		}
		ok := md.Resource == resource
		if i > 0 {
			// The root well-known URL is formed from the origin of
			// resource, so RFC 9728, Section 3.3 asks for that origin
			// (spelled with or without the slash of an empty path).
			// resource itself is accepted too, though the RFC does
			// not ask for it: the document then names exactly the
			// resource the client wants, which the check is there to
			// ensure, and MCP servers at a path commonly serve
			// their metadata this way.
			ok = ok || md.Resource == origin || md.Resource == origin+"/"
		}
		if !ok {
			return nil, "", &fetchError{what: what, reason: "its resource is not the resource identifier requested (RFC 9728, Section 3.3)", err: ErrMismatch}
		}
		return &md, c.url, nil
	}
	return nil, "", &fetchError{what: whatResource, reason: "not found: " + strings.Join(notFound, "; "), err: ErrNotFound}
}

// FetchAuthorizationServerMetadata gets the metadata of the authorization
// server whose issuer identifier is issuer (an element of
// [ResourceMetadata].AuthorizationServers) with client (nil: [NewClient]
// with zero options) and returns it once it has checked it.
//
// It tries the well-known URLs in the order of the MCP authorization
// specification, moving to the next only when one serves nothing (a 4xx
// status, or a content type other than application/json): for an issuer
// with a path, such as https://auth.example.com/tenant1,
//
//  1. https://auth.example.com/.well-known/oauth-authorization-server/tenant1
//     (RFC 8414, Section 3.1: path insertion),
//  2. https://auth.example.com/.well-known/openid-configuration/tenant1
//     (OpenID Connect Discovery with path insertion, RFC 8414, Section 5),
//  3. https://auth.example.com/tenant1/.well-known/openid-configuration
//     (OpenID Connect Discovery 1.0, Section 4: path appending);
//
// and for an issuer without a path, the first two with nothing after the
// suffix. A terminating slash of the path is removed first.
//
// The document must be a 200 response with Content-Type application/json,
// a JSON object of at most 1 MiB whose URLs are https (or http on a
// loopback host) without fragment, and whose scopes are scope-tokens; its
// issuer must be identical to issuer ([RFC 8414, Section 3.3]). The
// issuer must be an https URL (or http on a loopback host) without query,
// fragment or userinfo (RFC 8414, Section 2), or the error wraps
// [ErrRefused] and nothing is fetched. When ctx has no deadline, the
// whole call is bounded to 30 seconds. The errors are those of
// [FetchResourceMetadata].
//
// [RFC 8414, Section 3.3]: https://www.rfc-editor.org/rfc/rfc8414#section-3.3
func FetchAuthorizationServerMetadata(ctx context.Context, client *http.Client, issuer string) (*AuthorizationServerMetadata, error) {
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	if client == nil {
		client = NewClient(ClientOptions{})
		defer client.CloseIdleConnections() // its transport is not shared: leave no idle connection behind
	}
	return fetchAuthorizationServerMetadata(ctx, client, issuer)
}

func fetchAuthorizationServerMetadata(ctx context.Context, client *http.Client, issuer string) (*AuthorizationServerMetadata, error) {
	candidates, err := authorizationServerCandidates(issuer)
	if err != nil {
		return nil, err
	}
	var notFound []string
	for _, c := range candidates {
		what := whatServer + " (" + c.role + ")"
		body, reason, cause := fetchJSON(ctx, client, c.url)
		if errors.Is(cause, ErrNotFound) {
			notFound = append(notFound, c.role+": "+reason)
			continue
		}
		if cause != nil {
			return nil, &fetchError{what: what, reason: reason, err: cause}
		}
		var md AuthorizationServerMetadata
		if err := json.Unmarshal(body, &md); err != nil {
			return nil, &fetchError{what: what, reason: "body is not a JSON object of authorization server metadata", err: ErrInvalidMetadata}
		}
		if err := md.validate(); err != nil {
			return nil, &fetchError{what: what, reason: err.Error(), err: ErrInvalidMetadata}
		}
		if md.Issuer != issuer {
			return nil, &fetchError{what: what, reason: "its issuer is not the issuer identifier requested (RFC 8414, Section 3.3)", err: ErrMismatch}
		}
		return &md, nil
	}
	return nil, &fetchError{what: whatServer, reason: "not found: " + strings.Join(notFound, "; "), err: ErrNotFound}
}

// resourceMetadataCandidates returns the URLs where the metadata of
// resource may be, in order: metadataURL if it is not "", otherwise the
// well-known URLs of RFC 9728, Section 3.1, path-inserted then root (the
// MCP order). It also returns the origin of resource, and an error
// wrapping ErrRefused if resource is not an identifier a client may fetch
// metadata for.
func resourceMetadataCandidates(metadataURL, resource string) (candidates []candidate, origin string, err error) {
	origin, path, query, err := splitFetchURL(resource)
	if err != nil {
		return nil, "", &fetchError{what: "resource identifier", reason: err.Error(), err: ErrRefused}
	}
	if metadataURL != "" {
		return []candidate{{metadataURL, "resource_metadata URL"}}, origin, nil
	}
	candidates = []candidate{{origin + wellKnownResource + path + query, "path-inserted well-known URL"}}
	if path != "" || query != "" {
		candidates = append(candidates, candidate{origin + wellKnownResource, "root well-known URL"})
	}
	return candidates, origin, nil
}

// authorizationServerCandidates returns the URLs where the metadata of
// the authorization server issuer may be, in the MCP order (see
// FetchAuthorizationServerMetadata), or an error wrapping ErrRefused if
// issuer is not an issuer identifier a client may fetch metadata for.
func authorizationServerCandidates(issuer string) ([]candidate, error) {
	origin, path, query, err := splitFetchURL(issuer)
	if err != nil {
		return nil, &fetchError{what: "issuer identifier", reason: err.Error(), err: ErrRefused}
	}
	if query != "" {
		return nil, &fetchError{what: "issuer identifier", reason: "has a query (RFC 8414, Section 2)", err: ErrRefused}
	}
	candidates := []candidate{
		{origin + wellKnownOAuth + path, "OAuth well-known URL"},
		{origin + wellKnownOpenID + path, "OpenID Connect well-known URL"},
	}
	if path != "" {
		candidates = append(candidates, candidate{origin + path + wellKnownOpenID, "OpenID Connect path-appended URL"})
	}
	return candidates, nil
}

// splitFetchURL checks that s is a URL a client may fetch metadata for
// (oauthsyntax.CheckFetchURL) and returns its scheme and authority, its
// path without a terminating slash, and its query with the "?". The parts
// keep their spelling, percent-encoding included, as RFC 9728 and RFC
// 8414 form the well-known URLs from the identifier as written.
func splitFetchURL(s string) (origin, path, query string, err error) {
	if _, err := oauthsyntax.CheckFetchURL(s); err != nil {
		return "", "", "", err
	}
	// CheckFetchURL made sure of a scheme and a host, so "://" is there,
	// and the scheme, made of ALPHA, DIGIT, "+", "-" and ".", cannot
	// hold it.
	i := strings.Index(s, "://") + len("://")
	j := strings.IndexAny(s[i:], "/?")
	if j < 0 {
		return s, "", "", nil
	}
	origin, rest := s[:i+j], s[i+j:]
	path = rest
	if k := strings.IndexByte(rest, '?'); k >= 0 {
		path, query = rest[:k], rest[k:]
	}
	return origin, strings.TrimSuffix(path, "/"), query, nil
}

// validate checks m against RFC 9728, Section 2 and returns an error
// whose text names the first member at fault and never quotes it.
func (m *ResourceMetadata) validate() error {
	if m.Resource == "" {
		return errors.New("resource is missing")
	}
	if _, err := oauthsyntax.CheckFetchURL(m.Resource); err != nil {
		return errors.New("resource " + err.Error())
	}
	for _, as := range m.AuthorizationServers {
		u, err := oauthsyntax.CheckFetchURL(as)
		if err != nil {
			return errors.New("authorization_servers element " + err.Error())
		}
		if u.RawQuery != "" || u.ForceQuery {
			return errors.New("authorization_servers element has a query")
		}
	}
	if err := checkURLMember(namedValue{"jwks_uri", m.JWKSURI}); err != nil {
		return err
	}
	if err := checkTokenLists(
		namedList{"scopes_supported", m.ScopesSupported},
		namedList{"resource_signing_alg_values_supported", m.ResourceSigningAlgValuesSupported},
		namedList{"authorization_details_types_supported", m.AuthorizationDetailsTypesSupported},
		namedList{"dpop_signing_alg_values_supported", m.DPoPSigningAlgValuesSupported},
	); err != nil {
		return err
	}
	for _, bm := range m.BearerMethodsSupported {
		if bm != "header" && bm != "body" && bm != "query" {
			return errors.New("bearer_methods_supported element is not header, body or query")
		}
	}
	return checkLinkMembers(
		namedValue{"resource_documentation", m.ResourceDocumentation},
		namedValue{"resource_policy_uri", m.ResourcePolicyURI},
		namedValue{"resource_tos_uri", m.ResourceTOSURI},
	)
}

// validate checks the members of m that a client follows or compares
// against RFC 8414, Section 2: the issuer (https, or http on a loopback
// host, without query, fragment or userinfo), the endpoints (the same,
// a query allowed), the scopes (scope-tokens) and the documentation
// links (absolute URLs). Its errors name the first member at fault and
// never quote it.
//
// It does not require response_types_supported, which RFC 8414 does:
// a client that reads the document for its endpoints and PKCE methods
// has no use for it, and refusing a server over it would stop a flow
// that works.
func (m *AuthorizationServerMetadata) validate() error {
	if m.Issuer == "" {
		return errors.New("issuer is missing")
	}
	u, err := oauthsyntax.CheckFetchURL(m.Issuer)
	if err != nil {
		return errors.New("issuer " + err.Error())
	}
	if u.RawQuery != "" || u.ForceQuery {
		return errors.New("issuer has a query")
	}
	endpoints := []namedValue{
		{"authorization_endpoint", m.AuthorizationEndpoint},
		{"token_endpoint", m.TokenEndpoint},
		{"jwks_uri", m.JWKSURI},
		{"registration_endpoint", m.RegistrationEndpoint},
		{"revocation_endpoint", m.RevocationEndpoint},
		{"introspection_endpoint", m.IntrospectionEndpoint},
		{"pushed_authorization_request_endpoint", m.PushedAuthorizationRequestEndpoint},
		{"userinfo_endpoint", m.UserinfoEndpoint},
	}
	for _, e := range endpoints {
		if err := checkURLMember(e); err != nil {
			return err
		}
	}
	if err := checkTokenLists(
		namedList{"scopes_supported", m.ScopesSupported},
		namedList{"code_challenge_methods_supported", m.CodeChallengeMethodsSupported},
		namedList{"grant_types_supported", m.GrantTypesSupported},
		namedList{"token_endpoint_auth_methods_supported", m.TokenEndpointAuthMethodsSupported},
		namedList{"response_modes_supported", m.ResponseModesSupported},
		namedList{"dpop_signing_alg_values_supported", m.DPoPSigningAlgValuesSupported},
	); err != nil {
		return err
	}
	for _, rt := range m.ResponseTypesSupported {
		// A response type is a space-separated list of names (RFC
		// 6749, Section 3.1.1), such as "code id_token".
		if !oauthsyntax.IsNQSChars(rt) {
			return errors.New("response_types_supported element is empty or holds a character outside %x20-21 / %x23-5B / %x5D-7E")
		}
	}
	return checkLinkMembers(
		namedValue{"service_documentation", m.ServiceDocumentation},
		namedValue{"op_policy_uri", m.OpPolicyURI},
		namedValue{"op_tos_uri", m.OpTOSURI},
	)
}

// checkURLMember checks that m is "" or a URL a client may fetch
// (oauthsyntax.CheckFetchURL).
func checkURLMember(m namedValue) error {
	if m.v == "" {
		return nil
	}
	if _, err := oauthsyntax.CheckFetchURL(m.v); err != nil {
		return errors.New(m.name + " " + err.Error())
	}
	return nil
}

// A namedList is a member of a metadata document that is a list.
type namedList struct {
	name string
	list []string
}

// checkTokenLists checks that each element of each list is one or more
// NQCHAR: a scope-token (RFC 6749, Section 3.3), and the set the other
// lists (algorithms, methods, grant types) draw from.
func checkTokenLists(lists ...namedList) error {
	for _, l := range lists {
		for _, s := range l.list {
			if !oauthsyntax.IsNQChars(s) {
				return errors.New(l.name + " element is empty or holds a character outside %x21 / %x23-5B / %x5D-7E")
			}
		}
	}
	return nil
}

// A namedValue is a member of a metadata document that is a string.
type namedValue struct{ name, v string }

// checkLinkMembers checks that each value is "" or the URL of a page for
// people, which a client shows or opens but does not fetch: by the rule the
// server that publishes it follows (oauthsyntax.CheckPageURL, RFC 9728,
// Section 7 on phishing), so that a javascript:, data: or file: link, or
// one with userinfo, never reaches the user.
func checkLinkMembers(links ...namedValue) error {
	for _, l := range links {
		if l.v == "" {
			continue
		}
		if err := oauthsyntax.CheckPageURL(l.v); err != nil {
			return errors.New(l.name + " " + err.Error())
		}
	}
	return nil
}
