// Package resourceserver is the OAuth 2.0 resource server role
// ([RFC 6749, Section 1.1]) of an HTTP server that takes access tokens, such
// as an MCP server: [RequireBearer] is middleware that answers a request
// without acceptable credentials with the 400, 401 or 403 and the
// WWW-Authenticate challenge RFC 6750, RFC 9449 and RFC 9728 prescribe, and
// hands the next handler the verified [TokenInfo]; [NewHandler] serves the
// protected resource metadata document of [RFC 9728] at the path
// [MetadataPath] derives from the resource identifier, the document the
// challenges point to.
//
// Token verification itself (a JWT signature, an introspection call) is
// the caller's [VerifyFunc]. The package depends on the standard library
// only.
//
// [RFC 6749, Section 1.1]: https://www.rfc-editor.org/rfc/rfc6749#section-1.1
// [RFC 9728]: https://www.rfc-editor.org/rfc/rfc9728
package resourceserver
