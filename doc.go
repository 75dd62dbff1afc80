// Package httpauth holds what every package of this module shares for the
// HTTP authentication fields of [RFC 9110, Section 11]: the auth-param
// ([Param]), the one syntax error every parser returns ([SyntaxError]), the
// recoveries a lenient parser reports ([Recovery]), the errors of
// serializing ([FormatError], [ParamError]) and the RFC 8187 ext-value
// codec ([DecodeExtValue], [EncodeExtValue]).
//
// The work is done by the packages below it:
//
//   - [github.com/httpauth-go/httpauth/wwwauth] parses and writes challenges:
//     the WWW-Authenticate and Proxy-Authenticate fields of a 401 or 407,
//     with typed Bearer, DPoP, Basic and Digest models, and the
//     Authentication-Info fields.
//   - [github.com/httpauth-go/httpauth/authz] parses and writes credentials:
//     the Authorization and Proxy-Authorization fields, with typed Basic,
//     Bearer, DPoP and Digest credentials that never print their secret.
//   - [github.com/httpauth-go/httpauth/resourceserver] is the OAuth 2.0
//     resource server role: middleware that answers 401 and 403 with the
//     right challenge, and the RFC 9728 metadata document.
//   - [github.com/httpauth-go/httpauth/authclient] is the client role: a
//     transport that answers Basic, Digest and Bearer challenges, and safe
//     discovery of authorization from an untrusted 401.
//
// # Errors
//
// Whichever package parsed, a syntax error is a [*SyntaxError]: one
// errors.As finds it, and its Line and Offset say where. The causes a
// caller acts on are [ErrTooLarge] (a parser limit) and [ErrDuplicateParam];
// the others are fixed messages that name what was expected. No error
// holds a byte of the input, so errors about credentials are safe to log.
//
// # Strict and lenient parsing
//
// Parsing is strict by default: it accepts exactly the grammar of RFC 9110
// and returns a [*SyntaxError] otherwise. A Parser with Lenient set recovers
// the obvious meaning of what real servers and clients send, returns it
// with a nil error, and reports each recovery to its Recovered function.
//
// [RFC 9110, Section 11]: https://www.rfc-editor.org/rfc/rfc9110#section-11
package httpauth
