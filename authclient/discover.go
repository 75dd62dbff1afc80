package authclient

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/httpauth-go/httpauth/wwwauth"
)

// Discovery is what a client learns from [Discover]: what it needs to
// start an OAuth 2.0 authorization code flow with PKCE for a resource,
// such as an MCP server, that answered 401.
type Discovery struct {
	// ResourceMetadataURL is the URL the protected resource metadata
	// came from: the challenge's resource_metadata parameter, or a
	// well-known URL of the resource.
	ResourceMetadataURL string

	// ResourceMetadata is the resource's metadata document, checked.
	// Its Resource is the resource identifier to send as the resource
	// parameter (RFC 8707) of the authorization and token requests, as
	// the MCP authorization specification requires.
	ResourceMetadata ResourceMetadata

	// AuthorizationServer is the metadata of the first authorization
	// server the resource metadata lists, checked. Its endpoints are
	// those of the flow.
	AuthorizationServer AuthorizationServerMetadata

	// Scopes are the scopes to request, as the MCP authorization
	// specification chooses them: those of the challenge's scope
	// parameter if it has one (the resource says what this request
	// needs), otherwise the resource metadata's scopes_supported. Nil
	// when neither names any: the authorization request then has no
	// scope parameter.
	Scopes []string

	// PKCE reports whether the authorization server lists S256 in its
	// code_challenge_methods_supported. The MCP authorization
	// specification requires PKCE with S256 and a client that finds it
	// absent to refuse to go on; Discover leaves that decision to the
	// caller.
	PKCE bool
}

// Discover learns, from resp, the 401 (or 403) response of a protected
// resource, how to get a token for it, in the order of the MCP
// authorization specification:
//
//  1. the protected resource metadata ([FetchResourceMetadata]): from
//     the resource_metadata parameter of the response's Bearer or DPoP
//     challenge if there is one, otherwise from the well-known URLs of
//     the resource (path-inserted, then root); checked to be about the
//     resource requested, resp.Request.URL without fragment or userinfo
//     ([RFC 9728, Section 3.3]);
//  2. the metadata of the first authorization server it lists
//     ([FetchAuthorizationServerMetadata]): RFC 8414 and OpenID Connect
//     well-known URLs in turn, its issuer checked ([RFC 8414,
//     Section 3.3]);
//  3. the scopes to request and whether PKCE S256 is supported (see
//     [Discovery]).
//
// Every request is made with client; nil means [NewClient] with zero
// options, which reaches only public addresses over https. When ctx has
// no deadline, the whole discovery is bounded to 30 seconds. Discover
// neither reads nor closes resp.Body.
//
// The challenges are parsed leniently ([wwwauth.ParseResponse]), but a
// resource_metadata parameter that is not an https URL (or http on a
// loopback host) without fragment or userinfo, or a scope parameter that
// is not a list of scope-tokens, is an error, not a cue to look
// elsewhere. It returns an error for a nil resp, one without its
// Request, and a 407 (whose challenges are a proxy's). Otherwise its
// errors are those of [FetchResourceMetadata] and
// [FetchAuthorizationServerMetadata], and one wrapping
// [ErrInvalidMetadata] when the resource metadata lists no authorization
// server.
//
// [RFC 9728, Section 3.3]: https://www.rfc-editor.org/rfc/rfc9728#section-3.3
// [RFC 8414, Section 3.3]: https://www.rfc-editor.org/rfc/rfc8414#section-3.3
func Discover(ctx context.Context, client *http.Client, resp *http.Response) (*Discovery, error) {
	if resp == nil || resp.Request == nil || resp.Request.URL == nil {
		return nil, errors.New("authclient: Discover needs a response with its Request")
	}
	if resp.StatusCode == http.StatusProxyAuthRequired {
		return nil, errors.New("authclient: Discover reads a resource's 401 or 403, not a proxy's 407")
	}
	ctx, cancel := withDefaultTimeout(ctx)
	defer cancel()
	if client == nil {
		client = NewClient(ClientOptions{})
		defer client.CloseIdleConnections() // its transport is not shared: leave no idle connection behind
	}

	// The resource identifier is the URL the client requested (RFC 9728,
	// Section 3.3): what went on the wire, so without the fragment and
	// the userinfo, which a client does not send in the request target.
	u := *resp.Request.URL
	u.Fragment, u.RawFragment, u.User = "", "", nil
	resource := u.String()

	challenges, err := wwwauth.ParseResponse(resp)
	if err != nil {
		return nil, &fetchError{what: "challenge", reason: "cannot be read", err: err}
	}
	metadataURL, err := challenges.ResourceMetadata()
	if errors.Is(err, wwwauth.ErrNoResourceMetadata) {
		metadataURL, err = "", nil // the well-known URLs, then
	}
	if err != nil {
		return nil, &fetchError{what: "challenge", reason: "resource_metadata is not a URL the client may fetch (" + err.Error() + ")", err: errors.Join(ErrRefused, err)}
	}
	scopes, err := challenges.Scope()
	if err != nil {
		return nil, &fetchError{what: "challenge", reason: "scope is not a list of scope-tokens (" + err.Error() + ")", err: err}
	}

	rm, rmURL, err := fetchResourceMetadata(ctx, client, metadataURL, resource)
	if err != nil {
		return nil, err
	}
	if len(rm.AuthorizationServers) == 0 {
		// RFC 9728 makes the member optional; the MCP authorization
		// specification requires at least one, and without one there
		// is nothing to discover.
		return nil, &fetchError{what: whatResource, reason: "authorization_servers is empty", err: ErrInvalidMetadata}
	}
	as, err := fetchAuthorizationServerMetadata(ctx, client, rm.AuthorizationServers[0])
	if err != nil {
		return nil, err
	}
	if len(scopes) == 0 {
		scopes = slices.Clone(rm.ScopesSupported)
	}
	return &Discovery{
		ResourceMetadataURL: rmURL,
		ResourceMetadata:    *rm,
		AuthorizationServer: *as,
		Scopes:              scopes,
		PKCE:                slices.Contains(as.CodeChallengeMethodsSupported, "S256"),
	}, nil
}
