// Package authclient is the client side of HTTP authentication: it
// answers the challenges of a 401 (or a proxy's 407) and, for a resource
// protected by OAuth 2.0 such as an MCP server, discovers from an
// untrusted 401 where and how to get a token — without letting the
// server that sent the 401 steer its requests.
//
// # Answering challenges
//
// Transport is an [http.RoundTripper] that answers challenges: on a 401
// or 407 it reads the challenges, picks the first handler the caller
// listed whose scheme the server offered (Basic, Digest of RFC 7616
// computed in full, Bearer from a token source with the MCP step-up on
// 403 insufficient_scope, or the caller's own), and retries once. It
// remembers what each protection space asked for and authenticates the
// next request to it pre-emptively; credentials never follow a redirect
// to another origin.
//
// # Discovering authorization
//
// [Discover] takes the 401 a resource answered and returns a [Discovery]:
// the resource's protected resource metadata ([RFC 9728]), the metadata of
// its authorization server ([RFC 8414], or OpenID Connect Discovery), the
// scopes to request and whether PKCE S256 is supported — what an OAuth
// client such as golang.org/x/oauth2 needs to run the authorization code
// flow. It follows the order of the [MCP authorization specification]:
// the challenge's resource_metadata URL, else the well-known URLs of the
// resource; then the authorization server's well-known URLs in turn. It
// checks that each document is about what the client asked for (RFC
// 9728, Section 3.3 and RFC 8414, Section 3.3) before using anything in
// it. [FetchResourceMetadata] and [FetchAuthorizationServerMetadata] do
// one step each, for clients that know a URL in advance or want another
// authorization server than the first one listed.
//
// # Fetching what a server named, safely
//
// Every URL in a challenge or a metadata document is chosen by whoever
// sent it, who may want the client to fetch what the server cannot
// reach itself: a cloud metadata service at 169.254.169.254, an admin
// port on 127.0.0.1, a host of the private network (server-side request
// forgery, [RFC 9728, Section 7.7]). [NewClient] makes the [http.Client]
// that this package's discovery uses unless told otherwise, and that a
// caller should use for the next hops (token endpoint, JWKS): https only,
// no connection to a loopback, private, link-local or otherwise internal
// address — checked when connecting, on the resolved address, so that DNS
// rebinding gains nothing —, every redirect checked the same way, no
// credentials carried to another origin, no proxy, and a timeout. Loopback
// (and plain http to it) is allowed only when the caller opts in, for
// development and tests.
//
// The fetching functions read at most 1 MiB of a 200 application/json
// response, and their errors say what failed (a status code, a content
// type that is not JSON, a document about another resource) without ever
// quoting what the server sent, so that an error shown or logged cannot
// leak the content of a response that should not have been fetched.
//
// The package uses the standard library only.
//
// [RFC 9728]: https://www.rfc-editor.org/rfc/rfc9728
// [RFC 8414]: https://www.rfc-editor.org/rfc/rfc8414
// [RFC 9728, Section 7.7]: https://www.rfc-editor.org/rfc/rfc9728#section-7.7
// [MCP authorization specification]: https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
package authclient
