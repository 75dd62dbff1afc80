// Package authz parses and writes HTTP credentials: the Authorization and
// Proxy-Authorization header fields of [RFC 9110, Section 11], and the
// Basic ([RFC 7617]), Bearer ([RFC 6750]), DPoP ([RFC 9449]) and Digest
// ([RFC 7616]) credentials built on them. It is the header and nothing
// else: the resource server that checks tokens is package resourceserver,
// the client that answers challenges package authclient.
//
// A server reads the credentials of a request with [Parse] and gets a
// Bearer token with [ParseBearer], a DPoP token with [ParseDPoP], a Digest
// response with [ParseDigest] or a Basic user and password with
// [ParseBasic] (and checks a static one with [CheckBasic], in constant
// time). A client builds them with [BearerCredentials], [DPoPCredentials],
// [Digest.Credentials] and [BasicCredentials], and writes them with [Set]
// or [SetProxy].
//
// # Secrets
//
// Credentials are secrets, and this package keeps them out of logs with no
// exception: no error it returns holds a byte of the header value, and
// every implicit rendering of [Credentials] and [Digest] (String, every fmt
// verb, encoding/json, encoding/xml, encoding.TextMarshaler, log/slog) is
// the redacted form, which says which scheme and parameters were sent
// without their secret values. Only [Credentials.WireForm], [Set] and
// [SetProxy] give the wire form, and their names say so.
//
// # Strict and lenient parsing
//
// As in package wwwauth, parsing is strict by default and returns a
// [*httpauth.SyntaxError] with the line and byte offset of the problem; a
// [Parser] with Lenient set recovers from malformed input, returns what it
// recovered with a nil error, and reports each recovery to its Recovered
// function.
//
// [RFC 9110, Section 11]: https://www.rfc-editor.org/rfc/rfc9110#section-11
// [RFC 7617]: https://www.rfc-editor.org/rfc/rfc7617
// [RFC 6750]: https://www.rfc-editor.org/rfc/rfc6750
// [RFC 9449]: https://www.rfc-editor.org/rfc/rfc9449
// [RFC 7616]: https://www.rfc-editor.org/rfc/rfc7616
package authz
