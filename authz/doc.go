// Package authz parses and serializes HTTP credentials: the Authorization
// and Proxy-Authorization header fields of [RFC 9110, Section 11], and the
// Basic ([RFC 7617]) and Bearer ([RFC 6750]) schemes built on them.
//
// A server reads the credentials of a request with [Parse] and gets a
// Bearer token with [ParseBearer] or a Basic user and password with
// [ParseBasic]. A client builds them with [BearerCredentials] and
// [BasicCredentials] and writes them with [Credentials.String].
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
package authz
