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
// The middleware is built for requests from anyone: it reads the
// Authorization field strictly, checks the JOSE header of a DPoP proof as
// RFC 7515 requires before the proof verifier sees it ([JOSEHeader]),
// writes no form of the token or the proof into a response or a log line,
// lets CORS preflights through and exposes its challenges to cross-origin
// scripts, and builds its challenges once, when it is configured
// ([Options]); a configuration that would break an RFC panics then, not
// on a request.
//
// Token verification itself (a JWT signature, an introspection call) is
// the caller's [VerifyFunc], and the JOSE cryptography of a DPoP proof its
// DPoPOptions.VerifyProof. The package depends on the standard library
// only.
//
// [RFC 6749, Section 1.1]: https://www.rfc-editor.org/rfc/rfc6749#section-1.1
// [RFC 9728]: https://www.rfc-editor.org/rfc/rfc9728
package resourceserver
