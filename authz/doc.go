// Package authz parses and serializes HTTP credentials: the Authorization
// and Proxy-Authorization header fields of [RFC 9110, Section 11], and the
// Basic ([RFC 7617]), Bearer ([RFC 6750]), DPoP ([RFC 9449]) and Digest
// ([RFC 7616]) schemes built on them; and it protects an OAuth 2.0 resource
// server with [RequireBearer].
//
// A server reads the credentials of a request with [Parse] and gets a
// Bearer token with [ParseBearer], a DPoP token with [ParseDPoP], a Digest
// response with [ParseDigest] or a Basic user and password with
// [ParseBasic] (and checks them with [CheckBasic], in constant time). A
// client builds them with [BearerCredentials], [DPoPCredentials],
// [Digest.Credentials] and [BasicCredentials], and writes them with
// [Credentials.String].
//
// [RequireBearer] is middleware for an OAuth 2.0 protected resource, such as
// an MCP server: it answers a request without acceptable credentials with
// the 400, 401 or 403 and the WWW-Authenticate challenge RFC 6750, RFC 9449
// and RFC 9728 prescribe, and hands the handler the verified [TokenInfo].
// Package [github.com/httpauth-go/httpauth/prm] serves the RFC 9728
// metadata document the challenges point to.
//
// # Secrets
//
// Credentials are secrets, and this package keeps them out of logs: no
// error it returns contains any byte of the header value; [fmt],
// [encoding/json] and [log/slog] print a [Credentials] in its redacted form;
// and
// [Credentials.Redacted] says which scheme and parameters were sent without
// their secret values. Only [Credentials.String], [Credentials.AppendText]
// and [Credentials.MarshalText] return the wire form, and they are meant for
// writing the header, not for logging it.
//
// # Strict and lenient parsing
//
// As in package wwwauth, parsing is strict by default and returns a
// [*SyntaxError] with the line and byte offset of the problem; a [Parser]
// with Lenient set recovers from malformed input and reports every recovery
// in a [*RecoveryError].
//
// [RFC 9110, Section 11]: https://www.rfc-editor.org/rfc/rfc9110#section-11
// [RFC 7617]: https://www.rfc-editor.org/rfc/rfc7617
// [RFC 6750]: https://www.rfc-editor.org/rfc/rfc6750
// [RFC 9449]: https://www.rfc-editor.org/rfc/rfc9449
// [RFC 7616]: https://www.rfc-editor.org/rfc/rfc7616
package authz
